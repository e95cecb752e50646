package reports

import (
	"encoding/json"
	"html/template"
	"sort"
	"strings"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// page is the report as the HTML template sees it: every string already
// formatted for the reader. Text that came from uploads stays a plain
// string, so html/template escapes it.
type page struct {
	Lang       string
	Title      string
	Region     string
	PeriodName string
	Subtitle   string
	Revised    bool
	Cards      []card
	Highlights []string
	// HighlightIncomplete: the first highlight is the missing-data sentence.
	HighlightIncomplete bool
	Charts              map[string]chart
	ChartsJS            template.JS // the chart list as HTML-safe JSON
	Attention           tableView
	UnitsLow            tableView
	Uploads             tableView
	Method              []string
	UploadList          tableView
	ECharts             template.JS
	T                   map[string]string // labels the template prints
	// Incomplete is Data.Incomplete: district codes ("81.07") and agency
	// codes ("kab-kepulauan-aru") whose figures miss an expected upload
	// they depend on, each with what is missing ("kehadiran 2025-08").
	// Tables mark these rows T["mark.incomplete"]; charts should too.
	Incomplete map[string]string
}

// card is one headline figure: Sub says of what it counts, Note (if any)
// what the label means in one line.
type card struct {
	Label, Value, Sub, Note, Delta string
	Trend                          string // "up", "down", "flat" or "" (colour of Delta)
}

// tableView is a table ready to print; Flag marks rows to highlight.
type tableView struct {
	Title, Note, Empty string
	Head               []string
	Rows               []tableRow
}

// tableRow is one row of cells. Mark, when set, is shown as a badge in
// cell MarkCol (the row's name): its figure misses an expected upload.
type tableRow struct {
	Cells   []string
	Flag    bool
	Mark    string
	MarkCol int
}

// pageKeys are the labels the template uses directly.
var pageKeys = []string{"nav.summary", "nav.training", "nav.ikm", "nav.performance", "nav.impact",
	"nav.data", "nav.method", "nav.highlights", "chart.nodata", "report.footer", "report.revised", "method.uploads",
	"table.scroll", "mark.incomplete"}

// buildPage turns d into the page model. prev is the previous month's
// recorded headline (nil if it was never reported); generated is the
// report's time; revised marks a month regenerated after its inputs changed.
func buildPage(d *data, prev *headline, lang string, generated time.Time, revised bool) (*page, error) {
	t, f := textFor(lang), Format{Lang: lang}
	p := &page{Lang: t.lang, Title: t.S("report.title"), Region: t.S("report.region"),
		PeriodName: f.Period(d.Period), Revised: revised, T: map[string]string{}}
	p.Subtitle = t.Sf("report.asof", f.DateTime(d.AsOf), f.DateTime(generated))
	for _, k := range pageKeys {
		p.T[k] = t.S(k)
	}
	ph, hasPrev := prevHeadline(d, prev)
	h := headlineOf(d)
	p.Cards = cards(h, ph, hasPrev, d.Period, d.Rules, t, f)
	p.Highlights = highlights(d, prev, lang)
	gaps := d.Gaps()
	p.Incomplete = incompleteOf(d, gaps)
	p.HighlightIncomplete = len(gaps) > 0

	cs, err := buildCharts(d, lang)
	if err != nil {
		return nil, err
	}
	p.Charts = map[string]chart{}
	type jsChart struct {
		ID     string          `json:"id"`
		Unit   string          `json:"unit"`
		Short  []string        `json:"short,omitempty"`
		Option json.RawMessage `json:"option"`
	}
	var js []jsChart
	for _, c := range cs {
		p.Charts[c.ID] = c
		if !c.Missing {
			js = append(js, jsChart{c.ID, c.Unit, c.Short, c.Option})
		}
	}
	b, err := json.Marshal(js) // escapes <, >, & and U+2028/9: safe inside <script>
	if err != nil {
		return nil, err
	}
	p.ChartsJS = template.JS(b)
	p.Attention = attentionTable(d, gaps, t, f)
	p.UnitsLow = unitsTable(d, gaps, t, f)
	p.Uploads = uploadsTable(d, t, f)
	p.Method = []string{
		t.Sf("method.jp", f.Dec(d.Rules.TargetJP, 0), f.Dec(d.Rules.TargetJP, 0)),
		t.S("method.ikm"),
		t.Sf("method.followup", d.Rules.FollowupDays),
		t.Sf("method.asof", f.DateTime(d.AsOf), len(d.Uploads), d.Rules.DeadlineDay),
		t.S("method.csv"),
	}
	p.UploadList = uploadList(d, t, f)
	return p, nil
}

// cards are the headline figures, each compared with the same figure a
// month earlier only where that compares like with like: the year-to-date
// figures restart in January (so January says so instead of a change), a
// head count is not compared with a month that had none, and uploads are a
// share of those due each month (months expect different numbers). In
// December on track and target met are the same rule (20 × 12 ÷ 12 JP), so
// only target met is shown.
func cards(h, ph headline, hasPrev bool, p domain.Period, rules rules, t text, f Format) []card {
	newYear := p.Month == time.January
	delta := func(cur, old float64, text func(float64) string) (string, string) {
		if !hasPrev {
			return t.S("kpi.noprev"), ""
		}
		d := cur - old
		tr := "flat"
		if d > 1e-9 {
			tr = "up"
		} else if d < -1e-9 {
			tr = "down"
		}
		s := text(d)
		if !strings.ContainsAny(s, "123456789") {
			return t.S("kpi.same"), "flat" // "0 vs bulan lalu" reads as a figure of zero
		}
		return s + " " + t.S("kpi.prev"), tr
	}
	ytd := func(cur, old float64, text func(float64) string) (string, string) {
		if newYear {
			return t.S("kpi.newyear"), ""
		}
		return delta(cur, old, text)
	}
	ints := func(d float64) string { return f.Signed(d, 0) }
	of := func(n int) string { return t.Sf("kpi.persons", f.Int(n), f.Int(h.ASN)) }
	var cs []card
	add := func(label, value, sub, note, d, tr string) {
		cs = append(cs, card{Label: label, Value: value, Sub: sub, Note: note, Delta: d, Trend: tr})
	}
	d, tr := t.S("kpi.noprev"), ""
	if hasPrev && ph.ASN > 0 {
		d, tr = delta(float64(h.ASN), float64(ph.ASN), ints)
	}
	add(t.S("kpi.asn"), f.Int(h.ASN), "", "", d, tr)
	d, tr = ytd(h.Coverage, ph.Coverage, f.Points)
	add(t.S("kpi.trained"), f.Pct(h.Coverage), of(h.Trained), "", d, tr)
	target := targetJP(rules)
	if p.Month != time.December {
		d, tr = ytd(h.OnTrackShare, ph.OnTrackShare, f.Points)
		add(t.S("kpi.ontrack"), f.Pct(h.OnTrackShare), of(h.OnTrack),
			t.Sf("kpi.ontrack.note", f.Dec(target*float64(p.Month)/12, 1), int(p.Month), f.Dec(target, 0)), d, tr)
	}
	note := "kpi.targetmet.note"
	if p.Month == time.December {
		note = "kpi.targetmet.dec"
	}
	d, tr = ytd(h.TargetMetShare, ph.TargetMetShare, f.Points)
	add(t.S("kpi.targetmet"), f.Pct(h.TargetMetShare), of(h.TargetMet), t.Sf(note, f.Dec(target, 0)), d, tr)
	d, tr = ytd(h.JPPerASN, ph.JPPerASN, func(x float64) string { return f.Signed(x, 1) })
	add(t.S("kpi.jp"), f.Dec(h.JPPerASN, 1), "", "", d, tr)
	if h.IKM.OK {
		d, tr = t.S("kpi.noprev"), ""
		if hasPrev && ph.IKM.OK {
			d, tr = delta(h.IKM.V, ph.IKM.V, func(x float64) string { return f.Signed(x, 2) })
		}
		add(t.S("kpi.ikm"), f.Dec(h.IKM.V, 2), h.IKMCategory+" "+domain.IKMCategoryLabel(h.IKMCategory, t.lang), "", d, tr)
	} else {
		add(t.S("kpi.ikm"), "–", "", "", t.S("kpi.noprev"), "")
	}
	if h.FollowupRate.OK {
		d, tr = t.S("kpi.noprev"), ""
		if hasPrev && ph.FollowupRate.OK {
			d, tr = delta(h.FollowupRate.V, ph.FollowupRate.V, f.Points)
		}
		add(t.S("kpi.followup"), f.Pct(h.FollowupRate.V), t.Sf("kpi.followup.of", f.Int(h.FollowedUp), f.Int(h.FollowupComplete)), "", d, tr)
	} else {
		add(t.S("kpi.followup"), "–", "", "", t.S("kpi.noprev"), "")
	}
	d, tr = t.S("kpi.noprev"), ""
	share, ok := h.UploadsShare()
	if old, oldOK := ph.UploadsShare(); hasPrev && ok && oldOK {
		d, tr = delta(share, old, f.Points)
	}
	value := "–"
	if ok {
		value = f.Pct(share)
	}
	add(t.S("kpi.uploads"), value, t.Sf("kpi.uploads.of", f.Int(h.UploadsReceived), f.Int(h.UploadsExpected)), "", d, tr)
	return cs
}

func yesNo(t text, b bool) string {
	if b {
		return t.S("yes")
	}
	return t.S("no")
}

func attentionTable(d *data, gaps []gap, t text, f Format) tableView {
	tv := tableView{Title: t.S("table.attention"), Empty: t.S("table.attention.none"),
		Note: t.Sf("table.attention.note", f.Dec(targetJP(d.Rules)*float64(d.Period.Month)/12, 1), int(d.Period.Month),
			f.Dec(targetJP(d.Rules), 0), f.Pct(d.Rules.OnTrackThreshold), f.Gap(d.Rules.GapPoints)),
		Head: []string{t.S("col.rank"), t.S("col.district"), t.S("col.remote"), t.S("col.ontrack"), t.S("col.gap"),
			t.S("col.worstagency"), t.S("col.daring")}}
	rows := append([]attentionRow(nil), d.Attention...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Rank < rows[j].Rank })
	for _, a := range rows {
		if !a.Flagged {
			continue
		}
		name := a.Name
		if name == "" {
			name = d.districtName(a.District)
		}
		tv.Rows = append(tv.Rows, tableRow{Flag: true, Cells: []string{f.Int(a.Rank), name, yesNo(t, a.Remote),
			f.Pct(a.OnTrackShare), f.Points(a.OnTrackShare - a.ProvinceOnTrackShare),
			d.agencyName(a.WorstAgency), f.Pct(a.DaringJPShare)},
			Mark: incompleteMark(t, f, d.gapsOf(gaps, a.District, coverageKinds...)), MarkCol: 1})
	}
	for _, r := range tv.Rows {
		if r.Mark != "" {
			tv.Note += t.S("table.attention.marked")
			break
		}
	}
	return tv
}

// targetJP is the yearly JP duty of r (20 when unset, as in hand-built data).
func targetJP(r rules) float64 {
	if r.TargetJP == 0 {
		return defaultRules().TargetJP
	}
	return r.TargetJP
}

func unitsTable(d *data, gaps []gap, t text, f Format) tableView {
	tv := tableView{Title: t.S("table.units"), Empty: t.S("table.units.none"),
		Head: []string{t.S("col.unit"), t.S("col.agency"), t.S("col.service"), t.S("col.n"), t.S("col.ikm"),
			t.S("col.category"), t.S("col.delta"), t.S("col.lowest"), t.S("col.sample")}}
	for _, u := range d.unitsBelowB() {
		low := u.LowestElement
		var k int
		if len(low) == 2 && low[0] == 'U' && low[1] >= '1' && low[1] <= '9' {
			k = int(low[1] - '1')
			low += " " + domain.SKMElements[k]
		}
		sample := t.S("unknown")
		if u.SampleOK != nil {
			sample = yesNo(t, *u.SampleOK)
		}
		cat := u.Category
		if cat == "" {
			cat = domain.IKMCategory(u.IKM.V)
		}
		tv.Rows = append(tv.Rows, tableRow{Flag: cat == "D", Cells: []string{u.Name, d.agencyName(u.Agency), u.ServiceType,
			f.Int(u.N), f.Dec(u.IKM.V, 2), cat + " " + domain.IKMCategoryLabel(cat, t.lang),
			optSigned(f, u.DeltaPrev, 2), low, sample},
			Mark: incompleteMark(t, f, d.gapsOf(gaps, u.Agency, domain.Survei)), MarkCol: 0})
	}
	return tv
}

func optSigned(f Format, o opt, digits int) string {
	if !o.OK {
		return "–"
	}
	return f.Signed(o.V, digits)
}

func statusText(t text, c completenessRow) string {
	return t.S(statusLevels[statusLevel(c)].key)
}

func uploadsTable(d *data, t text, f Format) tableView {
	tv := tableView{Title: t.S("table.uploads"), Empty: t.S("table.uploads.none"),
		Head: []string{t.S("col.agency"), t.S("col.kind"), t.S("col.status"), t.S("col.received")}}
	rows := append([]completenessRow(nil), d.Completeness...)
	sort.SliceStable(rows, func(i, j int) bool {
		if li, lj := statusLevel(rows[i]), statusLevel(rows[j]); li != lj {
			return li < lj
		}
		return d.agencyName(rows[i].Agency) < d.agencyName(rows[j].Agency)
	})
	for _, c := range rows {
		lv := statusLevel(c)
		if lv == 4 || (lv == 2 && !c.Late) {
			continue
		}
		tv.Rows = append(tv.Rows, tableRow{Flag: lv <= 1, Cells: []string{d.agencyName(c.Agency), t.Kind(c.Kind),
			statusText(t, c), f.DateTime(c.ReceivedAt)}})
	}
	return tv
}

// uploadList lists the uploads of the report month that fed it (agency,
// kind, revision, received); earlier months are counted in the note.
func uploadList(d *data, t text, f Format) tableView {
	tv := tableView{Head: []string{t.S("col.agency"), t.S("col.kind"), "Rev.", t.S("col.received")}}
	var es []lake.Entry
	for _, e := range d.Uploads {
		if e.Period == d.Period.String() {
			es = append(es, e)
		}
	}
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Agency != es[j].Agency {
			return es[i].Agency < es[j].Agency
		}
		return es[i].Kind < es[j].Kind
	})
	for _, e := range es {
		rev := e.Revision
		if rev == 0 {
			rev = 1
		}
		tv.Rows = append(tv.Rows, tableRow{Cells: []string{d.agencyName(e.Agency), t.Kind(e.Kind), f.Int(rev), f.DateTime(e.ReceivedAt)}})
	}
	return tv
}
