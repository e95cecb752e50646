package sampledata

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
)

// BadCase is one file of sample-data/bad: what is wrong with it and what the
// ingest must answer. Every bad file is otherwise valid, so it fails for its
// one reason only.
type BadCase struct {
	Agency  string // inbox folder
	File    string
	Problem string // what is wrong, in English
	Status  string // "ditolak", "diterima sebagian" or "diabaikan" (ignored, no receipt)
	Expect  string // the ingest sentinel: file-level (FileError) or row-level (RowError)
	Rows    int    // data rows in the file (0 when not a workbook)
	BadRows int    // rows that must be rejected (diterima sebagian)
	write   func(b *badBuilder, path string) error
}

// badPeriod is the month of every bad file: after the demo year, so dropping
// sample-data/bad into a demo inbox never replaces a demo upload.
var badPeriod = domain.Period{Year: Year + 1, Month: time.January}

// BadCases lists the bad files in a fixed order.
func BadCases() []BadCase {
	p := badPeriod.String()
	return []BadCase{
		{Agency: "kota-ambon", File: "kehadiran_" + p + "_kolom-tak-dikenal.xlsx", Problem: "headers match no upload kind (No, Nomor Pegawai, Kegiatan, Waktu, Jumlah Jam, Keterangan)",
			Status: "ditolak", Expect: "ErrUnknownHeaders", Rows: 20, write: (*badBuilder).unknownHeaders},
		{Agency: "kota-ambon", File: "kehadiran_pelatihan.xlsx", Problem: "no period: none in the file name, no title cell, and the rows' dates span January and February",
			Status: "ditolak", Expect: "ErrNoPeriod", Rows: 20, write: (*badBuilder).noPeriod},
		{Agency: "kota-ambon", File: "kehadiran_" + p + "_periode-beda.xlsx", Problem: "the file name says " + p + ", the title cell says \"Periode: Desember " + fmt.Sprint(Year) + "\"",
			Status: "ditolak", Expect: "ErrPeriodConflict", Rows: 20, write: (*badBuilder).periodConflict},
		{Agency: "kota-ambon", File: "kehadiran_" + p + "_nip-angka.xlsx", Problem: "one NIP typed as a number (numeric cell 1.98…e+17, last digits lost); the other 19 rows are fine",
			Status: "diterima sebagian", Expect: "ErrNIPNumber", Rows: 20, BadRows: 1, write: (*badBuilder).nipNumber},
		{Agency: "kota-tual", File: "kehadiran_" + p + "_tanggal-salah.xlsx", Problem: "an impossible date (31/02/" + fmt.Sprint(Year+1) + ") and a word instead of a date (\"kemarin\") in Tanggal Mulai, 2 of 25 rows",
			Status: "diterima sebagian", Expect: "ErrDate", Rows: 25, BadRows: 2, write: (*badBuilder).badDates},
		{Agency: "kab-buru", File: "pegawai_" + p + "_kabupaten-salah.xlsx", Problem: "one roster row in a district outside Maluku (\"Kabupaten Halmahera Barat\")",
			Status: "diterima sebagian", Expect: "ErrUnknownDistrict", Rows: 20, BadRows: 1, write: (*badBuilder).unknownDistrict},
		{Agency: "kab-maluku-tengah", File: "kehadiran_" + p + "_baris-ganda.xlsx", Problem: "one attendance row appears twice (same NIP, training and dates); the repeat is rejected",
			Status: "diterima sebagian", Expect: "ErrDuplicate", Rows: 21, BadRows: 1, write: (*badBuilder).duplicateRows},
		{Agency: "kab-seram-bagian-barat", File: "pegawai_" + p + "_instansi-lain.xlsx", Problem: "one roster row names another agency in Kode Instansi (kota-ambon)",
			Status: "diterima sebagian", Expect: "ErrOtherAgency", Rows: 20, BadRows: 1, write: (*badBuilder).otherAgency},
		{Agency: "kab-kepulauan-aru", File: "kehadiran_" + p + "_banyak-salah.xlsx", Problem: "4 of 20 rows (20 %, more than the 10 % limit, and at least 3 rows) have no JP",
			Status: "ditolak", Expect: "ErrTooManyBadRows", Rows: 20, BadRows: 4, write: (*badBuilder).tooManyBad},
		{Agency: "kab-buru-selatan", File: "kehadiran_" + p + ".xls", Problem: "old Excel 97-2003 (.xls, OLE2 compound file) format",
			Status: "ditolak", Expect: "ErrFormat", write: (*badBuilder).xls},
		{Agency: "kab-buru-selatan", File: "kehadiran_" + p + ".csv", Problem: "a CSV file instead of a workbook",
			Status: "ditolak", Expect: "ErrFormat", write: (*badBuilder).csv},
		{Agency: "kab-maluku-tenggara", File: "kehadiran_" + p + "_sandi.xlsx", Problem: "password-protected workbook (password \"pantau\")",
			Status: "ditolak", Expect: "ErrEncrypted", Rows: 20, write: (*badBuilder).encrypted},
		{Agency: "kab-maluku-tenggara", File: "kehadiran_" + p + "_rusak.xlsx", Problem: "corrupt: a valid workbook cut off after half its bytes (truncated zip)",
			Status: "ditolak", Expect: "ErrCorrupt", write: (*badBuilder).truncated},
		{Agency: "kab-seram-bagian-timur", File: "kehadiran_" + p + "_kosong.xlsx", Problem: "empty workbook: one sheet with no cells at all",
			Status: "ditolak", Expect: "ErrEmpty", write: (*badBuilder).empty},
		{Agency: "kab-seram-bagian-timur", File: "kehadiran_" + p + "_tanpa-data.xlsx", Problem: "the header row and nothing under it",
			Status: "ditolak", Expect: "ErrEmpty", write: (*badBuilder).headerOnly},
		{Agency: "kab-maluku-barat-daya", File: "kehadiran_" + p + "_dua-sheet.xlsx", Problem: "two sheets (Januari A, Januari B) both with kehadiran headers",
			Status: "ditolak", Expect: "ErrAmbiguousSheet", Rows: 20, write: (*badBuilder).twoSheets},
		{Agency: "kab-kepulauan-tanimbar", File: "~$kehadiran_" + p + ".xlsx", Problem: "Excel's lock file, left while the workbook is open",
			Status: "diabaikan", Expect: "ignored (no receipt, not moved)", write: (*badBuilder).lockFile},
		{Agency: "instansi-tak-dikenal", File: "kehadiran_" + p + ".xlsx", Problem: "a valid file in an inbox folder that is no agency of the reference workbook",
			Status: "ditolak", Expect: "ErrUnknownAgency", Rows: 20, write: (*badBuilder).valid},
	}
}

// badBuilder makes the rows of bad files from the demo world's people.
type badBuilder struct {
	w      *world
	agency string
	drop   time.Time
}

// GenerateBad writes the bad files into out/<agency>/<file> and
// out/README.md describing each, with mtimes in early February of the
// month after badPeriod.
func GenerateBad(out string, seed int64) error {
	w, err := newWorld(Demo, seed)
	if err != nil {
		return fmt.Errorf("generate bad %s: %w", out, err)
	}
	for i, c := range BadCases() {
		dir := filepath.Join(out, c.Agency)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("generate bad %s: %w", out, err)
		}
		drop := time.Date(badPeriod.Year, badPeriod.Month+1, 2, 9, i, 0, 0, domain.WIT)
		b := &badBuilder{w: w, agency: c.Agency, drop: drop}
		path := filepath.Join(dir, c.File)
		if err := c.write(b, path); err != nil {
			return fmt.Errorf("generate bad %s: %w", path, err)
		}
		if err := os.Chtimes(path, drop, drop); err != nil {
			return fmt.Errorf("generate bad %s: %w", out, err)
		}
	}
	if err := os.WriteFile(filepath.Join(out, "README.md"), []byte(badReadme()), 0o644); err != nil {
		return fmt.Errorf("generate bad %s: %w", out, err)
	}
	return nil
}

var badHeader = []string{"NIP", "Nama", "Nama Pelatihan", "Jenis Pengembangan", "Kategori", "Penyelenggara",
	"Tanggal Mulai", "Tanggal Selesai", "JP", "Status Kehadiran", "Mode"}

// staff are n people of the builder's agency (of Kota Ambon for an unknown agency).
func (b *badBuilder) staff(n int) []*person {
	code := b.agency
	if _, ok := b.w.ref.Agency(code); !ok {
		code = "kota-ambon"
	}
	ai := b.w.agencyIndex(code)
	var out []*person
	for _, p := range b.w.people {
		if p.agencyAt(12) == ai && p.active(12) && len(out) < n {
			out = append(out, p)
		}
	}
	return out
}

// attendanceRows are n valid kehadiran rows in badPeriod.
func (b *badBuilder) attendanceRows(n int) [][]any {
	var rows [][]any
	titles := []struct {
		name, jenis, kat string
		jp               float64
		mode             string
	}{
		{"Bimtek Penyusunan SKP", "Bimbingan Teknis", "Teknis", 16, "Luring"},
		{"E-Learning Literasi Digital", "E-Learning", "Lainnya", 8, "Daring"},
		{"Pelatihan Pelayanan Prima", "Pelatihan", "Pelayanan Publik", 24, "Luring"},
		{"Webinar Moderasi Beragama", "Seminar", "Sosial Kultural", 4, "Daring"},
	}
	for i, p := range b.staff(n) {
		c := titles[i%len(titles)]
		start := domain.Date(badPeriod.Year, badPeriod.Month, 5+i%20)
		rows = append(rows, []any{p.NIP, p.Name, c.name, c.jenis, c.kat, "BPSDM Provinsi Maluku",
			start.Format("02/01/2006"), start.AddDate(0, 0, 1).Format("02/01/2006"), c.jp, "Hadir", c.mode})
	}
	return rows
}

// save writes one sheet: optional title rows, the header, the rows.
func (b *badBuilder) save(path string, titles []string, header []string, rows [][]any, opts ...excelize.Options) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := b.fill(f, "Sheet1", titles, header, rows); err != nil {
		return err
	}
	return saveAs(f, path, opts...)
}

func (b *badBuilder) fill(f *excelize.File, sheet string, titles []string, header []string, rows [][]any) error {
	r := 1
	for _, t := range titles {
		f.SetCellStr(sheet, fmt.Sprintf("A%d", r), t)
		r++
	}
	all := append([][]any{toAny(header)}, rows...)
	for _, row := range all {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
		r++
	}
	return nil
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func periodTitle() []string { return []string{"Periode: " + domain.PeriodLabel(badPeriod, "id")} }

func (b *badBuilder) valid(path string) error {
	return b.save(path, periodTitle(), badHeader, b.attendanceRows(20))
}

func (b *badBuilder) unknownHeaders(path string) error {
	var rows [][]any
	for i, r := range b.attendanceRows(20) {
		rows = append(rows, []any{i + 1, r[0], r[2], r[6], r[8], "-"})
	}
	return b.save(path, periodTitle(), []string{"No", "Nomor Pegawai", "Kegiatan", "Waktu", "Jumlah Jam", "Keterangan"}, rows)
}

func (b *badBuilder) noPeriod(path string) error {
	rows := b.attendanceRows(20)
	for i := 10; i < 20; i++ { // half the rows in the next month
		start := domain.Date(badPeriod.Year, badPeriod.Month+1, 3+i)
		rows[i][6], rows[i][7] = start.Format("02/01/2006"), start.AddDate(0, 0, 1).Format("02/01/2006")
	}
	return b.save(path, nil, badHeader, rows)
}

func (b *badBuilder) periodConflict(path string) error {
	return b.save(path, []string{"Periode: " + domain.PeriodLabel(badPeriod.Add(-1), "id")}, badHeader, b.attendanceRows(20))
}

func (b *badBuilder) nipNumber(path string) error {
	rows := b.attendanceRows(20)
	var n float64
	fmt.Sscan(rows[7][0].(string), &n)
	rows[7][0] = n // a numeric cell: 1.98…e+17
	return b.save(path, periodTitle(), badHeader, rows)
}

func (b *badBuilder) badDates(path string) error {
	rows := b.attendanceRows(25)
	rows[3][6] = fmt.Sprintf("31/02/%d", badPeriod.Year)
	rows[11][6] = "kemarin"
	return b.save(path, periodTitle(), badHeader, rows)
}

var badRosterHeader = []string{"NIP", "Nama", "Jenis ASN", "Jenis Kelamin", "Kode Instansi", "Unit Kerja", "Kabupaten/Kota", "Jabatan", "Golongan", "Status"}

func (b *badBuilder) rosterRows(n int) [][]any {
	var rows [][]any
	for _, p := range b.staff(n) {
		sex := "L"
		if p.Female {
			sex = "P"
		}
		u := p.unitAt(12)
		rows = append(rows, []any{p.NIP, p.Name, p.Type, sex, b.agency, u.Name, u.District, p.Jabatan, p.Golongan, "Aktif"})
	}
	return rows
}

func (b *badBuilder) unknownDistrict(path string) error {
	rows := b.rosterRows(20)
	rows[5][6] = "Kabupaten Halmahera Barat"
	return b.save(path, periodTitle(), badRosterHeader, rows)
}

func (b *badBuilder) otherAgency(path string) error {
	rows := b.rosterRows(20)
	rows[9][4] = "kota-ambon"
	return b.save(path, periodTitle(), badRosterHeader, rows)
}

func (b *badBuilder) duplicateRows(path string) error {
	rows := b.attendanceRows(20)
	dup := append([]any(nil), rows[4]...)
	rows = append(rows[:9:9], append([][]any{dup}, rows[9:]...)...)
	return b.save(path, periodTitle(), badHeader, rows)
}

func (b *badBuilder) tooManyBad(path string) error {
	rows := b.attendanceRows(20)
	for _, i := range []int{2, 6, 11, 17} {
		rows[i][8] = nil
	}
	return b.save(path, periodTitle(), badHeader, rows)
}

// xls writes the start of an OLE2 compound file, as an old .xls begins.
func (b *badBuilder) xls(path string) error {
	data := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 4088)...)
	return os.WriteFile(path, data, 0o644)
}

func (b *badBuilder) csv(path string) error {
	var s strings.Builder
	s.WriteString(strings.Join(badHeader, ";") + "\n")
	for _, r := range b.attendanceRows(20) {
		var f []string
		for _, v := range r {
			f = append(f, fmt.Sprint(v))
		}
		s.WriteString(strings.Join(f, ";") + "\n")
	}
	return os.WriteFile(path, []byte(s.String()), 0o644)
}

func (b *badBuilder) encrypted(path string) error {
	return b.save(path, periodTitle(), badHeader, b.attendanceRows(20), excelize.Options{Password: "pantau"})
}

func (b *badBuilder) truncated(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := b.fill(f, "Sheet1", periodTitle(), badHeader, b.attendanceRows(20)); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes()[:buf.Len()/2], 0o644)
}

func (b *badBuilder) empty(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	return saveAs(f, path)
}

func (b *badBuilder) headerOnly(path string) error {
	return b.save(path, periodTitle(), badHeader, nil)
}

func (b *badBuilder) twoSheets(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	rows := b.attendanceRows(20)
	if err := f.SetSheetName("Sheet1", "Januari A"); err != nil {
		return err
	}
	if _, err := f.NewSheet("Januari B"); err != nil {
		return err
	}
	if err := b.fill(f, "Januari A", periodTitle(), badHeader, rows[:10]); err != nil {
		return err
	}
	if err := b.fill(f, "Januari B", periodTitle(), badHeader, rows[10:]); err != nil {
		return err
	}
	return saveAs(f, path)
}

// lockFile writes what Excel leaves as ~$name while a workbook is open: a
// small binary file starting with the user's name.
func (b *badBuilder) lockFile(path string) error {
	data := make([]byte, 165)
	copy(data[1:], "BKPSDM Tanimbar")
	data[0] = byte(len("BKPSDM Tanimbar"))
	return os.WriteFile(path, data, 0o644)
}

// badReadme is sample-data/bad/README.md.
func badReadme() string {
	var s strings.Builder
	s.WriteString("# sample-data/bad — files the ingest must explain\n\n")
	s.WriteString("Generated by `sampledata.GenerateBad` (`go test ./sample-data -run TestBadCommitted -update`); do not edit by hand.\n")
	s.WriteString("Each file is organised as `<agency-code>/<file>` so the folders can be copied into an inbox, and is\n")
	s.WriteString("otherwise valid: it fails for its one reason only. All are for period " + badPeriod.String() + ", after the demo year,\n")
	s.WriteString("so they never replace a demo upload; each partially accepted file is the only one of its agency and kind.\n")
	s.WriteString("Sentinels are those of `ingest/upload.go` (file level, `FileError`) and `ingest/errors.go` (row level, `RowError`).\n\n")
	s.WriteString("| folder | file | problem | expected status | expected error |\n|---|---|---|---|---|\n")
	for _, c := range BadCases() {
		exp := c.Expect
		switch {
		case c.Status == "diterima sebagian":
			exp = fmt.Sprintf("row error `%s` on %d of %d rows; the other rows accepted", c.Expect, c.BadRows, c.Rows)
		case strings.HasPrefix(c.Expect, "Err"):
			exp = "`" + c.Expect + "`"
		}
		fmt.Fprintf(&s, "| `%s` | `%s` | %s | %s | %s |\n", c.Agency, c.File, c.Problem, c.Status, exp)
	}
	s.WriteString("\n`ErrUnknownAgency` and the `~$` lock file are decided by the inbox scan (`ingest.Run`), not by `ReadFile`.\n")
	return s.String()
}
