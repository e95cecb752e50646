package sampledata

import (
	"archive/zip"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/domain"
)

var update = flag.Bool("update", false, "regenerate the committed sample-data/demo and sample-data/bad")

// cells reads every cell value of every sheet of every workbook under dir,
// keyed by the path relative to dir, except files whose name contains one
// of skip.
func cells(t *testing.T, dir string, skip ...string) map[string]map[string][][]string {
	t.Helper()
	out := map[string]map[string][][]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".xlsx") {
			return err
		}
		for _, s := range skip {
			if strings.Contains(d.Name(), s) {
				return nil
			}
		}
		f, err := excelize.OpenFile(p, excelize.Options{RawCellValue: true})
		if err != nil {
			return err
		}
		defer f.Close()
		rel, _ := filepath.Rel(dir, p)
		out[rel] = map[string][][]string{}
		for _, sh := range f.GetSheetList() {
			rows, err := f.GetRows(sh)
			if err != nil {
				return err
			}
			out[rel][sh] = rows
		}
		return nil
	})
	if err != nil {
		t.Fatalf("read %s: %v", dir, err)
	}
	return out
}

// sheetParts reads the cell-bearing parts of every workbook under dir (the
// worksheets, shared strings and workbook XML): equal bytes mean equal cell
// values, and comparing them is much faster than reading every cell. The
// metadata parts (docProps) hold creation times and are left out.
func sheetParts(t *testing.T, dir string) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".xlsx") {
			return err
		}
		z, err := zip.OpenReader(p)
		if err != nil {
			return err
		}
		defer z.Close()
		rel, _ := filepath.Rel(dir, p)
		out[rel] = map[string]string{}
		for _, f := range z.File {
			if !strings.HasPrefix(f.Name, "xl/worksheets/") && f.Name != "xl/sharedStrings.xml" && f.Name != "xl/workbook.xml" {
				continue
			}
			r, err := f.Open()
			if err != nil {
				return err
			}
			b, err := io.ReadAll(r)
			r.Close()
			if err != nil {
				return err
			}
			out[rel][f.Name] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("read %s: %v", dir, err)
	}
	return out
}

// TestDemoCommitted regenerates the demo sample and compares every cell of
// every workbook with the committed sample-data/demo, so the committed files
// stay the generator's output. Run with -update to rewrite them (or
// `go run ./cmd/pantau sample --out sample-data/demo --scale demo --seed 1`).
func TestDemoCommitted(t *testing.T) {
	if *update {
		if err := os.RemoveAll("demo"); err != nil {
			t.Fatal(err)
		}
		if _, err := Generate("demo", Demo, 1); err != nil {
			t.Fatal(err)
		}
	}
	dir, _ := demo(t)
	got, want := cells(t, dir), cells(t, "demo")
	if len(want) == 0 {
		t.Fatal("sample-data/demo is empty; run go test ./sample-data -run TestDemoCommitted -update")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("generated demo differs from committed sample-data/demo (-committed +generated); regenerate with -update:\n%.3000s", diff)
	}
}

// TestDeterministic: the same seed gives the same cell values, another seed
// other values.
func TestDeterministic(t *testing.T) {
	dir, _ := demo(t)
	again := t.TempDir()
	if _, err := Generate(again, Demo, 1); err != nil {
		t.Fatal(err)
	}
	a, b := sheetParts(t, dir), sheetParts(t, again)
	if len(a) < 400 {
		t.Fatalf("demo has %d workbooks; want the whole sample", len(a))
	}
	for name, pa := range a {
		if !cmp.Equal(pa, b[name]) {
			t.Errorf("two runs with seed 1 differ in %s", name)
		}
	}
	if len(a) != len(b) {
		t.Errorf("two runs with seed 1 wrote %d and %d workbooks", len(a), len(b))
	}
	other := t.TempDir()
	if _, err := Generate(other, Demo, 2); err != nil {
		t.Fatal(err)
	}
	same := 0
	for name, pc := range sheetParts(t, other) {
		if cmp.Equal(pc, a[name]) {
			same++
		}
	}
	// Only the reference workbook may be identical.
	if same > 1 {
		t.Errorf("seed 2 reproduced %d workbooks of seed 1; want only referensi.xlsx", same)
	}
	// Drop times are planned too: every file's mtime is the same in both runs.
	for name := range a {
		fa, errA := os.Stat(filepath.Join(dir, name))
		fb, errB := os.Stat(filepath.Join(again, name))
		if errA != nil || errB != nil {
			t.Fatalf("stat %s: %v %v", name, errA, errB)
		}
		if name != "referensi.xlsx" && !fa.ModTime().Equal(fb.ModTime()) {
			t.Errorf("mtime of %s = %v and %v; want equal", name, fa.ModTime(), fb.ModTime())
		}
	}
}

// TestNIPs: every NIP written (rosters, attendance, evaluations, raters) is
// a valid NIP, its type is the roster's Jenis ASN and its sex digit the
// roster's Jenis Kelamin.
func TestNIPs(t *testing.T) {
	_, files := demo(t)
	n := 0
	for _, f := range files {
		for i, r := range f.Rows {
			for _, col := range []string{"NIP", "NIP Penilai"} {
				v, ok := r[col]
				if !ok {
					continue
				}
				nip, err := domain.ParseNIP(v)
				if err != nil {
					t.Errorf("%s row %d: ParseNIP(%q) = %v", f.Path, i, v, err)
					continue
				}
				n++
				if col != "NIP" || f.Kind != domain.Pegawai {
					continue
				}
				if j := r["Jenis ASN"]; j != "" && j != nip.Type {
					t.Errorf("%s: NIP %s is %s; Jenis ASN %q", f.Path, v, nip.Type, j)
				}
				if sex := r["Jenis Kelamin"]; (sex == "P") != nip.Female {
					t.Errorf("%s: NIP %s female=%v; Jenis Kelamin %q", f.Path, v, nip.Female, sex)
				}
				if age := Year - nip.Birth.Year(); age < 18 || age > 59 {
					t.Errorf("%s: NIP %s born %d", f.Path, v, nip.Birth.Year())
				}
			}
		}
	}
	if n < 10000 {
		t.Errorf("checked %d NIPs; want the whole sample", n)
	}
}

// TestAgenciesAndDistricts: the reference workbook lists every agency and
// all 11 districts, every agency has an inbox with a January roster, and the
// rosters cover all 11 districts.
func TestAgenciesAndDistricts(t *testing.T) {
	dir, files := demo(t)
	ref, rerrs, err := ingest.ReadReference(filepath.Join(dir, "referensi.xlsx"))
	if err != nil || len(rerrs) > 0 {
		t.Fatalf("ReadReference = %v, %v", rerrs, err)
	}
	var want []string
	for _, a := range agencies() {
		want = append(want, a.Code)
	}
	var got []string
	for _, a := range ref.Agencies {
		got = append(got, a.Code)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reference agencies (-want +got):\n%s", diff)
	}
	if len(ref.Districts) != 11 || len(ref.Units) != len(services()) {
		t.Errorf("reference has %d districts, %d units; want 11, %d", len(ref.Districts), len(ref.Units), len(services()))
	}
	inbox, _ := os.ReadDir(filepath.Join(dir, "inbox"))
	var folders []string
	for _, e := range inbox {
		folders = append(folders, e.Name())
	}
	sort.Strings(want)
	if diff := cmp.Diff(want, folders); diff != "" {
		t.Errorf("inbox folders (-want +got):\n%s", diff)
	}
	janRoster := map[string]bool{}
	districts := map[string]bool{}
	for _, f := range files {
		if f.Kind != domain.Pegawai {
			continue
		}
		if f.Period.Month == 1 {
			janRoster[f.Agency] = true
		}
		for _, r := range f.Rows {
			d, err := domain.ResolveDistrict(ref.Districts, r["Kabupaten/Kota"])
			if err != nil {
				t.Errorf("%s: %v", f.Path, err)
			}
			districts[d] = true
		}
	}
	if len(janRoster) != len(want) {
		t.Errorf("agencies with a January roster = %d; want %d", len(janRoster), len(want))
	}
	if len(districts) != 11 {
		t.Errorf("districts in rosters = %d; want 11", len(districts))
	}
}

// TestIngestAcceptsDemo reads every demo workbook with the real ingest
// reader: all of them must be accepted whole (the mess is the kind the
// ingest must handle, not errors).
func TestIngestAcceptsDemo(t *testing.T) {
	dir, files := demo(t)
	ref, _, err := ingest.ReadReference(filepath.Join(dir, "referensi.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		o := ingest.DefaultOptions()
		o.Agency, o.Reference = f.Agency, ref
		u := ingest.ReadFile(f.Path, o)
		if u.Record != nil {
			u.Record.Release()
		}
		if u.Err != nil || len(u.Problems) > 0 || u.Kind != f.Kind || u.Period != f.Period || u.RowsAccepted != len(f.Rows) {
			var first error
			if len(u.Problems) > 0 {
				first = u.Problems[0]
			}
			t.Errorf("ReadFile(%s) = %s %s %s, %d of %d rows, err %v, first problem %v; want %s %s all rows",
				f.Path, u.Status, u.Kind, u.Period, u.RowsAccepted, len(f.Rows), errors.Unwrap(u.Err), first, f.Kind, f.Period)
		}
	}
}
