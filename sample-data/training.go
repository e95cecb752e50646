package sampledata

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
)

// course is one training event an agency's staff attend: the same name,
// dates, JP and mode for everyone in it.
type course struct {
	ID            int
	Agency        int
	Month         int // month of Tanggal Selesai, the month it is reported in
	Name          string
	Jenis         string // SIASN jenis pengembangan
	Kategori      string
	Penyelenggara string
	Start, End    time.Time
	JP            float64
	Mode          string // Luring, Daring, Campuran
	Lokasi        string // district code; "" for daring
}

// attendance is one row of a kehadiran upload.
type attendance struct {
	P      *person
	C      *course
	Status string // Hadir, Tidak Hadir, Izin, Sakit
}

// jenisSpec is a SIASN jenis pengembangan with its usual JP range and how
// often it is held online (daring) or mixed (campuran).
type jenisSpec struct {
	Name         string
	Prefix       string // how course names start
	Weight       float64
	JPMin, JPMax int
	Daring       float64
	Campuran     float64
}

var jenisList = []jenisSpec{
	{"Pelatihan", "Pelatihan", 14, 24, 40, 0.08, 0.12},
	{"Bimbingan Teknis", "Bimtek", 18, 16, 32, 0.10, 0.12},
	{"Workshop", "Workshop", 14, 8, 24, 0.10, 0.10},
	{"Seminar", "Seminar", 14, 2, 8, 0.50, 0.10},
	{"Kursus", "Kursus", 5, 8, 32, 0.15, 0.10},
	{"E-Learning", "E-Learning", 15, 4, 20, 1, 0},
	{"Coaching", "Coaching", 10, 2, 6, 0.40, 0},
	{"Mentoring", "Mentoring", 10, 2, 8, 0.40, 0},
}

// kategoriTopics are course topics by Kategori, with the share of courses
// in that Kategori.
var kategoriTopics = []struct {
	Kategori string
	Weight   float64
	Topics   []string
}{
	{"Teknis", 34, []string{"Pengelolaan Keuangan Daerah", "Aplikasi SIASN", "Penyusunan SKP", "Pengadaan Barang/Jasa Pemerintah", "Arsip Digital", "Keamanan Informasi", "Penyusunan Laporan Kinerja"}},
	{"Fungsional", 20, []string{"Jabatan Fungsional Analis Kebijakan", "Kurikulum Merdeka bagi Guru", "Keperawatan Gawat Darurat", "Penyuluhan Agama", "Pranata Komputer"}},
	{"Manajerial", 10, []string{"Kepemimpinan Pengawas", "Manajemen Kinerja Organisasi", "Perencanaan Strategis"}},
	{"Pelayanan Publik", 12, []string{"Pelayanan Prima", "Standar Pelayanan Publik", "Penanganan Pengaduan Masyarakat", "Budaya Melayani BerAKHLAK"}},
	{"Sosial Kultural", 10, []string{"Moderasi Beragama", "Wawasan Kebangsaan", "Pela Gandong dan Harmoni Sosial"}},
	{"Lainnya", 14, []string{"Literasi Digital", "Kesehatan dan Keselamatan Kerja", "Literasi Keuangan ASN"}},
}

var onlineProviders = []string{"LAN RI (ASN Unggul)", "Kementerian PANRB", "BKN", "BPSDM Provinsi Maluku", "Kemendagri (BPSDM)"}
var visitingProviders = []string{"BPSDM Provinsi Maluku", "BKN Kantor Regional IV Makassar", "LAN RI"}

// monthWeight makes January and December quieter for training.
var monthWeight = [13]float64{0, 0.4, 0.8, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.7}

// Target reach: the share of staff who reach 20 JP in the year, by whether
// their work unit is in a remote (tertinggal) district.
const (
	reachRemote = 0.33
	reachOther  = 0.72
)

// makeTraining builds each agency's monthly course catalogue and every
// person's attendance. Staff in remote districts reach 20 JP less often and
// prefer online courses; the rising unit's front-line staff take a
// Pelayanan Publik course in May or June; the falling unit's staff never do.
func (w *world) makeTraining() {
	r := w.rand("training")
	w.courses = make([][]*course, len(w.agencies)*13)
	head := make([]int, len(w.agencies))
	for _, p := range w.people {
		head[p.Agency]++
	}
	for ai, a := range w.agencies {
		for m := 1; m <= 12; m++ {
			n := 6 + head[ai]/45
			for i := 0; i < n; i++ {
				w.addCourse(w.newCourse(r, ai, a, m, i))
			}
		}
	}
	// The rising unit's service training, one course in May and one in June.
	amb := w.agencyIndex(reviseAgency)
	special := [2]*course{}
	for i, m := range []int{5, 6} {
		start := domain.Date(w.year, time.Month(m), 12+i)
		c := &course{Agency: amb, Month: m, Name: "Pelatihan Pelayanan Prima bagi Petugas Front Office",
			Jenis: "Pelatihan", Kategori: "Pelayanan Publik", Penyelenggara: "BPSDM Provinsi Maluku",
			Start: start, End: start.AddDate(0, 0, 3), JP: 32, Mode: "Luring", Lokasi: "81.71"}
		w.addCourse(c)
		special[i] = c
	}

	for _, p := range w.people {
		if p.Status != "Aktif" {
			continue // on leave or study leave all year: no training, and not in the headcount
		}
		var taken []*course
		sum := 0.0
		pick := func(maxJP float64) *course {
			m := w.pickMonth(r, p)
			if m == 0 {
				return nil
			}
			cs := w.courses[p.agencyAt(m)*13+m]
			remote := w.remote(p, m)
			weights := make([]float64, len(cs))
			total := 0.0
			for i, c := range cs {
				if c.JP > maxJP || contains(taken, c) || c.Name == special[0].Name ||
					(p.Unit.Service == fallingUnit && c.Kategori == "Pelayanan Publik") {
					continue
				}
				wt := 1.0
				switch {
				case remote && c.Mode == "Daring":
					wt = 4
				case remote && c.Mode == "Campuran":
					wt = 2
				case !remote && c.Mode == "Luring":
					wt = 2.5
				}
				weights[i] = wt
				total += wt
			}
			if total == 0 {
				return nil
			}
			x := r.Float64() * total
			for i, wt := range weights {
				if x < wt {
					return cs[i]
				}
				x -= wt
			}
			return nil
		}
		target := reachOther
		if w.remote(p, 12) {
			target = reachRemote
		}
		if r.Float64() < target {
			for tries := 0; sum < 20 && tries < 12; tries++ {
				if c := pick(math.Inf(1)); c != nil {
					taken = append(taken, c)
					sum += c.JP
				}
			}
			if r.Float64() < 0.35 {
				if c := pick(math.Inf(1)); c != nil {
					taken = append(taken, c)
				}
			}
		} else {
			k := 0
			switch x := r.Float64(); {
			case x < 0.35:
				k = 1
			case x < 0.55:
				k = 2
			}
			for i := 0; i < k; i++ {
				if c := pick(19 - sum); c != nil {
					taken = append(taken, c)
					sum += c.JP
				}
			}
		}
		if p.Unit.Service == risingUnit && p.active(6) && p.agencyAt(6) == amb && r.Float64() < 0.85 {
			taken = append(taken, special[r.IntN(2)])
		}
		for _, c := range taken {
			w.attend = append(w.attend, attendance{P: p, C: c, Status: "Hadir"})
		}
		// Some registrations that did not turn into attendance.
		if r.Float64() < 0.06 {
			if c := pick(math.Inf(1)); c != nil && !contains(taken, c) {
				st := []string{"Tidak Hadir", "Izin", "Sakit"}[r.IntN(3)]
				w.attend = append(w.attend, attendance{P: p, C: c, Status: st})
			}
		}
	}
}

func (w *world) addCourse(c *course) {
	c.ID = len(w.courseList)
	w.courseList = append(w.courseList, c)
	i := c.Agency*13 + c.Month
	w.courses[i] = append(w.courses[i], c)
}

func contains(cs []*course, c *course) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

// pickMonth draws a month in which p is active, weighted by monthWeight.
func (w *world) pickMonth(r *rand.Rand, p *person) int {
	total := 0.0
	for m := 1; m <= 12; m++ {
		if p.active(m) {
			total += monthWeight[m]
		}
	}
	if total == 0 {
		return 0
	}
	x := r.Float64() * total
	for m := 1; m <= 12; m++ {
		if !p.active(m) {
			continue
		}
		if x < monthWeight[m] {
			return m
		}
		x -= monthWeight[m]
	}
	return 12
}

// newCourse draws one course of agency a ending in month m.
func (w *world) newCourse(r *rand.Rand, ai int, a agencySpec, m, i int) *course {
	var j jenisSpec
	switch i {
	case 0:
		j = jenisList[5] // every month has an e-learning offer
	case 1:
		j = jenisList[3] // and a seminar
	default:
		j = pickJenis(r)
	}
	kt := kategoriTopics[0]
	if i == 2 {
		kt = kategoriTopics[3] // and something on public service
	} else {
		total := 0.0
		for _, k := range kategoriTopics {
			total += k.Weight
		}
		x := r.Float64() * total
		for _, k := range kategoriTopics {
			if x < k.Weight {
				kt = k
				break
			}
			x -= k.Weight
		}
	}
	topic := kt.Topics[r.IntN(len(kt.Topics))]
	c := &course{Agency: ai, Month: m, Jenis: j.Name, Kategori: kt.Kategori}
	c.JP = float64(j.JPMin + 2*r.IntN((j.JPMax-j.JPMin)/2+1))
	switch x := r.Float64(); {
	case x < j.Daring:
		c.Mode = "Daring"
	case x < j.Daring+j.Campuran:
		c.Mode = "Campuran"
	default:
		c.Mode = "Luring"
	}
	prefix := j.Prefix
	if j.Name == "Seminar" && c.Mode == "Daring" {
		prefix = "Webinar"
	}
	c.Name = prefix + " " + topic
	if c.Mode == "Daring" {
		c.Penyelenggara = onlineProviders[r.IntN(len(onlineProviders))]
	} else {
		c.Lokasi = a.District
		if r.Float64() < 0.6 {
			c.Penyelenggara = a.Penyelenggara
		} else {
			c.Penyelenggara = visitingProviders[r.IntN(len(visitingProviders))]
		}
	}
	days := max(1, int(math.Ceil(c.JP/9)))
	last := domain.Period{Year: w.year, Month: time.Month(m)}.LastDay().Day()
	start := 1 + r.IntN(last-days+1)
	c.Start = domain.Date(w.year, time.Month(m), start)
	c.End = c.Start.AddDate(0, 0, days-1)
	return c
}

func pickJenis(r *rand.Rand) jenisSpec {
	total := 0.0
	for _, j := range jenisList {
		total += j.Weight
	}
	x := r.Float64() * total
	for _, j := range jenisList {
		if x < j.Weight {
			return j
		}
		x -= j.Weight
	}
	return jenisList[0]
}
