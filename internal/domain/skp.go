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
	table := map[[2]string]string{
		{DiAtas, DiAtas}: SangatBaik, {DiAtas, Sesuai}: Baik, {DiAtas, DiBawah}: Kurang,
		{Sesuai, DiAtas}: Baik, {Sesuai, Sesuai}: Baik, {Sesuai, DiBawah}: Kurang,
		{DiBawah, DiAtas}: ButuhPerbaikan, {DiBawah, Sesuai}: ButuhPerbaikan, {DiBawah, DiBawah}: SangatKurang,
	}
	return table[[2]string{hasil, perilaku}]
}

// NeedsFollowUp reports whether a predikat puts a person in the follow-up
// cohort (coaching and further training).
func NeedsFollowUp(predikat string) bool {
	return predikat == ButuhPerbaikan || predikat == Kurang || predikat == SangatKurang
}
