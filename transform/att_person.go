package transform

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// Stage att_person (sql/att_person.sql is its definition) is computed here,
// in Go, by merging inputs that are sorted by nip_key: the JP aggregates
// Compact writes (lake.CompactSet.JPFile, sorted since JP version 2) and,
// for the uploads they do not cover, the same aggregate over the rows,
// sorted by DuckDB into the session's scratch folder. One pass over the
// month rows in nip_key order sums each person's figures in a
// cache-resident accumulator and writes the person out when the next key
// comes: no hash table. The SQL's GROUP BY needs one at national scale
// (≈18.5 million month rows into ≈5.4 million persons with 18 aggregates
// each), and there every aggregate update of a row misses the cache and the
// two threads' partial tables spill (16.6 of the 42.8 s national run,
// BenchmarkMetricsNational, session 22).
//
// The result is table att_person with the SQL's columns and types:
//
//	nip_key BIGINT, c0..c11 DOUBLE, jp_klasikal, jp_nonklasikal,
//	jp_luring, jp_daring, jp_campuran DOUBLE, pelayanan_publik_w12 INTEGER
//
// Each figure is the SQL's test on the same row (month within [ytdK, endK]
// for cK, month >= ytd11 for the splits, month >= start0 and
// pelayanan_publik = 1 for the flag), from the uploads of periods up to P
// (view att_jp); sums run in input order: exact for whole JP, and for
// fractions a last bit may differ, as between runs of DuckDB's parallel SUM
// (params.jp_tolerance absorbs it). A NULL nip_key is one group, as in
// GROUP BY. An input found out of order (a JP file written by something
// other than Compact) is not an error: the stage then runs the SQL.
// TestAttPersonMatchesSQL holds the two equal.

// jpInput is one JP aggregate file (jpColumns) the session reads and the
// upload period all its rows belong to.
type jpInput struct {
	path   string
	period string
}

// errUnsorted reports an input of the merge that is not in nip_key order.
var errUnsorted = errors.New("att_person: input not sorted by nip_key")

// createAttPerson creates table att_person (see above).
func (d *DB) createAttPerson(ctx context.Context) error {
	err := d.mergeAttPerson(ctx)
	if errors.Is(err, errUnsorted) {
		q, rerr := sqlFiles.ReadFile("sql/att_person.sql")
		if rerr != nil {
			return rerr
		}
		return d.exec(ctx, "CREATE OR REPLACE TABLE att_person AS\n"+string(q))
	}
	return err
}

func (d *DB) mergeAttPerson(ctx context.Context) error {
	var period string
	if err := d.conn.QueryRowContext(ctx, "SELECT period FROM params").Scan(&period); err != nil {
		return fmt.Errorf("att_person: %w", err)
	}
	b, err := d.monthBounds(ctx)
	if err != nil {
		return err
	}
	var paths []string
	for _, in := range d.jpInputs {
		if in.period <= period {
			paths = append(paths, in.path)
		}
	}
	if len(d.jpRest) > 0 {
		rest := filepath.Join(d.tmp, "att_person_rest.parquet")
		defer os.Remove(rest)
		q := "SELECT * FROM (" + jpSelect("(\n"+strings.Join(d.jpRest, "\nUNION ALL\n")+"\n)") +
			") WHERE period <= " + sqlString(period) + " ORDER BY nip_key NULLS LAST, month"
		if err := d.exec(ctx, "COPY ("+q+") TO "+sqlString(rest)+" (FORMAT parquet, COMPRESSION uncompressed)"); err != nil {
			return err
		}
		paths = append(paths, rest)
	}
	out := filepath.Join(d.tmp, "att_person.parquet")
	defer os.Remove(out)
	if err := mergeJP(ctx, paths, b, out); err != nil {
		return err
	}
	// The merge's buffers are garbage now: hand their pages back before
	// DuckDB fills memory with the stages that follow (the national run's
	// peak is there).
	debug.FreeOSMemory()
	return d.exec(ctx, "CREATE OR REPLACE TABLE att_person AS SELECT * FROM read_parquet("+sqlString(out)+")")
}

// personJP is one person's figures in att_person: c[0..11], then the five
// splits, then the flag (0 or 1).
type personJP struct {
	c     [12]float64
	split [5]float64
	pp    int32
}

// monthBounds are months_wide's dates as days since 1970-01-01.
type monthBounds struct {
	ytd, end [12]int32
	start0   int32
}

// add counts one month row (day: its month's first day, days since
// 1970-01-01) into p.
func (b *monthBounds) add(p *personJP, day int32, jp float64, split *[5]float64, pp int32) {
	for k := range 12 {
		if day >= b.ytd[k] && day <= b.end[k] {
			p.c[k] += jp
		}
	}
	if day >= b.ytd[11] {
		for i, v := range split {
			p.split[i] += v
		}
	}
	if day >= b.start0 && pp == 1 {
		p.pp = 1
	}
}

// monthBounds reads months_wide's bounds.
func (d *DB) monthBounds(ctx context.Context) (*monthBounds, error) {
	var cols []string
	for k := range 12 {
		n := itoa(k)
		cols = append(cols, "CAST(ytd"+n+" - DATE '1970-01-01' AS INTEGER)", "CAST(end"+n+" - DATE '1970-01-01' AS INTEGER)")
	}
	cols = append(cols, "CAST(start0 - DATE '1970-01-01' AS INTEGER)")
	var b monthBounds
	dest := make([]any, 0, len(cols))
	for k := range 12 {
		dest = append(dest, &b.ytd[k], &b.end[k])
	}
	dest = append(dest, &b.start0)
	if err := d.conn.QueryRowContext(ctx, "SELECT "+strings.Join(cols, ", ")+" FROM months_wide").Scan(dest...); err != nil {
		return nil, fmt.Errorf("months_wide: %w", err)
	}
	return &b, nil
}

// jpStream reads one sorted JP file a batch at a time.
type jpStream struct {
	pf  *file.Reader
	rr  pqarrow.RecordReader
	rec arrow.RecordBatch
	row int // next row of rec
	n   int // rows in rec

	nip          *array.Int64
	month        *array.Date32
	jp           *array.Float64
	split        [5]*array.Float64
	pp           *array.Int32
	key          int64 // current row's nip_key (when !null)
	null         bool  // current row's nip_key is NULL (sorted last)
	lastKey      int64 // previous row's, to check the order
	lastNull     bool
	started, eof bool
}

// jpReadColumns are the columns mergeJP reads, by name, in jpStream's order.
var jpReadColumns = []string{"nip_key", "month", "jp", "jp_klasikal", "jp_nonklasikal", "jp_luring", "jp_daring", "jp_campuran", "pelayanan_publik"}

func openJPStream(ctx context.Context, path string) (*jpStream, error) {
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		return nil, err
	}
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: 1 << 15}, memory.DefaultAllocator)
	if err != nil {
		pf.Close()
		return nil, err
	}
	sch, err := fr.Schema()
	if err != nil {
		pf.Close()
		return nil, err
	}
	idx := make([]int, len(jpReadColumns))
	for i, name := range jpReadColumns {
		f := sch.FieldIndices(name)
		if len(f) != 1 {
			pf.Close()
			return nil, fmt.Errorf("%s: no column %s", path, name)
		}
		idx[i] = f[0]
	}
	rr, err := fr.GetRecordReader(ctx, idx, nil)
	if err != nil {
		pf.Close()
		return nil, err
	}
	s := &jpStream{pf: pf, rr: rr}
	if err := s.advance(); err != nil {
		s.close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// next loads the next batch; eof when there is none.
func (s *jpStream) next() error {
	for {
		if s.rec != nil {
			s.rec.Release()
			s.rec = nil
		}
		if !s.rr.Next() {
			s.eof = true
			if err := s.rr.Err(); err != nil && !errors.Is(err, io.EOF) {
				return err
			}
			return nil
		}
		rec := s.rr.RecordBatch()
		rec.Retain()
		s.rec, s.row, s.n = rec, 0, int(rec.NumRows())
		var ok, okM, okP bool
		s.nip, ok = rec.Column(0).(*array.Int64)
		s.month, okM = rec.Column(1).(*array.Date32)
		s.pp, okP = rec.Column(8).(*array.Int32)
		ok = ok && okM && okP
		var okF bool
		s.jp, okF = rec.Column(2).(*array.Float64)
		ok = ok && okF
		for i := range s.split {
			s.split[i], okF = rec.Column(3 + i).(*array.Float64)
			ok = ok && okF
		}
		if !ok {
			return fmt.Errorf("unexpected column types %s", rec.Schema())
		}
		if s.n > 0 {
			return nil
		}
	}
}

// advance moves to the next row, loading its key; it fails with
// errUnsorted when the key is below the previous one.
func (s *jpStream) advance() error {
	if s.rec != nil {
		s.row++
	}
	if s.rec == nil || s.row >= s.n {
		if err := s.next(); err != nil || s.eof {
			return err
		}
	}
	s.null = s.nip.IsNull(s.row)
	if !s.null {
		s.key = s.nip.Value(s.row)
	}
	if s.started && (s.lastNull && !s.null || !s.lastNull && !s.null && s.key < s.lastKey) {
		return errUnsorted
	}
	s.started, s.lastKey, s.lastNull = true, s.key, s.null
	return nil
}

func (s *jpStream) close() {
	if s.rec != nil {
		s.rec.Release()
	}
	s.rr.Release()
	s.pf.Close()
}

// less orders streams by current key, NULL last.
func (s *jpStream) less(t *jpStream) bool {
	if s.null || t.null {
		return !s.null && t.null
	}
	return s.key < t.key
}

// jpHeap is a min-heap of the streams not at their end.
type jpHeap []*jpStream

func (h jpHeap) down(i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		m := l
		if r := l + 1; r < len(h) && h[r].less(h[l]) {
			m = r
		}
		if !h[m].less(h[i]) {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

// mergeJP merges the sorted JP files paths into att_person's rows and
// writes them to out (uncompressed Parquet, attPersonSchema).
func mergeJP(ctx context.Context, paths []string, b *monthBounds, out string) (err error) {
	var h jpHeap
	defer func() {
		for _, s := range h {
			s.close()
		}
	}()
	for _, p := range paths {
		s, err := openJPStream(ctx, p)
		if err != nil {
			return err
		}
		if s.eof {
			s.close()
			continue
		}
		h = append(h, s)
	}
	for i := len(h)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
	w, err := newAttPersonWriter(out)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := w.close(); err == nil {
			err = cerr
		}
	}()
	var (
		cur     personJP
		curKey  int64
		curNull bool
		have    bool // cur is curKey's, and curKey has a row in W12's years
		split   [5]float64
		rows    int
	)
	for len(h) > 0 {
		s := h[0]
		if have && (s.null != curNull || (!s.null && s.key != curKey)) {
			if err := w.add(curKey, curNull, &cur); err != nil {
				return err
			}
			cur = personJP{}
			have = false
		}
		key, null := s.key, s.null
		// This stream's rows of the key (a person's months in one file);
		// rows outside [ytd0, end11] are dropped before grouping, as the
		// SQL's WHERE does, so a key with none of its rows inside has no row.
		for {
			r := s.row
			if day := s.month.Value(r); !s.month.IsNull(r) && int32(day) >= b.ytd[0] && int32(day) <= b.end[11] {
				if !have {
					curKey, curNull, have = key, null, true
				}
				for i, c := range s.split {
					split[i] = c.Value(r)
				}
				b.add(&cur, int32(day), s.jp.Value(r), &split, s.pp.Value(r))
			}
			if err := s.advance(); err != nil {
				return err
			}
			if s.eof || s.null != null || (!s.null && s.key != key) {
				break
			}
		}
		if s.eof {
			s.close()
			last := len(h) - 1
			h[0] = h[last]
			h = h[:last]
		}
		h.down(0)
		if rows++; rows%(1<<20) == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if have {
		return w.add(curKey, curNull, &cur)
	}
	return nil
}

// attPersonSchema is att_person's columns (see above).
var attPersonSchema = func() *arrow.Schema {
	fields := []arrow.Field{{Name: "nip_key", Type: arrow.PrimitiveTypes.Int64, Nullable: true}}
	for k := range 12 {
		fields = append(fields, arrow.Field{Name: "c" + itoa(k), Type: arrow.PrimitiveTypes.Float64, Nullable: true})
	}
	for _, n := range []string{"jp_klasikal", "jp_nonklasikal", "jp_luring", "jp_daring", "jp_campuran"} {
		fields = append(fields, arrow.Field{Name: n, Type: arrow.PrimitiveTypes.Float64, Nullable: true})
	}
	fields = append(fields, arrow.Field{Name: "pelayanan_publik_w12", Type: arrow.PrimitiveTypes.Int32, Nullable: true})
	return arrow.NewSchema(fields, nil)
}()

// attPersonWriter writes att_person's rows to an uncompressed Parquet
// file, a row group of attPersonChunk persons at a time.
type attPersonWriter struct {
	f    *os.File
	w    *pqarrow.FileWriter
	rb   *array.RecordBuilder
	n    int
	kb   *array.Int64Builder
	fb   [17]*array.Float64Builder
	pb   *array.Int32Builder
	done bool
}

const attPersonChunk = 1 << 17

func newAttPersonWriter(path string) (*attPersonWriter, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	props := parquet.NewWriterProperties(parquet.WithCompression(compress.Codecs.Uncompressed),
		parquet.WithDictionaryDefault(false), parquet.WithStats(false))
	w, err := pqarrow.NewFileWriter(attPersonSchema, f, props, pqarrow.DefaultWriterProps())
	if err != nil {
		f.Close()
		return nil, err
	}
	a := &attPersonWriter{f: f, w: w, rb: array.NewRecordBuilder(memory.DefaultAllocator, attPersonSchema)}
	a.kb = a.rb.Field(0).(*array.Int64Builder)
	for i := range a.fb {
		a.fb[i] = a.rb.Field(1 + i).(*array.Float64Builder)
	}
	a.pb = a.rb.Field(18).(*array.Int32Builder)
	a.reserve()
	return a, nil
}

func (a *attPersonWriter) reserve() {
	a.kb.Reserve(attPersonChunk)
	for _, b := range a.fb {
		b.Reserve(attPersonChunk)
	}
	a.pb.Reserve(attPersonChunk)
}

// add appends one person.
func (a *attPersonWriter) add(key int64, null bool, p *personJP) error {
	if null {
		a.kb.AppendNull()
	} else {
		a.kb.UnsafeAppend(key)
	}
	for i, v := range p.c {
		a.fb[i].UnsafeAppend(v)
	}
	for i, v := range p.split {
		a.fb[12+i].UnsafeAppend(v)
	}
	a.pb.UnsafeAppend(p.pp)
	if a.n++; a.n == attPersonChunk {
		return a.flush()
	}
	return nil
}

func (a *attPersonWriter) flush() error {
	rec := a.rb.NewRecordBatch()
	defer rec.Release()
	a.n = 0
	a.reserve()
	return a.w.Write(rec)
}

// close writes the last row group and the footer (an empty table when no
// person was added) and closes the file.
func (a *attPersonWriter) close() error {
	if a.done {
		return nil
	}
	a.done = true
	defer a.rb.Release()
	var err error
	if a.n > 0 {
		err = a.flush()
	}
	if cerr := a.w.Close(); err == nil { // closes f too
		err = cerr
	}
	return err
}
