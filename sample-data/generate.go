package sampledata

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/pantau-asn/pantau/internal/domain"
)

// Scale is how much sample data to generate.
type Scale string

// The scales of `pantau sample`.
const (
	Demo     Scale = "demo"     // ~15 agencies, ~3,200 ASN, a year; committed as sample-data/demo
	Province Scale = "province" // the same agencies at ~60,000 ASN
	National Scale = "national" // ~5.5 million ASN straight into a lake (WriteNationalLake)
)

// ParseScale returns the Scale named s.
func ParseScale(s string) (Scale, error) {
	switch Scale(s) {
	case Demo, Province, National:
		return Scale(s), nil
	}
	return "", fmt.Errorf("unknown scale %q (want demo, province or national)", s)
}

// Year is the sample year: rosters, attendance, evaluations and surveys of
// January..December 2025 (plus the annual evaluation of 2024, uploaded for
// period 2024-12 in January 2025).
const Year = 2025

// Stats tells what Generate wrote.
type Stats struct {
	Files    int            // workbooks written (inbox plus referensi.xlsx)
	Bytes    int64          // their total size
	ASN      int            // distinct persons in the rosters
	Agencies int            // agencies with an inbox folder
	Rows     map[string]int // data rows written, by kind
}

// Generate writes the sample for scale into out: out/referensi.xlsx and
// out/inbox/<agency-code>/*.xlsx, each file's mtime set to its planned drop
// time in WIT. The same seed gives the same cell values. National scale is
// not written as workbooks; use WriteNationalLake.
func Generate(out string, scale Scale, seed int64) (*Stats, error) {
	if scale == National {
		return nil, fmt.Errorf("generate %s: national scale is written straight into a lake with WriteNationalLake", out)
	}
	w, err := newWorld(scale, seed)
	if err != nil {
		return nil, fmt.Errorf("generate %s: %w", out, err)
	}
	st := &Stats{Rows: map[string]int{}, ASN: len(w.people), Agencies: len(w.agencies)}
	if err := os.MkdirAll(filepath.Join(out, "inbox"), 0o755); err != nil {
		return nil, fmt.Errorf("generate %s: %w", out, err)
	}
	refPath := filepath.Join(out, "referensi.xlsx")
	if err := writeReferenceFile(refPath, w.ref); err != nil {
		return nil, fmt.Errorf("generate %s: %w", out, err)
	}
	if err := countFile(st, refPath); err != nil {
		return nil, err
	}
	for _, a := range w.agencies {
		if err := os.MkdirAll(filepath.Join(out, "inbox", a.Code), 0o755); err != nil {
			return nil, fmt.Errorf("generate %s: %w", out, err)
		}
	}
	// Workbooks are independent (each draws from its own seeded generator),
	// so they are written by a small pool; the order of writing does not
	// change any cell.
	plan := w.plan()
	rows := make([]int, len(plan))
	g := new(errgroup.Group)
	g.SetLimit(max(1, runtime.GOMAXPROCS(0)))
	for i, u := range plan {
		g.Go(func() error {
			path := filepath.Join(out, "inbox", u.Agency, u.Name)
			t := u.table(w)
			if err := writeUpload(path, u, t); err != nil {
				return err
			}
			if err := os.Chtimes(path, u.Drop, u.Drop); err != nil {
				return err
			}
			rows[i] = len(t.Rows)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, fmt.Errorf("generate %s: %w", out, err)
	}
	for i, u := range plan {
		st.Rows[string(u.Kind)] += rows[i]
		if err := countFile(st, filepath.Join(out, "inbox", u.Agency, u.Name)); err != nil {
			return nil, err
		}
	}
	return st, nil
}

func countFile(st *Stats, path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	st.Files++
	st.Bytes += fi.Size()
	return nil
}

// world is the whole sample: agencies, service units, people and their
// training courses, built once from the seed before any file is written.
type world struct {
	scale    Scale
	seed     int64
	year     int
	factor   float64 // headcount multiplier over the demo base
	agencies []agencySpec
	services []serviceSpec
	ref      *domain.Reference

	remoteDistrict map[string]bool
	people         []*person
	mover          *person
	courses        [][]*course // [agency*13 + month]
	courseList     []*course
	attend         []attendance
	evals          []evaluation
}

// newWorld builds the sample world for scale and seed.
func newWorld(scale Scale, seed int64) (*world, error) {
	w := &world{scale: scale, seed: seed, year: Year, remoteDistrict: map[string]bool{}}
	switch scale {
	case Demo:
		w.factor = 1
	case Province:
		w.factor = 24
	default:
		return nil, fmt.Errorf("unknown scale %q", scale)
	}
	w.agencies = agencies()
	w.services = services()
	w.ref = reference(w.agencies, w.services)
	for _, d := range w.ref.Districts {
		w.remoteDistrict[d.Code] = d.Remote
	}
	w.makePeople()
	w.makeTraining()
	w.makeEvaluations()
	return w, nil
}

// rand returns a generator for one part of the world, seeded from the seed
// and the part's name, so that changing one part leaves the others alone.
func (w *world) rand(part string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(part))
	return rand.New(rand.NewPCG(uint64(w.seed), h.Sum64()))
}

func (w *world) agencyIndex(code string) int {
	for i, a := range w.agencies {
		if a.Code == code {
			return i
		}
	}
	panic("sampledata: unknown agency " + code)
}

// dropTime is a drop time in the first eight days of the month after
// (year, month), in office hours WIT.
func dropTime(r *rand.Rand, year, month int) time.Time {
	t := time.Date(year, time.Month(month)+1, 1+r.IntN(8), 8+r.IntN(8), r.IntN(60), r.IntN(60), 0, domain.WIT)
	return t
}
