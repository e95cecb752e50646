package sampledata

import (
	"context"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/transform"
)

// TestDemoFiguresCrossCheck checks the pipeline's figures for the committed
// demo sample against an independent computation: the workbooks are read
// back with this package's excelize reader (read_test.go) and the
// definitions of docs/metrics.md are applied in plain Go, without the ingest's
// readers, the lake or SQL.
func TestDemoFiguresCrossCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the ingest and the transform over the demo sample")
	}
	dir := t.TempDir()
	copyDemo(t, dir)
	files := readAll(t, dir) // before the ingest moves the originals away

	ctx := context.Background()
	cfg := ingest.DefaultConfig()
	cfg.StableFor = 0 // every file's mtime is its (past) drop time: ingest them all now
	now := time.Date(2026, 1, 20, 9, 0, 0, 0, domain.WIT)
	sum, err := ingest.Run(ctx, lake.Dir(dir), cfg, now, nil)
	if err != nil {
		t.Fatalf("ingest: %v", err)
	}
	t.Logf("ingest: %+v", sum)
	if sum.Seen != len(files) || sum.Pending != 0 {
		t.Errorf("ingest saw %d files (%d pending); want all %d ready", sum.Seen, sum.Pending, len(files))
	}

	for _, p := range []domain.Period{{Year: 2025, Month: 12}, {Year: 2025, Month: 6}} {
		t.Run(p.String(), func(t *testing.T) {
			res, err := transform.Run(ctx, lake.Dir(dir), transform.DefaultParams(p))
			if err != nil {
				t.Fatalf("transform %s: %v", p, err)
			}
			defer res.Release()

			wantD := independentCoverage(t, files, p)
			gotD := pipelineCoverage(t, res.Table("coverage_district"))
			if d := cmp.Diff(wantD, gotD, cmpopts.EquateApprox(0, 1e-9), cmpopts.EquateNaNs()); d != "" {
				t.Errorf("coverage_district %s: independent (-) vs pipeline (+):\n%s", p, d)
			}
			wantU := independentIKM(t, files, p)
			gotU := pipelineIKM(t, res.Table("ikm_unit"), res.Table("ikm_elements"))
			if d := cmp.Diff(wantU, gotU, cmpopts.EquateApprox(0, 1e-9), cmpopts.EquateNaNs()); d != "" {
				t.Errorf("ikm_unit/ikm_elements %s: independent (-) vs pipeline (+):\n%s", p, d)
			}

			var tot districtFigures
			var jp float64
			for _, d := range wantD {
				tot.Headcount += d.Headcount
				tot.Trained += d.Trained
				tot.TargetMet += d.TargetMet
				tot.OnTrack += d.OnTrack
				if d.Headcount > 0 {
					jp += d.JPPerASN * float64(d.Headcount)
				}
			}
			t.Logf("%s: %d districts: headcount %d, trained %d, target_met %d, on_track %d, JP/ASN %.4f",
				p, len(wantD), tot.Headcount, tot.Trained, tot.TargetMet, tot.OnTrack, jp/float64(tot.Headcount))
			codes := make([]string, 0, len(wantU))
			for c := range wantU {
				codes = append(codes, c)
			}
			sort.Strings(codes)
			for _, c := range codes {
				t.Logf("%s: unit %-15s n=%3d ikm %.4f (pipeline n=%d ikm %.4f)", p, c, wantU[c].N, wantU[c].IKM, gotU[c].N, gotU[c].IKM)
			}
		})
	}
}

// copyDemo copies the committed demo sample (sample-data/demo) into dir and
// gives each inbox file its planned drop time as mtime (git does not keep
// mtimes). The committed files must be exactly the plan's.
func copyDemo(t *testing.T, dir string) {
	t.Helper()
	w, err := newWorld(Demo, 1)
	if err != nil {
		t.Fatal(err)
	}
	planned := map[string]time.Time{}
	for _, u := range w.plan() {
		planned[filepath.Join("inbox", u.Agency, u.Name)] = u.Drop
	}
	src := "demo"
	copyFile(t, filepath.Join(src, "referensi.xlsx"), filepath.Join(dir, "referensi.xlsx"))
	paths, err := filepath.Glob(filepath.Join(src, "inbox", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		rel, _ := filepath.Rel(src, p)
		drop, ok := planned[rel]
		if !ok {
			t.Fatalf("committed %s is not in the demo plan; regenerate sample-data/demo", rel)
		}
		delete(planned, rel)
		dst := filepath.Join(dir, rel)
		copyFile(t, p, dst)
		if err := os.Chtimes(dst, drop, drop); err != nil {
			t.Fatal(err)
		}
	}
	for rel := range planned {
		t.Errorf("planned %s is not committed in sample-data/demo", rel)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// districtFigures are the compared columns of coverage_district.
type districtFigures struct {
	Headcount, Trained, TargetMet, OnTrack int64
	JPPerASN                               float64 // NaN when headcount is 0
}

// unitFigures are the compared columns of ikm_unit (n, ikm) and
// ikm_elements (nrr_u). The ikm is a sum over the elements, blind to a
// swap of two of them; the element means are not, so they check that the
// U8/U9 headers of rsup-leimena's form are mapped by name.
type unitFigures struct {
	N   int64
	IKM float64    // NaN when n is 0
	NRR [9]float64 // NaN when n is 0
}

// crossPerson is one active person as of P (docs/metrics.md, headcount).
type crossPerson struct {
	agency, district string
	period           domain.Period
	mtime            time.Time
	file             string // the workbook's name
}

// before reports whether roster row a loses to b for the same person
// (docs/metrics.md, headcount): the later period wins, then the later drop time,
// then the file name first in order, then the agency code first in order.
// None of it depends on how the files fell into ingest scans.
func (a crossPerson) before(b crossPerson) bool {
	switch {
	case a.period != b.period:
		return a.period.Before(b.period)
	case !a.mtime.Equal(b.mtime):
		return a.mtime.Before(b.mtime)
	case a.file != b.file:
		return a.file > b.file
	}
	return a.agency > b.agency
}

// activeAt is the active staff as of p by docs/metrics.md: per agency its latest
// pegawai upload with period ≤ p (of a period uploaded twice, the later
// file); a person in two agencies' rosters counts once, in the roster with
// the later period, then the one dropped later, then by file name and
// agency code (crossPerson.before) — and only if that row is active
// (Status Aktif or blank).
func activeAt(t *testing.T, files []*sheetData, p domain.Period) map[string]crossPerson {
	t.Helper()
	latest := map[string]*sheetData{}
	for _, f := range current(files) {
		if f.Kind != domain.Pegawai || p.Before(f.Period) {
			continue
		}
		if old, ok := latest[f.Agency]; !ok || old.Period.Before(f.Period) {
			latest[f.Agency] = f
		}
	}
	agencies := make([]string, 0, len(latest))
	for a := range latest {
		agencies = append(agencies, a)
	}
	sort.Strings(agencies)
	out := map[string]crossPerson{}
	inactive := map[string]bool{}
	for _, a := range agencies {
		f := latest[a]
		for _, r := range f.Rows {
			st := r["Status"]
			nip := cleanNIP(r["NIP"])
			d, err := domain.ResolveDistrict(domain.MalukuDistricts(), r["Kabupaten/Kota"])
			if err != nil {
				t.Fatalf("%s: %v", f.Path, err)
			}
			cand := crossPerson{f.Agency, d, f.Period, f.Mtime, filepath.Base(f.Path)}
			if old, ok := out[nip]; ok {
				if old.period == cand.period && old.mtime.Equal(cand.mtime) && old.district != cand.district {
					t.Logf("NIP %s in %s and %s rosters of the same period and drop time: the file name decides", nip, old.agency, cand.agency)
				}
				if cand.before(old) {
					continue
				}
			}
			out[nip] = cand
			inactive[nip] = st != "" && st != "Aktif"
		}
	}
	for nip, off := range inactive {
		if off {
			delete(out, nip)
		}
	}
	return out
}

// independentCoverage computes coverage_district's compared columns for p.
func independentCoverage(t *testing.T, files []*sheetData, p domain.Period) map[string]districtFigures {
	roster := activeAt(t, files, p)
	from, to := domain.Date(p.Year, 1, 1), p.LastDay()
	jp := map[string]float64{}
	for _, f := range current(files) {
		if f.Kind != domain.Kehadiran {
			continue
		}
		for _, r := range f.Rows {
			if r["Status Kehadiran"] != "Hadir" {
				continue
			}
			nip := cleanNIP(r["NIP"])
			if _, ok := roster[nip]; !ok {
				continue // in no active roster: counted in completeness, not here
			}
			end := parseDate(t, r["Tanggal Selesai"])
			if end.Before(from) || end.After(to) {
				continue
			}
			v, err := strconv.ParseFloat(r["JP"], 64)
			if err != nil {
				t.Fatalf("%s: JP %q", f.Path, r["JP"])
			}
			jp[nip] += v
		}
	}
	onTrack := 20 * float64(p.Month) / 12
	acc := map[string]*districtFigures{}
	total := map[string]float64{}
	for _, d := range domain.MalukuDistricts() {
		acc[d.Code] = &districtFigures{}
	}
	for nip, r := range roster {
		g := acc[r.district]
		g.Headcount++
		x := jp[nip]
		total[r.district] += x
		if x > 0 {
			g.Trained++
		}
		if x >= 20 {
			g.TargetMet++
		}
		if x >= onTrack {
			g.OnTrack++
		}
	}
	out := map[string]districtFigures{}
	for code, g := range acc {
		g.JPPerASN = math.NaN()
		if g.Headcount > 0 {
			g.JPPerASN = total[code] / float64(g.Headcount)
		}
		out[code] = *g
	}
	return out
}

// independentIKM computes ikm_unit's n and ikm for p: the responses dated in
// p, per unit (by code, or by name for forms that name the unit), elements
// by header name (read_test.go maps element names to U1..U9).
func independentIKM(t *testing.T, files []*sheetData, p domain.Period) map[string]unitFigures {
	byName := map[string]string{}
	out := map[string]unitFigures{}
	for _, s := range services() {
		byName[s.Name] = s.Code
		out[s.Code] = unitFigures{IKM: math.NaN(), NRR: nanNRR()}
	}
	resp := map[string][][9]int{}
	for _, f := range current(files) {
		if f.Kind != domain.Survei {
			continue
		}
		for _, r := range f.Rows {
			d := parseDate(t, r["Tanggal"])
			if d.Year() != p.Year || d.Month() != p.Month {
				continue
			}
			code := r["Kode Unit Layanan"]
			if code == "" {
				code = byName[r["Unit Layanan"]]
			}
			var a [9]int
			for u := range 9 {
				if v := r["U"+strconv.Itoa(u+1)]; v != "" {
					a[u] = answer(t, u, v)
				}
			}
			resp[code] = append(resp[code], a)
		}
	}
	for code, rs := range resp {
		sum := 0.0
		var nrr [9]float64
		for u := range 9 {
			s, n := 0.0, 0.0
			for _, a := range rs {
				if a[u] > 0 {
					s += float64(a[u])
					n++
				}
			}
			nrr[u] = s / n
			sum += nrr[u]
		}
		out[code] = unitFigures{N: int64(len(rs)), IKM: 25 * sum / 9, NRR: nrr}
	}
	return out
}

func pipelineCoverage(t *testing.T, rec arrow.RecordBatch) map[string]districtFigures {
	t.Helper()
	out := map[string]districtFigures{}
	for i := range int(rec.NumRows()) {
		out[cell(t, rec, "district_code", i)] = districtFigures{
			Headcount: int64(num(t, rec, "headcount", i)),
			Trained:   int64(num(t, rec, "trained", i)),
			TargetMet: int64(num(t, rec, "target_met", i)),
			OnTrack:   int64(num(t, rec, "on_track", i)),
			JPPerASN:  num(t, rec, "jp_per_asn", i),
		}
	}
	return out
}

func nanNRR() [9]float64 {
	var a [9]float64
	for u := range a {
		a[u] = math.NaN()
	}
	return a
}

func pipelineIKM(t *testing.T, units, elements arrow.RecordBatch) map[string]unitFigures {
	t.Helper()
	out := map[string]unitFigures{}
	for i := range int(units.NumRows()) {
		out[cell(t, units, "unit_code", i)] = unitFigures{N: int64(num(t, units, "n", i)), IKM: num(t, units, "ikm", i), NRR: nanNRR()}
	}
	for i := range int(elements.NumRows()) {
		if cell(t, elements, "level", i) != "unit" {
			continue
		}
		code := cell(t, elements, "code", i)
		f, ok := out[code]
		if !ok {
			t.Errorf("ikm_elements has unit %s, ikm_unit has not", code)
			continue
		}
		for u := range f.NRR {
			f.NRR[u] = num(t, elements, "u"+strconv.Itoa(u+1), i)
		}
		out[code] = f
	}
	return out
}

func column(t *testing.T, rec arrow.RecordBatch, name string) arrow.Array {
	t.Helper()
	if rec == nil {
		t.Fatalf("table missing")
	}
	idx := rec.Schema().FieldIndices(name)
	if len(idx) != 1 {
		t.Fatalf("no column %q in %v", name, rec.Schema())
	}
	return rec.Column(idx[0])
}

// cell is a string cell ("" when null).
func cell(t *testing.T, rec arrow.RecordBatch, name string, i int) string {
	c, ok := column(t, rec, name).(*array.String)
	if !ok {
		t.Fatalf("column %s is %T; want string", name, column(t, rec, name))
	}
	if c.IsNull(i) {
		return ""
	}
	return c.Value(i)
}

// num is a numeric cell as float64 (NaN when null).
func num(t *testing.T, rec arrow.RecordBatch, name string, i int) float64 {
	col := column(t, rec, name)
	if col.IsNull(i) {
		return math.NaN()
	}
	switch c := col.(type) {
	case *array.Int64:
		return float64(c.Value(i))
	case *array.Float64:
		return c.Value(i)
	}
	t.Fatalf("column %s is %T; want a number", name, col)
	return 0
}
