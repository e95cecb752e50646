package domain

// SKP ratings (PermenPANRB 6/2022), each for hasil kerja and perilaku kerja.
const (
	DiAtas  = "Di Atas Ekspektasi"
	Sesuai  = "Sesuai Ekspektasi"
	DiBawah = "Di Bawah Ekspektasi"
)

// SKP predikat.
const (
	SangatBaik     = "Sangat Baik"
	Baik           = "Baik"
	ButuhPerbaikan = "Butuh Perbaikan"
	Kurang         = "Kurang/Misconduct"
	SangatKurang   = "Sangat Kurang"
)

// Predikats lists the predikat from best to worst.
var Predikats = []string{SangatBaik, Baik, ButuhPerbaikan, Kurang, SangatKurang}

// Predikat returns the predikat that follows from the two ratings
// (hasil kerja, perilaku), or "" if either rating is unknown.
func Predikat(hasil, perilaku string) string {
	h, p := ratingIndex(hasil), ratingIndex(perilaku)
	if h < 0 || p < 0 {
		return ""
	}
	return predikatTable[h][p]
}

// predikatTable is PermenPANRB 6/2022's matrix: rows hasil kerja, columns
// perilaku, each in ratingIndex's order (di atas, sesuai, di bawah).
var predikatTable = [3][3]string{
	{SangatBaik, Baik, Kurang},
	{Baik, Baik, Kurang},
	{ButuhPerbaikan, ButuhPerbaikan, SangatKurang},
}

// ratingIndex is r's row or column in predikatTable, or -1.
func ratingIndex(r string) int {
	switch r {
	case DiAtas:
		return 0
	case Sesuai:
		return 1
	case DiBawah:
		return 2
	}
	return -1
}

// NeedsFollowUp reports whether a predikat puts a person in the follow-up
// cohort (coaching and further training).
func NeedsFollowUp(predikat string) bool {
	return predikat == ButuhPerbaikan || predikat == Kurang || predikat == SangatKurang
}
