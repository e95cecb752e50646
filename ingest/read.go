package ingest

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/internal/xlsx"
)

// maxKeptProblems and maxKeptBytes bound the rejected rows (and warnings)
// kept for the receipt, in number and in bytes of text, so that a huge
// all-bad file is still read in bounded memory; all are counted, and the
// receipt says how many were left out. 16 MiB is far more than anyone reads
// in a receipt, and no row of the first maxKeptProblems is dropped unless
// its cells are long.
const (
	maxKeptProblems = 50_000
	maxKeptBytes    = 16 << 20
)

// ReadFile reads the workbook at path. It never panics and never returns
// nil: every problem is in the Upload (Err for the whole file, Problems and
// Warnings for rows).
func ReadFile(path string, opts Options) *Upload {
	if opts.FileName == "" {
		opts.FileName = filepath.Base(path)
	}
	f, err := os.Open(path)
	if err != nil {
		u := newUpload(path, opts)
		return u.reject(ErrCorrupt, msgFileOpen(err.Error()))
	}
	defer f.Close()
	u := Read(f, opts)
	u.File = path
	if u.Err != nil {
		u.Err.File = path
	}
	for _, e := range u.Problems {
		e.File = path
	}
	for _, e := range u.Warnings {
		e.File = path
	}
	return u
}

// Read reads a workbook from r; opts.FileName names it (for the period and
// the messages). It never panics and never returns nil.
func Read(r io.Reader, opts Options) (u *Upload) {
	opts = opts.withDefaults()
	u = newUpload(opts.FileName, opts)
	defer func() {
		if p := recover(); p != nil {
			if u.Record != nil {
				u.Record.Release()
				u.Record = nil
			}
			u.Problems, u.Raw = nil, nil
			u.reject(ErrCorrupt, msgBookInvalid)
		}
	}()
	if err := checkExtension(opts.FileName); err != nil {
		return u.reject(ErrFormat, msgFormat(opts.FileName))
	}
	limit := opts.MaxUnzipSize
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return u.reject(ErrCorrupt, msgFileUnreadable(err.Error()))
	}
	if int64(len(b)) > limit {
		return u.reject(ErrTooLarge, msgFileTooLarge(sizeLabel(limit)))
	}
	if len(b) == 0 {
		return u.reject(ErrEmpty, msgFileEmpty)
	}
	if err, msg := sniff(b); err != nil {
		return u.reject(err, msg)
	}
	bk, err := xlsx.Open(b, opts.limits())
	if err != nil {
		return u.reject(openError(err, opts))
	}
	rd := newReader(bk, u, opts)
	rd.read()
	return u
}

func newUpload(file string, opts Options) *Upload {
	return &Upload{File: file, Agency: opts.Agency, Status: lake.Rejected}
}

// reject marks the whole upload rejected.
func (u *Upload) reject(err error, msg string) *Upload {
	u.Status = lake.Rejected
	u.Err = &FileError{File: u.File, Err: err, Message: msg}
	if u.Record != nil {
		u.Record.Release()
		u.Record = nil
	}
	u.RowsAccepted = 0
	return u
}

// checkExtension accepts .xlsx and .xlsm (and a name without extension,
// left to the magic bytes).
func checkExtension(name string) error {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm", "":
		return nil
	}
	return ErrFormat
}

// openError maps a workbook reading error to a cause and message.
func openError(err error, opts Options) (error, string) {
	detail := bookDetail(err)
	switch {
	case errors.Is(err, xlsx.ErrTooLarge):
		return ErrTooLarge, msgUnzipTooLarge(sizeLabel(opts.MaxUnzipSize), sizeLabel(min(opts.MaxXMLSize, xlsx.MaxStructPart)))
	case errors.Is(err, xlsx.ErrODS):
		return ErrFormat, msgFormat("x.ods")
	case errors.Is(err, xlsx.ErrWord):
		return ErrFormat, msgWord
	case errors.Is(err, xlsx.ErrSlides):
		return ErrFormat, msgSlides
	case errors.Is(err, xlsx.ErrZip):
		return ErrFormat, msgZip
	case errors.Is(err, xlsx.ErrTooManyRows):
		return ErrTooManyRows, msgSheetRows
	case errors.Is(err, xlsx.ErrAmbiguous):
		return ErrAmbiguousPackage, msgAmbiguousParts(detail)
	case errors.Is(err, xlsx.ErrTooManySheets):
		return ErrTooLarge, msgTooManySheets(detail, opts.MaxSheets)
	case errors.Is(err, xlsx.ErrSharedStrings):
		return ErrTooLarge, msgSharedStrings(thousands(opts.MaxSharedStrings), sizeLabel(opts.MaxSharedStringBytes))
	case errors.Is(err, xlsx.ErrText):
		return ErrTooLarge, msgTextTooLarge(sizeLabel(opts.MaxTextBytes))
	case errors.Is(err, xlsx.ErrCellTooLong):
		where := msgSomeCell
		if strings.HasPrefix(detail, "sst ") {
			where = msgSharedText(strings.TrimPrefix(detail, "sst "))
		} else if detail != "" {
			where = msgCellAt(detail)
		}
		return ErrCorrupt, msgCellTooLong(where)
	case errors.Is(err, xlsx.ErrSharedStringIndex):
		return ErrCorrupt, msgSharedStringIndex(detail)
	case errors.Is(err, xlsx.ErrCellOrder):
		return ErrCorrupt, msgCellOrder(detail)
	case errors.Is(err, xlsx.ErrEncoding):
		return ErrCorrupt, msgEncoding(detail)
	}
	return ErrCorrupt, msgDamaged
}

// bookDetail is the Detail of an *xlsx.Error in err, or "".
func bookDetail(err error) string {
	var xe *xlsx.Error
	if errors.As(err, &xe) {
		return xe.Detail
	}
	return ""
}

// thousands formats n the Indonesian way: 4.000.000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

// clipRunes shortens s to at most n runes, marking the cut with "…".
func clipRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}

func sizeLabel(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d byte", n)
}

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// looksLikeText reports whether the start of b is printable text (CSV, TSV).
func looksLikeText(b []byte) bool {
	if len(b) > 512 {
		b = b[:512]
	}
	for _, c := range b {
		if c < 0x09 || c > 0x0d && c < 0x20 {
			return false
		}
	}
	return true
}
