package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/lake"
)

// writeAttendance writes a March 2025 attendance file of kota-ambon's inbox
// holding the generated rows people (kehadiranRow: person i has NIP
// testNIP(i), one training on day 1+i%27), with an optional title row above
// the header; jp, when set, changes person i's JP (not part of the row key).
func writeAttendance(t *testing.T, dir lake.Dir, name, title string, people []int, mtime time.Time, jp map[int]int) string {
	t.Helper()
	path := filepath.Join(dir.InboxOf("kota-ambon"), name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	r := 1
	if title != "" {
		f.SetCellStr("Sheet1", "A1", title)
		r = 3
	}
	f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", r), &kehadiranHeader)
	for _, i := range people {
		r++
		row := kehadiranRow(march, i, false)
		if v, ok := jp[i]; ok {
			row[6] = v
		}
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", r), &row)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	return path
}

func span(from, to int) []int {
	var out []int
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

// monthState is what the ledger says of kota-ambon's March attendance: its
// current files and their rows, and every entry's decision by file name.
type monthState struct {
	Current []string
	Rows    int
}

func marchState(t *testing.T, dir lake.Dir) (monthState, map[string]lake.Entry) {
	t.Helper()
	l := ledgerOf(t, dir)
	var s monthState
	for _, e := range l.CurrentFor("kota-ambon", "kehadiran", march) {
		s.Current = append(s.Current, e.File)
		s.Rows += e.RowsAccepted
		if n := parquetRows(t, dir.Abs(e.LakeFile)); n != int64(e.RowsAccepted) {
			t.Errorf("%s: lake file holds %d rows; ledger says %d", e.File, n, e.RowsAccepted)
		}
	}
	by := map[string]lake.Entry{}
	for _, e := range l.Entries {
		by[e.File] = e
	}
	return s, by
}

// receiptMonth is the "Bulan ini" sentence of a file's receipt.
func receiptMonth(t *testing.T, dir lake.Dir, e lake.Entry) string {
	t.Helper()
	f, err := excelize.OpenFile(dir.Abs(e.Receipt))
	if err != nil {
		t.Fatalf("receipt of %s: %v", e.File, err)
	}
	defer f.Close()
	rows, _ := f.GetRows(sheetSummary)
	for _, r := range rows {
		if len(r) > 1 && r[0] == "Bulan ini" {
			return r[1]
		}
	}
	for _, r := range rows { // a layout that puts the sentence first, alone
		for _, c := range r {
			if strings.HasPrefix(c, "Ditambahkan") || strings.HasPrefix(c, "Menggantikan") || strings.HasPrefix(c, "Ditahan") ||
				strings.HasPrefix(c, "Kiriman pertama") || strings.HasPrefix(c, "Sama persis") || strings.HasPrefix(c, "Ditolak") {
				return c
			}
		}
	}
	t.Errorf("receipt of %s: no sentence on the month", e.File)
	return ""
}

// The base of every case: an 11-row March upload (people 0..10), then a
// 2-row file of other people (11, 12) without a keyword: it shares no row
// key with the month, so it is added — the month is 2 files, 13 rows
// (the bug: a "tambahan" file replaced the 11 rows).
func monthBase(t *testing.T) lake.Dir {
	t.Helper()
	dir := lake.Dir(t.TempDir())
	writeAttendance(t, dir, "kehadiran_2025-03.xlsx", "", span(0, 10), testDrop, nil)
	runOnce(t, dir, DefaultConfig())
	writeAttendance(t, dir, "kehadiran_2025-03 diklat b.xlsx", "", []int{11, 12}, testDrop.Add(time.Hour), nil)
	runOnce(t, dir, DefaultConfig())
	s, by := marchState(t, dir)
	if diff := cmp.Diff(monthState{Current: []string{"kehadiran_2025-03.xlsx", "kehadiran_2025-03 diklat b.xlsx"}, Rows: 13}, s); diff != "" {
		t.Fatalf("base month (-want +got):\n%s", diff)
	}
	b := by["kehadiran_2025-03 diklat b.xlsx"]
	if b.Decision != lake.Added || len(b.Replaces) != 0 || b.Revision != 1 {
		t.Errorf("second file: decision %q replaces %v revision %d; want added, nothing, 1", b.Decision, b.Replaces, b.Revision)
	}
	if got, want := receiptMonth(t, dir, by["kehadiran_2025-03.xlsx"]), "Kiriman pertama Kehadiran Pelatihan Maret 2025; kini 1 berkas, 11 baris."; got != want {
		t.Errorf("first receipt says %q; want %q", got, want)
	}
	if got, want := receiptMonth(t, dir, b), "Ditambahkan ke Kehadiran Pelatihan Maret 2025; kini 2 berkas, 13 baris."; got != want {
		t.Errorf("addition's receipt says %q; want %q", got, want)
	}
	return dir
}

func TestMonthAddsReplacesHoldsBack(t *testing.T) {
	later := testDrop.Add(2 * time.Hour)
	cases := []struct {
		name     string
		file     string
		title    string
		people   []int
		jp       map[int]int
		want     monthState
		decision lake.Decision
		status   lake.Status
		receipt  string // the start of the receipt's month sentence
	}{{
		// The name says revisi: every current upload is replaced, even by 2 rows.
		name: "revisi in the name", file: "kehadiran_2025-03 revisi.xlsx", people: []int{0, 1},
		want:     monthState{Current: []string{"kehadiran_2025-03 revisi.xlsx"}, Rows: 2},
		decision: lake.Replaced, status: lake.Accepted,
		receipt: "Menggantikan 2 kiriman bulan ini (terakhir 05/04/2025 09.30 WIT, semuanya 13 baris); kini 1 berkas, 2 baris.",
	}, {
		// The title cell says koreksi (the name says nothing).
		name: "koreksi in the title", file: "kehadiran_2025-03 (2).xlsx", title: "Data Kehadiran Pelatihan Maret 2025 - koreksi", people: span(0, 5),
		want:     monthState{Current: []string{"kehadiran_2025-03 (2).xlsx"}, Rows: 6},
		decision: lake.Replaced, status: lake.Accepted, receipt: "Menggantikan 2 kiriman",
	}, {
		// A cumulative copy: all 13 current rows (12 of them with a
		// corrected JP; JP is not in the key) and two more. 13/13 ≥ 0.9.
		name: "cumulative copy", file: "kehadiran_2025-03 lengkap.xlsx", people: span(0, 14), jp: map[int]int{0: 12},
		want:     monthState{Current: []string{"kehadiran_2025-03 lengkap.xlsx"}, Rows: 15},
		decision: lake.Replaced, status: lake.Accepted, receipt: "Menggantikan 2 kiriman bulan ini (terakhir 05/04/2025 09.30 WIT, semuanya 13 baris); kini 1 berkas, 15 baris.",
	}, {
		// A corrected copy that changed one row key (person 12's row is
		// gone, 13 is new): 12/13 = 0.92 ≥ 0.9 → replaces.
		name: "corrected copy", file: "kehadiran_2025-03 v2.xlsx", people: append(span(0, 11), 13),
		want:     monthState{Current: []string{"kehadiran_2025-03 v2.xlsx"}, Rows: 13},
		decision: lake.Replaced, status: lake.Accepted, receipt: "Menggantikan",
	}, {
		// 4 of its 7 rows are current (people 5..8), but it holds only 4 of
		// the month's 13: neither a copy nor an addition → held back.
		name: "partial overlap", file: "kehadiran_2025-03 lagi.xlsx", people: append(span(5, 8), 20, 21, 22),
		want:     monthState{Current: []string{"kehadiran_2025-03.xlsx", "kehadiran_2025-03 diklat b.xlsx"}, Rows: 13},
		decision: lake.HeldBack, status: lake.Rejected,
		receipt: "Ditahan: 4 dari 7 baris sama dengan kiriman Kehadiran Pelatihan Maret 2025 yang sudah diterima; tidak ada yang berubah (2 berkas, 13 baris).",
	}, {
		// Named tambahan: added; person 12's row repeats the second file's
		// row 3 and is rejected as a duplicate; 13 and 14 are added.
		name: "tambahan with a repeated row", file: "kehadiran_2025-03 tambahan.xlsx", people: []int{12, 13, 14},
		want:     monthState{Current: []string{"kehadiran_2025-03.xlsx", "kehadiran_2025-03 diklat b.xlsx", "kehadiran_2025-03 tambahan.xlsx"}, Rows: 15},
		decision: lake.Added, status: lake.Partial, receipt: "Ditambahkan ke Kehadiran Pelatihan Maret 2025; kini 3 berkas, 15 baris.",
	}, {
		// Named susulan, but every row is already current: nothing to add.
		name: "susulan that repeats everything", file: "kehadiran_2025-03 susulan.xlsx", people: []int{12, 11},
		want:   monthState{Current: []string{"kehadiran_2025-03.xlsx", "kehadiran_2025-03 diklat b.xlsx"}, Rows: 13},
		status: lake.Rejected, receipt: "Ditolak; Kehadiran Pelatihan Maret 2025 tidak berubah (2 berkas, 13 baris).",
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := monthBase(t)
			writeAttendance(t, dir, c.file, c.title, c.people, later, c.jp)
			runOnce(t, dir, DefaultConfig())
			s, by := marchState(t, dir)
			if diff := cmp.Diff(c.want, s); diff != "" {
				t.Errorf("month after %s (-want +got):\n%s", c.file, diff)
			}
			e := by[c.file]
			if e.Decision != c.decision || e.Status != c.status {
				t.Errorf("%s: decision %q status %q; want %q %q (reason %q)", c.file, e.Decision, e.Status, c.decision, c.status, e.Reason)
			}
			if got := receiptMonth(t, dir, e); !strings.HasPrefix(got, c.receipt) {
				t.Errorf("receipt says %q; want it to start %q", got, c.receipt)
			}
			switch c.decision {
			case lake.Replaced:
				if len(e.Replaces) != 2 || e.Revision != 2 {
					t.Errorf("replaces %v revision %d; want both earlier uploads and revision 2", e.Replaces, e.Revision)
				}
				for _, old := range []string{"kehadiran_2025-03.xlsx", "kehadiran_2025-03 diklat b.xlsx"} {
					o := by[old]
					if o.ReplacedBy != e.ID {
						t.Errorf("%s replaced by %q; want %q", old, o.ReplacedBy, e.ID)
					}
					if exists(dir.Abs(o.LakeFile)) {
						t.Errorf("%s: replaced lake file %s still there", old, o.LakeFile)
					}
					if !exists(dir.Abs(o.Stored)) {
						t.Errorf("%s: replaced original %s not kept in archive", old, o.Stored)
					}
				}
			case lake.HeldBack:
				for _, w := range []string{"revisi", "tambahan", "kehadiran_2025-03 lagi_revisi.xlsx", "4 dari 7"} {
					if !strings.Contains(e.Reason, w) {
						t.Errorf("held-back reason %q does not say %q", e.Reason, w)
					}
				}
				if e.LakeFile != "" || !strings.HasPrefix(e.Stored, "rejected/") {
					t.Errorf("held back: lake file %q stored %q; want none and under rejected/", e.LakeFile, e.Stored)
				}
			}
			if c.name == "tambahan with a repeated row" {
				if e.RowsAccepted != 2 || e.RowsRejected != 1 || e.Revision != 1 {
					t.Errorf("rows accepted %d rejected %d revision %d; want 2, 1, 1", e.RowsAccepted, e.RowsRejected, e.Revision)
				}
				f, err := excelize.OpenFile(dir.Abs(e.Receipt))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				// The repeat is no bad row: it is listed among the warnings,
				// saying where it was sent, and not on the sheet to fix and
				// send back.
				rows, _ := f.GetRows(sheetWarnings)
				var all strings.Builder
				for _, r := range rows {
					all.WriteString(strings.Join(r, "|") + "\n")
				}
				if want := `Baris ini sudah dikirim di berkas "kehadiran_2025-03 diklat b.xlsx" (baris 3, diterima 05/04/2025 09.30 WIT); tidak dihitung dua kali.`; !strings.Contains(all.String(), want) {
					t.Errorf("receipt's warnings do not name where the row was first sent (%q):\n%s", want, all.String())
				}
				if idx, _ := f.GetSheetIndex(sheetProblems); idx >= 0 {
					t.Errorf("receipt has a %q sheet; want none (the only rejected row is a repeat, nothing to fix)", sheetProblems)
				}
				summary, _ := f.GetRows(sheetSummary)
				if len(summary) < 2 || !strings.Contains(strings.Join(summary[1], " "), "tidak ada yang perlu diperbaiki") {
					t.Errorf("receipt's second line = %q; want it to say the repeat needs no fixing", summary[1:2])
				}
				for _, r := range summary {
					if len(r) > 1 && r[0] == "Catatan" && strings.Contains(r[1], "bermasalah") {
						t.Errorf("receipt notes %q; a repeat is no bad row", r[1])
					}
				}
			}
		})
	}
}

// The very same bytes twice change nothing, even after the month grew.
func TestMonthSameBytesTwice(t *testing.T) {
	dir := monthBase(t)
	l := ledgerOf(t, dir)
	first := l.CurrentFor("kota-ambon", "kehadiran", march)[0]
	orig, err := os.ReadFile(dir.Abs(first.Stored))
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(dir.InboxOf("kota-ambon"), "kehadiran_2025-03 salinan.xlsx")
	if err := os.WriteFile(copyPath, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(copyPath, testDrop.Add(3*time.Hour), testDrop.Add(3*time.Hour))
	runOnce(t, dir, DefaultConfig())
	s, by := marchState(t, dir)
	if diff := cmp.Diff(monthState{Current: []string{"kehadiran_2025-03.xlsx", "kehadiran_2025-03 diklat b.xlsx"}, Rows: 13}, s); diff != "" {
		t.Errorf("month after the same bytes (-want +got):\n%s", diff)
	}
	e := by["kehadiran_2025-03 salinan.xlsx"]
	if e.Status != lake.Duplicate || e.DuplicateOf != first.ID {
		t.Errorf("copy: status %q duplicate of %q; want duplikat of %q", e.Status, e.DuplicateOf, first.ID)
	}
	if got, want := receiptMonth(t, dir, e), "Sama persis dengan kiriman sebelumnya; Kehadiran Pelatihan Maret 2025 tidak berubah (2 berkas, 13 baris)."; got != want {
		t.Errorf("receipt says %q; want %q", got, want)
	}
}

// Files of one month decided in one scan give what they give in separate
// scans: each is placed against the files committed before it.
func TestMonthOneScanAsSeveral(t *testing.T) {
	one := lake.Dir(t.TempDir())
	files := []struct {
		name   string
		people []int
	}{
		{"kehadiran_2025-03.xlsx", span(0, 10)},
		{"kehadiran_2025-03 diklat b.xlsx", []int{11, 12}},
		{"kehadiran_2025-03 tambahan.xlsx", []int{12, 13}},
		{"kehadiran_2025-03 lagi.xlsx", append(span(5, 8), 20)},
	}
	for i, f := range files {
		writeAttendance(t, one, f.name, "", f.people, testDrop.Add(time.Duration(i)*time.Hour), nil)
	}
	runOnce(t, one, DefaultConfig())
	sOne, byOne := marchState(t, one)

	several := lake.Dir(t.TempDir())
	for i, f := range files {
		writeAttendance(t, several, f.name, "", f.people, testDrop.Add(time.Duration(i)*time.Hour), nil)
		runOnce(t, several, DefaultConfig())
	}
	sSev, bySev := marchState(t, several)
	want := monthState{Current: []string{"kehadiran_2025-03.xlsx", "kehadiran_2025-03 diklat b.xlsx", "kehadiran_2025-03 tambahan.xlsx"}, Rows: 14}
	if diff := cmp.Diff(want, sOne); diff != "" {
		t.Errorf("one scan (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, sSev); diff != "" {
		t.Errorf("several scans (-want +got):\n%s", diff)
	}
	for _, f := range files {
		a, b := byOne[f.name], bySev[f.name]
		if a.Decision != b.Decision || a.Status != b.Status || a.RowsAccepted != b.RowsAccepted {
			t.Errorf("%s: one scan %q/%q/%d, several %q/%q/%d", f.name, a.Decision, a.Status, a.RowsAccepted, b.Decision, b.Status, b.RowsAccepted)
		}
	}
	if d := byOne["kehadiran_2025-03 lagi.xlsx"].Decision; d != lake.HeldBack {
		t.Errorf("lagi.xlsx (4 of 5 rows current, 4 of 14 of the month): %q; want held back", d)
	}
}

// Thresholds come from the config: with AddShare 0.5, a file with 1 of its
// 3 rows current is added (its repeat rejected) instead of held back.
func TestMonthThresholds(t *testing.T) {
	dir := monthBase(t)
	cfg := DefaultConfig()
	cfg.AddShare = 0.5
	writeAttendance(t, dir, "kehadiran_2025-03 c.xlsx", "", []int{12, 30, 31}, testDrop.Add(2*time.Hour), nil)
	if _, err := Run(t.Context(), dir, cfg, testNow, discardLog()); err != nil {
		t.Fatal(err)
	}
	s, by := marchState(t, dir)
	if s.Rows != 15 || by["kehadiran_2025-03 c.xlsx"].Decision != lake.Added || by["kehadiran_2025-03 c.xlsx"].RowsRejected != 1 {
		t.Errorf("AddShare 0.5: month %+v, file %+v; want 15 rows, added with 1 row rejected", s, by["kehadiran_2025-03 c.xlsx"])
	}
	bad := DefaultConfig()
	bad.ReplaceShare = 0
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "replace_share") {
		t.Errorf("ReplaceShare 0: Validate = %v; want a replace_share error", err)
	}
}

// A file that came after the deadline (day 10 of the next month) says so.
func TestMonthLate(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	late := time.Date(2025, 4, 11, 8, 0, 0, 0, testDrop.Location())
	writeAttendance(t, dir, "kehadiran_2025-03.xlsx", "", span(0, 2), late, nil)
	if _, err := Run(t.Context(), dir, DefaultConfig(), late.Add(time.Hour), discardLog()); err != nil {
		t.Fatal(err)
	}
	_, by := marchState(t, dir)
	if got, want := receiptMonth(t, dir, by["kehadiran_2025-03.xlsx"]), "Kiriman pertama Kehadiran Pelatihan Maret 2025; kini 1 berkas, 3 baris. Diterima setelah batas waktu (10/04/2025 23.59 WIT)."; got != want {
		t.Errorf("receipt says %q; want %q", got, want)
	}
}

func TestIntent(t *testing.T) {
	for _, c := range []struct {
		name  string
		title []string
		want  lake.Decision
	}{
		{"kehadiran_2025-03_revisi.xlsx", nil, lake.Replaced},
		{"Kehadiran Desember 2025 tambahan.xlsx", nil, lake.Added},
		{"PERBAIKAN kehadiran.xlsx", nil, lake.Replaced},
		{"kehadiran susulan-2.xlsx", nil, lake.Added},
		{"kehadiran_2025-03.xlsx", []string{"Data Kehadiran", "Pengganti data 12 Maret"}, lake.Replaced},
		{"kehadiran_2025-03.xlsx", []string{"Kehadiran Maret 2025 — baris ditolak; perbaiki lalu kirim berkas ini sebagai tambahan"}, lake.Added},
		{"kehadiran_2025-03_tambahan.xlsx", []string{"revisi"}, lake.Added}, // the name first
		{"revisi tambahan.xlsx", nil, ""},                                   // both: the rows decide
		{"kehadiran_2025-03_revisian.xlsx", nil, ""},                        // whole words only
		{"kehadiran_2025-03.xlsx", nil, ""},
	} {
		if got, _ := intent(c.name, c.title); got != c.want {
			t.Errorf("intent(%q, %q) = %q; want %q", c.name, c.title, got, c.want)
		}
	}
}

// FuzzIntent: any file name and title give one of the three answers, and a
// name that says neither word keeps whatever the title says.
func FuzzIntent(f *testing.F) {
	f.Add("kehadiran_2025-03 revisi.xlsx", "Data Kehadiran")
	f.Add("Kehadiran Desember 2025 tambahan.xlsx", "")
	f.Add("x", "koreksi tambahan")
	f.Add("\xff\xfe", "REVİSİ")
	f.Fuzz(func(t *testing.T, name, title string) {
		d, where := intent(name, []string{title})
		switch d {
		case "", lake.Added, lake.Replaced:
		default:
			t.Fatalf("intent(%q, %q) = %q", name, title, d)
		}
		if (d == "") != (where == "") {
			t.Fatalf("intent(%q, %q) = %q from %q", name, title, d, where)
		}
		if intentOf(strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))) == "" {
			if want := intentOf(title); d != want {
				t.Fatalf("intent(%q, %q) = %q; the title alone says %q", name, title, d, want)
			}
		}
	})
}
