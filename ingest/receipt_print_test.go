package ingest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// keepReceipt writes a test's receipt to $PANTAU_RECEIPT_OUT, when set, to
// look at it as printed:
//
//	PANTAU_RECEIPT_OUT=$PWD/testdata-out/receipt go test ./ingest -run ReceiptPrint
//	libreoffice --headless --convert-to pdf --outdir testdata-out/receipt testdata-out/receipt/*.xlsx
//	pdftoppm -png -r 60 testdata-out/receipt/large.receipt.pdf testdata-out/receipt/large
func keepReceipt(t *testing.T, name string, b []byte) {
	t.Helper()
	if out := os.Getenv("PANTAU_RECEIPT_OUT"); out != "" {
		if err := os.WriteFile(filepath.Join(out, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReceiptPrint checks what an operator prints and edits: Baris Ditolak
// landscape, fit to the page's width, its header row on every page, frozen
// under the header; columns wide enough to read; a bad cell red with its
// reason as a comment; the NIP formatted as Text; a date from a serial as a
// date; Ringkasan on one portrait page.
func TestReceiptPrint(t *testing.T) {
	u := Read(bytes.NewReader(roundTripUpload(t)), Options{FileName: "kehadiran_2025-03.xlsx", Agency: "kota-ambon"})
	if u.Record != nil {
		u.Record.Release()
	}
	rc := &receipt{File: "kehadiran_2025-03.xlsx", Agency: "kota-ambon", AgencyName: "Pemerintah Kota Ambon", Status: u.Status,
		Kind: u.Kind, Period: "2025-03", Upload: u, Limit: 100, ReceivedAt: testDrop}
	var buf bytes.Buffer
	if err := writeReceipt(&buf, rc); err != nil {
		t.Fatal(err)
	}
	keepReceipt(t, "small.receipt.xlsx", buf.Bytes())
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := sheetProblems

	for _, tc := range []struct {
		sheet, orientation string
		fitHeight          int
	}{{sh, "landscape", 0}, {sheetSummary, "portrait", 1}} {
		pl, err := f.GetPageLayout(tc.sheet)
		if err != nil {
			t.Fatal(err)
		}
		if *pl.Orientation != tc.orientation || *pl.Size != 9 || *pl.FitToWidth != 1 || *pl.FitToHeight != tc.fitHeight {
			t.Errorf("%s page layout: %s, paper %d, fit %d wide × %d tall; want %s A4 (9), 1 × %d",
				tc.sheet, *pl.Orientation, *pl.Size, *pl.FitToWidth, *pl.FitToHeight, tc.orientation, tc.fitHeight)
		}
		props, err := f.GetSheetProps(tc.sheet)
		if err != nil || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page not enabled (%v)", tc.sheet, err)
		}
		m, err := f.GetPageMargins(tc.sheet)
		if err != nil || *m.Left > 0.5 || *m.Right > 0.5 || *m.Top > 0.6 || *m.Bottom > 0.6 {
			t.Errorf("%s margins: %v %v %v %v (%v); want at most 0.5 in at the sides", tc.sheet, *m.Left, *m.Right, *m.Top, *m.Bottom, err)
		}
	}
	var titles []string
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" {
			titles = append(titles, d.Scope+" "+d.RefersTo)
		}
	}
	if want := []string{sh + " 'Baris Ditolak'!$3:$3"}; !cmp.Equal(titles, want) {
		t.Errorf("print titles = %q; want %q", titles, want)
	}
	panes, err := f.GetPanes(sh)
	if err != nil || !panes.Freeze || panes.YSplit != rejectedHeaderRow {
		t.Errorf("panes = %+v, %v; want frozen under row %d", panes, err, rejectedHeaderRow)
	}

	// Row 4 is upload row 3 (its NIP typed as a number), row 5 upload row 5 (JP 0).
	rows, _ := f.GetRows(sh)
	if got := []string{rows[3][9], rows[4][9]}; !cmp.Equal(got, []string{"3", "5"}) {
		t.Fatalf("Baris asal = %q; want 3 and 5", got)
	}
	bad, jp := "A4", "G5"
	for _, c := range []string{bad, jp} {
		id, _ := f.GetCellStyle(sh, c)
		if s := styleOf(t, f, id); len(s.Fill.Color) == 0 || !strings.EqualFold(s.Fill.Color[0], badFill) {
			t.Errorf("%s fill = %+v; want %s (light red)", c, s.Fill, badFill)
		}
	}
	if id, _ := f.GetCellStyle(sh, "B4"); len(styleOf(t, f, id).Fill.Color) != 0 {
		t.Errorf("B4 (Nama, not wrong) is filled")
	}
	comments, err := f.GetComments(sh)
	if err != nil {
		t.Fatal(err)
	}
	byCell := map[string]string{}
	for _, c := range comments {
		byCell[c.Cell] = c.Text
		for _, p := range c.Paragraph {
			byCell[c.Cell] += p.Text
		}
	}
	if got := byCell[bad]; !strings.Contains(got, "NIP harus 18 digit") {
		t.Errorf("comment on %s = %q; want the NIP reason", bad, got)
	}
	if got := byCell[jp]; !strings.Contains(got, "JP harus lebih dari 0") {
		t.Errorf("comment on %s = %q; want the JP reason", jp, got)
	}
	if len(comments) != 2 {
		t.Errorf("comments = %d; want one per bad cell (2)", len(comments))
	}
	if got := rows[3][10]; !strings.Contains(got, "NIP harus 18 digit") {
		t.Errorf("Alasan of row 4 = %q; want the NIP reason", got)
	}
	// NIP cells, good or bad, are Text, so typed digits stay digits.
	for _, c := range []string{"A4", "A5"} {
		if id, _ := f.GetCellStyle(sh, c); styleOf(t, f, id).NumFmt != textFormat {
			t.Errorf("%s number format = %d; want %d (Text)", c, styleOf(t, f, id).NumFmt, textFormat)
		}
	}
	if got, _ := f.GetCellValue(sh, "A5"); got != testNIP(3) {
		t.Errorf("A5 = %q; want the NIP %s as written", got, testNIP(3))
	}
	// Tanggal Mulai was a date cell (a serial): a date again, shown day first.
	if got, _ := f.GetCellValue(sh, "E4"); got != "04/03/2025" {
		t.Errorf("E4 = %q; want 04/03/2025", got)
	}
	if raw, _ := f.GetCellValue(sh, "E4", excelize.Options{RawCellValue: true}); raw != itoa(int(daysFromCivil(2025, 3, 4))+excelEpoch) {
		t.Errorf("E4 raw = %q; want the serial of 4 March 2025", raw)
	}
	if typ, _ := f.GetCellType(sh, "E4"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("E4 type = %v; want a number (date) cell", typ)
	}
	// Tanggal Selesai was text: text still.
	if typ, _ := f.GetCellType(sh, "F4"); typ != excelize.CellTypeInlineString {
		t.Errorf("F4 type = %v; want the text date kept as text", typ)
	}
	for k, h := range rows[rejectedHeaderRow-1] {
		w, err := f.GetColWidth(sh, cell(k+1, 1)[:1])
		lo := float64(minColWidth)
		switch h {
		case "NIP":
			lo = 20 // 18 digits
		case colReason:
			lo = minReasonWidth
		}
		if err != nil || w < lo || w > maxReasonWidth {
			t.Errorf("column %s (%s) width %v (%v); want %v to %v", cell(k+1, 1)[:1], h, w, err, lo, maxReasonWidth)
		}
	}
	a, _ := f.GetColWidth(sheetSummary, "A")
	b, _ := f.GetColWidth(sheetSummary, "B")
	if a < 15 || b < 50 || a+b > 100 {
		t.Errorf("Ringkasan widths %v + %v; want labels and values side by side within a portrait page (≤ 100)", a, b)
	}
}

// TestReceiptPrintLarge: 30 rejected rows of a 12-column upload, listed one
// per row under the upload's headers, the wide text columns capped so that
// the sheet, fit to a landscape page's width, stays readable; every bad
// cell commented; Peringatan printed the same way.
func TestReceiptPrintLarge(t *testing.T) {
	header := []string{"No", "NIP", "Nama", "Kode Instansi", "Nama Pelatihan", "Jenis Pengembangan", "Kategori", "Penyelenggara",
		"Tanggal Mulai", "Tanggal Selesai", "JP", "Status Kehadiran"}
	u := &Upload{Kind: domain.Kehadiran, Period: domain.MustPeriod("2026-10"), Header: header,
		RowsRead: 400, RowsAccepted: 370, RowsRejected: 30, Raw: map[int][]string{}, Extra: []string{"No"}}
	serial := itoa(int(daysFromCivil(2026, 10, 5)) + excelEpoch)
	bad := 0
	for i := 0; i < 30; i++ {
		row := 5 + 3*i
		u.Raw[row] = []string{itoa(i + 1), testNIP(i), fmt.Sprintf("Maria Latuconsina %d, S.E.", i), "kota-ambon",
			"Pelayanan Prima Administrasi Kependudukan", "Bimbingan Teknis", "Pelayanan Publik", "BPSDM Provinsi Maluku",
			serial, "04/10/2026", "24", "Hadir"}
		u.Problems = append(u.Problems, &RowError{Row: row, Column: "Tanggal Selesai", Value: "04/10/2026", Err: errTestCause,
			Message: "Tanggal Selesai (04/10/2026) lebih awal dari Tanggal Mulai (05/10/2026); periksa urutan tanggal"})
		bad++
		if i%3 == 0 {
			u.Raw[row][1] = "1.98609262015051e+17"
			u.Problems = append(u.Problems, &RowError{Row: row, Column: "NIP", Value: "1.98609262015051e+17", Err: errTestCause,
				Message: "NIP harus 18 digit; kolom ini terbaca sebagai angka — format kolom sebagai Teks, lalu ketik ulang NIP lengkap"})
			bad++
		}
		if i%10 == 0 {
			u.Warnings = append(u.Warnings, &RowError{Row: row, Column: "Nama", Value: u.Raw[row][2], Err: ErrRoster,
				Message: "Nama \"" + u.Raw[row][2] + "\" berbeda dengan data pegawai (\"Maria Latuconsina\") untuk NIP " + testNIP(i)})
		}
	}
	rc := &receipt{File: "kehadiran_2026-10.xlsx", Agency: "kota-ambon", AgencyName: "Pemerintah Kota Ambon", Status: lake.Partial,
		Kind: u.Kind, Period: "2026-10", Upload: u, Limit: 100, ReceivedAt: testDrop,
		Month: "Ditambahkan ke data Oktober 2026; kini 2 berkas, 370 baris. Dikirim tepat waktu."}
	var buf bytes.Buffer
	if err := writeReceipt(&buf, rc); err != nil {
		t.Fatal(err)
	}
	keepReceipt(t, "large.receipt.xlsx", buf.Bytes())
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := sheetProblems
	rows, _ := f.GetRows(sh)
	if got := len(rows) - rejectedHeaderRow; got != 30 {
		t.Errorf("rows listed = %d; want 30, one per rejected row", got)
	}
	if got := rows[rejectedHeaderRow-1]; !cmp.Equal(got, append(append([]string(nil), header...), colSourceRow, colReason)) {
		t.Errorf("header = %q; want the upload's, then %s and %s", got, colSourceRow, colReason)
	}
	comments, _ := f.GetComments(sh)
	if len(comments) != bad {
		t.Errorf("comments = %d; want one per bad cell (%d)", len(comments), bad)
	}
	total := 0.0
	for k := range rows[rejectedHeaderRow-1] {
		name, _ := excelize.ColumnNumberToName(k + 1)
		w, _ := f.GetColWidth(sh, name)
		total += w
		if k < len(header) && w > maxColWidth {
			t.Errorf("column %s width %v; want at most %v", name, w, maxColWidth)
		}
	}
	// Landscape A4 holds about 150 digit widths at 100 %: 240 prints at 62 % or more.
	if total > 240 {
		t.Errorf("total width %v; want at most 240, for a readable print fit to the page's width", total)
	}
	// Tanggal Mulai, from serials, is a date; Tanggal Selesai, written as text, text.
	if got, _ := f.GetCellValue(sh, "I4"); got != "05/10/2026" {
		t.Errorf("I4 = %q; want 05/10/2026", got)
	}
	for _, sheet := range []string{sh, sheetWarnings} {
		pl, _ := f.GetPageLayout(sheet)
		if *pl.Orientation != "landscape" || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
			t.Errorf("%s page layout: %s, %d × %d; want landscape, 1 page wide", sheet, *pl.Orientation, *pl.FitToWidth, *pl.FitToHeight)
		}
	}
	var titles []string
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" {
			titles = append(titles, d.Scope+" "+d.RefersTo)
		}
	}
	if want := []string{sh + " 'Baris Ditolak'!$3:$3", sheetWarnings + " 'Peringatan'!$1:$1"}; !cmp.Equal(titles, want) {
		t.Errorf("print titles = %q; want %q", titles, want)
	}
	if got, _ := f.GetCellValue(sheetSummary, "A1"); got != rc.Month {
		t.Errorf("Ringkasan A1 = %q; want the month sentence", got)
	}
	if strings.Contains(fmt.Sprint(rows), "pantau template") {
		t.Errorf("Baris Ditolak mentions pantau template")
	}
}
