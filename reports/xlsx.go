package reports

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/internal/officezip"
)

// Cell kinds of workbook columns; each has its number format.
type cellKind int

const (
	kText cellKind = iota
	kInt           // #,##0
	kDec           // #,##0.00
	kPct           // 0.0%  (the value is a share 0..1)
	kTime          // dd/mm/yyyy hh:mm (WIT)
	kBool          // Ya/Tidak
)

// column is one column of a workbook sheet.
type column struct {
	key   string // metric column name; the header is the label "h.<key>"
	kind  cellKind
	width float64
	below *float64 // conditional format: red when the value is below this
}

// sheetSpec is one sheet: its columns and rows (values match the kinds:
// string, int, float64, Opt, time.Time, bool).
type sheetSpec struct {
	name  string
	cols  []column
	rows  [][]any
	table string  // an Excel table of this name instead of a plain autofilter
	plain bool    // neither table nor autofilter (side-by-side blocks)
	headH float64 // header row height (0: 32)
}

func col(key string, kind cellKind, width float64) column {
	return column{key: key, kind: kind, width: width}
}

func below(c column, v float64) column { c.below = &v; return c }

// workbook wraps an excelize file with the styles every sheet uses and a
// sticky first error.
type workbook struct {
	f      *excelize.File
	t      text
	err    error
	head   int
	title  int
	styles map[cellKind]int
	red    int
	wrap   int
	first  bool // the default Sheet1 is still unused
	// docTitle and footer are printed in every sheet's header and footer.
	docTitle, footer string
}

func newWorkbook(lang string) *workbook {
	wb := &workbook{f: officezip.Use(excelize.NewFile()), t: textFor(lang), styles: map[cellKind]int{}, first: true}
	wb.head = wb.style(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF", Family: "Calibri"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"0F2F57"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
		Border:    []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}})
	wb.title = wb.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Family: "Calibri"}})
	fmtStr := func(s string) *string { return &s }
	wb.styles[kText] = wb.style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
	wb.styles[kInt] = wb.style(&excelize.Style{NumFmt: 3})
	wb.styles[kDec] = wb.style(&excelize.Style{NumFmt: 4})
	wb.styles[kPct] = wb.style(&excelize.Style{CustomNumFmt: fmtStr("0.0%")})
	wb.styles[kTime] = wb.style(&excelize.Style{CustomNumFmt: fmtStr("dd/mm/yyyy hh:mm")})
	wb.styles[kBool] = wb.styles[kText]
	wb.wrap = wb.style(&excelize.Style{Font: &excelize.Font{Size: 12, Family: "Calibri"},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if wb.err == nil {
		wb.red, wb.err = wb.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "9C0006"},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}})
	}
	return wb
}

func (wb *workbook) style(s *excelize.Style) int {
	if wb.err != nil {
		return 0
	}
	id, err := wb.f.NewStyle(s)
	wb.err = err
	return id
}

// sheet returns a new sheet called name (the first call renames Sheet1).
func (wb *workbook) sheet(name string) {
	if wb.err != nil {
		return
	}
	if wb.first {
		wb.first = false
		wb.err = wb.f.SetSheetName("Sheet1", name)
		return
	}
	_, wb.err = wb.f.NewSheet(name)
}

func cellName(c, r int) string {
	s, _ := excelize.CoordinatesToCellName(c, r)
	return s
}

// set writes v into a cell by its kind. Text always goes in as a string
// cell, so upload text starting with = + - @ never becomes a formula.
func (wb *workbook) set(sheet string, c, r int, kind cellKind, v any) {
	if wb.err != nil {
		return
	}
	cell := cellName(c, r)
	var err error
	switch x := v.(type) {
	case nil:
		return
	case string:
		err = wb.f.SetCellStr(sheet, cell, x)
	case int:
		err = wb.f.SetCellInt(sheet, cell, int64(x))
	case float64:
		err = wb.f.SetCellFloat(sheet, cell, x, -1, 64)
	case opt:
		if x.OK {
			err = wb.f.SetCellFloat(sheet, cell, x.V, -1, 64)
		}
	case bool:
		err = wb.f.SetCellStr(sheet, cell, yesNo(wb.t, x))
	case *bool:
		if x != nil {
			err = wb.f.SetCellStr(sheet, cell, yesNo(wb.t, *x))
		}
	case time.Time:
		if !x.IsZero() {
			w := x.In(domain.WIT) // Excel has no zones: store the WIT wall clock
			err = wb.f.SetCellValue(sheet, cell, time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, time.UTC))
		}
	default:
		err = wb.f.SetCellStr(sheet, cell, fmt.Sprint(x))
	}
	if err != nil {
		wb.err = fmt.Errorf("cell %s!%s: %w", sheet, cell, err)
	}
}

// table writes spec as a sheet: styled header row, typed rows, number
// formats, widths, frozen header, autofilter and red below-target cells.
func (wb *workbook) table(spec sheetSpec) {
	wb.sheet(spec.name)
	if wb.err != nil {
		return
	}
	f, s := wb.f, spec.name
	for i, c := range spec.cols {
		if c.key != "" {
			wb.set(s, i+1, 1, kText, wb.t.S("h."+c.key))
		}
	}
	n := len(spec.rows)
	last := cellName(len(spec.cols), 1)
	wb.do(f.SetCellStyle(s, "A1", last, wb.head))
	headH := spec.headH
	if headH == 0 {
		headH = 32
	}
	wb.do(f.SetRowHeight(s, 1, headH))
	for r, row := range spec.rows {
		for i, c := range spec.cols {
			if i < len(row) {
				wb.set(s, i+1, r+2, c.kind, row[i])
			}
		}
	}
	for i, c := range spec.cols {
		name, _ := excelize.ColumnNumberToName(i + 1)
		w := c.width
		if w == 0 {
			w = 14
		}
		wb.do(f.SetColWidth(s, name, name, w))
		if n > 0 {
			wb.do(f.SetCellStyle(s, cellName(i+1, 2), cellName(i+1, n+1), wb.styles[c.kind]))
			if c.below != nil {
				red := wb.red
				wb.do(f.SetConditionalFormat(s, cellName(i+1, 2)+":"+cellName(i+1, n+1), []excelize.ConditionalFormatOptions{
					{Type: "cell", Criteria: "<", Format: &red, Value: fmt.Sprint(*c.below)}}))
			}
		}
	}
	wb.do(f.SetPanes(s, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	if spec.table != "" && n > 0 {
		wb.do(f.AddTable(s, &excelize.Table{Range: "A1:" + cellName(len(spec.cols), n+1), Name: spec.table,
			StyleName: "TableStyleLight1", ShowRowStripes: boolPtr(true)}))
	} else if !spec.plain {
		wb.do(f.AutoFilter(s, "A1:"+cellName(len(spec.cols), n+1), nil))
	}
	width := 0.0
	for _, c := range spec.cols {
		width += c.width
	}
	wb.printSetup(s, width > portraitWidth, false)
}

// portraitWidth is the widest sheet, in column width units, printed
// portrait; wider ones print landscape (both scaled to the page width).
const portraitWidth = 100

// printSetup makes sheet print on A4, portrait or landscape, scaled to the
// page width (and to one page tall when onePage; otherwise as many pages
// as the rows need), its first row repeated on every page, the report's
// title and the sheet's name in the header and the data date and page
// number in the footer, all in the workbook's language. It must run before
// a sheet is streamed: the stream writer keeps these settings.
func (wb *workbook) printSetup(sheet string, landscape, onePage bool) {
	orient, size, wide, tall := "portrait", 9, 1, 0 // 9: A4
	if landscape {
		orient = "landscape"
	}
	if onePage {
		tall = 1
	}
	wb.do(wb.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: boolPtr(true)}))
	wb.do(wb.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient,
		FitToWidth: &wide, FitToHeight: &tall}))
	m := func(v float64) *float64 { return &v }
	wb.do(wb.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: m(0.5), Right: m(0.5),
		Top: m(0.75), Bottom: m(0.75), Header: m(0.3), Footer: m(0.3)}))
	wb.do(wb.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + hfText(wb.docTitle) + "&R&A",
		OddFooter: "&L" + hfText(wb.footer) + "&R" + wb.t.Sf("xlsx.page", "&P", "&N")}))
	wb.do(wb.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: "'" + sheet + "'!$1:$1", Scope: sheet}))
}

// hfText is s as literal header or footer text: & starts a code there, and
// Excel takes at most 255 characters for a whole header.
func hfText(s string) string {
	if r := []rune(s); len(r) > 100 {
		s = string(r[:99]) + "…"
	}
	return strings.ReplaceAll(s, "&", "&&")
}

func (wb *workbook) do(err error) {
	if wb.err == nil && err != nil {
		wb.err = err
	}
}

// ref is an absolute reference to a range of one column of sheet.
func ref(sheet string, c, r1, r2 int) string {
	a, _ := excelize.CoordinatesToCellName(c, r1, true)
	b, _ := excelize.CoordinatesToCellName(c, r2, true)
	return "'" + sheet + "'!" + a + ":" + b
}

// summaryWriter writes the planners' summary workbook (ringkasan-<P>.xlsx).
// Its first error is sticky: later calls do nothing and Close returns it.
type summaryWriter struct {
	w   io.Writer
	wb  *workbook
	err error
}

// newSummaryWriter returns a summary workbook writer to w.
func newSummaryWriter(w io.Writer, lang string) *summaryWriter {
	return &summaryWriter{w: w, wb: newWorkbook(lang)}
}

// WriteSummary builds the workbook: a Ringkasan sheet first (headline
// figures against last month, a chart of on-track share by district), then
// one sheet per public metric table. person_progress is never written here.
func (sw *summaryWriter) WriteSummary(d *data, h headline, prev *headline) {
	if sw.err != nil {
		return
	}
	wb, t, fm := sw.wb, sw.wb.t, Format{Lang: sw.wb.t.lang}
	wb.docTitle = t.S("report.title") + " — " + fm.Period(d.Period)
	wb.footer = t.Sf("xlsx.footer", fm.DateTime(d.AsOf))
	sum := t.S("xlsx.summary")
	wb.sheet(sum)
	wb.set(sum, 1, 1, kText, t.S("report.title")+" — "+t.S("report.region"))
	wb.do(wb.f.SetCellStyle(sum, "A1", "A1", wb.title))
	wb.set(sum, 1, 2, kText, t.S("xlsx.period"))
	wb.set(sum, 2, 2, kText, fm.Period(d.Period))
	wb.set(sum, 1, 3, kText, t.S("xlsx.asof"))
	wb.set(sum, 2, 3, kText, fm.DateTime(d.AsOf))
	ph, hasPrev := prevHeadline(d, prev)
	type fig struct {
		label    string
		kind     cellKind
		cur, old any
	}
	opt := func(o opt) any {
		if o.OK {
			return o.V
		}
		return nil
	}
	figs := []fig{
		{t.S("kpi.asn"), kInt, h.ASN, ph.ASN},
		{t.S("kpi.trained"), kPct, h.Coverage, ph.Coverage},
		{t.S("kpi.ontrack"), kPct, h.OnTrackShare, ph.OnTrackShare},
		{t.S("kpi.targetmet"), kPct, h.TargetMetShare, ph.TargetMetShare},
		{t.S("kpi.jp"), kDec, h.JPPerASN, ph.JPPerASN},
		{t.S("kpi.ikm"), kDec, opt(h.IKM), opt(ph.IKM)},
		{t.S("kpi.followup"), kPct, opt(h.FollowupRate), opt(ph.FollowupRate)},
		{t.S("kpi.uploads"), kInt, h.UploadsReceived, ph.UploadsReceived},
	}
	hr := 5
	for i, k := range []string{"xlsx.figure", "xlsx.value", "xlsx.prev", "xlsx.change"} {
		wb.set(sum, i+1, hr, kText, t.S(k))
	}
	wb.do(wb.f.SetCellStyle(sum, cellName(1, hr), cellName(4, hr), wb.head))
	for i, fg := range figs {
		r := hr + 1 + i
		wb.set(sum, 1, r, kText, fg.label)
		wb.set(sum, 2, r, fg.kind, fg.cur)
		// Upload counts compare only between months that expect as many
		// (the report's card compares the shares instead).
		if hasPrev && fg.old != nil && !(fg.label == t.S("kpi.uploads") && ph.UploadsExpected != h.UploadsExpected) {
			wb.set(sum, 3, r, fg.kind, fg.old)
			if c, ok := toFloat(fg.cur); ok {
				o, _ := toFloat(fg.old)
				wb.set(sum, 4, r, fg.kind, c-o)
			}
		}
		st := wb.styles[fg.kind]
		wb.do(wb.f.SetCellStyle(sum, cellName(2, r), cellName(4, r), st))
	}
	r := hr + 1 + len(figs)
	wb.set(sum, 1, r, kText, t.S("xlsx.expected"))
	wb.set(sum, 2, r, kInt, h.UploadsExpected)
	wb.do(wb.f.SetCellStyle(sum, cellName(2, r), cellName(2, r), wb.styles[kInt]))
	// Conditional format: on track below the threshold in red.
	red := wb.red
	otRow := hr + 3
	wb.do(wb.f.SetConditionalFormat(sum, cellName(2, otRow)+":"+cellName(3, otRow), []excelize.ConditionalFormatOptions{
		{Type: "cell", Criteria: "<", Format: &red, Value: fmt.Sprint(d.Rules.OnTrackThreshold)}}))
	// The page: figures in A–D, the district chart beside them in F–O,
	// the highlights below both in cells merged over A–O that wrap, so
	// the chart never covers them and the sheet prints on one page.
	wb.do(wb.f.SetColWidth(sum, "A", "A", 34))
	wb.do(wb.f.SetColWidth(sum, "B", "D", 14))
	wb.do(wb.f.SetColWidth(sum, "E", "E", 2))
	wb.do(wb.f.SetColWidth(sum, "F", summaryLastCol, 10))
	hl := max(r+2, summaryChartEnd+2)
	wb.set(sum, 1, hl, kText, t.S("nav.highlights"))
	wb.do(wb.f.SetCellStyle(sum, cellName(1, hl), cellName(1, hl), wb.title))
	for i, s := range highlights(d, prev, t.lang) {
		row := hl + 1 + i
		wb.set(sum, 1, row, kText, s)
		wb.do(wb.f.MergeCell(sum, cellName(1, row), summaryLastCol+fmt.Sprint(row)))
		wb.do(wb.f.SetCellStyle(sum, cellName(1, row), summaryLastCol+fmt.Sprint(row), wb.wrap))
		lines := math.Ceil(float64(len([]rune(s))) / summaryLineChars)
		wb.do(wb.f.SetRowHeight(sum, row, 16.5*max(lines, 1)+3))
	}
	wb.do(wb.f.SetPanes(sum, &excelize.Panes{Freeze: true, YSplit: hr, TopLeftCell: cellName(1, hr+1), ActivePane: "bottomLeft"}))
	wb.printSetup(sum, true, true)

	for _, spec := range summarySheets(d, t) {
		wb.table(spec)
	}
	wb.charts(d)
	wb.f.SetActiveSheet(0)
	wb.do(wb.f.SetDocProps(&excelize.DocProperties{Title: t.S("report.title") + " — " + fm.Period(d.Period),
		Creator: "Pantau", Language: t.lang}))
	sw.err = wb.err
}

// The Ringkasan page: the last column the highlights span, the row the
// district chart (placed at F5, summaryChartH pixels tall) ends above, and
// about how many characters of highlight text fit on one line across A–O.
const (
	summaryLastCol   = "O"
	summaryChartH    = 340
	summaryChartEnd  = 5 + summaryChartH/20
	summaryLineChars = 190
)

// chart colours: one for every district, another for remote ones, red for
// the threshold.
const (
	colBar       = "4472C4"
	colBarRemote = "ED7D31"
	colLine      = "C00000"
)

func solid(c string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}}
}

// charts adds the native charts: on-track share by district on the
// Ringkasan (sorted by value, remote districts a second colour, the
// threshold a line), the province coverage trend, and the province IKM on
// a 0–100 scale's upper part with the category bounds drawn. The series
// come from the chart data sheet, which summarySheets fills in that order.
func (wb *workbook) charts(d *data) {
	t := wb.t
	sum, cd := t.S("xlsx.summary"), t.S("sheet.chartdata")
	head := func(c int) string {
		a, _ := excelize.CoordinatesToCellName(c, 1, true)
		return "'" + cd + "'!" + a
	}
	pct := excelize.ChartNumFmt{CustomNumFmt: "0%"}
	zero, one := 0.0, 1.0
	// A combo chart's axes are written from its last chart: both get them.
	axisFont := excelize.Font{Size: 9, Color: "262626"}
	xAxis := excelize.ChartAxis{Font: axisFont}
	yAxis := excelize.ChartAxis{NumFmt: pct, MajorGridLines: true, Minimum: &zero, Maximum: &one, Font: axisFont}
	if n := len(d.Districts); n > 0 {
		cats := ref(cd, 3, 2, n+1)
		gap, overlap := uint(60), 100
		bars := &excelize.Chart{Type: excelize.Col, VaryColors: boolPtr(false), GapWidth: &gap, Overlap: &overlap,
			Series: []excelize.ChartSeries{
				{Name: head(5), Categories: cats, Values: ref(cd, 5, 2, n+1), Fill: solid(colBar)},
				{Name: head(6), Categories: cats, Values: ref(cd, 6, 2, n+1), Fill: solid(colBarRemote)},
			},
			Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: t.Sf("xlsx.chart.ontrack",
				Format{Lang: t.lang}.Pct(d.Rules.OnTrackThreshold)), Font: &excelize.Font{Size: 11, Bold: true}}}},
			Legend:    excelize.ChartLegend{Position: "bottom"},
			Dimension: excelize.ChartDimension{Width: 700, Height: summaryChartH},
			YAxis:     yAxis,
			XAxis:     xAxis,
		}
		line := &excelize.Chart{Type: excelize.Line,
			Series: []excelize.ChartSeries{{Name: head(7), Categories: cats, Values: ref(cd, 7, 2, n+1),
				Fill: solid(colLine), Line: excelize.LineOptions{Width: 1.5, Dash: excelize.LineDashDash},
				Marker: excelize.ChartMarker{Symbol: "none"}}},
			XAxis: xAxis, YAxis: yAxis}
		wb.do(wb.f.AddChart(sum, "F5", bars, line))
	}
	trendSheet := t.S("sheet.coverage_trend")
	if tr := d.provinceTrend(); len(tr) > 0 {
		n := len(tr) // province rows come first in the trend sheet
		var series []excelize.ChartSeries
		for _, c := range []int{7, 11, 9} { // coverage, on_track_share, target_met_share
			name, _ := excelize.CoordinatesToCellName(c, 1, true)
			series = append(series, excelize.ChartSeries{Name: "'" + trendSheet + "'!" + name,
				Categories: ref(trendSheet, 1, 2, n+1), Values: ref(trendSheet, c, 2, n+1)})
		}
		wb.do(wb.f.AddChart(trendSheet, "N2", &excelize.Chart{Type: excelize.Line, Series: series,
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: t.S("chart.trend")}}},
			Legend:    excelize.ChartLegend{Position: "bottom"},
			Dimension: excelize.ChartDimension{Width: 640, Height: 360},
			XAxis:     xAxis, YAxis: yAxis}))
	}
	if n := len(provinceIKM(d)); n > 0 {
		cats := ref(cd, ikmChartCol, 2, n+1)
		lo, hi := ikmAxisMin(d), 100.0
		var bounds []excelize.ChartSeries
		for i := 2; i <= 4; i++ {
			bounds = append(bounds, excelize.ChartSeries{Name: head(ikmChartCol + i), Categories: cats,
				Values: ref(cd, ikmChartCol+i, 2, n+1), Fill: solid([]string{"", "", "548235", "A9D18E", "F4B183"}[i]),
				Line: excelize.LineOptions{Width: 1, Dash: excelize.LineDashDash}, Marker: excelize.ChartMarker{Symbol: "none"}})
		}
		ikm := excelize.ChartSeries{Name: head(ikmChartCol + 1), Categories: cats, Values: ref(cd, ikmChartCol+1, 2, n+1),
			Fill: solid(colBar), Line: excelize.LineOptions{Width: 2.25}, Marker: excelize.ChartMarker{Symbol: "circle", Size: 5}}
		wb.do(wb.f.AddChart(t.S("sheet.ikm_trend"), "K2", &excelize.Chart{Type: excelize.Line,
			Series:    append([]excelize.ChartSeries{ikm}, bounds...),
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: t.S("xlsx.chart.ikm"), Font: &excelize.Font{Size: 11, Bold: true}}}},
			Legend:    excelize.ChartLegend{Position: "bottom"},
			Dimension: excelize.ChartDimension{Width: 600, Height: 340}, ShowBlanksAs: "gap",
			XAxis: xAxis, YAxis: excelize.ChartAxis{MajorGridLines: true, Minimum: &lo, Maximum: &hi, MajorUnit: 10, Font: axisFont}}))
	}
}

// ikmChartCol is the chart data sheet's first column of the IKM chart
// (month, province IKM, the A, B and C bounds).
const ikmChartCol = 10

// ikmAxisMin is the IKM chart's lowest value: 50, or lower in steps of 10
// when the province IKM falls below it. A fixed scale keeps a one-point
// move looking like one point.
func ikmAxisMin(d *data) float64 {
	lo := 50.0
	for _, p := range provinceIKM(d) {
		if p.IKM.OK && p.IKM.V < lo {
			lo = math.Floor(p.IKM.V/10) * 10
		}
	}
	return max(lo, 0)
}

// provinceIKM is the province's ikm_trend, oldest month first.
func provinceIKM(d *data) []ikmPoint {
	var out []ikmPoint
	for _, x := range d.IKMTrend {
		if x.Level == "provinsi" {
			out = append(out, x)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Period.Before(out[j].Period) })
	return out
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// ikmTrendRows are ikm_trend's rows with the province first (the IKM chart
// reads the first rows).
func ikmTrendRows(d *data) []ikmPoint {
	var prov, rest []ikmPoint
	for _, x := range d.IKMTrend {
		if x.Level == "provinsi" {
			prov = append(prov, x)
		} else {
			rest = append(rest, x)
		}
	}
	return append(prov, rest...)
}

// summarySheets are the metric tables as sheets, in docs/metrics.md order.
func summarySheets(d *data, t text) []sheetSpec {
	cov := func(key, nameKey string) []column {
		return []column{col(key, kText, 14), col(nameKey, kText, 30)}
	}
	figs := []column{col("headcount", kInt, 11), col("trained", kInt, 11), col("coverage", kPct, 11),
		col("target_met", kInt, 11), col("target_met_share", kPct, 12), col("on_track", kInt, 11),
		below(col("on_track_share", kPct, 12), d.Rules.OnTrackThreshold), col("jp_per_asn", kDec, 11),
		col("jp_klasikal", kDec, 12), col("jp_nonklasikal", kDec, 13), col("jp_luring", kDec, 12),
		col("jp_daring", kDec, 12), col("daring_jp_share", kPct, 11)}
	covRow := func(head []any, c coverage) []any {
		return append(head, c.Headcount, c.Trained, c.Coverage, c.TargetMet, c.TargetMetShare, c.OnTrack,
			c.OnTrackShare, c.JPPerASN, c.JPKlasikal, c.JPNonklasikal, c.JPLuring, c.JPDaring, c.DaringJPShare)
	}
	level := func(l string) string { return levelName(t, l) }
	var out []sheetSpec
	// coverage_district: J is on_track_share.
	s := sheetSpec{name: t.S("sheet.coverage_district"),
		cols: append(append(cov("district_code", "district_name"), col("remote", kBool, 10)), figs...)}
	for _, x := range d.Districts {
		s.rows = append(s.rows, covRow([]any{x.Code, x.Name, x.Remote}, x))
	}
	out = append(out, s)

	s = sheetSpec{name: t.S("sheet.coverage_agency"), cols: append([]column{col("agency_code", kText, 22),
		col("agency_name", kText, 34), col("district_code", kText, 12), col("district_name", kText, 30)}, figs...)}
	for _, x := range d.Agencies {
		s.rows = append(s.rows, covRow([]any{x.Code, x.Name, x.District, d.districtName(x.District)}, x))
	}
	out = append(out, s)

	// coverage_trend: the province rows first (the trend chart reads them).
	s = sheetSpec{name: t.S("sheet.coverage_trend"), cols: []column{col("period", kText, 10), col("level", kText, 14),
		col("district_code", kText, 12), col("district_name", kText, 30), col("headcount", kInt, 11), col("trained", kInt, 11),
		col("coverage", kPct, 11), col("target_met", kInt, 11), col("target_met_share", kPct, 12), col("on_track", kInt, 11),
		col("on_track_share", kPct, 12), col("jp_per_asn", kDec, 11)}}
	trend := d.provinceTrend()
	for _, x := range d.Trend {
		if x.Level == "kabupaten" { // the agency rows are on the pivot sheet
			trend = append(trend, x)
		}
	}
	for _, x := range trend {
		name := t.S("report.region")
		if x.Level != "provinsi" {
			name = d.districtName(x.District)
		}
		s.rows = append(s.rows, []any{x.Period.String(), level(x.Level), x.District, name, x.Headcount, x.Trained, x.Coverage,
			x.TargetMet, x.TargetMetShare, x.OnTrack, x.OnTrackShare, x.JPPerASN})
	}
	out = append(out, s)

	s = sheetSpec{name: t.S("sheet.attention"), cols: []column{col("rank", kInt, 10), col("district_code", kText, 12),
		col("district_name", kText, 28), col("remote", kBool, 10), below(col("on_track_share", kPct, 12), d.Rules.OnTrackThreshold),
		col("province_on_track_share", kPct, 14), col("flagged", kBool, 12), col("worst_agency_code", kText, 26),
		col("worst_agency_name", kText, 32), col("daring_jp_share", kPct, 11)}, headH: 45}
	for _, x := range d.Attention {
		s.rows = append(s.rows, []any{x.Rank, x.District, x.Name, x.Remote, x.OnTrackShare, x.ProvinceOnTrackShare,
			x.Flagged, x.WorstAgency, d.agencyName(x.WorstAgency), x.DaringJPShare})
	}
	out = append(out, s)

	s = sheetSpec{name: t.S("sheet.ikm_unit"), cols: []column{col("unit_code", kText, 16), col("unit_name", kText, 32),
		col("agency_code", kText, 22), col("agency_name", kText, 30), col("district_code", kText, 12), col("district_name", kText, 22),
		col("service_type", kText, 24), col("n", kInt, 11), below(col("ikm", kDec, 10), domain.IKMThresholdB), col("category", kText, 10),
		col("ikm_3m", kDec, 11), col("delta_prev", kDec, 12), col("sample_ok", kBool, 11), col("lowest_element", kText, 10),
		col("lowest_element_name", kText, 36)}}
	for _, x := range d.Units {
		s.rows = append(s.rows, []any{x.Code, x.Name, x.Agency, d.agencyName(x.Agency), x.District, d.districtName(x.District),
			x.ServiceType, x.N, x.IKM, x.Category, x.IKM3M, x.DeltaPrev, x.SampleOK, x.LowestElement, elementName(t, x.LowestElement)})
	}
	out = append(out, s)

	s = sheetSpec{name: t.S("sheet.ikm_group"), cols: []column{col("level", kText, 16), col("code", kText, 20),
		col("name", kText, 28), col("n", kInt, 11), below(col("ikm", kDec, 10), domain.IKMThresholdB), col("category", kText, 10),
		col("ikm_3m", kDec, 11), col("delta_prev", kDec, 12)}}
	for _, x := range d.Groups {
		s.rows = append(s.rows, []any{level(x.Level), x.Code, groupName(t, x.Level, x.Name), x.N, x.IKM, x.Category, x.IKM3M, x.DeltaPrev})
	}
	out = append(out, s)

	s = sheetSpec{name: t.S("sheet.ikm_trend"), cols: []column{col("level", kText, 16), col("code", kText, 20),
		col("name", kText, 28), col("period", kText, 10), col("n", kInt, 11), below(col("ikm", kDec, 10), domain.IKMThresholdB),
		col("category", kText, 10), col("delta_prev", kDec, 12)}}
	for _, x := range ikmTrendRows(d) {
		s.rows = append(s.rows, []any{level(x.Level), x.Code, groupName(t, x.Level, x.Name), x.Period.String(), x.N, x.IKM,
			x.Category, x.DeltaPrev})
	}
	out = append(out, s)

	// ikm_elements: each element's header carries its name.
	s = sheetSpec{name: t.S("sheet.ikm_elements"), cols: []column{col("level", kText, 14), col("code", kText, 18),
		col("name", kText, 28), col("n", kInt, 11)}, headH: 75}
	for k := 1; k <= 9; k++ {
		s.cols = append(s.cols, below(col(fmt.Sprintf("u%d", k), kDec, 14), 3.0))
	}
	s.cols = append(s.cols, col("lowest_element", kText, 10), col("lowest_element_name", kText, 36))
	for _, x := range d.Elements {
		name := t.S("report.region")
		if x.Level != "provinsi" {
			name = d.unitName(x.Code)
		}
		row := []any{level(x.Level), x.Code, name, x.N}
		for _, v := range x.NRR {
			row = append(row, v)
		}
		s.rows = append(s.rows, append(row, x.Lowest, elementName(t, x.Lowest)))
	}
	out = append(out, s)

	// evaluation_dist: the predikat is itself the official (Indonesian)
	// name; the English workbook adds its gloss.
	s = sheetSpec{name: t.S("sheet.evaluation_dist"), cols: []column{col("level", kText, 16), col("code", kText, 24),
		col("name", kText, 32), col("predikat", kText, 20)}}
	if t.lang == "en" {
		s.cols = append(s.cols, col("predikat_name", kText, 20))
	}
	s.cols = append(s.cols, col("persons", kInt, 10))
	for _, x := range d.Evaluations {
		row := []any{level(x.Level), x.Code, d.codeName(t, x.Level, x.Code), x.Predikat}
		if t.lang == "en" {
			row = append(row, predikatName(t, x.Predikat))
		}
		s.rows = append(s.rows, append(row, x.Persons))
	}
	out = append(out, s)

	s = sheetSpec{name: t.S("sheet.followup"), cols: []column{col("agency_code", kText, 24), col("agency_name", kText, 32),
		col("level", kText, 14), col("cohort", kInt, 10), col("complete", kInt, 12), col("followed_up", kInt, 14),
		below(col("rate", kPct, 12), 0.5), col("pending", kInt, 11)}}
	for _, x := range d.Followups {
		s.rows = append(s.rows, []any{x.Agency, d.codeName(t, x.Level, x.Agency), level(x.Level), x.Cohort, x.Complete,
			x.FollowedUp, x.Rate, x.Pending})
	}
	out = append(out, s)

	s = sheetSpec{name: t.S("sheet.impact"), cols: []column{col("unit_code", kText, 16), col("unit_name", kText, 32),
		col("staff", kInt, 10), col("trained_share", kPct, 14), col("ikm_first3", kDec, 12), col("ikm_last3", kDec, 12),
		below(col("ikm_change", kDec, 12), 0)}}
	for _, x := range d.Impact {
		s.rows = append(s.rows, []any{x.Unit, x.Name, x.Staff, x.TrainedShare, x.IKMFirst3, x.IKMLast3, x.IKMChange})
	}
	out = append(out, s)

	s = sheetSpec{name: t.S("sheet.completeness"), cols: []column{col("agency_code", kText, 24), col("agency_name", kText, 32),
		col("kind", kText, 11), col("kind_name", kText, 14), col("status", kText, 18), col("received_at", kTime, 17),
		col("late", kBool, 10), col("rows_read", kInt, 11), col("rows_accepted", kInt, 12), col("rows_rejected", kInt, 12),
		col("revisions", kInt, 9), col("unmatched_nip", kInt, 12), col("stale", kBool, 12)}}
	for _, x := range d.Completeness {
		s.rows = append(s.rows, []any{x.Agency, d.agencyName(x.Agency), string(x.Kind), t.Kind(x.Kind), statusName(t, x.Status),
			x.ReceivedAt, x.Late, x.RowsRead, x.RowsAccepted, x.RowsRejected, x.Revisions, x.UnmatchedNIP, x.Stale})
	}
	out = append(out, s)
	out = append(out, pivotSheet(d, t), chartDataSheet(d, t))
	return out
}

// pivotSheet is the flat sheet for pivot tables: coverage_trend's finest
// grain, one row per month of W12, district and agency with staff there
// (level kabupaten_instansi), each with its codes and names. The counts
// and jp_total sum to a district's, an agency's or the province's figure
// of the month in any pivot (a person is in one row per month); the
// shares are the row's own, to read, not to sum.
func pivotSheet(d *data, t text) sheetSpec {
	s := sheetSpec{name: t.S("sheet.pivot"), table: "DataPivot", cols: []column{col("period", kText, 10),
		col("district_code", kText, 12), col("district_name", kText, 30), col("remote", kBool, 10),
		col("agency_code", kText, 22), col("agency_name", kText, 42), col("headcount", kInt, 11), col("trained", kInt, 11),
		col("coverage", kPct, 11), col("target_met", kInt, 11), col("target_met_share", kPct, 12), col("on_track", kInt, 11),
		col("on_track_share", kPct, 12), col("jp_total", kDec, 12), col("jp_per_asn", kDec, 11)}, headH: 45}
	remote := map[string]bool{}
	for _, x := range d.Districts {
		remote[x.Code] = x.Remote
	}
	var cells []trendPoint
	for _, x := range d.Trend {
		if x.Level == "kabupaten_instansi" {
			cells = append(cells, x)
		}
	}
	sort.SliceStable(cells, func(i, j int) bool {
		a, b := cells[i], cells[j]
		if a.Period != b.Period {
			return a.Period.Before(b.Period)
		}
		if a.District != b.District {
			return a.District < b.District
		}
		return a.Agency < b.Agency
	})
	for _, x := range cells {
		s.rows = append(s.rows, []any{x.Period.String(), x.District, d.districtName(x.District), remote[x.District],
			x.Agency, d.agencyName(x.Agency), x.Headcount, x.Trained, x.Coverage, x.TargetMet, x.TargetMetShare,
			x.OnTrack, x.OnTrackShare, x.JPTotal, x.JPPerASN})
	}
	return s
}

// chartDataSheet holds the series of the native charts: districts by
// on-track share, lowest first, the share in one column for remote
// districts and another for the rest (two colours), and the threshold;
// beside them, from column ikmChartCol, the province IKM by month with the
// category bounds.
func chartDataSheet(d *data, t text) sheetSpec {
	s := sheetSpec{name: t.S("sheet.chartdata"), plain: true, headH: 45, cols: []column{col("district_code", kText, 12),
		col("district_name", kText, 30), col("chart_label", kText, 16), col("remote", kBool, 10), col("ontrack_other", kPct, 14),
		col("ontrack_remote", kPct, 14), col("threshold", kPct, 12), col("", kText, 3), col("", kText, 3),
		col("period", kText, 10), col("ikm_province", kDec, 11), col("ikm_a", kDec, 11), col("ikm_b", kDec, 11), col("ikm_c", kDec, 11)}}
	ds := append([]coverage(nil), d.Districts...)
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].OnTrackShare != ds[j].OnTrackShare {
			return ds[i].OnTrackShare < ds[j].OnTrackShare
		}
		return ds[i].Code < ds[j].Code
	})
	names := make([]string, len(ds))
	for i, x := range ds {
		names[i] = d.districtName(x.Code)
	}
	lbl := uniqueLabelsBy(names, 0, d.shortName)
	ikm := provinceIKM(d)
	for i := 0; i < max(len(ds), len(ikm)); i++ {
		row := make([]any, len(s.cols))
		if i < len(ds) {
			x := ds[i]
			row[0], row[1], row[2], row[3], row[6] = x.Code, names[i], lbl[i], x.Remote, d.Rules.OnTrackThreshold
			if x.Remote {
				row[5] = x.OnTrackShare
			} else {
				row[4] = x.OnTrackShare
			}
		}
		if i < len(ikm) {
			row[9], row[10] = ikm[i].Period.String(), ikm[i].IKM
			row[11], row[12], row[13] = domain.IKMThresholdA, domain.IKMThresholdB, domain.IKMThresholdC
		}
		s.rows = append(s.rows, row)
	}
	return s
}

// levelName is a metric table's level code as a word of the sheet's
// language ("jenis_layanan" → "Jenis layanan").
func levelName(t text, level string) string {
	if _, ok := labels["level."+level]; ok {
		return t.S("level." + level)
	}
	return level
}

// elementName is the name of an IKM element ("U3" → "Waktu Penyelesaian").
func elementName(t text, code string) string {
	if _, ok := labels["element."+code]; ok {
		return t.S("element." + code)
	}
	return code
}

// predikatName is a predikat in the sheet's language (the official name in
// Indonesian).
func predikatName(t text, p string) string {
	if _, ok := labels["predikat."+p]; ok {
		return t.S("predikat." + p)
	}
	return p
}

// codeName is the name of the agency, district or province a row's code
// at level stands for.
func (d *data) codeName(t text, level, code string) string {
	switch level {
	case "instansi":
		return d.agencyName(code)
	case "kabupaten":
		return d.districtName(code)
	case "provinsi":
		return t.S("report.region")
	case "unit":
		return d.unitName(code)
	}
	return code
}

// groupName is the name of an IKM group row: the province row's name is
// the metric SQL's Indonesian label, so it follows the workbook's language;
// other names (service types, districts, units) are reference data.
func groupName(t text, level, name string) string {
	if level == "provinsi" {
		return t.S("xlsx.province")
	}
	return name
}

// statusName is completeness.status in the workbook's language (the
// Indonesian labels are the CSV values themselves). Codes (level, kind,
// agency and unit codes) and the official SKP predikat names stay as in
// the CSV exports in both languages.
func statusName(t text, status string) string {
	switch status {
	case string(lake.Accepted):
		return t.S("xlsx.status.accepted")
	case string(lake.Partial):
		return t.S("xlsx.status.partial")
	case string(lake.Rejected):
		return t.S("xlsx.status.rejected")
	case "tidak ada":
		return t.S("xlsx.status.missing")
	}
	return status
}

// Close writes the workbook to the output and returns the first error.
func (sw *summaryWriter) Close() error {
	if sw.err == nil {
		_, sw.err = sw.wb.f.WriteTo(sw.w)
	}
	if err := sw.wb.f.Close(); sw.err == nil {
		sw.err = err
	}
	return sw.err
}

// agencyListWriter writes one agency's list of staff not on track for
// 20 JP. Names and NIPs appear only in these workbooks, which go to the
// agency's own outbox. Its first error is sticky and returned by Close.
type agencyListWriter struct {
	w   io.Writer
	wb  *workbook
	err error
}

// newAgencyListWriter returns an agency list writer to w.
func newAgencyListWriter(w io.Writer, lang string) *agencyListWriter {
	return &agencyListWriter{w: w, wb: newWorkbook(lang)}
}

// WriteList writes the staff of agency in persons (already filtered to
// those not on track), lowest JP first. The sheet is streamed: a large
// agency has thousands of rows.
func (aw *agencyListWriter) WriteList(d *data, agency string, persons []personProgress) {
	if aw.err != nil {
		return
	}
	wb, t, fm := aw.wb, aw.wb.t, Format{Lang: aw.wb.t.lang}
	track := d.Rules.TargetJP * float64(d.Period.Month) / 12
	ps := append([]personProgress(nil), persons...)
	sortPersons(ps)
	name := t.S("xlsx.list")
	wb.sheet(name)
	if wb.err != nil {
		aw.err = wb.err
		return
	}
	cols := []column{col("nip", kText, 22), col("nama", kText, 32), col("unit_kerja", kText, 40),
		col("district_name", kText, 30), col("jp_ytd", kDec, 14), col("need_track", kDec, 16), col("need_year", kDec, 16)}
	// Print settings go in before the sheet is streamed (the stream writer
	// writes what the sheet holds when it starts).
	wb.docTitle = t.Sf("agency.title", d.agencyName(agency), fm.Period(d.Period))
	wb.footer = t.Sf("xlsx.footer.list", fm.DateTime(d.AsOf))
	wb.printSetup(name, true, false)
	sw, err := wb.f.NewStreamWriter(name)
	if err != nil {
		aw.err = err
		return
	}
	for i, c := range cols {
		wb.do(sw.SetColWidth(i+1, i+1, c.width))
	}
	wb.do(sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: wb.head, Value: t.S("h." + c.key)}
	}
	wb.do(sw.SetRow("A1", head, excelize.RowOpts{Height: 32}))
	dec := wb.styles[kDec]
	for r, x := range ps {
		// text cells are plain strings: a name like "=HYPERLINK(...)" stays text.
		row := []any{
			excelize.Cell{Value: x.NIP}, excelize.Cell{Value: x.Name}, excelize.Cell{Value: x.UnitKerja},
			excelize.Cell{Value: d.districtName(x.District)},
			excelize.Cell{StyleID: dec, Value: x.JPYTD},
			excelize.Cell{StyleID: dec, Value: round(max(track-x.JPYTD, 0), 2)},
			excelize.Cell{StyleID: dec, Value: round(max(d.Rules.TargetJP-x.JPYTD, 0), 2)},
		}
		if wb.err == nil {
			wb.do(sw.SetRow(cellName(1, r+2), row))
		}
	}
	if len(ps) > 0 {
		wb.do(sw.AddTable(&excelize.Table{Range: "A1:" + cellName(len(cols), len(ps)+1), Name: "BelumSesuaiJalur",
			StyleName: "TableStyleLight1", ShowRowStripes: boolPtr(true)}))
	}
	wb.do(sw.Flush())
	info := t.S("xlsx.about")
	wb.sheet(info)
	wb.set(info, 1, 1, kText, t.Sf("agency.title", d.agencyName(agency), fm.Period(d.Period)))
	wb.do(wb.f.SetCellStyle(info, "A1", "A1", wb.title))
	wb.set(info, 1, 2, kText, t.Sf("agency.note", fm.Dec(track, 2)))
	wb.set(info, 1, 3, kText, t.S("xlsx.asof")+": "+fm.DateTime(d.AsOf))
	wb.do(wb.f.SetColWidth(info, "A", "A", 120))
	wb.printSetup(info, true, true)
	// The list is the first sheet and so already the active one; calling
	// SetActiveSheet would parse the streamed sheet back into memory.
	aw.err = wb.err
}

func boolPtr(b bool) *bool { return &b }

func sortPersons(ps []personProgress) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].JPYTD != ps[j].JPYTD {
			return ps[i].JPYTD < ps[j].JPYTD
		}
		return ps[i].NIP < ps[j].NIP
	})
}

// Close writes the workbook and returns the first error.
func (aw *agencyListWriter) Close() error {
	if aw.err == nil {
		_, aw.err = aw.wb.f.WriteTo(aw.w)
	}
	if err := aw.wb.f.Close(); aw.err == nil {
		aw.err = err
	}
	return aw.err
}
