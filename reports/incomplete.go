package reports

import (
	"sort"
	"strings"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// gap is one expected upload that a figure of the report depends on and
// that is not in the lake: nothing came, or only rejected files did.
type gap struct {
	Agency string
	Kind   domain.Kind
	Period domain.Period
}

// Which months a figure depends on, per kind (kept deliberately simple,
// so a reader can be told in one sentence):
//   - kehadiran: every month of the year to date (1 January to P), since
//     jp_ytd, coverage, on track and target met add them all up;
//   - pegawai: P only (the roster in use is the latest one sent; a roster
//     is due monthly only where the reference data says so);
//   - survei: P and the two months before (ikm_3m pools them; delta_prev
//     compares with the month before);
//   - evaluasi: P only.
//
// An agency expects a kind when P's completeness row says so (the
// reference data is not versioned, so P's expectations stand for the
// earlier months too). For P, the completeness status decides; for an
// earlier month, whether Uploads holds a current upload of that agency,
// kind and month. A late upload that did arrive, or a partly accepted one,
// is in the figures and is not a gap (the completeness section lists it).
// Nor is a month before the first month of that kind anyone ever sent:
// Pantau was not collecting it yet (the demo's January pools no 2024
// surveys because there are none, not because agencies missed them).
func dependsOn(k domain.Kind, p domain.Period) []domain.Period {
	switch k {
	case domain.Kehadiran:
		var out []domain.Period
		for m := 1; m <= int(p.Month); m++ {
			out = append(out, domain.Period{Year: p.Year, Month: time.Month(m)})
		}
		return out
	case domain.Survei:
		return []domain.Period{p.Add(-2), p.Add(-1), p}
	}
	return []domain.Period{p}
}

// coverageKinds are the kinds the training-reach figures (coverage, on
// track, target met, JP, the attention ranking) are computed from.
var coverageKinds = []domain.Kind{domain.Pegawai, domain.Kehadiran}

// Gaps lists the expected uploads d's figures depend on that are missing
// (see dependsOn), by agency, kind and month.
func (d *data) Gaps() []gap {
	have := map[gap]bool{}
	first := map[domain.Kind]domain.Period{}
	for _, e := range d.Uploads {
		if q, err := domain.ParsePeriod(e.Period); err == nil {
			have[gap{e.Agency, e.Kind, q}] = true
			if f, ok := first[e.Kind]; !ok || q.Before(f) {
				first[e.Kind] = q
			}
		}
	}
	var out []gap
	for _, c := range d.Completeness {
		if !c.Expected {
			continue
		}
		for _, q := range dependsOn(c.Kind, d.Period) {
			g := gap{c.Agency, c.Kind, q}
			if q == d.Period {
				if c.Status != string(lake.Accepted) && c.Status != string(lake.Partial) {
					out = append(out, g)
				}
			} else if f, ok := first[c.Kind]; ok && !q.Before(f) && !have[g] {
				out = append(out, g)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Agency != out[j].Agency {
			return out[i].Agency < out[j].Agency
		}
		if out[i].Kind != out[j].Kind {
			return out[i].Kind < out[j].Kind
		}
		return out[i].Period.Before(out[j].Period)
	})
	return out
}

// agencyDistricts maps each agency to the districts its staff are in (from
// person_progress; else the agency's own district), so that an agency's gap
// marks every district whose figures count its staff. The map is shared:
// callers do not change it.
func (d *data) agencyDistricts() map[string][]string {
	d.districts.once.Do(func() { d.districts.m = d.findAgencyDistricts() })
	return d.districts.m
}

func (d *data) findAgencyDistricts() map[string][]string {
	seen := map[string]map[string]bool{}
	add := func(a, x string) {
		if a == "" || x == "" {
			return
		}
		if seen[a] == nil {
			seen[a] = map[string]bool{}
		}
		seen[a][x] = true
	}
	for _, p := range d.Persons {
		add(p.Agency, p.District)
	}
	for _, a := range d.Agencies {
		if seen[a.Code] == nil {
			add(a.Code, a.District)
		}
	}
	out := map[string][]string{}
	for a, xs := range seen {
		for x := range xs {
			out[a] = append(out[a], x)
		}
		sort.Strings(out[a])
	}
	return out
}

// Incomplete is the set of district and agency codes whose figures miss an
// expected upload (Gaps). The key is a district code ("81.07") or an agency
// code ("kab-kepulauan-aru"); the value says what is missing, in codes:
// "kehadiran 2025-08" for an agency, "kab-kepulauan-aru kehadiran 2025-08"
// for a district, several joined by "; ". Tables mark these rows "data belum
// lengkap" (en: "data incomplete"); charts can mark them from here or from
// page.Incomplete, which holds the same map.
func (d *data) Incomplete() map[string]string {
	return incompleteOf(d, d.Gaps())
}

func incompleteOf(d *data, gaps []gap) map[string]string {
	out := map[string]string{}
	put := func(code, what string) {
		if out[code] == "" {
			out[code] = what
		} else {
			out[code] += "; " + what
		}
	}
	ds := d.agencyDistricts()
	for _, g := range gaps {
		what := string(g.Kind) + " " + g.Period.String()
		put(g.Agency, what)
		for _, x := range ds[g.Agency] {
			put(x, g.Agency+" "+what)
		}
	}
	return out
}

// gapsOf are the gaps of the given kinds that touch code (a district or
// an agency code).
func (d *data) gapsOf(gaps []gap, code string, kinds ...domain.Kind) []gap {
	ds := d.agencyDistricts()
	var out []gap
	for _, g := range gaps {
		ok := false
		for _, k := range kinds {
			ok = ok || g.Kind == k
		}
		if !ok {
			continue
		}
		if g.Agency == code {
			out = append(out, g)
			continue
		}
		for _, x := range ds[g.Agency] {
			if x == code {
				out = append(out, g)
				break
			}
		}
	}
	return out
}

// gapText names gaps for a reader: "Kehadiran Agustus 2025".
func gapText(t text, f Format, gaps []gap) string {
	var parts []string
	seen := map[string]bool{}
	for _, g := range gaps {
		s := t.Kind(g.Kind) + " " + f.Period(g.Period)
		if !seen[s] {
			seen[s] = true
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// incompleteMark is the note put beside a ranked row whose figure misses gaps.
func incompleteMark(t text, f Format, gaps []gap) string {
	if len(gaps) == 0 {
		return ""
	}
	return t.Sf("mark.incomplete.detail", gapText(t, f, gaps))
}

// gapSentence is the first highlight when any gap exists: which uploads
// are missing, per agency.
func gapSentence(d *data, t text, f Format, gaps []gap) string {
	var agencies []string
	by := map[string][]gap{}
	for _, g := range gaps {
		if _, ok := by[g.Agency]; !ok {
			agencies = append(agencies, g.Agency)
		}
		by[g.Agency] = append(by[g.Agency], g)
	}
	var parts []string
	for i, a := range agencies {
		if i == 3 {
			parts = append(parts, t.Sf("hl.incomplete.more", len(agencies)-3))
			break
		}
		parts = append(parts, t.Sf("hl.incomplete.item", gapText(t, f, by[a]), d.agencyName(a)))
	}
	return t.Sf("hl.incomplete", strings.Join(parts, "; "))
}
