package transform

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// Stages att_person, person_span, person_jp, coverage_spans and
// person_groups (their .sql files are their definitions) are one pass in
// Go: the persons of the JP merge (att_person.go) and the month spans of
// seg, read sorted by nip_key, are joined as two sorted lists, and each
// span goes straight into the groups the metrics read — its group of
// person_groups (district, agency, unit: some thousands) when it includes
// P, and its group of coverage_spans (district, agency, span: few) for the
// trend. A run writes no person_jp, a row per person that only those
// groups and person_progress (progress.go) need: at national scale 5.5
// million rows, 438 MB of scratch Parquet, whose writing and three scans
// cost about 3 CPU-s of a 21 s run (CPU profile of BenchmarkMetricsNational,
// 4 Dec 2026); a query session gets it as a table. At national scale the
// pass is ≈5.5 million spans that never become a 26-column DuckDB table
// (person_span), which was the run's peak memory, and no hash join and
// hash aggregation of millions of rows.
//
// Each figure is the SQL's expression on the same values: a span without
// attendance gets 0 JP (the SQL's coalesce), remote is the district's in
// kabupaten (false when none), the thresholds are params' and months_wide's
// with jp_tolerance added to the JP. Counts are exact; JP sums run in
// nip_key order, exact for whole and half JP (DuckDB's parallel SUM gives
// no fixed order either). A seg row with a NULL nip_key meets no person, as
// in the SQL's join. A query session (keepStages) also gets att_person,
// person_span and person_jp as tables. When an input is not sorted
// (errUnsorted), or in a run a key has two spans including P (which seg's
// roster rule never gives; person_progress then needs person_jp's SQL),
// the stages run their SQL instead. TestPersonMatchesSQL holds the two
// equal.

// personStages are the stages createPersonJP creates, in SQL order.
var personStages = []string{"att_person", "person_span", "person_jp", "coverage_spans", "person_groups"}

// createPersonJP creates tables coverage_spans and person_groups (and, in
// a query session, att_person, person_span and person_jp; when the stages
// run their SQL, person_jp too).
func (d *DB) createPersonJP(ctx context.Context) error {
	err := d.personPass(ctx)
	if !errors.Is(err, errUnsorted) {
		return err
	}
	for _, name := range personStages {
		q, err := sqlFiles.ReadFile("sql/" + name + ".sql")
		if err != nil {
			return err
		}
		if err := d.exec(ctx, "CREATE OR REPLACE TABLE "+name+" AS\n"+string(q)); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	if d.keepStages {
		return nil
	}
	return d.exec(ctx, "DROP TABLE att_person; DROP TABLE person_span")
}

// thresholds are the values the person figures are compared with.
type thresholds struct {
	tol, target, onTrackP float64
	onTrack               [12]float64 // months_wide.ontrackK
}

// targetMet and onTrackAtP are person_jp.sql's target_met and on_track of
// a person's jp_ytd.
func (t *thresholds) targetMet(jp float64) bool  { return jp+t.tol >= t.target }
func (t *thresholds) onTrackAtP(jp float64) bool { return jp+t.tol >= t.onTrackP }

func (d *DB) thresholds(ctx context.Context) (*thresholds, string, error) {
	var t thresholds
	var period string
	err := d.conn.QueryRowContext(ctx, "SELECT period, jp_tolerance, target_jp, on_track_jp FROM params").
		Scan(&period, &t.tol, &t.target, &t.onTrackP)
	if err != nil {
		return nil, "", fmt.Errorf("params: %w", err)
	}
	cols := make([]string, 12)
	dest := make([]any, 12)
	for k := range 12 {
		cols[k] = "ontrack" + itoa(k)
		dest[k] = &t.onTrack[k]
	}
	if err := d.conn.QueryRowContext(ctx, "SELECT "+strings.Join(cols, ", ")+" FROM months_wide").Scan(dest...); err != nil {
		return nil, "", fmt.Errorf("months_wide: %w", err)
	}
	return &t, period, nil
}

func (d *DB) personPass(ctx context.Context) (err error) {
	t, period, err := d.thresholds(ctx)
	if err != nil {
		return err
	}
	b, err := d.monthBounds(ctx)
	if err != nil {
		return err
	}
	remote, err := d.remoteDistricts(ctx)
	if err != nil {
		return err
	}
	paths, cleanup, err := d.jpPaths(ctx, period)
	if err != nil {
		return err
	}
	defer cleanup()

	segPath := filepath.Join(d.tmp, "seg_sorted.parquet")
	defer os.Remove(segPath)
	if err := d.exec(ctx, "COPY (SELECT "+strings.Join(segReadColumns, ", ")+" FROM seg ORDER BY nip_key NULLS LAST) TO "+
		sqlString(segPath)+" (FORMAT parquet, COMPRESSION uncompressed)"); err != nil {
		return err
	}
	seg, err := openSegStream(ctx, segPath)
	if err != nil {
		return err
	}
	defer seg.close()

	files := map[string]string{}
	defer func() {
		for _, p := range files {
			os.Remove(p)
		}
	}()
	for _, name := range personStages {
		files[name] = filepath.Join(d.tmp, name+".parquet")
	}
	var figs *progressFigures // a run's person_progress figures (progress.go)
	var pj *personJPWriter    // a query session's person_jp
	var ap *attPersonWriter   // a query session's att_person
	if !d.keepStages {
		figs = &progressFigures{t: t}
	} else {
		if pj, err = newPersonJPWriter(files["person_jp"]); err != nil {
			return err
		}
		defer pj.close()
		seg.retire = func() error { return pj.flush(seg) } // the rows of the batch that goes are written
		if ap, err = newAttPersonWriter(files["att_person"]); err != nil {
			return err
		}
		defer ap.close()
	}
	j := &personJoin{t: t, remote: remote, seg: seg, pj: pj, figs: figs, spans: map[spanKey]*spanSums{}, groups: map[groupKey]*groupSums{}}
	err = mergeJPAsync(ctx, paths, b, func(r *personRow) error {
		if ap != nil {
			if err := ap.add(r.key, r.null, &r.p); err != nil {
				return err
			}
		}
		if r.null { // meets no seg row; the seg rows left are drained below
			return nil
		}
		return j.person(r.key, &r.p)
	})
	if err == nil {
		err = j.rest()
	}
	if err == nil && figs != nil && figs.twice {
		return errUnsorted // person_progress needs person_jp's SQL
	}
	if err == nil && pj != nil {
		err = pj.close()
	}
	if err == nil {
		err = writeSpans(files["coverage_spans"], j.spans)
	}
	if err == nil {
		err = writeGroups(files["person_groups"], j.groups)
	}
	if err == nil && ap != nil {
		err = ap.close()
	}
	if err != nil {
		return err
	}
	d.progress = figs
	seg.close()
	// The pass's buffers are garbage now: hand their pages back before
	// DuckDB fills memory with the stages that follow.
	debug.FreeOSMemory()
	load := []string{"coverage_spans", "person_groups"}
	if d.keepStages {
		load = append(load, "person_jp", "att_person")
	}
	for _, name := range load {
		if err := d.exec(ctx, "CREATE OR REPLACE TABLE "+name+" AS SELECT * FROM read_parquet("+sqlString(files[name])+")"); err != nil {
			return err
		}
	}
	if d.keepStages {
		q, err := sqlFiles.ReadFile("sql/person_span.sql")
		if err != nil {
			return err
		}
		return d.exec(ctx, "CREATE OR REPLACE TABLE person_span AS\n"+string(q))
	}
	return nil
}

// personRow is one person of the merge.
type personRow struct {
	key  int64
	null bool
	p    personJP
}

// mergeJPAsync is mergeJP on a goroutine of its own, handing the persons
// to emit (on the caller's) in batches: the merge and what the caller does
// with each person run on both cores.
func mergeJPAsync(ctx context.Context, paths []string, b *monthBounds, emit func(*personRow) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	const buffers, batch = 4, 4096
	full := make(chan []personRow, buffers)
	free := make(chan []personRow, buffers) // never blocks: it holds every buffer at most
	for range buffers {
		free <- make([]personRow, 0, batch)
	}
	var mergeErr error
	go func() {
		defer close(full)
		buf := <-free
		mergeErr = mergeJP(ctx, paths, b, func(key int64, null bool, p *personJP) error {
			buf = append(buf, personRow{key, null, *p})
			if len(buf) < batch {
				return nil
			}
			full <- buf // the caller drains full until it is closed
			select {
			case buf = <-free:
			case <-ctx.Done():
				return ctx.Err()
			}
			return nil
		})
		if mergeErr == nil && len(buf) > 0 {
			full <- buf
		}
	}()
	var err error
	for rows := range full {
		for i := range rows {
			if err != nil {
				break
			}
			if err = emit(&rows[i]); err != nil {
				cancel()
			}
		}
		free <- rows[:0]
	}
	if err != nil {
		return err
	}
	return mergeErr // written before full was closed
}

// remoteDistricts is kabupaten.remote by district code.
func (d *DB) remoteDistricts(ctx context.Context) (map[string]bool, error) {
	rows, err := d.conn.QueryContext(ctx, "SELECT district_code, coalesce(remote, false) FROM kabupaten WHERE district_code IS NOT NULL")
	if err != nil {
		return nil, fmt.Errorf("kabupaten: %w", err)
	}
	defer rows.Close()
	m := map[string]bool{}
	for rows.Next() {
		var code string
		var r bool
		if err := rows.Scan(&code, &r); err != nil {
			return nil, err
		}
		if _, dup := m[code]; dup { // the SQL's join would count the span twice
			return nil, errUnsorted
		}
		m[code] = r
	}
	return m, rows.Err()
}

// segReadColumns are the columns of seg the pass reads, in segStream's order.
var segReadColumns = []string{"nip_key", "agency_code", "unit_layanan", "district_code", "from_idx", "to_idx"}

// segStream reads seg's spans sorted by nip_key.
type segStream struct {
	keyStream
	agency, unit, district *array.String
	from, to               *array.Int32
}

func openSegStream(ctx context.Context, path string) (*segStream, error) {
	s := &segStream{}
	err := s.open(ctx, path, segReadColumns, func(rec arrow.RecordBatch) bool {
		var ok [5]bool
		s.agency, ok[0] = rec.Column(1).(*array.String)
		s.unit, ok[1] = rec.Column(2).(*array.String)
		s.district, ok[2] = rec.Column(3).(*array.String)
		s.from, ok[3] = rec.Column(4).(*array.Int32)
		s.to, ok[4] = rec.Column(5).(*array.Int32)
		return ok == [5]bool{true, true, true, true, true} && s.from.NullN() == 0 && s.to.NullN() == 0
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// spanKey is a group of coverage_spans; a NULL code is its own group, as in
// GROUP BY.
type spanKey struct {
	district, agency         string
	districtNull, agencyNull bool
	from, to                 int32
}

// spanSums are one group's figures: spans, and per month K the trained,
// target-met and on-track spans and their JP as of K.
type spanSums struct {
	n          int64
	tr, tm, ot [12]int64
	jp         [12]float64
	remote     bool // the group's district is remote (kept here: one lookup per group, not per span)
}

// personJoin joins the merge's persons with seg's spans.
type personJoin struct {
	t      *thresholds
	remote map[string]bool
	seg    *segStream
	pj     *personJPWriter  // a query session's: person_jp's rows
	figs   *progressFigures // a run's: person_progress's figures
	spans  map[spanKey]*spanSums
	groups map[groupKey]*groupSums
}

var noJP personJP

// person takes the next person of the merge (non-NULL key): the spans of
// keys before it have no attendance, those of key are the person's.
func (j *personJoin) person(key int64, p *personJP) error {
	for !j.seg.eof && j.seg.before(key) {
		if err := j.span(&noJP); err != nil {
			return err
		}
	}
	for !j.seg.eof && j.seg.at(key) {
		if err := j.span(p); err != nil {
			return err
		}
	}
	return nil
}

// rest takes the spans after the last person.
func (j *personJoin) rest() error {
	for !j.seg.eof {
		if err := j.span(&noJP); err != nil {
			return err
		}
	}
	return nil
}

// span counts the current seg row with the person's figures p and moves on.
func (j *personJoin) span(p *personJP) error {
	s, r := j.seg, j.seg.row
	k := spanKey{
		district: s.district.Value(r), agency: s.agency.Value(r),
		districtNull: s.district.IsNull(r), agencyNull: s.agency.IsNull(r),
		from: s.from.Value(r), to: s.to.Value(r),
	}
	g := j.spans[k]
	if g == nil {
		g = &spanSums{remote: j.remote[k.district] && !k.districtNull}
		k.district, k.agency = strings.Clone(k.district), strings.Clone(k.agency)
		j.spans[k] = g
	}
	t := j.t
	g.n++
	for m, c := range p.c {
		if c > 0 {
			g.tr[m]++
		}
		if t.targetMet(c) {
			g.tm[m]++
		}
		if c+t.tol >= t.onTrack[m] {
			g.ot[m]++
		}
		g.jp[m] += c
	}
	if k.from <= 11 && k.to >= 11 { // a person_jp row
		if j.pj != nil {
			j.pj.add(s, r, g.remote, p, t)
		}
		if j.figs != nil && !s.null { // a NULL key joins no roster row
			j.figs.add(s.key, p.c[11])
		}
		j.group(k, g.remote, p)
	}
	return s.advance()
}

// groupKey is a group of person_groups; a NULL code is its own group, as
// in GROUP BY. The district's and agency's codes are the span's.
type groupKey struct {
	district, agency, unit             string
	districtNull, agencyNull, unitNull bool
}

// groupSums are one group's figures (sql/person_groups.sql).
type groupSums struct {
	remote                             bool
	n, trained, targetMet, onTrack, pp int64
	jp                                 float64
	split                              [5]float64
}

// group counts the person_jp row of the current seg row (span k, the
// person's figures p) in its group of person_groups, with person_jp.sql's
// tests of its figures.
func (j *personJoin) group(k spanKey, remote bool, p *personJP) {
	s, r := j.seg, j.seg.row
	gk := groupKey{district: k.district, agency: k.agency, unit: s.unit.Value(r),
		districtNull: k.districtNull, agencyNull: k.agencyNull, unitNull: s.unit.IsNull(r)}
	g := j.groups[gk]
	if g == nil {
		g = &groupSums{remote: remote}
		gk.district, gk.agency, gk.unit = strings.Clone(gk.district), strings.Clone(gk.agency), strings.Clone(gk.unit)
		j.groups[gk] = g
	}
	t, jp := j.t, p.c[11]
	g.n++
	if jp > 0 {
		g.trained++
	}
	if t.targetMet(jp) {
		g.targetMet++
	}
	if t.onTrackAtP(jp) {
		g.onTrack++
	}
	if p.pp == 1 {
		g.pp++
	}
	g.jp += jp
	for i, v := range p.split {
		g.split[i] += v
	}
}

// personJPSchema is person_jp's columns, as sql/person_jp.sql gives them;
// the figures are never NULL, and written without definition levels.
var personJPSchema = arrow.NewSchema([]arrow.Field{
	{Name: "nip_key", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	{Name: "agency_code", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "unit_layanan", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "district_code", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "remote", Type: arrow.FixedWidthTypes.Boolean},
	{Name: "jp_ytd", Type: arrow.PrimitiveTypes.Float64},
	{Name: "jp_klasikal", Type: arrow.PrimitiveTypes.Float64},
	{Name: "jp_nonklasikal", Type: arrow.PrimitiveTypes.Float64},
	{Name: "jp_luring", Type: arrow.PrimitiveTypes.Float64},
	{Name: "jp_daring", Type: arrow.PrimitiveTypes.Float64},
	{Name: "jp_campuran", Type: arrow.PrimitiveTypes.Float64},
	{Name: "on_track", Type: arrow.FixedWidthTypes.Boolean},
	{Name: "target_met", Type: arrow.FixedWidthTypes.Boolean},
	{Name: "pelayanan_publik_w12", Type: arrow.FixedWidthTypes.Boolean},
}, nil)

// personJPWriter writes person_jp's rows to a Parquet file: the figures
// row by row, the strings of a seg batch's rows at once (pickFile).
type personJPWriter struct {
	*pickFile
	key    *array.Int64Builder
	remote *array.BooleanBuilder
	jp     [6]*array.Float64Builder // jp_ytd, then the splits
	flags  [3]*array.BooleanBuilder // on_track, target_met, pelayanan_publik_w12
	rows   []int32                  // of the seg batch
}

func newPersonJPWriter(path string) (*personJPWriter, error) {
	pw, err := createScratchParquet(path, personJPSchema)
	if err != nil {
		return nil, err
	}
	w := &personJPWriter{pickFile: newPickFile(pw, personJPSchema, 1, 2, 3)}
	w.key = w.b[0].(*array.Int64Builder)
	w.remote = w.b[4].(*array.BooleanBuilder)
	for i := range w.jp {
		w.jp[i] = w.b[5+i].(*array.Float64Builder)
	}
	for i := range w.flags {
		w.flags[i] = w.b[11+i].(*array.BooleanBuilder)
	}
	w.reserve(streamBatch)
	return w, nil
}

// add appends the person_jp row of seg row r with the person's figures p.
func (w *personJPWriter) add(s *segStream, r int, remote bool, p *personJP, t *thresholds) {
	if s.null {
		w.key.AppendNull()
	} else {
		w.key.UnsafeAppend(s.key)
	}
	w.remote.UnsafeAppend(remote)
	w.jp[0].UnsafeAppend(p.c[11])
	for i, v := range p.split {
		w.jp[1+i].UnsafeAppend(v)
	}
	w.flags[0].UnsafeAppend(t.onTrackAtP(p.c[11]))
	w.flags[1].UnsafeAppend(t.targetMet(p.c[11]))
	w.flags[2].UnsafeAppend(p.pp == 1)
	w.rows = append(w.rows, int32(r))
	w.n++
}

// flush writes the rows of s's batch, which is about to go.
func (w *personJPWriter) flush(s *segStream) error {
	if w.n == 0 {
		return nil
	}
	err := w.pickFile.flush(gatherStrings(s.agency, w.rows), gatherStrings(s.unit, w.rows), gatherStrings(s.district, w.rows))
	w.rows = w.rows[:0]
	w.reserve(streamBatch)
	return err
}

// personGroupsSchema is person_groups' columns, as sql/person_groups.sql
// gives them.
var personGroupsSchema = func() *arrow.Schema {
	fields := []arrow.Field{
		{Name: "district_code", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "agency_code", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "unit_layanan", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "remote", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
	}
	for _, n := range []string{"n", "trained", "target_met", "on_track", "pelayanan_publik_w12"} {
		fields = append(fields, arrow.Field{Name: n, Type: arrow.PrimitiveTypes.Int64, Nullable: true})
	}
	for _, n := range []string{"jp_ytd", "jp_klasikal", "jp_nonklasikal", "jp_luring", "jp_daring", "jp_campuran"} {
		fields = append(fields, arrow.Field{Name: n, Type: arrow.PrimitiveTypes.Float64, Nullable: true})
	}
	return arrow.NewSchema(fields, nil)
}()

// writeGroups writes the groups to path (personGroupsSchema), in key
// order.
func writeGroups(path string, groups map[groupKey]*groupSums) error {
	keys := slices.SortedFunc(maps.Keys(groups), func(a, b groupKey) int {
		return cmp.Or(strings.Compare(a.district, b.district), strings.Compare(a.agency, b.agency), strings.Compare(a.unit, b.unit),
			cmpBool(a.districtNull, b.districtNull), cmpBool(a.agencyNull, b.agencyNull), cmpBool(a.unitNull, b.unitNull))
	})
	w, err := createRecordFile(path, personGroupsSchema, max(len(keys), 1))
	if err != nil {
		return err
	}
	defer w.close()
	for _, k := range keys {
		g := groups[k]
		w.appendString(0, k.district, k.districtNull)
		w.appendString(1, k.agency, k.agencyNull)
		w.appendString(2, k.unit, k.unitNull)
		w.rb.Field(3).(*array.BooleanBuilder).Append(g.remote)
		for i, v := range []int64{g.n, g.trained, g.targetMet, g.onTrack, g.pp} {
			w.rb.Field(4 + i).(*array.Int64Builder).Append(v)
		}
		w.rb.Field(9).(*array.Float64Builder).Append(g.jp)
		for i, v := range g.split {
			w.rb.Field(10 + i).(*array.Float64Builder).Append(v)
		}
		if err := w.rowDone(); err != nil {
			return err
		}
	}
	return w.close()
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// coverageSpansSchema is coverage_spans' columns: district_code,
// agency_code, from_idx, to_idx, n, then trK, tmK, otK, jpK for K = 0..11.
var coverageSpansSchema = func() *arrow.Schema {
	fields := []arrow.Field{
		{Name: "district_code", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "agency_code", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "from_idx", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		{Name: "to_idx", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		{Name: "n", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	}
	for k := range 12 {
		n := itoa(k)
		fields = append(fields,
			arrow.Field{Name: "tr" + n, Type: arrow.PrimitiveTypes.Int64, Nullable: true},
			arrow.Field{Name: "tm" + n, Type: arrow.PrimitiveTypes.Int64, Nullable: true},
			arrow.Field{Name: "ot" + n, Type: arrow.PrimitiveTypes.Int64, Nullable: true},
			arrow.Field{Name: "jp" + n, Type: arrow.PrimitiveTypes.Float64, Nullable: true})
	}
	return arrow.NewSchema(fields, nil)
}()

// writeSpans writes the groups to path (coverageSpansSchema), in key order.
func writeSpans(path string, spans map[spanKey]*spanSums) error {
	keys := slices.SortedFunc(maps.Keys(spans), func(a, b spanKey) int {
		return cmp.Or(strings.Compare(a.district, b.district), strings.Compare(a.agency, b.agency),
			cmp.Compare(a.from, b.from), cmp.Compare(a.to, b.to))
	})
	w, err := createRecordFile(path, coverageSpansSchema, max(len(keys), 1))
	if err != nil {
		return err
	}
	defer w.close()
	for _, k := range keys {
		g := spans[k]
		w.appendString(0, k.district, k.districtNull)
		w.appendString(1, k.agency, k.agencyNull)
		w.rb.Field(2).(*array.Int32Builder).Append(k.from)
		w.rb.Field(3).(*array.Int32Builder).Append(k.to)
		w.rb.Field(4).(*array.Int64Builder).Append(g.n)
		for m := range 12 {
			w.rb.Field(5 + 4*m).(*array.Int64Builder).Append(g.tr[m])
			w.rb.Field(6 + 4*m).(*array.Int64Builder).Append(g.tm[m])
			w.rb.Field(7 + 4*m).(*array.Int64Builder).Append(g.ot[m])
			w.rb.Field(8 + 4*m).(*array.Float64Builder).Append(g.jp[m])
		}
		if err := w.rowDone(); err != nil {
			return err
		}
	}
	return w.close()
}
