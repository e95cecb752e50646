package main

import (
	"fmt"

	"github.com/pantau-asn/pantau/internal/config"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/reports"
	"github.com/pantau-asn/pantau/schedules"
)

// reportOptions are the flags of `pantau report`.
type reportOptions struct {
	Period   string
	Lang     string // "" = pantau.toml's lang (default id)
	PDF      bool
	Chromium string
	Force    bool // report a month outside reportMonths
}

// runReport computes the metrics of one month and writes its report:
// reports/<P>/laporan-<P>.html (and .pdf with --pdf), ringkasan-<P>.xlsx,
// data/*.csv, the agencies' outbox lists and reports/index.html.
// Thresholds, language and PDF default to pantau.toml's [report] section.
func runReport(e *env, args []string) error {
	var o reportOptions
	fs := newFlags(e, "report")
	fs.StringVar(&o.Period, "period", "", "the month to report, `YYYY-MM` (required)")
	fs.StringVar(&o.Lang, "lang", "", "language of the report: `id|en` (default: pantau.toml, else id)")
	fs.BoolVar(&o.PDF, "pdf", false, "also print the report to A4 PDF with headless Chromium")
	fs.StringVar(&o.Chromium, "chromium", "", "Chromium binary for --pdf, a `PATH` (default $PANTAU_CHROMIUM, else chromium on PATH)")
	fs.BoolVar(&o.Force, "force", false, "report the month even if it is not over yet or before the first upload")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if o.Period == "" {
		return fmt.Errorf("%w: --period YYYY-MM is required", errUsage)
	}
	p, err := domain.ParsePeriod(o.Period)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	cfg, err := config.Load(e.dir)
	if err != nil {
		return err
	}
	if !o.Force {
		if err := reportable(e, cfg, p); err != nil {
			return err
		}
	}
	rc := cfg.Report
	params := rc.Params(p) // as the report job maps them
	lang := o.Lang
	if lang == "" {
		lang = rc.Lang
	}
	if lang != "" && lang != "id" && lang != "en" {
		return fmt.Errorf("%w: --lang %q (want id or en)", errUsage, lang)
	}
	out, err := reports.Generate(e.context(), e.dir, reports.Options{Params: params, Lang: lang, PDF: o.PDF || rc.PDF,
		Now: e.now(), Chromium: o.Chromium}, e.log)
	if err != nil {
		return err
	}
	printReport(e, lang, out)
	return nil
}

// reportable refuses, as a usage error, a month that cannot have a real
// report: one not over yet (after schedules.ReportPeriod of now, the month
// `pantau run` and the daemon's report job report), or one before the
// first month with a current upload in the ledger (or any month when there
// is none). Such a report would be all zeros and head the index.
func reportable(e *env, cfg config.Config, p domain.Period) error {
	loc, err := cfg.Location()
	if err != nil {
		return err
	}
	if last := schedules.ReportPeriod(e.now(), loc); last.Before(p) {
		return fmt.Errorf("%w: --period %s: that month is not over yet; the last complete month is %s "+
			"(--force reports it anyway)", errUsage, p, last)
	}
	l, err := e.dir.LoadLedger()
	if err != nil {
		return err
	}
	first, ok := firstPeriod(l)
	switch {
	case !ok:
		return fmt.Errorf("%w: --period %s: the ledger holds no upload yet, so there is nothing to report; "+
			"run pantau ingest first (--force reports it anyway)", errUsage, p)
	case p.Before(first):
		return fmt.Errorf("%w: --period %s: that is before the first data, %s "+
			"(--force reports it anyway)", errUsage, p, first)
	}
	return nil
}

// firstPeriod is the earliest period of a current upload in l.
func firstPeriod(l *lake.Ledger) (domain.Period, bool) {
	var first domain.Period
	ok := false
	for _, en := range l.Entries {
		if !en.Current() {
			continue
		}
		p, err := domain.ParsePeriod(en.Period)
		if err != nil {
			continue
		}
		if !ok || p.Before(first) {
			first, ok = p, true
		}
	}
	return first, ok
}

// reportLines are the labels of report's summary, Indonesian and English.
var reportLines = map[string][7]string{
	"id": {"laporan:  ", "pdf:      ", "ringkasan:", "data:     ", "indeks:   ",
		"daftar instansi: %d berkas di outbox/", "bulan yang datanya berubah sejak dilaporkan: %v"},
	"en": {"report:   ", "pdf:      ", "summary:  ", "data:     ", "index:    ",
		"agency lists: %d files in outbox/", "months whose data changed since they were reported: %v"},
}

// printReport prints where report wrote what, in the report's language.
func printReport(e *env, lang string, out *reports.Output) {
	l, ok := reportLines[lang]
	if !ok {
		l = reportLines["id"]
	}
	fmt.Fprintf(e.stdout, "%s %s\n", l[0], out.HTML)
	if out.PDF != "" {
		fmt.Fprintf(e.stdout, "%s %s\n", l[1], out.PDF)
	}
	fmt.Fprintf(e.stdout, "%s %s\n", l[2], out.XLSX)
	fmt.Fprintf(e.stdout, "%s %s\n", l[3], out.Data)
	fmt.Fprintf(e.stdout, "%s %s\n", l[4], out.Index)
	fmt.Fprintf(e.stdout, l[5]+"\n", len(out.Agencies))
	if rev, err := reports.Revised(e.dir); err == nil && len(rev) > 0 {
		fmt.Fprintf(e.stdout, l[6]+"\n", rev)
	}
}
