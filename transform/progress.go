package transform

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// In a run, person_progress (sql/person_progress.sql: person_jp JOIN
// roster ON nip_key) is not a hash join of two tables of millions of rows
// in DuckDB. The person pass, which writes each person_jp row in nip_key
// order, also keeps that row's figures by key (progressFigures); the step
// then copies only the roster's columns (progressRosterSQL, in any order,
// no sort) and gives each roster row the figures of its key. Both tables
// hold the spans of seg that include P, so when every key comes once a
// roster row and the person_jp row of its key are the same span: the
// agency and district of either are the row's, and no roster row goes
// unmatched. A key that comes twice (which seg's roster rule never gives)
// leaves the table to its SQL, which pairs the two spans both ways. At
// national scale (5.3 million persons) this took the step from 4.9-5.3 s
// to 2.4-3.1 s (BenchmarkMetricsNational, side by side, 4 Dec 2026).
// TestPersonMatchesSQL and TestOpenPeriodMatchesRun hold it equal to the
// SQL.

// progressRosterSQL is the roster's side of person_progress's join.
const progressRosterSQL = "SELECT agency_code, nip, nama, unit_kerja, district_code, nip_key FROM roster WHERE nip_key IS NOT NULL"

// progressFigures are person_jp's jp_ytd by nip_key, keys ascending, and
// the thresholds its on_track and target_met are compared with.
type progressFigures struct {
	t     *thresholds
	keys  []int64
	jp    []float64
	twice bool // a key came twice: person_progress runs its SQL
}

// add keeps the jp_ytd of the next person_jp row; keys come in ascending
// order.
func (f *progressFigures) add(key int64, jp float64) {
	if n := len(f.keys); n > 0 && f.keys[n-1] >= key {
		f.twice = true
	}
	f.keys = append(f.keys, key)
	f.jp = append(f.jp, jp)
}

// progressFields are the figures' columns of person_progress.
var progressFields = []arrow.Field{
	{Name: "jp_ytd", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	{Name: "on_track", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
	{Name: "target_met", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
}

// join returns person_progress from roster, the rows of progressRosterSQL
// (released here): its first five columns and the figures of each row's
// key. A row whose key has no figures is left out, as by the SQL's join.
func (f *progressFigures) join(roster arrow.RecordBatch) (arrow.RecordBatch, error) {
	defer roster.Release()
	keys, ok := roster.Column(5).(*array.Int64)
	if !ok || roster.NumCols() != 6 {
		return nil, fmt.Errorf("person_progress: unexpected roster columns %s", roster.Schema())
	}
	find := f.index()
	n := keys.Len()
	at := make([]int32, 0, n) // the figures of each row kept
	var rows []int32          // the rows kept, when not all are
	for r := range n {
		i := int32(-1)
		if keys.IsValid(r) {
			i = find(keys.Value(r))
		}
		if i < 0 && rows == nil {
			rows = make([]int32, r, n)
			for k := range rows {
				rows[k] = int32(k)
			}
		}
		if i >= 0 {
			at = append(at, i)
			if rows != nil {
				rows = append(rows, int32(r))
			}
		}
	}
	fields := make([]arrow.Field, 0, 8)
	cols := make([]arrow.Array, 0, 8)
	defer func() {
		for _, c := range cols {
			c.Release()
		}
	}()
	for c := range 5 {
		col := roster.Column(c)
		str, ok := col.(*array.String)
		if !ok {
			return nil, fmt.Errorf("person_progress: column %s is %s", roster.ColumnName(c), col.DataType())
		}
		if rows != nil {
			cols = append(cols, gatherStrings(str, rows))
		} else {
			col.Retain()
			cols = append(cols, col)
		}
		fields = append(fields, arrow.Field{Name: roster.ColumnName(c), Type: col.DataType(), Nullable: true})
	}
	jp := array.NewFloat64Builder(memory.DefaultAllocator)
	onTrack := array.NewBooleanBuilder(memory.DefaultAllocator)
	target := array.NewBooleanBuilder(memory.DefaultAllocator)
	jp.Reserve(len(at))
	onTrack.Reserve(len(at))
	target.Reserve(len(at))
	for _, i := range at { // person_jp.sql's on_track and target_met
		v := f.jp[i]
		jp.UnsafeAppend(v)
		onTrack.UnsafeAppend(f.t.onTrackAtP(v))
		target.UnsafeAppend(f.t.targetMet(v))
	}
	for _, b := range []array.Builder{jp, onTrack, target} {
		cols = append(cols, b.NewArray())
		b.Release()
	}
	fields = append(fields, progressFields...)
	return array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, int64(len(at))), nil
}

// index returns a lookup of a key's position in f.keys (-1 when absent):
// a table over the keys' range, a bucket per 2^shift values, each pointing
// at its first key, narrows every search to a few keys.
func (f *progressFigures) index() func(int64) int32 {
	n := len(f.keys)
	if n == 0 {
		return func(int64) int32 { return -1 }
	}
	lo, hi := f.keys[0], f.keys[n-1]
	shift := 0
	for uint64(hi-lo)>>shift >= 1<<21 {
		shift++
	}
	bucket := func(k int64) int { return int(uint64(k-lo) >> shift) }
	first := make([]int32, bucket(hi)+2) // first[b]: the first key of bucket b or later
	p := 0
	for b := range first {
		for p < n && bucket(f.keys[p]) < b {
			p++
		}
		first[b] = int32(p)
	}
	return func(k int64) int32 {
		if k < lo || k > hi {
			return -1
		}
		b := bucket(k)
		i, j := int(first[b]), int(first[b+1])
		for i < j { // the first key >= k in [i, j)
			m := int(uint(i+j) >> 1)
			if f.keys[m] < k {
				i = m + 1
			} else {
				j = m
			}
		}
		if i < n && f.keys[i] == k {
			return int32(i)
		}
		return -1
	}
}
