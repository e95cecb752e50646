package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// Sizes of BenchmarkInboxLedger: a national month is about 2,000 files into
// a ledger of tens of thousands of entries.
const (
	benchFiles   = 2000
	benchLedger  = 30_000
	benchAgency  = 200 // files: 200 agencies × 10 months of attendance
	benchMonths  = benchFiles / benchAgency
	benchRowsPer = 5
)

// benchInboxFiles generates benchFiles small attendance workbooks, distinct
// bytes each, under root/<agency>/kehadiran_<P>.xlsx.
func benchInboxFiles(b *testing.B) string {
	b.Helper()
	root := b.TempDir()
	for a := 0; a < benchAgency; a++ {
		for m := 0; m < benchMonths; m++ {
			p := domain.MustPeriod("2025-01").Add(m)
			path := filepath.Join(root, fmt.Sprintf("inst-%04d", a), "kehadiran_"+p.String()+".xlsx")
			writeKehadiran(b, path, p, benchRowsPer, 0, fmt.Sprintf("a%dm%d", a, m), testDrop)
		}
	}
	return root
}

// benchLedgerOf is a ledger of n accepted uploads of the same agencies in
// other years (so no benchmark file replaces one), saved in dir.
func benchLedgerOf(b *testing.B, dir lake.Dir, n int) {
	b.Helper()
	l := &lake.Ledger{}
	at := time.Date(2024, 1, 5, 9, 0, 0, 0, domain.WIT)
	for i := 0; i < n; i++ {
		agency := fmt.Sprintf("inst-%04d", i%benchAgency)
		p := domain.MustPeriod("2000-01").Add(i / benchAgency)
		id := fmt.Sprintf("%016x", i+1)
		l.Add(lake.Entry{ID: id, Hash: fmt.Sprintf("%064x", i+1), Agency: agency, Kind: domain.Kehadiran, Period: p.String(),
			File: "kehadiran_" + p.String() + ".xlsx", ReceivedAt: at, IngestedAt: at, RowsRead: 5, RowsAccepted: 5,
			Status: lake.Accepted, LakeFile: lake.LakeFile(domain.Kehadiran, p, agency, id), Revision: 1,
			Stored: filepath.Join("archive", agency, "x_"+id+".xlsx"), Receipt: filepath.Join("outbox", agency, id+".receipt.xlsx")})
	}
	if err := dir.SaveLedger(l); err != nil {
		b.Fatal(err)
	}
}

// copyInbox copies the generated files into dir's inbox.
func copyInbox(b *testing.B, src string, dir lake.Dir) {
	b.Helper()
	err := filepath.WalkDir(src, func(p string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		writeAt(b, filepath.Join(dir.Inbox(), rel), string(data), testDrop)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkInboxLedger ingests the same 2,000 small files into an empty
// ledger and into one of 30,000 entries and reports the cost per file of
// each and their ratio (issue 10: within 1.5×). Run with
//
//	go test ./ingest -run '^$' -bench BenchmarkInboxLedger -benchtime 1x
func BenchmarkInboxLedger(b *testing.B) {
	src := benchInboxFiles(b)
	perFile := map[int]time.Duration{}
	for i := 0; i < b.N; i++ {
		for _, n := range []int{0, benchLedger} {
			b.StopTimer()
			dir := lake.Dir(b.TempDir())
			if n > 0 {
				benchLedgerOf(b, dir, n)
			}
			copyInbox(b, src, dir)
			b.StartTimer()
			start := time.Now()
			sum, err := Run(context.Background(), dir, DefaultConfig(), testNow, nil)
			perFile[n] += time.Since(start) / benchFiles
			if err != nil || sum.Accepted != benchFiles {
				b.Fatalf("Run into %d entries = %+v, %v; want %d accepted", n, sum, err, benchFiles)
			}
		}
	}
	empty := perFile[0] / time.Duration(b.N)
	full := perFile[benchLedger] / time.Duration(b.N)
	b.ReportMetric(float64(empty.Microseconds())/1000, "ms/file-empty")
	b.ReportMetric(float64(full.Microseconds())/1000, "ms/file-30k")
	b.ReportMetric(float64(full)/float64(empty), "ratio")
}
