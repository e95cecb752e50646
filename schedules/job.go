package schedules

import (
	"context"
	"errors"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
)

// Trigger says why a job ran.
type Trigger string

// Triggers recorded in the run history.
const (
	OnSchedule Trigger = "schedule" // cron fired it
	OnCatchUp  Trigger = "catch-up" // its time passed while the daemon was down
	OnManual   Trigger = "manual"   // pantau run
)

// Call is one invocation of a job.
type Call struct {
	Job     string
	Trigger Trigger
	// Due is the scheduled instant this run stands for: the cron time, the
	// missed time it catches up, or the start of a manual run. The report
	// job reports the month before Due's month.
	Due time.Time
}

// Outcome is what a job reports back for the log line and the history.
type Outcome struct {
	Counts  map[string]int // e.g. accepted/rejected files, reports written
	Periods []string       // months a report run wrote
	Note    string
}

// Job is one scheduled task. Run must honour ctx: when the daemon stops, ctx
// is cancelled and the job abandons its work cleanly (its writes are atomic,
// so nothing is left half-written).
type Job struct {
	Name string
	Spec string // cron spec, see ParseSpec
	// Monthly makes catch-up run the job once per missed month (the month
	// before each missed time, at most Daemon.MaxCatchUp, oldest first)
	// instead of once.
	Monthly bool
	Run     func(ctx context.Context, c Call) (Outcome, error)
}

// ErrSkipped is returned (wrapped) by a job that chose not to run this
// time, for instance because a manual `pantau ingest` holds the ingest lock.
// The run is recorded with outcome "skipped", not as a failure.
var ErrSkipped = errors.New("skipped")

// Run outcomes recorded in the history.
const (
	OutcomeOK       = "ok"
	OutcomeFailed   = "failed"
	OutcomeSkipped  = "skipped"
	OutcomePanic    = "panic"
	OutcomeCanceled = "canceled"
	OutcomeStarted  = "started" // daemon records
	OutcomeStopped  = "stopped"
)

// JobDaemon is the pseudo-job under which the daemon records its starts and stops.
const JobDaemon = "daemon"

// ReportPeriod is the month a report run at t covers: the month before t's
// month, read in loc.
func ReportPeriod(t time.Time, loc *time.Location) domain.Period {
	t = t.In(loc)
	return domain.Period{Year: t.Year(), Month: t.Month()}.Add(-1)
}
