package schedules

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sort"
	"sync"
	"time"

	"github.com/pantau-asn/pantau/internal/lake"
)

// Runner executes jobs one at a time (ingest and the report read and write
// the same ledger and lake), logs one structured line per run and appends
// it to the run history. The daemon and `pantau run` both use it.
type Runner struct {
	Dir   lake.Dir
	Clock func() time.Time
	Log   *slog.Logger
	// Location is the zone times are logged in (nil: as the clock gives them).
	Location *time.Location
	// NoHistory keeps runs out of state/history.json (pantau run --as-of,
	// whose clock is not the real one).
	NoHistory bool

	mu sync.Mutex
}

// Execute runs j for c, serialised with every other job of r, and returns
// the history record and the job's error. A panic in the job is recovered,
// recorded and returned as an error.
func (r *Runner) Execute(ctx context.Context, j Job, c Call) (Record, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	start := r.Clock()
	if c.Due.IsZero() {
		c.Due = start
	}
	rec := Record{Job: j.Name, Trigger: c.Trigger, Due: c.Due, Start: start}
	var (
		out Outcome
		err error
	)
	if err = ctx.Err(); err == nil {
		r.Log.Info("job started", "job", j.Name, "trigger", string(c.Trigger), "due", r.stamp(c.Due))
		out, err = r.call(ctx, j, c)
	}
	rec.Duration = r.Clock().Sub(start).Seconds()
	rec.Counts, rec.Periods, rec.Note = out.Counts, out.Periods, out.Note
	var pe *panicError
	switch {
	case err == nil:
		rec.Outcome = OutcomeOK
	case errors.As(err, &pe):
		rec.Outcome = OutcomePanic
	case errors.Is(err, ErrSkipped), errors.Is(err, lake.ErrLocked):
		rec.Outcome = OutcomeSkipped
	case ctx.Err() != nil:
		rec.Outcome = OutcomeCanceled
	default:
		rec.Outcome = OutcomeFailed
	}
	if err != nil {
		rec.Error = err.Error()
	}
	r.logRun(rec, err, pe)
	if !r.NoHistory {
		if herr := AppendHistory(r.Dir, rec); herr != nil {
			r.Log.Error("run history not written", "job", j.Name, "err", herr)
		}
	}
	return rec, err
}

type panicError struct {
	v     any
	stack []byte
}

func (p *panicError) Error() string { return fmt.Sprintf("panic: %v", p.v) }

func (r *Runner) call(ctx context.Context, j Job, c Call) (out Outcome, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &panicError{v: v, stack: debug.Stack()}
		}
	}()
	return j.Run(ctx, c)
}

func (r *Runner) logRun(rec Record, err error, pe *panicError) {
	attrs := []any{
		"job", rec.Job, "trigger", string(rec.Trigger),
		"due", r.stamp(rec.Due), "start", r.stamp(rec.Start),
		"duration", time.Duration(rec.Duration * float64(time.Second)).Round(time.Millisecond),
		"outcome", rec.Outcome,
	}
	if len(rec.Counts) > 0 {
		keys := make([]string, 0, len(rec.Counts))
		for k := range rec.Counts {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		counts := make([]any, 0, len(keys))
		for _, k := range keys {
			counts = append(counts, slog.Int(k, rec.Counts[k]))
		}
		attrs = append(attrs, slog.Group("counts", counts...))
	}
	if len(rec.Periods) > 0 {
		attrs = append(attrs, "periods", rec.Periods)
	}
	if rec.Note != "" {
		attrs = append(attrs, "note", rec.Note)
	}
	switch rec.Outcome {
	case OutcomeOK:
		r.Log.Info("job run", attrs...)
	case OutcomeSkipped, OutcomeCanceled:
		r.Log.Info("job run", append(attrs, "reason", err.Error())...)
	case OutcomePanic:
		r.Log.Error("job run", append(attrs, "err", err, "stack", string(pe.stack))...)
	default:
		r.Log.Error("job run", append(attrs, "err", err)...)
	}
}

// stamp formats t in the runner's zone.
func (r *Runner) stamp(t time.Time) string {
	if r.Location != nil {
		t = t.In(r.Location)
	}
	return t.Format(time.RFC3339)
}
