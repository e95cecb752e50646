package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
)

// kehadiranHeader is the header row of the generated attendance workbooks.
var kehadiranHeader = []any{"NIP", "Nama", "Nama Pelatihan", "Jenis Pengembangan", "Tanggal Mulai",
	"Tanggal Selesai", "JP", "Status Kehadiran", "Mode"}

// testNIP is a valid PNS NIP: born 1986-09-26, appointed 2015-05, male, sequence i.
func testNIP(i int) string { return fmt.Sprintf("19860926201505%d%03d", 1+i/999%2, 1+i%999) }

// kehadiranRow is row i of a generated attendance upload for period p; a bad
// row has an NIP typed as a number (rejected with a message).
func kehadiranRow(p domain.Period, i int, bad bool) []any {
	nip := any(testNIP(i))
	if bad {
		nip = 1.98609262015051e17
	}
	day := 1 + i%27
	d := fmt.Sprintf("%02d/%02d/%04d", day, int(p.Month), p.Year)
	return []any{nip, fmt.Sprintf("Pegawai %d", i), "Pelayanan Prima", "Bimbingan Teknis", d, d, 8 + i%3, "Hadir", "Luring"}
}

// writeKehadiran writes an attendance workbook of rows rows for period p
// (name carries the period), badEvery > 0 making every badEvery-th row bad.
// tag is written into the names so that two files with the same rows differ.
func writeKehadiran(tb testing.TB, path string, p domain.Period, rows, badEvery int, tag string, mtime time.Time) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	if err := sw.SetRow("A1", kehadiranHeader); err != nil {
		tb.Fatal(err)
	}
	for i := 0; i < rows; i++ {
		row := kehadiranRow(p, i, badEvery > 0 && i%badEvery == badEvery-1)
		row[2] = fmt.Sprintf("Pelayanan Prima %s %d", tag, i/1998)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			tb.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		tb.Fatal(err)
	}
	if !mtime.IsZero() {
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			tb.Fatal(err)
		}
	}
}
