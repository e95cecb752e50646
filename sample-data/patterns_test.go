package sampledata

import (
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
)

// The planted patterns, measured from the written workbooks of the demo
// sample (seed 1) the way docs/metrics.md defines them.

type rosterRow struct {
	Agency, District, Unit, Status string
	Period                         domain.Period
}

// current is, per (agency, kind, period), the set of uploads whose rows
// count, by docs/uploads.md ("Several files for one month"), applied here on
// the workbooks as read back, in drop order: a name saying revisi,
// perbaikan, pengganti or koreksi replaces the set; tambahan or susulan
// adds to it; otherwise a file holding at least 90 % of the set's row keys
// replaces it, one sharing none is added, and anything between changes
// nothing. (Repeated rows of an addition do not occur in the demo.)
func current(files []*sheetData) []*sheetData {
	type key struct {
		a string
		k domain.Kind
		p domain.Period
	}
	sorted := append([]*sheetData(nil), files...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Mtime.Before(sorted[j].Mtime) })
	sets := map[key][]*sheetData{}
	var order []key
	for _, f := range sorted {
		k := key{f.Agency, f.Kind, f.Period}
		cur, ok := sets[k]
		if !ok {
			order = append(order, k)
			sets[k] = []*sheetData{f}
			continue
		}
		words := strings.FieldsFunc(strings.ToLower(filepath.Base(f.Path)), func(r rune) bool { return r < 'a' || r > 'z' })
		has := func(ws ...string) bool {
			for _, w := range words {
				for _, x := range ws {
					if w == x {
						return true
					}
				}
			}
			return false
		}
		rep, add := has("revisi", "perbaikan", "pengganti", "koreksi"), has("tambahan", "susulan")
		if rep == add { // neither (or both): the rows decide
			curKeys := map[string]bool{}
			for _, c := range cur {
				for _, r := range c.Rows {
					curKeys[rowKey(f.Kind, r)] = true
				}
			}
			shared := 0
			for _, r := range f.Rows {
				if curKeys[rowKey(f.Kind, r)] {
					shared++
				}
			}
			rep = float64(shared) >= 0.9*float64(len(curKeys))
			add = !rep && shared == 0
		}
		switch {
		case rep:
			sets[k] = []*sheetData{f}
		case add:
			sets[k] = append(cur, f)
		}
	}
	var out []*sheetData
	for _, k := range order {
		out = append(out, sets[k]...)
	}
	return out
}

// rowKey is a row's key for its month (docs/uploads.md): pegawai NIP; kehadiran
// NIP, training and both dates; evaluasi NIP and period; survei the whole
// response.
func rowKey(k domain.Kind, r map[string]string) string {
	var cols []string
	switch k {
	case domain.Pegawai:
		cols = []string{"NIP"}
	case domain.Kehadiran:
		cols = []string{"NIP", "Nama Pelatihan", "Tanggal Mulai", "Tanggal Selesai"}
	case domain.Evaluasi:
		cols = []string{"NIP", "Periode Penilaian"}
	default:
		for c := range r {
			cols = append(cols, c)
		}
		sort.Strings(cols)
	}
	var b strings.Builder
	for _, c := range cols {
		b.WriteString(c + "=" + r[c] + "\x1f")
	}
	return b.String()
}

// rosterAt is the active staff as of period p: each agency's latest roster
// with period ≤ p; a person in two rosters counts in the later one, ties
// broken as in activeAt (crossPerson.before).
func rosterAt(t *testing.T, files []*sheetData, p domain.Period) map[string]rosterRow {
	latest := map[string]*sheetData{}
	for _, f := range current(files) {
		if f.Kind != domain.Pegawai || p.Before(f.Period) {
			continue
		}
		if old, ok := latest[f.Agency]; !ok || old.Period.Before(f.Period) {
			latest[f.Agency] = f
		}
	}
	out := map[string]rosterRow{}
	from := map[string]crossPerson{} // the roster each row of out comes from
	for _, f := range latest {
		for _, r := range f.Rows {
			nip := cleanNIP(r["NIP"])
			cand := crossPerson{agency: f.Agency, period: f.Period, mtime: f.Mtime, file: filepath.Base(f.Path)}
			if old, ok := from[nip]; ok && cand.before(old) {
				continue
			}
			from[nip] = cand
			d, err := domain.ResolveDistrict(domain.MalukuDistricts(), r["Kabupaten/Kota"])
			if err != nil {
				t.Fatalf("%s: %v", f.Path, err)
			}
			st := r["Status"]
			if st == "" {
				st = "Aktif"
			}
			out[nip] = rosterRow{f.Agency, d, r["Kode Unit Layanan"], st, f.Period}
		}
	}
	for nip, r := range out {
		if r.Status != "Aktif" {
			delete(out, nip)
		}
	}
	return out
}

type trainingRow struct {
	NIP, Kategori, Mode string
	Start, End          time.Time
	JP                  float64
}

// attended lists the Hadir rows of the current kehadiran uploads.
func attended(t *testing.T, files []*sheetData) []trainingRow {
	var out []trainingRow
	for _, f := range current(files) {
		if f.Kind != domain.Kehadiran {
			continue
		}
		for _, r := range f.Rows {
			if r["Status Kehadiran"] != "Hadir" {
				continue
			}
			jp, err := strconv.ParseFloat(r["JP"], 64)
			if err != nil {
				t.Fatalf("%s: JP %q", f.Path, r["JP"])
			}
			mode := r["Mode"]
			if mode == "" {
				mode = "Luring"
			}
			out = append(out, trainingRow{cleanNIP(r["NIP"]), r["Kategori"], mode,
				parseDate(t, r["Tanggal Mulai"]), parseDate(t, r["Tanggal Selesai"]), jp})
		}
	}
	return out
}

func remoteDistricts() map[string]bool {
	m := map[string]bool{}
	for _, d := range domain.MalukuDistricts() {
		m[d.Code] = d.Remote
	}
	return m
}

// TestPatternRemoteReach: by December, far fewer ASN in remote (tertinggal)
// districts reach 20 JP, and more of their JP is online.
func TestPatternRemoteReach(t *testing.T) {
	_, files := demo(t)
	roster := rosterAt(t, files, domain.Period{Year: Year, Month: 12})
	jp := map[string]float64{}
	var daring, total [2]float64
	remote := remoteDistricts()
	for _, a := range attended(t, files) {
		r, ok := roster[a.NIP]
		if !ok || a.End.Year() != Year {
			continue
		}
		jp[a.NIP] += a.JP
		g := 0
		if remote[r.District] {
			g = 1
		}
		total[g] += a.JP
		if a.Mode == "Daring" {
			daring[g] += a.JP
		}
	}
	var head, met [2]float64
	for nip, r := range roster {
		g := 0
		if remote[r.District] {
			g = 1
		}
		head[g]++
		if jp[nip] >= 20 {
			met[g]++
		}
	}
	other, rem := met[0]/head[0], met[1]/head[1]
	t.Logf("target met: other %.3f (%v ASN), remote %.3f (%v ASN); daring JP share: other %.3f, remote %.3f",
		other, head[0], rem, head[1], daring[0]/total[0], daring[1]/total[1])
	if other < 0.6 || other > 0.8 {
		t.Errorf("share ≥ 20 JP in other districts = %.3f; want about 0.70", other)
	}
	if rem < 0.2 || rem > 0.45 {
		t.Errorf("share ≥ 20 JP in remote districts = %.3f; want about 0.35", rem)
	}
	if d0, d1 := daring[0]/total[0], daring[1]/total[1]; d1 < d0+0.15 {
		t.Errorf("daring JP share remote %.3f, other %.3f; want remote at least 15 points higher", d1, d0)
	}
}

// TestPatternLateAndMissing: one agency's kehadiran arrives after the
// deadline (day 10) one month and never arrives another; every other upload
// is dropped on days 1–8 of the following month.
func TestPatternLateAndMissing(t *testing.T) {
	_, files := demo(t)
	late := 0
	for _, f := range files {
		next := f.Period.Add(1).Start()
		deadline := next.AddDate(0, 0, 10)
		if f.Mtime.Before(next) {
			t.Errorf("%s dropped %v, before its period ended", f.Path, f.Mtime)
		}
		if !f.Mtime.Before(deadline) {
			late++
			if f.Agency != lateAgency || f.Kind != domain.Kehadiran || f.Period.Month != lateMonth {
				t.Errorf("%s dropped %v, after the deadline", f.Path, f.Mtime)
			}
		}
		if f.Agency == lateAgency && f.Kind == domain.Kehadiran && f.Period.Month == missingMonth {
			t.Errorf("%s exists; want %s's kehadiran of month %d missing", f.Path, lateAgency, missingMonth)
		}
	}
	if late != 1 {
		t.Errorf("late uploads = %d; want 1", late)
	}
}

// TestPatternCorrectedUpload: one agency uploads a month twice; the second
// file is later and its values differ (corrected JP, rows restored).
func TestPatternCorrectedUpload(t *testing.T) {
	_, files := demo(t)
	var same []*sheetData
	for _, f := range files {
		if f.Agency == reviseAgency && f.Kind == domain.Kehadiran && f.Period.Month == reviseMonth {
			same = append(same, f)
		}
	}
	if len(same) != 2 {
		t.Fatalf("uploads of %s kehadiran month %d = %d; want 2", reviseAgency, reviseMonth, len(same))
	}
	first, second := same[0], same[1]
	if !second.Mtime.After(first.Mtime) {
		t.Errorf("corrected upload %v not after the first %v", second.Mtime, first.Mtime)
	}
	sum := func(f *sheetData) float64 {
		s := 0.0
		for _, r := range f.Rows {
			v, _ := strconv.ParseFloat(r["JP"], 64)
			s += v
		}
		return s
	}
	if len(second.Rows) <= len(first.Rows) || sum(first) <= sum(second) {
		t.Errorf("first upload %d rows %v JP, corrected %d rows %v JP; want the correction to add rows and lower the mistyped JP",
			len(first.Rows), sum(first), len(second.Rows), sum(second))
	}
}

// ikmOf computes the IKM of a set of responses (docs/metrics.md).
func ikmOf(resp [][9]int) float64 {
	var nrr [9]float64
	for u := 0; u < 9; u++ {
		s, n := 0.0, 0.0
		for _, r := range resp {
			if r[u] > 0 {
				s += float64(r[u])
				n++
			}
		}
		nrr[u] = s / n
	}
	return domain.IKM(nrr)
}

// surveyByUnit reads the survey answers per unit code and month.
func surveyByUnit(t *testing.T, files []*sheetData) map[string]map[int][][9]int {
	byName := map[string]string{}
	for _, s := range services() {
		byName[s.Name] = s.Code
	}
	out := map[string]map[int][][9]int{}
	for _, f := range current(files) {
		if f.Kind != domain.Survei {
			continue
		}
		for _, r := range f.Rows {
			code := r["Kode Unit Layanan"]
			if code == "" {
				code = byName[r["Unit Layanan"]]
			}
			var a [9]int
			for u := 0; u < 9; u++ {
				if v := r["U"+strconv.Itoa(u+1)]; v != "" {
					a[u] = answer(t, u, v)
				}
			}
			if out[code] == nil {
				out[code] = map[int][][9]int{}
			}
			m := int(f.Period.Month)
			out[code][m] = append(out[code][m], a)
		}
	}
	return out
}

// TestPatternServiceImpact: the unit whose front-line staff took Pelayanan
// Publik training mid-year gains IKM; the unit whose staff did not loses it.
// Most units are B, some A and C; answers are mostly 3, many 4.
func TestPatternServiceImpact(t *testing.T) {
	_, files := demo(t)
	sv := surveyByUnit(t, files)
	pooled := func(code string, months ...int) float64 {
		var all [][9]int
		for _, m := range months {
			all = append(all, sv[code][m]...)
		}
		return ikmOf(all)
	}
	rise := pooled(risingUnit, 10, 11, 12) - pooled(risingUnit, 1, 2, 3)
	fall := pooled(fallingUnit, 10, 11, 12) - pooled(fallingUnit, 1, 2, 3)
	t.Logf("IKM change last3 - first3: %s %+.2f, %s %+.2f", risingUnit, rise, fallingUnit, fall)
	if rise < 5 {
		t.Errorf("%s IKM change = %+.2f; want a rise of at least 5 points", risingUnit, rise)
	}
	if fall > -5 {
		t.Errorf("%s IKM change = %+.2f; want a fall of at least 5 points", fallingUnit, fall)
	}
	cats := map[string]int{}
	var counts [5]int
	for _, s := range services() {
		all := [][9]int{}
		for m := 1; m <= 12; m++ {
			if len(sv[s.Code][m]) == 0 {
				t.Errorf("unit %s has no responses in month %d", s.Code, m)
			}
			all = append(all, sv[s.Code][m]...)
		}
		for _, r := range all {
			for _, v := range r {
				counts[v]++
			}
		}
		c := domain.IKMCategory(ikmOf(all))
		cats[c]++
		t.Logf("%-15s n=%5d IKM %.2f %s", s.Code, len(all), ikmOf(all), c)
	}
	if cats["B"] < 6 || cats["A"] < 1 || cats["C"] < 1 {
		t.Errorf("unit categories over the year = %v; want mostly B with at least one A and one C", cats)
	}
	if !(counts[3] > counts[4] && counts[4] > counts[2] && counts[2] > counts[1] && counts[0] > 0) {
		t.Errorf("answer counts blank,1,2,3,4 = %v; want mostly 3, then 4, 2, 1, and some blanks", counts)
	}

	// Front-line staff training (roster Kode Unit Layanan, Kategori Pelayanan Publik).
	roster := rosterAt(t, files, domain.Period{Year: Year, Month: 12})
	trained := map[string]bool{}
	for _, a := range attended(t, files) {
		if a.Kategori == "Pelayanan Publik" {
			trained[a.NIP] = true
		}
	}
	share := func(unit string) float64 {
		n, k := 0.0, 0.0
		for nip, r := range roster {
			if r.Unit == unit {
				n++
				if trained[nip] {
					k++
				}
			}
		}
		if n == 0 {
			t.Fatalf("no staff with Kode Unit Layanan %s", unit)
		}
		return k / n
	}
	if s := share(risingUnit); s < 0.6 {
		t.Errorf("%s staff trained in Pelayanan Publik = %.2f; want ≥ 0.6", risingUnit, s)
	}
	if s := share(fallingUnit); s != 0 {
		t.Errorf("%s staff trained in Pelayanan Publik = %.2f; want 0", fallingUnit, s)
	}
}

// TestPatternWeakFollowUp: about 5–8 % weak predikat per round, and only
// some of the weak get training within 180 days after the evaluation end.
func TestPatternWeakFollowUp(t *testing.T) {
	_, files := demo(t)
	starts := map[string][]time.Time{}
	for _, a := range attended(t, files) {
		starts[a.NIP] = append(starts[a.NIP], a.Start)
	}
	yearEnd := domain.Date(Year, 12, 31)
	var weak, all, complete, followed float64
	preds := map[string]int{}
	for _, f := range current(files) {
		if f.Kind != domain.Evaluasi {
			continue
		}
		for _, r := range f.Rows {
			p := r["Predikat"]
			if h, b := r["Rating Hasil Kerja"], r["Rating Perilaku"]; h != "" && b != "" {
				if q := domain.Predikat(h, b); p != "" && q != p {
					t.Errorf("%s: predikat %q but ratings %q/%q give %q", f.Path, p, h, b, q)
				} else {
					p = q
				}
			}
			if p == "" {
				t.Fatalf("%s: row without predikat or ratings", f.Path)
			}
			preds[p]++
			all++
			if !domain.NeedsFollowUp(p) {
				continue
			}
			weak++
			end := f.Period.LastDay()
			if end.AddDate(0, 0, 180).After(yearEnd) {
				continue // window not complete within the sample year
			}
			complete++
			for _, s := range starts[cleanNIP(r["NIP"])] {
				if s.After(end) && !s.After(end.AddDate(0, 0, 180)) {
					followed++
					break
				}
			}
		}
	}
	t.Logf("predikat %v; weak %.0f of %.0f (%.1f %%); complete windows %.0f, followed up %.0f (%.2f)",
		preds, weak, all, 100*weak/all, complete, followed, followed/complete)
	if s := weak / all; s < 0.04 || s > 0.09 {
		t.Errorf("weak share = %.3f; want 0.05–0.08", s)
	}
	if preds[domain.SangatBaik] < preds[domain.ButuhPerbaikan] || preds[domain.Baik] < int(0.7*all) {
		t.Errorf("predikat counts %v; want mostly Baik, some Sangat Baik", preds)
	}
	if r := followed / complete; complete < 20 || r < 0.25 || r > 0.75 {
		t.Errorf("followed up %v of %v complete weak evaluations; want only some (25–75 %%)", followed, complete)
	}
}

// TestPatternMover: one person is in one agency's January roster and
// another agency's December roster.
func TestPatternMover(t *testing.T) {
	_, files := demo(t)
	jan := rosterAt(t, files, domain.Period{Year: Year, Month: 1})
	dec := rosterAt(t, files, domain.Period{Year: Year, Month: 12})
	var moved []string
	for nip, r := range dec {
		if j, ok := jan[nip]; ok && j.Agency != r.Agency {
			moved = append(moved, nip+" "+j.Agency+"→"+r.Agency)
		}
	}
	if len(moved) != 1 || !strings.Contains(moved[0], "kab-maluku-tengah→pemprov-maluku") {
		t.Errorf("movers = %v; want one from kab-maluku-tengah to pemprov-maluku", moved)
	}
	hired, retired := 0, 0
	for nip := range dec {
		if _, ok := jan[nip]; !ok {
			hired++
		}
	}
	for _, f := range files {
		for _, r := range f.Rows {
			if f.Kind == domain.Pegawai && r["Status"] == "Pensiun" {
				retired++
			}
		}
	}
	if hired < 10 || retired < 10 {
		t.Errorf("new hires %d, Pensiun rows %d; want some of each", hired, retired)
	}
}
