package ingest

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

var errTestCause = errors.New("test cause")

// TestReceiptCells writes a partial-acceptance receipt and reopens it with
// excelize: the summary, the rejected row with its original cells beside
// it, the warnings, and text that looks like a formula stored as text.
func TestReceiptCells(t *testing.T) {
	formula := `=HYPERLINK("http://contoh.invalid","klik")`
	u := &Upload{
		Kind: domain.Kehadiran, Period: domain.MustPeriod("2026-10"),
		Header:   []string{"NIP", "Nama", "JP"},
		Extra:    []string{"Catatan Pribadi"},
		Notes:    []string{"Kolom U8/U9 dipetakan menurut nama unsur."},
		RowsRead: 3, RowsAccepted: 2, RowsRejected: 1,
		Problems: []*RowError{{Row: 7, Column: "NIP", Value: "1.98609262015051e+17", Err: errTestCause,
			Message: "NIP harus 18 digit; kolom ini terbaca sebagai angka — format kolom sebagai Teks"}},
		Warnings: []*RowError{{Row: 5, Column: "Nama", Value: "+62 Budi", Err: errTestCause, Message: "Nama berbeda dengan data pegawai."}},
		Raw:      map[int][]string{7: {"1.98609262015051e+17", formula, "-8"}},
	}
	rc := &receipt{File: "kehadiran_2026-10.xlsx", Agency: "kota-ambon", Status: lake.Partial,
		Kind: u.Kind, Period: "2026-10", ReceivedAt: time.Date(2026, 11, 3, 1, 5, 0, 0, time.UTC), Upload: u, Limit: 100}
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
	summary := map[string]string{}
	rows, err := f.GetRows(sheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if len(r) == 2 {
			summary[r[0]] = r[1]
		}
	}
	for label, want := range map[string]string{
		"Berkas": "kehadiran_2026-10.xlsx", "Instansi": "kota-ambon", "Status": "diterima sebagian",
		"Jenis data": domain.Kehadiran.Label(), "Periode": "2026-10 (Oktober 2026)",
		"Diterima pada": "03/11/2026 10.05 WIT", // 01:05 UTC is 10:05 WIT (UTC+9)
		"Baris dibaca":  "3", "Baris diterima": "2", "Baris ditolak": "1",
		"Catatan": "Kolom U8/U9 dipetakan menurut nama unsur.", "Kolom diabaikan": "Catatan Pribadi",
	} {
		if got := summary[label]; got != want {
			t.Errorf("Ringkasan %q = %q; want %q", label, got, want)
		}
	}
	got, err := f.GetRows(sheetProblems)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Baris", "Kolom", "Nilai", "Alasan", "Isi baris asli →", "NIP", "Nama", "JP"},
		{"7", "NIP", "1.98609262015051e+17", "NIP harus 18 digit; kolom ini terbaca sebagai angka — format kolom sebagai Teks",
			"", "1.98609262015051e+17", formula, "-8"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Baris Ditolak (-want +got):\n%s", diff)
	}
	// The formula-looking value is a string cell, not a formula.
	if fm, err := f.GetCellFormula(sheetProblems, "G2"); err != nil || fm != "" {
		t.Errorf("GetCellFormula(G2) = %q, %v; want no formula", fm, err)
	}
	if typ, err := f.GetCellType(sheetProblems, "G2"); err != nil || typ != excelize.CellTypeInlineString {
		t.Errorf("GetCellType(G2) = %v, %v; want inline string", typ, err)
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

// TestReceiptLimit lists at most Limit problems and says how many more.
func TestReceiptLimit(t *testing.T) {
	u := &Upload{Header: []string{"NIP"}}
	for i := 0; i < 5; i++ {
		u.Problems = append(u.Problems, &RowError{Row: 10 + i, Column: "NIP", Value: "x", Err: errTestCause, Message: "salah"})
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
	if len(rows) != 4 {
		t.Fatalf("rows = %d; want header + 2 + the 'dan 3 masalah lain' line", len(rows))
	}
	if got, want := rows[3][3], "… dan 3 masalah lain tidak dicantumkan. Perbaiki yang di atas dahulu, lalu unggah ulang."; got != want {
		t.Errorf("last line = %q; want %q", got, want)
	}
	summary, _ := f.GetRows(sheetSummary)
	var reason string
	for _, r := range summary {
		if len(r) == 2 && r[0] == "Alasan" {
			reason = r[1]
		}
	}
	if reason != "=1+1" {
		t.Errorf("Alasan = %q; want the text =1+1", reason)
	}
	for _, c := range []string{"B12", "B13"} {
		if fm, _ := f.GetCellFormula(sheetSummary, c); fm != "" {
			t.Errorf("GetCellFormula(%s) = %q; want none", c, fm)
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
