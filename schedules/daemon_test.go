package schedules

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/config"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// syncBuffer is a log sink safe for cron's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func testLogger() (*slog.Logger, *syncBuffer) {
	buf := &syncBuffer{}
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
}

// waitFor polls cond until it holds; the deadline only bounds a broken test.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestDaemonSkipsOverlap runs a real cron with a seconds-level spec and a job
// that blocks until the daemon stops: cron fires every second, but the job
// is started once; the other firings are skipped and logged. Stopping the
// daemon cancels the job's context, and the run is recorded as cancelled.
func TestDaemonSkipsOverlap(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	log, logs := testLogger()
	var starts atomic.Int32
	job := Job{Name: "slow", Spec: "* * * * * *", Run: func(ctx context.Context, c Call) (Outcome, error) {
		starts.Add(1)
		<-ctx.Done()
		return Outcome{}, ctx.Err()
	}}
	d := &Daemon{Dir: dir, Location: domain.WIT, Jobs: []Job{job}, MaxCatchUp: 3, Clock: time.Now, Log: log}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()

	waitFor(t, "two skipped firings", func() bool { return strings.Count(logs.String(), "cron skip") >= 2 })
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Daemon.Run = %v; want nil after stop", err)
	}
	if got := starts.Load(); got != 1 {
		t.Errorf("job started %d times; want 1 (overlapping firings skipped)", got)
	}
	if !strings.Contains(logs.String(), `job=slow`) {
		t.Errorf("skip log lines do not name the job:\n%s", logs)
	}
	h, err := LoadHistory(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range h.Runs {
		got = append(got, r.Job+" "+r.Outcome)
	}
	want := []string{"daemon started", "slow canceled", "daemon stopped"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	// The lock is released: a new daemon could start.
	lk, err := dir.TryLock("daemon")
	if err != nil {
		t.Errorf("daemon lock still held after stop: %v", err)
	}
	lk.Unlock()
}

// TestDaemonCatchUp restarts a daemon after a 3-day outage with a fixed
// clock: it runs the ingest once, the report for the missed month and the
// reminder, in that order, and records each run in the history.
func TestDaemonCatchUp(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	for _, r := range []Record{
		{Job: JobDaemon, Start: wit(2025, 12, 1, 9, 0), Outcome: OutcomeStarted},
		{Job: config.JobReport, Due: wit(2025, 12, 11, 7, 0), Start: wit(2025, 12, 11, 7, 0), Outcome: OutcomeOK},
		{Job: config.JobReminder, Due: wit(2026, 1, 5, 8, 0), Start: wit(2026, 1, 5, 8, 0), Outcome: OutcomeOK},
		{Job: config.JobIngest, Due: wit(2026, 1, 9, 23, 55), Start: wit(2026, 1, 9, 23, 55), Outcome: OutcomeOK},
	} {
		if err := AppendHistory(dir, r); err != nil {
			t.Fatal(err)
		}
	}
	now := wit(2026, 1, 13, 0, 2)
	var mu sync.Mutex
	var calls []Call
	jobs := defaultJobs()
	for i := range jobs {
		jobs[i].Run = func(ctx context.Context, c Call) (Outcome, error) {
			mu.Lock()
			defer mu.Unlock()
			calls = append(calls, c)
			if c.Job == config.JobReport {
				return Outcome{Periods: []string{ReportPeriod(c.Due, domain.WIT).String()}, Counts: map[string]int{"reports": 1}}, nil
			}
			return Outcome{Counts: map[string]int{"files": 2}}, nil
		}
	}
	log, logs := testLogger()
	d := &Daemon{Dir: dir, Location: domain.WIT, Jobs: jobs, MaxCatchUp: 3, Clock: func() time.Time { return now }, Log: log}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	waitFor(t, "three catch-up runs", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(calls) == 3
	})
	waitFor(t, "the reminder's log line", func() bool { return strings.Contains(logs.String(), "job=reminder trigger=catch-up") })
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Daemon.Run = %v", err)
	}
	want := []string{
		"ingest catch-up 2026-01-13 00:00",
		"report catch-up 2026-01-11 07:00 → 2025-12",
		"reminder catch-up 2026-01-12 08:00",
	}
	if diff := cmp.Diff(want, callView(calls)); diff != "" {
		t.Errorf("catch-up calls (-want +got):\n%s", diff)
	}
	h, err := LoadHistory(dir)
	if err != nil {
		t.Fatal(err)
	}
	rec, ok := h.Last(config.JobReport)
	wantRec := Record{Job: config.JobReport, Trigger: OnCatchUp, Due: wit(2026, 1, 11, 7, 0), Start: now,
		Outcome: OutcomeOK, Counts: map[string]int{"reports": 1}, Periods: []string{"2025-12"}}
	if diff := cmp.Diff(wantRec, rec, cmpTimes); !ok || diff != "" {
		t.Errorf("last report record (-want +got):\n%s", diff)
	}
	if !strings.Contains(logs.String(), `msg="job run" job=report trigger=catch-up due=2026-01-11T07:00:00+09:00 start=2026-01-13T00:02:00+09:00 duration=0s outcome=ok counts.reports=1 periods=[2025-12]`) {
		t.Errorf("no structured run line for the report in:\n%s", logs)
	}
	// A second restart at the same instant owes nothing more.
	h2, _ := LoadHistory(dir)
	if plan := CatchUp(jobs, mustSchedules(t, jobs), h2, now, domain.WIT, 3); len(plan) != 0 {
		t.Errorf("CatchUp after catching up = %v; want none", callView(plan))
	}
}

var cmpTimes = cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })

func TestDaemonLocked(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	lk, err := dir.TryLock("daemon")
	if err != nil {
		t.Fatal(err)
	}
	defer lk.Unlock()
	log, _ := testLogger()
	d := &Daemon{Dir: dir, Location: domain.WIT, Jobs: defaultJobs(), Clock: time.Now, Log: log}
	err = d.Run(context.Background())
	if !errors.Is(err, lake.ErrLocked) || !strings.Contains(err.Error(), "another pantau daemon is already running") {
		t.Errorf("Daemon.Run with the lock held = %v; want ErrLocked with a clear message", err)
	}
}

func TestRunnerOutcomes(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	log, _ := testLogger()
	now := wit(2026, 1, 11, 7, 0)
	r := &Runner{Dir: dir, Clock: func() time.Time { return now }, Log: log}
	tests := []struct {
		name string
		run  func(context.Context, Call) (Outcome, error)
		want string
	}{
		{"ok", func(context.Context, Call) (Outcome, error) { return Outcome{}, nil }, OutcomeOK},
		{"failed", func(context.Context, Call) (Outcome, error) { return Outcome{}, errors.New("disk full") }, OutcomeFailed},
		{"ingest lock held", func(context.Context, Call) (Outcome, error) {
			return Outcome{}, errors.Join(errors.New("ingest lock (held by pid 7)"), lake.ErrLocked)
		}, OutcomeSkipped},
		{"panic", func(context.Context, Call) (Outcome, error) { panic("boom") }, OutcomePanic},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, _ := r.Execute(context.Background(), Job{Name: tt.name, Run: tt.run}, Call{Job: tt.name, Trigger: OnManual})
			if rec.Outcome != tt.want {
				t.Errorf("Execute(%s).Outcome = %q; want %q", tt.name, rec.Outcome, tt.want)
			}
		})
	}
	h, err := LoadHistory(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Runs) != len(tests) {
		t.Errorf("history has %d runs; want %d", len(h.Runs), len(tests))
	}
}

func TestHistoryBounded(t *testing.T) {
	h := &History{}
	for i := 0; i < 250; i++ {
		h.Runs = append(h.Runs, Record{Job: config.JobIngest, Start: wit(2026, 1, 1, 0, 0).Add(time.Duration(i) * time.Minute)})
		if i%50 == 0 {
			h.Runs = append(h.Runs, Record{Job: config.JobReport, Start: wit(2026, 1, 1, 0, 0).Add(time.Duration(i) * time.Minute)})
		}
	}
	h.trim(HistoryPerJob)
	counts := map[string]int{}
	for _, r := range h.Runs {
		counts[r.Job]++
	}
	if diff := cmp.Diff(map[string]int{config.JobIngest: HistoryPerJob, config.JobReport: 5}, counts); diff != "" {
		t.Errorf("records per job after trim (-want +got):\n%s", diff)
	}
	if last, _ := h.Last(config.JobIngest); !last.Start.Equal(wit(2026, 1, 1, 0, 0).Add(249 * time.Minute)) {
		t.Errorf("Last(ingest).Start = %v; want the newest", last.Start)
	}
	for _, r := range h.Runs {
		if r.Job == config.JobIngest {
			if !r.Start.Equal(wit(2026, 1, 1, 0, 0).Add(150 * time.Minute)) {
				t.Errorf("oldest ingest kept starts %v; want +150m", r.Start)
			}
			break
		}
	}
}
