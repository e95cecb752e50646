package ingest

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// buildWorkbook builds an .xlsx in memory: rows of cells per sheet, written as
// a person would (strings as text, numbers and time.Time as typed values).
func buildWorkbook(t testing.TB, date1904 bool, sheets map[string][][]any, merges ...[3]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	first := true
	for name, rows := range sheets {
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				var err error
				switch v := v.(type) {
				case string:
					err = f.SetCellStr(name, cell, v)
				case time.Time:
					// Write the serial of the chosen date system with a date format.
					base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
					if date1904 {
						base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
					}
					d := time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, time.UTC)
					err = f.SetCellValue(name, cell, d.Sub(base).Hours()/24)
					if err == nil {
						st, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
						err = f.SetCellStyle(name, cell, cell, st)
					}
				default:
					err = f.SetCellValue(name, cell, v)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	for _, m := range merges {
		if err := f.MergeCell(m[0], m[1], m[2]); err != nil {
			t.Fatal(err)
		}
	}
	if date1904 {
		yes := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// records turns the accepted rows into comparable maps (column → value).
func records(rec arrow.RecordBatch) []map[string]any {
	if rec == nil {
		return nil
	}
	var out []map[string]any
	for i := 0; i < int(rec.NumRows()); i++ {
		m := map[string]any{}
		for c, col := range rec.Columns() {
			name := rec.ColumnName(c)
			if col.IsNull(i) {
				continue
			}
			switch a := col.(type) {
			case *array.String:
				m[name] = a.Value(i)
			case *array.Date32:
				m[name] = a.Value(i).ToTime().Format("2006-01-02")
			case *array.Float64:
				m[name] = a.Value(i)
			case *array.Int32:
				m[name] = int(a.Value(i))
			case *array.Int8:
				m[name] = int(a.Value(i))
			}
		}
		delete(m, "upload_id")
		out = append(out, m)
	}
	return out
}

// problem is a row error reduced to what tests compare.
type problem struct {
	Row    int
	Column string
	Err    error
}

func problems(u *Upload) []problem {
	var out []problem
	for _, p := range u.Problems {
		out = append(out, problem{p.Row, p.Column, p.Err})
	}
	return out
}

var errCmp = cmp.Comparer(func(a, b error) bool { return errors.Is(a, b) || errors.Is(b, a) })

func TestReadMessyKehadiran(t *testing.T) {
	oct := func(d int) time.Time { return time.Date(2026, 10, d, 0, 0, 0, 0, time.UTC) }
	for _, sys := range []bool{false, true} {
		rows := [][]any{
			{"LAPORAN KEHADIRAN PELATIHAN ASN"},
			{"Periode: Oktober 2026"},
			{},
			{"No", "NIP Peserta", "Nama Peserta", "Judul Pelatihan", "Jenis Diklat", "Tanggal", nil, "Jumlah JP", "Kehadiran", "Moda", "Tempat", "Catatan"},
			{nil, nil, nil, nil, nil, "Mulai", "Selesai"},
			{"(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)", "(12)"},
			{1, "19860926 201505 1 001", "Maria", "Pelayanan Prima", "8", oct(5), oct(7), "24 JP", "✓", "Offline", "Ambon", "x"},
			{2, "199001012019032002", "Ani", "Literasi Digital", "E-learning", "06/10/2026", "6 Okt 2026", "8,5", "H", "online", nil, nil},
			{3, 198609262015051001, "Numeric", "Pelayanan Prima", "Workshop", oct(5), oct(7), 24, "Hadir", nil, nil, nil},
			{4, "19860926 201505 1 001", "Maria", "Pelayanan Prima", "8", oct(5), oct(7), "24", "Hadir", nil, nil, nil},
			{5, "199001012019032002", "Ani", "Rapat", "Seminar", "2026-09-28", "2026-09-30", "4", "Hadir", nil, nil, nil},
			{6, "199001012019032002", "Ani", "Kelas", "Coaching", "10/10/2026", "12/10/2026", 2, "Izin", "Hybrid", "81.72", nil},
			{7, "199001012019032002", "Ani", "Kelas Lama", "Coaching", "10/10/2026", "12/10/2026", 2, "Izin", "Hybrid", "8172", nil},
			{8, "199001012019032002", "Ani", "Kelas 2", "Mentoring", "10/10/2026", "12/10/2026", 2, "Sakit", nil, nil, nil},
			{9, "199001012019032002", "Ani", "Kelas 3", "Mentoring", "10/10/2026", "12/10/2026", 2, "TH", nil, nil, nil},
			{10, "199001012019032002", "Ani", "Kelas 4", "Mentoring", "10/10/2026", "12/10/2026", 2, "Tidak", nil, nil, nil},
			{11, "199001012019032002", "Ani", "Kelas 5", "Mentoring", "10/10/2026", "12/10/2026", 2, "Ya", nil, nil, nil},
			{12, "199001012019032002", "Ani", "Kelas 6", "Mentoring", "10/10/2026", "12/10/2026", 2, "v", nil, nil, nil},
			{13, "199001012019032002", "Ani", "=HYPERLINK(\"x\")", "Mentoring", "10/10/2026", "12/10/2026", 2, "Hadir", nil, nil, nil},
			{14, "199001012019032002", "Ani", "Kelas 8", "Mentoring", "10/10/2026", "12/10/2026", 2, "Hadir", nil, nil, nil},
			{15, "199001012019032002", "Ani", "Kelas 9", "Mentoring", "10/10/2026", "12/10/2026", 2, "Hadir", nil, nil, nil},
			{16, "199001012019032002", "Ani", "Kelas 10", "Mentoring", "10/10/2026", "12/10/2026", 2, "Hadir", nil, nil, nil},
			{17, "199001012019032002", "Ani", "Kelas 11", "Mentoring", "10/10/2026", "12/10/2026", 2, "Hadir", nil, nil, nil},
			{18, "199001012019032002", "Ani", "Kelas 12", "Mentoring", "10/10/2026", "12/10/2026", 2, "Hadir", nil, nil, nil},
			{19, "199001012019032002", "Ani", "Kelas 13", "Mentoring", "10/10/2026", "12/10/2026", 2, "Hadir", nil, nil, nil},
			{20, "199001012019032002", "Ani", "Kelas 14", "Mentoring", "10/10/2026", "12/10/2026", 2, "Hadir", nil, nil, nil},
			{21, "199001012019032002", "Ani", "Kelas 15", "Mentoring", "10/10/2026", "12/10/2026", 2, "Hadir", nil, nil, nil},
			{22, "199001012019032002", "Ani", "Kelas 16", "Mentoring", "10/10/2026", "12/10/2026", 2, "Hadir", nil, nil, nil},
			{23, "199001012019032002", "Ani", "Kelas 17", "Mentoring", "10/10/2026", "12/10/2026", 2, "Hadir", nil, nil, nil},
			{24, "199001012019032002", "Ani", "Kelas 18", "Mentoring", "10/10/2026", "12/10/2026", 2, "Hadir", nil, nil, nil},
			{25, "199001012019032002", "Ani", "Kelas 19", "Mentoring", "10/10/2026", "12/10/2026", 2, "Hadir", nil, nil, nil},
			{26, "199001012019032002", "Ani", "Kelas 20", "Mentoring", "10/10/2026", "12/10/2026", 2, "Hadir", nil, nil, nil},
			{27, "199001012019032002", "Ani", "Kelas 21", "Mentoring", "10/10/2026", "12/10/2026", 2, "Hadir", nil, nil, nil},
			{28, "199001012019032002", "Ani", "Kelas 22", "Mentoring", "10/10/2026", "12/10/2026", 2, "Hadir", nil, nil, nil},
			{29, "199001012019032002", "Ani", "Kelas 23", "Mentoring", "10/10/2026", "12/10/2026", 2, "Hadir", nil, nil, nil},
			{30, "199001012019032002", "Ani", "Kelas 24", "Mentoring", "10/10/2026", "12/10/2026", 2, "Hadir", nil, nil, nil},
			{31, "199001012019032002", "Ani", "Kelas 25", "Mentoring", "10/10/2026", "12/10/2026", 2, "Hadir", nil, nil, nil},
			{32, "199001012019032002", "Ani", "Kelas 26", "Mentoring", "10/10/2026", "12/10/2026", 2, "Hadir", nil, nil, nil},
			{},
			{nil, "   "},
		}
		b := buildWorkbook(t, sys, map[string][][]any{"Kehadiran": rows}, [3]string{"Kehadiran", "F4", "G4"})
		opts := DefaultOptions()
		opts.Agency, opts.UploadID, opts.FileName, opts.MaxBadShare = "kota-ambon", "u1", "laporan pelatihan.xlsx", 0.2
		u := Read(bytes.NewReader(b), opts)
		if u.Err != nil {
			t.Fatalf("date1904=%v: Read: %v %s", sys, u.Err, u.Err.Message)
		}
		if u.Kind != domain.Kehadiran || u.Period != domain.MustPeriod("2026-10") || u.HeaderRow != 5 || u.Status != lake.Partial {
			t.Errorf("date1904=%v: kind %s period %s header %d status %s", sys, u.Kind, u.Period, u.HeaderRow, u.Status)
		}
		if diff := cmp.Diff([]string{"No", "Catatan"}, u.Extra); diff != "" {
			t.Errorf("Extra (-want +got):\n%s", diff)
		}
		wantProblems := []problem{
			{9, "NIP Peserta", ErrNIPNumber},
			{10, "NIP Peserta", ErrDuplicate},
			{11, "Tanggal Selesai", ErrOutOfPeriod},
			{13, "Tempat", ErrUnknownDistrict},
		}
		if diff := cmp.Diff(wantProblems, problems(u), errCmp); diff != "" {
			t.Errorf("date1904=%v: problems (-want +got):\n%s", sys, diff)
		}
		if u.RowsRead != 32 || u.RowsAccepted != 28 || u.RowsRejected != 4 {
			t.Errorf("counts read %d accepted %d rejected %d; want 32 28 4", u.RowsRead, u.RowsAccepted, u.RowsRejected)
		}
		got := records(u.Record)
		want := []map[string]any{
			{"nip": "198609262015051001", "nama": "Maria", "nama_pelatihan": "Pelayanan Prima", "jenis_pengembangan": "Bimbingan Teknis",
				"bentuk": "klasikal", "tanggal_mulai": "2026-10-05", "tanggal_selesai": "2026-10-07", "jp": 24.0,
				"status_kehadiran": "Hadir", "mode": "Luring", "lokasi": "81.71", "source_row": 7},
			{"nip": "199001012019032002", "nama": "Ani", "nama_pelatihan": "Literasi Digital", "jenis_pengembangan": "E-Learning",
				"bentuk": "nonklasikal", "tanggal_mulai": "2026-10-06", "tanggal_selesai": "2026-10-06", "jp": 8.5,
				"status_kehadiran": "Hadir", "mode": "Daring", "source_row": 8},
		}
		if len(got) < 2 {
			t.Fatalf("got %d records", len(got))
		}
		if diff := cmp.Diff(want, got[:2]); diff != "" {
			t.Errorf("date1904=%v: records (-want +got):\n%s", sys, diff)
		}
		if got[2]["lokasi"] != "81.72" || got[2]["mode"] != "Campuran" || got[2]["status_kehadiran"] != "Izin" {
			t.Errorf("row 11 = %v", got[2])
		}
		if got[8]["nama_pelatihan"] != "=HYPERLINK(\"x\")" {
			t.Errorf("formula-like text = %v; want kept as text", got[8]["nama_pelatihan"])
		}
		if u.Raw[9] == nil {
			t.Errorf("Raw[8] missing: %v", u.Raw)
		}
		u.Record.Release()
	}
}

func TestReadMessyPegawai(t *testing.T) {
	rows := [][]any{
		{"DAFTAR PEGAWAI DINAS KESEHATAN KOTA AMBON"},
		{"Keadaan: Oktober 2026"},
		{"No.", "Gol/Ruang", "N I P", "Nama Lengkap", "L/P", "Satker", "Kab/Kota", "Status Pegawai", "Jabatan"},
		{1, "III/b", "'19860926 201505 1 001", "Maria\u00a0Latuconsina\u200b", "Perempuan", "Dinas Kesehatan", "Kota Ambon", "aktif", "Perawat"},
		{2, "IX", "199001012021212001", " Budi ", "laki-laki", "Dinas Kesehatan", "Kab. Buru", nil, nil},
		{3, "iv a", "19700101 199003 1 002", "Ani", "P", "Dinas Kesehatan", "MTB", "Pensiun", nil},
		{},
		{nil, nil, nil, nil, nil, nil, nil, nil, nil},
	}
	b := buildWorkbook(t, false, map[string][][]any{"Pegawai Okt": rows})
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	_ = f.SetRowVisible("Pegawai Okt", 5, false) // a hidden row is read all the same
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	opts := DefaultOptions()
	opts.FileName, opts.UploadID = "data pegawai.xlsx", "u9"
	u := Read(&buf, opts)
	if u.Err != nil {
		t.Fatalf("Read: %v: %s", u.Err, u.Err.Message)
	}
	if u.Status != lake.Accepted || u.Period != domain.MustPeriod("2026-10") || u.HeaderRow != 3 || u.Sheet != "Pegawai Okt" {
		t.Errorf("status %s period %s header %d sheet %q problems %v", u.Status, u.Period, u.HeaderRow, u.Sheet, u.Problems)
	}
	want := []map[string]any{
		{"nip": "198609262015051001", "nama": "Maria Latuconsina", "jenis_asn": "PNS", "jenis_kelamin": "P", "unit_kerja": "Dinas Kesehatan",
			"district_code": "81.71", "jabatan": "Perawat", "golongan": "III/b", "status": "Aktif", "source_row": 4},
		{"nip": "199001012021212001", "nama": "Budi", "jenis_asn": "PPPK", "jenis_kelamin": "L", "unit_kerja": "Dinas Kesehatan",
			"district_code": "81.04", "golongan": "IX", "status": "Aktif", "source_row": 5},
		{"nip": "197001011990031002", "nama": "Ani", "jenis_asn": "PNS", "jenis_kelamin": "P", "unit_kerja": "Dinas Kesehatan",
			"district_code": "81.03", "golongan": "IV/a", "status": "Pensiun", "source_row": 6},
	}
	if diff := cmp.Diff(want, records(u.Record)); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"No."}, u.Extra); diff != "" {
		t.Errorf("Extra (-want +got):\n%s", diff)
	}
	if u.Record != nil {
		u.Record.Release()
	}
}
