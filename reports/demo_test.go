package reports

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	sampledata "github.com/pantau-asn/pantau/sample-data"
	"github.com/pantau-asn/pantau/transform"
)

// demoLake generates the demo sample into a fresh data directory and
// ingests it, as `make demo` does.
func demoLake(t *testing.T) lake.Dir {
	t.Helper()
	root := t.TempDir()
	if _, err := sampledata.Generate(root, sampledata.Demo, 1); err != nil {
		t.Fatalf("sample: %v", err)
	}
	dir := lake.Dir(root)
	if err := dir.Init(); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := ingest.Run(context.Background(), dir, ingest.DefaultConfig(), time.Now(), log); err != nil {
		t.Fatalf("ingest: %v", err)
	}
	return dir
}

// TestDemoReport runs the whole pipeline on the demo sample: two months'
// reports (the second with PDF), checked in Chromium, the index and state.
func TestDemoReport(t *testing.T) {
	dir := demoLake(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	now := time.Date(2026, 1, 11, 7, 0, 0, 0, domain.WIT)
	var out *Output
	for _, p := range []string{"2025-11", "2025-12"} {
		var err error
		out, err = Generate(context.Background(), dir, Options{Params: transform.DefaultParams(domain.MustPeriod(p)),
			Now: now, PDF: p == "2025-12"}, log)
		if err != nil {
			t.Fatalf("Generate(%s): %v", p, err)
		}
	}
	html, err := os.ReadFile(out.HTML)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("demo report: %s (%d bytes)", out.HTML, len(html))
	if len(html) > 2<<20 {
		t.Errorf("HTML is %d bytes; want under 2 MB", len(html))
	}
	for _, want := range []string{"Desember 2025", "vs bulan lalu", "PP 11/2017"} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("demo HTML lacks %q", want)
		}
	}
	// No NIP or staff name of the private table leaks into the HTML or the CSVs.
	res, err := transform.Run(context.Background(), dir, transform.DefaultParams(domain.MustPeriod("2025-12")))
	if err != nil {
		t.Fatal(err)
	}
	d, err := FromTables(res.Tables)
	res.Release()
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Persons) == 0 {
		t.Fatal("person_progress is empty")
	}
	csvs, _ := filepath.Glob(filepath.Join(out.Data, "*.csv"))
	for _, p := range d.Persons[:min(50, len(d.Persons))] {
		if bytes.Contains(html, []byte(p.NIP)) || (len(p.Name) > 5 && bytes.Contains(html, []byte(p.Name))) {
			t.Errorf("HTML contains personal data of %s", p.NIP)
		}
		for _, c := range csvs {
			b, _ := os.ReadFile(c)
			if bytes.Contains(b, []byte(p.NIP)) {
				t.Errorf("%s contains NIP %s", c, p.NIP)
			}
		}
	}
	if len(out.Agencies) == 0 {
		t.Errorf("no agency lists written")
	}
	for _, a := range out.Agencies {
		if !strings.Contains(a, string(filepath.Separator)+"outbox"+string(filepath.Separator)) {
			t.Errorf("agency list %s is not under outbox/", a)
		}
	}
	pdf, err := os.ReadFile(out.PDF)
	if err != nil {
		t.Fatalf("PDF: %v", err)
	}
	if n := len(pdfPage.FindAll(pdf, -1)); n == 0 {
		t.Errorf("demo PDF has no pages")
	}
	if title := pdfTitle(pdf); !strings.Contains(title, "Desember 2025") {
		t.Errorf("demo PDF title = %q; want Desember 2025", title)
	}
	d.Period, d.Rules = domain.MustPeriod("2025-12"), DefaultRules() // as Generate sets them
	cs, err := BuildCharts(d, "id")
	if err != nil {
		t.Fatal(err)
	}
	legends, titles := chartTexts(cs)
	checkPDFPages(t, pdf, "laporan-demo", legends, titles, TextFor("id").S("report.footer"))
	idx, err := os.ReadFile(out.Index)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href="2025-12/laporan-2025-12.html"`, `href="2025-11/laporan-2025-11.html"`} {
		if !bytes.Contains(idx, []byte(want)) {
			t.Errorf("index lacks %s", want)
		}
	}
	if rev, err := Revised(dir); err != nil || len(rev) != 0 {
		t.Errorf("Revised = %v, %v; want none right after reporting", rev, err)
	}
	checkReportInBrowser(t, out.HTML, 9)
}
