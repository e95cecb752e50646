package transform

import (
	"testing"
)

func TestCompleteness(t *testing.T) {
	res := run(t, newScenario(t).fixture, scenarioParams())
	// Deadline for P = 2026-03: 2026-04-10 23:59:59 WIT.
	//   bkn-upt-ambon pegawai: only a rejected file (received 3 Apr) → ditolak;
	//     roster used 2025-01 is 14 months old > 12 → stale.
	//   kab-tanimbar pegawai: no March roster; the February one is used.
	//   kab-tanimbar kehadiran: received exactly at the deadline → not late.
	//   kota-ambon kehadiran: revision received 11 Apr 08:00 → late; it
	//     replaced one upload → revisions 1; X9 in no roster → unmatched 1
	//     (A3's Tidak Hadir row is in the roster).
	//   kota-ambon evaluasi: X9 → unmatched 1. survei has no NIPs.
	//   Every pair is due monthly in the fixture's reference data: expected.
	cols := []string{"agency_code", "kind", "status", "received_at", "late", "rows_read", "rows_accepted",
		"rows_rejected", "revisions", "unmatched_nip", "roster_period", "stale", "expected"}
	checkTable(t, res, "completeness", cols, [][]any{
		{"bkn-upt-ambon", "pegawai", "ditolak", wit(2026, 4, 3, 10, 0, 0), false, 4, 0, 4, 0, nil, "2025-01", true, true},
		{"kab-tanimbar", "pegawai", "tidak ada", nil, nil, nil, nil, nil, 0, nil, "2026-02", false, true},
		{"kab-tanimbar", "kehadiran", "diterima", wit(2026, 4, 10, 23, 59, 59), false, 1, 1, 0, 0, 0, nil, nil, true},
		{"kota-ambon", "pegawai", "tidak ada", nil, nil, nil, nil, nil, 0, nil, "2026-01", false, true},
		{"kota-ambon", "kehadiran", "diterima", wit(2026, 4, 11, 8, 0, 0), true, 3, 3, 0, 1, 1, nil, nil, true},
		{"kota-ambon", "evaluasi", "diterima", wit(2026, 4, 5, 9, 0, 0), false, 1, 1, 0, 0, 1, nil, nil, true},
		{"kota-ambon", "survei", "diterima", wit(2026, 4, 1, 9, 0, 0), false, 7, 7, 0, 0, nil, nil, nil, true},
	})
}
