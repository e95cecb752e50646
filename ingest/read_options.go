package ingest

import (
	"fmt"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/xlsx"
)

// Options control how a workbook is read and checked.
//
// Every limit below bounds what one file can cost, in memory and in time,
// whatever its bytes: a file past a limit is rejected with a message that
// says which, never read on at the expense of the other files of the run.
type Options struct {
	Agency      string            // inbox folder name; rows naming another agency (Kode Instansi) are errors
	Reference   *domain.Reference // districts, agencies, units (nil: built-in districts only, unit codes unchecked)
	UploadID    string            // stamped in every row's upload_id column
	FileName    string            // original name, used for period detection when reading from bytes
	MaxBadShare float64           // default 0.10: more rejected rows than this share rejects the file…
	MinBadRows  int               // default 3: …when at least this many rows are rejected (one or two typos never cost a small file its good rows)
	MaxRows     int               // default 1_000_000

	// Repeats names rows (by sheet row number) that repeat a row already
	// current for the month, with the sentence saying where it was first
	// sent: such a row is rejected (ErrRepeated) however good it is, and
	// does not count toward MaxBadShare. Run sets it when it reads an added
	// file again (docs/uploads.md, "Several files for one month").
	Repeats map[int]string

	// MaxUnzipSize bounds the declared uncompressed size of the whole
	// package and the bytes decompressed from any one part (zip bombs);
	// MaxXMLSize bounds the parts held in memory (workbook, relationships,
	// shared strings). Worksheets are streamed. Defaults 1 GiB / 256 MiB.
	MaxUnzipSize, MaxXMLSize int64

	// MaxSharedStrings and MaxSharedStringBytes bound the shared-string
	// table, which is held in memory while the sheet is read: its number of
	// strings and their total length in bytes. Defaults 4,000,000 and
	// 64 MiB. Excel writes each distinct text of a workbook there once; a
	// 1,000,000-row upload (MaxRows) has three or four columns of text that
	// differ from row to row (NIP, name, a training name or a suggestion)
	// of 20-40 bytes each, and the rest repeat.
	MaxSharedStrings     int
	MaxSharedStringBytes int64

	// MaxTextBytes bounds the cell text one sheet yields in one reading,
	// counted after shared strings are looked up, over the columns that are
	// read. A shared string may be used by any number of cells, so without
	// it a file of kilobytes could hand on gigabytes (one 32,767-character
	// string in every row). Default 64 MiB: a generated 200,000-row
	// attendance sheet carries 103 bytes of text a row, so this admits
	// some 650,000 such rows, where the largest district agency has at most
	// tens of thousands of staff (5.6 million ASN over 514 districts) and a
	// month's attendance is fewer rows than that. The accepted rows are
	// held in memory until they are written, so this is also their bound.
	MaxTextBytes int64

	// MaxColumns bounds the columns read in each row (Excel allows 16,384;
	// upload kinds have at most 21 and templates a few more): cells to the
	// right are skipped unread. Rows under the header are read only as far
	// as the header goes. Default 256: the header search looks at every
	// cell of the first 20 rows of every sheet, so this and MaxSheets
	// bound its work.
	MaxColumns int

	// MaxSheets bounds the sheets of a workbook, each searched for a
	// header. Default 256 (agencies keep a sheet per month or per unit:
	// tens, not hundreds).
	MaxSheets int

	Roster func(nip string) (nama string, ok bool) // optional: name check for kehadiran/evaluasi (warning)
}

// DefaultOptions returns the default limits: 10 % bad rows, a million rows,
// 1 GiB unzipped, 256 MiB of XML per part, 4 million shared strings of at
// most 64 MiB, 64 MiB of cell text per sheet, 256 columns and 256 sheets.
func DefaultOptions() Options {
	return Options{MaxBadShare: 0.10, MinBadRows: 3, MaxRows: 1_000_000, MaxUnzipSize: 1 << 30, MaxXMLSize: 256 << 20,
		MaxSharedStrings: 4_000_000, MaxSharedStringBytes: 64 << 20, MaxTextBytes: 64 << 20,
		MaxColumns: 256, MaxSheets: 256}
}

// Validate reports limits that cannot work.
func (o Options) Validate() error {
	switch {
	case o.MaxBadShare < 0 || o.MaxBadShare > 1:
		return fmt.Errorf("ingest options: MaxBadShare %v not in 0..1", o.MaxBadShare)
	case o.MaxRows < 1:
		return fmt.Errorf("ingest options: MaxRows %d < 1", o.MaxRows)
	case o.MaxUnzipSize < o.MaxXMLSize || o.MaxXMLSize < 1:
		return fmt.Errorf("ingest options: MaxUnzipSize %d must be ≥ MaxXMLSize %d > 0", o.MaxUnzipSize, o.MaxXMLSize)
	case o.MaxSharedStrings < 0 || o.MaxSharedStringBytes < 0 || o.MaxTextBytes < 0:
		return fmt.Errorf("ingest options: shared-string and text limits must not be negative")
	case o.MaxSharedStringBytes >= 1<<32:
		return fmt.Errorf("ingest options: MaxSharedStringBytes %d must be under 4 GiB", o.MaxSharedStringBytes)
	case o.MaxColumns < 0 || o.MaxColumns > xlsx.MaxColumns:
		return fmt.Errorf("ingest options: MaxColumns %d not in 1..%d", o.MaxColumns, xlsx.MaxColumns)
	case o.MaxSheets < 0:
		return fmt.Errorf("ingest options: MaxSheets %d must not be negative", o.MaxSheets)
	}
	return nil
}

// limits are the workbook reader's share of the options.
func (o Options) limits() xlsx.Limits {
	return xlsx.Limits{MaxUnzipSize: o.MaxUnzipSize, MaxXMLSize: o.MaxXMLSize, MaxSharedStrings: o.MaxSharedStrings,
		MaxSharedStringBytes: o.MaxSharedStringBytes, MaxTextBytes: o.MaxTextBytes, MaxSheets: o.MaxSheets}
}

// withDefaults fills zero limits with the defaults.
func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.MaxBadShare == 0 {
		o.MaxBadShare = d.MaxBadShare
	}
	if o.MinBadRows <= 0 {
		o.MinBadRows = d.MinBadRows
	}
	if o.MaxRows <= 0 {
		o.MaxRows = d.MaxRows
	}
	if o.MaxUnzipSize <= 0 {
		o.MaxUnzipSize = d.MaxUnzipSize
	}
	if o.MaxXMLSize <= 0 {
		o.MaxXMLSize = d.MaxXMLSize
	}
	if o.MaxXMLSize > o.MaxUnzipSize {
		o.MaxXMLSize = o.MaxUnzipSize
	}
	if o.MaxSharedStrings <= 0 {
		o.MaxSharedStrings = d.MaxSharedStrings
	}
	if o.MaxSharedStringBytes <= 0 || o.MaxSharedStringBytes >= 1<<32 {
		o.MaxSharedStringBytes = d.MaxSharedStringBytes
	}
	if o.MaxTextBytes <= 0 {
		o.MaxTextBytes = d.MaxTextBytes
	}
	if o.MaxColumns <= 0 || o.MaxColumns > xlsx.MaxColumns {
		o.MaxColumns = d.MaxColumns
	}
	if o.MaxSheets <= 0 {
		o.MaxSheets = d.MaxSheets
	}
	return o
}
