package transform_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	sampledata "github.com/pantau-asn/pantau/sample-data"
	"github.com/pantau-asn/pantau/transform"
)

// benchPeriod is the December of the synthetic lakes' year.
var benchPeriod = domain.Period{Year: sampledata.NationalYear, Month: time.December}

// BenchmarkMetrics times every metric table for one period on a
// province-sized synthetic lake (60,000 ASN over 11 districts).
func BenchmarkMetrics(b *testing.B) {
	dir := lake.Dir(b.TempDir())
	if err := sampledata.WriteSyntheticLake(context.Background(), dir, 1, 60_000, 11); err != nil {
		b.Fatal(err)
	}
	compactLake(b, dir)
	benchRun(b, dir)
}

// BenchmarkMetricsNational times every metric table for one period on a
// national-scale lake: ≈5.5 million ASN over 514 districts, ≈24 million
// attendance rows, ≈5 million survey responses, a year of evaluations.
// The lake is generated once into $PANTAU_NATIONAL_DIR (default
// /tmp/pantau-national) and reused; PANTAU_NATIONAL_ASN changes the scale;
// PANTAU_BENCH_NATIONAL=0 skips it. Like `pantau ingest`, the benchmark
// compacts the lake (transform.Compact, logged when it has work) before the
// metrics are timed. Reported: seconds per table, the total, and the
// process's peak resident memory during the metrics (VmHWM, reset after
// generation and compaction).
func BenchmarkMetricsNational(b *testing.B) {
	dir := nationalLake(b)
	compactLake(b, dir)
	benchRun(b, dir)
}

// nationalLake returns the cached national lake, generating it when absent.
func nationalLake(b *testing.B) lake.Dir {
	if os.Getenv("PANTAU_BENCH_NATIONAL") == "0" {
		b.Skip("PANTAU_BENCH_NATIONAL=0")
	}
	path := os.Getenv("PANTAU_NATIONAL_DIR")
	if path == "" {
		path = filepath.Join(os.TempDir(), "pantau-national")
	}
	asn := 5_500_000
	if s := os.Getenv("PANTAU_NATIONAL_ASN"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatalf("PANTAU_NATIONAL_ASN=%q: %v", s, err)
		}
		asn = n
	}
	dir := lake.Dir(path)
	if !sampledata.NationalLakeReady(dir) {
		start := time.Now()
		if err := sampledata.WriteNationalLake(context.Background(), dir, 1, asn); err != nil {
			b.Fatal(err)
		}
		b.Logf("generated national lake (%d ASN) in %s at %s", asn, time.Since(start).Round(time.Second), path)
	}
	return dir
}

// compactLake runs transform.Compact on dir, logging the work it did.
func compactLake(b *testing.B, dir lake.Dir) {
	st, err := transform.Compact(context.Background(), dir, nil)
	if err != nil {
		b.Fatal(err)
	}
	if st.Written > 0 {
		b.Logf("compacted %d of %d sets (%d rows) in %s", st.Written, st.Sets, st.Rows, st.Duration.Round(time.Millisecond))
	}
}

func benchRun(b *testing.B, dir lake.Dir) {
	resetPeak()
	b.ResetTimer()
	var total time.Duration
	timings := map[string]time.Duration{}
	runs := 0
	for b.Loop() {
		start := time.Now()
		res, err := transform.Run(context.Background(), dir, transform.DefaultParams(benchPeriod))
		if err != nil {
			b.Fatal(err)
		}
		total += time.Since(start)
		for k, v := range res.Timings {
			timings[k] += v
		}
		if runs == 0 && os.Getenv("PANTAU_BENCH_SUMS") != "" {
			b.StopTimer()
			logSums(b, res)
			b.StartTimer()
		}
		res.Release()
		runs++
	}
	b.StopTimer()
	names := make([]string, 0, len(timings))
	for k := range timings {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		b.ReportMetric(timings[k].Seconds()/float64(runs), k+"_s")
	}
	b.ReportMetric(total.Seconds()/float64(runs), "total_s")
	if hwm := peakRSS(); hwm > 0 {
		b.ReportMetric(float64(hwm)/(1<<20), "peak_MiB")
	}
}

// logSums logs the SHA-256 of every table of res as CSV (WriteRecordCSV),
// its lines sorted (person_progress's row order among equal keys is not
// fixed), so that a change meant to keep the numbers can be held to them
// on the national lake: PANTAU_BENCH_SUMS=1, before and after.
func logSums(b *testing.B, res *transform.Result) {
	for _, name := range transform.TableNames() {
		var buf bytes.Buffer
		if err := transform.WriteRecordCSV(&buf, res.Table(name)); err != nil {
			b.Fatal(err)
		}
		lines := strings.Split(buf.String(), "\n")
		sort.Strings(lines)
		h := sha256.New()
		for _, l := range lines {
			h.Write([]byte(l + "\n"))
		}
		b.Logf("sum %s %d rows %x", name, res.Table(name).NumRows(), h.Sum(nil))
	}
}

// resetPeak resets the process's VmHWM (Linux: write 5 to clear_refs), so
// the peak measures the metrics, not the lake generation.
func resetPeak() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS is VmHWM from /proc/self/status in bytes (0 when unavailable).
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
