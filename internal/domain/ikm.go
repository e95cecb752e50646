package domain

import "math"

// SKMElements are the nine elements (unsur) of the public satisfaction
// survey, U1 first (PermenPANRB 14/2017).
var SKMElements = [9]string{
	"Persyaratan",
	"Sistem, Mekanisme dan Prosedur",
	"Waktu Penyelesaian",
	"Biaya/Tarif",
	"Produk Spesifikasi Jenis Pelayanan",
	"Kompetensi Pelaksana",
	"Perilaku Pelaksana",
	"Sarana dan Prasarana",
	"Penanganan Pengaduan, Saran dan Masukan",
}

// IKM category thresholds (classify the value rounded to 9 decimals, see
// IKMCategory).
const (
	IKMThresholdA = 88.31
	IKMThresholdB = 76.61
	IKMThresholdC = 65.00
)

// IKM is 25 × Σ nrr / 9 with the exact 1/9 weight (the regulation prints it
// rounded to 0,11, which reads about 1 % low).
func IKM(nrr [9]float64) float64 {
	s := 0.0
	for _, v := range nrr {
		s += v
	}
	return 25 * s / 9
}

// IKMCategory returns A, B, C or D for an IKM value. The value is rounded
// to 9 decimals first, only to drop float noise (25 × 23.4 / 9 computes as
// 64.999999999999986, which is 65.00 and C), exactly as ikm_pool.sql does
// (round(ikm, 9)); the value printed keeps its 2 decimals. The two are
// held equal by transform's TestIKMRuleSQLMatchesGo.
func IKMCategory(ikm float64) string {
	ikm = math.Round(ikm*1e9) / 1e9
	switch {
	case ikm >= IKMThresholdA:
		return "A"
	case ikm >= IKMThresholdB:
		return "B"
	case ikm >= IKMThresholdC:
		return "C"
	}
	return "D"
}

// IKMCategoryLabel is the category's name ("Sangat Baik" for A).
func IKMCategoryLabel(cat, lang string) string {
	id := map[string]string{"A": "Sangat Baik", "B": "Baik", "C": "Kurang Baik", "D": "Tidak Baik"}
	en := map[string]string{"A": "Very good", "B": "Good", "C": "Poor", "D": "Very poor"}
	if lang == "en" {
		return en[cat]
	}
	return id[cat]
}

// KrejcieMorgan is the minimum sample for a population of n service users:
// s = 3,841·N·0,25 / (0,0025·(N−1) + 3,841·0,25), rounded up.
// KrejcieMorgan(100) = 80, (1000) = 278, (10000) = 370.
func KrejcieMorgan(n int) int {
	if n <= 0 {
		return 0
	}
	N := float64(n)
	s := 3.841 * N * 0.25 / (0.0025*(N-1) + 3.841*0.25)
	return int(math.Ceil(s - 1e-9))
}
