package reports

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/transform"
)

func writeSummary(t *testing.T, d *data, lang string) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	sw := newSummaryWriter(&buf, lang)
	sw.WriteSummary(d, headlineOf(d), nil)
	if err := sw.Close(); err != nil {
		t.Fatalf("WriteSummary: %v", err)
	}
	raw := append([]byte(nil), buf.Bytes()...)
	writeOut(t, "ringkasan-fixture-"+lang+".xlsx", raw)
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("reopen summary: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, raw
}

// TestSummaryWorkbook reopens the small fixture's summary and checks it
// cell by cell.
func TestSummaryWorkbook(t *testing.T) {
	f, xlsx := writeSummary(t, smallData(), "id")
	wantSheets := []string{"Ringkasan", "Kabupaten", "Instansi", "Tren Cakupan", "Perhatian", "IKM Unit", "IKM Kelompok",
		"Tren IKM", "Unsur IKM", "Predikat", "Tindak Lanjut", "Dampak", "Kelengkapan", "Data Pivot", "Angka Grafik"}
	if diff := cmp.Diff(wantSheets, f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	raw := func(sheet, cell string) string {
		v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("GetCellValue(%s!%s): %v", sheet, cell, err)
		}
		return v
	}
	cells := []struct{ sheet, cell, want string }{
		{"Ringkasan", "A1", "Laporan Bulanan Pengembangan Kompetensi dan Pelayanan ASN — Provinsi Maluku"},
		{"Ringkasan", "B2", "Oktober 2026"},
		{"Ringkasan", "B3", "5 November 2026 07.00 WIT"},
		{"Ringkasan", "A5", "Indikator"},
		{"Ringkasan", "A6", "ASN aktif"},
		{"Ringkasan", "B6", "1000"},
		{"Ringkasan", "C6", "1000"}, // September from coverage_trend: 990 + 10
		{"Ringkasan", "D6", "0"},
		{"Ringkasan", "A8", "Sesuai jalur menuju 20 JP"},
		{"Ringkasan", "B8", "0.6"},
		{"Ringkasan", "B10", "14.25"}, // JP per ASN
		{"Ringkasan", "B11", "81.37"}, // province IKM
		{"Ringkasan", "B12", "0.6"},   // follow-up 9/15
		{"Ringkasan", "B13", "11"},    // uploads received
		{"Ringkasan", "B14", "12"},    // expected
		{"Kabupaten", "A1", "Kode kab/kota"},
		{"Kabupaten", "J1", "% sesuai jalur"},
		{"Kabupaten", "A4", "81.07"},
		{"Kabupaten", "B4", "Kab. Kepulauan Aru"},
		{"Kabupaten", "C4", "Ya"},
		{"Kabupaten", "D4", "200"},
		{"Kabupaten", "J4", "0.3"},
		{"Instansi", "B4", xss}, // hostile text is a plain string
		{"IKM Unit", "B4", xss},
		{"IKM Unit", "I3", "74.5"},
		{"IKM Unit", "J3", "C"},
		{"Kelengkapan", "A1", "Kode instansi"},
		{"Kelengkapan", "E13", "tidak ada"}, // Aru survei, the last row
	}
	for _, c := range cells {
		if got := raw(c.sheet, c.cell); got != c.want {
			t.Errorf("%s!%s = %q; want %q", c.sheet, c.cell, got, c.want)
		}
	}
	for _, sc := range []struct{ sheet, cell string }{{"Instansi", "B4"}, {"IKM Unit", "B4"}} {
		if fm, _ := f.GetCellFormula(sc.sheet, sc.cell); fm != "" {
			t.Errorf("%s!%s has formula %q; want a string", sc.sheet, sc.cell, fm)
		}
	}
	// Frozen header, autofilter and a red rule on the on-track share.
	panes, err := f.GetPanes("Kabupaten")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("Kabupaten panes = %+v, %v; want frozen first row", panes, err)
	}
	cf, err := f.GetConditionalFormats("Kabupaten")
	if err != nil || len(cf["J2:J4"]) != 1 || cf["J2:J4"][0].Value != "0.5" {
		t.Errorf("Kabupaten conditional formats = %+v, %v; want J2:J4 < 0.5", cf, err)
	}
	// Three native charts: Ringkasan (on track by district), Tren Cakupan, Tren IKM.
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		t.Fatal(err)
	}
	charts := 0
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			charts++
		}
	}
	if charts != 3 {
		t.Errorf("workbook has %d charts; want 3", charts)
	}
	// The summary never holds NIPs or names.
	for _, name := range f.GetSheetList() {
		rows, _ := f.GetRows(name)
		for _, r := range rows {
			for _, v := range r {
				if v == "198609262015051001" || v == "Maria Latuconsina" {
					t.Errorf("sheet %s holds personal data %q", name, v)
				}
			}
		}
	}
}

// TestAgencyList checks an agency's own list: names and NIPs as strings,
// a formula-looking name kept as text.
func TestAgencyList(t *testing.T) {
	f := agencyListFixture(t)
	rows, err := f.GetRows("Belum Sesuai Jalur", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	// October: track = 20 × 10 / 12 = 16,67 JP; JP 0 → short 16,67 and 20.
	want := [][]string{
		{"NIP", "Nama", "Unit kerja", "Kabupaten/kota", "JP tahun berjalan", "Kekurangan JP untuk jalur", "Kekurangan JP untuk 20 JP"},
		{"198512312010011003", `=HYPERLINK("http://x")`, xss, "Kab. Kepulauan Aru", "0", "16.67", "20"},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("agency list (-want +got):\n%s", diff)
	}
	if fm, _ := f.GetCellFormula("Belum Sesuai Jalur", "B2"); fm != "" {
		t.Errorf("B2 has formula %q; want a string", fm)
	}
}

// TestWorkbookLanguage renders a month as `pantau report` does, by default
// and with --lang en, and reopens the summary and an agency list: the
// summary's sheet names, headers and words follow the language (codes stay
// as in the CSVs); the agency list, sent to the agency's outbox, is
// Indonesian either way, like the receipts and reminders there.
func TestWorkbookLanguage(t *testing.T) {
	tests := []struct {
		lang   string
		sheets []string
		cells  []struct{ sheet, cell, want string }
	}{
		{"", []string{"Ringkasan", "Kabupaten", "Instansi", "Tren Cakupan", "Perhatian", "IKM Unit", "IKM Kelompok",
			"Tren IKM", "Unsur IKM", "Predikat", "Tindak Lanjut", "Dampak", "Kelengkapan", "Data Pivot", "Angka Grafik"},
			[]struct{ sheet, cell, want string }{
				{"Ringkasan", "A5", "Indikator"},
				{"Kabupaten", "A1", "Kode kab/kota"},
				{"IKM Kelompok", "C2", "Provinsi"},
				{"Tren IKM", "C2", "Provinsi"},
				{"Kelengkapan", "C2", "pegawai"}, // a code, as in completeness.csv
				{"Kelengkapan", "E2", "diterima"},
				{"Kelengkapan", "E8", "diterima sebagian"},
				{"Kelengkapan", "E13", "tidak ada"},
				{"Kelengkapan", "G7", "Ya"},
			}},
		{"en", []string{"Summary", "Districts", "Agencies", "Coverage Trend", "Attention", "IKM Units", "IKM Groups",
			"IKM Trend", "IKM Elements", "Ratings", "Follow-up", "Impact", "Completeness", "Pivot Data", "Chart Data"},
			[]struct{ sheet, cell, want string }{
				{"Summary", "A5", "Indicator"},
				{"Districts", "A1", "District code"},
				{"IKM Groups", "C2", "Province"},
				{"IKM Trend", "C2", "Province"},
				{"Completeness", "C2", "pegawai"},
				{"Completeness", "E2", "received"},
				{"Completeness", "E8", "partly accepted"},
				{"Completeness", "E13", "missing"},
				{"Completeness", "G7", "Yes"},
			}},
	}
	for _, tt := range tests {
		t.Run("lang="+tt.lang, func(t *testing.T) {
			dir := lake.Dir(t.TempDir())
			if err := dir.Init(); err != nil {
				t.Fatal(err)
			}
			d := smallData()
			log := slog.New(slog.NewTextHandler(io.Discard, nil))
			out, err := render(context.Background(), dir, d, Options{Params: transform.DefaultParams(d.Period), Lang: tt.lang,
				Now: time.Date(2026, 11, 11, 7, 0, 0, 0, domain.WIT)}, log)
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			f, err := excelize.OpenFile(out.XLSX)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if diff := cmp.Diff(tt.sheets, f.GetSheetList()); diff != "" {
				t.Errorf("summary sheets (-want +got):\n%s", diff)
			}
			for _, c := range tt.cells {
				if got, err := f.GetCellValue(c.sheet, c.cell); err != nil || got != c.want {
					t.Errorf("%s!%s = %q, %v; want %q", c.sheet, c.cell, got, err, c.want)
				}
			}
			if len(out.Agencies) == 0 {
				t.Fatal("no agency lists written")
			}
			for _, a := range out.Agencies {
				af, err := excelize.OpenFile(a)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff([]string{"Belum Sesuai Jalur", "Keterangan"}, af.GetSheetList()); diff != "" {
					t.Errorf("%s sheets (-want +got):\n%s", a, diff)
				}
				if got, _ := af.GetCellValue("Belum Sesuai Jalur", "D1"); got != "Kabupaten/kota" {
					t.Errorf("%s D1 = %q; want Kabupaten/kota", a, got)
				}
				af.Close()
			}
		})
	}
}

// TestSheetNameLabels: every sheet name a workbook uses is a valid Excel
// sheet name in both languages (at most 31 characters, none of : \ / ? * [ ]).
func TestSheetNameLabels(t *testing.T) {
	for k, v := range labels {
		if !strings.HasPrefix(k, "sheet.") && k != "xlsx.summary" && k != "xlsx.list" && k != "xlsx.about" {
			continue
		}
		for _, name := range v {
			if n := utf8.RuneCountInString(name); n == 0 || n > 31 || strings.ContainsAny(name, `:\/?*[]`) {
				t.Errorf("label %s = %q: not a valid Excel sheet name", k, name)
			}
		}
	}
}
