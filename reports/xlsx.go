package reports

import (
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
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
	name string
	cols []column
	rows [][]any
}

func col(key string, kind cellKind, width float64) column {
	return column{key: key, kind: kind, width: width}
}

func below(c column, v float64) column { c.below = &v; return c }

// workbook wraps an excelize file with the styles every sheet uses and a
// sticky first error.
type workbook struct {
	f      *excelize.File
	t      Text
	err    error
	head   int
	title  int
	styles map[cellKind]int
	red    int
	first  bool // the default Sheet1 is still unused
}

func newWorkbook(lang string) *workbook {
	wb := &workbook{f: excelize.NewFile(), t: TextFor(lang), styles: map[cellKind]int{}, first: true}
	wb.head = wb.style(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"0F2F57"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
		Border:    []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}})
	wb.title = wb.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	fmtStr := func(s string) *string { return &s }
	wb.styles[kText] = wb.style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
	wb.styles[kInt] = wb.style(&excelize.Style{NumFmt: 3})
	wb.styles[kDec] = wb.style(&excelize.Style{NumFmt: 4})
	wb.styles[kPct] = wb.style(&excelize.Style{CustomNumFmt: fmtStr("0.0%")})
	wb.styles[kTime] = wb.style(&excelize.Style{CustomNumFmt: fmtStr("dd/mm/yyyy hh:mm")})
	wb.styles[kBool] = wb.styles[kText]
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
	case Opt:
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
		wb.set(s, i+1, 1, kText, wb.t.S("h."+c.key))
	}
	n := len(spec.rows)
	last := cellName(len(spec.cols), 1)
	wb.do(f.SetCellStyle(s, "A1", last, wb.head))
	wb.do(f.SetRowHeight(s, 1, 32))
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
	wb.do(f.AutoFilter(s, "A1:"+cellName(len(spec.cols), n+1), nil))
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

// SummaryWriter writes the planners' summary workbook (ringkasan-<P>.xlsx).
// Its first error is sticky: later calls do nothing and Close returns it.
type SummaryWriter struct {
	w   io.Writer
	wb  *workbook
	err error
}

// NewSummaryWriter returns a summary workbook writer to w.
func NewSummaryWriter(w io.Writer, lang string) *SummaryWriter {
	return &SummaryWriter{w: w, wb: newWorkbook(lang)}
}

// WriteSummary builds the workbook: a Ringkasan sheet first (headline
// figures against last month, a chart of on-track share by district), then
// one sheet per public metric table. person_progress is never written here.
func (sw *SummaryWriter) WriteSummary(d *Data, h Headline, prev *Headline) {
	if sw.err != nil {
		return
	}
	wb, t, fm := sw.wb, sw.wb.t, Format{Lang: sw.wb.t.lang}
	sum := t.S("xlsx.summary")
	wb.sheet(sum)
	wb.set(sum, 1, 1, kText, t.S("report.title")+" — "+t.S("report.region"))
	wb.do(wb.f.SetCellStyle(sum, "A1", "A1", wb.title))
	wb.set(sum, 1, 2, kText, t.S("xlsx.period"))
	wb.set(sum, 2, 2, kText, fm.Period(d.Period))
	wb.set(sum, 1, 3, kText, t.S("xlsx.asof"))
	wb.set(sum, 2, 3, kText, fm.DateTime(d.AsOf))
	ph, hasPrev := PrevHeadline(d, prev)
	type fig struct {
		label    string
		kind     cellKind
		cur, old any
	}
	opt := func(o Opt) any {
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
	wb.do(wb.f.SetColWidth(sum, "A", "A", 34))
	wb.do(wb.f.SetColWidth(sum, "B", "D", 16))
	hl := r + 2
	wb.set(sum, 1, hl, kText, t.S("nav.highlights"))
	wb.do(wb.f.SetCellStyle(sum, cellName(1, hl), cellName(1, hl), wb.title))
	for i, s := range Highlights(d, prev, t.lang) {
		wb.set(sum, 1, hl+1+i, kText, s)
	}
	wb.do(wb.f.SetPanes(sum, &excelize.Panes{Freeze: true, YSplit: hr, TopLeftCell: cellName(1, hr+1), ActivePane: "bottomLeft"}))

	for _, spec := range summarySheets(d, t) {
		wb.table(spec)
	}
	// Native charts for the main series.
	dist := t.S("sheet.coverage_district")
	if n := len(d.Districts); n > 0 {
		wb.do(wb.f.AddChart(sum, "F5", &excelize.Chart{Type: excelize.Bar,
			Series: []excelize.ChartSeries{{Name: "'" + dist + "'!$J$1", Categories: ref(dist, 2, 2, n+1), Values: ref(dist, 10, 2, n+1)}},
			Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: t.S("chart.ontrack")}}},
			Legend: excelize.ChartLegend{Position: "none"}, Dimension: excelize.ChartDimension{Width: 640, Height: 360},
			XAxis: excelize.ChartAxis{ReverseOrder: true},
			YAxis: excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0%"}, MajorGridLines: true}}))
	}
	trendSheet := t.S("sheet.coverage_trend")
	if tr := d.provinceTrend(); len(tr) > 0 {
		n := len(tr) // province rows come first in the trend sheet
		var series []excelize.ChartSeries
		for _, c := range []int{6, 10, 8} { // coverage, on_track_share, target_met_share
			name, _ := excelize.CoordinatesToCellName(c, 1, true)
			series = append(series, excelize.ChartSeries{Name: "'" + trendSheet + "'!" + name,
				Categories: ref(trendSheet, 1, 2, n+1), Values: ref(trendSheet, c, 2, n+1)})
		}
		wb.do(wb.f.AddChart(trendSheet, "M2", &excelize.Chart{Type: excelize.Line, Series: series,
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: t.S("chart.trend")}}},
			Dimension: excelize.ChartDimension{Width: 640, Height: 360},
			YAxis:     excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0%"}, MajorGridLines: true}}))
	}
	ikmSheet := t.S("sheet.ikm_trend")
	if rows := ikmTrendRows(d); len(rows) > 0 {
		n := 0
		for _, x := range rows {
			if x.Level == "provinsi" {
				n++
			}
		}
		if n > 0 {
			wb.do(wb.f.AddChart(ikmSheet, "J2", &excelize.Chart{Type: excelize.Line,
				Series:    []excelize.ChartSeries{{Name: "'" + ikmSheet + "'!$F$1", Categories: ref(ikmSheet, 4, 2, n+1), Values: ref(ikmSheet, 6, 2, n+1)}},
				Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: t.S("kpi.ikm")}}},
				Legend:    excelize.ChartLegend{Position: "none"},
				Dimension: excelize.ChartDimension{Width: 560, Height: 320}, ShowBlanksAs: "gap",
				YAxis: excelize.ChartAxis{MajorGridLines: true}}))
		}
	}
	wb.f.SetActiveSheet(0)
	wb.do(wb.f.SetDocProps(&excelize.DocProperties{Title: t.S("report.title") + " — " + fm.Period(d.Period),
		Creator: "Pantau", Language: t.lang}))
	sw.err = wb.err
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
func ikmTrendRows(d *Data) []IKMPoint {
	var prov, rest []IKMPoint
	for _, x := range d.IKMTrend {
		if x.Level == "provinsi" {
			prov = append(prov, x)
		} else {
			rest = append(rest, x)
		}
	}
	return append(prov, rest...)
}

// summarySheets are the metric tables as sheets, in metrics.md order.
func summarySheets(d *Data, t Text) []sheetSpec {
	cov := func(key, nameKey string) []column {
		return []column{col(key, kText, 14), col(nameKey, kText, 30)}
	}
	figs := []column{col("headcount", kInt, 11), col("trained", kInt, 11), col("coverage", kPct, 11),
		col("target_met", kInt, 11), col("target_met_share", kPct, 12), col("on_track", kInt, 11),
		below(col("on_track_share", kPct, 12), d.Rules.OnTrackThreshold), col("jp_per_asn", kDec, 11),
		col("jp_klasikal", kDec, 12), col("jp_nonklasikal", kDec, 13), col("jp_luring", kDec, 12),
		col("jp_daring", kDec, 12), col("daring_jp_share", kPct, 11)}
	covRow := func(head []any, c Coverage) []any {
		return append(head, c.Headcount, c.Trained, c.Coverage, c.TargetMet, c.TargetMetShare, c.OnTrack,
			c.OnTrackShare, c.JPPerASN, c.JPKlasikal, c.JPNonklasikal, c.JPLuring, c.JPDaring, c.DaringJPShare)
	}
	var out []sheetSpec
	// coverage_district: J is on_track_share (the Ringkasan chart reads B and J).
	// Columns A–J: code, name, remote, headcount, trained, coverage,
	// target_met, target_met_share, on_track, on_track_share.
	s := sheetSpec{name: t.S("sheet.coverage_district"),
		cols: append(append(cov("district_code", "district_name"), col("remote", kBool, 10)), figs...)}
	for _, x := range d.Districts {
		s.rows = append(s.rows, covRow([]any{x.Code, x.Name, x.Remote}, x))
	}
	out = append(out, s)

	s = sheetSpec{name: t.S("sheet.coverage_agency"), cols: append([]column{col("agency_code", kText, 22),
		col("agency_name", kText, 34), col("district_code", kText, 12)}, figs...)}
	for _, x := range d.Agencies {
		s.rows = append(s.rows, covRow([]any{x.Code, x.Name, x.District}, x))
	}
	out = append(out, s)

	s = sheetSpec{name: t.S("sheet.coverage_trend"), cols: []column{col("period", kText, 10), col("level", kText, 11),
		col("district_code", kText, 12), col("headcount", kInt, 11), col("trained", kInt, 11), col("coverage", kPct, 11),
		col("target_met", kInt, 11), col("target_met_share", kPct, 12), col("on_track", kInt, 11),
		col("on_track_share", kPct, 12), col("jp_per_asn", kDec, 11)}}
	trend := d.provinceTrend()
	for _, x := range d.Trend {
		if x.Level != "provinsi" {
			trend = append(trend, x)
		}
	}
	for _, x := range trend {
		s.rows = append(s.rows, []any{x.Period.String(), x.Level, x.District, x.Headcount, x.Trained, x.Coverage,
			x.TargetMet, x.TargetMetShare, x.OnTrack, x.OnTrackShare, x.JPPerASN})
	}
	out = append(out, s)

	s = sheetSpec{name: t.S("sheet.attention"), cols: []column{col("rank", kInt, 10), col("district_code", kText, 12),
		col("district_name", kText, 28), col("remote", kBool, 10), below(col("on_track_share", kPct, 12), d.Rules.OnTrackThreshold),
		col("province_on_track_share", kPct, 14), col("flagged", kBool, 12), col("worst_agency_code", kText, 26),
		col("daring_jp_share", kPct, 11)}}
	for _, x := range d.Attention {
		s.rows = append(s.rows, []any{x.Rank, x.District, x.Name, x.Remote, x.OnTrackShare, x.ProvinceOnTrackShare,
			x.Flagged, x.WorstAgency, x.DaringJPShare})
	}
	out = append(out, s)

	s = sheetSpec{name: t.S("sheet.ikm_unit"), cols: []column{col("unit_code", kText, 16), col("unit_name", kText, 32),
		col("agency_code", kText, 22), col("district_code", kText, 12), col("service_type", kText, 24), col("n", kInt, 11),
		below(col("ikm", kDec, 10), domain.IKMThresholdB), col("category", kText, 10), col("ikm_3m", kDec, 11),
		col("delta_prev", kDec, 12), col("sample_ok", kBool, 11), col("lowest_element", kText, 12)}}
	for _, x := range d.Units {
		s.rows = append(s.rows, []any{x.Code, x.Name, x.Agency, x.District, x.ServiceType, x.N, x.IKM, x.Category,
			x.IKM3M, x.DeltaPrev, x.SampleOK, x.LowestElement})
	}
	out = append(out, s)

	s = sheetSpec{name: t.S("sheet.ikm_group"), cols: []column{col("level", kText, 14), col("code", kText, 20),
		col("name", kText, 28), col("n", kInt, 11), below(col("ikm", kDec, 10), domain.IKMThresholdB), col("category", kText, 10),
		col("ikm_3m", kDec, 11), col("delta_prev", kDec, 12)}}
	for _, x := range d.Groups {
		s.rows = append(s.rows, []any{x.Level, x.Code, groupName(t, x.Level, x.Name), x.N, x.IKM, x.Category, x.IKM3M, x.DeltaPrev})
	}
	out = append(out, s)

	s = sheetSpec{name: t.S("sheet.ikm_trend"), cols: []column{col("level", kText, 14), col("code", kText, 20),
		col("name", kText, 28), col("period", kText, 10), col("n", kInt, 11), below(col("ikm", kDec, 10), domain.IKMThresholdB),
		col("category", kText, 10), col("delta_prev", kDec, 12)}}
	for _, x := range ikmTrendRows(d) {
		s.rows = append(s.rows, []any{x.Level, x.Code, groupName(t, x.Level, x.Name), x.Period.String(), x.N, x.IKM,
			x.Category, x.DeltaPrev})
	}
	out = append(out, s)

	s = sheetSpec{name: t.S("sheet.ikm_elements"), cols: []column{col("level", kText, 12), col("code", kText, 18), col("n", kInt, 11)}}
	for k := 1; k <= 9; k++ {
		s.cols = append(s.cols, below(col(fmt.Sprintf("u%d", k), kDec, 8), 3.0))
	}
	s.cols = append(s.cols, col("lowest_element", kText, 12))
	for _, x := range d.Elements {
		row := []any{x.Level, x.Code, x.N}
		for _, v := range x.NRR {
			row = append(row, v)
		}
		s.rows = append(s.rows, append(row, x.Lowest))
	}
	out = append(out, s)

	s = sheetSpec{name: t.S("sheet.evaluation_dist"), cols: []column{col("level", kText, 12), col("code", kText, 24),
		col("predikat", kText, 20), col("persons", kInt, 10)}}
	for _, x := range d.Evaluations {
		s.rows = append(s.rows, []any{x.Level, x.Code, x.Predikat, x.Persons})
	}
	out = append(out, s)

	s = sheetSpec{name: t.S("sheet.followup"), cols: []column{col("agency_code", kText, 24), col("level", kText, 11),
		col("cohort", kInt, 10), col("complete", kInt, 12), col("followed_up", kInt, 14), below(col("rate", kPct, 12), 0.5),
		col("pending", kInt, 11)}}
	for _, x := range d.Followups {
		s.rows = append(s.rows, []any{x.Agency, x.Level, x.Cohort, x.Complete, x.FollowedUp, x.Rate, x.Pending})
	}
	out = append(out, s)

	s = sheetSpec{name: t.S("sheet.impact"), cols: []column{col("unit_code", kText, 16), col("unit_name", kText, 32),
		col("staff", kInt, 10), col("trained_share", kPct, 14), col("ikm_first3", kDec, 12), col("ikm_last3", kDec, 12),
		below(col("ikm_change", kDec, 12), 0)}}
	for _, x := range d.Impact {
		s.rows = append(s.rows, []any{x.Unit, x.Name, x.Staff, x.TrainedShare, x.IKMFirst3, x.IKMLast3, x.IKMChange})
	}
	out = append(out, s)

	s = sheetSpec{name: t.S("sheet.completeness"), cols: []column{col("agency_code", kText, 24), col("kind", kText, 12),
		col("status", kText, 18), col("received_at", kTime, 17), col("late", kBool, 10), col("rows_read", kInt, 11),
		col("rows_accepted", kInt, 12), col("rows_rejected", kInt, 12), col("revisions", kInt, 9), col("unmatched_nip", kInt, 12),
		col("stale", kBool, 12)}}
	for _, x := range d.Completeness {
		s.rows = append(s.rows, []any{x.Agency, string(x.Kind), statusName(t, x.Status), x.ReceivedAt, x.Late, x.RowsRead, x.RowsAccepted,
			x.RowsRejected, x.Revisions, x.UnmatchedNIP, x.Stale})
	}
	out = append(out, s)
	return out
}

// groupName is the name of an IKM group row: the province row's name is
// the metric SQL's Indonesian label, so it follows the workbook's language;
// other names (service types, districts, units) are reference data.
func groupName(t Text, level, name string) string {
	if level == "provinsi" {
		return t.S("xlsx.province")
	}
	return name
}

// statusName is completeness.status in the workbook's language (the
// Indonesian labels are the CSV values themselves). Codes (level, kind,
// agency and unit codes) and the official SKP predikat names stay as in
// the CSV exports in both languages.
func statusName(t Text, status string) string {
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
func (sw *SummaryWriter) Close() error {
	if sw.err == nil {
		_, sw.err = sw.wb.f.WriteTo(sw.w)
	}
	if err := sw.wb.f.Close(); sw.err == nil {
		sw.err = err
	}
	return sw.err
}

// AgencyListWriter writes one agency's list of staff not on track for
// 20 JP. Names and NIPs appear only in these workbooks, which go to the
// agency's own outbox. Its first error is sticky and returned by Close.
type AgencyListWriter struct {
	w   io.Writer
	wb  *workbook
	err error
}

// NewAgencyListWriter returns an agency list writer to w.
func NewAgencyListWriter(w io.Writer, lang string) *AgencyListWriter {
	return &AgencyListWriter{w: w, wb: newWorkbook(lang)}
}

// WriteList writes the staff of agency in persons (already filtered to
// those not on track), lowest JP first. The sheet is streamed: a large
// agency has thousands of rows.
func (aw *AgencyListWriter) WriteList(d *Data, agency string, persons []PersonProgress) {
	if aw.err != nil {
		return
	}
	wb, t, fm := aw.wb, aw.wb.t, Format{Lang: aw.wb.t.lang}
	track := d.Rules.TargetJP * float64(d.Period.Month) / 12
	ps := append([]PersonProgress(nil), persons...)
	sortPersons(ps)
	name := t.S("xlsx.list")
	wb.sheet(name)
	if wb.err != nil {
		aw.err = wb.err
		return
	}
	cols := []column{col("nip", kText, 22), col("nama", kText, 32), col("unit_kerja", kText, 30),
		col("district_name", kText, 22), col("jp_ytd", kDec, 14), col("need_track", kDec, 16), col("need_year", kDec, 16)}
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
		// Text cells are plain strings: a name like "=HYPERLINK(...)" stays text.
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
	// The list is the first sheet and so already the active one; calling
	// SetActiveSheet would parse the streamed sheet back into memory.
	aw.err = wb.err
}

func boolPtr(b bool) *bool { return &b }

func sortPersons(ps []PersonProgress) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].JPYTD != ps[j].JPYTD {
			return ps[i].JPYTD < ps[j].JPYTD
		}
		return ps[i].NIP < ps[j].NIP
	})
}

// Close writes the workbook and returns the first error.
func (aw *AgencyListWriter) Close() error {
	if aw.err == nil {
		_, aw.err = aw.wb.f.WriteTo(aw.w)
	}
	if err := aw.wb.f.Close(); aw.err == nil {
		aw.err = err
	}
	return aw.err
}
