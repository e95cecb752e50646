package reports

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// agencyListFixture writes the fixture's list for kab-kepulauan-aru.
func agencyListFixture(t *testing.T) *excelize.File {
	t.Helper()
	d := smallData()
	var buf bytes.Buffer
	aw := newAgencyListWriter(&buf, "id")
	var ps []personProgress
	for _, p := range d.Persons {
		if p.Agency == "kab-kepulauan-aru" && !p.OnTrack {
			ps = append(ps, p)
		}
	}
	aw.WriteList(d, "kab-kepulauan-aru", ps)
	if err := aw.Close(); err != nil {
		t.Fatalf("WriteList: %v", err)
	}
	writeOut(t, "belum-sesuai-jalur-fixture.xlsx", buf.Bytes())
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// checkPrintSetup checks every sheet of f: A4, the orientation wanted,
// fit to one page wide (and as tall as needed, one page for the sheets in
// onePage), the first row repeated, header and footer with the title,
// the sheet name and the page number.
func checkPrintSetup(t *testing.T, f *excelize.File, title string, landscape, onePage map[string]bool) {
	t.Helper()
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	for _, s := range f.GetSheetList() {
		pl, err := f.GetPageLayout(s)
		if err != nil {
			t.Fatalf("GetPageLayout(%s): %v", s, err)
		}
		orient, tall := "portrait", 0
		if landscape[s] {
			orient = "landscape"
		}
		if onePage[s] {
			tall = 1
		}
		if pl.Size == nil || *pl.Size != 9 || pl.Orientation == nil || *pl.Orientation != orient ||
			pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != tall {
			t.Errorf("%s page layout = size %v, %v, fit %v × %v; want A4 (9), %s, fit 1 × %d", s, deref(pl.Size),
				derefS(pl.Orientation), deref(pl.FitToWidth), deref(pl.FitToHeight), orient, tall)
		}
		if props, err := f.GetSheetProps(s); err != nil || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s sheet props: FitToPage not set (%v)", s, err)
		}
		if want := "'" + s + "'!$1:$1"; titles[s] != want {
			t.Errorf("%s print titles = %q; want %q", s, titles[s], want)
		}
		hf, err := f.GetHeaderFooter(s)
		if err != nil || hf == nil {
			t.Fatalf("GetHeaderFooter(%s) = %v, %v", s, hf, err)
		}
		if !strings.Contains(hf.OddHeader, title) || !strings.Contains(hf.OddHeader, "&A") {
			t.Errorf("%s header = %q; want the title %q and the sheet name (&A)", s, hf.OddHeader, title)
		}
		if !strings.Contains(hf.OddFooter, "&P") || !strings.Contains(hf.OddFooter, "&N") {
			t.Errorf("%s footer = %q; want page &P of &N", s, hf.OddFooter)
		}
	}
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func derefS(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestWorkbookPrintSetup reopens the fixture's summary, in both languages,
// and an agency list: every sheet prints on A4 fitted to the page width
// with its header row repeated and title and page number in the header
// and footer, in the workbook's language; the Ringkasan on one page.
func TestWorkbookPrintSetup(t *testing.T) {
	for _, tt := range []struct{ lang, title, page, sum string }{
		{"id", "Laporan Bulanan Pengembangan Kompetensi dan Pelayanan ASN — Oktober 2026", "Halaman &P dari &N", "Ringkasan"},
		{"en", "Monthly Report on ASN Competency Development and Public Service — October 2026", "Page &P of &N", "Summary"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			f, _ := writeSummary(t, smallData(), tt.lang)
			// Every sheet of the summary is wider than a portrait page.
			landscape := map[string]bool{}
			for _, s := range f.GetSheetList() {
				landscape[s] = true
			}
			checkPrintSetup(t, f, tt.title, landscape, map[string]bool{tt.sum: true})
			for _, s := range f.GetSheetList() {
				hf, _ := f.GetHeaderFooter(s)
				if !strings.Contains(hf.OddFooter, tt.page) {
					t.Errorf("%s footer = %q; want %q", s, hf.OddFooter, tt.page)
				}
			}
		})
	}
	t.Run("agency list", func(t *testing.T) {
		f := agencyListFixture(t)
		checkPrintSetup(t, f, "Pegawai belum sesuai jalur 20 JP — "+strings.ReplaceAll(xss, "&", "&&"),
			map[string]bool{"Belum Sesuai Jalur": true, "Keterangan": true}, map[string]bool{"Keterangan": true})
		hf, _ := f.GetHeaderFooter("Belum Sesuai Jalur")
		if !strings.Contains(hf.OddFooter, "Halaman &P dari &N") || !strings.Contains(hf.OddFooter, "data pribadi") {
			t.Errorf("list footer = %q; want the page number and the personal-data note", hf.OddFooter)
		}
	})
}

// codeNames pairs each code column's header key with the key of the name
// column that must stand right after it.
var codeNames = map[string]string{
	"h.district_code":     "h.district_name",
	"h.agency_code":       "h.agency_name",
	"h.unit_code":         "h.unit_name",
	"h.code":              "h.name",
	"h.worst_agency_code": "h.worst_agency_name",
	"h.kind":              "h.kind_name",
	"h.lowest_element":    "h.lowest_element_name",
}

// TestWorkbookNames: on every sheet of the summary (both languages) every
// code column has its name column beside it, and the fixture's codes
// carry their names; levels are words, U1–U9 are named, predikat glossed
// in English.
func TestWorkbookNames(t *testing.T) {
	// The fixture's names by code (the Aru agency and unit have the
	// hostile name, kept as text).
	names := map[string]string{
		"kab-kepulauan-aru": xss, "kota-ambon": "Pemerintah Kota Ambon", "kab-maluku-tengah": "Pemerintah Kab. Maluku Tengah",
		"81.07": "Kab. Kepulauan Aru", "81.71": "Kota Ambon", "81.01": "Kab. Maluku Tengah",
		"U-MTG-RSUD": "RSUD Masohi", "U-AMB-DUKCAPIL": "Disdukcapil Kota Ambon", "U-ARU-XSS": xss,
		"KTP-el": "KTP-el", "Perizinan": "Perizinan",
	}
	byLang := map[string]map[string]string{
		"id": {"pegawai": "Pegawai", "survei": "Survei", "U3": "Waktu Penyelesaian", "U8": "Sarana dan Prasarana",
			"U9": "Penanganan Pengaduan, Saran dan Masukan"},
		"en": {"pegawai": "Staff roster", "survei": "Survey", "U3": "Completion time", "U8": "Facilities and infrastructure",
			"U9": "Handling of complaints, suggestions and feedback"},
	}
	for _, lang := range []string{"id", "en"} {
		t.Run(lang, func(t *testing.T) {
			f, _ := writeSummary(t, withDistrictTrend(smallData()), lang)
			tx := textFor(lang)
			checked := map[string]int{}
			for _, s := range f.GetSheetList() {
				rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
				if err != nil || len(rows) == 0 {
					t.Fatalf("GetRows(%s) = %d rows, %v", s, len(rows), err)
				}
				if s == tx.S("xlsx.summary") {
					continue // the figures, not a table
				}
				head := rows[0]
				for i, h := range head {
					for ck, nk := range codeNames {
						if h != tx.S(ck) {
							continue
						}
						if i+1 >= len(head) || head[i+1] != tx.S(nk) {
							t.Errorf("%s: column %q is not followed by %q (headers %q)", s, h, tx.S(nk), head)
							continue
						}
						for r, row := range rows[1:] {
							if i+1 >= len(row) || row[i] == "" {
								continue
							}
							code, name := row[i], row[i+1]
							if name == "" {
								t.Errorf("%s row %d: code %q has no name", s, r+2, code)
							}
							want, ok := names[code]
							if !ok {
								want, ok = byLang[lang][code]
							}
							if ok {
								checked[s]++
								if name != want {
									t.Errorf("%s row %d: %s %q named %q; want %q", s, r+2, h, code, name, want)
								}
							}
						}
					}
					if h == tx.S("h.level") {
						for r, row := range rows[1:] {
							if i < len(row) && strings.ContainsAny(row[i], "_") || i < len(row) && row[i] == "kabupaten" {
								t.Errorf("%s row %d: level %q is a code, not a word", s, r+2, row[i])
							}
						}
					}
				}
			}
			// Every sheet with codes of the fixture checked at least one.
			for _, k := range []string{"sheet.coverage_district", "sheet.coverage_agency", "sheet.coverage_trend", "sheet.attention",
				"sheet.ikm_unit", "sheet.ikm_trend", "sheet.ikm_elements", "sheet.evaluation_dist", "sheet.followup",
				"sheet.impact", "sheet.completeness", "sheet.pivot", "sheet.chartdata"} {
				if checked[tx.S(k)] == 0 {
					t.Errorf("%s: no known code checked against its name", tx.S(k))
				}
			}
			get := func(sheet, cell string) string {
				v, _ := f.GetCellValue(sheet, cell)
				return v
			}
			// The agency code kab-kepulauan-aru and its name, sheet by sheet.
			for _, c := range []struct{ sheet, cell, want string }{
				{tx.S("sheet.coverage_agency"), "A4", "kab-kepulauan-aru"}, {tx.S("sheet.coverage_agency"), "B4", xss},
				{tx.S("sheet.coverage_agency"), "D4", "Kab. Kepulauan Aru"},
				{tx.S("sheet.followup"), "A3", "kab-kepulauan-aru"}, {tx.S("sheet.followup"), "B3", xss},
				{tx.S("sheet.followup"), "B4", tx.S("report.region")},
				{tx.S("sheet.completeness"), "A13", "kab-kepulauan-aru"}, {tx.S("sheet.completeness"), "B13", xss},
				{tx.S("sheet.attention"), "H2", "kab-kepulauan-aru"}, {tx.S("sheet.attention"), "I2", xss},
				{tx.S("sheet.evaluation_dist"), "B5", "kab-kepulauan-aru"}, {tx.S("sheet.evaluation_dist"), "C5", xss},
				{tx.S("sheet.ikm_elements"), "E1", tx.S("h.u1")},
				{tx.S("sheet.ikm_trend"), "A14", tx.S("level.jenis_layanan")},
				{tx.S("sheet.ikm_trend"), "A2", tx.S("level.provinsi")},
			} {
				if got := get(c.sheet, c.cell); got != c.want {
					t.Errorf("%s!%s = %q; want %q", c.sheet, c.cell, got, c.want)
				}
			}
			wantU1 := map[string]string{"id": "U1 Persyaratan", "en": "U1 Requirements"}[lang]
			wantLevel := map[string]string{"id": "Jenis layanan", "en": "Service type"}[lang]
			if tx.S("h.u1") != wantU1 || tx.S("level.jenis_layanan") != wantLevel {
				t.Errorf("U1 header %q, level %q; want %q, %q", tx.S("h.u1"), tx.S("level.jenis_layanan"), wantU1, wantLevel)
			}
			if lang == "en" {
				if got := get("Ratings", "E3"); got != "Good" {
					t.Errorf("Ratings!E3 (Baik) = %q; want Good", got)
				}
			}
		})
	}
}

// TestWorkbookPivot checks the flat sheet: one header row, no merged
// cells, an Excel table over every row, coverage_trend's district ×
// agency × month rows only (the district rows would count staff twice),
// sorted by month, district and agency, names beside codes, number
// formats by kind, and no personal data.
func TestWorkbookPivot(t *testing.T) {
	d := withDistrictTrend(smallData())
	f, _ := writeSummary(t, d, "id")
	// Tren Cakupan keeps the province and district rows only.
	trend, err := f.GetRows("Tren Cakupan")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(d.Trend) - 4; len(trend)-1 != n {
		t.Errorf("Tren Cakupan has %d rows; want %d (all but the 4 district × agency rows)", len(trend)-1, n)
	}
	s := "Data Pivot"
	rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Bulan", "Kode kab/kota", "Kabupaten/kota", "Terpencil", "Kode instansi", "Instansi", "ASN aktif", "Terlatih",
			"Cakupan", "Capai 20 JP", "% capai 20 JP", "Sesuai jalur", "% sesuai jalur", "JP total", "JP per ASN"},
		{"2026-09", "81.07", "Kab. Kepulauan Aru", "Ya", "kab-kepulauan-aru", xss, "200", "90", "0.45", "0", "0", "50", "0.25", "1200", "6"},
		{"2026-10", "81.01", "Kab. Maluku Tengah", "Tidak", "kab-maluku-tengah", "Pemerintah Kab. Maluku Tengah", "300", "240", "0.8", "90", "0.3", "180", "0.6", "3600", "12"},
		{"2026-10", "81.07", "Kab. Kepulauan Aru", "Ya", "kab-kepulauan-aru", xss, "180", "90", "0.5", "0", "0", "54", "0.3", "1350", "7.5"},
		{"2026-10", "81.07", "Kab. Kepulauan Aru", "Ya", "kota-ambon", "Pemerintah Kota Ambon", "20", "10", "0.5", "0", "0", "6", "0.3", "150", "7.5"},
	}
	if len(rows) != len(want) {
		t.Fatalf("pivot has %d rows; want %d: %q", len(rows), len(want), rows)
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("pivot row %d = %q; want %q", i+1, rows[i], want[i])
		}
	}
	if mc, err := f.GetMergeCells(s); err != nil || len(mc) != 0 {
		t.Errorf("pivot merged cells = %v, %v; want none", mc, err)
	}
	tables, err := f.GetTables(s)
	if err != nil || len(tables) != 1 || tables[0].Range != "A1:O5" {
		t.Errorf("pivot tables = %+v, %v; want one over A1:O5", tables, err)
	}
	for cell, fm := range map[string]string{"I2": "0.0%", "M2": "0.0%", "N2": "#,##0.00", "O2": "#,##0.00", "G2": "#,##0"} {
		id, err := f.GetCellStyle(s, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if st.CustomNumFmt != nil {
			got = *st.CustomNumFmt
		} else if st.NumFmt == 3 {
			got = "#,##0"
		} else if st.NumFmt == 4 {
			got = "#,##0.00"
		}
		if got != fm {
			t.Errorf("pivot %s number format = %q (NumFmt %d); want %q", cell, got, st.NumFmt, fm)
		}
	}
}

// withDistrictTrend adds two months of Aru to d's coverage_trend (the
// fixture has the province's only) and the district × agency rows behind
// them and one Malteng row — Aru's October staff are 180 of its own and 20
// of kota-ambon's — out of order, as the lake may give them.
func withDistrictTrend(d *data) *data {
	p, q := fixturePeriod, fixturePeriod.Add(-1)
	d.Trend = append(d.Trend,
		trendPoint{Period: p, Level: "kabupaten", District: "81.07", Headcount: 200, Trained: 100, Coverage: 0.5, OnTrack: 60, OnTrackShare: 0.3, JPPerASN: 7.5, JPTotal: 1500},
		trendPoint{Period: q, Level: "kabupaten", District: "81.07", Headcount: 200, Trained: 90, Coverage: 0.45, OnTrack: 50, OnTrackShare: 0.25, JPPerASN: 6, JPTotal: 1200},
		trendPoint{Period: p, Level: "kabupaten_instansi", District: "81.07", Agency: "kota-ambon", Headcount: 20, Trained: 10, Coverage: 0.5, OnTrack: 6, OnTrackShare: 0.3, JPPerASN: 7.5, JPTotal: 150},
		trendPoint{Period: p, Level: "kabupaten_instansi", District: "81.07", Agency: "kab-kepulauan-aru", Headcount: 180, Trained: 90, Coverage: 0.5, OnTrack: 54, OnTrackShare: 0.3, JPPerASN: 7.5, JPTotal: 1350},
		trendPoint{Period: p, Level: "kabupaten_instansi", District: "81.01", Agency: "kab-maluku-tengah", Headcount: 300, Trained: 240, Coverage: 0.8, TargetMet: 90, TargetMetShare: 0.3, OnTrack: 180, OnTrackShare: 0.6, JPPerASN: 12, JPTotal: 3600},
		trendPoint{Period: q, Level: "kabupaten_instansi", District: "81.07", Agency: "kab-kepulauan-aru", Headcount: 200, Trained: 90, Coverage: 0.45, OnTrack: 50, OnTrackShare: 0.25, JPPerASN: 6, JPTotal: 1200})
	return d
}

// TestWorkbookCharts: the district chart reads districts sorted by
// on-track share, lowest first, remote ones in their own series (one
// colour each, not one per bar) with the threshold as a line; the IKM
// chart's axis is fixed at 50–100 with the category bounds drawn.
func TestWorkbookCharts(t *testing.T) {
	f, xlsx := writeSummary(t, smallData(), "id")
	rows, err := f.GetRows("Angka Grafik", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{ // code, name, label, remote, not remote, remote, threshold
		{"81.07", "Kab. Kepulauan Aru", "Aru", "Ya", "", "0.3", "0.5"},
		{"81.01", "Kab. Maluku Tengah", "Malteng", "Tidak", "0.6333", "", "0.5"},
		{"81.71", "Kota Ambon", "Ambon", "Tidak", "0.7", "", "0.5"},
	}
	for i, w := range want {
		if got := strings.Join(rows[i+1][:7], "|"); got != strings.Join(w, "|") {
			t.Errorf("chart data row %d = %s; want %s", i+2, got, strings.Join(w, "|"))
		}
	}
	if got := strings.Join(rows[1][9:14], "|"); got != "2025-11|80|88.31|76.61|65" {
		t.Errorf("IKM chart data first row = %s; want the oldest month, its IKM and the A, B, C bounds", got)
	}
	charts := chartXML(t, xlsx)
	dist := charts["xl/charts/chart1.xml"]
	for _, want := range []string{`<varyColors val="0">`, `<barDir val="col">`, `<overlap val="100">`, "<lineChart>",
		`'Angka Grafik'!$E$2:$E$4`, `'Angka Grafik'!$F$2:$F$4`, `'Angka Grafik'!$G$2:$G$4`, `<a:srgbClr val="4472C4">`,
		`<a:srgbClr val="ED7D31">`, `<a:prstDash val="dash">`} {
		if !strings.Contains(dist, want) {
			t.Errorf("district chart lacks %s", want)
		}
	}
	ikm := charts["xl/charts/chart3.xml"]
	for _, want := range []string{`<max val="100">`, `<min val="50">`, `'Angka Grafik'!$K$2:$K$13`, `'Angka Grafik'!$N$2:$N$13`} {
		if !strings.Contains(ikm, want) {
			t.Errorf("IKM chart lacks %s", want)
		}
	}
	d := smallData()
	d.IKMTrend = append(d.IKMTrend, ikmPoint{Level: "provinsi", Period: fixturePeriod.Add(1), IKM: some(43.2)})
	if got := ikmAxisMin(d); got != 40 {
		t.Errorf("ikmAxisMin with a province IKM of 43,2 = %v; want 40", got)
	}
}

// chartXML returns the workbook's chart parts by name.
func chartXML(t *testing.T, xlsx []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/charts/chart") {
			continue
		}
		r, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[zf.Name] = strings.ReplaceAll(string(b), "&#39;", "'")
	}
	return out
}
