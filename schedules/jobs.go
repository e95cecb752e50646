package schedules

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
	"github.com/pantau-asn/pantau/transform"
)

// Pipeline is what the jobs (and `pantau init` and `pantau status`) call in
// the other packages. It is a struct of functions so the wiring to ingest
// and reports lives in one place and tests can replace any of them.
type Pipeline struct {
	Ingest func(ctx context.Context, dir lake.Dir, cfg config.Config, now time.Time, log *slog.Logger) (map[string]int, error)
	Report func(ctx context.Context, dir lake.Dir, cfg config.Config, p domain.Period, now time.Time, log *slog.Logger) error
	// Revised lists the months whose inputs changed since they were reported.
	Revised func(dir lake.Dir) ([]domain.Period, error)
	// Reference reads referensi.xlsx (ReadReference).
	Reference func(dir lake.Dir) (*domain.Reference, error)
	// WriteReference writes the default referensi.xlsx.
	WriteReference func(w io.Writer) error
}

// RealPipeline wires the jobs to ingest and reports.
func RealPipeline() Pipeline {
	return Pipeline{
		Ingest: func(ctx context.Context, dir lake.Dir, cfg config.Config, now time.Time, log *slog.Logger) (map[string]int, error) {
			sum, err := Ingest(ctx, dir, cfg.IngestConfig(), now, log)
			return map[string]int{
				"seen": sum.Seen, "accepted": sum.Accepted, "partial": sum.Partial, "rejected": sum.Rejected,
				"duplicates": sum.Duplicates, "pending": sum.Pending, "ignored": sum.Ignored, "failed": sum.Failed,
			}, err
		},
		Report: func(ctx context.Context, dir lake.Dir, cfg config.Config, p domain.Period, now time.Time, log *slog.Logger) error {
			_, err := reports.Generate(ctx, dir, reports.Options{
				Params: cfg.Report.Params(p), Lang: cfg.Report.Lang, PDF: cfg.Report.PDF, Now: now,
			}, log)
			return err
		},
		Revised:        reports.Revised,
		Reference:      ReadReference,
		WriteReference: func(w io.Writer) error { return ingest.WriteReference(w, ingest.DefaultReference()) },
	}
}

// Ingest runs ingest.Run once and then brings the lake's compacted files up
// to date (Compact), unless the run failed as a whole: files that failed on
// their own do not stop the others' compaction (the error still names
// them). `pantau ingest` and the ingest job both call it.
func Ingest(ctx context.Context, dir lake.Dir, cfg ingest.Config, now time.Time, log *slog.Logger) (ingest.Summary, error) {
	sum, err := ingest.Run(ctx, dir, cfg, now, log)
	if err == nil || ingest.OnlyFilesFailed(err) {
		compact(ctx, dir, log)
	}
	return sum, err
}

// compact brings the lake's compacted files up to date after an ingest
// (transform.Compact). A failure costs only speed — the metrics then read
// the per-upload files — so it is logged, not returned.
func compact(ctx context.Context, dir lake.Dir, log *slog.Logger) {
	st, err := transform.Compact(ctx, dir, log)
	if err != nil {
		log.Warn("compact failed; the metrics read the per-upload files", "err", err)
		return
	}
	if st.Written > 0 || st.Removed > 0 {
		log.Info("compact", "sets", st.Sets, "written", st.Written, "rows", st.Rows, "removed", st.Removed,
			"duration", st.Duration.Round(time.Millisecond))
	}
}

// ReadReference reads referensi.xlsx; a missing file is the built-in
// default (districts only). Rows with problems are skipped, as ingest does.
func ReadReference(dir lake.Dir) (*domain.Reference, error) {
	if _, err := os.Stat(dir.Reference()); errors.Is(err, fs.ErrNotExist) {
		return ingest.DefaultReference(), nil
	}
	ref, _, err := ingest.ReadReference(dir.Reference())
	return ref, err
}

// Setup is what the jobs run with: the data directory, pantau.toml and its
// time zone, the clock, the log and the pipeline they call.
type Setup struct {
	Dir      lake.Dir
	Config   config.Config
	Location *time.Location
	Clock    func() time.Time
	Log      *slog.Logger
	Pipeline Pipeline
}

// Jobs returns the configured, enabled jobs in catch-up order: ingest, the
// monthly report (with the revised months) and the reminder.
func (s Setup) Jobs() []Job {
	var jobs []Job
	add := func(name string, monthly bool, run func(ctx context.Context, c Call) (Outcome, error)) {
		jc, _ := s.Config.Job(name)
		if jc.Disabled {
			return
		}
		jobs = append(jobs, Job{Name: name, Spec: jc.Spec, Monthly: monthly, Run: run})
	}
	add(config.JobIngest, false, func(ctx context.Context, c Call) (Outcome, error) {
		counts, err := s.Pipeline.Ingest(ctx, s.Dir, s.Config, s.Clock(), s.Log)
		if errors.Is(err, lake.ErrLocked) {
			return Outcome{Counts: counts, Note: "ingest lock held (a manual pantau ingest?); this run skipped"}, err
		}
		return Outcome{Counts: counts}, err
	})
	add(config.JobReport, true, func(ctx context.Context, c Call) (Outcome, error) {
		return s.runReports(ctx, ReportPeriod(c.Due, s.Location))
	})
	add(config.JobReminder, false, func(ctx context.Context, c Call) (Outcome, error) {
		return s.runReminder()
	})
	return jobs
}

// reportMonths is the revised-months rule: a report run for p renders p and
// every month whose inputs changed since it was reported (revised), each
// once, oldest first. It also says how many of them are revisions.
func reportMonths(p domain.Period, revised []domain.Period) ([]domain.Period, int) {
	periods := []domain.Period{p}
	n := 0
	for _, r := range revised {
		if r != p {
			periods = append(periods, r)
			n++
		}
	}
	sort.Slice(periods, func(i, j int) bool { return periods[i].Before(periods[j]) })
	return periods, n
}

// runReports renders the months of reportMonths(p, Pipeline.Revised).
func (s Setup) runReports(ctx context.Context, p domain.Period) (Outcome, error) {
	rev, err := s.Pipeline.Revised(s.Dir)
	if err != nil {
		s.Log.Error("revised months unknown", "err", err)
	}
	periods, revised := reportMonths(p, rev)
	var out Outcome
	var errs []error
	for _, q := range periods {
		if ctx.Err() != nil {
			errs = append(errs, ctx.Err())
			break
		}
		if err := s.Pipeline.Report(ctx, s.Dir, s.Config, q, s.Clock(), s.Log); err != nil {
			errs = append(errs, err)
			continue
		}
		out.Periods = append(out.Periods, q.String())
	}
	out.Counts = map[string]int{"reports": len(out.Periods), "revised": revised, "failed": len(periods) - len(out.Periods)}
	return out, errors.Join(errs...)
}

// runReminder writes the notes for the last period whose deadline passed.
func (s Setup) runReminder() (Outcome, error) {
	now := s.Clock()
	ref, err := s.Pipeline.Reference(s.Dir)
	if err != nil {
		return Outcome{}, err
	}
	l, err := s.Dir.LoadLedger()
	if err != nil {
		return Outcome{}, err
	}
	p := s.Config.Report.LastDuePeriod(now)
	res, err := Remind(s.Dir, l, ref, p, s.Config.Report.Deadline(p), now)
	out := Outcome{
		Periods: []string{p.String()},
		Counts:  map[string]int{"agencies_owing": res.Agencies, "notes_written": res.Written, "notes_removed": res.Removed},
	}
	return out, err
}
