package ingest

import (
	"fmt"

	"github.com/pantau-asn/pantau/internal/domain"
)

// Options control how a workbook is read and checked.
type Options struct {
	Agency      string            // inbox folder name; rows naming another agency (Kode Instansi) are errors
	Reference   *domain.Reference // districts, agencies, units (nil: built-in districts only, unit codes unchecked)
	UploadID    string            // stamped in every row's upload_id column
	FileName    string            // original name, used for period detection when reading from bytes
	MaxBadShare float64           // default 0.10: more rejected rows than this share rejects the file
	MaxRows     int               // default 1_000_000

	// MaxUnzipSize bounds the declared uncompressed size of the whole
	// package and the bytes decompressed from any one part (zip bombs);
	// MaxXMLSize bounds the parts held in memory (workbook, relationships,
	// shared strings). Worksheets are streamed. Defaults 1 GiB / 256 MiB.
	MaxUnzipSize, MaxXMLSize int64

	Roster func(nip string) (nama string, ok bool) // optional: name check for kehadiran/evaluasi (warning)
}

// DefaultOptions returns the default limits: 10 % bad rows, a million rows,
// 1 GiB unzipped, 256 MiB of XML per part.
func DefaultOptions() Options {
	return Options{MaxBadShare: 0.10, MaxRows: 1_000_000, MaxUnzipSize: 1 << 30, MaxXMLSize: 256 << 20}
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
	}
	return nil
}

// withDefaults fills zero limits with the defaults.
func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.MaxBadShare == 0 {
		o.MaxBadShare = d.MaxBadShare
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
	return o
}
