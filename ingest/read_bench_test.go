package ingest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// kehadiranWorkbook writes an n-row attendance workbook the way the sample
// generator and Excel do: a streamed sheet, NIPs as text, dates as serials.
func kehadiranWorkbook(tb testing.TB, n int) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	header := []any{"NIP", "Nama", "Nama Pelatihan", "Jenis Pengembangan", "Kategori", "Penyelenggara", "Tanggal Mulai",
		"Tanggal Selesai", "JP", "Status Kehadiran", "Mode", "Lokasi"}
	if err := sw.SetRow("A1", header); err != nil {
		tb.Fatal(err)
	}
	kinds := []string{"Bimbingan Teknis", "E-Learning", "Workshop", "Seminar", "Coaching"}
	places := []string{"Kota Ambon", "Kabupaten Buru", "81.03", "Tual", ""}
	for i := 0; i < n; i++ {
		seq := i%999 + 1
		nip := "1986092620150510" + itoa(seq/100) + itoa(seq%100/10) // 18 digits, varied
		nip = nip[:16] + twoDigits(seq%100)
		if nip[15:] == "000" {
			nip = nip[:17] + "1"
		}
		row := []any{
			nip, "Pegawai " + itoa(i), "Pelatihan " + itoa(i), kinds[i%5], "Teknis", "BPSDM Maluku",
			46296 + i%10, 46297 + i%10 + i%3, 8 + i%16, "Hadir", "Luring", places[i%5],
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			tb.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkRead reads a 100,000-row attendance workbook (12 columns) and
// reports cells per second, and per CPU-second of the whole test process
// (GC included), which a busy machine disturbs less.
func BenchmarkRead(b *testing.B) {
	const rows = 100_000
	path := filepath.Join(b.TempDir(), "kehadiran_2026-10.xlsx")
	if err := os.WriteFile(path, kehadiranWorkbook(b, rows), 0o644); err != nil {
		b.Fatal(err)
	}
	opts := DefaultOptions()
	opts.MaxBadShare = 1
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU()
	for i := 0; i < b.N; i++ {
		u := ReadFile(path, opts)
		if u.Err != nil || u.RowsRead != rows || u.RowsRejected != 0 {
			b.Fatalf("ReadFile: %v, %d rows read, %d rejected", u.Err, u.RowsRead, u.RowsRejected)
		}
		if u.Record != nil {
			u.Record.Release()
		}
	}
	b.ReportMetric(float64(rows*12*b.N)/b.Elapsed().Seconds(), "cells/s")
	if cpu := processCPU() - cpu; cpu > 0 {
		b.ReportMetric(float64(rows*12*b.N)/cpu.Seconds(), "cells/cpu-s")
	}
}
