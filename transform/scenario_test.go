package transform

import (
	"testing"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// The hand-worked scenario shared by the metric tests. P = 2026-03:
// end(P) = 2026-03-31, YTD = 2026-01-01..2026-03-31, W12 = 2025-04..2026-03,
// on-track line = 20 × 3 / 12 = 5 JP.
//
// Reference: 81.71 Kota Ambon (not remote), 81.03 Kepulauan Tanimbar (remote).
// Agencies: kota-ambon (seat 81.71, expects all four kinds), kab-tanimbar
// (81.03, pegawai + kehadiran), bkn-upt-ambon (81.71, pegawai).
// Units: U-AMB-1 (kota-ambon, 81.71, "KTP-el;Akta Kelahiran", 100 users a
// month → Krejcie–Morgan 80), U-TNB-1 (kab-tanimbar, 81.03, Kesehatan, N unknown).
//
// Rosters (pegawai):
//
//	kota-ambon 2025-06: A1 PNS, A2 PNS, A3 PPPK (all Aktif, 81.71)        valid 2025-06..2025-12
//	kota-ambon 2026-01: A1, A2 (unit U-AMB-1), A3 (status blank = active),
//	                    A4 Pensiun (inactive), M1 PNS Aktif                valid 2026-01..2026-03
//	kab-tanimbar 2026-02: T1 PNS (unit U-TNB-1), T2 PPPK, M1 (81.03)      valid 2026-02..2026-03
//	bkn-upt-ambon 2025-01: B1 Cuti (inactive) → a stale roster (14 months before P)
//
// M1 moves agency mid-year: in kota-ambon's January roster and kab-tanimbar's
// February roster; from February M1 counts once, in kab-tanimbar (later period).
//
// Attendance (kehadiran, Hadir unless noted):
//
//	kota-ambon 2025-12: A1 2025-12-15 30 JP klasikal Luring Teknis (last year: not in 2026 YTD)
//	kota-ambon 2026-01: A1 2026-01-10..12 4 JP klasikal Luring Teknis;
//	                    A2 2025-12-01..2026-01-05 4 JP nonklasikal Daring Teknis (month of Tanggal Selesai: Jan);
//	                    M1 2026-01-20 5 JP klasikal Luring Pelayanan Publik
//	kota-ambon 2026-03 first upload: A1 50 JP — replaced by a revision (file stays on disk, not current)
//	kota-ambon 2026-03 revision: A1 2026-03-02 3 JP nonklasikal Campuran Pelayanan Publik;
//	                    A3 10 JP Tidak Hadir (not attended); X9 8 JP (NIP in no roster: excluded, unmatched)
//	kab-tanimbar 2025-09: T2 2025-09-30 2 JP (starts on T2's evaluation end date E: not a follow-up)
//	kab-tanimbar 2026-03: T1 2026-03-10 20 JP nonklasikal Daring Pelayanan Publik
//
// jp_ytd at P: A1 4+3 = 7, A2 4, A3 0, T1 20, T2 0, M1 5.
type scenario struct{ *fixture }

const (
	nipA1 = "198001012005011001"
	nipA2 = "198102022006021002"
	nipA3 = "199003032021221001"
	nipA4 = "196001011985031001"
	nipM1 = "198505052010051001"
	nipT1 = "198707072012071001"
	nipT2 = "199508082022211002"
	nipB1 = "197009091995031001"
	nipX9 = "199901012023011009"
)

func wit(y int, m time.Month, d, h, mi, s int) time.Time {
	return time.Date(y, m, d, h, mi, s, 0, domain.WIT)
}

func newScenario(t *testing.T) *scenario {
	f := newFixture(t)
	f.reference(
		[]domain.District{{Code: "81.03", Name: "Kabupaten Kepulauan Tanimbar", Remote: true},
			{Code: "81.71", Name: "Kota Ambon"}},
		[]domain.Agency{
			{Code: "bkn-upt-ambon", Name: "UPT BKN Ambon", District: "81.71", Expects: []domain.Kind{domain.Pegawai}},
			{Code: "kab-tanimbar", Name: "Pemkab Kepulauan Tanimbar", District: "81.03",
				Expects: []domain.Kind{domain.Pegawai, domain.Kehadiran}},
			{Code: "kota-ambon", Name: "Pemkot Ambon", District: "81.71", Expects: domain.Kinds},
		},
		[]domain.Unit{
			{Code: "U-AMB-1", Name: "Disdukcapil Kota Ambon", Agency: "kota-ambon", District: "81.71",
				ServiceTypes: []string{"KTP-el", "Akta Kelahiran"}, UsersPerMonth: 100},
			{Code: "U-TNB-1", Name: "Puskesmas Saumlaki", Agency: "kab-tanimbar", District: "81.03",
				ServiceTypes: []string{"Kesehatan"}},
		})
	none := lake.Entry{}
	// Rosters.
	f.upload(domain.Pegawai, "2025-01", "bkn-upt-ambon", [][]any{
		peg(nipB1, "B1", "PNS", "Seksi", "", "81.71", "Cuti")}, none)
	f.upload(domain.Pegawai, "2025-06", "kota-ambon", [][]any{
		peg(nipA1, "A1", "PNS", "Disdukcapil", "U-AMB-1", "81.71", "Aktif"),
		peg(nipA2, "A2", "PNS", "Disdukcapil", "U-AMB-1", "81.71", "Aktif"),
		peg(nipA3, "A3", "PPPK", "Dinas Sosial", "", "81.71", "Aktif")}, none)
	f.upload(domain.Pegawai, "2026-01", "kota-ambon", [][]any{
		peg(nipA1, "A1", "PNS", "Disdukcapil", "U-AMB-1", "81.71", "Aktif"),
		peg(nipA2, "A2", "PNS", "Disdukcapil", "U-AMB-1", "81.71", "Aktif"),
		peg(nipA3, "A3", "PPPK", "Dinas Sosial", "", "81.71", ""),
		peg(nipA4, "A4", "PNS", "Dinas Sosial", "", "81.71", "Pensiun"),
		peg(nipM1, "M1", "PNS", "Bappeda", "", "81.71", "Aktif")}, none)
	f.upload(domain.Pegawai, "2026-02", "kab-tanimbar", [][]any{
		peg(nipT1, "T1", "PNS", "Dinas Kesehatan", "U-TNB-1", "81.03", "Aktif"),
		peg(nipT2, "T2", "PPPK", "Dinas Kesehatan", "", "81.03", "Aktif"),
		peg(nipM1, "M1", "PNS", "Bappeda", "", "81.03", "Aktif")}, none)
	f.upload(domain.Pegawai, "2026-03", "bkn-upt-ambon", nil, lake.Entry{Status: lake.Rejected,
		ReceivedAt: wit(2026, 4, 3, 10, 0, 0), RowsRead: 4, RowsRejected: 4, Reason: "NIP sebagai angka"})
	// Attendance.
	f.upload(domain.Kehadiran, "2025-12", "kota-ambon", [][]any{
		hadir(nipA1, "klasikal", "Teknis", "2025-12-15", "2025-12-15", 30, "Hadir", "Luring")}, none)
	f.upload(domain.Kehadiran, "2026-01", "kota-ambon", [][]any{
		hadir(nipA1, "klasikal", "Teknis", "2026-01-10", "2026-01-12", 4, "Hadir", "Luring"),
		hadir(nipA2, "nonklasikal", "Teknis", "2025-12-01", "2026-01-05", 4, "Hadir", "Daring"),
		hadir(nipM1, "klasikal", "Pelayanan Publik", "2026-01-20", "2026-01-20", 5, "Hadir", "Luring")}, none)
	first := f.upload(domain.Kehadiran, "2026-03", "kota-ambon", [][]any{
		hadir(nipA1, "klasikal", "Teknis", "2026-03-02", "2026-03-02", 50, "Hadir", "Luring")},
		lake.Entry{ReceivedAt: wit(2026, 4, 2, 8, 0, 0), Revision: 1})
	f.upload(domain.Kehadiran, "2026-03", "kota-ambon", [][]any{
		hadir(nipA1, "nonklasikal", "Pelayanan Publik", "2026-03-02", "2026-03-02", 3, "Hadir", "Campuran"),
		hadir(nipA3, "klasikal", "Teknis", "2026-03-05", "2026-03-05", 10, "Tidak Hadir", "Luring"),
		hadir(nipX9, "klasikal", "Teknis", "2026-03-06", "2026-03-06", 8, "Hadir", "Luring")},
		lake.Entry{ReceivedAt: wit(2026, 4, 11, 8, 0, 0), Replaces: lake.IDs{first}, Revision: 2})
	f.upload(domain.Kehadiran, "2025-09", "kab-tanimbar", [][]any{
		hadir(nipT2, "klasikal", "Teknis", "2025-09-30", "2025-09-30", 2, "Hadir", "Luring")}, none)
	f.upload(domain.Kehadiran, "2026-03", "kab-tanimbar", [][]any{
		hadir(nipT1, "nonklasikal", "Pelayanan Publik", "2026-03-10", "2026-03-10", 20, "Hadir", "Daring")},
		lake.Entry{ReceivedAt: wit(2026, 4, 10, 23, 59, 59)}) // exactly at the deadline: on time
	// Evaluations (E = periode_selesai; follow-up window E+180 days).
	f.upload(domain.Evaluasi, "2025-04", "kab-tanimbar", [][]any{
		eval(nipT1, "triwulan", "2025-01-01", "2025-03-31", domain.ButuhPerbaikan)}, none) // ends before W12
	f.upload(domain.Evaluasi, "2025-07", "kota-ambon", [][]any{
		eval(nipA1, "triwulan", "2025-04-01", "2025-06-30", domain.ButuhPerbaikan),
		eval(nipA2, "triwulan", "2025-04-01", "2025-06-30", domain.Baik)}, none)
	f.upload(domain.Evaluasi, "2025-10", "kota-ambon", [][]any{
		eval(nipA2, "triwulan", "2025-07-01", "2025-09-30", domain.ButuhPerbaikan)}, none)
	f.upload(domain.Evaluasi, "2025-10", "kab-tanimbar", [][]any{
		eval(nipT2, "triwulan", "2025-07-01", "2025-09-30", domain.SangatKurang)}, none)
	f.upload(domain.Evaluasi, "2026-01", "kota-ambon", [][]any{
		eval(nipA1, "tahunan", "2025-01-01", "2025-12-31", domain.Baik),
		eval(nipA2, "tahunan", "2025-01-01", "2025-12-31", domain.SangatKurang),
		eval(nipA3, "tahunan", "2025-01-01", "2025-12-31", domain.Kurang),
		eval(nipA2, "triwulan", "2025-10-01", "2025-12-31", domain.Baik)}, none)
	f.upload(domain.Evaluasi, "2026-03", "kota-ambon", [][]any{
		eval(nipX9, "bulanan", "2026-03-01", "2026-03-31", domain.Baik)},
		lake.Entry{ReceivedAt: wit(2026, 4, 5, 9, 0, 0)})
	// Survey responses.
	all3 := [9]int{3, 3, 3, 3, 3, 3, 3, 3, 3}
	all4 := [9]int{4, 4, 4, 4, 4, 4, 4, 4, 4}
	f.upload(domain.Survei, "2025-05", "kota-ambon", [][]any{
		resp("2025-05-10", "U-AMB-1", "Akta Kelahiran", all3),
		resp("2025-05-11", "U-AMB-1", "Akta Kelahiran", all3)}, none)
	f.upload(domain.Survei, "2026-02", "kota-ambon", [][]any{
		resp("2026-02-03", "U-AMB-1", "Akta Kelahiran", all4),
		resp("2026-02-04", "U-AMB-1", "Akta Kelahiran", [9]int{4, 4, 4, 4, 0, 4, 4, 4, 4}), // U5 blank
		resp("2026-02-05", "U-AMB-1", "Akta Kelahiran", all4),
		resp("2026-02-06", "U-AMB-1", "Akta Kelahiran", all4)}, none)
	// March at U-AMB-1: per element the five answers and their mean (nrr):
	//   U1 3,3,3,2,2 = 2.6   U2 2.6   U3 2.6   U4 3,3,2,2,2 = 2.4   U5 2.6
	//   U6 3,3,3,3,2 = 2.8   U7 2.6   U8 3,2,2,2,2 = 2.2   U9 3,3,3,3,3 = 3.0
	//   Σ nrr = 23.4 → IKM = 25 × 23.4 / 9 = 65.00 exactly: the C boundary.
	f.upload(domain.Survei, "2026-03", "kota-ambon", [][]any{
		resp("2026-03-02", "U-AMB-1", "KTP-el", [9]int{3, 3, 3, 3, 3, 3, 3, 3, 3}),
		resp("2026-03-03", "U-AMB-1", "KTP-el", [9]int{3, 3, 3, 3, 3, 3, 3, 2, 3}),
		resp("2026-03-04", "U-AMB-1", "KTP-el", [9]int{3, 3, 3, 2, 3, 3, 3, 2, 3}),
		resp("2026-03-05", "U-AMB-1", "KTP-el", [9]int{2, 2, 2, 2, 2, 3, 2, 2, 3}),
		resp("2026-03-06", "U-AMB-1", "KTP-el", [9]int{2, 2, 2, 2, 2, 2, 2, 2, 3}),
		resp("2026-03-07", "U-TNB-1", "Kesehatan", all4),
		resp("2026-03-08", "U-TNB-1", "Kesehatan", all4)},
		lake.Entry{ReceivedAt: wit(2026, 4, 1, 9, 0, 0)})
	return &scenario{f}
}

func scenarioParams() Params { return DefaultParams(domain.MustPeriod("2026-03")) }
