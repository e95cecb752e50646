package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	out.Reset()
	if code := run([]string{"--dir", data, "validate", tpl}, &out, &errb); code != exitOK {
		t.Errorf("validate template: exit %d; want 0\n%s", code, out.String())
	}
	for _, want := range []string{"instansi: kota-ambon", "status:   diterima", "periode:  2026-10 (Oktober 2026)"} {
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
