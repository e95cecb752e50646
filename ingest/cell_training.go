package ingest

import (
	"strconv"

	"github.com/pantau-asn/pantau/internal/domain"
)

// Forms of competency development (bentuk), as stored in the lake
// (domain.TrainingForms).
const (
	Klasikal    = domain.Klasikal
	Nonklasikal = domain.Nonklasikal
)

// training is one SIASN jenis diklat: its canonical name, the SIASN code
// when known (0 otherwise), the form, and the synonyms people write.
type training struct {
	name  string
	code  int
	form  string
	alias []string
}

// trainings are the jenis pengembangan accepted. Codes are only those
// confirmed in docs/metrics.md, Regulations (4, 8, 9, 14, 15, 16); other names are accepted
// without a code.
var trainings = []training{
	{"Pelatihan", 0, Klasikal, []string{"Diklat", "Pelatihan Klasikal", "Training"}},
	{"Pelatihan Struktural", 0, Klasikal, []string{"Diklat Struktural", "Pelatihan Kepemimpinan", "Diklatpim", "PKA", "PKP", "PKN", "Latsar", "Pelatihan Dasar", "Pelatihan Dasar CPNS"}},
	{"Pelatihan Fungsional", 0, Klasikal, []string{"Diklat Fungsional"}},
	{"Pelatihan Teknis", 0, Klasikal, []string{"Diklat Teknis"}},
	{"Workshop", 4, Klasikal, []string{"Lokakarya", "Loka Karya"}},
	{"Kursus", 0, Klasikal, []string{"Course"}},
	{"Penataran", 0, Klasikal, nil},
	{"Bimbingan Teknis", 8, Klasikal, []string{"Bimtek", "Bimbingan Tehnis"}},
	{"Seminar", 9, Klasikal, []string{"Konferensi", "Simposium", "Webinar Klasikal"}},
	{"Sosialisasi", 0, Klasikal, nil},
	{"Coaching", 14, Nonklasikal, []string{"Coaching Klinik", "Pembinaan"}},
	{"Mentoring", 15, Nonklasikal, []string{"Pendampingan"}},
	{"E-Learning", 16, Nonklasikal, []string{"Elearning", "E Learning", "Pembelajaran Elektronik", "MOOC", "Webinar"}},
	{"Pelatihan Jarak Jauh", 0, Nonklasikal, []string{"PJJ", "Distance Learning"}},
	{"Magang", 0, Nonklasikal, []string{"Praktik Kerja", "Internship"}},
	{"Detasering", 0, Nonklasikal, []string{"Secondment"}},
	{"Belajar Mandiri", 0, Nonklasikal, []string{"Self Learning", "Self-Learning"}},
	{"Komunitas Belajar", 0, Nonklasikal, []string{"Community of Practice", "Komunitas Praktik"}},
	{"Pertukaran Pegawai", 0, Nonklasikal, []string{"Pertukaran PNS", "Pertukaran ASN"}},
	{"Benchmarking", 0, Nonklasikal, []string{"Studi Banding"}},
}

var trainingKeys = func() map[string]int {
	m := map[string]int{}
	for i, t := range trainings {
		m[normKey(t.name)] = i
		for _, a := range t.alias {
			m[normKey(a)] = i
		}
		if t.code != 0 {
			m[strconv.Itoa(t.code)] = i
			m[normKey(strconv.Itoa(t.code)+" "+t.name)] = i
		}
	}
	return m
}()

// trainingExact maps each name, alias and code exactly as listed to what
// trainingKeys gives its folded form: the usual spellings are found
// without folding.
var trainingExact = func() map[string]int {
	m := map[string]int{}
	add := func(s string) { m[s] = trainingKeys[normKey(s)] }
	for _, t := range trainings {
		add(t.name)
		for _, a := range t.alias {
			add(a)
		}
	}
	return m
}()

// trainingNames lists the canonical names in the template's dropdown order.
func trainingNames() []string {
	out := make([]string, len(trainings))
	for i, t := range trainings {
		out[i] = t.name
	}
	return out
}

// parseTraining returns the canonical name and form of a jenis
// pengembangan written as a name, a synonym or a SIASN code ("8",
// "8 - Bimbingan Teknis").
func parseTraining(s string) (name, form string, ok bool) {
	i, ok := trainingExact[s]
	if !ok {
		i, ok = trainingKeys[normKey(s)]
	}
	if !ok {
		return "", "", false
	}
	return trainings[i].name, trainings[i].form, true
}
