package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestTemplateThenValidate: a fresh template (with its example row) passes
// validate with exit 0; a .csv fails with exit 3 and the Indonesian reason;
// validate writes nothing.
func TestTemplateThenValidate(t *testing.T) {
	tmp := t.TempDir()
	data := filepath.Join(tmp, "data")
	inbox := filepath.Join(tmp, "kota-ambon")
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	tpl := filepath.Join(inbox, "kehadiran_2026-10.xlsx")
	var out, errb bytes.Buffer
	if code := run([]string{"--dir", data, "template", "kehadiran", "--out", tpl}, &out, &errb); code != exitOK {
		t.Fatalf("template: exit %d: %s", code, errb.String())
	}
	// Left as it is, the template's example row is refused.
	out.Reset()
	if code := run([]string{"--dir", data, "validate", tpl}, &out, &errb); code != exitInvalid {
		t.Errorf("validate untouched template: exit %d; want %d\n%s", code, exitInvalid, out.String())
	}
	if !strings.Contains(out.String(), "baris contoh") {
		t.Errorf("validate untouched template does not mention the example row:\n%s", out.String())
	}
	// Filled in by hand (the example row overwritten), it is accepted.
	fillTemplate(t, tpl, map[string]string{"NIP": "198609262015051002", "Nama": "Maria Latuconsina",
		"Nama Pelatihan": "Pelayanan Prima", "Jenis Pengembangan": "Workshop", "Tanggal Mulai": "05/10/2026",
		"Tanggal Selesai": "06/10/2026", "JP": "16", "Status Kehadiran": "Hadir"})
	out.Reset()
	if code := run([]string{"--dir", data, "validate", tpl}, &out, &errb); code != exitOK {
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
	if code := run([]string{"--dir", data, "validate", "--agency", "kab-buru", tpl, csv}, &out, &errb); code != exitInvalid {
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
	if code := run([]string{"--dir", data, "template", "nope"}, &out, &errb); code != exitUsage {
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
