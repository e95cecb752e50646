package transform

import (
	"fmt"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

var approx = cmpopts.EquateApprox(0, 1e-12)

// checkTable compares the whole table (columns and rows) with want.
func checkTable(t *testing.T, res *Result, name string, wantCols []string, want [][]any) {
	t.Helper()
	rec := res.Table(name)
	if rec == nil {
		t.Fatalf("table %s missing", name)
	}
	cols, rows := tableRows(res, name)
	if diff := cmp.Diff(wantCols, cols); diff != "" {
		t.Errorf("%s columns (-want +got):\n%s", name, diff)
	}
	if diff := cmp.Diff(want, rows, approx); diff != "" {
		t.Errorf("%s rows (-want +got):\n%s", name, diff)
	}
}

// tableRows is rowsOf the named table; person_progress, whose row order is
// unspecified (reports sort it per agency), is sorted by agency and NIP.
func tableRows(res *Result, name string) ([]string, [][]any) {
	cols, rows := rowsOf(res.Table(name))
	if name == "person_progress" {
		sort.Slice(rows, func(i, j int) bool {
			return fmt.Sprint(rows[i][0], "/", rows[i][1]) < fmt.Sprint(rows[j][0], "/", rows[j][1])
		})
	}
	return cols, rows
}

var coverageCols = []string{"headcount", "trained", "coverage", "target_met", "target_met_share", "on_track",
	"on_track_share", "jp_per_asn", "jp_klasikal", "jp_nonklasikal", "jp_luring", "jp_daring", "daring_jp_share",
	"jp_campuran", "jp_total"}

func TestHeadcount(t *testing.T) {
	res := run(t, newScenario(t).fixture, scenarioParams())
	// Rosters as of P: kota-ambon 2026-01 (A1 PNS, A2 PNS, A3 PPPK with blank
	// status = active; A4 Pensiun out; M1 counts in kab-tanimbar, whose
	// roster period 2026-02 is later), kab-tanimbar 2026-02 (T1 PNS, T2 PPPK,
	// M1 PNS), bkn-upt-ambon 2025-01 (B1 Cuti: nobody active).
	checkTable(t, res, "headcount", []string{"district_code", "agency_code", "headcount", "pns", "pppk"}, [][]any{
		{"81.03", "kab-tanimbar", 3, 2, 1},
		{"81.71", "kota-ambon", 3, 2, 1},
	})
}

func TestPersonProgress(t *testing.T) {
	res := run(t, newScenario(t).fixture, scenarioParams())
	// jp_ytd (2026-01-01..2026-03-31; on track ≥ 5, target ≥ 20):
	// A1 4 (Jan) + 3 (March revision; the replaced upload's 50 JP does not
	// count, nor the 30 JP of December 2025) = 7; A2 4 (ends 5 Jan); A3 0
	// (Tidak Hadir); T1 20; T2 0 (September 2025 is last year); M1 5 (exactly on track).
	checkTable(t, res, "person_progress",
		[]string{"agency_code", "nip", "nama", "unit_kerja", "district_code", "jp_ytd", "on_track", "target_met"},
		[][]any{
			{"kab-tanimbar", nipM1, "M1", "Bappeda", "81.03", 5.0, true, false},
			{"kab-tanimbar", nipT1, "T1", "Dinas Kesehatan", "81.03", 20.0, true, true},
			{"kab-tanimbar", nipT2, "T2", "Dinas Kesehatan", "81.03", 0.0, false, false},
			{"kota-ambon", nipA1, "A1", "Disdukcapil", "81.71", 7.0, true, false},
			{"kota-ambon", nipA2, "A2", "Disdukcapil", "81.71", 4.0, false, false},
			{"kota-ambon", nipA3, "A3", "Dinas Sosial", "81.71", 0.0, false, false},
		})
}

// The two districts' figures, also the agencies' and the remote split's.
var (
	// 81.03 (T1 20, T2 0, M1 5): trained 2/3, target_met 1/3, on_track 2/3,
	// JP 25 → 25/3 per ASN; klasikal 5 (M1), nonklasikal 20 (T1); luring 5,
	// daring 20 → daring share 20/25 = 0.8.
	tanimbarFig = []any{3, 2, 2.0 / 3, 1, 1.0 / 3, 2, 2.0 / 3, 25.0 / 3, 5.0, 20.0, 5.0, 20.0, 0.8, 0.0, 25.0}
	// 81.71 (A1 7, A2 4, A3 0): trained 2/3, target_met 0, on_track 1/3 (A1),
	// JP 11 → 11/3; klasikal 4, nonklasikal 4 + 3 = 7; luring 4, daring 4,
	// Campuran 3 (neither) → daring share 4/11.
	ambonFig = []any{3, 2, 2.0 / 3, 0, 0.0, 1, 1.0 / 3, 11.0 / 3, 4.0, 7.0, 4.0, 4.0, 4.0 / 11, 3.0, 11.0}
)

func cat(parts ...[]any) []any {
	var out []any
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func TestCoverageDistrict(t *testing.T) {
	res := run(t, newScenario(t).fixture, scenarioParams())
	checkTable(t, res, "coverage_district", append([]string{"district_code", "district_name", "remote"}, coverageCols...),
		[][]any{
			cat([]any{"81.03", "Kabupaten Kepulauan Tanimbar", true}, tanimbarFig),
			cat([]any{"81.71", "Kota Ambon", false}, ambonFig),
		})
}

func TestCoverageAgency(t *testing.T) {
	res := run(t, newScenario(t).fixture, scenarioParams())
	// bkn-upt-ambon has no active staff: zeros, shares NULL.
	checkTable(t, res, "coverage_agency", append([]string{"agency_code", "agency_name", "district_code"}, coverageCols...),
		[][]any{
			{"bkn-upt-ambon", "UPT BKN Ambon", "81.71", 0, 0, nil, 0, nil, 0, nil, nil, 0.0, 0.0, 0.0, 0.0, nil, 0.0, 0.0},
			cat([]any{"kab-tanimbar", "Pemkab Kepulauan Tanimbar", "81.03"}, tanimbarFig),
			cat([]any{"kota-ambon", "Pemkot Ambon", "81.71"}, ambonFig),
		})
}

func TestCoverageProvince(t *testing.T) {
	res := run(t, newScenario(t).fixture, scenarioParams())
	// semua: 6 staff, trained 4, target_met 1 (T1), on_track 3 (A1, T1, M1) = 0.5,
	// JP 36 → 6 per ASN; klasikal 4+5 = 9, nonklasikal 7+20 = 27, luring 9,
	// daring 24 → 24/36, Campuran 3. terpencil = 81.03, lainnya = 81.71.
	checkTable(t, res, "coverage_province", append([]string{"remote_group"}, coverageCols...), [][]any{
		{"semua", 6, 4, 4.0 / 6, 1, 1.0 / 6, 3, 0.5, 6.0, 9.0, 27.0, 9.0, 24.0, 24.0 / 36, 3.0, 36.0},
		cat([]any{"terpencil"}, tanimbarFig),
		cat([]any{"lainnya"}, ambonFig),
	})
}

func TestCoverageTrend(t *testing.T) {
	res := run(t, newScenario(t).fixture, scenarioParams())
	// Rosters by month: none before 2025-06 (zeros, shares NULL);
	// 2025-06..2025-12 kota-ambon's June roster (A1, A2, A3 in 81.71);
	// 2026-01 kota-ambon's January roster (A1, A2, A3, M1);
	// from 2026-02 M1 is in kab-tanimbar (81.03).
	// 2025-12: A1's 30 JP → trained 1, target_met 1, on_track (≥ 20) 1, 30/3 = 10 JP per ASN.
	// 2026-01: YTD resets: A1 4, A2 4, M1 5 (December's 30 JP gone); on-track
	//   line 20/12 = 1.67 → 3 of 4; 13/4 = 3.25.
	// 2026-02: line 3.33; 81.71 A1 4, A2 4, A3 0 → trained 2, on_track 2, 8/3;
	//   81.03 M1 5, T1 0, T2 0 → 1, 1, 5/3; province 6, 3, 3, 13/6.
	// 2026-03: as coverage_district.
	// Each agency within each district (kabupaten_instansi) with staff that
	// month: here kota-ambon only in 81.71 and kab-tanimbar only in 81.03,
	// so each such row repeats its district's figures with the agency code
	// (TestCoverageTrendByAgency has an agency in two districts).
	zero := func(p, lvl, d string) []any { return []any{p, lvl, d, "", 0, 0, nil, 0, nil, 0, nil, nil, 0.0} }
	ambon3 := func(p, lvl, d string) []any { return []any{p, lvl, d, "", 3, 0, 0.0, 0, 0.0, 0, 0.0, 0.0, 0.0} }
	fig := func(p, lvl, d string, v ...any) []any { return append([]any{p, lvl, d, ""}, v...) }
	byAgency := func(r []any, agency string) []any {
		out := append([]any{}, r...)
		out[1], out[3] = "kabupaten_instansi", agency
		return out
	}
	var want [][]any
	for _, p := range []string{"2025-04", "2025-05"} {
		want = append(want, zero(p, "provinsi", ""), zero(p, "kabupaten", "81.03"), zero(p, "kabupaten", "81.71"))
	}
	for _, p := range []string{"2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11"} {
		want = append(want, ambon3(p, "provinsi", ""), zero(p, "kabupaten", "81.03"), ambon3(p, "kabupaten", "81.71"),
			byAgency(ambon3(p, "kabupaten", "81.71"), "kota-ambon"))
	}
	dec := fig("2025-12", "kabupaten", "81.71", 3, 1, 1.0/3, 1, 1.0/3, 1, 1.0/3, 10.0, 30.0)
	jan := fig("2026-01", "kabupaten", "81.71", 4, 3, 0.75, 0, 0.0, 3, 0.75, 3.25, 13.0)
	feb03 := fig("2026-02", "kabupaten", "81.03", 3, 1, 1.0/3, 0, 0.0, 1, 1.0/3, 5.0/3, 5.0)
	feb71 := fig("2026-02", "kabupaten", "81.71", 3, 2, 2.0/3, 0, 0.0, 2, 2.0/3, 8.0/3, 8.0)
	mar03 := fig("2026-03", "kabupaten", "81.03", 3, 2, 2.0/3, 1, 1.0/3, 2, 2.0/3, 25.0/3, 25.0)
	mar71 := fig("2026-03", "kabupaten", "81.71", 3, 2, 2.0/3, 0, 0.0, 1, 1.0/3, 11.0/3, 11.0)
	want = append(want,
		fig("2025-12", "provinsi", "", 3, 1, 1.0/3, 1, 1.0/3, 1, 1.0/3, 10.0, 30.0),
		zero("2025-12", "kabupaten", "81.03"), dec, byAgency(dec, "kota-ambon"),
		fig("2026-01", "provinsi", "", 4, 3, 0.75, 0, 0.0, 3, 0.75, 3.25, 13.0),
		zero("2026-01", "kabupaten", "81.03"), jan, byAgency(jan, "kota-ambon"),
		fig("2026-02", "provinsi", "", 6, 3, 0.5, 0, 0.0, 3, 0.5, 13.0/6, 13.0),
		feb03, feb71, byAgency(feb03, "kab-tanimbar"), byAgency(feb71, "kota-ambon"),
		fig("2026-03", "provinsi", "", 6, 4, 4.0/6, 1, 1.0/6, 3, 0.5, 6.0, 36.0),
		mar03, mar71, byAgency(mar03, "kab-tanimbar"), byAgency(mar71, "kota-ambon"),
	)
	checkTable(t, res, "coverage_trend", trendCols, want)
}

var trendCols = []string{"period", "level", "district_code", "agency_code", "headcount", "trained",
	"coverage", "target_met", "target_met_share", "on_track", "on_track_share", "jp_per_asn", "jp_total"}

// TestCoverageTrendByAgency: an agency with staff in two districts.
// pemprov-maluku's January roster has P1 in 81.71 and P2, P3 in 81.03;
// kota-ambon's has K1, K2 in 81.71; no roster before 2026-01, so no
// agency rows before it. Attended JP: P1 10 (Jan), K1 4 (Jan), P2 25
// (ends 10 Feb); P3's 6 JP are Tidak Hadir. P = 2026-02.
//
//	on-track line: Jan 20 × 1/12 = 1.67, Feb 3.33; target 20.
//	2026-01 (81.03, pemprov)   P2 0, P3 0  → 2, 0, 0, 0, JP 0 → 0 per ASN
//	        (81.71, kota-ambon) K1 4, K2 0 → 2, trained 1, met 0, on track 1 (4 ≥ 1.67), 4/2 = 2
//	        (81.71, pemprov)   P1 10       → 1, 1, 0, 1, 10
//	        kabupaten 81.71 = 3, 2, 0, 2, 14/3; province 5, 2, 0, 2, 14/5
//	2026-02 (81.03, pemprov)   P2 25, P3 0 → 2, 1, 1, 1, 25/2 = 12.5
//	        (81.71, …) as January (no February training there; 4 ≥ 3.33)
//	        province 5, 3, 1, 3, 39/5 = 7.8
//	pemprov over its districts in February: 3, 2, 1, 2, JP 35 = coverage_agency's.
func TestCoverageTrendByAgency(t *testing.T) {
	const (
		p1, p2, p3 = "198001012005011001", "198102022006022002", "198203032007031003"
		k1, k2     = "198304042008042004", "198405052009051005"
	)
	f := newFixture(t)
	f.reference([]domain.District{{Code: "81.03", Name: "Kabupaten Kepulauan Tanimbar", Remote: true},
		{Code: "81.71", Name: "Kota Ambon"}},
		[]domain.Agency{
			{Code: "kota-ambon", Name: "Pemkot Ambon", District: "81.71", Expects: []domain.Kind{domain.Pegawai}},
			{Code: "pemprov-maluku", Name: "Pemprov Maluku", District: "81.71", Expects: []domain.Kind{domain.Pegawai}},
		}, nil)
	none := lake.Entry{}
	f.upload(domain.Pegawai, "2026-01", "pemprov-maluku", [][]any{
		peg(p1, "P1", "PNS", "Biro Organisasi", "", "81.71", "Aktif"),
		peg(p2, "P2", "PNS", "Dinas Pendidikan", "", "81.03", "Aktif"),
		peg(p3, "P3", "PPPK", "Dinas Pendidikan", "", "81.03", "Aktif")}, none)
	f.upload(domain.Pegawai, "2026-01", "kota-ambon", [][]any{
		peg(k1, "K1", "PNS", "Bappeda", "", "81.71", "Aktif"),
		peg(k2, "K2", "PNS", "Bappeda", "", "81.71", "Aktif")}, none)
	f.upload(domain.Kehadiran, "2026-01", "pemprov-maluku", [][]any{
		hadir(p1, "klasikal", "Teknis", "2026-01-13", "2026-01-15", 10, "Hadir", "Luring"),
		hadir(p3, "klasikal", "Teknis", "2026-01-20", "2026-01-20", 6, "Tidak Hadir", "Luring")}, none)
	f.upload(domain.Kehadiran, "2026-01", "kota-ambon", [][]any{
		hadir(k1, "nonklasikal", "Teknis", "2026-01-20", "2026-01-20", 4, "Hadir", "Daring")}, none)
	f.upload(domain.Kehadiran, "2026-02", "pemprov-maluku", [][]any{
		hadir(p2, "klasikal", "Teknis", "2026-01-28", "2026-02-10", 25, "Hadir", "Luring")}, none)
	res := run(t, f, DefaultParams(domain.MustPeriod("2026-02")))

	cols, rows := tableRows(res, "coverage_trend")
	if diff := cmp.Diff(trendCols, cols); diff != "" {
		t.Fatalf("coverage_trend columns (-want +got):\n%s", diff)
	}
	var got [][]any
	for _, r := range rows {
		if p := r[0].(string); p >= "2026-01" {
			got = append(got, r)
		} else if r[1] == "kabupaten_instansi" {
			t.Errorf("coverage_trend %s has an agency row before any roster: %v", p, r)
		}
	}
	if len(rows) != 10*3+2*6 {
		t.Errorf("coverage_trend has %d rows; want 42 (10 months × province and 2 districts, 2 × 6)", len(rows))
	}
	want := [][]any{
		{"2026-01", "provinsi", "", "", 5, 2, 0.4, 0, 0.0, 2, 0.4, 2.8, 14.0},
		{"2026-01", "kabupaten", "81.03", "", 2, 0, 0.0, 0, 0.0, 0, 0.0, 0.0, 0.0},
		{"2026-01", "kabupaten", "81.71", "", 3, 2, 2.0 / 3, 0, 0.0, 2, 2.0 / 3, 14.0 / 3, 14.0},
		{"2026-01", "kabupaten_instansi", "81.03", "pemprov-maluku", 2, 0, 0.0, 0, 0.0, 0, 0.0, 0.0, 0.0},
		{"2026-01", "kabupaten_instansi", "81.71", "kota-ambon", 2, 1, 0.5, 0, 0.0, 1, 0.5, 2.0, 4.0},
		{"2026-01", "kabupaten_instansi", "81.71", "pemprov-maluku", 1, 1, 1.0, 0, 0.0, 1, 1.0, 10.0, 10.0},
		{"2026-02", "provinsi", "", "", 5, 3, 0.6, 1, 0.2, 3, 0.6, 7.8, 39.0},
		{"2026-02", "kabupaten", "81.03", "", 2, 1, 0.5, 1, 0.5, 1, 0.5, 12.5, 25.0},
		{"2026-02", "kabupaten", "81.71", "", 3, 2, 2.0 / 3, 0, 0.0, 2, 2.0 / 3, 14.0 / 3, 14.0},
		{"2026-02", "kabupaten_instansi", "81.03", "pemprov-maluku", 2, 1, 0.5, 1, 0.5, 1, 0.5, 12.5, 25.0},
		{"2026-02", "kabupaten_instansi", "81.71", "kota-ambon", 2, 1, 0.5, 0, 0.0, 1, 0.5, 2.0, 4.0},
		{"2026-02", "kabupaten_instansi", "81.71", "pemprov-maluku", 1, 1, 1.0, 0, 0.0, 1, 1.0, 10.0, 10.0},
	}
	if diff := cmp.Diff(want, got, approx); diff != "" {
		t.Errorf("coverage_trend 2026-01..02 (-want +got):\n%s", diff)
	}
	// The agency's February rows summed over its districts are coverage_agency.
	checkTable(t, res, "coverage_agency", append([]string{"agency_code", "agency_name", "district_code"}, coverageCols...),
		[][]any{
			{"kota-ambon", "Pemkot Ambon", "81.71", 2, 1, 0.5, 0, 0.0, 1, 0.5, 2.0, 0.0, 4.0, 0.0, 4.0, 1.0, 0.0, 4.0},
			{"pemprov-maluku", "Pemprov Maluku", "81.71", 3, 2, 2.0 / 3, 1, 1.0 / 3, 2, 2.0 / 3, 35.0 / 3, 35.0, 0.0, 35.0, 0.0, 0.0, 0.0, 35.0},
		})
}

func TestAttention(t *testing.T) {
	res := run(t, newScenario(t).fixture, scenarioParams())
	// Province on_track_share 0.5. 81.71: 1/3 < 0.50 threshold → flagged;
	// not on track there: A2, A3 (kota-ambon). 81.03: 2/3, above the
	// threshold and the province → not flagged; not on track: T2 (kab-tanimbar).
	checkTable(t, res, "attention", []string{"rank", "district_code", "district_name", "remote", "on_track_share",
		"province_on_track_share", "flagged", "worst_agency_code", "daring_jp_share"}, [][]any{
		{1, "81.71", "Kota Ambon", false, 1.0 / 3, 0.5, true, "kota-ambon", 4.0 / 11},
		{2, "81.03", "Kabupaten Kepulauan Tanimbar", true, 2.0 / 3, 0.5, false, "kab-tanimbar", 0.8},
	})
}

func TestAttentionGap(t *testing.T) {
	// With the threshold at 0.30, 81.71 (1/3) is above it, but 0.5 - 1/3 =
	// 16.7 points below the province > 10 → still flagged. With GapPoints
	// 0.20 it is not.
	for _, tc := range []struct {
		gap  float64
		want bool
	}{{0.10, true}, {0.20, false}} {
		p := scenarioParams()
		p.OnTrackThreshold, p.GapPoints = 0.30, tc.gap
		res := run(t, newScenario(t).fixture, p)
		_, rows := rowsOf(res.Table("attention"))
		if got := rows[0][6]; got != tc.want {
			t.Errorf("attention(gap %v) flagged 81.71 = %v; want %v", tc.gap, got, tc.want)
		}
	}
}
