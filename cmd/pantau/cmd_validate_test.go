package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// TestTemplateThenValidate: a fresh template, which holds no data row,
// fails validate; filled in, it passes with exit 0; a .csv fails with exit
// 3 and the Indonesian reason;
// validate writes nothing. The template is outside any inbox, so the
// agency is given with --agency (TestValidateAgency covers the rest).
func TestTemplateThenValidate(t *testing.T) {
	tmp := t.TempDir()
	data := filepath.Join(tmp, "data")
	inbox := filepath.Join(tmp, "kota-ambon")
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	tpl := filepath.Join(inbox, "kehadiran_2026-10.xlsx")
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"--dir", data, "template", "kehadiran", "--out", tpl}, &out, &errb); code != exitOK {
		t.Fatalf("template: exit %d: %s", code, errb.String())
	}
	// Left as it is, the template has no data row (its example is on the Petunjuk sheet).
	out.Reset()
	if code := run(context.Background(), []string{"--dir", data, "validate", "--agency", "kota-ambon", tpl}, &out, &errb); code != exitInvalid {
		t.Errorf("validate untouched template: exit %d; want %d\n%s", code, exitInvalid, out.String())
	}
	if !strings.Contains(out.String(), "Tidak ada baris data") {
		t.Errorf("validate untouched template does not say it has no data row:\n%s", out.String())
	}
	// Filled in by hand, it is accepted.
	fillTemplate(t, tpl, map[string]string{"NIP": "198609262015051002", "Nama": "Maria Latuconsina",
		"Nama Pelatihan": "Pelayanan Prima", "Jenis Pengembangan": "Workshop", "Tanggal Mulai": "05/10/2026",
		"Tanggal Selesai": "06/10/2026", "JP": "16", "Status Kehadiran": "Hadir"})
	out.Reset()
	if code := run(context.Background(), []string{"--dir", data, "validate", "--agency", "kota-ambon", tpl}, &out, &errb); code != exitOK {
		t.Errorf("validate filled template: exit %d; want 0\n%s", code, out.String())
	}
	for _, want := range []string{"instansi: kota-ambon", "status:   diterima", "periode:  2026-10 (Oktober 2026)", "1 dibaca, 1 diterima, 0 ditolak"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("validate output lacks %q:\n%s", want, out.String())
		}
	}
	csv := filepath.Join(inbox, "kehadiran.csv")
	os.WriteFile(csv, []byte("NIP;Nama\n1;2\n"), 0o644)
	out.Reset()
	if code := run(context.Background(), []string{"--dir", data, "validate", "--agency", "kab-buru", tpl, csv}, &out, &errb); code != exitInvalid {
		t.Errorf("validate csv: exit %d; want %d", code, exitInvalid)
	}
	for _, want := range []string{"instansi: kab-buru", "status:   ditolak", "alasan:   File .csv tidak diterima"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("validate output lacks %q:\n%s", want, out.String())
		}
	}
	if _, err := os.Stat(data); !os.IsNotExist(err) {
		t.Errorf("validate created the data directory (%v); it must write nothing", err)
	}
	if code := run(context.Background(), []string{"--dir", data, "template", "nope"}, &out, &errb); code != exitUsage {
		t.Errorf("template nope: exit %d; want %d", code, exitUsage)
	}
}

// fillTemplate overwrites the row under the template's header row with
// values by header name, as a clerk typing into Excel would (all as text).
func fillTemplate(t *testing.T, path string, values map[string]string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			if len(row) == 0 || strings.TrimSuffix(strings.TrimSpace(row[0]), "*") != "NIP" {
				continue
			}
			for c, h := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
				if err := f.SetCellStr(sheet, cell, values[strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(h), "*"))]); err != nil {
					t.Fatal(err)
				}
			}
			if err := f.Save(); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("%s: no header row starting with NIP", path)
}

// TestValidateAgency: where `pantau validate` takes the agency from.
// --agency first; else the folder, but only when the file is in the data
// directory's inbox/<agency>/; else the rows' own Kode Instansi column when
// they name one agency (by code, in any case, or by its reference name);
// else the file is refused with a message saying to pass --agency. Before,
// a file in /tmp/x/op/ was checked as agency "op" and every row that named
// its real agency was rejected as another agency's.
func TestValidateAgency(t *testing.T) {
	tmp := t.TempDir()
	data := filepath.Join(tmp, "data")
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	refFile, err := os.Create(lake.Dir(data).Reference())
	if err != nil {
		t.Fatal(err)
	}
	err = ingest.WriteReference(refFile, &domain.Reference{Districts: domain.MalukuDistricts(), Agencies: []domain.Agency{
		{Code: "kota-ambon", Name: "Pemerintah Kota Ambon", District: "81.71", Expects: []domain.Kind{domain.Pegawai}},
		{Code: "kab-buru", Name: "Pemerintah Kabupaten Buru", District: "81.04", Expects: []domain.Kind{domain.Pegawai}},
	}})
	if cerr := refFile.Close(); err != nil || cerr != nil {
		t.Fatal(err, cerr)
	}
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"--dir", data, "init"}, &out, &errb); code != exitOK {
		t.Fatalf("init: exit %d: %s", code, errb.String())
	}
	header := []any{"NIP", "Nama", "Kode Instansi", "Unit Kerja", "Kabupaten/Kota"}
	roster := func(dir, name string, agencies ...any) string {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		rows := [][]any{header}
		for i, a := range agencies {
			rows = append(rows, []any{fmt.Sprintf("198609262015051%03d", i+1), "Pegawai", a, "Bappeda", "Kota Ambon"})
		}
		path := filepath.Join(dir, name)
		writeE2EWorkbook(t, path, rows)
		return path
	}
	op := filepath.Join(tmp, "x", "op")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"outside the inbox, rows name one agency",
			[]string{roster(op, "pegawai_2026-10.xlsx", "kota-ambon", "KOTA-AMBON", "")}, exitOK,
			[]string{"instansi: kota-ambon (dari kolom Kode Instansi)", "status:   diterima", "3 dibaca, 3 diterima, 0 ditolak"}},
		{"outside the inbox, rows name the agency by name",
			[]string{roster(op, "pegawai_2026-09.xlsx", "Pemerintah Kota Ambon")}, exitOK,
			[]string{"instansi: kota-ambon (dari kolom Kode Instansi)", "status:   diterima"}},
		{"outside the inbox, no Kode Instansi",
			[]string{roster(op, "pegawai_2026-08.xlsx", "", "")}, exitInvalid,
			[]string{"instansi: tidak diketahui", "status:   ditolak",
				"alasan:   Instansi pengirim tidak dapat ditentukan: berkas tidak berada di folder inbox/<kode-instansi>/",
				"--agency KODE"}},
		{"outside the inbox, rows disagree",
			[]string{roster(op, "pegawai_2026-07.xlsx", "kota-ambon", "kab-buru")}, exitInvalid,
			[]string{"instansi: tidak diketahui", "lebih dari satu instansi (kab-buru, kota-ambon)", "--agency KODE"}},
		{"outside the inbox, rows name an unknown agency",
			[]string{roster(op, "pegawai_2026-06.xlsx", "op")}, exitInvalid,
			[]string{"instansi: tidak diketahui", `kolom Kode Instansi berisi "op"`, "--agency KODE"}},
		{"--agency wins over the column",
			[]string{"--agency", "kab-buru", filepath.Join(op, "pegawai_2026-10.xlsx")}, exitInvalid,
			[]string{"instansi: kab-buru (dari --agency)", `nilai "kota-ambon": Baris ini milik instansi "kota-ambon", bukan kab-buru`}},
		{"in the inbox, the folder",
			[]string{roster(filepath.Join(data, "inbox", "kab-buru"), "pegawai_2026-10.xlsx", "", "")}, exitOK,
			[]string{"instansi: kab-buru (dari folder inbox)", "status:   diterima"}},
		{"in the inbox, a row of another agency",
			[]string{roster(filepath.Join(data, "inbox", "kab-buru"), "pegawai_2026-09.xlsx", "kota-ambon", "", "", "", "", "", "", "", "", "")}, exitInvalid,
			[]string{"instansi: kab-buru (dari folder inbox)", "10 dibaca, 9 diterima, 1 ditolak", "bukan kab-buru"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out.Reset()
			errb.Reset()
			code := run(context.Background(), append([]string{"--dir", data, "validate"}, tc.args...), &out, &errb)
			if code != tc.code {
				t.Errorf("validate %q: exit %d; want %d\n%s%s", tc.args, code, tc.code, out.String(), errb.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("validate %q output lacks %q:\n%s", tc.args, w, out.String())
				}
			}
		})
	}
}

// TestValidateSaysWhatHappensToTheMonth: with a data directory, validate
// prints the sentence the receipt will open with — added, replacing, held
// back, or late — for a file checked before it is sent.
func TestValidateSaysWhatHappensToTheMonth(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"--dir", data, "init"}, &out, &errb); code != exitOK {
		t.Fatalf("init: exit %d: %s", code, errb.String())
	}
	onTime := time.Date(2026, 11, 5, 9, 0, 0, 0, domain.WIT)
	roster := func(dir, name string, from, to int, mtime time.Time) string {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		rows := [][]any{{"NIP", "Nama", "Unit Kerja", "Kabupaten/Kota"}}
		for i := from; i <= to; i++ {
			rows = append(rows, []any{fmt.Sprintf("198609262015051%03d", i), fmt.Sprintf("Pegawai %d", i), "Bappeda", "Kota Ambon"})
		}
		path := filepath.Join(dir, name)
		writeE2EWorkbook(t, path, rows)
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			t.Fatal(err)
		}
		return path
	}
	inbox := filepath.Join(data, "inbox", "kota-ambon")
	roster(inbox, "pegawai_2026-10.xlsx", 1, 10, onTime)
	if code := run(context.Background(), []string{"--dir", data, "ingest"}, &out, &errb); code != exitOK {
		t.Fatalf("ingest: exit %d: %s%s", code, out.String(), errb.String())
	}
	elsewhere := filepath.Join(t.TempDir(), "kirim")
	for _, tc := range []struct {
		name string
		file string
		want string
	}{
		{"other staff: added", roster(elsewhere, "pegawai_2026-10 opd lain.xlsx", 11, 12, onTime),
			"bulan ini: Ditambahkan ke Data Pegawai Oktober 2026; kini 2 berkas, 12 baris."},
		{"named revisi: replaces", roster(elsewhere, "pegawai_2026-10 revisi.xlsx", 1, 3, onTime),
			"bulan ini: Menggantikan kiriman 05/11/2026 09.00 WIT (pegawai_2026-10.xlsx, 10 baris); kini 1 berkas, 3 baris."},
		{"a cumulative copy: replaces", roster(elsewhere, "pegawai_2026-10 (2).xlsx", 1, 11, onTime),
			"bulan ini: Menggantikan kiriman 05/11/2026 09.00 WIT (pegawai_2026-10.xlsx, 10 baris); kini 1 berkas, 11 baris."},
		{"half the staff again: held back", roster(elsewhere, "pegawai_2026-10 sebagian.xlsx", 6, 13, onTime),
			"bulan ini: Ditahan: 5 dari 8 baris sama dengan kiriman Data Pegawai Oktober 2026 yang sudah diterima; tidak ada yang berubah (1 berkas, 10 baris)."},
		{"after the deadline", roster(elsewhere, "pegawai_2026-10 tambahan.xlsx", 20, 20, time.Date(2026, 11, 12, 8, 0, 0, 0, domain.WIT)),
			"bulan ini: Ditambahkan ke Data Pegawai Oktober 2026; kini 2 berkas, 11 baris. Diterima setelah batas waktu (10/11/2026 23.59 WIT)."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out.Reset()
			errb.Reset()
			run(context.Background(), []string{"--dir", data, "validate", "--agency", "kota-ambon", tc.file}, &out, &errb)
			if !strings.Contains(out.String(), tc.want) {
				t.Errorf("validate %s output lacks %q:\n%s%s", filepath.Base(tc.file), tc.want, out.String(), errb.String())
			}
		})
	}
}
