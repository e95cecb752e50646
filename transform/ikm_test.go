package transform

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// IKM arithmetic of the scenario (see scenario_test.go).
//
// U-AMB-1, March 2026 (P): nrr = 2.6 2.6 2.6 2.4 2.6 2.8 2.6 2.2 3.0,
// Σ = 23.4, IKM = 25 × 23.4 / 9 = 65.00 → exactly on the C boundary → C
// (with the printed 0,11 weight it would be 25 × 23.4 × 0.11 = 64.35 → D).
// U-AMB-1, February: 4 responses, all 4, one U5 blank → nrr all 4 (a blank
// counted as 0 would make U5 3) → IKM 100; delta_prev = 65 − 100 = −35.
// January: no responses → a gap (NULL), never 0.
// ikm_3m (Jan–Mar = Feb + Mar, n 9): element sums/answers
//
//	U1 (16+13)/9 U2 29/9 U3 29/9 U4 (16+12)/9 U5 (12+13)/8 U6 (16+14)/9
//	U7 29/9 U8 (16+11)/9 U9 (16+15)/9 → Σ = 232/9 + 25/8 = 2081/72
//	ikm_3m = 25 × 2081/72 / 9 = 52025/648 = 80.2854938…
//
// U-TNB-1, March: 2 responses all 4 → IKM 100 (the exact 1/9 weight; the
// printed 0,11 would give 99). No users figure → sample_ok NULL.
// U-AMB-1 users 100 → Krejcie–Morgan 80 > n 5 → sample_ok false.
// Province, March (7 responses): U1 (13+8)/7 = 3, U4 20/7, U6 22/7, U8 19/7,
// U9 23/7, the rest 3 → Σ = 15 + 84/7 = 27 → IKM 75 (C); February 100 →
// delta −25; 3m (11 responses): Σ = 296/11 + 33/10 = 3323/110 →
// 25 × 3323/110 / 9 = 83075/990 = 83.9141414…
const (
	ambon3m = 52025.0 / 648
	prov3m  = 83075.0 / 990
)

func TestIKMUnit(t *testing.T) {
	res := run(t, newScenario(t).fixture, scenarioParams())
	checkTable(t, res, "ikm_unit", []string{"unit_code", "unit_name", "agency_code", "district_code", "service_type",
		"n", "ikm", "category", "ikm_3m", "delta_prev", "sample_ok", "lowest_element", "users_per_month", "n_3m"},
		[][]any{
			{"U-AMB-1", "Disdukcapil Kota Ambon", "kota-ambon", "81.71", "Akta Kelahiran; KTP-el",
				5, 65.0, "C", ambon3m, -35.0, false, "U8", 100, 9},
			{"U-TNB-1", "Puskesmas Saumlaki", "kab-tanimbar", "81.03", "Kesehatan",
				2, 100.0, "A", 100.0, nil, nil, "U1", nil, 2},
		})
}

func TestIKMGroup(t *testing.T) {
	res := run(t, newScenario(t).fixture, scenarioParams())
	// Service type = the response's jenis layanan: Akta Kelahiran had
	// responses only in Feb (and May 2025): no responses in P (n 0, NULL),
	// 3m = February = 100. KTP-el only in March: 65, no previous month.
	// Districts pool their units: 81.03 = U-TNB-1, 81.71 = U-AMB-1.
	checkTable(t, res, "ikm_group", []string{"level", "code", "name", "n", "ikm", "category", "ikm_3m", "delta_prev"},
		[][]any{
			{"jenis_layanan", "Akta Kelahiran", "Akta Kelahiran", 0, nil, nil, 100.0, nil},
			{"jenis_layanan", "KTP-el", "KTP-el", 5, 65.0, "C", 65.0, nil},
			{"jenis_layanan", "Kesehatan", "Kesehatan", 2, 100.0, "A", 100.0, nil},
			{"kabupaten", "81.03", "Kabupaten Kepulauan Tanimbar", 2, 100.0, "A", 100.0, nil},
			{"kabupaten", "81.71", "Kota Ambon", 5, 65.0, "C", ambon3m, -35.0},
			{"provinsi", "provinsi", "Provinsi", 7, 75.0, "C", prov3m, -25.0},
		})
}

func TestIKMTrend(t *testing.T) {
	res := run(t, newScenario(t).fixture, scenarioParams())
	// A row for every month of W12; months without responses have n 0 and
	// ikm NULL (gaps). May 2025: U-AMB-1's two all-3 responses → 75 (C).
	// delta_prev needs both months: U-AMB-1 Feb has none (January is a gap),
	// March −35; province March 75 − 100 = −25.
	months := scenarioParams().Period.Window(12)
	type cell struct {
		n        int
		ikm      float64
		cat      string
		hasDelta bool
		delta    float64
	}
	series := func(level, code, name string, cells map[string]cell) [][]any {
		var out [][]any
		for _, m := range months {
			c, ok := cells[m.String()]
			row := []any{level, code, name, m.String(), 0, nil, nil, nil}
			if ok {
				row[4], row[5], row[6] = c.n, c.ikm, c.cat
				if c.hasDelta {
					row[7] = c.delta
				}
			}
			out = append(out, row)
		}
		return out
	}
	var want [][]any
	want = append(want, series("unit", "U-AMB-1", "Disdukcapil Kota Ambon", map[string]cell{
		"2025-05": {2, 75, "C", false, 0}, "2026-02": {4, 100, "A", false, 0}, "2026-03": {5, 65, "C", true, -35}})...)
	want = append(want, series("unit", "U-TNB-1", "Puskesmas Saumlaki", map[string]cell{
		"2026-03": {2, 100, "A", false, 0}})...)
	want = append(want, series("jenis_layanan", "Akta Kelahiran", "Akta Kelahiran", map[string]cell{
		"2025-05": {2, 75, "C", false, 0}, "2026-02": {4, 100, "A", false, 0}})...)
	want = append(want, series("jenis_layanan", "KTP-el", "KTP-el", map[string]cell{
		"2026-03": {5, 65, "C", false, 0}})...)
	want = append(want, series("jenis_layanan", "Kesehatan", "Kesehatan", map[string]cell{
		"2026-03": {2, 100, "A", false, 0}})...)
	want = append(want, series("provinsi", "provinsi", "Provinsi", map[string]cell{
		"2025-05": {2, 75, "C", false, 0}, "2026-02": {4, 100, "A", false, 0}, "2026-03": {7, 75, "C", true, -25}})...)
	checkTable(t, res, "ikm_trend", []string{"level", "code", "name", "period", "n", "ikm", "category", "delta_prev"}, want)
}

func TestIKMElements(t *testing.T) {
	res := run(t, newScenario(t).fixture, scenarioParams())
	// The lake's u8/u9 columns are used by name (the U8/U9 swap of some
	// forms is resolved at ingest): U-AMB-1 has U8 2.2 (lowest) and U9 3.0;
	// reading them swapped would make U8 3.0 and report no U8 weakness.
	// All-equal elements (U-TNB-1) name the lowest U number.
	checkTable(t, res, "ikm_elements", []string{"level", "code", "n", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9",
		"lowest_element"}, [][]any{
		{"unit", "U-AMB-1", 5, 2.6, 2.6, 2.6, 2.4, 2.6, 2.8, 2.6, 2.2, 3.0, "U8"},
		{"unit", "U-TNB-1", 2, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, "U1"},
		{"provinsi", "provinsi", 7, 3.0, 3.0, 3.0, 20.0 / 7, 3.0, 22.0 / 7, 3.0, 19.0 / 7, 23.0 / 7, "U8"},
	})
}

func TestIKMTrendMonthBeforeW12(t *testing.T) {
	// P = 2026-03, W12 = 2025-04..2026-03; the month before W12 (P-12) is
	// 2025-03. Survey responses (all nine answers equal, so a response
	// "all s" has every nrr = s and IKM = 25 × 9s / 9 = 25s):
	//
	//	2025-03 (P-12): U-A 2 × all 3 (KTP-el), U-B 1 × all 4 (Kesehatan),
	//	                U-X 1 × all 1 (Paspor; a unit in no reference, with
	//	                no response in W12)
	//	2025-04 (P-11): U-A 2 × all 4
	//	2025-05:        U-B 1 × all 3
	//	2026-03 (P):    U-A 1 × all 2
	//	2026-04 (P+1):  U-A 1 × all 4 — after P: never read
	//
	// Monthly IKM: U-A 2025-03 75, 2025-04 100, 2026-03 50;
	// U-B 2025-03 100, 2025-05 75. Province 2025-03: every element
	// (3+3+4+1)/4 = 2.75 → IKM 68.75; 2025-04 100; 2025-05 75; 2026-03 50.
	//
	// delta_prev of the first W12 month, 2025-04, is against 2025-03:
	// U-A 100 − 75 = 25, KTP-el 25, province 100 − 68.75 = 31.25;
	// U-B and Kesehatan have no 2025-04 responses → NULL. 2025-03 itself is
	// no row (the trend stays W12's 12 months), and U-X and Paspor, with
	// responses only before W12, are in no IKM table. Later deltas: province
	// 2025-05 75 − 100 = −25; 2026-03 NULL (2026-02 is a gap), U-B 2025-05
	// NULL (2025-04 is a gap).
	f := newFixture(t)
	f.reference([]domain.District{{Code: "81.71", Name: "Kota Ambon"}},
		[]domain.Agency{{Code: "kota-ambon", Name: "Pemkot Ambon", District: "81.71", Expects: domain.Kinds}},
		[]domain.Unit{
			{Code: "U-A", Name: "Unit A", Agency: "kota-ambon", District: "81.71", ServiceTypes: []string{"KTP-el"}},
			{Code: "U-B", Name: "Unit B", Agency: "kota-ambon", District: "81.71", ServiceTypes: []string{"Kesehatan"}},
		})
	all := func(s int) [9]int { return [9]int{s, s, s, s, s, s, s, s, s} }
	none := lake.Entry{}
	f.upload(domain.Survei, "2025-03", "kota-ambon", [][]any{
		resp("2025-03-03", "U-A", "KTP-el", all(3)),
		resp("2025-03-04", "U-A", "KTP-el", all(3)),
		resp("2025-03-05", "U-B", "Kesehatan", all(4)),
		resp("2025-03-06", "U-X", "Paspor", all(1))}, none)
	f.upload(domain.Survei, "2025-04", "kota-ambon", [][]any{
		resp("2025-04-07", "U-A", "KTP-el", all(4)),
		resp("2025-04-08", "U-A", "KTP-el", all(4))}, none)
	f.upload(domain.Survei, "2025-05", "kota-ambon", [][]any{
		resp("2025-05-09", "U-B", "Kesehatan", all(3))}, none)
	f.upload(domain.Survei, "2026-03", "kota-ambon", [][]any{
		resp("2026-03-10", "U-A", "KTP-el", all(2))}, none)
	f.upload(domain.Survei, "2026-04", "kota-ambon", [][]any{
		resp("2026-04-01", "U-A", "KTP-el", all(4))}, none)
	res := run(t, f, scenarioParams())

	// One series: the 12 months of W12, (n, ikm, category, delta_prev) where given.
	series := func(level, code, name string, cells map[string][]any) [][]any {
		var out [][]any
		for _, m := range scenarioParams().Period.Window(12) {
			row := []any{level, code, name, m.String(), 0, nil, nil, nil}
			if c, ok := cells[m.String()]; ok {
				copy(row[4:], c)
			}
			out = append(out, row)
		}
		return out
	}
	var want [][]any
	want = append(want, series("unit", "U-A", "Unit A", map[string][]any{
		"2025-04": {2, 100.0, "A", 25.0}, "2026-03": {1, 50.0, "D", nil}})...)
	want = append(want, series("unit", "U-B", "Unit B", map[string][]any{
		"2025-05": {1, 75.0, "C", nil}})...)
	want = append(want, series("jenis_layanan", "KTP-el", "KTP-el", map[string][]any{
		"2025-04": {2, 100.0, "A", 25.0}, "2026-03": {1, 50.0, "D", nil}})...)
	want = append(want, series("jenis_layanan", "Kesehatan", "Kesehatan", map[string][]any{
		"2025-05": {1, 75.0, "C", nil}})...)
	want = append(want, series("provinsi", "provinsi", "Provinsi", map[string][]any{
		"2025-04": {2, 100.0, "A", 31.25}, "2025-05": {1, 75.0, "C", -25.0}, "2026-03": {1, 50.0, "D", nil}})...)
	checkTable(t, res, "ikm_trend", []string{"level", "code", "name", "period", "n", "ikm", "category", "delta_prev"}, want)

	// P-12 responses change no other figure: U-X and Paspor appear nowhere,
	// and P's own delta_prev is still against P-1 (a gap).
	codes := func(table string, keep ...string) [][]any {
		names, rows := rowsOf(res.Table(table))
		return project(names, rows, keep)
	}
	if diff := cmp.Diff([][]any{{"U-A", 1, 50.0, nil}, {"U-B", 0, nil, nil}},
		codes("ikm_unit", "unit_code", "n", "ikm", "delta_prev"), approx); diff != "" {
		t.Errorf("ikm_unit (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][]any{{"KTP-el", 1}, {"Kesehatan", 0}, {"81.71", 1}, {"provinsi", 1}},
		codes("ikm_group", "code", "n"), approx); diff != "" {
		t.Errorf("ikm_group (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][]any{{"U-A", 1}, {"U-B", 0}, {"provinsi", 1}},
		codes("ikm_elements", "code", "n"), approx); diff != "" {
		t.Errorf("ikm_elements (-want +got):\n%s", diff)
	}
}
