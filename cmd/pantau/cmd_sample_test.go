package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
)

func TestSampleUsage(t *testing.T) {
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"sample"}, exitUsage},
		{[]string{"sample", "--out", t.TempDir(), "--scale", "planet"}, exitUsage},
		{[]string{"sample", "--out", t.TempDir(), "--seed", "x"}, exitUsage},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var out, errb bytes.Buffer
			if got := run(context.Background(), tt.args, &out, &errb); got != tt.want {
				t.Errorf("run(%q) = %d; want %d (stderr %s)", tt.args, got, tt.want, errb.String())
			}
		})
	}
}

// TestSampleDemo runs pantau sample at demo scale and checks the inbox, the
// reference workbook and a planted drop time.
func TestSampleDemo(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"sample", "--out", dir, "--scale", "demo", "--seed", "1"}, &out, &errb); code != exitOK {
		t.Fatalf("pantau sample = %d; stderr %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "15 instansi") {
		t.Errorf("stdout = %q; want the summary", out.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "referensi.xlsx")); err != nil {
		t.Error(err)
	}
	agencies, _ := os.ReadDir(filepath.Join(dir, "inbox"))
	if len(agencies) != 15 {
		t.Errorf("inbox folders = %d; want 15", len(agencies))
	}
	late := filepath.Join(dir, "inbox", "kab-kepulauan-aru")
	files, _ := os.ReadDir(late)
	found := false
	for _, f := range files {
		fi, err := f.Info()
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(f.Name(), "Mei 2025") && strings.Contains(strings.ToLower(f.Name()), "kehadiran") ||
			strings.Contains(f.Name(), "2025-05") && strings.Contains(f.Name(), "kehadiran") ||
			strings.HasPrefix(f.Name(), "2025_05_kehadiran") {
			found = true
			want := time.Date(2025, 6, 16, 10, 24, 0, 0, domain.WIT)
			if !fi.ModTime().Equal(want) {
				t.Errorf("mtime of %s = %v; want %v", f.Name(), fi.ModTime().In(domain.WIT), want)
			}
		}
	}
	if !found {
		t.Errorf("no kehadiran file for 2025-05 in %s", late)
	}
}
