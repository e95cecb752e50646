package ingest

import (
	"errors"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// Upload is what reading one workbook yields: what it is, its accepted rows
// as one Arrow record, and every problem found, ready for the receipt.
type Upload struct {
	File   string // path as given
	Sheet  string // the sheet whose headers matched
	Agency string // from the inbox folder (Options.Agency)
	Kind   domain.Kind
	Period domain.Period

	HeaderRow int      // 1-based row number of the header
	Title     []string // the text cells above the header (title rows), cleaned, at most maxTitle
	Header    []string // the header cells as written
	Extra     []string // columns present but not in the schema (ignored, reported)
	Notes     []string // Indonesian remarks for the receipt (e.g. the U8/U9 mapping used)

	RowsRead     int
	RowsAccepted int
	RowsRejected int
	// Repeated counts the rejected rows that only repeat a row already
	// current for the month (Options.Repeats); they are listed among the
	// Warnings, not the Problems: there is nothing in them to fix.
	Repeated int

	// Record holds the accepted rows with the kind's Arrow schema plus
	// upload_id and source_row; nil when nothing was accepted. The caller
	// releases it.
	Record arrow.RecordBatch

	Problems []*RowError      // errors that rejected rows (a row may have several)
	Warnings []*RowError      // remarks that did not reject the row (e.g. a name differing from the roster)
	Raw      map[int][]string // original cells of each rejected row, by row number, for the receipt
	Date1904 bool             // the workbook counts dates from 1904: how the serials in Raw read

	Status lake.Status // Accepted, Partial or Rejected
	Err    *FileError  // why the whole file was rejected; nil otherwise

	// Named lists the distinct Kode Instansi values of the rows, as
	// written (at most maxNamed), when the file was read without an
	// agency (Options.Agency empty): Check tells the agency from them.
	Named []string

	// draft is Record's lake file but for its footer, when ingest's
	// reader drafted it (parquetDraft); nil otherwise.
	draft *parquetDraft
}

// maxTitle bounds Upload.Title: titles are a line or two above the header.
const maxTitle = 20

// maxNamed bounds Upload.Named: two values already mean the rows disagree.
const maxNamed = 5

// nameAgency records a Kode Instansi value of a row read without an agency.
func (u *Upload) nameAgency(v string) {
	for _, n := range u.Named {
		if n == v {
			return
		}
	}
	if len(u.Named) < maxNamed {
		u.Named = append(u.Named, v)
	}
}

// RowError is one problem in one cell (or row) of an upload. Err is a
// sentinel (ErrRequired, ErrNIPNumber, …) to test with errors.Is; Message is
// the sentence shown to the agency, in Indonesian, saying what to fix.
type RowError struct {
	File    string
	Sheet   string
	Row     int    // 1-based sheet row
	Column  string // header as written in the file, or the schema's name
	Value   string // the raw cell value
	Err     error
	Message string
}

func (e *RowError) Error() string {
	return fmt.Sprintf("%s: sheet %q row %d column %q value %q: %v", e.File, e.Sheet, e.Row, e.Column, e.Value, e.Err)
}

func (e *RowError) Unwrap() error { return e.Err }

// FileError is why a whole file was rejected.
type FileError struct {
	File    string
	Err     error  // a sentinel below
	Message string // Indonesian, says what to do
}

func (e *FileError) Error() string { return fmt.Sprintf("%s: %v", e.File, e.Err) }

func (e *FileError) Unwrap() error { return e.Err }

// Whole-file rejection causes.
var (
	ErrFormat         = errors.New("not an .xlsx or .xlsm workbook")
	ErrEncrypted      = errors.New("workbook is password-protected")
	ErrCorrupt        = errors.New("workbook cannot be read")
	ErrTooLarge       = errors.New("file exceeds a size limit")
	ErrTooManyRows    = errors.New("too many rows")
	ErrEmpty          = errors.New("workbook has no data rows")
	ErrUnknownHeaders = errors.New("headers match no upload kind")
	ErrAmbiguousSheet = errors.New("more than one sheet matches an upload kind")
	// ErrAmbiguousPackage: two parts of the zip have one name (exactly, or
	// but for case or slashes), so which one Excel would read is a guess.
	ErrAmbiguousPackage = errors.New("workbook has two parts with one name")
	ErrNoPeriod         = errors.New("reporting period cannot be determined")
	ErrPeriodConflict   = errors.New("reporting period sources disagree")
	ErrTooManyBadRows   = errors.New("share of rejected rows exceeds the limit")
	ErrHeldBack         = errors.New("file overlaps the month's current rows: neither an addition nor a replacement")
	ErrUnknownAgency    = errors.New("agency is not in the reference data")
	ErrNoAgency         = errors.New("agency cannot be determined") // Check: outside the inbox, no --agency, rows name none or several
)
