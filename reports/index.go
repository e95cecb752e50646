package reports

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"time"

	_ "embed"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/transform"
)

// State is state/reports.json: for each reported month, when it was
// generated, which uploads fed it and its headline figures. It is what the
// index shows and what Revised compares the ledger with.
type State struct {
	Reports map[string]ReportRecord `json:"reports"` // by period "YYYY-MM"
}

// ReportRecord is one month's entry in State.
type ReportRecord struct {
	GeneratedAt      time.Time `json:"generated_at"`
	FirstGeneratedAt time.Time `json:"first_generated_at"`
	Inputs           []string  `json:"inputs"`                // current upload ids P's metrics read (Inputs), sorted
	InputsRule       int       `json:"inputs_rule,omitempty"` // the definition Inputs follow (inputsRule)
	Revisions        int       `json:"revisions,omitempty"`   // regenerations after the inputs changed
	Headline         headline  `json:"headline"`
	HTML             string    `json:"html"` // relative to reports/
}

// statePath is state/reports.json.
func statePath(dir lake.Dir) string { return filepath.Join(dir.State(), "reports.json") }

// LoadState reads state/reports.json; a missing file is an empty State.
func LoadState(dir lake.Dir) (*State, error) {
	s := &State{Reports: map[string]ReportRecord{}}
	b, err := os.ReadFile(statePath(dir))
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load report state: %w", err)
	}
	if err := json.Unmarshal(b, s); err != nil {
		return nil, fmt.Errorf("load report state %s: %w", statePath(dir), err)
	}
	if s.Reports == nil {
		s.Reports = map[string]ReportRecord{}
	}
	return s, nil
}

// save writes the state atomically.
func (s *State) save(dir lake.Dir) error {
	b, err := json.MarshalIndent(s, "", " ")
	if err != nil {
		return err
	}
	if err := lake.WriteFile(statePath(dir), append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("save report state: %w", err)
	}
	return nil
}

// Inputs are the ids of the current uploads the metrics of p read
// (transform.Reads: more than W12 — the year-to-date attendance, each
// agency's roster before W12, the evaluations and survey responses of the
// month before), sorted: the set that decides whether a reported month has
// been revised since.
func Inputs(l *lake.Ledger, p domain.Period) []string {
	reads := transform.Reads(p, l)
	var ids []string
	for _, e := range l.Entries {
		if e.Current() && reads(e) {
			ids = append(ids, e.ID)
		}
	}
	sort.Strings(ids)
	return ids
}

// inputsRule is the definition of a month's inputs that ReportRecord.Inputs
// follow: 0 in records written before Inputs followed transform.Reads (they
// hold the current uploads of W12 up to the month), 1 since.
const inputsRule = 1

// w12Inputs are the ids of the current uploads of W12 up to p, sorted: what
// Inputs was in records of rule 0.
func w12Inputs(l *lake.Ledger, p domain.Period) []string {
	lo, hi := p.Add(-11).String(), p.String()
	var ids []string
	for _, e := range l.Entries {
		if e.Current() && e.Period >= lo && e.Period <= hi {
			ids = append(ids, e.ID)
		}
	}
	sort.Strings(ids)
	return ids
}

// changed reports whether the inputs of reported month p differ now from
// those recorded. A record of the old rule is compared by that rule, so
// that the wider set does not mark every month reported before as revised;
// its next generation records the new one.
func (r ReportRecord) changed(l *lake.Ledger, p domain.Period) bool {
	if r.InputsRule == 0 {
		return !slices.Equal(w12Inputs(l, p), r.Inputs)
	}
	return !slices.Equal(Inputs(l, p), r.Inputs)
}

// Revised returns the reported months whose inputs (the current uploads
// their metrics read, Inputs) differ from those recorded when the report was
// last generated, oldest first.
func Revised(dir lake.Dir) ([]domain.Period, error) {
	s, err := LoadState(dir)
	if err != nil {
		return nil, err
	}
	l, err := dir.LoadLedger()
	if err != nil {
		return nil, fmt.Errorf("revised: %w", err)
	}
	return s.revised(l), nil
}

func (s *State) revised(l *lake.Ledger) []domain.Period {
	var out []domain.Period
	for k, r := range s.Reports {
		p, err := domain.ParsePeriod(k)
		if err != nil {
			continue
		}
		if r.changed(l, p) {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

//go:embed templates/index.html
var indexTemplate string

var indexTmpl = template.Must(template.New("index").Parse(indexTemplate))

// indexPage is what the index template shows.
type indexPage struct {
	Lang, Title, None, Hint string
	RevisedMark, RegenMark  string   // the marks' hover text, in the page's language
	Notes                   []string // what the marks shown mean, for the readers
	Head                    []string
	Rows                    []indexRow
}

type indexRow struct {
	Period, Href, Generated string
	Cells                   []string
	Uploads                 string // "24 dari 25 (96 %)"
	Incomplete              string // the badge when a figure misses an expected upload
	Revised                 bool   // inputs changed since it was generated
	Regenerated             bool   // regenerated after a revision
}

// IndexWriter writes reports/index.html. Its first error is sticky: later
// calls do nothing and Close returns it.
type IndexWriter struct {
	w   *bufio.Writer
	err error
}

// NewIndexWriter returns an index writer to w.
func NewIndexWriter(w io.Writer) *IndexWriter { return &IndexWriter{w: bufio.NewWriter(w)} }

// WriteIndex renders every month of s, newest first, marking the months in revised.
func (iw *IndexWriter) WriteIndex(s *State, revised []domain.Period, lang string) {
	if iw.err != nil {
		return
	}
	t, f := textFor(lang), Format{Lang: lang}
	pg := indexPage{Lang: t.lang, Title: t.S("index.title"), None: t.S("index.none"), Hint: t.S("index.scroll"),
		RevisedMark: t.S("index.revised.mark"), RegenMark: t.S("index.regenerated.mark"),
		Head: []string{t.S("index.period"), t.S("kpi.asn"), t.S("kpi.ontrack"), t.S("kpi.targetmet"), t.S("kpi.jp"),
			t.S("kpi.ikm"), t.S("kpi.followup"), t.S("kpi.uploads"), t.S("index.generated")}}
	rev := map[string]bool{}
	for _, p := range revised {
		rev[p.String()] = true
	}
	keys := make([]string, 0, len(s.Reports))
	for k := range s.Reports {
		keys = append(keys, k)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(keys)))
	for _, k := range keys {
		r := s.Reports[k]
		p, err := domain.ParsePeriod(k)
		if err != nil {
			continue
		}
		h := r.Headline
		ikm := "–"
		if h.IKM.OK {
			ikm = f.Dec(h.IKM.V, 2) + " (" + h.IKMCategory + ")"
		}
		fu := "–"
		if h.FollowupRate.OK {
			fu = f.Pct(h.FollowupRate.V)
		}
		href := filepath.ToSlash(r.HTML)
		row := indexRow{Period: f.Period(p), Href: href, Revised: rev[k], Regenerated: r.Revisions > 0,
			Generated: f.DateTime(r.GeneratedAt),
			Cells:     []string{f.Int(h.ASN), f.Pct(h.OnTrackShare), f.Pct(h.TargetMetShare), f.Dec(h.JPPerASN, 1), ikm, fu},
			Uploads:   "–"}
		// Uploads as a share of those due that month (months expect
		// different numbers), and the mark when a figure misses one.
		if share, ok := h.UploadsShare(); ok {
			row.Uploads = t.Sf("index.uploads.of", f.Int(h.UploadsReceived), f.Int(h.UploadsExpected), f.Pct(share))
		}
		if h.Gaps > 0 {
			row.Incomplete = t.S("mark.incomplete")
		}
		pg.Rows = append(pg.Rows, row)
	}
	// A note for each mark shown, so a reader is told what it means.
	var anyRev, anyRegen, anyGap bool
	for _, r := range pg.Rows {
		anyRev, anyRegen, anyGap = anyRev || r.Revised, anyRegen || r.Regenerated, anyGap || r.Incomplete != ""
	}
	if anyGap {
		pg.Notes = append(pg.Notes, t.S("index.note.incomplete"))
	}
	if anyRev {
		pg.Notes = append(pg.Notes, t.S("index.note"))
	}
	if anyRegen {
		pg.Notes = append(pg.Notes, t.S("index.note.regenerated"))
	}
	if err := indexTmpl.Execute(iw.w, pg); err != nil {
		iw.err = fmt.Errorf("render index: %w", err)
	}
}

// Close flushes the output and returns the first error.
func (iw *IndexWriter) Close() error {
	if iw.err == nil {
		iw.err = iw.w.Flush()
	}
	return iw.err
}

// writeIndex rewrites reports/index.html atomically from the months of s
// that are listed (Listed) and the ledger.
func writeIndex(dir lake.Dir, s *State, l *lake.Ledger, lang string) (string, error) {
	path := filepath.Join(dir.Reports(), "index.html")
	shown := Listed(dir, s)
	err := lake.WriteWith(path, 0o644, func(w io.Writer) error {
		iw := NewIndexWriter(w)
		iw.WriteIndex(shown, shown.revised(l), lang)
		return iw.Close()
	})
	return path, err
}

// Listed returns the months of s the index lists: those whose report file
// is still in reports/ and which had at least one upload behind them (in
// the 12 months up to the month). A report of no upload at all — a month
// reported before the first data or in the future, which pantau report
// now refuses without --force — is a page of zeros that would head the
// index; deleting a month's folder from reports/ also takes it off.
func Listed(dir lake.Dir, s *State) *State {
	out := &State{Reports: map[string]ReportRecord{}}
	for k, r := range s.Reports {
		if len(r.Inputs) == 0 || r.HTML == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir.Reports(), filepath.FromSlash(r.HTML))); err != nil {
			continue
		}
		out.Reports[k] = r
	}
	return out
}
