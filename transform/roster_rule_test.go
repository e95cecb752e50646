package transform

import (
	"testing"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// TestLaterRosterDecidesBeforeStatus: a person listed by two agencies
// counts once, in the roster with the later period — and that row's status
// decides whether they count at all. X moves from kota-ambon (January
// roster, Aktif) to pemprov (February roster, Cuti): from February X is on
// leave and is counted nowhere, although kota-ambon's January roster (still
// its latest) lists X as Aktif. Y stays in kota-ambon throughout.
//
//	headcount at P = 2026-03: kota-ambon Y = 1 (X counts in pemprov's later
//	roster, where X is Cuti); pemprov 0 active → no row.
//	coverage_trend (province): 2026-01 X, Y = 2 (pemprov's roster is not yet
//	in force); 2026-02 and 2026-03: Y = 1. Months before January: no roster, 0.
func TestLaterRosterDecidesBeforeStatus(t *testing.T) {
	const nipX, nipY = "198001012005011001", "198202022006022002"
	f := newFixture(t)
	f.reference([]domain.District{{Code: "81.71", Name: "Kota Ambon"}},
		[]domain.Agency{
			{Code: "kota-ambon", Name: "Pemkot Ambon", District: "81.71", Expects: []domain.Kind{domain.Pegawai}},
			{Code: "pemprov-maluku", Name: "Pemprov Maluku", District: "81.71", Expects: []domain.Kind{domain.Pegawai}},
		}, nil)
	none := lake.Entry{}
	f.upload(domain.Pegawai, "2026-01", "kota-ambon", [][]any{
		peg(nipX, "X", "PNS", "Bappeda", "", "81.71", "Aktif"),
		peg(nipY, "Y", "PNS", "Bappeda", "", "81.71", "Aktif")}, none)
	f.upload(domain.Pegawai, "2026-02", "pemprov-maluku", [][]any{
		peg(nipX, "X", "PNS", "Biro Organisasi", "", "81.71", "Cuti")}, none)
	res := run(t, f, DefaultParams(domain.MustPeriod("2026-03")))

	checkTable(t, res, "headcount", []string{"district_code", "agency_code", "headcount", "pns", "pppk"}, [][]any{
		{"81.71", "kota-ambon", 1, 1, 0},
	})
	cols, rows := rowsOf(res.Table("coverage_trend"))
	got := map[string]any{}
	for _, r := range project(cols, rows, []string{"period", "level", "headcount"}) {
		if r[1] == "provinsi" {
			got[r[0].(string)] = r[2]
		}
	}
	for period, want := range map[string]int{"2025-12": 0, "2026-01": 2, "2026-02": 1, "2026-03": 1} {
		if g, ok := got[period]; !ok || toInt(g) != want {
			t.Errorf("coverage_trend provinsi headcount %s = %v; want %d", period, g, want)
		}
	}
}

func toInt(v any) int {
	switch n := v.(type) {
	case int:
		return n
	case int64:
		return int(n)
	case int32:
		return int(n)
	}
	return -1
}

// TestRosterTieByReceipt: two agencies' January rosters both list X (a
// transfer the old roster still shows). Of the same period, the roster
// received later decides, then the file name — never the ingest time,
// which files ingested in one scan share (it used to fall to agency-code
// order there, while the same files in two scans gave the later scan).
// Y is only in kota-ambon's roster.
//
//	X in pemprov-maluku → headcount kota-ambon 1 (Y), pemprov-maluku 1 (X)
//	X in kota-ambon     → headcount kota-ambon 2 (X, Y), no pemprov row
func TestRosterTieByReceipt(t *testing.T) {
	const nipX, nipY = "198001012005011001", "198202022006022002"
	early, late := wit(2026, 2, 2, 9, 0, 0), wit(2026, 2, 3, 9, 0, 0)
	scan1, scan2 := wit(2026, 2, 4, 8, 0, 0), wit(2026, 2, 5, 8, 0, 0)
	inPemprov := [][]any{{"81.71", "kota-ambon", 1, 1, 0}, {"81.71", "pemprov-maluku", 1, 1, 0}}
	inKota := [][]any{{"81.71", "kota-ambon", 2, 2, 0}}
	for _, tc := range []struct {
		name       string
		kota, prov lake.Entry
		want       [][]any
	}{
		{"one scan, pemprov received later", // was kota-ambon: the ingest tie fell to agency code
			lake.Entry{ReceivedAt: early, IngestedAt: scan1}, lake.Entry{ReceivedAt: late, IngestedAt: scan1}, inPemprov},
		{"one scan, kota-ambon received later",
			lake.Entry{ReceivedAt: late, IngestedAt: scan1}, lake.Entry{ReceivedAt: early, IngestedAt: scan1}, inKota},
		{"two scans, the earlier file ingested later", // was kota-ambon: the later ingest
			lake.Entry{ReceivedAt: early, IngestedAt: scan2}, lake.Entry{ReceivedAt: late, IngestedAt: scan1}, inPemprov},
		{"same drop time: the file name decides", // a < b; agency code would give kota-ambon
			lake.Entry{File: "b.xlsx", ReceivedAt: early, IngestedAt: scan1},
			lake.Entry{File: "a.xlsx", ReceivedAt: early, IngestedAt: scan1}, inPemprov},
		{"same drop time and name: the agency code decides",
			lake.Entry{File: "a.xlsx", ReceivedAt: early, IngestedAt: scan2},
			lake.Entry{File: "a.xlsx", ReceivedAt: early, IngestedAt: scan1}, inKota},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.reference([]domain.District{{Code: "81.71", Name: "Kota Ambon"}},
				[]domain.Agency{
					{Code: "kota-ambon", Name: "Pemkot Ambon", District: "81.71", Expects: []domain.Kind{domain.Pegawai}},
					{Code: "pemprov-maluku", Name: "Pemprov Maluku", District: "81.71", Expects: []domain.Kind{domain.Pegawai}},
				}, nil)
			f.upload(domain.Pegawai, "2026-01", "kota-ambon", [][]any{
				peg(nipX, "X", "PNS", "Bappeda", "", "81.71", "Aktif"),
				peg(nipY, "Y", "PNS", "Bappeda", "", "81.71", "Aktif")}, tc.kota)
			f.upload(domain.Pegawai, "2026-01", "pemprov-maluku", [][]any{
				peg(nipX, "X", "PNS", "Biro Organisasi", "", "81.71", "Aktif")}, tc.prov)
			res := run(t, f, DefaultParams(domain.MustPeriod("2026-01")))
			checkTable(t, res, "headcount", []string{"district_code", "agency_code", "headcount", "pns", "pppk"}, tc.want)
		})
	}
}
