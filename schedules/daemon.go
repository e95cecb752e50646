package schedules

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/pantau-asn/pantau/internal/config"
	"github.com/pantau-asn/pantau/internal/lake"
)

// Daemon runs Jobs on their cron specs until its context is cancelled.
type Daemon struct {
	Dir        lake.Dir
	Location   *time.Location // the specs' time zone
	Jobs       []Job          // in catch-up order
	MaxCatchUp int            // missed report months run at start, at most
	Clock      func() time.Time
	Log        *slog.Logger
}

// The daemon lock is retried lockRetries times, lockRetryWait apart.
const (
	lockRetries   = 5
	lockRetryWait = 100 * time.Millisecond
)

// Schedules parses every job's spec in loc.
func Schedules(jobs []Job, loc *time.Location) (map[string]cron.Schedule, error) {
	out := map[string]cron.Schedule{}
	var errs []error
	for _, j := range jobs {
		s, err := config.ParseSpec(j.Spec, loc)
		if err != nil {
			errs = append(errs, fmt.Errorf("jobs.%s.spec: %w", j.Name, err))
			continue
		}
		out[j.Name] = s
	}
	return out, errors.Join(errs...)
}

// Run takes the "daemon" lock (an error wrapping lake.ErrLocked when another
// daemon holds it), runs the catch-up owed since the last runs recorded in
// the history, then the cron schedule. When ctx is cancelled it stops
// scheduling, cancels the running job's context, waits for it to return and
// returns nil.
func (d *Daemon) Run(ctx context.Context) (err error) {
	// `pantau status` holds the lock for an instant to see whether a daemon
	// runs; a few retries keep a daemon starting at that instant alive.
	var lk *lake.Lock
	for try := 0; ; try++ {
		lk, err = d.Dir.TryLock("daemon")
		if err == nil || !errors.Is(err, lake.ErrLocked) || try == lockRetries {
			break
		}
		time.Sleep(lockRetryWait)
	}
	if err != nil {
		return fmt.Errorf("another pantau daemon is already running on %s: %w", d.Dir, err)
	}
	defer lk.Unlock()

	scheds, err := Schedules(d.Jobs, d.Location)
	if err != nil {
		return err
	}
	h, err := LoadHistory(d.Dir)
	if err != nil {
		return err
	}
	now := d.Clock()
	plan := CatchUp(d.Jobs, scheds, h, now, d.Location, d.MaxCatchUp)
	if err := AppendHistory(d.Dir, Record{Job: JobDaemon, Due: now, Start: now, Outcome: OutcomeStarted}); err != nil {
		return err
	}

	runner := &Runner{Dir: d.Dir, Clock: d.Clock, Log: d.Log, Location: d.Location}
	jobCtx, cancelJobs := context.WithCancel(context.Background())
	defer cancelJobs()

	c := cron.New(cron.WithLocation(d.Location), cron.WithLogger(CronLogger(d.Log)))
	for _, j := range d.Jobs {
		j := j
		// Each job gets its own chain so a skipped overlap is logged with
		// the job's name; Recover is a safety net behind Runner's own.
		lg := CronLogger(d.Log.With("job", j.Name))
		wrapped := cron.NewChain(cron.Recover(lg), cron.SkipIfStillRunning(lg)).Then(cron.FuncJob(func() {
			runner.Execute(jobCtx, j, Call{Job: j.Name, Trigger: OnSchedule, Due: d.Clock()})
		}))
		c.Schedule(scheds[j.Name], wrapped)
	}
	c.Start()
	d.Log.Info("daemon started", "dir", string(d.Dir), "time_zone", d.Location.String(), "jobs", len(d.Jobs), "catch_up_runs", len(plan))
	for _, j := range d.Jobs {
		d.Log.Info("job scheduled", "job", j.Name, "spec", j.Spec, "next", scheds[j.Name].Next(now.In(d.Location)).Format(time.RFC3339))
	}

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		byName := map[string]Job{}
		for _, j := range d.Jobs {
			byName[j.Name] = j
		}
		for _, call := range plan {
			if jobCtx.Err() != nil {
				return
			}
			d.Log.Info("catching up", "job", call.Job, "missed", call.Due.In(d.Location).Format(time.RFC3339))
			runner.Execute(jobCtx, byName[call.Job], call) //nolint:errcheck // logged and recorded by Execute
		}
	}()

	<-ctx.Done()
	d.Log.Info("daemon stopping: no new runs; cancelling the running job")
	stopped := c.Stop()
	cancelJobs()
	<-stopped.Done()
	wg.Wait()
	end := d.Clock()
	if err := AppendHistory(d.Dir, Record{Job: JobDaemon, Due: end, Start: end, Outcome: OutcomeStopped}); err != nil {
		d.Log.Error("run history not written", "err", err)
	}
	d.Log.Info("daemon stopped")
	return nil
}
