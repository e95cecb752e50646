package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/config"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/schedules"
)

// TestReportSummaryLanguage: report's summary lines follow --lang, like the
// report itself (an empty data directory gives a report of empty tables).
func TestReportSummaryLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang  string
		heads []string
	}{
		{"", []string{"laporan:", "ringkasan:", "data:", "indeks:", "daftar instansi: 0 berkas di outbox/"}},
		{"en", []string{"report:", "summary:", "data:", "index:", "agency lists: 0 files in outbox/"}},
	} {
		e, out := queryEnv(t)
		args := []string{"--period", "2026-03", "--force"}
		if tc.lang != "" {
			args = append(args, "--lang", tc.lang)
		}
		if err := runReport(e, args); err != nil {
			t.Fatalf("report %v: %v", args, err)
		}
		var heads []string
		for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
			if i := strings.Index(line, " "+string(e.dir)); i >= 0 {
				line = strings.TrimSpace(line[:i])
			}
			heads = append(heads, line)
		}
		if diff := cmp.Diff(tc.heads, heads); diff != "" {
			t.Errorf("report %v summary (-want +got):\n%s", args, diff)
		}
		if !strings.Contains(out.String(), filepath.Join(string(e.dir), "reports", "2026-03", "laporan-2026-03.html")) {
			t.Errorf("summary does not name the report file:\n%s", out.String())
		}
	}
}

// ledgerDir is an initialised data directory whose ledger holds current
// uploads of the given periods (and a rejected one of 2024-01, which is
// no data).
func ledgerDir(t *testing.T, periods ...string) lake.Dir {
	t.Helper()
	dir := lake.Dir(t.TempDir())
	if err := dir.Init(); err != nil {
		t.Fatal(err)
	}
	l := &lake.Ledger{}
	l.Add(lake.Entry{ID: "old", Agency: "kota-ambon", Kind: domain.Pegawai, Period: "2024-01", Status: lake.Rejected})
	for i, p := range periods {
		l.Add(lake.Entry{ID: "u" + string(rune('a'+i)), Agency: "kota-ambon", Kind: domain.Pegawai, Period: p, Status: lake.Accepted})
	}
	if err := dir.SaveLedger(l); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestReportable: the months report accepts without --force run from the
// first period with a current upload to the month before now (in WIT),
// the month pantau run and the daemon report; a month not over yet, one
// before the first data, and any month of an empty ledger are refused as
// usage errors naming the bound.
func TestReportable(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, domain.WIT)
	cfg := config.Default()
	withData := ledgerDir(t, "2025-03", "2025-12")
	empty := ledgerDir(t)
	for _, tc := range []struct {
		dir    lake.Dir
		period string
		want   string // "" = accepted; else a part of the message
	}{
		{withData, "2025-03", ""},
		{withData, "2026-11", ""}, // over, though its upload deadline (10 Dec) has not passed
		{withData, "2026-12", "not over yet; the last complete month is 2026-11"},
		{withData, "2030-01", "not over yet; the last complete month is 2026-11"},
		{withData, "2025-02", "before the first data, 2025-03"},
		{withData, "2024-01", "before the first data, 2025-03"}, // only a rejected upload there
		{empty, "2025-12", "the ledger holds no upload yet"},
	} {
		e := &env{dir: tc.dir, stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, log: slog.New(slog.DiscardHandler),
			now: func() time.Time { return now }}
		err := reportable(e, cfg, domain.MustPeriod(tc.period))
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("reportable(%s) = %v; want nil", tc.period, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "--force")):
			t.Errorf("reportable(%s) = %v; want a usage error saying %q and --force", tc.period, err, tc.want)
		}
	}
	// The daemon's report job and pantau run report ReportPeriod(now): always accepted.
	if p := schedules.ReportPeriod(now, domain.WIT); reportable(&env{dir: withData, now: func() time.Time { return now }}, cfg, p) != nil {
		t.Errorf("the month pantau run reports (%s) is refused", p)
	}
}

// TestReportRefusesUnrealMonths runs pantau report through the entry point:
// a future month and a month before the first data exit 2 with a plain
// message and write nothing; --force writes the report, which the index
// does not list (no upload lay behind it).
func TestReportRefusesUnrealMonths(t *testing.T) {
	dir := ledgerDir(t, "2025-03")
	for _, tc := range []struct{ period, want string }{
		{"2030-01", "pantau report: usage: --period 2030-01: that month is not over yet"},
		{"2024-06", "pantau report: usage: --period 2024-06: that is before the first data, 2025-03 (--force reports it anyway)"},
	} {
		var out, errb bytes.Buffer
		if code := run(context.Background(), []string{"--dir", string(dir), "report", "--period", tc.period}, &out, &errb); code != exitUsage {
			t.Errorf("report --period %s: exit %d; want %d", tc.period, code, exitUsage)
		}
		if !strings.Contains(errb.String(), tc.want) {
			t.Errorf("report --period %s: stderr %q; want %q", tc.period, errb.String(), tc.want)
		}
		if _, err := os.Stat(dir.ReportDir(domain.MustPeriod(tc.period))); !os.IsNotExist(err) {
			t.Errorf("report --period %s wrote %s", tc.period, dir.ReportDir(domain.MustPeriod(tc.period)))
		}
	}
	empty := ledgerDir(t)
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"--dir", string(empty), "report", "--period", "2030-01", "--force"}, &out, &errb); code != exitOK {
		t.Fatalf("report --period 2030-01 --force: exit %d\n%s", code, errb.String())
	}
	if _, err := os.Stat(filepath.Join(empty.ReportDir(domain.MustPeriod("2030-01")), "laporan-2030-01.html")); err != nil {
		t.Errorf("--force wrote no report: %v", err)
	}
	idx, err := os.ReadFile(filepath.Join(empty.Reports(), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(idx), "2030") || !strings.Contains(string(idx), "Belum ada laporan.") {
		t.Errorf("the index lists a forced month with no upload behind it:\n%s", idx)
	}
}
