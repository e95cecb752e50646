package transform

import (
	"fmt"
	"math"
	"testing"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// TestJPSumsWithoutFloatNoise: fifty e-learning modules of 0,4 JP are
// 50 × 0,4 = 20 JP — the annual target, met. Added as binary floats they
// are 19.999999999999993 in any order, which must not miss the target (nor
// the on-track line of 20 × 12 / 12 = 20 in December): target_met and
// on_track true, jp_ytd 20 to within float noise.
func TestJPSumsWithoutFloatNoise(t *testing.T) {
	const nip = "199001012015031001"
	f := newFixture(t)
	f.reference([]domain.District{{Code: "81.71", Name: "Kota Ambon"}},
		[]domain.Agency{{Code: "kota-ambon", Name: "Pemkot Ambon", District: "81.71"}}, nil)
	f.upload(domain.Pegawai, "2026-01", "kota-ambon", [][]any{
		peg(nip, "E", "PNS", "Bappeda", "", "81.71", "Aktif")}, lake.Entry{})
	var rows [][]any
	for i := 1; i <= 50; i++ {
		day := fmt.Sprintf("2026-12-%02d", 1+i%28)
		r := hadir(nip, "nonklasikal", "Teknis", day, day, 0.4, "Hadir", "Daring")
		r[2] = fmt.Sprintf("Modul e-learning %d", i) // nama_pelatihan: fifty different modules
		rows = append(rows, r)
	}
	f.upload(domain.Kehadiran, "2026-12", "kota-ambon", rows, lake.Entry{})
	res := run(t, f, DefaultParams(domain.MustPeriod("2026-12")))
	checkTable(t, res, "person_progress",
		[]string{"agency_code", "nip", "nama", "unit_kerja", "district_code", "jp_ytd", "on_track", "target_met"},
		[][]any{{"kota-ambon", nip, "E", "Bappeda", "81.71", 20.0, true, true}})
	cols, got := rowsOf(res.Table("coverage_district"))
	for _, r := range project(cols, got, []string{"district_code", "target_met", "on_track", "jp_daring"}) {
		if r[0] == "81.71" && (toInt(r[1]) != 1 || toInt(r[2]) != 1 || math.Abs(r[3].(float64)-20) > 1e-9) {
			t.Errorf("coverage_district 81.71 target_met, on_track, jp_daring = %v, %v, %v; want 1, 1, 20", r[1], r[2], r[3])
		}
	}
	cols, got = rowsOf(res.Table("coverage_trend"))
	for _, r := range project(cols, got, []string{"period", "level", "target_met", "on_track"}) {
		if r[0] == "2026-12" && r[1] == "provinsi" && (toInt(r[2]) != 1 || toInt(r[3]) != 1) {
			t.Errorf("coverage_trend 2026-12 provinsi target_met, on_track = %v, %v; want 1, 1", r[2], r[3])
		}
	}
}
