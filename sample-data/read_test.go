package sampledata

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
)

// This file is an independent reader of the generated workbooks for the
// tests: it finds the header row, maps the spellings the generator uses back
// to canonical columns and parses the values, so the planted patterns are
// measured from the cells as written, not from the generator's memory.

// sheetData is one workbook read back: canonical column -> cell text per row.
type sheetData struct {
	Path   string
	Agency string
	Kind   domain.Kind
	Period domain.Period
	Mtime  time.Time
	Header []string // canonical names, in file order
	Rows   []map[string]string
}

// canonicalHeader maps a written header back to its canonical column.
func canonicalHeader(h string) string {
	key := normHeader(h)
	for canon, syn := range synonyms {
		if normHeader(syn) == key {
			return canon
		}
	}
	for i, el := range domain.SKMElements {
		if normHeader(el) == key {
			return fmt.Sprintf("U%d", i+1)
		}
	}
	for _, c := range allColumns {
		if normHeader(c) == key {
			return c
		}
	}
	return ""
}

var allColumns = []string{"NIP", "Nama", "Jenis ASN", "Jenis Kelamin", "Kode Instansi", "Unit Kerja",
	"Kode Unit Layanan", "Kabupaten/Kota", "Jabatan", "Golongan", "Status", "Nama Pelatihan", "Jenis Pengembangan",
	"Kategori", "Penyelenggara", "Tanggal Mulai", "Tanggal Selesai", "JP", "Status Kehadiran", "Mode", "Lokasi",
	"Periode Penilaian", "Rating Hasil Kerja", "Rating Perilaku", "Predikat", "NIP Penilai", "Tindak Lanjut",
	"Tanggal", "Unit Layanan", "Jenis Layanan", "Usia", "Pendidikan", "Pekerjaan",
	"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9", "Saran"}

func normHeader(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// kindOf tells the kind from its canonical headers.
func kindOf(cols []string) domain.Kind {
	has := map[string]bool{}
	for _, c := range cols {
		has[c] = true
	}
	switch {
	case has["Unit Kerja"]:
		return domain.Pegawai
	case has["Nama Pelatihan"]:
		return domain.Kehadiran
	case has["Periode Penilaian"]:
		return domain.Evaluasi
	case has["Jenis Layanan"]:
		return domain.Survei
	}
	return ""
}

// readWorkbook reads the data sheet of one generated workbook.
func readWorkbook(t testing.TB, path string) *sheetData {
	t.Helper()
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	sd := &sheetData{Path: path, Agency: filepath.Base(filepath.Dir(path)), Mtime: fi.ModTime().In(domain.WIT)}
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatalf("rows %s/%s: %v", path, sh, err)
		}
		for hi, row := range rows {
			var cols []string
			n := 0
			for _, h := range row {
				c := canonicalHeader(h)
				cols = append(cols, c)
				if c != "" {
					n++
				}
			}
			if n < 3 {
				continue
			}
			sd.Header, sd.Kind = cols, kindOf(cols)
			for _, tr := range rows[:hi] {
				for _, c := range tr {
					if strings.HasPrefix(c, "Periode: ") {
						sd.Period = parseTitlePeriod(t, strings.TrimPrefix(c, "Periode: "))
					}
				}
			}
			for _, r := range rows[hi+1:] {
				m := map[string]string{}
				empty := true
				for i, v := range r {
					if i < len(cols) && cols[i] != "" && v != "" {
						m[cols[i]] = v
						empty = false
					}
				}
				if !empty {
					sd.Rows = append(sd.Rows, m)
				}
			}
			break
		}
		if sd.Kind != "" {
			break
		}
	}
	if sd.Period.IsZero() {
		sd.Period = periodFromName(t, filepath.Base(path))
	}
	return sd
}

func parseTitlePeriod(t testing.TB, s string) domain.Period {
	f := strings.Fields(s)
	m, ok := domain.ParseMonth(f[0])
	y, err := strconv.Atoi(f[len(f)-1])
	if !ok || err != nil {
		t.Fatalf("title period %q", s)
	}
	return domain.Period{Year: y, Month: m}
}

func periodFromName(t testing.TB, name string) domain.Period {
	name = strings.TrimSuffix(name, ".xlsx")
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == '_' || r == ' ' }) {
		if p, err := domain.ParsePeriod(w); err == nil {
			return p
		}
	}
	f := strings.FieldsFunc(name, func(r rune) bool { return r == '_' || r == ' ' })
	for i := 0; i+1 < len(f); i++ {
		if m, ok := domain.ParseMonth(f[i]); ok {
			if y, err := strconv.Atoi(f[i+1]); err == nil {
				return domain.Period{Year: y, Month: m}
			}
		}
		if y, err := strconv.Atoi(f[i]); err == nil && y > 2000 {
			if mm, err := strconv.Atoi(f[i+1]); err == nil {
				return domain.Period{Year: y, Month: time.Month(mm)}
			}
		}
	}
	t.Fatalf("no period in file name %q", name)
	return domain.Period{}
}

// parseDate reads a date cell as the generator writes it: an Excel serial
// or Indonesian text.
func parseDate(t testing.TB, s string) time.Time {
	t.Helper()
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		d := time.Date(1899, 12, 30, 0, 0, 0, 0, domain.WIT).AddDate(0, 0, int(f))
		return d
	}
	for _, layout := range []string{"02/01/2006", "2006-01-02"} {
		if d, err := time.ParseInLocation(layout, s, domain.WIT); err == nil {
			return d
		}
	}
	f := strings.Fields(s)
	if len(f) == 3 {
		d, e1 := strconv.Atoi(f[0])
		m, ok := domain.ParseMonth(f[1])
		y, e2 := strconv.Atoi(f[2])
		if e1 == nil && ok && e2 == nil {
			return domain.Date(y, m, d)
		}
	}
	t.Fatalf("date %q not understood", s)
	return time.Time{}
}

// cleanNIP strips the spaces people type in NIPs.
func cleanNIP(s string) string { return strings.ReplaceAll(s, " ", "") }

// answer reads an SKM answer: a score or one of the labels.
func answer(t testing.TB, element int, s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	for i, l := range answerLabels[element] {
		if l == s {
			return i + 1
		}
	}
	t.Fatalf("answer U%d %q not understood", element+1, s)
	return 0
}

// readAll reads every workbook under dir/inbox, sorted by agency, mtime, name.
func readAll(t testing.TB, dir string) []*sheetData {
	paths, err := filepath.Glob(filepath.Join(dir, "inbox", "*", "*.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	var out []*sheetData
	for _, p := range paths {
		out = append(out, readWorkbook(t, p))
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Agency != b.Agency {
			return a.Agency < b.Agency
		}
		if !a.Mtime.Equal(b.Mtime) {
			return a.Mtime.Before(b.Mtime)
		}
		return a.Path < b.Path
	})
	return out
}

// demoOnce generates the demo sample for seed 1 once per test run, into a
// temporary directory (file mtimes are part of what is tested, and git does
// not keep them for the committed copy).
var demoOnce struct {
	sync.Once
	dir   string
	files []*sheetData
	err   error
}

func demo(t testing.TB) (string, []*sheetData) {
	t.Helper()
	demoOnce.Do(func() {
		demoOnce.dir, demoOnce.err = os.MkdirTemp("", "pantau-sample-*")
		if demoOnce.err != nil {
			return
		}
		if _, demoOnce.err = Generate(demoOnce.dir, Demo, 1); demoOnce.err != nil {
			return
		}
		demoOnce.files = readAll(t, demoOnce.dir)
	})
	if demoOnce.err != nil {
		t.Fatal(demoOnce.err)
	}
	return demoOnce.dir, demoOnce.files
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demoOnce.dir != "" {
		os.RemoveAll(demoOnce.dir)
	}
	os.Exit(code)
}
