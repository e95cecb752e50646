package reports

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/transform"
	"golang.org/x/sync/errgroup"
)

// Options configure one report run.
type Options struct {
	Params   transform.Params // the period and thresholds
	Lang     string           // "id" (default) or "en"; agency lists are always Indonesian
	PDF      bool             // also print laporan-<P>.pdf with headless Chromium
	Now      time.Time        // the clock (generated_at); required
	Chromium string           // browser path; "" = $PANTAU_CHROMIUM, else chromium on PATH
}

// Validate reports the first bad option.
func (o Options) Validate() error {
	if err := o.Params.Validate(); err != nil {
		return err
	}
	if o.Lang != "" && o.Lang != "id" && o.Lang != "en" {
		return fmt.Errorf("report options: language %q (want id or en)", o.Lang)
	}
	if o.Now.IsZero() {
		return errors.New("report options: Now is not set")
	}
	return nil
}

// Output names the files a run wrote (absolute or relative to the data
// directory, as dir is).
type Output struct {
	HTML, XLSX, PDF, Index string
	Data                   string   // the folder of CSV exports
	Agencies               []string // outbox workbooks written
}

// Generate computes the metric tables of opts.Params.Period (transform.Run)
// and writes reports/<P>/laporan-<P>.html, ringkasan-<P>.xlsx, data/*.csv,
// optionally laporan-<P>.pdf, outbox/<agency>/belum-capai-20jp-<P>.xlsx,
// then records the month in state/reports.json and rewrites
// reports/index.html. Every file is written atomically. It first sweeps
// the temp files an interrupted run left (sweepTemps).
func Generate(ctx context.Context, dir lake.Dir, opts Options, log *slog.Logger) (*Output, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	p := opts.Params.Period
	start := time.Now()
	sweepTemps(dir, log)
	res, err := transform.Run(ctx, dir, opts.Params)
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", p, err)
	}
	defer res.Release()
	metricsDone := time.Now()
	log.Info("metrics computed", "period", p.String(), "uploads", len(res.Uploads), "elapsed", metricsDone.Sub(start).Round(time.Millisecond))
	d, err := fromTables(res.Tables)
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", p, err)
	}
	d.Period, d.AsOf, d.Uploads = p, res.AsOf, res.Uploads
	d.Shorts = referenceShorts(dir, log)
	d.Rules = rules{TargetJP: opts.Params.TargetJP, OnTrackThreshold: opts.Params.OnTrackThreshold,
		GapPoints: opts.Params.GapPoints, FollowupDays: opts.Params.FollowupDays, DeadlineDay: opts.Params.DeadlineDay}
	// The CSV exports first: the month is recorded in state only once every
	// file of it is written.
	dataDir := filepath.Join(dir.ReportDir(p), "data")
	if err := canceled(ctx, p); err != nil {
		return nil, err
	}
	if err := res.WriteCSV(dataDir); err != nil {
		return nil, fmt.Errorf("report %s: %w", p, err)
	}
	out, err := render(ctx, dir, d, opts, log)
	if err != nil {
		return nil, err
	}
	out.Data = dataDir
	log.Info("report written", "period", p.String(), "html", out.HTML, "agency_lists", len(out.Agencies),
		"after_metrics", time.Since(metricsDone).Round(time.Millisecond), "elapsed", time.Since(start).Round(time.Millisecond))
	return out, nil
}

// referenceShorts reads the short names of referensi.xlsx (Nama Singkat)
// by full name; without the workbook, Maluku's built-in district ones. A
// workbook that cannot be read leaves the charts to shortLabel's names.
func referenceShorts(dir lake.Dir, log *slog.Logger) map[string]string {
	ref := ingest.DefaultReference()
	if _, err := os.Stat(dir.Reference()); err == nil {
		r, _, err := ingest.ReadReference(dir.Reference())
		if err != nil {
			log.Warn("report: reference short names not read", "err", err)
			return nil
		}
		ref = r
	}
	out := map[string]string{}
	for _, d := range ref.Districts {
		out[d.Name] = d.Short
	}
	for _, a := range ref.Agencies {
		out[a.Name] = a.Short
	}
	for _, u := range ref.Units {
		out[u.Name] = u.Short
	}
	return out
}

// sweepTemps removes the temp files a killed report (or ingest) left
// anywhere in the data directory. It is safe beside a running ingest or
// report: each writer holds a lock on its own temp files, and only
// unlocked ones — whose writer is gone — are removed (lake.SweepTemps).
func sweepTemps(dir lake.Dir, log *slog.Logger) {
	removed, err := dir.SweepTemps()
	for _, r := range removed {
		log.Info("sweep: removed leftover", "path", r)
	}
	if err != nil {
		log.Warn("sweep: temp files left", "err", err)
	}
}

// render writes every output of one month from d (everything Generate does
// after the metrics; the CSV exports are transform's). It is the part a
// benchmark times.
func render(ctx context.Context, dir lake.Dir, d *data, opts Options, log *slog.Logger) (*Output, error) {
	p := d.Period
	lang := textFor(opts.Lang).Lang()
	rdir := dir.ReportDir(p)
	out := &Output{
		HTML: filepath.Join(rdir, "laporan-"+p.String()+".html"),
		XLSX: filepath.Join(rdir, "ringkasan-"+p.String()+".xlsx"),
	}
	lock, err := dir.WaitLock("reports-state")
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", p, err)
	}
	defer lock.Unlock()
	state, err := LoadState(dir)
	if err != nil {
		return nil, err
	}
	ledger, err := dir.LoadLedger()
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", p, err)
	}
	inputs := Inputs(ledger, p)
	old, reported := state.Reports[p.String()]
	revised := reported && (old.changed(ledger, p) || old.Revisions > 0)
	var prev *headline
	if r, ok := state.Reports[p.Add(-1).String()]; ok {
		prev = &r.Headline
	}
	page, err := buildPage(d, prev, lang, opts.Now, revised)
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", p, err)
	}
	if err := canceled(ctx, p); err != nil {
		return nil, err
	}
	err = lake.WriteWith(out.HTML, 0o644, func(w io.Writer) error {
		hw := newHTMLWriter(w)
		hw.WriteReport(page)
		return hw.Close()
	})
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", p, err)
	}
	h := headlineOf(d)
	if err := canceled(ctx, p); err != nil {
		return nil, err
	}
	err = lake.WriteWith(out.XLSX, 0o644, func(w io.Writer) error {
		xw := newSummaryWriter(w, lang)
		xw.WriteSummary(d, h, prev)
		return xw.Close()
	})
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", p, err)
	}
	if err := canceled(ctx, p); err != nil {
		return nil, err
	}
	if out.Agencies, err = writeAgencyLists(dir, d); err != nil {
		return nil, fmt.Errorf("report %s: %w", p, err)
	}
	if opts.PDF {
		out.PDF = filepath.Join(rdir, "laporan-"+p.String()+".pdf")
		err = lake.WriteWith(out.PDF, 0o644, func(w io.Writer) error {
			pw := newPDFWriter(w, opts.Chromium)
			pw.WriteReport(ctx, out.HTML)
			return pw.Close()
		})
		if err != nil {
			return nil, fmt.Errorf("report %s: pdf: %w", p, err)
		}
	}
	rec := ReportRecord{GeneratedAt: opts.Now.UTC(), FirstGeneratedAt: opts.Now.UTC(), Inputs: inputs, InputsRule: inputsRule, Headline: h,
		HTML: filepath.ToSlash(filepath.Join(p.String(), filepath.Base(out.HTML)))}
	if reported {
		rec.FirstGeneratedAt, rec.Revisions = old.FirstGeneratedAt, old.Revisions
		if old.changed(ledger, p) {
			rec.Revisions++
			log.Info("reported month revised", "period", p.String(), "revision", rec.Revisions)
		}
	}
	state.Reports[p.String()] = rec
	// The last point to stop: once the month is recorded, the index follows.
	if err := canceled(ctx, p); err != nil {
		return nil, err
	}
	if err := state.save(dir); err != nil {
		return nil, err
	}
	if out.Index, err = writeIndex(dir, state, ledger, lang); err != nil {
		return nil, fmt.Errorf("report %s: %w", p, err)
	}
	return out, nil
}

// canceled is ctx's error, once it is done, as a report error. Generate and
// render check it before each file they write: a stopped run leaves every
// file it wrote whole and the month unrecorded in state/reports.json (so
// neither reported nor marked revised) until a run finishes.
func canceled(ctx context.Context, p domain.Period) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("report %s: stopped: %w", p, err)
	}
	return nil
}

// agencyListName is the outbox workbook of agency's staff not on track.
func agencyListName(p domain.Period) string { return "belum-capai-20jp-" + p.String() + ".xlsx" }

// writeAgencyLists writes one workbook per agency with staff not on track
// into outbox/<agency>/, and returns their paths. They are always in
// Indonesian, whatever the report's language: like the receipts and
// reminders in the same outbox, they are written for the agency's staff
// (the report's language is for BKN's readers).
func writeAgencyLists(dir lake.Dir, d *data) ([]string, error) {
	by := map[string][]personProgress{}
	var order []string
	for _, x := range d.Persons {
		if x.OnTrack {
			continue
		}
		if _, ok := by[x.Agency]; !ok {
			order = append(order, x.Agency)
		}
		by[x.Agency] = append(by[x.Agency], x)
	}
	slices.Sort(order)
	order = slices.DeleteFunc(order, func(a string) bool {
		return !domain.ValidAgencyCode(a) // never build a path from a code that could leave outbox/
	})
	// Workbooks are independent; a few at a time overlap their fsyncs.
	paths := make([]string, len(order))
	var g errgroup.Group
	g.SetLimit(4)
	for i, a := range order {
		paths[i] = filepath.Join(dir.OutboxOf(a), agencyListName(d.Period))
		g.Go(func() error {
			return lake.WriteWith(paths[i], 0o644, func(w io.Writer) error {
				aw := newAgencyListWriter(w, "id")
				aw.WriteList(d, a, by[a])
				return aw.Close()
			})
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return paths, nil
}
