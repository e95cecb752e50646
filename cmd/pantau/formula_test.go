package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/reports"
	"github.com/pantau-asn/pantau/transform"
)

// hostile is text an agency or the operator could type into any text cell:
// formulas a spreadsheet would run when it opens a CSV export, and markup a
// browser would run if the report did not escape it. Tab and CR are trimmed
// on reading (the lake holds "=1"), which is still a formula.
var hostile = []string{
	`=HYPERLINK("http://x","y")`,
	`+1+1`,
	`-2+3`,
	`@SUM(A1)`,
	"\t=1",
	"\r=1",
	`<script>alert(1)</script>`,
	`</script><img src=x onerror=alert(1)>`,
}

// hostileMarkers are substrings that only the hostile text contains.
var hostileMarkers = []string{"HYPERLINK", "+1+1", "-2+3", "@SUM", "=1", "alert(1)"}

func hasMarker(s string) bool {
	for _, m := range hostileMarkers {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// liveFormula reports whether a spreadsheet would read s, a CSV field or an
// xlsx cell value that is not a string cell, as a formula: it starts with
// = + - @ (or a tab/CR) and is neither a plain number nor the "-"
// placeholder.
func liveFormula(s string) bool {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || s == "-" {
		return false
	}
	return !number.MatchString(s)
}

// number is a plain decimal number, as a spreadsheet reads one.
var number = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`)

// hostileReference is a reference workbook with hostile text in every
// free-text column: district names, agency names, unit codes and names and
// service types. It has one agency per hostile value; the first two upload.
func hostileReference() *domain.Reference {
	ref := ingest.DefaultReference()
	for i := range ref.Districts {
		ref.Districts[i].Name = hostile[i%len(hostile)]
		if i >= len(hostile) {
			ref.Districts[i].Name = fmt.Sprintf("%s %d", hostile[i%len(hostile)], i)
		}
	}
	for i, h := range hostile {
		code := fmt.Sprintf("instansi-%d", i+1)
		ref.Agencies = append(ref.Agencies, domain.Agency{Code: code, Name: h, District: ref.Districts[i].Code,
			Expects: []domain.Kind{domain.Pegawai, domain.Kehadiran, domain.Evaluasi, domain.Survei}})
	}
	for i, h := range hostile {
		// Unit codes are free text too (only required and unique).
		code := fmt.Sprintf("unit-%d", i+1)
		if i%2 == 1 {
			code = string("=+-@"[i/2]) + code
		}
		ref.Units = append(ref.Units, domain.Unit{Code: code, Name: h, Agency: "instansi-" + strconv.Itoa(1+i%2),
			District: ref.Districts[i].Code, ServiceTypes: []string{h, "Akta Kelahiran"}, UsersPerMonth: 100})
	}
	return ref
}

// hostileNIP is the i-th valid NIP of the hostile uploads (i from 0).
func hostileNIP(agency, i int) string {
	return fmt.Sprintf("1985031220100%d1%03d", agency, i+1)
}

// writeHostileUploads writes pegawai, kehadiran and evaluasi of March 2026
// and survei of February and March into inbox/<agency>/ of both uploading
// agencies, every free-text column hostile, and one row the receipt
// rejects (its NIP and its ignored extra column are hostile too).
func writeHostileUploads(t *testing.T, dir lake.Dir, ref *domain.Reference, dropped time.Time) {
	t.Helper()
	for a := 1; a <= 2; a++ {
		agency := "instansi-" + strconv.Itoa(a)
		in := filepath.Join(dir.Inbox(), agency)
		if err := os.MkdirAll(in, 0o755); err != nil {
			t.Fatal(err)
		}
		var units []domain.Unit
		for _, u := range ref.Units {
			if u.Agency == agency {
				units = append(units, u)
			}
		}
		pegawai := [][]any{{"NIP", "Nama", "Kode Instansi", "Unit Kerja", "Kode Unit Layanan", "Kabupaten/Kota", "Jabatan", "Status",
			`=HYPERLINK("http://x","kolom")`}}
		kehadiran := [][]any{{"NIP", "Nama", "Nama Pelatihan", "Jenis Pengembangan", "Kategori", "Penyelenggara",
			"Tanggal Mulai", "Tanggal Selesai", "JP", "Status Kehadiran", "Mode", "Lokasi"}}
		evaluasi := [][]any{{"NIP", "Nama", "Periode Penilaian", "Predikat", "Tindak Lanjut"}}
		// Twice over, so that the one rejected row stays under the 10 % a
		// file may have.
		for i := range 2 * len(hostile) {
			h, nip := hostile[i%len(hostile)], hostileNIP(a, i)
			district := ref.Districts[i%len(ref.Districts)].Code
			jabatan := h
			if i == 0 {
				jabatan = "-" // the usual placeholder for "none"
			}
			pegawai = append(pegawai, []any{nip, h, agency, h, units[i%len(units)].Code, district, jabatan, "Aktif", h})
			kehadiran = append(kehadiran, []any{nip, hostile[(i+1)%len(hostile)], h, "Bimbingan Teknis", "Pelayanan Publik", h,
				"10/03/2026", "12/03/2026", "4", "Hadir", "Daring", district})
			evaluasi = append(evaluasi, []any{nip, h, "2026-03", "Butuh Perbaikan", "Pelatihan"})
		}
		pegawai = append(pegawai, []any{`=HYPERLINK("http://x","nip")`, hostile[1], agency, hostile[2], "", "81.71", hostile[3], "Aktif", hostile[0]})
		survei := func(month, score int) [][]any {
			rows := [][]any{{"Tanggal", "Kode Unit Layanan", "Unit Layanan", "Jenis Layanan", "Pendidikan", "Pekerjaan",
				"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9", "Saran"}}
			for i, h := range hostile {
				for _, u := range units {
					code, name := u.Code, ""
					if i == 0 { // the unit named, not coded
						code, name = "", u.Name
					}
					pekerjaan := h
					if i == 1 {
						pekerjaan = "-"
					}
					s := strconv.Itoa(score)
					rows = append(rows, []any{fmt.Sprintf("%02d/%02d/2026", 5+i, month), code, name, h, h, pekerjaan,
						s, s, s, s, s, s, s, s, s, h})
				}
			}
			return rows
		}
		files := map[string][][]any{
			"pegawai_2026-03.xlsx":   pegawai,
			"kehadiran_2026-03.xlsx": kehadiran,
			"evaluasi_2026-03.xlsx":  evaluasi,
			// An agency names its files too; the receipt and the ledger show the name.
			"=survei_2026-02.xlsx": survei(2, 4),
			"@survei_2026-03.xlsx": survei(3, 3),
		}
		for name, rows := range files {
			path := filepath.Join(in, name)
			writeE2EWorkbook(t, path, rows)
			if err := os.Chtimes(path, dropped, dropped); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestNoFormulaLeaves feeds hostile text through every free-text column of
// the uploads and of the reference workbook — referensi.xlsx: district
// names, agency names, unit codes, unit names, service types; pegawai:
// Nama, Unit Kerja, Jabatan (and "-"), an ignored extra column's header and
// a rejected row's NIP; kehadiran: Nama, Nama Pelatihan, Penyelenggara;
// evaluasi: Nama; survei: Unit Layanan (by name), Jenis Layanan,
// Pendidikan, Pekerjaan (and "-"), Saran; and the file names. It runs
// ingest, the reports of two months, the templates and `pantau query
// --format csv`, and scans every file written: no CSV field a spreadsheet
// would run as a formula, no formula or non-string cell with such text in
// any workbook, no unescaped markup in the HTML (also checked in Chromium
// with every chart tooltip shown).
func TestNoFormulaLeaves(t *testing.T) {
	now := time.Date(2026, 4, 11, 10, 0, 0, 0, domain.WIT)
	e, out := queryEnv(t)
	e.now = func() time.Time { return now }
	if err := e.dir.Init(); err != nil {
		t.Fatal(err)
	}
	ref := hostileReference()
	if err := lake.WriteWith(e.dir.Reference(), 0o644, func(w io.Writer) error { return ingest.WriteReference(w, ref) }); err != nil {
		t.Fatal(err)
	}
	writeHostileUploads(t, e.dir, ref, time.Date(2026, 4, 5, 9, 0, 0, 0, domain.WIT))
	if err := runIngest(e, nil); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	if want := "berkas: 10 diperiksa, 8 diterima, 2 diterima sebagian, 0 ditolak"; !strings.HasPrefix(out.String(), want) {
		t.Fatalf("ingest summary:\n%s\nwant 10 files: 8 accepted, the 2 rosters partly (their hostile NIP); receipts:\n%s", out, receiptReasons(t, e.dir))
	}
	for _, p := range []string{"2026-02", "2026-03"} {
		if err := runReport(e, []string{"--period", p}); err != nil {
			t.Fatalf("report %s: %v", p, err)
		}
	}
	tmpl := t.TempDir()
	for _, k := range domain.Kinds {
		if err := runTemplate(e, []string{string(k), "--out", filepath.Join(tmpl, "template-"+string(k)+".xlsx")}); err != nil {
			t.Fatalf("template %s: %v", k, err)
		}
	}

	// Every file written: CSV exports, workbooks (receipts, summary,
	// agency lists, templates, the reference) and HTML pages.
	var csvs, xlsxs, htmls []string
	for _, root := range []string{string(e.dir), tmpl} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(path, e.dir.Inbox()) {
				return err
			}
			switch filepath.Ext(path) {
			case ".csv":
				csvs = append(csvs, path)
			case ".xlsx":
				xlsxs = append(xlsxs, path)
			case ".html":
				htmls = append(htmls, path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	rel := func(p string) string {
		if r, err := filepath.Rel(string(e.dir), p); err == nil && !strings.HasPrefix(r, "..") {
			return r
		}
		return filepath.Base(p)
	}

	// CSV exports: every field that starts with = + - @ is guarded; the
	// hostile text is there, guarded, in the columns it flows into.
	guarded := map[string]map[string]bool{} // file → columns holding guarded hostile text
	for _, path := range csvs {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		guarded[rel(path)] = checkCSV(t, rel(path), b)
	}
	for file, cols := range map[string][]string{
		"reports/2026-03/data/coverage_district.csv": {"district_name"},
		"reports/2026-03/data/coverage_agency.csv":   {"agency_name"},
		"reports/2026-03/data/ikm_unit.csv":          {"unit_code", "unit_name", "service_type"},
		"reports/2026-03/data/ikm_group.csv":         {"code", "name"},
		"reports/2026-03/data/ikm_trend.csv":         {"code", "name"},
		"reports/2026-03/data/ikm_elements.csv":      {"code"},
		"reports/2026-03/data/impact.csv":            {"unit_code"},
	} {
		for _, c := range cols {
			if !guarded[file][c] {
				t.Errorf("%s: column %s holds no guarded hostile text; columns with it: %v", file, c, keys(guarded[file]))
			}
		}
	}
	// Numbers stay numbers: February's scores of 4 and March's of 3 make a
	// negative delta_prev, written as a plain number.
	trend, err := os.ReadFile(filepath.Join(string(e.dir), "reports", "2026-03", "data", "ikm_trend.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if neg := columnValues(t, trend, "delta_prev"); !slices.Contains(neg, "-25") {
		t.Errorf("ikm_trend.csv delta_prev = %q; want -25 among them, unguarded", neg)
	}
	if len(csvs) < 10 {
		t.Errorf("found %d CSV files; want the data/ exports of two months", len(csvs))
	}

	// Workbooks: no formula anywhere, hostile text only in string cells.
	// Workbooks that must show hostile text (so the scan reaches it): the
	// reference, the rosters' receipts (rejected row, ignored column), the
	// summaries, the agency lists and the templates with district lists.
	// The others are scanned too.
	reaches := []string{"referensi.xlsx", "pegawai_2026-03.receipt.xlsx",
		"ringkasan-2026-02.xlsx", "ringkasan-2026-03.xlsx", "belum-capai-20jp-2026-03.xlsx",
		"template-pegawai.xlsx", "template-kehadiran.xlsx"}
	for _, path := range xlsxs {
		n := checkXLSX(t, rel(path), path)
		if n == 0 && slices.Contains(reaches, filepath.Base(path)) {
			t.Errorf("%s: no cell holds hostile text; the test does not reach it", rel(path))
		}
	}
	var receipts, lists int
	for _, path := range xlsxs {
		switch {
		case strings.HasSuffix(path, ".receipt.xlsx"):
			receipts++
		case strings.Contains(path, "belum-capai-20jp-"):
			lists++
		}
	}
	if receipts != 10 || lists != 2 {
		t.Errorf("found %d receipts and %d agency lists; want 10 and 2 (March, when the rosters are)", receipts, lists)
	}

	// HTML: the hostile markup is there, escaped, never as markup.
	var report string
	for _, path := range htmls {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		checkHTML(t, rel(path), string(b))
		if strings.HasSuffix(path, "laporan-2026-03.html") {
			report = path
			for _, want := range []string{`&lt;script&gt;alert(1)&lt;/script&gt;`, `\u003c/script\u003e\u003cimg src=x onerror=alert(1)\u003e`} {
				if !bytes.Contains(b, []byte(want)) {
					t.Errorf("%s lacks the escaped hostile text %q", rel(path), want)
				}
			}
		}
	}
	if report == "" {
		t.Fatal("no laporan-2026-03.html written")
	}

	// pantau query --format csv over every view and every metric table,
	// including the private person_progress.
	queries := map[string][]string{
		"pegawai":      {"nama", "unit_kerja", "jabatan", "unit_layanan"},
		"kehadiran":    {"nama", "nama_pelatihan", "penyelenggara"},
		"evaluasi":     {"nama"},
		"survei":       {"unit_code", "jenis_layanan", "pendidikan", "pekerjaan", "saran"},
		"kabupaten":    {"district_name"},
		"instansi":     {"agency_name"},
		"unit_layanan": {"unit_code", "unit_name", "service_types"},
		"uploads":      {"file"},
	}
	for _, name := range transform.TableNames() {
		if _, ok := queries[name]; !ok {
			queries[name] = nil
		}
	}
	queries["person_progress"] = []string{"nama", "unit_kerja"}
	queries["ikm_group"] = []string{"code", "name"}
	for view, cols := range queries {
		out.Reset()
		if err := runQuery(e, []string{"SELECT * FROM " + view, "--period", "2026-03", "--format", "csv"}); err != nil {
			t.Fatalf("query %s: %v", view, err)
		}
		got := checkCSV(t, "query "+view, out.Bytes())
		for _, c := range cols {
			if !got[c] {
				t.Errorf("query %s: column %s holds no guarded hostile text; columns with it: %v", view, c, keys(got))
			}
		}
	}
	// Column names can come from data too (PIVOT), and text can start with
	// a tab; numbers, negative ones too, and a lone "-" stay as they are.
	out.Reset()
	err = runQuery(e, []string{`SELECT chr(9) || '=1' AS tab, chr(13) || '=1' AS cr, -10.5 AS neg, '-10.5' AS neg_text,
 '-' AS dash, '+62 812' AS phone, CAST(-3 AS INTEGER) AS i FROM range(1)`, "--format", "csv"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "tab,cr,neg,neg_text,dash,phone,i\n'\t=1,\"'\r=1\",-10.5,-10.5,-,'+62 812,-3\n"; got != want {
		t.Errorf("query csv = %q; want %q", got, want)
	}
	out.Reset()
	if err := runQuery(e, []string{"PIVOT (SELECT jenis_layanan FROM survei) ON jenis_layanan", "--format", "csv"}); err != nil {
		t.Fatal(err)
	}
	checkCSV(t, "query pivot", out.Bytes())

	checkReportTooltips(t, report)
}

// checkCSV fails on every field of a CSV file (the header too) that a
// spreadsheet would run as a formula, and returns the columns that hold
// text guarded with a leading apostrophe.
func checkCSV(t *testing.T, name string, b []byte) map[string]bool {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return nil
	}
	cols := map[string]bool{}
	bad := 0
	for i, rec := range recs {
		for j, f := range rec {
			if liveFormula(f) {
				if bad++; bad <= 3 {
					t.Errorf("%s row %d field %d = %q: a spreadsheet runs it as a formula", name, i+1, j+1, f)
				}
			}
			if i > 0 && j < len(recs[0]) && len(f) > 1 && f[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(f[1])) {
				cols[recs[0][j]] = true
			}
		}
	}
	if bad > 3 {
		t.Errorf("%s: %d fields in all would run as formulas", name, bad)
	}
	return cols
}

// checkXLSX reads every part of a workbook as XML: a sheet may hold no
// formula at all, and no cell that is not a string cell may hold hostile
// text or look like a formula; no formula anywhere else (charts, data
// validations, defined names) may carry hostile text. It returns the
// number of string cells with hostile text.
func checkXLSX(t *testing.T, name, path string) int {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return 0
	}
	defer zr.Close()
	var shared []string
	type cellXML struct {
		R string `xml:"r,attr"`
		T string `xml:"t,attr"`
		F *struct {
			Text string `xml:",chardata"`
		} `xml:"f"`
		V  string `xml:"v"`
		IS struct {
			T []string `xml:"t"`
			R []struct {
				T string `xml:"t"`
			} `xml:"r"`
		} `xml:"is"`
	}
	var cells []cellXML
	var sheetOf []string
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(zf.Name, ".xml") && !strings.HasSuffix(zf.Name, ".rels") {
			continue
		}
		dec := xml.NewDecoder(bytes.NewReader(b))
		sheet := strings.HasPrefix(zf.Name, "xl/worksheets/")
		var si *strings.Builder
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s %s: %v", name, zf.Name, err)
				break
			}
			se, ok := tok.(xml.StartElement)
			if !ok {
				if ee, ok := tok.(xml.EndElement); ok && ee.Name.Local == "si" && si != nil {
					shared = append(shared, si.String())
					si = nil
				}
				if cd, ok := tok.(xml.CharData); ok && si != nil {
					si.Write(cd)
				}
				continue
			}
			switch {
			case zf.Name == "xl/sharedStrings.xml" && se.Name.Local == "si":
				si = &strings.Builder{}
			case sheet && se.Name.Local == "c":
				var c cellXML
				if err := dec.DecodeElement(&c, &se); err != nil {
					t.Errorf("%s %s: %v", name, zf.Name, err)
				}
				cells = append(cells, c)
				sheetOf = append(sheetOf, zf.Name)
			case strings.HasPrefix(se.Name.Local, "formula") || se.Name.Local == "f" || se.Name.Local == "definedName":
				var text string
				if err := dec.DecodeElement(&text, &se); err != nil {
					t.Errorf("%s %s: %v", name, zf.Name, err)
				}
				if hasMarker(text) {
					t.Errorf("%s %s: <%s> %q carries hostile text", name, zf.Name, se.Name.Local, text)
				}
			}
		}
	}
	n := 0
	for i, c := range cells {
		where := fmt.Sprintf("%s %s!%s", name, filepath.Base(sheetOf[i]), c.R)
		if c.F != nil {
			t.Errorf("%s is a formula cell (%q)", where, c.F.Text)
		}
		var text string
		switch c.T {
		case "s":
			k, err := strconv.Atoi(c.V)
			if err != nil || k >= len(shared) {
				t.Errorf("%s: shared string %q out of range", where, c.V)
				continue
			}
			text = shared[k]
		case "inlineStr":
			text = strings.Join(c.IS.T, "")
			for _, r := range c.IS.R {
				text += r.T
			}
		case "", "n", "b", "d":
			if hasMarker(c.V) || liveFormula(c.V) {
				t.Errorf("%s: %s cell %q is not a string cell", where, c.T, c.V)
			}
			continue
		default: // "str" (a formula's result) and "e" (an error) have no place here
			t.Errorf("%s: cell type %q (%q)", where, c.T, c.V)
			continue
		}
		if hasMarker(text) {
			n++
		}
	}
	return n
}

// checkHTML fails when the hostile markup appears unescaped.
func checkHTML(t *testing.T, name, page string) {
	t.Helper()
	for _, raw := range []string{"<script>alert(1)", "<img src=x", "onerror=alert(1)>"} {
		if i := strings.Index(page, raw); i >= 0 {
			t.Errorf("%s holds unescaped markup %q at byte %d: …%s…", name, raw, i, page[max(0, i-80):min(len(page), i+80)])
		}
	}
}

// checkReportTooltips opens the report in headless Chromium, shows the
// tooltip of every data item of every chart (the place where ECharts puts
// category names into HTML) and fails when any hostile markup became an
// element or ran.
func checkReportTooltips(t *testing.T, path string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	bctx, bcancel, err := reports.NewBrowser(ctx, "")
	if err != nil {
		t.Fatalf("NewBrowser: %v", err)
	}
	defer bcancel()
	u, err := reports.FileURL(path)
	if err != nil {
		t.Fatal(err)
	}
	ready := chromedp.Poll[chromedp.Void](`document.documentElement.hasAttribute("data-charts-ready")`,
		chromedp.WithPollingTimeout(30*time.Second))
	// alert is replaced before the page's own scripts run, so a payload
	// that runs is counted, not a dialog that blocks the page.
	countAlerts := chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `window.pantauProbe = {tips: 0, alerts: 0, images: 0, scripts: 0}; window.alert = function () { window.pantauProbe.alerts++; };`})
		return err
	})
	if err := chromedp.Do(bctx, countAlerts, chromedp.Navigate(u), ready); err != nil {
		t.Fatalf("open %s: %v", u, err)
	}
	type probe struct {
		Tips    int `json:"tips"`
		Alerts  int `json:"alerts"`
		Images  int `json:"images"`
		Scripts int `json:"scripts"`
	}
	got, err := chromedp.Run(bctx, chromedp.Evaluate[probe](`(function () {
  var alerts = 0, tips = 0, images = 0;
  window.alert = function () { alerts++; };
  var count = function () { images = Math.max(images, document.querySelectorAll("img").length); };
  Object.keys(window.pantauCharts).forEach(function (id) {
    var ch = window.pantauCharts[id], o = ch.getOption();
    (o.series || []).forEach(function (s, si) {
      var n = (s.data || []).length;
      for (var i = 0; i < n; i++) {
        ch.dispatchAction({type: "showTip", seriesIndex: si, dataIndex: i});
        tips++;
        count();
      }
    });
  });
  return {tips: tips, alerts: alerts, images: images, scripts: document.querySelectorAll("script").length};
})()`))
	if err != nil {
		t.Fatalf("probe tooltips: %v", err)
	}
	if got.Tips == 0 || got.Alerts != 0 || got.Images != 0 || got.Scripts != 2 {
		t.Errorf("report in Chromium: %d tooltips shown, %d alerts ran, %d img elements, %d script elements; "+
			"want tooltips, no alert, no img, the page's 2 scripts", got.Tips, got.Alerts, got.Images, got.Scripts)
	}
}

// receiptReasons is the summary sheet of every receipt, for a failure message.
func receiptReasons(t *testing.T, dir lake.Dir) string {
	var b strings.Builder
	paths, _ := filepath.Glob(filepath.Join(string(dir), "outbox", "*", "*.receipt.xlsx"))
	for _, p := range paths {
		f, err := excelize.OpenFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows("Ringkasan")
		f.Close()
		fmt.Fprintf(&b, "%s: %q\n", filepath.Base(p), rows)
	}
	return b.String()
}

// columnValues is the distinct values of column name of a CSV file.
func columnValues(t *testing.T, b []byte, name string) []string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("read csv: %v", err)
	}
	j := slices.Index(recs[0], name)
	if j < 0 {
		t.Fatalf("csv has no column %s: %q", name, recs[0])
	}
	var out []string
	for _, r := range recs[1:] {
		if !slices.Contains(out, r[j]) {
			out = append(out, r[j])
		}
	}
	sort.Strings(out)
	return out
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
