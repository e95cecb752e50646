package reports

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/transform"
)

func entry(id, agency string, k domain.Kind, p string) lake.Entry {
	return lake.Entry{ID: id, Agency: agency, Kind: k, Period: p, Status: lake.Accepted}
}

// TestRevised reports two months, then replaces an upload of the earlier
// month: both reports used it (W12 up to each month), so both are revised;
// regenerating one clears it and counts a revision.
func TestRevised(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	if err := dir.Init(); err != nil {
		t.Fatal(err)
	}
	l := &lake.Ledger{}
	l.Add(entry("a1", "kota-ambon", domain.Pegawai, "2026-09"))
	l.Add(entry("a2", "kota-ambon", domain.Kehadiran, "2026-09"))
	l.Add(entry("b1", "kota-ambon", domain.Kehadiran, "2026-10"))
	l.Add(entry("old", "kota-ambon", domain.Kehadiran, "2024-09")) // before anything the metrics of 2026-09 read
	if err := dir.SaveLedger(l); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	render := func(p string, now time.Time) {
		t.Helper()
		d := smallData()
		d.Period = domain.MustPeriod(p)
		if _, err := render(context.Background(), dir, d, Options{Params: transform.DefaultParams(d.Period), Now: now}, log); err != nil {
			t.Fatalf("Render(%s): %v", p, err)
		}
	}
	t0 := time.Date(2026, 11, 11, 7, 0, 0, 0, domain.WIT)
	render("2026-09", t0)
	render("2026-10", t0)
	s, err := LoadState(dir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a1", "a2"}, s.Reports["2026-09"].Inputs); diff != "" {
		t.Errorf("inputs of 2026-09 (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"a1", "a2", "b1"}, s.Reports["2026-10"].Inputs); diff != "" {
		t.Errorf("inputs of 2026-10 (-want +got):\n%s", diff)
	}
	if rev, err := Revised(dir); err != nil || len(rev) != 0 {
		t.Fatalf("Revised = %v, %v; want none", rev, err)
	}

	// A corrected attendance upload for September replaces a2.
	e := entry("a3", "kota-ambon", domain.Kehadiran, "2026-09")
	e.Replaces = lake.IDs{"a2"}
	l.Add(e)
	if err := dir.SaveLedger(l); err != nil {
		t.Fatal(err)
	}
	rev, err := Revised(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []domain.Period{domain.MustPeriod("2026-09"), domain.MustPeriod("2026-10")}
	if diff := cmp.Diff(want, rev); diff != "" {
		t.Errorf("Revised after a replacement (-want +got):\n%s", diff)
	}
	idx, _ := os.ReadFile(dir.Reports() + "/index.html")
	if strings.Contains(string(idx), `title="data berubah sejak dilaporkan"`) {
		t.Errorf("index written before the replacement already marks a month")
	}

	render("2026-09", t0.Add(24*time.Hour))
	rev, _ = Revised(dir)
	if diff := cmp.Diff([]domain.Period{domain.MustPeriod("2026-10")}, rev); diff != "" {
		t.Errorf("Revised after regenerating 2026-09 (-want +got):\n%s", diff)
	}
	s, _ = LoadState(dir)
	r := s.Reports["2026-09"]
	if r.Revisions != 1 || !r.FirstGeneratedAt.Equal(t0) || r.GeneratedAt.Equal(t0) {
		t.Errorf("2026-09 record = revisions %d, first %v, generated %v; want 1 revision, first %v", r.Revisions, r.FirstGeneratedAt, r.GeneratedAt, t0)
	}
	idx, _ = os.ReadFile(dir.Reports() + "/index.html")
	html := string(idx)
	for _, want := range []string{"September 2026", "Oktober 2026", `title="data berubah sejak dilaporkan">●`, `title="disusun ulang dengan data yang direvisi">↻`, "60,0 %", `href="2026-09/laporan-2026-09.html"`} {
		if !strings.Contains(html, want) {
			t.Errorf("index lacks %q", want)
		}
	}
	page, _ := os.ReadFile(dir.ReportDir(domain.MustPeriod("2026-09")) + "/laporan-2026-09.html")
	if !bytes.Contains(page, []byte("direvisi setelah pertama kali dilaporkan")) {
		t.Errorf("regenerated report lacks the revised banner")
	}

	// A month is a set of uploads: a file added to September (replacing
	// nothing) changes its figures too, so September — and October, whose
	// 12 months include it — are revised again.
	render("2026-10", t0.Add(24*time.Hour))
	add := entry("a4", "kota-ambon", domain.Kehadiran, "2026-09")
	add.Decision = lake.Added
	l.Add(add)
	if err := dir.SaveLedger(l); err != nil {
		t.Fatal(err)
	}
	rev, _ = Revised(dir)
	if diff := cmp.Diff([]domain.Period{domain.MustPeriod("2026-09"), domain.MustPeriod("2026-10")}, rev); diff != "" {
		t.Errorf("Revised after an addition (-want +got):\n%s", diff)
	}
}

// TestRevisedBeyondW12: a report of P depends on every upload its metrics
// read (transform.Reads), not only those of W12: replacing the attendance
// of a month of coverage_trend's first year-to-date, the agency's roster
// before W12 (the one its first months use), or the evaluations and survey
// responses of the month before W12 marks P revised; replacing what the
// metrics never read (an older roster, older attendance, a month after P)
// does not.
func TestRevisedBeyondW12(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	if err := dir.Init(); err != nil {
		t.Fatal(err)
	}
	const ag = "kota-ambon"
	l := &lake.Ledger{} // P = 2026-09, W12 = 2025-10 … 2026-09
	for _, e := range []lake.Entry{
		entry("peg-2026-09", ag, domain.Pegawai, "2026-09"),
		entry("peg-2025-05", ag, domain.Pegawai, "2025-05"), // the latest roster before W12
		entry("peg-2025-03", ag, domain.Pegawai, "2025-03"),
		entry("keh-2026-09", ag, domain.Kehadiran, "2026-09"),
		entry("keh-2025-02", ag, domain.Kehadiran, "2025-02"), // in the year-to-date of 2025-10
		entry("keh-2024-10", ag, domain.Kehadiran, "2024-10"),
		entry("keh-2026-10", ag, domain.Kehadiran, "2026-10"), // after P
		entry("eva-2025-09", ag, domain.Evaluasi, "2025-09"),
		entry("sur-2025-09", ag, domain.Survei, "2025-09"),
	} {
		l.Add(e)
	}
	if err := dir.SaveLedger(l); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	now := time.Date(2026, 10, 11, 7, 0, 0, 0, domain.WIT)
	render := func() {
		t.Helper()
		now = now.Add(time.Hour)
		d := smallData()
		d.Period = domain.MustPeriod("2026-09")
		if _, err := render(context.Background(), dir, d, Options{Params: transform.DefaultParams(d.Period), Now: now}, log); err != nil {
			t.Fatalf("Render: %v", err)
		}
	}
	render()
	if rev, err := Revised(dir); err != nil || len(rev) != 0 {
		t.Fatalf("Revised = %v, %v; want none", rev, err)
	}
	for _, c := range []struct {
		replace string
		revised bool
	}{
		{"peg-2025-03", false},
		{"keh-2024-10", false},
		{"keh-2026-10", false},
		{"keh-2025-02", true},
		{"peg-2025-05", true},
		{"eva-2025-09", true},
		{"sur-2025-09", true},
	} {
		i := slices.IndexFunc(l.Entries, func(e lake.Entry) bool { return e.ID == c.replace })
		e := l.Entries[i]
		e.ID, e.Replaces = c.replace+"-revisi", lake.IDs{c.replace}
		l.Add(e)
		if err := dir.SaveLedger(l); err != nil {
			t.Fatal(err)
		}
		rev, err := Revised(dir)
		if err != nil {
			t.Fatal(err)
		}
		var want []domain.Period
		if c.revised {
			want = []domain.Period{domain.MustPeriod("2026-09")}
		}
		if diff := cmp.Diff(want, rev); diff != "" {
			t.Errorf("Revised after replacing %s (-want +got):\n%s", c.replace, diff)
		}
		if c.revised {
			render() // reported again with the revision: no longer marked
		}
	}
}

// TestRevisedRecordOfW12: a record written when Inputs were W12's only
// (no inputs_rule) is compared by that rule, so the wider set of inputs
// does not mark every month reported before as revised.
func TestRevisedRecordOfW12(t *testing.T) {
	l := &lake.Ledger{}
	l.Add(entry("peg-2026-09", "kota-ambon", domain.Pegawai, "2026-09"))
	l.Add(entry("keh-2025-02", "kota-ambon", domain.Kehadiran, "2025-02"))
	s := &State{Reports: map[string]ReportRecord{"2026-09": {Inputs: []string{"peg-2026-09"}}}}
	if rev := s.revised(l); len(rev) != 0 {
		t.Errorf("revised = %v; want none (the record follows rule 0, W12)", rev)
	}
	s.Reports["2026-09"] = ReportRecord{Inputs: Inputs(l, domain.MustPeriod("2026-09")), InputsRule: inputsRule}
	if got, want := s.Reports["2026-09"].Inputs, []string{"keh-2025-02", "peg-2026-09"}; !cmp.Equal(got, want) {
		t.Errorf("Inputs = %q; want %q", got, want)
	}
	if rev := s.revised(l); len(rev) != 0 {
		t.Errorf("revised = %v; want none", rev)
	}
}

// TestIndexListsReportedMonths: the index lists a month only while its
// report file exists and an upload lay behind it; its notes speak to
// leaders (what the marks shown mean), with no command to run.
func TestIndexListsReportedMonths(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	if err := dir.Init(); err != nil {
		t.Fatal(err)
	}
	s := &State{Reports: map[string]ReportRecord{}}
	for _, m := range []struct {
		period string
		inputs []string
		file   bool
	}{
		{"2025-11", []string{"a1"}, true},  // a real report: listed
		{"2025-12", []string{"a1"}, false}, // its folder deleted: not listed
		{"2030-01", nil, true},             // forced, nothing behind it: not listed
		{"2024-06", nil, true},             // forced, before the data: not listed
	} {
		html := m.period + "/laporan-" + m.period + ".html"
		if m.file {
			if err := lake.WriteFile(dir.Reports()+"/"+html, []byte("<html>"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		s.Reports[m.period] = ReportRecord{Inputs: m.inputs, HTML: html, Revisions: 1,
			Headline: headline{ASN: 2276, UploadsReceived: 24, UploadsExpected: 25, Gaps: 1}}
	}
	l := &lake.Ledger{}
	l.Add(entry("a1", "kota-ambon", domain.Pegawai, "2025-11"))
	l.Add(entry("a2", "kota-ambon", domain.Kehadiran, "2025-11")) // after the report: revised
	path, err := writeIndex(dir, s, l, "id")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	html := string(b)
	if !strings.Contains(html, `href="2025-11/laporan-2025-11.html"`) {
		t.Errorf("index does not list November 2025:\n%s", html)
	}
	for _, not := range []string{"2025-12", "2030", "2024", "Juni 2024", "pantau report", "--period"} {
		if strings.Contains(html, not) {
			t.Errorf("index contains %q:\n%s", not, html)
		}
	}
	// Uploads as a share of those due (24 / 25 = 96 %), and the month
	// marked: a figure misses an expected upload.
	for _, want := range []string{"● direvisi:", "↻ disusun ulang:", `class="scroll"`, "Geser tabel ke samping",
		`<td>24 dari 25 (96,0 %) <span class="incomplete">data belum lengkap</span></td>`, `<span class="gap" title="data belum lengkap">(!)</span>`, "(!) data belum lengkap: sebagian angka bulan itu"} {
		if !strings.Contains(html, want) {
			t.Errorf("index lacks %q", want)
		}
	}
	// Without marks, no notes.
	var plain bytes.Buffer
	iw := NewIndexWriter(&plain)
	iw.WriteIndex(&State{Reports: map[string]ReportRecord{"2025-11": {Inputs: []string{"a1"}, HTML: "2025-11/laporan-2025-11.html"}}}, nil, "id")
	if err := iw.Close(); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), `class="note"`) || strings.Contains(plain.String(), `class="incomplete"`) {
		t.Errorf("index without marks has notes:\n%s", plain.String())
	}
	if got := len(Listed(dir, s).Reports); got != 1 {
		t.Errorf("Listed = %d months; want 1", got)
	}
}
