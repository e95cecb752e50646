package sampledata

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
)

// evaluation is one row of an evaluasi upload.
type evaluation struct {
	P        *person
	Agency   int
	Period   domain.Period // the reporting period: the month the evaluation period ends
	Label    string        // Periode Penilaian as written: "Triwulan I 2025", "Tahunan 2024", "2025-03"
	End      time.Time     // last day of the evaluation period
	Hasil    string
	Perilaku string
	Predikat string
	Tindak   string
	Penilai  string // NIP of the rater
}

// evalPeriod is one evaluation round of an agency.
type evalPeriod struct {
	Period domain.Period
	Label  string
	Month  int // month whose staff are evaluated (12 of the previous year: 0)
}

var roman = []string{"", "I", "II", "III", "IV"}

// evalRounds are an agency's evaluation rounds: the annual evaluation of
// the previous year (reported for its December, uploaded in January),
// quarterly (Triwulan) rounds, or monthly ones for the one agency that
// evaluates monthly, and the annual evaluation of the sample year.
func (w *world) evalRounds(code string) []evalPeriod {
	y := w.year
	out := []evalPeriod{{domain.Period{Year: y - 1, Month: 12}, fmt.Sprintf("Tahunan %d", y-1), 0}}
	if code == monthlyEvalAgy {
		for m := 1; m <= 12; m++ {
			p := domain.Period{Year: y, Month: time.Month(m)}
			out = append(out, evalPeriod{p, p.String(), m})
		}
	} else {
		for q := 1; q <= 4; q++ {
			out = append(out, evalPeriod{domain.Period{Year: y, Month: time.Month(3 * q)}, fmt.Sprintf("Triwulan %s %d", roman[q], y), 3 * q})
		}
	}
	out = append(out, evalPeriod{domain.Period{Year: y, Month: 12}, fmt.Sprintf("Tahunan %d", y), 12})
	return out
}

// makeEvaluations rates everyone in every round. Most are Baik, some Sangat
// Baik, about 6 % weak (Butuh Perbaikan, Kurang/Misconduct, Sangat Kurang),
// concentrated in weak-prone people. A weak rating of a person marked
// FollowedUp is followed by a training that starts within 180 days; for the
// others every training starting in that window is removed, so the
// follow-up rate is measurable. The rising unit's staff are never weak, so
// its planted service training stays.
func (w *world) makeEvaluations() {
	r := w.rand("evaluation")
	raters := make([][]*person, len(w.agencies))
	for _, p := range w.people {
		if p.Type == domain.PNS && p.HireM == 1 && p.RetireM == 0 && p.MoveM == 0 &&
			(p.Golongan >= "III/d" || p.Golongan[:2] == "IV") {
			raters[p.Agency] = append(raters[p.Agency], p)
		}
	}
	type window struct {
		p    *person
		from time.Time
	}
	var windows []window
	for ai, a := range w.agencies {
		for _, rd := range w.evalRounds(a.Code) {
			end := rd.Period.LastDay()
			for _, p := range w.people {
				if rd.Month == 0 {
					if p.HireM != 1 || p.agencyAt(1) != ai {
						continue
					}
				} else if !p.active(rd.Month) || p.agencyAt(rd.Month) != ai {
					continue
				}
				e := evaluation{P: p, Agency: ai, Period: rd.Period, Label: rd.Label, End: end}
				weakP := 0.006
				if p.WeakProne {
					weakP = 0.75
				}
				if p.Unit.Service == risingUnit {
					weakP = 0
				}
				switch x := r.Float64(); {
				case x < weakP:
					switch y := r.Float64(); {
					case y < 0.5:
						e.Predikat = domain.ButuhPerbaikan
					case y < 0.8:
						e.Predikat = domain.Kurang
					default:
						e.Predikat = domain.SangatKurang
					}
				case x < weakP+0.12:
					e.Predikat = domain.SangatBaik
				default:
					e.Predikat = domain.Baik
				}
				e.Hasil, e.Perilaku = ratingsFor(r, e.Predikat)
				switch {
				case domain.NeedsFollowUp(e.Predikat) && p.FollowedUp:
					e.Tindak = "Pelatihan"
				case domain.NeedsFollowUp(e.Predikat):
					e.Tindak = "Pembinaan"
				case e.Predikat == domain.SangatBaik && r.Float64() < 0.4:
					e.Tindak = "Penghargaan"
				default:
					e.Tindak = "Tidak Ada"
				}
				if rs := raters[ai]; len(rs) > 0 {
					rater := rs[p.ID%len(rs)]
					if rater == p {
						rater = rs[(p.ID+1)%len(rs)]
					}
					e.Penilai = rater.NIP
				}
				w.evals = append(w.evals, e)
				if domain.NeedsFollowUp(e.Predikat) {
					windows = append(windows, window{p, end})
				}
			}
		}
	}
	// Follow-up training, or its absence.
	had := map[*person][]*course{}
	for _, at := range w.attend {
		had[at.P] = append(had[at.P], at.C)
	}
	drop := map[*person][]time.Time{}
	for _, wd := range windows {
		if !wd.p.FollowedUp {
			drop[wd.p] = append(drop[wd.p], wd.from)
			continue
		}
		if c := w.followUp(r, wd.p, wd.from, had[wd.p]); c != nil {
			had[wd.p] = append(had[wd.p], c)
		}
	}
	kept := w.attend[:0]
	for _, at := range w.attend {
		remove := false
		for _, from := range drop[at.P] {
			if at.C.Start.After(from) && !at.C.Start.After(from.AddDate(0, 0, 180)) {
				remove = true
			}
		}
		if !remove {
			kept = append(kept, at)
		}
	}
	w.attend = kept
}

// followUp adds a training for p starting 2 to 150 days after the end of a
// weak evaluation, if one exists within the sample year and p has not
// already taken it, and returns it.
func (w *world) followUp(r *rand.Rand, p *person, end time.Time, had []*course) *course {
	var options []*course
	for m := int(end.Month())%12 + 1; m <= 12; m++ {
		if end.Year() == w.year && m <= int(end.Month()) {
			continue
		}
		if !p.active(m) {
			continue
		}
		for _, c := range w.courses[p.agencyAt(m)*13+m] {
			d := c.Start.Sub(end)
			if d > 24*time.Hour && d <= 150*24*time.Hour && c.Kategori != "Pelayanan Publik" && !contains(had, c) {
				options = append(options, c)
			}
		}
	}
	if len(options) == 0 {
		return nil
	}
	c := options[r.IntN(len(options))]
	w.attend = append(w.attend, attendance{P: p, C: c, Status: "Hadir"})
	return c
}

// predikatPairs lists, per predikat, the (hasil kerja, perilaku) rating
// pairs that give it under domain.Predikat; computed once, read only.
var predikatPairs = func() map[string][][2]string {
	out := map[string][][2]string{}
	for _, h := range []string{domain.DiAtas, domain.Sesuai, domain.DiBawah} {
		for _, b := range []string{domain.DiAtas, domain.Sesuai, domain.DiBawah} {
			p := domain.Predikat(h, b)
			out[p] = append(out[p], [2]string{h, b})
		}
	}
	return out
}()

// ratingsFor returns a (hasil kerja, perilaku) pair that gives predikat
// under domain.Predikat; Baik is mostly the plain Sesuai/Sesuai.
func ratingsFor(r *rand.Rand, predikat string) (string, string) {
	if predikat == domain.Baik && r.Float64() < 0.7 {
		return domain.Sesuai, domain.Sesuai
	}
	pairs := predikatPairs[predikat]
	pr := pairs[r.IntN(len(pairs))]
	return pr[0], pr[1]
}
