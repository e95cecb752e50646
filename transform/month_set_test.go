package transform

import (
	"testing"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// A month is a set of current uploads (docs/uploads.md, "Several files for one
// month"): the metrics read every file of the set, and completeness sums
// them.
//
// kota-ambon, P = 2026-03, deadline 2026-04-10 23:59:59 WIT:
//
//	pegawai file 1 (received 2 Apr): A1 PNS, A2 PNS
//	pegawai file 2 (received 4 Apr, one more OPD): A3 PPPK, and A2 again
//	  → headcount 3 (A1, A2 once, A3): pns 2, pppk 1
//	kehadiran file 1 (received 3 Apr): A1 12 JP
//	kehadiran file 2 (received 12 Apr, late, partial: 2 read, 1 accepted):
//	  A3 8 JP → jp_total 20; trained 2 of 3
//	completeness kehadiran: diterima sebagian (file 2 is partial), received
//	  3 Apr (the first current file) so not late; rows read 1+2 = 3,
//	  accepted 2, rejected 1; revisions 0.
func TestMonthOfSeveralFiles(t *testing.T) {
	f := newFixture(t)
	f.reference([]domain.District{{Code: "81.71", Name: "Kota Ambon"}},
		[]domain.Agency{{Code: "kota-ambon", Name: "Pemkot Ambon", District: "81.71",
			Expects: []domain.Kind{domain.Pegawai, domain.Kehadiran}}}, nil)
	add := lake.Entry{Decision: lake.Added, Revision: 1}
	at := func(e lake.Entry, d int) lake.Entry { e.ReceivedAt = wit(2026, 4, d, 9, 0, 0); return e }
	f.upload(domain.Pegawai, "2026-03", "kota-ambon", [][]any{
		peg(nipA1, "A1", "PNS", "Disdukcapil", "", "81.71", "Aktif"),
		peg(nipA2, "A2", "PNS", "Disdukcapil", "", "81.71", "Aktif")}, at(add, 2))
	f.upload(domain.Pegawai, "2026-03", "kota-ambon", [][]any{
		peg(nipA3, "A3", "PPPK", "Dinas Sosial", "", "81.71", "Aktif"),
		peg(nipA2, "A2", "PNS", "Dinas Sosial", "", "81.71", "Aktif")}, at(add, 4))
	k1 := f.upload(domain.Kehadiran, "2026-03", "kota-ambon", [][]any{
		hadir(nipA1, "klasikal", "Teknis", "2026-03-02", "2026-03-02", 12, "Hadir", "Luring")}, at(add, 3))
	partial := at(add, 12)
	partial.Status, partial.RowsRead, partial.RowsAccepted, partial.RowsRejected = lake.Partial, 2, 1, 1
	k2 := f.upload(domain.Kehadiran, "2026-03", "kota-ambon", [][]any{
		hadir(nipA3, "klasikal", "Teknis", "2026-03-05", "2026-03-05", 8, "Hadir", "Luring")}, partial)

	res := run(t, f, DefaultParams(mustPeriod("2026-03")))
	checkTable(t, res, "headcount", []string{"district_code", "agency_code", "headcount", "pns", "pppk"}, [][]any{
		{"81.71", "kota-ambon", 3, 2, 1},
	})
	cols := []string{"agency_code", "kind", "status", "received_at", "late", "rows_read", "rows_accepted",
		"rows_rejected", "revisions", "unmatched_nip", "roster_period", "stale", "expected"}
	checkTable(t, res, "completeness", cols, [][]any{
		{"kota-ambon", "pegawai", "diterima", wit(2026, 4, 2, 9, 0, 0), false, 4, 4, 0, 0, nil, "2026-03", false, true},
		{"kota-ambon", "kehadiran", "diterima sebagian", wit(2026, 4, 3, 9, 0, 0), false, 3, 2, 1, 0, 0, nil, nil, true},
	})
	if n := tableInt(t, res, "coverage_agency", "jp_total"); n != 20 {
		t.Errorf("coverage_agency jp_total = %v; want 12 + 8 = 20", n)
	}

	// A revision replaces both attendance files at once: one revision, not
	// two; it arrived 13 Apr, after the deadline → late; rows are its own.
	rev := at(lake.Entry{Decision: lake.Replaced, Revision: 2, Replaces: lake.IDs{k1, k2}}, 13)
	f.upload(domain.Kehadiran, "2026-03", "kota-ambon", [][]any{
		hadir(nipA1, "klasikal", "Teknis", "2026-03-02", "2026-03-02", 10, "Hadir", "Luring"),
		hadir(nipA3, "klasikal", "Teknis", "2026-03-05", "2026-03-05", 8, "Hadir", "Luring")}, rev)
	res = run(t, f, DefaultParams(mustPeriod("2026-03")))
	checkTable(t, res, "completeness", cols, [][]any{
		{"kota-ambon", "pegawai", "diterima", wit(2026, 4, 2, 9, 0, 0), false, 4, 4, 0, 0, nil, "2026-03", false, true},
		{"kota-ambon", "kehadiran", "diterima", wit(2026, 4, 13, 9, 0, 0), true, 2, 2, 0, 1, 0, nil, nil, true},
	})
	if n := tableInt(t, res, "coverage_agency", "jp_total"); n != 18 {
		t.Errorf("after the revision, coverage_agency jp_total = %v; want 10 + 8 = 18", n)
	}
}

// tableInt is column col of the only row of table name, as a number.
func tableInt(t *testing.T, res *Result, name, col string) float64 {
	t.Helper()
	cols, rows := tableRows(res, name)
	if len(rows) != 1 {
		t.Fatalf("%s: %d rows; want 1", name, len(rows))
	}
	for i, c := range cols {
		if c == col {
			switch v := rows[0][i].(type) {
			case int:
				return float64(v)
			case int64:
				return float64(v)
			case float64:
				return v
			}
			t.Fatalf("%s.%s = %T %v; not a number", name, col, rows[0][i], rows[0][i])
		}
	}
	t.Fatalf("%s has no column %s", name, col)
	return 0
}
