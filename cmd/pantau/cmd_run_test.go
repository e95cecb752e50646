package main

import (
	"bytes"
	"context"
	"errors"
	"io"
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

// fakePipeline records what the jobs asked of ingest and reports.
type fakePipeline struct {
	ingested int
	reported []string
	revised  []domain.Period
	ref      *domain.Reference
}

func (f *fakePipeline) pipeline() schedules.Pipeline {
	return schedules.Pipeline{
		Ingest: func(ctx context.Context, dir lake.Dir, cfg config.Config, now time.Time, log *slog.Logger) (map[string]int, error) {
			f.ingested++
			return map[string]int{"accepted": 2, "rejected": 1}, nil
		},
		Report: func(ctx context.Context, dir lake.Dir, cfg config.Config, p domain.Period, now time.Time, log *slog.Logger) error {
			f.reported = append(f.reported, p.String())
			return nil
		},
		Revised:        func(lake.Dir) ([]domain.Period, error) { return f.revised, nil },
		Reference:      func(lake.Dir) (*domain.Reference, error) { return f.ref, nil },
		WriteReference: func(w io.Writer) error { _, err := io.WriteString(w, "xlsx"); return err },
	}
}

func jobsTestEnv(t *testing.T, now time.Time) (*env, *bytes.Buffer) {
	t.Helper()
	var out bytes.Buffer
	return &env{
		dir: lake.Dir(t.TempDir()), stdout: &out, stderr: io.Discard,
		log: slog.New(slog.NewTextHandler(io.Discard, nil)), now: func() time.Time { return now },
	}, &out
}

func TestRunOnce(t *testing.T) {
	// 11 January 2026, 10:00 WIT: the last complete month is December 2025;
	// October and December were revised since they were reported.
	now := time.Date(2026, 1, 11, 10, 0, 0, 0, domain.WIT)
	e, out := jobsTestEnv(t, now)
	fp := &fakePipeline{revised: []domain.Period{domain.MustPeriod("2025-12"), domain.MustPeriod("2025-10")}}
	cfg := config.Default()
	if err := runOnce(context.Background(), e, cfg, domain.WIT, fp.pipeline(), false); err != nil {
		t.Fatalf("runOnce: %v", err)
	}
	if fp.ingested != 1 {
		t.Errorf("ingest ran %d times; want 1", fp.ingested)
	}
	if diff := cmp.Diff([]string{"2025-10", "2025-12"}, fp.reported); diff != "" {
		t.Errorf("reported months (-want +got):\n%s", diff)
	}
	want := "ingest  ok       accepted=2 rejected=1\n" +
		"report  ok       failed=0 reports=2 revised=1 periode=2025-10,2025-12\n"
	if out.String() != want {
		t.Errorf("runOnce output = %q; want %q", out.String(), want)
	}
	h, err := schedules.LoadHistory(e.dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range h.Runs {
		got = append(got, r.Job+" "+string(r.Trigger)+" "+r.Outcome)
	}
	if diff := cmp.Diff([]string{"ingest manual ok", "report manual ok"}, got); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
}

func TestAsOfTime(t *testing.T) {
	tests := []struct {
		in         string
		want       time.Time
		wantPeriod string
	}{
		{"2025-12-31", time.Date(2025, 12, 31, 23, 59, 0, 0, domain.WIT), "2025-11"},
		{"2026-01-11", time.Date(2026, 1, 11, 23, 59, 0, 0, domain.WIT), "2025-12"},
	}
	for _, tt := range tests {
		got, err := asOfTime(tt.in, domain.WIT)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("asOfTime(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if p := schedules.ReportPeriod(got, domain.WIT).String(); p != tt.wantPeriod {
			t.Errorf("asOfTime(%q) reports %s; want %s", tt.in, p, tt.wantPeriod)
		}
	}
	for _, bad := range []string{"31-12-2025", "2025-13-01", "2025-12"} {
		if _, err := asOfTime(bad, domain.WIT); !errors.Is(err, errUsage) {
			t.Errorf("asOfTime(%q) = %v; want a usage error", bad, err)
		}
	}
}

func TestRunReminderJob(t *testing.T) {
	// Monday 12 January 2026: December's deadline has passed; kab-buru sent nothing.
	e, out := jobsTestEnv(t, time.Date(2026, 1, 12, 8, 0, 0, 0, domain.WIT))
	fp := &fakePipeline{ref: &domain.Reference{Agencies: []domain.Agency{{Code: "kab-buru", Expects: []domain.Kind{domain.Kehadiran}}}}}
	names, err := jobList("reminder")
	if err != nil {
		t.Fatal(err)
	}
	if err := runOnce(context.Background(), e, config.Default(), domain.WIT, fp.pipeline(), false, names...); err != nil {
		t.Fatalf("runOnce(reminder): %v", err)
	}
	if want := "reminder ok       agencies_owing=1 notes_removed=0 notes_written=1 periode=2025-12\n"; out.String() != want {
		t.Errorf("output = %q; want %q", out.String(), want)
	}
	if _, err := os.Stat(filepath.Join(e.dir.OutboxOf("kab-buru"), "pengingat-2025-12.txt")); err != nil {
		t.Errorf("no reminder note: %v", err)
	}
	if _, err := jobList("ingest,backup"); !errors.Is(err, errUsage) {
		t.Errorf("jobList(ingest,backup) = %v; want a usage error", err)
	}
}

func TestInit(t *testing.T) {
	e, out := jobsTestEnv(t, time.Date(2026, 1, 11, 10, 0, 0, 0, domain.WIT))
	fp := &fakePipeline{}
	if err := initDir(e, fp.pipeline()); err != nil {
		t.Fatalf("init: %v", err)
	}
	b, err := os.ReadFile(e.dir.Config())
	if err != nil || string(b) != config.DefaultText() {
		t.Errorf("pantau.toml = %q, %v; want config.DefaultText", b, err)
	}
	for _, sub := range []string{"inbox", "outbox", "archive", "rejected", "lake", "reports", "state", "referensi.xlsx"} {
		if _, err := os.Stat(filepath.Join(string(e.dir), sub)); err != nil {
			t.Errorf("init did not create %s: %v", sub, err)
		}
	}
	if !strings.Contains(out.String(), "dibuat:   "+e.dir.Config()) || !strings.Contains(out.String(), "Langkah berikutnya") {
		t.Errorf("init output lacks what it created and the next steps:\n%s", out)
	}
	// A second init keeps an edited config.
	edited := strings.Replace(config.DefaultText(), `"0 7 11 * *"`, `"0 6 12 * *"`, 1)
	if err := os.WriteFile(e.dir.Config(), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := initDir(e, fp.pipeline()); err != nil {
		t.Fatalf("second init: %v", err)
	}
	if b, _ := os.ReadFile(e.dir.Config()); string(b) != edited {
		t.Error("second init overwrote pantau.toml")
	}
	if !strings.Contains(out.String(), "sudah ada: "+e.dir.Config()) {
		t.Errorf("second init output:\n%s", out)
	}
	// A broken config is reported by init.
	if err := os.WriteFile(e.dir.Config(), []byte("[jobs.report]\nspec = \"0 7 11\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := initDir(e, fp.pipeline()); err == nil || !strings.Contains(err.Error(), `jobs.report.spec: expected 5 fields (minute hour day month weekday), got 3: "0 7 11"`) {
		t.Errorf("init with a broken config = %v", err)
	}
}

// A manual `pantau ingest` holding the ingest lock makes the scheduled (or
// run's) ingest skip, with a clear note, and the report still runs.
func TestIngestLockedSkips(t *testing.T) {
	e, out := jobsTestEnv(t, time.Date(2026, 1, 11, 10, 0, 0, 0, domain.WIT))
	if err := e.dir.Init(); err != nil {
		t.Fatal(err)
	}
	lk, err := e.dir.TryLock("ingest")
	if err != nil {
		t.Fatal(err)
	}
	defer lk.Unlock()
	fp := &fakePipeline{}
	pl := fp.pipeline()
	pl.Ingest = schedules.RealPipeline().Ingest // the real ingest.Run, which takes the lock
	err = runOnce(context.Background(), e, config.Default(), domain.WIT, pl, false)
	if !errors.Is(err, lake.ErrLocked) {
		t.Errorf("runOnce with the ingest lock held = %v; want ErrLocked (exit 4)", err)
	}
	if !strings.Contains(out.String(), "ingest  skipped") || !strings.Contains(out.String(), "report  ok") {
		t.Errorf("output:\n%s\nwant ingest skipped, report ok", out)
	}
	h, _ := schedules.LoadHistory(e.dir)
	if r, _ := h.Last(config.JobIngest); r.Outcome != schedules.OutcomeSkipped || !strings.Contains(r.Note, "ingest lock held") {
		t.Errorf("history ingest record = %+v; want skipped with a note", r)
	}
}
