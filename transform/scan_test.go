package transform_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/transform"
)

// TestSameFilesAnyScans: the same two roster workbooks, ingested by the real
// ingest in one scan or in two, give the same tables. Both are January 2026
// rosters that list X: kota-ambon's (dropped 2 February, X and Y) still shows
// X, who has moved to pemprov-maluku (its roster dropped 3 February, X in
// Maluku Tengah). The later-received roster decides where X counts.
//
// Before, the tie was broken by ingest time: in one scan both files share it
// and agency-code order gave X to kota-ambon; in two scans pemprov-maluku's
// later ingest gave X to pemprov-maluku.
//
//	headcount January 2026: 81.01 pemprov-maluku 1 (X); 81.71 kota-ambon 1 (Y)
func TestSameFilesAnyScans(t *testing.T) {
	const nipX, nipY = "198001012005011001", "198202022006022002"
	kota := [][]any{
		{nipX, "X", "Bappeda", "Kota Ambon"},
		{nipY, "Y", "Bappeda", "Kota Ambon"},
	}
	prov := [][]any{{nipX, "X", "Biro Organisasi", "Maluku Tengah"}}
	kotaDrop := time.Date(2026, 2, 2, 9, 0, 0, 0, domain.WIT)
	provDrop := time.Date(2026, 2, 3, 9, 0, 0, 0, domain.WIT)
	kotaFile := filepath.Join("inbox", "kota-ambon", "pegawai_2026-01.xlsx")
	provFile := filepath.Join("inbox", "pemprov-maluku", "pegawai_2026-01.xlsx")

	one := lake.Dir(t.TempDir())
	writeRoster(t, one.Abs(kotaFile), kota, kotaDrop)
	writeRoster(t, one.Abs(provFile), prov, provDrop)
	ingestAt(t, one, time.Date(2026, 2, 4, 8, 0, 0, 0, domain.WIT), 2)

	two := lake.Dir(t.TempDir())
	writeRoster(t, two.Abs(kotaFile), kota, kotaDrop)
	ingestAt(t, two, time.Date(2026, 2, 2, 10, 0, 0, 0, domain.WIT), 1)
	writeRoster(t, two.Abs(provFile), prov, provDrop)
	ingestAt(t, two, time.Date(2026, 2, 4, 8, 0, 0, 0, domain.WIT), 1)

	p := transform.DefaultParams(domain.MustPeriod("2026-01"))
	a, b := tablesCSV(t, one, p), tablesCSV(t, two, p)
	want := "district_code,agency_code,headcount,pns,pppk\n81.01,pemprov-maluku,1,1,0\n81.71,kota-ambon,1,1,0\n"
	if a["headcount"] != want {
		t.Errorf("headcount, one scan:\n%s\nwant:\n%s", a["headcount"], want)
	}
	if b["headcount"] != want {
		t.Errorf("headcount, two scans:\n%s\nwant:\n%s", b["headcount"], want)
	}
	for _, name := range transform.TableNames() {
		if d := cmp.Diff(a[name], b[name]); d != "" {
			t.Errorf("%s: one scan (-) vs two scans (+):\n%s", name, d)
		}
	}
}

// writeRoster writes a pegawai workbook (NIP, Nama, Unit Kerja,
// Kabupaten/Kota) with the given drop time as its mtime.
func writeRoster(t *testing.T, path string, rows [][]any, drop time.Time) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetRow("Sheet1", "A1", &[]any{"NIP", "Nama", "Unit Kerja", "Kabupaten/Kota"}); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, drop, drop); err != nil {
		t.Fatal(err)
	}
}

// ingestAt runs the ingest at now and wants files accepted.
func ingestAt(t *testing.T, dir lake.Dir, now time.Time, files int) {
	t.Helper()
	cfg := ingest.DefaultConfig()
	cfg.StableFor = 0
	sum, err := ingest.Run(context.Background(), dir, cfg, now, nil)
	if err != nil {
		t.Fatalf("ingest %s: %v", now, err)
	}
	if sum.Accepted != files {
		t.Fatalf("ingest %s: %+v; want %d accepted", now, sum, files)
	}
}

// tablesCSV runs the transform for p and renders every table as CSV.
func tablesCSV(t *testing.T, dir lake.Dir, p transform.Params) map[string]string {
	t.Helper()
	res, err := transform.Run(context.Background(), dir, p)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Release()
	out := map[string]string{}
	for _, name := range transform.TableNames() {
		var buf bytes.Buffer
		if err := transform.WriteRecordCSV(&buf, res.Table(name)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = buf.String()
	}
	return out
}
