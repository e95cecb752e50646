package schedules

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/robfig/cron/v3"

	"github.com/pantau-asn/pantau/internal/config"
	"github.com/pantau-asn/pantau/internal/domain"
)

func wit(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, domain.WIT)
}

func defaultJobs() []Job {
	cfg := config.Default()
	noop := func(context.Context, Call) (Outcome, error) { return Outcome{}, nil }
	return []Job{
		{Name: config.JobIngest, Spec: cfg.Jobs.Ingest.Spec, Run: noop},
		{Name: config.JobReport, Spec: cfg.Jobs.Report.Spec, Monthly: true, Run: noop},
		{Name: config.JobReminder, Spec: cfg.Jobs.Reminder.Spec, Run: noop},
	}
}

func mustSchedules(t *testing.T, jobs []Job) map[string]cron.Schedule {
	t.Helper()
	s, err := Schedules(jobs, domain.WIT)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// callView makes calls readable in diffs: job, trigger, due in WIT and the
// report month.
func callView(calls []Call) []string {
	var out []string
	for _, c := range calls {
		s := c.Job + " " + string(c.Trigger) + " " + c.Due.In(domain.WIT).Format("2006-01-02 15:04")
		if c.Job == config.JobReport {
			s += " → " + ReportPeriod(c.Due, domain.WIT).String()
		}
		out = append(out, s)
	}
	return out
}

func TestCatchUp(t *testing.T) {
	jobs := defaultJobs()
	scheds := mustSchedules(t, jobs)
	// The daemon ran normally until Friday 9 January 2026 23:57 WIT and was
	// down for 3 days: it missed the ingest scans, the report of 11 January
	// (for December) and Monday's reminder.
	ranUntil := History{Runs: []Record{
		{Job: JobDaemon, Start: wit(2025, 12, 1, 9, 0), Outcome: OutcomeStarted},
		{Job: config.JobReport, Due: wit(2025, 12, 11, 7, 0), Start: wit(2025, 12, 11, 7, 0), Outcome: OutcomeOK},
		{Job: config.JobReminder, Due: wit(2026, 1, 5, 8, 0), Start: wit(2026, 1, 5, 8, 0), Outcome: OutcomeOK},
		{Job: config.JobIngest, Due: wit(2026, 1, 9, 23, 55), Start: wit(2026, 1, 9, 23, 55), Outcome: OutcomeOK},
	}}
	tests := []struct {
		name    string
		h       History
		now     time.Time
		max     int
		want    []string
		wantLen int
	}{
		{"3-day outage", ranUntil, wit(2026, 1, 13, 0, 2), 3, []string{
			"ingest catch-up 2026-01-13 00:00",
			"report catch-up 2026-01-11 07:00 → 2025-12",
			"reminder catch-up 2026-01-12 08:00",
		}, 0},
		{"restart 2 minutes later: nothing missed", ranUntil, wit(2026, 1, 9, 23, 59), 3, nil, 0},
		{"restart after the next scan only", ranUntil, wit(2026, 1, 10, 0, 1), 3, []string{
			"ingest catch-up 2026-01-10 00:00",
		}, 0},
		{"5-month outage capped at 3, newest months, oldest first", ranUntil, wit(2026, 6, 20, 12, 0), 3, []string{
			"ingest catch-up 2026-06-20 12:00",
			"report catch-up 2026-04-11 07:00 → 2026-03",
			"report catch-up 2026-05-11 07:00 → 2026-04",
			"report catch-up 2026-06-11 07:00 → 2026-05",
			"reminder catch-up 2026-06-15 08:00",
		}, 0},
		{"cap 0 reports no missed month", ranUntil, wit(2026, 6, 20, 12, 0), 0, []string{
			"ingest catch-up 2026-06-20 12:00",
			"reminder catch-up 2026-06-15 08:00",
		}, 0},
		{"jobs never run fall back to the previous daemon start", History{Runs: []Record{
			{Job: JobDaemon, Start: wit(2026, 1, 10, 12, 0), Outcome: OutcomeStarted},
			{Job: JobDaemon, Start: wit(2026, 1, 10, 12, 3), Outcome: OutcomeStopped},
		}}, wit(2026, 1, 12, 9, 0), 3, []string{
			"ingest catch-up 2026-01-12 09:00",
			"report catch-up 2026-01-11 07:00 → 2025-12",
			"reminder catch-up 2026-01-12 08:00",
		}, 0},
		{"first start ever: nothing to catch up", History{}, wit(2026, 1, 12, 9, 0), 3, nil, 0},
		{"a skipped or cancelled run does not count as run", History{Runs: []Record{
			{Job: JobDaemon, Start: wit(2026, 1, 1, 0, 0), Outcome: OutcomeStarted},
			{Job: config.JobReport, Due: wit(2025, 12, 11, 7, 0), Start: wit(2025, 12, 11, 7, 0), Outcome: OutcomeOK},
			{Job: config.JobReport, Due: wit(2026, 1, 11, 7, 0), Start: wit(2026, 1, 11, 7, 0), Outcome: OutcomeCanceled},
		}}, wit(2026, 1, 11, 7, 30), 3, []string{
			"ingest catch-up 2026-01-11 07:30",
			"report catch-up 2026-01-11 07:00 → 2025-12",
			"reminder catch-up 2026-01-05 08:00",
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := tt.h
			got := callView(CatchUp(jobs, scheds, &h, tt.now, domain.WIT, tt.max))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CatchUp(now %v, max %d) (-want +got):\n%s", tt.now, tt.max, diff)
			}
		})
	}
}
