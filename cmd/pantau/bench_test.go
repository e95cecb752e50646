package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// Whole-process benchmarks: the real binary, timed from outside, CPU
// from the child's rusage. `make bench` prints their figures in its
// summary (scripts/bench-summary).

// benchBinary builds bin/pantau for the benchmarks, once per run.
func benchBinary(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "pantau")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// timed runs the binary with args and returns its wall and CPU time (user
// and system); an exit code other than 0 or one of ok fails the benchmark
// with stderr.
func timed(b *testing.B, bin string, args []string, ok ...int) (wall, cpu time.Duration) {
	wall, user, sys := timedSys(b, bin, args, ok...)
	return wall, user + sys
}

// timedSys is timed with the CPU time as user and system time.
func timedSys(b *testing.B, bin string, args []string, ok ...int) (wall, user, sys time.Duration) {
	b.Helper()
	var errb strings.Builder
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = io.Discard, &errb
	start := time.Now()
	if err := cmd.Run(); err != nil {
		ee, isExit := err.(*exec.ExitError)
		if !isExit || !slices.Contains(ok, ee.ExitCode()) {
			b.Fatalf("pantau %s: %v\n%s", strings.Join(args, " "), err, errb.String())
		}
	}
	return time.Since(start), cmd.ProcessState.UserTime(), cmd.ProcessState.SystemTime()
}

// BenchmarkProvinceYear is a province's year end to end, as an operator
// runs it: on `pantau sample --scale province` (59,040 ASN, about 428
// files, 671k rows; generated once, not timed), `init`, `ingest` and
// `report --period 2025-12`. It reports the three commands' wall and CPU
// seconds, and ingest's CPU against `pantau validate` of the same files
// (which reads and checks everything and writes nothing): the write
// side's cost as a ratio. It also reports both commands' system time:
// ingest's is the kernel's share of its write side (creating, writing,
// fsyncing and renaming some 1,300 files), which validate, writing
// nothing, does not have.
func BenchmarkProvinceYear(b *testing.B) {
	bin := benchBinary(b)
	src := filepath.Join(b.TempDir(), "sample")
	if _, _, err := runBin(bin, "sample", "--out", src, "--scale", "province", "--seed", "1"); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var wall, cpu, ingestCPU, validateCPU, ingestSys, validateSys time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := filepath.Join(b.TempDir(), fmt.Sprint("run", i))
		if err := exec.Command("cp", "-a", src, dir).Run(); err != nil {
			b.Fatal(err)
		}
		// The copy's dirty pages are written out now, not by ingest's
		// first fsyncs.
		syscall.Sync()
		b.StartTimer()
		for _, args := range [][]string{{"init"}, {"validate"}, {"ingest"}, {"report", "--period", "2025-12"}} {
			if args[0] == "validate" {
				// Not part of the year: validate sees the files as ingest
				// will (agency from the folder, the sample's reference data).
				b.StopTimer()
				files, _ := filepath.Glob(filepath.Join(dir, "inbox", "*", "*"))
				_, u, s := timedSys(b, bin, append([]string{"validate", "--dir", dir}, files...), exitInvalid)
				validateCPU, validateSys = validateCPU+u+s, validateSys+s
				b.StartTimer()
				continue
			}
			w, u, s := timedSys(b, bin, append([]string{"--dir", dir}, args...))
			wall, cpu = wall+w, cpu+u+s
			if args[0] == "ingest" {
				ingestCPU, ingestSys = ingestCPU+u+s, ingestSys+s
			}
		}
	}
	n := float64(b.N)
	b.ReportMetric(wall.Seconds()/n, "e2e-wall-s")
	b.ReportMetric(cpu.Seconds()/n, "e2e-cpu-s")
	b.ReportMetric(ingestCPU.Seconds()/n, "ingest-cpu-s")
	b.ReportMetric(validateCPU.Seconds()/n, "validate-cpu-s")
	b.ReportMetric(ingestCPU.Seconds()/validateCPU.Seconds(), "ingest/validate")
	b.ReportMetric(ingestSys.Seconds()/n, "ingest-sys-s")
	b.ReportMetric(validateSys.Seconds()/n, "validate-sys-s")
}

// runBin runs the binary and returns its output.
func runBin(bin string, args ...string) (string, string, error) {
	var out, errb strings.Builder
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if err != nil {
		err = fmt.Errorf("pantau %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	return out.String(), errb.String(), err
}

// BenchmarkValidateLibreOffice is `pantau validate` on a 100,000 × 12
// attendance workbook as desktop office software saves it: written, then
// opened and saved again by LibreOffice (shared strings, a styles part,
// dates as styled numbers). The converted file is kept in
// $TMPDIR/pantau-bench/ (LibreOffice takes a minute). It reports cells per
// CPU-second of the whole process.
func BenchmarkValidateLibreOffice(b *testing.B) {
	const rows, cols = 100_000, 12
	bin := benchBinary(b)
	path := libreOfficeWorkbook(b, rows)
	// A data directory with the demo's reference data, so that the file's
	// agency and districts are known, as in production.
	dir := filepath.Join(b.TempDir(), "data")
	if _, _, err := runBin(bin, "--dir", dir, "init"); err != nil {
		b.Fatal(err)
	}
	ref, err := os.ReadFile("../../sample-data/demo/referensi.xlsx")
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "referensi.xlsx"), ref, 0o644); err != nil {
		b.Fatal(err)
	}
	args := []string{"--dir", dir, "--agency", "kota-ambon", path}
	if out, _, _ := runBin(bin, append([]string{"validate"}, args...)...); !strings.Contains(out, fmt.Sprintf("%d dibaca, %d diterima", rows, rows)) {
		b.Fatalf("validate does not accept all %d rows:\n%s", rows, out)
	}
	b.ResetTimer()
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		_, c := timed(b, bin, append([]string{"validate"}, args...), exitInvalid)
		cpu += c
	}
	b.ReportMetric(float64(rows*cols*b.N)/cpu.Seconds(), "cells/cpu-s")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s")
}

// libreOfficeWorkbook returns the LibreOffice-saved attendance workbook,
// making it when it is not cached.
func libreOfficeWorkbook(b *testing.B, rows int) string {
	b.Helper()
	cache := filepath.Join(os.TempDir(), "pantau-bench")
	out := filepath.Join(cache, fmt.Sprintf("kehadiran %d baris 2025-03.xlsx", rows))
	if _, err := os.Stat(out); err == nil {
		return out
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		b.Fatal(err)
	}
	src := filepath.Join(b.TempDir(), filepath.Base(out))
	writeAttendance(b, src, rows)
	lo := exec.Command("libreoffice", "--headless", "--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", cache, src)
	lo.Env = append(os.Environ(), "HOME="+b.TempDir())
	if msg, err := lo.CombinedOutput(); err != nil {
		b.Fatalf("libreoffice --convert-to xlsx: %v\n%s", err, msg)
	}
	if _, err := os.Stat(out); err != nil {
		b.Fatalf("libreoffice wrote no %s", out)
	}
	return out
}

// writeAttendance writes an attendance workbook of rows rows in the
// template's 12 columns (NIPs as text, dates as real dates).
func writeAttendance(b *testing.B, path string, rows int) {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	head := []any{"NIP", "Nama", "Kode Instansi", "Nama Pelatihan", "Jenis Pengembangan", "Kategori", "Penyelenggara",
		"Tanggal Mulai", "Tanggal Selesai", "JP", "Status Kehadiran", "Mode"}
	if err := sw.SetRow("A1", head); err != nil {
		b.Fatal(err)
	}
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	textStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 49}) // the template's NIP column: Text
	forms := []string{"Pelatihan", "Seminar", "Workshop", "Bimbingan Teknis", "E-Learning"}
	modes := []string{"Luring", "Daring", "Campuran"}
	for i := 0; i < rows; i++ {
		day := time.Date(2025, 3, 1+i%28, 0, 0, 0, 0, time.UTC)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		// 18 digits: born 19YYMMDD, appointed 201505, sex 1, sequence — one person a row.
		nip := fmt.Sprintf("19%02d%02d%02d2015051%03d", 60+i%40, 1+i/40%12, 1+i/480%28, 1+i/13440%999)
		row := []any{excelize.Cell{StyleID: textStyle, Value: nip}, fmt.Sprintf("Pegawai %d", i%5000), "kota-ambon",
			fmt.Sprintf("Pelatihan %d", i%40), forms[i%len(forms)], "Teknis", "BPSDM Maluku",
			excelize.Cell{StyleID: dateStyle, Value: day}, excelize.Cell{StyleID: dateStyle, Value: day.AddDate(0, 0, 1)},
			float64(2 + i%8), "Hadir", modes[i%len(modes)]}
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
}
