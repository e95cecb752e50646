package ingest

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// benchWorkbook generates (once per benchmark) an attendance workbook of
// rows rows, 1 in 100 of them bad, and returns its path.
func benchWorkbook(b *testing.B, rows int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "kehadiran_2025-03.xlsx")
	writeKehadiran(b, path, march, rows, 100, "bench", testDrop)
	return path
}

// benchInbox makes a fresh data directory whose inbox holds a copy of src.
func benchInbox(b *testing.B, src string) lake.Dir {
	b.Helper()
	dir := lake.Dir(b.TempDir())
	if err := dir.Init(); err != nil { // ingest refuses a directory that is not a data directory
		b.Fatal(err)
	}
	data, err := os.ReadFile(src)
	if err != nil {
		b.Fatal(err)
	}
	dst := filepath.Join(dir.InboxOf("kota-ambon"), filepath.Base(src))
	writeAt(b, dst, string(data), testDrop)
	return dir
}

// BenchmarkIngest runs the whole ingest (read, validate, Parquet, receipt,
// ledger, archive) of one generated 100,000-row attendance workbook and
// reports cells per second (rows × the workbook's 9 columns).
func BenchmarkIngest(b *testing.B) {
	const rows, cols = 100_000, 9
	src := benchWorkbook(b, rows)
	info, _ := os.Stat(src)
	b.SetBytes(info.Size())
	b.ResetTimer()
	var elapsed, cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := benchInbox(b, src)
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		sum, err := Run(context.Background(), dir, DefaultConfig(), testNow, nil)
		elapsed += time.Since(start)
		cpu += cpuTime() - cpu0
		if err != nil || sum.Partial != 1 {
			b.Fatalf("Run = %+v, %v; want one partial upload", sum, err)
		}
	}
	b.ReportMetric(float64(rows*cols*b.N)/elapsed.Seconds(), "cells/s")
	b.ReportMetric(float64(rows*cols*b.N)/cpu.Seconds(), "cells/cpu-s")
}

// cpuTime is this process's user + system CPU time: throughput per core,
// independent of how busy the machine is.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkIngestPeakMemory runs the real binary on a generated
// 500,000-row attendance workbook and reports the child's peak resident
// memory (ru_maxrss) in MB and its cells per second.
func BenchmarkIngestPeakMemory(b *testing.B) {
	const rows, cols = 500_000, 9
	bin := buildPantau(b)
	src := benchWorkbook(b, rows)
	info, _ := os.Stat(src)
	b.Logf("workbook: %d rows, %.1f MB", rows, float64(info.Size())/(1<<20))
	b.ResetTimer()
	var peak int64
	var elapsed, cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := benchInbox(b, src)
		b.StartTimer()
		cmd := exec.Command(bin, "--dir", dir.Root(), "ingest")
		cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
		start := time.Now()
		if err := cmd.Run(); err != nil {
			b.Fatalf("pantau ingest: %v", err)
		}
		elapsed += time.Since(start)
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru.Maxrss > peak {
			peak = ru.Maxrss // KiB on Linux
		}
		l, err := dir.LoadLedger()
		if err != nil || len(l.Current(domain.Kehadiran)) != 1 {
			b.Fatalf("ledger after ingest: %v, %v; want one current upload", l, err)
		}
	}
	b.ReportMetric(float64(peak)/1024, "peak-MB")
	b.ReportMetric(float64(rows*cols*b.N)/elapsed.Seconds(), "cells/s")
	b.ReportMetric(float64(rows*cols*b.N)/cpu.Seconds(), "cells/cpu-s")
}
