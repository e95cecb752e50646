// Package officezip is the zip writer Pantau saves its workbooks with
// (receipts, templates, reference and summary workbooks): excelize's
// default, archive/zip with the standard library's deflate, spends most of
// a small workbook's save on setting up and running a fresh compressor for
// each of its dozen parts. Here deflate is klauspost/compress's fastest
// level, and compressors are pooled across parts and workbooks.
package officezip

import (
	"archive/zip"
	"io"
	"sync"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// level is klauspost's fastest matching level: office parts are small,
// repetitive XML, which it still packs to a few percent of their size.
const level = flate.BestSpeed

var pool = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, level) // level is valid: no error
	return w
}}

// pooled returns its flate.Writer to the pool when closed.
type pooled struct{ *flate.Writer }

func (p pooled) Close() error {
	err := p.Writer.Close()
	pool.Put(p.Writer)
	return err
}

func compressor(w io.Writer) (io.WriteCloser, error) {
	fw := pool.Get().(*flate.Writer)
	fw.Reset(w)
	return pooled{fw}, nil
}

// Writer is an excelize.File's ZipWriter: a zip.Writer whose Deflate
// method is the pooled fast compressor.
func Writer(w io.Writer) excelize.ZipWriter { return NewZip(w) }

// Use makes f save through Writer and returns f.
func Use(f *excelize.File) *excelize.File { return f.SetZipWriter(Writer) }

// NewZip returns a zip.Writer on w whose Deflate method is the pooled fast
// compressor.
func NewZip(w io.Writer) *zip.Writer {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, compressor)
	return zw
}
