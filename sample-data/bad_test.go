package sampledata

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pantau-asn/pantau/ingest"
)

// sentinels maps the names used in BadCases to the ingest's errors.
var sentinels = map[string]error{
	"ErrUnknownHeaders": ingest.ErrUnknownHeaders, "ErrNoPeriod": ingest.ErrNoPeriod,
	"ErrPeriodConflict": ingest.ErrPeriodConflict, "ErrTooManyBadRows": ingest.ErrTooManyBadRows,
	"ErrFormat": ingest.ErrFormat, "ErrEncrypted": ingest.ErrEncrypted, "ErrCorrupt": ingest.ErrCorrupt,
	"ErrEmpty": ingest.ErrEmpty, "ErrAmbiguousSheet": ingest.ErrAmbiguousSheet,
	"ErrNIPNumber": ingest.ErrNIPNumber, "ErrDate": ingest.ErrDate, "ErrUnknownDistrict": ingest.ErrUnknownDistrict,
	"ErrDuplicate": ingest.ErrDuplicate, "ErrOtherAgency": ingest.ErrOtherAgency,
}

// TestBadCommitted: every bad file exists in sample-data/bad as documented
// in its README, and the generator reproduces it (cell values, or bytes for
// the files that are no workbooks). -update rewrites the directory.
func TestBadCommitted(t *testing.T) {
	if *update {
		if err := os.RemoveAll("bad"); err != nil {
			t.Fatal(err)
		}
		if err := GenerateBad("bad", 1); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	if err := GenerateBad(dir, 1); err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join("bad", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if want := badReadme(); string(readme) != want {
		t.Errorf("sample-data/bad/README.md is not the generator's; run -update")
	}
	for _, c := range BadCases() {
		rel := filepath.Join(c.Agency, c.File)
		if !strings.Contains(string(readme), "`"+c.File+"`") {
			t.Errorf("README does not list %s", rel)
		}
		committed, err := os.ReadFile(filepath.Join("bad", rel))
		if err != nil {
			t.Errorf("committed bad file: %v", err)
			continue
		}
		fresh, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		// Files that are no workbooks are compared byte for byte; workbooks
		// by cell values below (the encrypted and truncated ones only exist).
		if !strings.HasSuffix(c.File, ".xlsx") || strings.HasPrefix(c.File, "~$") {
			if string(committed) != string(fresh) {
				t.Errorf("%s differs from the generator's output; run -update", rel)
			}
		}
	}
	skip := []string{"_sandi", "_rusak", "~$"}
	got, want := cells(t, dir, skip...), cells(t, "bad", skip...)
	if len(got) != len(want) {
		t.Errorf("%d workbooks generated, %d committed", len(got), len(want))
	}
	for name := range want {
		if !equalSheets(got[name], want[name]) {
			t.Errorf("%s: cell values differ from the generator's output; run -update", name)
		}
	}
}

func equalSheets(a, b map[string][][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || len(v) != len(w) {
			return false
		}
		for i := range v {
			if strings.Join(v[i], "\x00") != strings.Join(w[i], "\x00") {
				return false
			}
		}
	}
	return true
}

// TestBadOutcomes reads each bad workbook with the real ingest reader and
// checks the documented status and sentinel.
func TestBadOutcomes(t *testing.T) {
	dir := t.TempDir()
	if err := GenerateBad(dir, 1); err != nil {
		t.Fatal(err)
	}
	w, err := newWorld(Demo, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range BadCases() {
		t.Run(c.File, func(t *testing.T) {
			if c.Expect == "ErrUnknownAgency" || c.Status == "diabaikan" {
				return // decided by the inbox scan, not the reader
			}
			o := ingest.DefaultOptions()
			o.Agency, o.Reference = c.Agency, w.ref
			u := ingest.ReadFile(filepath.Join(dir, c.Agency, c.File), o)
			if u.Record != nil {
				u.Record.Release()
			}
			want := sentinels[c.Expect]
			if string(u.Status) != c.Status {
				t.Errorf("ReadFile(%s).Status = %q (err %v); want %q", c.File, u.Status, u.Err, c.Status)
			}
			if c.Status == "ditolak" {
				if !errors.Is(u.Err, want) {
					t.Errorf("ReadFile(%s).Err = %v; want %v", c.File, u.Err, want)
				}
				return
			}
			bad := map[int]bool{}
			for _, p := range u.Problems {
				if !errors.Is(p, want) {
					t.Errorf("ReadFile(%s) problem %v; want only %v", c.File, p, want)
				}
				bad[p.Row] = true
			}
			if len(bad) != c.BadRows || u.RowsRead != c.Rows {
				t.Errorf("ReadFile(%s): %d bad rows of %d read; want %d of %d", c.File, len(bad), u.RowsRead, c.BadRows, c.Rows)
			}
		})
	}
}
