package sampledata

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/transform"
)

// TestCrossCheckRosterTie: the plain-Go roster rule (activeAt) and the
// pipeline agree on a person listed in two agencies' rosters of one month,
// ingested in one scan (so with one ingest time). X has moved from
// kota-ambon (Kota Ambon, 81.71) to pemprov-maluku (Maluku Tengah, 81.01);
// kota-ambon's roster still lists X, and Y.
//
//	later drop time decides: pemprov-maluku's roster dropped a day later →
//	  X in 81.01: headcount 81.01 = 1, 81.71 = 1 (Y)
//	same drop time, the file name decides: pemprov-maluku's file
//	  "…_opd-a.xlsx" before kota-ambon's "…_opd-b.xlsx" → X in 81.01 again
func TestCrossCheckRosterTie(t *testing.T) {
	const nipX, nipY = "198001012005011001", "198202022006022002"
	drop := time.Date(2026, 2, 2, 9, 0, 0, 0, domain.WIT)
	for _, tc := range []struct {
		name               string
		kotaName, provName string
		provDrop           time.Time
	}{
		{"later drop", "pegawai_2026-01.xlsx", "pegawai_2026-01.xlsx", drop.Add(24 * time.Hour)},
		{"same drop, file name", "pegawai_2026-01_opd-b.xlsx", "pegawai_2026-01_opd-a.xlsx", drop},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writePegawai(t, filepath.Join(dir, "inbox", "kota-ambon", tc.kotaName), drop, [][]any{
				{nipX, "X", "Bappeda", "Kota Ambon"}, {nipY, "Y", "Bappeda", "Kota Ambon"}})
			writePegawai(t, filepath.Join(dir, "inbox", "pemprov-maluku", tc.provName), tc.provDrop, [][]any{
				{nipX, "X", "Biro Organisasi", "Maluku Tengah"}})
			files := readAll(t, dir)

			ctx := context.Background()
			cfg := ingest.DefaultConfig()
			cfg.StableFor = 0
			sum, err := ingest.Run(ctx, lake.Dir(dir), cfg, time.Date(2026, 2, 4, 8, 0, 0, 0, domain.WIT), nil)
			if err != nil || sum.Accepted != 2 {
				t.Fatalf("ingest: %+v, %v; want 2 accepted", sum, err)
			}
			p := domain.MustPeriod("2026-01")
			res, err := transform.Run(ctx, lake.Dir(dir), transform.DefaultParams(p))
			if err != nil {
				t.Fatal(err)
			}
			defer res.Release()

			want := independentCoverage(t, files, p)
			if want["81.01"].Headcount != 1 || want["81.71"].Headcount != 1 {
				t.Errorf("independent headcount 81.01 = %d, 81.71 = %d; want 1, 1",
					want["81.01"].Headcount, want["81.71"].Headcount)
			}
			got := pipelineCoverage(t, res.Table("coverage_district"))
			if d := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-9), cmpopts.EquateNaNs()); d != "" {
				t.Errorf("coverage_district: independent (-) vs pipeline (+):\n%s", d)
			}
		})
	}
}

// writePegawai writes a roster workbook (NIP, Nama, Unit Kerja,
// Kabupaten/Kota) dropped at drop.
func writePegawai(t *testing.T, path string, drop time.Time, rows [][]any) {
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
