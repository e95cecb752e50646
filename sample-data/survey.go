package sampledata

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
)

// response is one SKM respondent's row.
type response struct {
	Unit       *serviceSpec
	Date       time.Time
	Jenis      string
	Usia       int
	Female     bool
	Pendidikan string
	Pekerjaan  string
	U          [9]int // 1..4, 0 blank
	Saran      string
}

// answerLabels are the printed answer options of the SKM form for U4
// (Biaya/Tarif) and U9 (Penanganan Pengaduan), worst first, as in
// docs/metrics.md, Regulations; some agencies type the label instead of the score.
var answerLabels = map[int][4]string{
	3: {"Sangat mahal", "Cukup mahal", "Murah", "Gratis"},
	8: {"Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"},
}

// elementOffset shifts the quality parameter per element: costs (U4) are
// often free and rated high, facilities (U8) and complaint handling (U9)
// lower — the usual shape of real SKM results.
var elementOffset = [9]float64{0.02, -0.03, -0.08, 0.18, 0.02, 0.04, 0.06, -0.12, -0.10}

var (
	pendidikan = []string{"SD", "SMP", "SMA/SMK", "SMA/SMK", "SMA/SMK", "D3", "S1", "S1", "S2"}
	pekerjaan  = []string{"PNS", "TNI/Polri", "Pegawai Swasta", "Wiraswasta", "Petani", "Nelayan", "Pelajar/Mahasiswa", "Ibu Rumah Tangga", "Lainnya"}
	saranGood  = []string{"Petugas ramah dan cepat", "Pertahankan pelayanan", "Terima kasih, pelayanan baik"}
	saranBad   = []string{"Antrean terlalu lama", "Ruang tunggu panas, tambah kipas", "Informasi persyaratan kurang jelas", "Petugas sering tidak di tempat", "Sistem sering gangguan"}
)

// level is the unit's answer-quality parameter in month m: the first-half
// level until May, the second-half level from August, linear in between.
func (s *serviceSpec) level(m int) float64 {
	switch {
	case m <= 5:
		return s.Level[0]
	case m >= 8:
		return s.Level[1]
	}
	f := float64(m-5) / 3
	return s.Level[0] + f*(s.Level[1]-s.Level[0])
}

// score draws one answer for quality t: mostly 3, many 4, some 2, few 1.
// The expected score is about 2.9 at t = 0.1 and 3.58 at t = 0.9.
func score(r *rand.Rand, t float64) int {
	t = math.Max(0, math.Min(1, t))
	p4 := 0.10 + 0.6*t
	p2 := 0.20 - 0.17*t
	p1 := 0.04 - 0.035*t
	switch x := r.Float64(); {
	case x < p1:
		return 1
	case x < p1+p2:
		return 2
	case x < p1+p2+p4:
		return 4
	}
	return 3
}

// responses draws unit s's respondents for month m. The number per month is
// the Krejcie–Morgan sample for the unit's users (×SampleFactor), or 40–60
// when users are unknown.
func (w *world) responses(s *serviceSpec, m int) []response {
	r := w.rand(fmt.Sprintf("survey/%s/%d", s.Code, m))
	n := 40 + r.IntN(21)
	if s.UsersPerMonth > 0 {
		n = int(math.Round(float64(domain.KrejcieMorgan(s.UsersPerMonth)) * s.SampleFactor * (0.95 + 0.1*r.Float64())))
	}
	last := domain.Period{Year: w.year, Month: time.Month(m)}.LastDay().Day()
	t := s.level(m)
	out := make([]response, n)
	for i := range out {
		x := &out[i]
		x.Unit = s
		x.Date = domain.Date(w.year, time.Month(m), 1+r.IntN(last))
		x.Jenis = s.ServiceTypes[r.IntN(len(s.ServiceTypes))]
		x.Usia = 17 + r.IntN(55)
		x.Female = r.Float64() < 0.5
		x.Pendidikan = pendidikan[r.IntN(len(pendidikan))]
		x.Pekerjaan = pekerjaan[r.IntN(len(pekerjaan))]
		if x.Usia < 24 && r.Float64() < 0.6 {
			x.Pekerjaan = "Pelajar/Mahasiswa"
		}
		for u := range x.U {
			if r.Float64() < 0.03 {
				continue // left blank
			}
			x.U[u] = score(r, t+elementOffset[u])
		}
		if r.Float64() < 0.12 {
			if t > 0.5 {
				x.Saran = saranGood[r.IntN(len(saranGood))]
			} else {
				x.Saran = saranBad[r.IntN(len(saranBad))]
			}
		}
	}
	// Responses sorted by date, as forms are entered.
	sortResponses(out)
	return out
}

func sortResponses(rs []response) {
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Date.Before(rs[j].Date) })
}
