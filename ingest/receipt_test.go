package ingest

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

var errTestCause = errors.New("test cause")

// summaryOf is the Ringkasan of a receipt as label → value.
func summaryOf(t *testing.T, f *excelize.File) map[string]string {
	t.Helper()
	rows, err := f.GetRows(sheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range rows {
		if len(r) == 2 {
			out[r[0]] = r[1]
		}
	}
	return out
}

// TestReceiptCells writes a partial-acceptance receipt and reopens it with
// excelize: the summary, the rejected row laid out under the upload's own
// headers with its row number and reason beside it, the warnings, and text
// that looks like a formula stored as text.
func TestReceiptCells(t *testing.T) {
	formula := `=HYPERLINK("http://contoh.invalid","klik")`
	nipMsg := "NIP harus 18 digit; kolom ini terbaca sebagai angka — format kolom sebagai Teks"
	u := &Upload{
		Kind: domain.Kehadiran, Period: domain.MustPeriod("2026-10"),
		Header:   []string{"NIP", "Nama", "JP"},
		Extra:    []string{"Catatan Pribadi"},
		Notes:    []string{"Kolom U8/U9 dipetakan menurut nama unsur."},
		RowsRead: 3, RowsAccepted: 2, RowsRejected: 1,
		Problems: []*RowError{{Row: 7, Column: "NIP", Value: "1.98609262015051e+17", Err: errTestCause, Message: nipMsg}},
		Warnings: []*RowError{{Row: 5, Column: "Nama", Value: "+62 Budi", Err: errTestCause, Message: "Nama berbeda dengan data pegawai."}},
		Raw:      map[int][]string{7: {"1.98609262015051e+17", formula, "-8"}},
	}
	rc := &receipt{File: "kehadiran_2026-10.xlsx", Agency: "kota-ambon", AgencyName: "Pemerintah Kota Ambon", Status: lake.Partial,
		Kind: u.Kind, Period: "2026-10", ReceivedAt: time.Date(2026, 11, 3, 1, 5, 0, 0, time.UTC), Upload: u, Limit: 100,
		Month: "Ditambahkan ke data Oktober 2026; kini 2 berkas, 23 baris."}
	var buf bytes.Buffer
	if err := writeReceipt(&buf, rc); err != nil {
		t.Fatalf("writeReceipt: %v", err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("reopen receipt: %v", err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{sheetSummary, sheetProblems, sheetWarnings}; !cmp.Equal(got, want) {
		t.Errorf("sheets = %q; want %q", got, want)
	}
	if got := f.GetActiveSheetIndex(); got != 1 {
		t.Errorf("active sheet = %d; want 1 (%s, the rows to correct)", got, sheetProblems)
	}
	// What happened to the month comes first, bold, then the status sentence.
	for c, want := range map[string]string{"A1": rc.Month, "A2": statusSentence(rc)} {
		if got, _ := f.GetCellValue(sheetSummary, c); got != want {
			t.Errorf("Ringkasan %s = %q; want %q", c, got, want)
		}
	}
	if id, _ := f.GetCellStyle(sheetSummary, "A1"); !styleOf(t, f, id).Font.Bold {
		t.Errorf("Ringkasan A1 (the month sentence) is not bold")
	}
	summary := summaryOf(t, f)
	for label, want := range map[string]string{
		"Berkas": "kehadiran_2026-10.xlsx", "Instansi": "Pemerintah Kota Ambon (kota-ambon)", "Status": "diterima sebagian",
		"Jenis data": domain.Kehadiran.Label(), "Periode": "2026-10 (Oktober 2026)",
		"Diterima pada": "03/11/2026 10.05 WIT", // 01:05 UTC is 10:05 WIT (UTC+9)
		"Baris dibaca":  "3", "Baris diterima": "2", "Baris ditolak": "1",
		"Catatan": "Kolom U8/U9 dipetakan menurut nama unsur.", "Kolom diabaikan": "Catatan Pribadi",
	} {
		if got := summary[label]; got != want {
			t.Errorf("Ringkasan %q = %q; want %q", label, got, want)
		}
	}
	if got, ok := summary["Template kosong"]; ok {
		t.Errorf("partial receipt points to the templates (%q); want that only when the file is rejected whole", got)
	}
	got, err := f.GetRows(sheetProblems)
	if err != nil {
		t.Fatal(err)
	}
	title, note := rejectedTitle(rc, true, true)
	want := [][]string{
		{title},
		{note},
		{"NIP", "Nama", "JP", colSourceRow, colReason},
		{"1.98609262015051e+17", formula, "-8", "7", nipMsg},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Baris Ditolak (-want +got):\n%s", diff)
	}
	if want := "Kehadiran Pelatihan Oktober 2026 — baris ditolak. Betulkan sel yang merah, lalu kirim berkas ini sebagai tambahan."; title != want {
		t.Errorf("title = %q; want %q", title, want)
	}
	// The formula-looking value is a string cell, not a formula.
	if fm, err := f.GetCellFormula(sheetProblems, "B4"); err != nil || fm != "" {
		t.Errorf("GetCellFormula(B4) = %q, %v; want no formula", fm, err)
	}
	if typ, err := f.GetCellType(sheetProblems, "B4"); err != nil || typ != excelize.CellTypeInlineString {
		t.Errorf("GetCellType(B4) = %v, %v; want inline string", typ, err)
	}
	warn, err := f.GetRows(sheetWarnings)
	if err != nil {
		t.Fatal(err)
	}
	wantWarn := [][]string{{"Baris", "Kolom", "Nilai", "Alasan"}, {"5", "Nama", "+62 Budi", "Nama berbeda dengan data pegawai."}}
	if diff := cmp.Diff(wantWarn, warn); diff != "" {
		t.Errorf("Peringatan (-want +got):\n%s", diff)
	}
}

// styleOf is the style with id in f.
func styleOf(t *testing.T, f *excelize.File, id int) *excelize.Style {
	t.Helper()
	s, err := f.GetStyle(id)
	if err != nil {
		t.Fatalf("GetStyle(%d): %v", id, err)
	}
	if s.Font == nil {
		s.Font = &excelize.Font{}
	}
	// excelize gives a fill's colour only through the workbook's theme,
	// and a receipt has none (Excel and LibreOffice take the colour as
	// written): read it from the styles part.
	if (len(s.Fill.Color) == 0 || s.Fill.Color[0] == "") && f.Styles != nil && f.Styles.CellXfs != nil && id < len(f.Styles.CellXfs.Xf) {
		if fill := f.Styles.CellXfs.Xf[id].FillID; fill != nil && f.Styles.Fills != nil && *fill < len(f.Styles.Fills.Fill) {
			if p := f.Styles.Fills.Fill[*fill].PatternFill; p != nil && p.FgColor != nil && p.FgColor.RGB != "" {
				s.Fill.Color = []string{strings.TrimPrefix(p.FgColor.RGB, "FF")}
			}
		}
	}
	return s
}

// TestReceiptOneLinePerRow: a row with several problems is one line, each
// bad cell marked with its own reasons, all of them in Alasan; problems of
// no row come after, with their reason only.
func TestReceiptOneLinePerRow(t *testing.T) {
	u := &Upload{
		Kind: domain.Kehadiran, Header: []string{"NIP", "Tanggal Mulai", "Tanggal Selesai", "JP"},
		RowsRead: 40, RowsAccepted: 39, RowsRejected: 1,
		Problems: []*RowError{
			{Row: 9, Column: "JP", Value: "0", Err: errTestCause, Message: "JP harus lebih dari 0"},
			{Row: 9, Column: "Tanggal Selesai", Value: "45717", Err: errTestCause, Message: "Tanggal Selesai di luar periode"},
			{Row: 9, Column: "JP", Value: "0", Err: errTestCause, Message: "JP harus lebih dari 0"},
		},
		Raw: map[int][]string{9: {"198609262015051001", "45716", "45717", "0"}},
	}
	rs := layoutRejected(&receipt{Status: lake.Partial, Kind: domain.Kehadiran, Period: "2025-02", Upload: u, Limit: 10})
	if len(rs.lines) != 1 {
		t.Fatalf("lines = %d; want 1 (one per rejected row)", len(rs.lines))
	}
	l := rs.lines[0]
	wantBad := map[int]string{2: "Tanggal Selesai di luar periode", 3: "JP harus lebih dari 0"}
	if diff := cmp.Diff(wantBad, l.bad); diff != "" {
		t.Errorf("bad cells (-want +got):\n%s", diff)
	}
	if want := "JP harus lebih dari 0\nTanggal Selesai di luar periode"; l.reason != want {
		t.Errorf("reason = %q; want %q", l.reason, want)
	}
	if want := []cellKind{cellTextKind, cellDateKind, cellDateKind, cellNumberKind}; !cmp.Equal(rs.kinds, want) {
		t.Errorf("kinds = %v; want %v (NIP text, dates, JP a number)", rs.kinds, want)
	}
	if rs.more != "" {
		t.Errorf("more = %q; want none", rs.more)
	}
}

// TestReceiptLimit lists at most Limit rows and says, where the reader
// ignores it, how many more there are.
func TestReceiptLimit(t *testing.T) {
	u := &Upload{Header: []string{"NIP"}, RowsRejected: 5}
	for i := 0; i < 5; i++ {
		u.Problems = append(u.Problems, &RowError{Row: 10 + i, Column: "NIP", Value: "x", Err: errTestCause, Message: "salah"},
			&RowError{Row: 10 + i, Column: "NIP", Value: "x", Err: errTestCause, Message: "juga salah"})
	}
	var buf bytes.Buffer
	if err := writeReceipt(&buf, &receipt{File: "a.xlsx", Status: lake.Rejected, Reason: "=1+1", Upload: u, Limit: 2}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(sheetProblems)
	if len(rows) != rejectedHeaderRow+3 {
		t.Fatalf("rows = %q; want title, note, header, 2 rows and the 'dan 3 baris' line", rows)
	}
	last := rows[len(rows)-1]
	if got, want := last[len(last)-1], moreRowsLine(3, false); len(last) != 3 || got != want {
		t.Errorf("last line = %q; want only %q, in the Alasan column", last, want)
	}
	if got := rows[rejectedHeaderRow][2]; got != "salah\njuga salah" {
		t.Errorf("first row's Alasan = %q; want both reasons", got)
	}
	if reason := summaryOf(t, f)["Alasan"]; reason != "=1+1" {
		t.Errorf("Alasan = %q; want the text =1+1", reason)
	}
	if got, want := summaryOf(t, f)["Template kosong"], "di folder template/ di samping tanda terima ini: "+
		"template-<jenis>.xlsx (pegawai, kehadiran, evaluasi, survei)"; got != want {
		t.Errorf("Template kosong = %q; want %q", got, want)
	}
	summary, _ := f.GetRows(sheetSummary)
	for r := range summary {
		for _, c := range []string{cell(1, r+1), cell(2, r+1)} {
			if fm, _ := f.GetCellFormula(sheetSummary, c); fm != "" {
				t.Errorf("GetCellFormula(%s) = %q; want none", c, fm)
			}
		}
	}
}

// TestReceiptSheets: a sheet with nothing to list is left out (it would
// print an empty page); the receipt opens on Baris Ditolak only when its
// rows are to be corrected and sent back.
func TestReceiptSheets(t *testing.T) {
	bad := &Upload{Header: []string{"NIP"}, RowsRejected: 1,
		Problems: []*RowError{{Row: 2, Column: "NIP", Value: "x", Err: errTestCause, Message: "salah"}}, Raw: map[int][]string{2: {"x"}}}
	warned := &Upload{Header: []string{"NIP"}, Warnings: bad.Problems}
	for _, tc := range []struct {
		name   string
		r      *receipt
		sheets []string
		active int
	}{
		{"accepted", &receipt{Status: lake.Accepted, Upload: &Upload{}}, []string{sheetSummary}, 0},
		{"rejected whole", &receipt{Status: lake.Rejected, Reason: "Judul kolom tidak dikenali"}, []string{sheetSummary}, 0},
		{"accepted with warnings", &receipt{Status: lake.Accepted, Upload: warned}, []string{sheetSummary, sheetWarnings}, 0},
		{"partial", &receipt{Status: lake.Partial, Upload: bad}, []string{sheetSummary, sheetProblems}, 1},
		{"too many bad rows", &receipt{Status: lake.Rejected, Upload: bad}, []string{sheetSummary, sheetProblems}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := writeReceipt(&buf, tc.r); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if got := f.GetSheetList(); !cmp.Equal(got, tc.sheets) {
				t.Errorf("sheets = %q; want %q", got, tc.sheets)
			}
			if got := f.GetActiveSheetIndex(); got != tc.active {
				t.Errorf("active sheet = %d; want %d", got, tc.active)
			}
		})
	}
}

// TestReceiptSentences: a partial receipt says to correct the rows in the
// receipt and send it back as "tambahan"; no receipt tells the agency to
// run `pantau template`, which only the operator can.
func TestReceiptSentences(t *testing.T) {
	partial := statusSentence(&receipt{Status: lake.Partial, Kind: domain.Kehadiran, Period: "2026-10"})
	for _, want := range []string{"Baris Ditolak", "\"tambahan\"", "kehadiran_2026-10_tambahan.xlsx", "tidak perlu dikirim ulang"} {
		if !strings.Contains(partial, want) {
			t.Errorf("partial sentence %q lacks %q", partial, want)
		}
	}
	if got := tambahanName(&receipt{Kind: domain.Kehadiran, Period: "2025-03", File: "kehadiran_2025-03 revisi.xlsx"}); got != "kehadiran_2025-03_tambahan.xlsx" {
		t.Errorf("tambahanName = %q; want kehadiran_2025-03_tambahan.xlsx (not from the name, which says revisi)", got)
	}
	for _, st := range []lake.Status{lake.Accepted, lake.Partial, lake.Rejected, lake.Duplicate} {
		r := &receipt{Status: st}
		texts := []string{statusSentence(r), templateText(""), templateText(domain.Survei)}
		for _, sb := range []bool{false, true} {
			title, note := rejectedTitle(r, sb, true)
			texts = append(texts, title, note)
		}
		for _, s := range texts {
			if strings.Contains(s, "pantau template") {
				t.Errorf("%s receipt says %q; want the template/ folder, not pantau template", st, s)
			}
		}
	}
	// The reader's own messages that send the agency to a template.
	unknown := buildWorkbook(t, false, map[string][][]any{"Data": {{"Apa", "Ini"}, {"1", "2"}}})
	for name, b := range map[string][]byte{"data.xlsx": unknown, "scan.xlsx": []byte("%PDF-1.7\n"),
		"foto.xlsx": {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0}} {
		u := Read(bytes.NewReader(b), Options{FileName: name})
		if u.Err == nil || !strings.Contains(u.Err.Message, "template/") || strings.Contains(u.Err.Message, "pantau template") {
			t.Errorf("Read(%s) message = %v; want it to point to the folder template/, not to pantau template", name, u.Err)
		}
	}
}

func TestReceiptName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"kehadiran_2026-10.xlsx", "kehadiran_2026-10.receipt.xlsx"},
		{"Data Pegawai.XLSM", "Data Pegawai.XLSM.receipt.xlsx"},
		{"Data Pegawai.XLSX", "Data Pegawai.receipt.xlsx"},
		{"data.csv", "data.csv.receipt.xlsx"},
		{"tanpa-ekstensi", "tanpa-ekstensi.receipt.xlsx"},
		{".xlsx", ".xlsx.receipt.xlsx"},
	} {
		if got := receiptName(tc.in); got != tc.want {
			t.Errorf("receiptName(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

// TestReceiptDate1904: a serial from a workbook counting from 1904 is the
// same day in the receipt, which counts from 1900.
func TestReceiptDate1904(t *testing.T) {
	u := &Upload{Kind: domain.Kehadiran, Header: []string{"NIP", "Tanggal Mulai"}, Date1904: true, RowsRejected: 1,
		Problems: []*RowError{{Row: 2, Column: "NIP", Value: "1", Err: errTestCause, Message: "salah"}},
		Raw:      map[int][]string{2: {"1", "44256"}}} // 44256 days after 1 January 1904
	var buf bytes.Buffer
	if err := writeReceipt(&buf, &receipt{Status: lake.Partial, Kind: domain.Kehadiran, Upload: u, Limit: 10}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := daysFromCivil(1904, 1, 1) + 44256
	if got, _ := f.GetCellValue(sheetProblems, "B4"); got != formatDate(want) {
		t.Errorf("B4 = %q; want %s", got, formatDate(want))
	}
}
