package officezip

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"
)

// small is a receipt-sized workbook: two sheets of a few dozen cells.
func small(tb testing.TB) *excelize.File {
	tb.Helper()
	f := excelize.NewFile()
	if _, err := f.NewSheet("Baris"); err != nil {
		tb.Fatal(err)
	}
	for r := 1; r <= 40; r++ {
		for c, v := range []any{fmt.Sprintf("Baris %d", r), r * 7, "Ditolak: NIP harus 18 angka"} {
			cell, _ := excelize.CoordinatesToCellName(c+1, r)
			if err := f.SetCellValue("Baris", cell, v); err != nil {
				tb.Fatal(err)
			}
		}
	}
	return f
}

// TestRoundTrip: a workbook saved through Writer opens again with every
// part and value as written (a broken deflate stream or a part left
// unflushed by the pool would fail here).
func TestRoundTrip(t *testing.T) {
	var bufs [3]bytes.Buffer
	for i := range bufs { // several saves: the pooled compressors are reused
		f := Use(small(t))
		if _, err := f.WriteTo(&bufs[i]); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	for i := range bufs {
		g, err := excelize.OpenReader(&bufs[i])
		if err != nil {
			t.Fatalf("save %d: %v", i, err)
		}
		rows, err := g.GetRows("Baris")
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 40 || rows[39][0] != "Baris 40" || rows[39][1] != "280" || rows[0][2] != "Ditolak: NIP harus 18 angka" {
			t.Errorf("save %d: rows %d, last %v", i, len(rows), rows[len(rows)-1])
		}
		if got := g.GetSheetList(); len(got) != 2 || got[1] != "Baris" {
			t.Errorf("save %d: sheets %v", i, got)
		}
		g.Close()
	}
}

// BenchmarkSave compares excelize's default zip writer with Writer on a
// receipt-sized workbook.
func BenchmarkSave(b *testing.B) {
	for _, tc := range []struct {
		name string
		use  func(*excelize.File) *excelize.File
	}{{"default", func(f *excelize.File) *excelize.File { return f }}, {"officezip", Use}} {
		b.Run(tc.name, func(b *testing.B) {
			var size int
			for b.Loop() {
				f := tc.use(small(b))
				var buf bytes.Buffer
				if _, err := f.WriteTo(&buf); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
				f.Close()
			}
			b.ReportMetric(float64(size), "bytes")
		})
	}
}
