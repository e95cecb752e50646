package sampledata

import "math/rand/v2"

// Family names common in Maluku (Ambonese marga, Kei, Tanimbar, Buton and
// Arab-descended families), and given names, both Christian and Muslim.
var (
	familyNames = []string{
		"Latuconsina", "Pattimura", "Tuhumury", "Sahetapy", "Leimena", "Lawalata", "Rumahlatu",
		"Wattimena", "Souisa", "Pelupessy", "Tahapary", "Kaya", "Renwarin", "Ohoitimur",
		"Matulessy", "Pattinama", "Tuanakotta", "Lekatompessy", "Siahaya", "Huwae", "Manuputty",
		"Latupeirissa", "Hehanussa", "Pattiasina", "Nanlohy", "Tomasouw", "Sopacua", "Tanamal",
		"Ohorella", "Tuasikal", "Marasabessy", "Wailissa", "Samal", "Rahawarin", "Ngabalin",
		"Rettob", "Fatubun", "Batlayeri", "Fenanlampir", "Laisina", "Makatita", "Rumbewas",
		"Salamor", "Lestaluhu", "Tualeka", "Kiat", "Assagaf", "Alhamid", "Hatala", "Sapulette",
	}
	maleNames = []string{
		"Yohanis", "Abdul", "Ahmad", "Frans", "Johan", "Muhammad", "Daniel", "Hendrik", "Rizal",
		"Samuel", "Yusuf", "Marthen", "Ridwan", "Jacob", "Hasan", "Petrus", "Umar", "Agustinus",
		"Ismail", "Benny", "Salim", "Jefri", "Arifin", "Roy", "Fadli", "Melkianus", "Ali", "Stevi",
	}
	femaleNames = []string{
		"Maria", "Siti", "Fransina", "Nurhayati", "Yuliana", "Fatimah", "Elisabeth", "Hasna",
		"Magdalena", "Aisyah", "Grace", "Salma", "Ribka", "Nurlela", "Agustina", "Hadijah",
		"Selvi", "Wa Ode", "Cristin", "Rahma", "Juliana", "Sarah", "Halima", "Novita", "Debora",
	}
	middleNames = []string{"", "", "", "", "M.", "A.", "Ch.", "J.", "Fransiska", "Nur"}
	degrees     = []string{"", "", "", "", ", S.Pd", ", S.Kep", ", S.E", ", S.H", ", S.Sos", ", A.Md", ", M.Si", ", S.Kom"}
)

// personName returns a plausible Maluku name.
func personName(r *rand.Rand, female bool) string {
	first := maleNames[r.IntN(len(maleNames))]
	if female {
		first = femaleNames[r.IntN(len(femaleNames))]
	}
	mid := middleNames[r.IntN(len(middleNames))]
	name := first
	if mid != "" {
		name += " " + mid
	}
	return name + " " + familyNames[r.IntN(len(familyNames))] + degrees[r.IntN(len(degrees))]
}
