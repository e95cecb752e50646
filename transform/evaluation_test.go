package transform

import (
	"testing"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

func TestEvaluationDist(t *testing.T) {
	res := run(t, newScenario(t).fixture, scenarioParams())
	// Evaluations ending in W12 (2025-04-01..2026-03-31); latest per person
	// and period type:
	//   kota-ambon: A1 triwulan (Q2 Butuh Perbaikan), A1 tahunan Baik,
	//     A2 triwulan Q4 Baik (Q2 Baik, Q3 Butuh Perbaikan are older),
	//     A2 tahunan Sangat Kurang, A3 tahunan Kurang/Misconduct, X9 bulanan Baik
	//     → Baik 3 (A1, A2, X9), Butuh Perbaikan 1, Kurang 1, Sangat Kurang 1.
	//   kab-tanimbar: T2 triwulan Q3 Sangat Kurang (T1's Q1 ends 2025-03-31,
	//     before W12).
	//   Districts use the roster: X9 is in no roster → left out of 81.71.
	var want [][]any
	add := func(level, code string, counts ...int) {
		for i, p := range []string{"Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"} {
			want = append(want, []any{level, code, p, counts[i]})
		}
	}
	add("instansi", "kab-tanimbar", 0, 0, 0, 0, 1)
	add("instansi", "kota-ambon", 0, 3, 1, 1, 1)
	add("kabupaten", "81.03", 0, 0, 0, 0, 1)
	add("kabupaten", "81.71", 0, 2, 1, 1, 1)
	checkTable(t, res, "evaluation_dist", []string{"level", "code", "predikat", "persons"}, want)
}

func TestFollowup(t *testing.T) {
	res := run(t, newScenario(t).fixture, scenarioParams())
	// Cohort (earliest weak evaluation ending in W12; window (E, E+180]):
	//   A1 E 2025-06-30 → 2025-12-27 ≤ end(P) 2026-03-31: complete; training
	//      starting 2025-12-15 → followed up.
	//   A2 E 2025-09-30 (Q3) → 2026-03-29: complete; training starting
	//      2025-12-01 → followed up.
	//   A3 E 2025-12-31 → 2026-06-29 > end(P): pending (window not complete).
	//   T2 E 2025-09-30 → complete; its only training starts ON E, outside
	//      (E, E+180] → not followed up.
	//   T1's weak Q1 ended before W12: not in the cohort.
	// kota-ambon 3 / 2 / 2 → rate 1, pending 1; kab-tanimbar 1 / 1 / 0 → 0;
	// province 4 / 3 / 2 → 2/3, pending 1.
	checkTable(t, res, "followup", []string{"agency_code", "level", "cohort", "complete", "followed_up", "rate", "pending"},
		[][]any{
			{"kab-tanimbar", "instansi", 1, 1, 0, 0.0, 0},
			{"kota-ambon", "instansi", 3, 2, 2, 1.0, 1},
			{"provinsi", "provinsi", 4, 3, 2, 2.0 / 3, 1},
		})
}

func TestImpact(t *testing.T) {
	res := run(t, newScenario(t).fixture, scenarioParams())
	// Staff per unit (roster as of P): U-AMB-1 A1, A2; U-TNB-1 T1.
	// Pelayanan Publik attended in W12: A1 (March), T1 (March), M1 (not in a unit).
	// U-AMB-1: 1/2 trained; first three months of W12 (2025-04..06) = May's two
	// all-3 responses → 75; last three = ikm_3m 52025/648 → change 3425/648.
	// U-TNB-1: 1/1; no responses in the first three months → change NULL.
	checkTable(t, res, "impact", []string{"unit_code", "unit_name", "staff", "trained_share", "ikm_first3",
		"ikm_last3", "ikm_change", "trained_staff"}, [][]any{
		{"U-AMB-1", "Disdukcapil Kota Ambon", 2, 0.5, 75.0, ambon3m, 3425.0 / 648, 1},
		{"U-TNB-1", "Puskesmas Saumlaki", 1, 1.0, nil, 100.0, nil, 1},
	})
}

func TestFollowupWindowCompletes(t *testing.T) {
	// Two months later (P = 2026-05, end 2026-05-31) A3's window (to
	// 2026-06-29) is still open; at P = 2026-06 (end 2026-06-30) it is
	// complete and, with no training since, not followed up.
	for _, tc := range []struct {
		period  string
		pending int
	}{{"2026-05", 1}, {"2026-06", 0}} {
		p := scenarioParams()
		p.Period = mustPeriod(tc.period)
		res := run(t, newScenario(t).fixture, p)
		_, rows := rowsOf(res.Table("followup"))
		for _, r := range rows {
			if r[0] == "kota-ambon" && r[6] != tc.pending {
				t.Errorf("followup(%s) kota-ambon pending = %v; want %v", tc.period, r[6], tc.pending)
			}
		}
	}
}

// TestEvaluationDistTieByReceipt: E is evaluated for the same quarter by two
// agencies (a transfer), in uploads ingested in one scan. The upload received
// later decides — not the ingest time they share, nor the row number (E is
// row 3 in kota-ambon's upload, row 2 in pemprov-maluku's).
//
//	kota-ambon, dropped 2 April: F Baik, E Baik
//	pemprov-maluku, dropped 3 April: E Sangat Kurang   ← E's latest
//	→ kota-ambon Baik 1 (F); pemprov-maluku Sangat Kurang 1 (E).
//	No roster: no district rows.
func TestEvaluationDistTieByReceipt(t *testing.T) {
	const nipE, nipF = "198001012005011001", "198202022006022002"
	scan := wit(2026, 4, 4, 8, 0, 0)
	f := newFixture(t)
	f.upload(domain.Evaluasi, "2026-03", "kota-ambon", [][]any{
		eval(nipF, "triwulan", "2026-01-01", "2026-03-31", "Baik"),
		eval(nipE, "triwulan", "2026-01-01", "2026-03-31", "Baik")},
		lake.Entry{ReceivedAt: wit(2026, 4, 2, 9, 0, 0), IngestedAt: scan})
	f.upload(domain.Evaluasi, "2026-03", "pemprov-maluku", [][]any{
		eval(nipE, "triwulan", "2026-01-01", "2026-03-31", "Sangat Kurang")},
		lake.Entry{ReceivedAt: wit(2026, 4, 3, 9, 0, 0), IngestedAt: scan})
	res := run(t, f, scenarioParams())
	checkTable(t, res, "evaluation_dist", []string{"level", "code", "predikat", "persons"}, [][]any{
		{"instansi", "kota-ambon", "Sangat Baik", 0}, {"instansi", "kota-ambon", "Baik", 1},
		{"instansi", "kota-ambon", "Butuh Perbaikan", 0}, {"instansi", "kota-ambon", "Kurang/Misconduct", 0},
		{"instansi", "kota-ambon", "Sangat Kurang", 0},
		{"instansi", "pemprov-maluku", "Sangat Baik", 0}, {"instansi", "pemprov-maluku", "Baik", 0},
		{"instansi", "pemprov-maluku", "Butuh Perbaikan", 0}, {"instansi", "pemprov-maluku", "Kurang/Misconduct", 0},
		{"instansi", "pemprov-maluku", "Sangat Kurang", 1},
	})
}

// TestEvaluationDistTies: the rest of the ranking after the end date, each
// tie with a person of its own, all kota-ambon:
//
//	b.xlsx, dropped 2 April 09:00: G Baik (row 2), H Baik (row 3),
//	  H Kurang/Misconduct (row 4), I Baik ending 2026-03-31
//	a.xlsx, dropped 2 April 09:00 too: G Sangat Kurang (row 2)
//	c.xlsx, dropped 5 April: I Sangat Baik ending 2025-12-31
//
//	G: same end, same drop time → file a.xlsx before b.xlsx → Sangat Kurang
//	H: same upload, same end → the later sheet row (4) → Kurang/Misconduct
//	I: the later end date wins over the later drop time → Baik
//	→ Baik 1, Kurang/Misconduct 1, Sangat Kurang 1.
func TestEvaluationDistTies(t *testing.T) {
	const nipG, nipH, nipI = "198001012005011001", "198202022006022002", "198303032007031003"
	drop := wit(2026, 4, 2, 9, 0, 0)
	f := newFixture(t)
	f.upload(domain.Evaluasi, "2026-03", "kota-ambon", [][]any{
		eval(nipG, "triwulan", "2026-01-01", "2026-03-31", "Baik"),
		eval(nipH, "triwulan", "2026-01-01", "2026-03-31", "Baik"),
		eval(nipH, "triwulan", "2026-01-01", "2026-03-31", "Kurang/Misconduct"),
		eval(nipI, "triwulan", "2026-01-01", "2026-03-31", "Baik")},
		lake.Entry{File: "b.xlsx", ReceivedAt: drop})
	f.upload(domain.Evaluasi, "2026-03", "kota-ambon", [][]any{
		eval(nipG, "triwulan", "2026-01-01", "2026-03-31", "Sangat Kurang")},
		lake.Entry{File: "a.xlsx", ReceivedAt: drop})
	f.upload(domain.Evaluasi, "2025-12", "kota-ambon", [][]any{
		eval(nipI, "triwulan", "2025-10-01", "2025-12-31", "Sangat Baik")},
		lake.Entry{File: "c.xlsx", ReceivedAt: wit(2026, 4, 5, 9, 0, 0)})
	res := run(t, f, scenarioParams())
	checkTable(t, res, "evaluation_dist", []string{"level", "code", "predikat", "persons"}, [][]any{
		{"instansi", "kota-ambon", "Sangat Baik", 0}, {"instansi", "kota-ambon", "Baik", 1},
		{"instansi", "kota-ambon", "Butuh Perbaikan", 0}, {"instansi", "kota-ambon", "Kurang/Misconduct", 1},
		{"instansi", "kota-ambon", "Sangat Kurang", 1},
	})
}
