package main

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"sort"
	"time"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/config"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/reports"
	"github.com/pantau-asn/pantau/schedules"
)

// pipeline is what the scheduled jobs call in the other packages. It is a
// struct of functions so the wiring to ingest and reports lives in one place.
type pipeline struct {
	ingest    func(ctx context.Context, dir lake.Dir, cfg config.Config, now time.Time, log *slog.Logger) (map[string]int, error)
	report    func(ctx context.Context, dir lake.Dir, cfg config.Config, p domain.Period, now time.Time, log *slog.Logger) error
	revised   func(dir lake.Dir) ([]domain.Period, error)
	reference func(dir lake.Dir) (*domain.Reference, error)
	writeRef  func(w io.Writer) error
}

// realPipeline wires the jobs to ingest and reports.
func realPipeline() pipeline {
	return pipeline{
		ingest: func(ctx context.Context, dir lake.Dir, cfg config.Config, now time.Time, log *slog.Logger) (map[string]int, error) {
			sum, err := ingest.Run(ctx, dir, cfg.IngestConfig(), now, log)
			if err == nil || ingest.OnlyFilesFailed(err) {
				compact(ctx, dir, log)
			}
			return map[string]int{
				"seen": sum.Seen, "accepted": sum.Accepted, "partial": sum.Partial, "rejected": sum.Rejected,
				"duplicates": sum.Duplicates, "pending": sum.Pending, "ignored": sum.Ignored, "failed": sum.Failed,
			}, err
		},
		report: func(ctx context.Context, dir lake.Dir, cfg config.Config, p domain.Period, now time.Time, log *slog.Logger) error {
			_, err := reports.Generate(ctx, dir, reports.Options{
				Params: cfg.Report.Params(p), Lang: cfg.Report.Lang, PDF: cfg.Report.PDF, Now: now,
			}, log)
			return err
		},
		revised:   reports.Revised,
		reference: readReference,
		writeRef:  func(w io.Writer) error { return ingest.WriteReference(w, ingest.DefaultReference()) },
	}
}

// readReference reads referensi.xlsx; a missing file is the built-in
// default (districts only). Rows with problems are skipped, as ingest does.
func readReference(dir lake.Dir) (*domain.Reference, error) {
	if _, err := os.Stat(dir.Reference()); errors.Is(err, fs.ErrNotExist) {
		return ingest.DefaultReference(), nil
	}
	ref, _, err := ingest.ReadReference(dir.Reference())
	return ref, err
}

// buildJobs returns the configured, enabled jobs in catch-up order.
func buildJobs(e *env, cfg config.Config, loc *time.Location, pl pipeline) []schedules.Job {
	var jobs []schedules.Job
	add := func(name string, monthly bool, run func(ctx context.Context, c schedules.Call) (schedules.Outcome, error)) {
		jc, _ := cfg.Job(name)
		if jc.Disabled {
			return
		}
		jobs = append(jobs, schedules.Job{Name: name, Spec: jc.Spec, Monthly: monthly, Run: run})
	}
	add(config.JobIngest, false, func(ctx context.Context, c schedules.Call) (schedules.Outcome, error) {
		counts, err := pl.ingest(ctx, e.dir, cfg, e.now(), e.log)
		if errors.Is(err, lake.ErrLocked) {
			return schedules.Outcome{Counts: counts, Note: "ingest lock held (a manual pantau ingest?); this run skipped"}, err
		}
		return schedules.Outcome{Counts: counts}, err
	})
	add(config.JobReport, true, func(ctx context.Context, c schedules.Call) (schedules.Outcome, error) {
		return runReports(ctx, e, cfg, pl, schedules.ReportPeriod(c.Due, loc))
	})
	add(config.JobReminder, false, func(ctx context.Context, c schedules.Call) (schedules.Outcome, error) {
		return runReminder(e, cfg, pl)
	})
	return jobs
}

// runReports renders p and every month whose inputs changed since it was
// reported (reports.Revised), oldest first.
func runReports(ctx context.Context, e *env, cfg config.Config, pl pipeline, p domain.Period) (schedules.Outcome, error) {
	periods := []domain.Period{p}
	rev, err := pl.revised(e.dir)
	if err != nil {
		e.log.Error("revised months unknown", "err", err)
	}
	revised := 0
	for _, r := range rev {
		if r != p {
			periods = append(periods, r)
			revised++
		}
	}
	sort.Slice(periods, func(i, j int) bool { return periods[i].Before(periods[j]) })
	var out schedules.Outcome
	var errs []error
	for _, q := range periods {
		if ctx.Err() != nil {
			errs = append(errs, ctx.Err())
			break
		}
		if err := pl.report(ctx, e.dir, cfg, q, e.now(), e.log); err != nil {
			errs = append(errs, err)
			continue
		}
		out.Periods = append(out.Periods, q.String())
	}
	out.Counts = map[string]int{"reports": len(out.Periods), "revised": revised, "failed": len(periods) - len(out.Periods)}
	return out, errors.Join(errs...)
}

// runReminder writes the notes for the last period whose deadline passed.
func runReminder(e *env, cfg config.Config, pl pipeline) (schedules.Outcome, error) {
	now := e.now()
	ref, err := pl.reference(e.dir)
	if err != nil {
		return schedules.Outcome{}, err
	}
	l, err := e.dir.LoadLedger()
	if err != nil {
		return schedules.Outcome{}, err
	}
	p := cfg.Report.LastDuePeriod(now)
	res, err := schedules.Remind(e.dir, l, ref, p, cfg.Report.Deadline(p), now)
	out := schedules.Outcome{
		Periods: []string{p.String()},
		Counts:  map[string]int{"agencies_owing": res.Agencies, "notes_written": res.Written, "notes_removed": res.Removed},
	}
	return out, err
}
