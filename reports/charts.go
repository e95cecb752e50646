package reports

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// chart is one chart of the report: its ECharts option (built with
// go-echarts) and what the page shows around it.
type chart struct {
	ID      string          // element id, "chart-ontrack"
	Title   string          // heading above the chart
	Note    string          // one-line explanation under it
	Height  int             // pixels on a laptop
	Unit    string          // "%" when values are percentages (used by the page's number formatter)
	Option  json.RawMessage // the ECharts option; HTML-safe JSON (<, >, & escaped)
	Legend  []legendItem    // the chart's legend, drawn in HTML under it (wraps on a phone, prints in full)
	Short   []string        // category labels for narrow screens (unique, like the option's own)
	Table   tableView       // the chart's numbers, for readers without JavaScript and screen readers
	Missing bool            // no data: the page shows Empty instead of a chart
	Empty   string          // the no-data note
}

// legendItem is one swatch of an HTML legend.
type legendItem struct{ Color, Label string }

// incompleteSign marks, in a chart's labels, a district or agency whose
// expected uploads for the figure's months are missing (Data.Incomplete).
const incompleteSign = "(!)"

// marker marks, in one ranking chart, the items whose figure misses an
// expected upload of kinds: "(!)" on the item's chart labels, the "data
// belum lengkap" badge on its table row, and one legend line saying what
// the sign means once any item carries it.
type marker struct {
	b     chartBuilder
	gaps  []gap
	kinds []domain.Kind
	any   bool
}

func (b chartBuilder) marker(kinds ...domain.Kind) *marker {
	return &marker{b: b, gaps: b.d.Gaps(), kinds: kinds}
}

// has reports whether code (a district, agency or unit code) misses an
// expected upload of the marker's kinds.
func (m *marker) has(code string) bool {
	if a := m.b.d.unitAgency(code); a != "" {
		code = a
	}
	return len(m.b.d.gapsOf(m.gaps, code, m.kinds...)) > 0
}

// mark marks item i when code misses an upload: its labels in each of
// labels (nil slices are skipped) and row's badge (row may be nil).
func (m *marker) mark(code string, i int, row *tableRow, labels ...[]string) bool {
	if !m.has(code) {
		return false
	}
	for _, l := range labels {
		if l != nil {
			l[i] += " " + incompleteSign
		}
	}
	if row != nil {
		row.Mark, row.MarkCol = m.b.t.S("mark.incomplete"), 0
	}
	m.any = true
	return true
}

// legend adds the sign's legend line to c when any item was marked.
func (m *marker) legend(c *chart) {
	if m.any {
		c.Legend = append(c.Legend, legend(incompleteSign+" "+m.b.t.S("mark.incomplete"), colGrey)...)
	}
}

// Colours used across charts; remote districts are drawn in orange.
const (
	colBlue    = "#2563eb"
	colOrange  = "#ea580c"
	colGreen   = "#16a34a"
	colRed     = "#dc2626"
	colGrey    = "#9ca3af"
	colTeal    = "#0d9488"
	colPurple  = "#7c3aed"
	colYellow  = "#ca8a04"
	colDarkRed = "#7f1d1d"
)

// buildCharts makes every chart of the report from d, in page order.
func buildCharts(d *data, lang string) ([]chart, error) {
	b := chartBuilder{d: d, t: textFor(lang), f: Format{Lang: lang}}
	builders := []func() (chart, error){
		b.onTrack, b.coverageTrend, b.jpSplit, b.ikmTrend, b.elements,
		b.predikat, b.followup, b.impact, b.completeness,
	}
	out := make([]chart, 0, len(builders))
	for _, fn := range builders {
		c, err := fn()
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", c.ID, err)
		}
		if c.Empty == "" {
			c.Empty = b.t.S("chart.nodata")
		}
		out = append(out, c)
	}
	return out, nil
}

type chartBuilder struct {
	d *data
	t text
	f Format
}

// validator is what every go-echarts chart offers.
type validator interface {
	Validate()
	JSON() map[string]interface{}
}

// finish validates a go-echarts chart and stores its option as JSON.
// encoding/json escapes <, > and & as \u003c, \u003e, \u0026, so a name
// like "</script>" cannot end the script element the option is put in.
func finish(c chart, ch validator) (chart, error) {
	ch.Validate()
	b, err := json.Marshal(ch.JSON())
	if err != nil {
		return c, err
	}
	c.Option = b
	return c, nil
}

func round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}

func pct(share float64) float64 { return round(share*100, 1) }

func baseOpts(trigger string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{AssetsHost: " "}),
		charts.WithAnimation(false),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}), // screen readers get a generated description
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: trigger}),
		// Legends are HTML under the chart (Chart.Legend): they wrap at any
		// width and print in full, where an ECharts legend pages.
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "2%", Right: "6%", Top: "40", Bottom: "30", ContainLabel: opts.Bool(true)}),
	}
}

// categoryAxis is a category axis whose long labels wrap (never truncated:
// two names cut at the same place would read the same).
func categoryAxis(name string, inverse bool) opts.YAxis {
	return opts.YAxis{Type: "category", Name: name, Inverse: opts.Bool(inverse),
		AxisLabel: &opts.AxisLabel{Interval: "0", Width: 190, Overflow: "break"}}
}

// legend lists series names with their colours.
func legend(pairs ...string) []legendItem {
	var out []legendItem
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, legendItem{Label: pairs[i], Color: pairs[i+1]})
	}
	return out
}

// table starts a chart's data table.
func (b chartBuilder) table(c chart, head ...string) tableView {
	return tableView{Title: b.t.S("chart.table"), Head: head, Empty: b.t.S("chart.nodata")}
}

func rowOf(cells ...string) tableRow { return tableRow{Cells: cells} }

// shortNames are the usual abbreviations of long agency and district name
// prefixes, so chart axis labels stay readable on a phone.
var shortNames = strings.NewReplacer(
	"Pemerintah Kabupaten ", "Pemkab ", "Pemerintah Kota ", "Pemkot ", "Pemerintah Provinsi ", "Pemprov ",
	"Kantor Wilayah ", "Kanwil ", "Kantor Regional ", "Kanreg ", "Kabupaten ", "Kab. ")

// short abbreviates a name for a chart axis.
func short(name string) string { return shortNames.Replace(name) }

// markLines are vertical reference lines on a value x axis (the category
// y axis is inverse, so a line starts at the top); their labels sit above
// the plot, one row each, so they never overlap each other or
// the axis numbers however close the lines are.
func markLines(items ...opts.MarkLineNameXAxisItem) charts.SeriesOpts {
	return charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
		ml := &opts.MarkLines{MarkLineStyle: opts.MarkLineStyle{Symbol: []string{"none", "none"},
			LineStyle: &opts.LineStyle{Color: colRed, Type: "dashed", Width: 2},
			Label:     &opts.Label{Show: opts.Bool(true), Formatter: "{b}: {c} %"}}}
		for i, it := range items {
			ml.Data = append(ml.Data, map[string]interface{}{"name": it.Name, "xAxis": it.XAxis,
				"label": map[string]interface{}{"position": "start", "distance": 4, "offset": []int{0, -15 * i}}})
		}
		ss.MarkLines = ml
	})
}

// onTrack: on-track share by district, lowest first, threshold and province lines.
func (b chartBuilder) onTrack() (chart, error) {
	c := chart{ID: "chart-ontrack", Title: b.t.S("chart.ontrack"), Unit: "%",
		Note: b.t.Sf("chart.ontrack.note", b.f.Pct(b.d.Rules.OnTrackThreshold))}
	ds := append([]coverage(nil), b.d.Districts...)
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].OnTrackShare < ds[j].OnTrackShare })
	c.Height = 80 + 30*len(ds)
	c.Missing = len(ds) == 0
	full := make([]string, len(ds))
	for i, x := range ds {
		full[i] = x.Name
	}
	names, shorts := b.labels(full, 1), b.labels(full, 0)
	data := make([]opts.BarData, len(ds))
	c.Table = b.table(c, b.t.S("col.district"), b.t.S("col.ontrack"), b.t.S("col.remote"))
	// A district missing an expected roster or attendance upload the
	// figure depends on is ranked on partial data: its label says so
	// ("(!)"), as its table row does.
	m := b.marker(coverageKinds...)
	for i, x := range ds {
		col := colBlue
		remote := ""
		if x.Remote {
			names[i] += " *"
			shorts[i] += " *"
			col = colOrange
			remote = b.t.S("word.yes")
		}
		row := rowOf(x.Name, b.f.Pct(x.OnTrackShare), remote)
		m.mark(x.Code, i, &row, names, shorts)
		data[i] = opts.BarData{Name: names[i], Value: pct(x.OnTrackShare), ItemStyle: &opts.ItemStyle{Color: col}}
		c.Table.Rows = append(c.Table.Rows, row)
	}
	c.Short = shorts
	c.Legend = legend(b.t.S("legend.notremote"), colBlue, b.t.S("legend.remote"), colOrange)
	m.legend(&c)
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(baseOpts("axis"),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "%", Max: 100}),
		charts.WithYAxisOpts(categoryAxis("", true)))...)
	bar.SetXAxis(names)
	bar.AddSeries(b.t.S("series.ontrack"), data,
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right"}),
		markLines(
			opts.MarkLineNameXAxisItem{Name: b.t.S("mark.threshold"), XAxis: pct(b.d.Rules.OnTrackThreshold)},
			opts.MarkLineNameXAxisItem{Name: b.t.S("mark.province"), XAxis: pct(b.d.Province.OnTrackShare)}))
	bar.XYReversal()
	return finish(c, bar)
}

// provinceTrend is coverage_trend's province rows, oldest first.
func (d *data) provinceTrend() []trendPoint {
	var out []trendPoint
	for _, p := range d.Trend {
		if p.Level == "provinsi" {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Period.Before(out[j].Period) })
	return out
}

// coverageTrend: coverage, on-track and target-met shares over W12.
func (b chartBuilder) coverageTrend() (chart, error) {
	c := chart{ID: "chart-trend", Title: b.t.S("chart.trend"), Note: b.t.S("chart.trend.note"), Height: 320, Unit: "%"}
	tr := b.d.provinceTrend()
	c.Missing = len(tr) == 0
	months := make([]string, len(tr))
	var cov, ot, met []opts.LineData
	c.Table = b.table(c, b.t.S("col.month"), b.t.S("series.coverage"), b.t.S("series.ontrack"), b.t.S("series.targetmet"))
	for i, p := range tr {
		months[i] = b.f.Month(p.Period)
		if p.Headcount == 0 {
			// No roster counts for that month (before the first data): a
			// gap in the lines and a dash in the table, never a 0 %.
			c.Table.Rows = append(c.Table.Rows, rowOf(b.f.Period(p.Period), "–", "–", "–"))
			cov, ot, met = append(cov, opts.LineData{Value: "-"}), append(ot, opts.LineData{Value: "-"}), append(met, opts.LineData{Value: "-"})
			continue
		}
		c.Table.Rows = append(c.Table.Rows, rowOf(b.f.Period(p.Period), b.f.Pct(p.Coverage), b.f.Pct(p.OnTrackShare), b.f.Pct(p.TargetMetShare)))
		cov = append(cov, opts.LineData{Value: pct(p.Coverage)})
		ot = append(ot, opts.LineData{Value: pct(p.OnTrackShare)})
		met = append(met, opts.LineData{Value: pct(p.TargetMetShare)})
	}
	line := charts.NewLine()
	line.SetGlobalOptions(append(baseOpts("axis"),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "%", Max: 100}))...)
	line.SetXAxis(months)
	line.AddSeries(b.t.S("series.coverage"), cov, charts.WithItemStyleOpts(opts.ItemStyle{Color: colBlue}))
	line.AddSeries(b.t.S("series.ontrack"), ot, charts.WithItemStyleOpts(opts.ItemStyle{Color: colOrange}))
	line.AddSeries(b.t.S("series.targetmet"), met, charts.WithItemStyleOpts(opts.ItemStyle{Color: colGreen}))
	c.Legend = legend(b.t.S("series.coverage"), colBlue, b.t.S("series.ontrack"), colOrange, b.t.S("series.targetmet"), colGreen)
	return finish(c, line)
}

// jpSplit: JP per district by mode (luring/daring) and by form
// (klasikal/nonklasikal), as two stacks side by side.
func (b chartBuilder) jpSplit() (chart, error) {
	c := chart{ID: "chart-jp", Title: b.t.S("chart.jp"), Note: b.t.S("chart.jp.note")}
	ds := append([]coverage(nil), b.d.Districts...)
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].Name < ds[j].Name })
	c.Height = 100 + 40*len(ds)
	c.Missing = len(ds) == 0
	full := make([]string, len(ds))
	for i, x := range ds {
		full[i] = x.Name
	}
	names := b.labels(full, 1)
	c.Short = b.labels(full, 0)
	m := b.marker(coverageKinds...)
	rows := make([]tableRow, len(ds))
	for i, x := range ds {
		m.mark(x.Code, i, &rows[i], names, c.Short)
	}
	var lur, dar, cam, kla, non []opts.BarData
	mixed := false
	for _, x := range ds {
		lur = append(lur, opts.BarData{Value: round(x.JPLuring, 1)})
		dar = append(dar, opts.BarData{Value: round(x.JPDaring, 1)})
		cam = append(cam, opts.BarData{Value: round(x.JPCampuran, 1)})
		mixed = mixed || x.JPCampuran > 0
		kla = append(kla, opts.BarData{Value: round(x.JPKlasikal, 1)})
		non = append(non, opts.BarData{Value: round(x.JPNonklasikal, 1)})
	}
	stack := func(s string) charts.SeriesOpts {
		return charts.WithSeriesOpts(func(ss *charts.SingleSeries) { ss.Stack = s })
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(baseOpts("axis"),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "JP"}),
		charts.WithYAxisOpts(categoryAxis("", true)))...)
	bar.SetXAxis(names)
	bar.AddSeries(b.t.S("series.luring"), lur, stack("mode"), charts.WithItemStyleOpts(opts.ItemStyle{Color: colBlue}))
	bar.AddSeries(b.t.S("series.daring"), dar, stack("mode"), charts.WithItemStyleOpts(opts.ItemStyle{Color: colTeal}))
	if mixed {
		bar.AddSeries(b.t.S("series.campuran"), cam, stack("mode"), charts.WithItemStyleOpts(opts.ItemStyle{Color: colGrey}))
	}
	bar.AddSeries(b.t.S("series.klasikal"), kla, stack("bentuk"), charts.WithItemStyleOpts(opts.ItemStyle{Color: colPurple}))
	bar.AddSeries(b.t.S("series.nonklasikal"), non, stack("bentuk"), charts.WithItemStyleOpts(opts.ItemStyle{Color: colYellow}))
	bar.XYReversal()
	c.Legend = legend(b.t.S("series.luring"), colBlue, b.t.S("series.daring"), colTeal)
	head := []string{b.t.S("col.district"), b.t.S("series.luring"), b.t.S("series.daring")}
	if mixed {
		c.Legend = append(c.Legend, legendItem{Label: b.t.S("series.campuran"), Color: colGrey})
		head = append(head, b.t.S("series.campuran"))
	}
	c.Legend = append(c.Legend, legend(b.t.S("series.klasikal"), colPurple, b.t.S("series.nonklasikal"), colYellow)...)
	c.Table = b.table(c, append(head, b.t.S("series.klasikal"), b.t.S("series.nonklasikal"))...)
	for i, x := range ds {
		r := []string{x.Name, b.f.Dec(x.JPLuring, 1), b.f.Dec(x.JPDaring, 1)}
		if mixed {
			r = append(r, b.f.Dec(x.JPCampuran, 1))
		}
		rows[i].Cells = append(r, b.f.Dec(x.JPKlasikal, 1), b.f.Dec(x.JPNonklasikal, 1))
		c.Table.Rows = append(c.Table.Rows, rows[i])
	}
	m.legend(&c)
	return finish(c, bar)
}

// ikmBands are the category bands A–D drawn behind IKM lines.
func (b chartBuilder) ikmBands() []interface{} {
	band := func(cat string, lo, hi float64, col string) interface{} {
		return []map[string]interface{}{
			{"name": cat + " " + domain.IKMCategoryLabel(cat, b.t.lang), "yAxis": lo,
				"itemStyle": map[string]interface{}{"color": col, "opacity": 0.12},
				"label":     map[string]interface{}{"position": "insideTopRight", "color": "#555"}},
			{"yAxis": hi},
		}
	}
	return []interface{}{
		band("A", domain.IKMThresholdA, 100, colGreen),
		band("B", domain.IKMThresholdB, domain.IKMThresholdA, colBlue),
		band("C", domain.IKMThresholdC, domain.IKMThresholdB, colYellow),
		band("D", 25, domain.IKMThresholdC, colRed),
	}
}

// ikmTrend: monthly IKM per service type and the province over W12; months
// without responses are gaps.
func (b chartBuilder) ikmTrend() (chart, error) {
	c := chart{ID: "chart-ikm", Title: b.t.S("chart.ikm"), Note: b.t.S("chart.ikm.note"), Height: 380}
	months := b.d.Period.Window(12)
	labels := make([]string, len(months))
	idx := map[domain.Period]int{}
	for i, p := range months {
		labels[i] = b.f.Month(p)
		idx[p] = i
	}
	var order []string
	series := map[string]*ikmSeries{}
	lo := 100.0
	for _, p := range b.d.IKMTrend {
		if p.Level != "provinsi" && p.Level != "jenis_layanan" {
			continue
		}
		key := p.Level + "\x00" + p.Code
		s := series[key]
		if s == nil {
			name := p.Name
			if p.Level == "provinsi" {
				name = b.t.S("series.province")
			} else if name == "" {
				name = p.Code
			}
			s = &ikmSeries{name: name, vals: make([]interface{}, len(months))}
			for i := range s.vals {
				s.vals[i] = "-"
			}
			series[key] = s
			order = append(order, key)
		}
		if i, ok := idx[p.Period]; ok && p.IKM.OK {
			s.vals[i] = round(p.IKM.V, 2)
			lo = math.Min(lo, p.IKM.V)
		}
	}
	sort.SliceStable(order, func(i, j int) bool { // province first, then by name
		pi, pj := order[i][0] == 'p', order[j][0] == 'p'
		if pi != pj {
			return pi
		}
		return series[order[i]].name < series[order[j]].name
	})
	c.Missing = len(order) == 0
	// A service type pools its units' surveys: one whose unit's agency
	// misses an expected survey is marked in the legend and the table.
	m := b.marker(domain.Survei)
	for _, key := range order {
		if code, ok := strings.CutPrefix(key, "jenis_layanan\x00"); ok {
			for _, u := range b.d.Units {
				if u.ServiceType == code && m.has(u.Code) {
					series[key].name += " " + incompleteSign
					m.any = true
					break
				}
			}
		}
	}
	min := 25.0
	if lo > 60 {
		min = 50
	}
	// Every service type is in the table; the chart draws the province and
	// the lowest ones, each in its own colour.
	c.Table = b.table(c, b.t.S("col.month"))
	for _, key := range order {
		c.Table.Head = append(c.Table.Head, series[key].name)
	}
	for i, p := range months {
		r := []string{b.f.Period(p)}
		for _, key := range order {
			if v, ok := series[key].vals[i].(float64); ok {
				r = append(r, b.f.Dec(v, 2))
			} else {
				r = append(r, "–")
			}
		}
		c.Table.Rows = append(c.Table.Rows, rowOf(r...))
	}
	line := charts.NewLine()
	line.SetGlobalOptions(append(baseOpts("axis"),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "IKM", Min: min, Max: 100}))...)
	line.SetXAxis(labels)
	for k, key := range ikmShown(order, series, maxIKMLines) {
		s := series[key]
		data := make([]opts.LineData, len(s.vals))
		for i, v := range s.vals {
			data[i] = opts.LineData{Value: v}
		}
		col := ikmPalette[k%len(ikmPalette)]
		so := []charts.SeriesOpts{charts.WithItemStyleOpts(opts.ItemStyle{Color: col}),
			charts.WithLineStyleOpts(opts.LineStyle{Width: 2, Color: col})}
		if k == 0 {
			bands := b.ikmBands()
			so = append(so, charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
				ss.MarkAreas = &opts.MarkAreas{Data: bands,
					MarkAreaStyle: opts.MarkAreaStyle{Label: &opts.Label{Show: opts.Bool(true)}}}
			}), charts.WithLineStyleOpts(opts.LineStyle{Width: 3, Color: col}))
		}
		line.AddSeries(s.name, data, so...)
		c.Legend = append(c.Legend, legendItem{Color: col, Label: s.name})
	}
	if len(order) == 0 {
		line.AddSeries(b.t.S("series.province"), nil)
	}
	m.legend(&c)
	return finish(c, line)
}

// ikmPalette colours the IKM lines: the province in near-black, then
// colours no two of which look alike (and none the A–D band colours at
// full strength would be confused with, as bands are drawn faint).
var ikmPalette = []string{"#111827", colRed, colBlue, colOrange, colPurple, colTeal}

// ikmSeries is one line of the IKM trend: a value per month or "-" for a gap.
type ikmSeries struct {
	name string
	vals []interface{}
}

// maxIKMLines is how many lines the IKM trend draws: the province and the
// three lowest service types.
const maxIKMLines = 4

// ikmShown returns the keys of the lines to draw, at most max: the province
// (order[0]) and the service types with the lowest latest IKM, lowest first.
func ikmShown(order []string, series map[string]*ikmSeries, max int) []string {
	if len(order) <= max {
		return order
	}
	latest := func(s *ikmSeries) float64 {
		for i := len(s.vals) - 1; i >= 0; i-- {
			if v, ok := s.vals[i].(float64); ok {
				return v
			}
		}
		return 101 // no data: shown last
	}
	rest := append([]string(nil), order[1:]...)
	sort.SliceStable(rest, func(i, j int) bool { return latest(series[rest[i]]) < latest(series[rest[j]]) })
	return append([]string{order[0]}, rest[:max-1]...)
}

// weakestUnits are up to n units with responses in P, lowest IKM first.
func (d *data) weakestUnits(n int) []unitIKM {
	var us []unitIKM
	for _, u := range d.Units {
		if u.IKM.OK && u.N > 0 {
			us = append(us, u)
		}
	}
	sort.SliceStable(us, func(i, j int) bool { return us[i].IKM.V < us[j].IKM.V })
	if len(us) > n {
		us = us[:n]
	}
	return us
}

// elements: NRR of U1..U9 for the province and the three weakest units.
func (b chartBuilder) elements() (chart, error) {
	c := chart{ID: "chart-elements", Title: b.t.S("chart.elements"), Note: b.t.S("chart.elements.note"), Height: 360}
	prof := map[string]elementProfile{}
	var prov *elementProfile
	for i, e := range b.d.Elements {
		if e.Level == "provinsi" {
			prov = &b.d.Elements[i]
		} else {
			prof[e.Code] = e
		}
	}
	x := make([]string, 9)
	for i := range x {
		x[i] = fmt.Sprintf("U%d", i+1)
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(baseOpts("axis"),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "NRR", Min: 1, Max: 4}))...)
	bar.SetXAxis(x)
	c.Table = b.table(c, b.t.S("col.element"))
	for i := range x {
		c.Table.Rows = append(c.Table.Rows, rowOf(x[i]+" "+domain.SKMElements[i]))
	}
	add := func(name string, e elementProfile, col string) {
		c.Legend = append(c.Legend, legendItem{Color: col, Label: name})
		c.Table.Head = append(c.Table.Head, name)
		for i, v := range e.NRR {
			c.Table.Rows[i].Cells = append(c.Table.Rows[i].Cells, b.f.Opt(v, 2))
		}
		data := make([]opts.BarData, 9)
		for i, v := range e.NRR {
			if v.OK {
				data[i] = opts.BarData{Name: domain.SKMElements[i], Value: round(v.V, 2)}
			} else {
				data[i] = opts.BarData{Name: domain.SKMElements[i], Value: "-"}
			}
		}
		bar.AddSeries(name, data, charts.WithItemStyleOpts(opts.ItemStyle{Color: col}))
	}
	if prov != nil {
		add(b.t.S("series.province"), *prov, ikmPalette[0])
	}
	k := 1
	m := b.marker(domain.Survei)
	for _, u := range b.d.weakestUnits(3) {
		if e, ok := prof[u.Code]; ok {
			name := u.Name
			if m.has(u.Code) {
				name += " " + incompleteSign
				m.any = true
			}
			add(name, e, ikmPalette[k])
			k++
		}
	}
	m.legend(&c)
	c.Missing = len(bar.MultiSeries) == 0
	return finish(c, bar)
}

// predikatColors follow the predikat from best to worst.
var predikatColors = map[string]string{domain.SangatBaik: colGreen, domain.Baik: "#65a30d",
	domain.ButuhPerbaikan: colYellow, domain.Kurang: colOrange, domain.SangatKurang: colRed}

// predikat: evaluation predikat per agency, stacked.
func (b chartBuilder) predikat() (chart, error) {
	c := chart{ID: "chart-predikat", Title: b.t.S("chart.predikat"), Note: b.t.S("chart.predikat.note")}
	counts := map[string]map[string]int{}
	for _, e := range b.d.Evaluations {
		if e.Level != "instansi" {
			continue
		}
		if counts[e.Code] == nil {
			counts[e.Code] = map[string]int{}
		}
		counts[e.Code][e.Predikat] += e.Persons
	}
	codes := make([]string, 0, len(counts))
	for k := range counts {
		codes = append(codes, k)
	}
	sort.Slice(codes, func(i, j int) bool { return b.d.agencyName(codes[i]) < b.d.agencyName(codes[j]) })
	c.Height = 100 + 30*len(codes)
	c.Missing = len(codes) == 0
	full := make([]string, len(codes))
	for i, k := range codes {
		full[i] = b.d.agencyName(k)
	}
	names := b.labels(full, 1)
	c.Short = b.labels(full, 0)
	m := b.marker(domain.Evaluasi)
	c.Table = b.table(c, append([]string{b.t.S("col.agency")}, domain.Predikats...)...)
	for i, k := range codes {
		r := []string{full[i]}
		for _, p := range domain.Predikats {
			r = append(r, b.f.Int(counts[k][p]))
		}
		row := rowOf(r...)
		m.mark(k, i, &row, names, c.Short)
		c.Table.Rows = append(c.Table.Rows, row)
	}
	for _, p := range domain.Predikats {
		c.Legend = append(c.Legend, legendItem{Color: predikatColors[p], Label: p})
	}
	m.legend(&c)
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(baseOpts("axis"),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: b.t.S("axis.persons")}),
		charts.WithYAxisOpts(categoryAxis("", true)))...)
	bar.SetXAxis(names)
	for _, p := range domain.Predikats {
		data := make([]opts.BarData, len(codes))
		for i, k := range codes {
			data[i] = opts.BarData{Value: counts[k][p]}
		}
		bar.AddSeries(p, data, charts.WithSeriesOpts(func(ss *charts.SingleSeries) { ss.Stack = "predikat" }),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: predikatColors[p]}))
	}
	bar.XYReversal()
	return finish(c, bar)
}

// followup: the follow-up rate per agency (complete windows only).
func (b chartBuilder) followup() (chart, error) {
	c := chart{ID: "chart-followup", Title: b.t.S("chart.followup"), Unit: "%",
		Note: b.t.Sf("chart.followup.note", b.d.Rules.FollowupDays)}
	var rows []followupRow
	var prov opt
	for _, f := range b.d.Followups {
		if f.Level == "provinsi" || f.Agency == "provinsi" {
			prov = f.Rate
			continue
		}
		if f.Rate.OK {
			rows = append(rows, f)
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Rate.V < rows[j].Rate.V })
	c.Height = 100 + 30*len(rows)
	c.Missing = len(rows) == 0
	full := make([]string, len(rows))
	data := make([]opts.BarData, len(rows))
	c.Table = b.table(c, b.t.S("col.agency"), b.t.S("series.followup"))
	for i, f := range rows {
		full[i] = b.d.agencyName(f.Agency)
		data[i] = opts.BarData{Value: pct(f.Rate.V)}
	}
	names := b.labels(full, 1)
	c.Short = b.labels(full, 0)
	// The rate counts weak evaluations and the training after them.
	m := b.marker(domain.Evaluasi, domain.Kehadiran)
	for i, f := range rows {
		row := rowOf(full[i], b.f.Pct(f.Rate.V))
		m.mark(f.Agency, i, &row, names, c.Short)
		c.Table.Rows = append(c.Table.Rows, row)
	}
	if prov.OK {
		c.Table.Rows = append(c.Table.Rows, rowOf(b.t.S("series.province"), b.f.Pct(prov.V)))
	}
	m.legend(&c)
	var so []charts.SeriesOpts
	so = append(so, charts.WithItemStyleOpts(opts.ItemStyle{Color: colPurple}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right"}))
	if prov.OK {
		so = append(so, markLines(opts.MarkLineNameXAxisItem{Name: b.t.S("mark.province"), XAxis: pct(prov.V)}))
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(baseOpts("axis"),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "%", Max: 100}),
		charts.WithYAxisOpts(categoryAxis("", true)))...)
	bar.SetXAxis(names)
	bar.AddSeries(b.t.S("series.followup"), data, so...)
	bar.XYReversal()
	return finish(c, bar)
}

// impact: share of a unit's staff trained in public service vs its IKM change.
func (b chartBuilder) impact() (chart, error) {
	c := chart{ID: "chart-impact", Title: b.t.S("chart.impact"), Note: b.t.S("chart.impact.note"), Height: 380}
	var rows []impactRow
	var full []string
	for _, r := range b.d.Impact {
		if !r.IKMChange.OK {
			continue
		}
		name := r.Name
		if name == "" {
			name = r.Unit
		}
		rows = append(rows, r)
		full = append(full, name)
	}
	// Every point carries its unit's short name; the table has the full one.
	names := b.labels(full, 0)
	var data []opts.ScatterData
	c.Table = b.table(c, b.t.S("col.unit"), b.t.S("axis.trainedshare"), b.t.S("axis.ikmchange"))
	// The change pools surveys; the share counts the roster and training.
	m := b.marker(domain.Survei, domain.Pegawai, domain.Kehadiran)
	for i, r := range rows {
		row := rowOf(full[i], b.f.Pct(r.TrainedShare), b.f.Signed(r.IKMChange.V, 2))
		m.mark(r.Unit, i, &row, names)
		data = append(data, opts.ScatterData{Name: names[i], Value: []float64{pct(r.TrainedShare), round(r.IKMChange.V, 2)}, SymbolSize: 12})
		c.Table.Rows = append(c.Table.Rows, row)
	}
	m.legend(&c)
	c.Missing = len(data) == 0
	// Say why: a change needs surveys in both ends of the 12 months, which
	// a year's first months (or a new unit) do not have yet.
	c.Empty = b.t.S("chart.impact.empty")
	sc := charts.NewScatter()
	sc.SetGlobalOptions(append(baseOpts("item"),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: b.t.S("axis.trainedshare"), Min: 0, Max: 100,
			NameLocation: "middle", NameGap: 28}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: b.t.S("axis.ikmchange")}))...)
	sc.AddSeries(b.t.S("series.units"), data,
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colBlue, Opacity: opts.Float(0.75)}),
		charts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{Name: "0", YAxis: 0}),
		charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
			LineStyle: &opts.LineStyle{Color: colGrey, Type: "dashed"}}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right", Formatter: "{b}", FontSize: 11}),
		charts.WithLabelLayoutOpts(opts.LabelLayout{MoveOverlap: "shiftY"}),
		charts.WithLabelLineOpts(opts.LabelLine{Show: opts.Bool(true)}))
	return finish(c, sc)
}

// completeness status codes, worst first, with their colours.
var statusLevels = []struct {
	key, color string
}{
	{"status.missing", colDarkRed}, {"status.rejected", colRed}, {"status.partial", colYellow},
	{"status.late", colOrange}, {"status.ok", colGreen},
}

// statusLevel places a completeness row on the heatmap scale.
func statusLevel(r completenessRow) int {
	switch r.Status {
	case string(lake.Rejected):
		return 1
	case string(lake.Partial):
		return 2
	case string(lake.Accepted):
		if r.Late {
			return 3
		}
		return 4
	}
	return 0
}

// completeness: a heatmap of agency × kind coloured by upload status.
func (b chartBuilder) completeness() (chart, error) {
	c := chart{ID: "chart-completeness", Title: b.t.S("chart.completeness"), Note: b.t.S("chart.completeness.note")}
	kinds := make([]string, len(domain.Kinds))
	kidx := map[domain.Kind]int{}
	for i, k := range domain.Kinds {
		kinds[i] = b.t.Kind(k)
		kidx[k] = i
	}
	seen := map[string]bool{}
	var agencies []string
	for _, r := range b.d.Completeness {
		if !seen[r.Agency] {
			seen[r.Agency] = true
			agencies = append(agencies, r.Agency)
		}
	}
	sort.Slice(agencies, func(i, j int) bool { return b.d.agencyName(agencies[i]) < b.d.agencyName(agencies[j]) })
	aidx := map[string]int{}
	full := make([]string, len(agencies))
	for i, a := range agencies {
		aidx[a] = i
		full[i] = b.d.agencyName(a)
	}
	names := b.labels(full, 1)
	c.Short = b.labels(full, 0)
	c.Table = b.table(c, append([]string{b.t.S("col.agency")}, kinds...)...)
	for _, n := range full {
		cells := make([]string, len(kinds)+1)
		cells[0] = n
		for k := range kinds {
			cells[k+1] = b.t.S("status.notexpected")
		}
		c.Table.Rows = append(c.Table.Rows, rowOf(cells...))
	}
	c.Height = 100 + 30*len(agencies)
	c.Missing = len(agencies) == 0
	var data []opts.HeatMapData
	for _, r := range b.d.Completeness {
		k, ok := kidx[r.Kind]
		if !ok {
			continue
		}
		lv := statusLevel(r)
		c.Table.Rows[aidx[r.Agency]].Cells[k+1] = b.t.S(statusLevels[lv].key)
		data = append(data, opts.HeatMapData{
			Name:  names[aidx[r.Agency]] + " · " + kinds[k] + ": " + b.t.S(statusLevels[lv].key),
			Value: []int{k, aidx[r.Agency], lv}})
	}
	pieces := make([]opts.Piece, len(statusLevels))
	for i, s := range statusLevels {
		pieces[i] = opts.Piece{Gte: float32(i) - 0.5, Lt: float32(i) + 0.5, Color: s.color}
		c.Legend = append(c.Legend, legendItem{Color: s.color, Label: b.t.S(s.key)})
	}
	c.Legend = append(c.Legend, legendItem{Color: "#ffffff", Label: b.t.S("status.notexpected")})
	hm := charts.NewHeatMap()
	hm.SetGlobalOptions(append(baseOpts("item"),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: kinds, Position: "top",
			AxisLabel: &opts.AxisLabel{Interval: "0"}}),
		charts.WithYAxisOpts(categoryAxis("", true)),
		charts.WithVisualMapOpts(opts.VisualMap{Type: "piecewise", Show: opts.Bool(false), Min: 0, Max: 4,
			Pieces: pieces}))...)
	hm.SetXAxis(kinds)
	hm.ExtendYAxis()
	hm.YAxisList[0].Data = names
	hm.AddSeries(b.t.S("chart.completeness"), data,
		charts.WithItemStyleOpts(opts.ItemStyle{BorderColor: "#fff", BorderWidth: 1}),
		charts.WithSeriesOpts(func(ss *charts.SingleSeries) { ss.SeriesTooltip = &opts.SeriesTooltip{Formatter: "{b}"} }))
	return finish(c, hm)
}
