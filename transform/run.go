package transform

import (
	"context"
	"embed"
	"fmt"
	"path/filepath"
	"sort"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

//go:embed sql/*.sql
var sqlFiles embed.FS

// step is one .sql file: a single SELECT materialised as a table (or a view
// for row-level inputs read once or twice and too large to keep).
type step struct {
	name   string
	view   bool
	public bool     // exported as CSV; false for stages and private tables
	drop   []string // Run only: tables no later step reads, dropped once this one is created (before its export) to free DuckDB's memory
	bulk   bool     // Run only: millions of rows, moved to Arrow straight from the query (never a DuckDB table)
	// build creates the table in Go instead of from the .sql file, which
	// stays its definition (a test holds the two equal).
	build func(*DB, context.Context) error
	also  []string // the stages build creates (its own among them), each with its own .sql file, in SQL order
}

// steps in dependency order. Stages (roster_map, roster_rows, att, att_jp,
// seg, roster, person_jp with att_person, person_span, coverage_spans and
// person_groups, coverage_groups, skm, ikm_stats, ikm_pool) feed the metric
// tables.
var steps = []step{
	{name: "roster_map"},
	{name: "roster_rows", view: true},
	{name: "att", view: true},
	{name: "att_jp", view: true},
	{name: "seg"},
	{name: "roster", view: true},
	{name: "person_jp", build: (*DB).createPersonJP, also: personStages},
	{name: "headcount", public: true},
	{name: "coverage_groups"},
	{name: "coverage_district", public: true},
	{name: "coverage_agency", public: true},
	{name: "coverage_province", public: true, drop: []string{"coverage_groups"}},
	{name: "coverage_trend", public: true, drop: []string{"coverage_spans"}},
	{name: "attention", public: true},
	{name: "skm", view: true},
	{name: "ikm_stats"},
	{name: "ikm_pool"},
	{name: "ikm_unit", public: true},
	{name: "ikm_group", public: true},
	{name: "ikm_trend", public: true},
	{name: "ikm_elements", public: true},
	{name: "evaluation_dist", public: true},
	{name: "followup", public: true},
	{name: "impact", public: true, drop: []string{"person_groups"}},
	{name: "completeness", public: true},
	// private: named persons, never exported. Last: its millions of rows
	// move to Go while DuckDB holds the least.
	{name: "person_progress", drop: []string{"person_jp", "seg"}, bulk: true},
}

// TableNames lists the metric tables a Result holds, public ones first and
// person_progress (private) last.
func TableNames() []string {
	var out []string
	for _, s := range steps {
		if s.public {
			out = append(out, s.name)
		}
	}
	return append(out, "person_progress")
}

// PublicTable reports whether name is exported beside the report.
func PublicTable(name string) bool {
	for _, s := range steps {
		if s.name == name {
			return s.public
		}
	}
	return false
}

// Result is the metric tables of one period.
type Result struct {
	Params  Params
	Tables  map[string]arrow.RecordBatch // by table name (TableNames)
	AsOf    time.Time                    // latest IngestedAt of the uploads used
	Uploads []lake.Entry                 // current uploads that fed this result
	Timings map[string]time.Duration     // time per step, for benchmarks
}

// Table returns the named table, or nil.
func (r *Result) Table(name string) arrow.RecordBatch { return r.Tables[name] }

// Release frees the tables' memory.
func (r *Result) Release() {
	for _, t := range r.Tables {
		t.Release()
	}
	r.Tables = nil
}

// Run computes every metric table of p.Period over dir's lake.
func Run(ctx context.Context, dir lake.Dir, p Params) (*Result, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	l, err := dir.LoadLedger()
	if err != nil {
		return nil, fmt.Errorf("transform %s: %w", dir, err)
	}
	db, err := open(ctx, dir, Reads(p.Period, l))
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return db.compute(ctx, p, true)
}

// OpenPeriod is Open plus the metric tables of p as tables of the session
// (computed over all current uploads; the results equal Run's).
func OpenPeriod(ctx context.Context, dir lake.Dir, p Params) (*DB, *Result, error) {
	if err := p.Validate(); err != nil {
		return nil, nil, err
	}
	db, err := Open(ctx, dir)
	if err != nil {
		return nil, nil, err
	}
	res, err := db.compute(ctx, p, false)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, res, nil
}

// compute creates the tables of steps; with dropStages, tables no later step
// reads are dropped as soon as possible (Run; OpenPeriod keeps them all for
// queries).
func (d *DB) compute(ctx context.Context, p Params, dropStages bool) (*Result, error) {
	if err := d.setParams(ctx, p); err != nil {
		return nil, err
	}
	d.keepStages = !dropStages
	res := &Result{Params: p, Tables: map[string]arrow.RecordBatch{}, Timings: map[string]time.Duration{}}
	for i, s := range steps {
		start := time.Now()
		q, err := sqlFiles.ReadFile("sql/" + s.name + ".sql")
		if err != nil {
			return nil, err
		}
		if s.bulk && dropStages {
			// Written to Parquet by DuckDB, its inputs dropped (DuckDB
			// closed after the last step: a DROP alone does not hand the
			// memory back), then read into Arrow: DuckDB's tables and the
			// Go copy never peak together. When the person pass kept
			// person_progress's figures, only the roster's names are
			// copied and finish joins them (progress.go).
			query, finish := string(q), func(rec arrow.RecordBatch) (arrow.RecordBatch, error) { return rec, nil }
			if s.name == "person_progress" && d.progress != nil {
				query, finish = progressRosterSQL, d.progress.join
			}
			path := filepath.Join(d.tmp, s.name+".parquet")
			ok, err := copyParquet(ctx, d.conn, query, path)
			if err == nil && ok && i == len(steps)-1 {
				err = d.closeEngine()
			}
			for _, t := range s.drop {
				if err == nil && ok && d.conn != nil {
					err = d.dropStage(ctx, t)
				}
			}
			var rec arrow.RecordBatch
			if err == nil && ok {
				rec, ok, err = readParquetRecord(ctx, path)
			}
			if err == nil && ok {
				rec, err = finish(rec)
				d.progress = nil // its figures are in rec now
			}
			if err != nil {
				res.Release()
				return nil, fmt.Errorf("transform %s: %w", s.name, err)
			}
			if ok {
				res.Tables[s.name] = rec
				res.Timings[s.name] = time.Since(start)
				continue
			}
		}
		create := func() error { return d.exec(ctx, "CREATE OR REPLACE TABLE "+s.name+" AS\n"+string(q)) }
		if s.view {
			create = func() error { return d.createView(ctx, s.name, "\n"+string(q)) }
		}
		if s.build != nil {
			create = func() error { return s.build(d, ctx) }
		}
		if err := create(); err != nil {
			res.Release()
			return nil, fmt.Errorf("transform %s: %w", s.name, err)
		}
		for _, t := range s.drop {
			if !dropStages {
				break
			}
			if err := d.dropStage(ctx, t); err != nil {
				res.Release()
				return nil, fmt.Errorf("transform %s: %w", s.name, err)
			}
		}
		if s.public || s.name == "person_progress" {
			rec, err := d.tableRecord(ctx, s.name)
			if err != nil {
				res.Release()
				return nil, fmt.Errorf("transform %s: %w", s.name, err)
			}
			res.Tables[s.name] = rec
		}
		res.Timings[s.name] = time.Since(start)
	}
	reads := Reads(p.Period, d.ledger) // Run opened only these; OpenPeriod all
	for _, e := range d.current {
		if reads(e) {
			res.Uploads = append(res.Uploads, e)
			if e.IngestedAt.After(res.AsOf) {
				res.AsOf = e.IngestedAt
			}
		}
	}
	sort.Slice(res.Uploads, func(i, j int) bool { return res.Uploads[i].ID < res.Uploads[j].ID })
	return res, nil
}

// Reads returns the test of which of l's uploads the metrics of P read —
// the one definition of a month's inputs: Run opens only these partitions,
// and reports.Inputs takes the same set to tell when a reported month has
// been revised. Rosters of W12 plus each agency's latest one before it;
// attendance from 1 January of the year of P-11 (coverage_trend's first
// YTD) with a month's margin; evaluations ending in W12 (uploaded up to a
// month before); survey responses of W12 with a month's margin. Nothing
// after P. It decides by kind and period only; whether an upload is current
// is the caller's test (lake.Entry.Current).
func Reads(P domain.Period, l *lake.Ledger) func(lake.Entry) bool {
	w12 := P.Add(-11)
	before := map[string]string{} // agency → its latest roster period before W12
	for _, e := range l.Current(domain.Pegawai) {
		if e.Period < w12.String() && e.Period > before[e.Agency] {
			before[e.Agency] = e.Period
		}
	}
	in := func(e lake.Entry, from domain.Period) bool {
		q, err := domain.ParsePeriod(e.Period)
		return err == nil && !q.Before(from) && !P.Before(q)
	}
	return func(e lake.Entry) bool {
		switch e.Kind {
		case domain.Pegawai:
			return in(e, w12) || (e.Period != "" && e.Period == before[e.Agency])
		case domain.Kehadiran:
			return in(e, w12.YearStart().Add(-1))
		case domain.Evaluasi:
			return in(e, w12.Add(-1))
		case domain.Survei:
			return in(e, w12.Add(-1))
		}
		return false
	}
}
