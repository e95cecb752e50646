package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

func TestReadWholeFileRejections(t *testing.T) {
	oct := time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)
	kehadiran := [][]any{
		{"NIP", "Nama Pelatihan", "Jenis Pengembangan", "Tanggal Mulai", "Tanggal Selesai", "JP", "Status Kehadiran"},
		{"198609262015051001", "Pelayanan Prima", "8", oct, oct, 8, "Hadir"},
	}
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	encrypted := append(append([]byte{}, ole...), utf16le("EncryptionInfo")...)
	good := buildWorkbook(t, false, map[string][][]any{"Data": kehadiran})
	tests := []struct {
		name, file string
		data       []byte
		want       error
	}{
		{"xls by extension", "kehadiran_2026-10.xls", good, ErrFormat},
		{"csv", "kehadiran_2026-10.csv", []byte("NIP;Nama\n"), ErrFormat},
		{"ods", "kehadiran_2026-10.ods", good, ErrFormat},
		{"xls renamed xlsx", "kehadiran_2026-10.xlsx", ole, ErrFormat},
		{"encrypted", "kehadiran_2026-10.xlsx", encrypted, ErrEncrypted},
		{"csv renamed xlsx", "kehadiran_2026-10.xlsx", []byte("NIP,Nama\n1,2\n"), ErrFormat},
		{"ods renamed xlsx", "kehadiran_2026-10.xlsx", odsBytes(t), ErrFormat},
		{"corrupt zip", "kehadiran_2026-10.xlsx", good[:len(good)/2], ErrCorrupt},
		{"empty file", "kehadiran_2026-10.xlsx", nil, ErrEmpty},
		{"no data rows", "kehadiran_2026-10.xlsx", buildWorkbook(t, false, map[string][][]any{"Data": kehadiran[:1]}), ErrEmpty},
		{"unknown headers", "kehadiran_2026-10.xlsx", buildWorkbook(t, false, map[string][][]any{"Data": {{"A", "B"}, {"1", "2"}}}), ErrUnknownHeaders},
		{"two sheets", "kehadiran_2026-10.xlsx", buildWorkbook(t, false, map[string][][]any{"Data": kehadiran, "Salinan": kehadiran}), ErrAmbiguousSheet},
		{"no period", "kehadiran.xlsx", buildWorkbook(t, false, map[string][][]any{"Data": {kehadiran[0], kehadiran[1],
			{"198609262015051001", "Lain", "8", "01/09/2026", "02/09/2026", 8, "Hadir"}}}), ErrNoPeriod},
		{"period conflict", "kehadiran_2026-10.xlsx", buildWorkbook(t, false, map[string][][]any{"Data": append([][]any{{"Periode: September 2026"}}, kehadiran...)}), ErrPeriodConflict},
		// 3 of 4 rows bad: over the 10 % share and at the 3-row minimum.
		{"too many bad rows", "kehadiran_2026-10.xlsx", buildWorkbook(t, false, map[string][][]any{"Data": {kehadiran[0], kehadiran[1],
			{"1.98609262015051E+17", "Lain", "8", oct, oct, 8, "Hadir"},
			{"19860926201505100", "Lain", "8", oct, oct, 8, "Hadir"},
			{"198609262015051001", "Lain", "8", oct, oct, "x", "Hadir"}}}), ErrTooManyBadRows},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := DefaultOptions()
			opts.FileName = tt.file
			u := Read(bytes.NewReader(tt.data), opts)
			if u.Status != lake.Rejected || u.Err == nil || !errors.Is(u.Err, tt.want) {
				t.Fatalf("Read(%s) = %s, %v; want rejected with %v", tt.name, u.Status, u.Err, tt.want)
			}
			if u.Err.Message == "" || u.Record != nil {
				t.Errorf("Read(%s): message %q, record %v", tt.name, u.Err.Message, u.Record)
			}
			t.Logf("%s: %s", tt.name, u.Err.Message)
		})
	}
}

func TestReadTooManyRows(t *testing.T) {
	rows := [][]any{{"NIP", "Nama", "Unit Kerja", "Kabupaten/Kota"}}
	for i := 0; i < 20; i++ {
		rows = append(rows, []any{"198609262015051001", "A", "B", "Ambon"})
	}
	opts := DefaultOptions()
	opts.FileName, opts.MaxRows = "pegawai_2026-10.xlsx", 10
	u := Read(bytes.NewReader(buildWorkbook(t, false, map[string][][]any{"Data": rows})), opts)
	if !errors.Is(u.Err, ErrTooManyRows) || u.RowsRead != 11 {
		t.Errorf("Read = %v after %d rows; want ErrTooManyRows after 11", u.Err, u.RowsRead)
	}
}

func TestReadZipBomb(t *testing.T) {
	rows := [][]any{{"NIP", "Nama", "Unit Kerja", "Kabupaten/Kota"}}
	long := strings.Repeat("A", 4000)
	for i := 0; i < 200; i++ {
		rows = append(rows, []any{"198609262015051001", itoa(i) + long, "B", "Ambon"})
	}
	opts := DefaultOptions()
	opts.FileName, opts.MaxUnzipSize, opts.MaxXMLSize = "pegawai_2026-10.xlsx", 256<<10, 128<<10
	u := Read(bytes.NewReader(buildWorkbook(t, false, map[string][][]any{"Data": rows})), opts)
	if !errors.Is(u.Err, ErrTooLarge) {
		t.Errorf("Read = %v; want ErrTooLarge", u.Err)
	}
}

func TestReadFileNotFound(t *testing.T) {
	u := ReadFile(filepath.Join(t.TempDir(), "nope.xlsx"), DefaultOptions())
	if u == nil || u.Status != lake.Rejected || u.Err == nil {
		t.Fatalf("ReadFile(missing) = %+v", u)
	}
}

func TestReadSurveiMapping(t *testing.T) {
	oct := time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)
	ref := DefaultReference()
	ref.Units = []domain.Unit{{Code: "ambon-dukcapil", Name: "Disdukcapil Kota Ambon", Agency: "kota-ambon"}}
	rows := [][]any{
		{"SURVEI KEPUASAN MASYARAKAT"},
		{"Tanggal", "Unit Layanan", "Jenis Layanan", "U1", "U2", "U3", "U4 Biaya/Tarif", "U5", "U6", "U7", "U8 (Penanganan Pengaduan, Saran dan Masukan)", "U9 Sarana dan Prasarana", "Saran"},
		{oct, "Disdukcapil Kota Ambon", "KTP-el", 4, "3", "3", "Gratis", 3, 3, 4, "Tidak ada", "Sangat baik", "=cepat"},
		{"06/10/2026", "Disdukcapil Kota Ambon", "KTP-el", nil, nil, nil, nil, nil, nil, nil, nil, nil, "kosong"},
		{"07/10/2026", "Kantor Lain", "KTP-el", 1, 1, 1, 1, 1, 1, 1, 1, 1, nil},
		{"30/09/2026", "ambon-dukcapil", "KTP-el", 1, 1, 1, 1, 1, 1, 1, 1, 1, nil},
	}
	opts := DefaultOptions()
	opts.FileName, opts.Reference, opts.MaxBadShare, opts.Agency = "Survei Oktober 2026.xlsx", ref, 1, "kota-ambon"
	u := Read(bytes.NewReader(buildWorkbook(t, false, map[string][][]any{"SKM": rows})), opts)
	if u.Err != nil {
		t.Fatalf("Read: %v %s", u.Err, u.Err.Message)
	}
	want := []problem{{4, "U1", ErrNoAnswers}, {5, "Unit Layanan", ErrUnknownUnit}, {6, "Tanggal", ErrOutOfPeriod}}
	if diff := cmp.Diff(want, problems(u), errCmp); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	got := records(u.Record)
	wantRec := []map[string]any{{"tanggal": "2026-10-05", "unit_code": "ambon-dukcapil", "jenis_layanan": "KTP-el", "u1": 4, "u2": 3, "u3": 3,
		"u4": 4, "u5": 3, "u6": 3, "u7": 4, "u8": 4, "u9": 1, "saran": "=cepat", "source_row": 3}}
	if diff := cmp.Diff(wantRec, got); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	notes := strings.Join(u.Notes, "\n")
	t.Log(notes)
	for _, w := range []string{"U8 ← \"U9 Sarana dan Prasarana\"", "U9 ← \"U8 (Penanganan Pengaduan, Saran dan Masukan)\"", "menurut nama unsurnya"} {
		if !strings.Contains(notes, w) {
			t.Errorf("Notes lack %q:\n%s", w, notes)
		}
	}
	u.Record.Release()
}

func TestReadEvaluasiChecks(t *testing.T) {
	rows := [][]any{
		{"NIP", "Nama", "Periode Penilaian", "Rating Hasil Kerja", "Rating Perilaku", "Predikat", "Kode Instansi"},
		{"198609262015051001", "A", "Triwulan III 2026", "Di Atas Ekspektasi", "Di Atas Ekspektasi", "", ""},
		{"198609262015051002", "B", "2026-09", "Sesuai", "Sesuai", "Baik", "pemprov-maluku"},
		{"198609262015051003", "C", "2026-09", "Sesuai", "Di Bawah", "Baik", ""},
		{"198609262015051004", "D", "Semester I 2026", "", "", "Baik", ""},
		{"198609262015051005", "E", "2026-09", "", "", "", ""},
		{"198609262015051001", "A", "Triwulan III 2026", "", "", "Sangat Baik", ""},
	}
	opts := DefaultOptions()
	opts.FileName, opts.Agency, opts.MaxBadShare = "evaluasi_2026-09.xlsx", "kota-ambon", 1
	u := Read(bytes.NewReader(buildWorkbook(t, false, map[string][][]any{"SKP": rows})), opts)
	if u.Err != nil {
		t.Fatalf("Read: %v", u.Err)
	}
	want := []problem{
		{3, "Kode Instansi", ErrOtherAgency},
		{4, "Predikat", ErrMismatch},
		{5, "Periode Penilaian", ErrOutOfPeriod},
		{6, "Predikat", ErrRequired},
		{7, "NIP", ErrDuplicate},
	}
	if diff := cmp.Diff(want, problems(u), errCmp); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	got := records(u.Record)
	if len(got) != 1 || got[0]["predikat"] != "Sangat Baik" || got[0]["jenis_periode"] != "triwulan" || got[0]["periode_selesai"] != "2026-09-30" {
		t.Errorf("records = %v", got)
	}
	u.Record.Release()
}

func TestReadPegawaiASN(t *testing.T) {
	rows := [][]any{
		{"NIP", "Nama", "Unit Kerja", "Kabupaten/Kota", "Jenis ASN", "Status"},
		{"198609262015051001", "A", "Dinas", "Kab. Buru", "PPPK", ""},
		{"198609262015051002", "B", "Dinas", "8104", "PNS", ""},
		{"198609262015051003", "C", "Dinas", "81.04", "", "TB"},
	}
	opts := DefaultOptions()
	opts.FileName, opts.MaxBadShare = "pegawai_2026-10.xlsx", 1
	u := Read(bytes.NewReader(buildWorkbook(t, false, map[string][][]any{"Pegawai": rows})), opts)
	want := []problem{{2, "Jenis ASN", ErrMismatch}, {3, "Kabupaten/Kota", ErrUnknownDistrict}}
	if diff := cmp.Diff(want, problems(u), errCmp); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	got := records(u.Record)
	if len(got) != 1 || got[0]["jenis_asn"] != "PNS" || got[0]["status"] != "Tugas Belajar" || got[0]["district_code"] != "81.04" {
		t.Errorf("records = %v", got)
	}
	u.Record.Release()
}

func TestReference(t *testing.T) {
	ref := DefaultReference()
	ref.Agencies = []domain.Agency{{Code: "kota-ambon", Name: "Pemerintah Kota Ambon", District: "81.71", Expects: []domain.Kind{domain.Pegawai, domain.Survei}}}
	ref.Units = []domain.Unit{{Code: "ambon-dukcapil", Name: "Disdukcapil Kota Ambon", Agency: "kota-ambon", District: "81.71",
		ServiceTypes: []string{"Akta Kelahiran", "KTP-el"}, UsersPerMonth: 1200}}
	path := filepath.Join(t.TempDir(), "referensi.xlsx")
	var buf bytes.Buffer
	if err := WriteReference(&buf, ref); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got, problems, err := ReadReference(path)
	if err != nil || len(problems) != 0 {
		t.Fatalf("ReadReference = %v, %v", problems, err)
	}
	if diff := cmp.Diff(ref, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

// Short names are read, Maluku's usual ones fill a workbook from before the
// column, and no two rows of a sheet may share one.
func TestReferenceShortNames(t *testing.T) {
	ref := DefaultReference()
	ref.Agencies = []domain.Agency{{Code: "kab-sbb", Name: "Pemerintah Kabupaten Seram Bagian Barat", District: "81.06", Short: "Pemkab SBB"},
		{Code: "kab-sbt", Name: "Pemerintah Kabupaten Seram Bagian Timur", District: "81.05", Short: "Pemkab SBT"}}
	ref.Units = []domain.Unit{{Code: "ambon-dukcapil", Name: "Dinas Kependudukan dan Pencatatan Sipil Kota Ambon", Short: "Disdukcapil Ambon"}}
	var buf bytes.Buffer
	if err := WriteReference(&buf, ref); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "referensi.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got, problems, err := ReadReference(path)
	if err != nil || len(problems) != 0 {
		t.Fatalf("ReadReference = %v, %v", problems, err)
	}
	if diff := cmp.Diff(ref, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if d, _ := got.District("81.06"); d.Short != "SBB" {
		t.Errorf("81.06 short = %q; want SBB", d.Short)
	}

	b := buildWorkbook(t, false, map[string][][]any{
		SheetKabupaten: {{"Kode Kabupaten/Kota", "Nama Kabupaten/Kota", "Terpencil"},
			{"81.05", "Kabupaten Seram Bagian Timur", "Ya"}, {"81.06", "Kabupaten Seram Bagian Barat", "Ya"}},
		SheetInstansi: {{"Kode Instansi", "Nama Instansi", "Kabupaten/Kota", "Wajib Pegawai", "Wajib Kehadiran", "Wajib Evaluasi", "Wajib Survei", "Nama Singkat"},
			{"kab-sbb", "Pemerintah Kabupaten Seram Bagian Barat", "81.06", "Ya", "Ya", "Ya", "Ya", "Pemkab Seram"},
			{"kab-sbt", "Pemerintah Kabupaten Seram Bagian Timur", "81.05", "Ya", "Ya", "Ya", "Ya", "pemkab  seram"}},
	})
	path = filepath.Join(t.TempDir(), "lama.xlsx")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	got, probs, err := ReadReference(path)
	if err != nil {
		t.Fatal(err)
	}
	var shorts []string
	for _, d := range got.Districts {
		shorts = append(shorts, d.Short)
	}
	if diff := cmp.Diff([]string{"SBT", "SBB"}, shorts); diff != "" {
		t.Errorf("built-in short names (-want +got):\n%s", diff)
	}
	var gotp []problem
	for _, p := range probs {
		gotp = append(gotp, problem{p.Row, p.Column, p.Err})
	}
	if diff := cmp.Diff([]problem{{3, "Nama Singkat", ErrDuplicate}}, gotp, errCmp); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if len(got.Agencies) != 1 {
		t.Errorf("agencies = %v; want the row with the repeated short name left out", got.Agencies)
	}
}

func TestReadRosterAndRowPeriod(t *testing.T) {
	rows := [][]any{
		{"NIP", "Nama", "Nama Pelatihan", "Jenis Pengembangan", "Tanggal Mulai", "Tanggal Selesai", "JP", "Status Kehadiran"},
		{"198609262015051001", "Maria L.", "A", "Seminar", "01/03/2026", "02/03/2026", 8, "Hadir"},
		{"198609262015051002", "Budi", "A", "Seminar", "01/03/2026", "31/03/2026", 8, "Hadir"},
		{"198609262015051003", "Ani", "A", "Seminar", "01/03/2026", "02/03/2026", 8, "Hadir"},
	}
	roster := map[string]string{"198609262015051001": "Maria Latuconsina", "198609262015051002": "BUDI"}
	opts := DefaultOptions()
	opts.FileName = "kehadiran.xlsx"
	opts.Roster = func(nip string) (string, bool) { n, ok := roster[nip]; return n, ok }
	u := Read(bytes.NewReader(buildWorkbook(t, false, map[string][][]any{"Data": rows})), opts)
	if u.Err != nil || u.Period != domain.MustPeriod("2026-03") || u.Status != lake.Accepted {
		t.Fatalf("Read = %v period %s status %s", u.Err, u.Period, u.Status)
	}
	var got []problem
	for _, w := range u.Warnings {
		got = append(got, problem{w.Row, w.Column, w.Err})
	}
	want := []problem{{2, "Nama", ErrRoster}, {4, "NIP", ErrRoster}}
	if diff := cmp.Diff(want, got, errCmp); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	u.Record.Release()
}

func TestReadUnitOfAnotherAgency(t *testing.T) {
	ref := DefaultReference()
	ref.Units = []domain.Unit{{Code: "tual-rsud", Name: "RSUD Tual", Agency: "kota-tual"}, {Code: "ambon-dukcapil", Name: "Disdukcapil", Agency: "kota-ambon"}}
	rows := [][]any{
		{"Tanggal", "Kode Unit Layanan", "Jenis Layanan", "U1"},
		{"05/10/2026", "ambon-dukcapil", "KTP-el", 4},
		{"05/10/2026", "tual-rsud", "Rawat Jalan", 4},
	}
	opts := DefaultOptions()
	opts.FileName, opts.Agency, opts.Reference, opts.MaxBadShare = "survei_2026-10.xlsx", "kota-ambon", ref, 1
	u := Read(bytes.NewReader(buildWorkbook(t, false, map[string][][]any{"Data": rows})), opts)
	want := []problem{{3, "Kode Unit Layanan", ErrOtherAgency}}
	if diff := cmp.Diff(want, problems(u), errCmp); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if u.Record != nil {
		u.Record.Release()
	}
}

// odsBytes is a minimal OpenDocument spreadsheet package.
func odsBytes(t *testing.T) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<office:document-content/>"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadReferenceProblems(t *testing.T) {
	b := buildWorkbook(t, false, map[string][][]any{
		SheetKabupaten: {{"Kode Kabupaten/Kota", "Nama Kabupaten/Kota", "Terpencil (Ya/Tidak)"},
			{"81.71", "Kota Ambon", "Tidak"}, {"8172", "Kota Tual", "Tidak"}, {"81.04", "Kabupaten Buru", "mungkin"}, {"81.03", "Kabupaten Kepulauan Tanimbar", "ya"}},
		SheetInstansi: {{"Kode Instansi", "Nama Instansi", "Kabupaten/Kota", "Wajib Pegawai", "Wajib Kehadiran", "Wajib Evaluasi", "Wajib Survei"},
			{"Kota-Ambon", "Pemerintah Kota Ambon", "Ambon", "Ya", "Ya", "Tidak", ""}, {"kota tual", "Tual", "Kota Tual", "Ya", "Ya", "Ya", "Ya"},
			{"kab-x", "X", "Halmahera", "Ya", "Ya", "Ya", "Ya"}},
		SheetUnit: {{"Kode Unit Layanan", "Nama Unit Layanan", "Kode Instansi", "Kabupaten/Kota", "Jenis Layanan", "Pengguna per Bulan"},
			{"ambon-dukcapil", "Disdukcapil", "kota-ambon", "", "KTP-el; KK ;", "1.200"}, {"x", "Y", "kab-lain", "", "", ""}},
	})
	path := filepath.Join(t.TempDir(), "referensi.xlsx")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	ref, probs, err := ReadReference(path)
	if err != nil {
		t.Fatal(err)
	}
	var got []problem
	for _, p := range probs {
		got = append(got, problem{p.Row, p.Sheet + "/" + p.Column, p.Err})
	}
	want := []problem{
		{3, "Kabupaten/Kode Kabupaten/Kota", ErrUnknownDistrict},
		{4, "Kabupaten/Terpencil", ErrEnum},
		{3, "Instansi/Kode Instansi", ErrRequired},
		{4, "Instansi/Kabupaten/Kota", ErrUnknownDistrict},
		{3, "Unit Layanan/Kode Instansi", ErrOtherAgency},
	}
	if diff := cmp.Diff(want, got, errCmp); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	wantRef := &domain.Reference{
		Districts: []domain.District{{Code: "81.71", Name: "Kota Ambon", Short: "Ambon"}, {Code: "81.03", Name: "Kabupaten Kepulauan Tanimbar", Remote: true, Short: "KKT"}},
		Agencies:  []domain.Agency{{Code: "kota-ambon", Name: "Pemerintah Kota Ambon", District: "81.71", Expects: []domain.Kind{domain.Pegawai, domain.Kehadiran}}},
		Units: []domain.Unit{{Code: "ambon-dukcapil", Name: "Disdukcapil", Agency: "kota-ambon", District: "81.71",
			ServiceTypes: []string{"KTP-el", "KK"}, UsersPerMonth: 1200}},
	}
	if diff := cmp.Diff(wantRef, ref); diff != "" {
		t.Errorf("reference (-want +got):\n%s", diff)
	}
}

// TestReadConcurrent reads workbooks from several goroutines, as the
// ingest worker pool does (run with -race).
func TestReadConcurrent(t *testing.T) {
	b := kehadiranWorkbook(t, 200)
	done := make(chan *Upload)
	for i := 0; i < 4; i++ {
		go func() {
			opts := DefaultOptions()
			opts.FileName = "kehadiran_2026-10.xlsx"
			done <- Read(bytes.NewReader(b), opts)
		}()
	}
	for i := 0; i < 4; i++ {
		u := <-done
		if u.Err != nil || u.RowsAccepted != 200 {
			t.Errorf("Read = %v, %d accepted", u.Err, u.RowsAccepted)
		}
		if u.Record != nil {
			u.Record.Release()
		}
	}
}

// TestReadSmallFileKeepsGoodRows: the whole-file rejection for bad rows
// needs both more than MaxBadShare of the rows and at least MinBadRows.
func TestReadSmallFileKeepsGoodRows(t *testing.T) {
	oct := time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)
	header := []any{"NIP", "Nama Pelatihan", "Jenis Pengembangan", "Tanggal Mulai", "Tanggal Selesai", "JP", "Status Kehadiran"}
	good := func(i int) []any {
		return []any{fmt.Sprintf("198609262015051%03d", i+11), "Pelayanan Prima", "8", oct, oct, 8, "Hadir"}
	}
	bad := func(i int) []any {
		return []any{fmt.Sprintf("19860926201505%03d", i+11), "Pelayanan Prima", "8", oct, oct, 8, "Hadir"}
	} // 17 digits
	sheet := func(nGood, nBad int) []byte {
		rows := [][]any{header}
		for i := 0; i < nGood; i++ {
			rows = append(rows, good(i))
		}
		for i := 0; i < nBad; i++ {
			rows = append(rows, bad(i))
		}
		return buildWorkbook(t, false, map[string][][]any{"Data": rows})
	}
	for _, tt := range []struct {
		name             string
		good, bad, min   int
		want             lake.Status
		accepted, reject int
	}{
		{"4 rows, 1 bad (25 %, under 3 rows)", 3, 1, 0, lake.Partial, 3, 1},
		{"4 rows, 2 bad (50 %, under 3 rows)", 2, 2, 0, lake.Partial, 2, 2},
		{"4 rows, 3 bad (75 %, 3 rows)", 1, 3, 0, lake.Rejected, 0, 3},
		{"30 rows, 3 bad (10 %, not over the share)", 27, 3, 0, lake.Partial, 27, 3},
		{"4 rows, 1 bad, min_bad_rows 1", 3, 1, 1, lake.Rejected, 0, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			opts := DefaultOptions()
			opts.FileName = "kehadiran_2026-10.xlsx"
			if tt.min > 0 {
				opts.MinBadRows = tt.min
			}
			u := Read(bytes.NewReader(sheet(tt.good, tt.bad)), opts)
			if u.Status != tt.want || u.RowsAccepted != tt.accepted || u.RowsRejected != tt.reject {
				t.Errorf("Read = %s, %d accepted, %d rejected (%v, %v); want %s, %d, %d", u.Status, u.RowsAccepted, u.RowsRejected, u.Err, u.Problems, tt.want, tt.accepted, tt.reject)
			}
			if tt.want == lake.Rejected && !errors.Is(u.Err, ErrTooManyBadRows) {
				t.Errorf("Read err = %v; want ErrTooManyBadRows", u.Err)
			}
		})
	}
}
