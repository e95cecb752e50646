package sampledata

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
)

// person is one ASN of the sample world, with the events of the sample
// year that change the rosters: a hire (month > 1), a retirement (Pensiun
// in the roster of that month, gone afterwards) or a move to another agency.
type person struct {
	ID       int
	NIP      string
	Name     string
	Female   bool
	Birth    time.Time
	Type     string // domain.PNS or domain.PPPK
	Golongan string
	Jabatan  string
	Status   string // Aktif, Cuti or Tugas Belajar for the whole year

	Agency   int // index into world.agencies, before any move
	Unit     workUnit
	HireM    int // first month in a roster (1 = already employed)
	RetireM  int // month whose roster shows Pensiun; 0 = none
	MoveM    int // month from which the person is in MoveTo's roster; 0 = none
	MoveTo   int
	MoveUnit workUnit

	WeakProne  bool // tends to get weak SKP predikat
	FollowedUp bool // weak evaluations are followed by training
}

// agencyAt is the agency whose roster lists p at month m.
func (p *person) agencyAt(m int) int {
	if p.MoveM > 0 && m >= p.MoveM {
		return p.MoveTo
	}
	return p.Agency
}

// unitAt is p's work unit at month m.
func (p *person) unitAt(m int) workUnit {
	if p.MoveM > 0 && m >= p.MoveM {
		return p.MoveUnit
	}
	return p.Unit
}

// active reports whether p is working (can train, is evaluated) in month m.
func (p *person) active(m int) bool {
	return m >= p.HireM && (p.RetireM == 0 || m < p.RetireM)
}

// remote reports whether p's work unit lies in a remote district.
func (w *world) remote(p *person, m int) bool { return w.remoteDistrict[p.unitAt(m).District] }

// makePeople creates every agency's staff. Ages run 22–57 at the start of
// the year; those born in year−58 retire (BUP 58) on the first of the month
// after their birthday. Some agencies hire PPPK or CPNS mid-year, and one
// person moves from Kabupaten Maluku Tengah to the province government in July.
func (w *world) makePeople() {
	r := w.rand("people")
	nips := newNIPMaker()
	y := w.year
	for ai, a := range w.agencies {
		n := int(math.Round(float64(a.Base) * w.factor))
		total := 0.0
		for _, u := range a.Units {
			total += u.Weight
		}
		hireM := 0
		if ai%3 == 1 {
			hireM = 3 + (ai % 4) // March..June
		} else if ai%3 == 2 {
			hireM = 10
		}
		for i := 0; i < n; i++ {
			p := &person{ID: len(w.people), Agency: ai, HireM: 1, Status: "Aktif"}
			p.Female = r.Float64() < 0.52
			p.Unit = pickUnit(r, a.Units, total)
			age := 22 + int(math.Round(r.Float64()*35)) // 22..57 on 1 Jan
			if r.Float64() < 0.03 {
				age = 57 // a few more near retirement, so every year has some
			}
			birthYear := y - 1 - age
			p.Birth = domain.Date(birthYear, time.Month(1+r.IntN(12)), 1+r.IntN(28))
			newHire := hireM > 0 && i >= n-max(2, n/25)
			if newHire {
				p.HireM = hireM
			}
			if birthYear == y-58 && !newHire {
				// turns 58 this year: Pensiun from the first of the next month
				if m := int(p.Birth.Month()) + 1; m <= 12 {
					p.RetireM = m
				}
			}
			switch {
			case newHire && hireM == 10:
				// CPNS appointed 1 October of this year
				p.Type = domain.PNS
				if birthYear > y-23 {
					p.Birth = p.Birth.AddDate(-(birthYear - (y - 23)), 0, 0)
				}
				p.NIP = nips.pns(p.Birth, y, time.Month(hireM), p.Female)
			case newHire:
				p.Type = domain.PPPK
				p.NIP = nips.pppk(p.Birth, y, 1, p.Female)
			case age < 45 && r.Float64() < 0.22:
				// PPPK appointed 2021–2024 (the first PPPK rounds), one to three contracts
				p.Type = domain.PPPK
				ay := 2021 + r.IntN(4)
				p.NIP = nips.pppk(p.Birth, ay, 1+r.IntN(min(3, y-ay)), p.Female)
			default:
				p.Type = domain.PNS
				first := birthYear + 22 + r.IntN(8)
				if first > y-1 {
					first = y - 1
				}
				p.NIP = nips.pns(p.Birth, first, time.Month(1+r.IntN(12)), p.Female)
			}
			p.Name = personName(r, p.Female)
			p.Jabatan = p.Unit.Jabatan[r.IntN(len(p.Unit.Jabatan))]
			p.Golongan = golongan(r, p, y)
			switch x := r.Float64(); {
			case x < 0.015:
				p.Status = "Cuti"
			case x < 0.03:
				p.Status = "Tugas Belajar"
			}
			p.WeakProne = r.Float64() < 0.07
			p.FollowedUp = r.Float64() < 0.45
			w.people = append(w.people, p)
		}
	}
	// The planted mover: a PNS of Kabupaten Maluku Tengah joins the
	// province's BPSDM from July.
	from, to := w.agencyIndex("kab-maluku-tengah"), w.agencyIndex("pemprov-maluku")
	for _, p := range w.people {
		if p.Agency == from && p.Type == domain.PNS && p.HireM == 1 && p.RetireM == 0 && p.Status == "Aktif" && p.Unit.Service == "" {
			p.MoveM, p.MoveTo = 7, to
			p.MoveUnit = workUnit{"BPSDM Provinsi Maluku", "81.71", 1, "", jabAdmin}
			p.Jabatan = "Analis Kebijakan Ahli Muda"
			w.mover = p
			break
		}
	}
}

// pickUnit draws a work unit by weight.
func pickUnit(r *rand.Rand, us []workUnit, total float64) workUnit {
	x := r.Float64() * total
	for _, u := range us {
		if x < u.Weight {
			return u
		}
		x -= u.Weight
	}
	return us[len(us)-1]
}

var golPNS = []string{"II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c"}
var golPPPK = []string{"V", "VII", "IX", "X", "XI"}

// golongan grows with years of service: a new PNS starts at II/a or III/a
// and goes up one step every four years.
func golongan(r *rand.Rand, p *person, y int) string {
	if p.Type == domain.PPPK {
		return golPPPK[r.IntN(len(golPPPK))]
	}
	start := 0
	if r.Float64() < 0.6 {
		start = 4 // III/a with a degree
	}
	years := y - (p.Birth.Year() + 22)
	i := min(start+max(0, years)/4, len(golPNS)-1)
	return golPNS[i]
}
