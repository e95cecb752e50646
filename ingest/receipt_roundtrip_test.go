package ingest

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// roundTripUpload is an attendance workbook for March 2025 of five rows,
// as an agency writes one: Tanggal Mulai as date cells, Tanggal Selesai as
// text, an extra column of its own. Row 3 has its NIP typed as a number
// (its digits past the 15th are lost) and row 5 has JP 0: two rows of
// five are rejected, fewer than MinBadRows, so the other three are taken.
func roundTripUpload(t *testing.T) []byte {
	t.Helper()
	rows := [][]any{{"NIP", "Nama", "Nama Pelatihan", "Jenis Pengembangan", "Tanggal Mulai", "Tanggal Selesai", "JP",
		"Status Kehadiran", "Catatan Unit"}}
	for i := 0; i < 5; i++ {
		nip, jp := any(testNIP(i)), any(8)
		switch i {
		case 1:
			nip = 1.98609262015051e17
		case 3:
			jp = 0
		}
		day := 3 + i
		rows = append(rows, []any{nip, "Pegawai " + itoa(i), "Pelayanan Prima", "Bimbingan Teknis",
			time.Date(2025, 3, day, 0, 0, 0, 0, time.UTC), twoDigits(day+1) + "/03/2025", jp, "Hadir", "catatan " + itoa(i)})
	}
	return buildWorkbook(t, false, map[string][][]any{"Data": rows})
}

// fixRejected corrects the receipt's "Baris Ditolak" sheet as an operator
// would, typing over the red cells: the NIP as 18 digits (the cell is
// formatted as Text, so they stay text) and JP as 8.
func fixRejected(t *testing.T, f *excelize.File) {
	t.Helper()
	rows, err := f.GetRows(sheetProblems)
	if err != nil {
		t.Fatal(err)
	}
	header := rows[rejectedHeaderRow-1]
	col := func(name string) int {
		for j, h := range header {
			if h == name {
				return j + 1
			}
		}
		t.Fatalf("Baris Ditolak has no column %q: %q", name, header)
		return 0
	}
	fixed := 0
	for i := rejectedHeaderRow; i < len(rows); i++ {
		n := i + 1
		switch rows[i][col(colSourceRow)-1] {
		case "3":
			if err := f.SetCellValue(sheetProblems, cell(col("NIP"), n), testNIP(1)); err != nil {
				t.Fatal(err)
			}
			fixed++
		case "5":
			if err := f.SetCellValue(sheetProblems, cell(col("JP"), n), 8); err != nil {
				t.Fatal(err)
			}
			fixed++
		}
	}
	if fixed != 2 {
		t.Fatalf("fixed %d rows of Baris Ditolak; want rows 3 and 5: %q", fixed, rows)
	}
}

// TestReceiptRoundTrip is the operator's way back: a partial upload's
// receipt, its red cells corrected in the "Baris Ditolak" sheet, saved as
// "<name>_tambahan.xlsx" in the inbox, is read as an addition to the month:
// its two rows are accepted and the month holds all five.
func TestReceiptRoundTrip(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	ref := DefaultReference()
	ref.Agencies = []domain.Agency{{Code: "kota-ambon", Name: "Pemerintah Kota Ambon", District: "81.71", Expects: []domain.Kind{domain.Kehadiran}}}
	if err := lake.WriteWith(dir.Reference(), 0o644, func(w io.Writer) error { return WriteReference(w, ref) }); err != nil {
		t.Fatal(err)
	}
	writeAt(t, filepath.Join(dir.InboxOf("kota-ambon"), "kehadiran_2025-03.xlsx"), string(roundTripUpload(t)), testDrop)
	if sum := runOnce(t, dir, DefaultConfig()); sum.Partial != 1 || sum.Seen != 1 {
		t.Fatalf("first run = %+v; want one partial upload", sum)
	}
	first := ledgerOf(t, dir).Entries[0]
	if first.RowsAccepted != 3 || first.RowsRejected != 2 {
		t.Fatalf("first upload: %d accepted, %d rejected; want 3 and 2", first.RowsAccepted, first.RowsRejected)
	}

	f, err := excelize.OpenFile(dir.Abs(first.Receipt))
	if err != nil {
		t.Fatal(err)
	}
	if got := summaryOf(t, f)["Instansi"]; got != "Pemerintah Kota Ambon (kota-ambon)" {
		t.Errorf("Instansi = %q; want the name and the code", got)
	}
	fixRejected(t, f)
	back := filepath.Join(dir.InboxOf("kota-ambon"), "kehadiran_2025-03_tambahan.xlsx")
	if err := f.SaveAs(back); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.Chtimes(back, testDrop.Add(time.Hour), testDrop.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}

	if sum := runOnce(t, dir, DefaultConfig()); sum.Accepted != 1 || sum.Seen != 1 {
		t.Errorf("second run = %+v; want the corrected rows accepted", sum)
	}
	l := ledgerOf(t, dir)
	if len(l.Entries) != 2 {
		t.Fatalf("ledger entries = %d; want 2", len(l.Entries))
	}
	second := l.Entries[1]
	if second.Status != lake.Accepted || second.RowsRead != 2 || second.RowsAccepted != 2 || second.Kind != domain.Kehadiran || second.Period != "2025-03" {
		t.Errorf("corrected receipt's entry: %s %s %s, %d read, %d accepted (%s); want diterima kehadiran 2025-03, 2 and 2",
			second.Status, second.Kind, second.Period, second.RowsRead, second.RowsAccepted, second.Reason)
	}
	first, _ = l.Find(first.ID)
	var rows int
	var lakeRows int64
	for _, e := range l.Month("kota-ambon", domain.Kehadiran, "2025-03") {
		if e.Current() {
			rows += e.RowsAccepted
			lakeRows += parquetRows(t, dir.Abs(e.LakeFile))
		}
	}
	if rows != 5 || lakeRows != 5 {
		t.Errorf("March 2025 holds %d rows (%d in the lake); want all 5: the \"tambahan\" file is added to the month "+
			"(second upload replaces %q, replaced by %q)", rows, lakeRows, second.Replaces, first.ReplacedBy)
	}
}

// TestReceiptReadBack reads a corrected receipt as an upload, with no
// period in its name: kind and period come from the sheet's title, the
// sheet is "Baris Ditolak" (Ringkasan and Peringatan match no kind), the
// corrected rows are accepted, and Baris asal and Alasan are the extra
// columns, with the upload's own extra column. Uncorrected, the same rows
// are rejected again for the same reasons.
func TestReceiptReadBack(t *testing.T) {
	opts := Options{FileName: "kehadiran_2025-03.xlsx", Agency: "kota-ambon"}
	u := Read(bytes.NewReader(roundTripUpload(t)), opts)
	if u.Status != lake.Partial || u.RowsRejected != 2 {
		t.Fatalf("upload: %s, %d rejected (%v); want partial, 2", u.Status, u.RowsRejected, u.Err)
	}
	if u.Record != nil {
		u.Record.Release()
	}
	u.Warnings = append(u.Warnings, &RowError{Row: 2, Column: "Nama", Value: "Pegawai 0", Err: ErrRoster, Message: "Nama berbeda"})
	var buf bytes.Buffer
	rc := &receipt{File: opts.FileName, Agency: "kota-ambon", Status: u.Status, Kind: u.Kind, Period: "2025-03", Upload: u, Limit: 100}
	if err := writeReceipt(&buf, rc); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 3 {
		t.Fatalf("sheets = %q; want all three, so that each is tried by the reader", got)
	}

	again := Read(bytes.NewReader(buf.Bytes()), Options{FileName: "tambahan.xlsx", Agency: "kota-ambon"})
	if again.Err != nil && !errors.Is(again.Err, ErrTooManyBadRows) {
		t.Fatalf("uncorrected receipt: %v %s; want its rows read (and rejected again)", again.Err, again.Err.Message)
	}
	var reasons []string
	for _, p := range again.Problems {
		reasons = append(reasons, p.Column)
	}
	if want := []string{"NIP", "JP"}; again.RowsRead != 2 || !cmp.Equal(reasons, want) {
		t.Errorf("uncorrected receipt: %d rows read, problems in %q; want 2 rows, problems in %q", again.RowsRead, reasons, want)
	}

	fixRejected(t, f)
	var fixed bytes.Buffer
	if _, err := f.WriteTo(&fixed); err != nil {
		t.Fatal(err)
	}
	back := Read(bytes.NewReader(fixed.Bytes()), Options{FileName: "tambahan.xlsx", Agency: "kota-ambon"})
	defer func() {
		if back.Record != nil {
			back.Record.Release()
		}
	}()
	if back.Err != nil {
		t.Fatalf("corrected receipt rejected: %v: %s", back.Err, back.Err.Message)
	}
	got := struct {
		Sheet                   string
		Kind                    domain.Kind
		Period                  string
		HeaderRow               int
		Status                  lake.Status
		Read, Accepted, Problem int
		Extra                   []string
	}{back.Sheet, back.Kind, back.Period.String(), back.HeaderRow, back.Status, back.RowsRead, back.RowsAccepted, len(back.Problems), back.Extra}
	want := got
	want.Sheet, want.Kind, want.Period, want.HeaderRow, want.Status = sheetProblems, domain.Kehadiran, "2025-03", rejectedHeaderRow, lake.Accepted
	want.Read, want.Accepted, want.Problem = 2, 2, 0
	want.Extra = []string{"Catatan Unit", colSourceRow, colReason}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("corrected receipt read back (-want +got):\n%s", diff)
	}
	for _, n := range back.Notes {
		if strings.Contains(n, "ditentukan dari tanggal") {
			t.Errorf("note %q: the period should come from the sheet's title", n)
		}
	}
	// The corrected NIP came back as the 18 digits, the dates as dates.
	nips := back.Record.Column(0).String()
	if !strings.Contains(nips, testNIP(1)) {
		t.Errorf("accepted NIPs %s; want %s among them", nips, testNIP(1))
	}
	title, _ := rejectedTitle(rc, true, true)
	if !strings.Contains(title, "tambahan") || len(periodsInText(title)) != 1 {
		t.Errorf("title %q; want it to say tambahan and name one month", title)
	}
	for _, w := range []string{"revisi", "perbaikan", "pengganti", "koreksi", "susulan"} {
		if strings.Contains(strings.ToLower(title), w) {
			t.Errorf("title %q says %q: the month rule would see both it and tambahan", title, w)
		}
	}
}

// TestReceiptOtherSheetsMatchNoKind: the Ringkasan and Peringatan rows,
// every label and header among them, match no upload kind's headers, so a
// receipt sent back has one data sheet (no ErrAmbiguousSheet) whatever its
// kind.
func TestReceiptOtherSheetsMatchNoKind(t *testing.T) {
	for _, k := range domain.Kinds {
		u := &Upload{Kind: k, Header: []string{"NIP"}, Extra: []string{"NIP", "Nama"}, Notes: []string{"Catatan"},
			RowsRead: 2, RowsAccepted: 1, RowsRejected: 1,
			Problems: []*RowError{{Row: 3, Column: "NIP", Value: "x", Err: errTestCause, Message: "salah"}},
			Warnings: []*RowError{{Row: 2, Column: "Nama", Value: "Budi", Err: errTestCause, Message: "beda"}},
			Raw:      map[int][]string{3: {"x"}}}
		var buf bytes.Buffer
		rc := &receipt{File: string(k) + "_2025-03.xlsx", Agency: "kota-ambon", AgencyName: "Pemerintah Kota Ambon",
			Status: lake.Partial, Kind: k, Period: "2025-03", Reason: "alasan", Upload: u, Limit: 10, ReceivedAt: testDrop, Month: "Ditambahkan."}
		if err := writeReceipt(&buf, rc); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		for _, sheet := range []string{sheetSummary, sheetWarnings} {
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if best, _ := findHeader(rows, k); best.ok {
				t.Errorf("%s receipt: %s matches %s headers at row %d", k, sheet, best.s.Kind, best.row+1)
			}
		}
		f.Close()
	}
}
