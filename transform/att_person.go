package transform

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// The figures of stage att_person (sql/att_person.sql is their definition)
// are computed here, in Go, by merging inputs that are sorted by nip_key:
// the JP aggregates Compact writes (lake.CompactSet.JPFile, sorted since JP
// version 2) and, for the uploads they do not cover, the same aggregate
// over the rows, sorted by DuckDB into the session's scratch folder. One
// pass over the month rows in nip_key order sums each person's figures in
// a cache-resident accumulator and hands the person on when the next key
// comes: no hash table. The SQL's GROUP BY needs one at national scale
// (≈18.5 million month rows into ≈5.4 million persons with 18 aggregates
// each), and there every aggregate update of a row misses the cache and the
// two threads' partial tables spill (16.6 of the 42.8 s national run,
// BenchmarkMetricsNational, session 22). The persons go straight on to the
// join with seg (person.go); a query session also keeps them as table
// att_person, with the SQL's columns and types:
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
// other than Compact) is not an error: the stages then run their SQL.
// TestPersonMatchesSQL holds the two equal.

// jpInput is one JP aggregate file (jpColumns) the session reads and the
// upload period all its rows belong to.
type jpInput struct {
	path   string
	period string
}

// jpPaths are the JP files of the uploads of periods up to period: the
// compacted sets' and, for the other uploads, one written here from their
// rows (removed by the returned func).
func (d *DB) jpPaths(ctx context.Context, period string) ([]string, func(), error) {
	var paths []string
	for _, in := range d.jpInputs {
		if in.period <= period {
			paths = append(paths, in.path)
		}
	}
	if len(d.jpRest) == 0 {
		return paths, func() {}, nil
	}
	rest := filepath.Join(d.tmp, "att_person_rest.parquet")
	q := "SELECT * FROM (" + jpSelect("(\n"+strings.Join(d.jpRest, "\nUNION ALL\n")+"\n)") +
		") WHERE period <= " + sqlString(period) + " ORDER BY nip_key NULLS LAST, month"
	if err := d.exec(ctx, "COPY ("+q+") TO "+sqlString(rest)+" (FORMAT parquet, COMPRESSION uncompressed)"); err != nil {
		os.Remove(rest)
		return nil, nil, err
	}
	return append(paths, rest), func() { os.Remove(rest) }, nil
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
	keyStream
	month *array.Date32
	jp    *array.Float64
	split [5]*array.Float64
	pp    *array.Int32
}

// jpReadColumns are the columns mergeJP reads, by name, in jpStream's order.
var jpReadColumns = []string{"nip_key", "month", "jp", "jp_klasikal", "jp_nonklasikal", "jp_luring", "jp_daring", "jp_campuran", "pelayanan_publik"}

func openJPStream(ctx context.Context, path string) (*jpStream, error) {
	s := &jpStream{}
	err := s.open(ctx, path, jpReadColumns, func(rec arrow.RecordBatch) bool {
		var ok, okM, okJ, okP bool
		s.month, okM = rec.Column(1).(*array.Date32)
		s.jp, okJ = rec.Column(2).(*array.Float64)
		s.pp, okP = rec.Column(8).(*array.Int32)
		ok = okM && okJ && okP
		for i := range s.split {
			var okF bool
			s.split[i], okF = rec.Column(3 + i).(*array.Float64)
			ok = ok && okF
		}
		return ok
	})
	if err != nil {
		return nil, err
	}
	return s, nil
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

// mergeJP merges the sorted JP files paths into att_person's rows, handed
// to emit in nip_key order (NULL last); p is reused after emit returns.
func mergeJP(ctx context.Context, paths []string, b *monthBounds, emit func(key int64, null bool, p *personJP) error) error {
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
			if err := emit(curKey, curNull, &cur); err != nil {
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
		return emit(curKey, curNull, &cur)
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

// attPersonWriter writes att_person's rows (attPersonSchema) to a Parquet
// file.
type attPersonWriter struct {
	*recordFile
	kb *array.Int64Builder
	fb [17]*array.Float64Builder
	pb *array.Int32Builder
}

func newAttPersonWriter(path string) (*attPersonWriter, error) {
	r, err := createRecordFile(path, attPersonSchema, 1<<17)
	if err != nil {
		return nil, err
	}
	a := &attPersonWriter{recordFile: r}
	a.kb = r.rb.Field(0).(*array.Int64Builder)
	for i := range a.fb {
		a.fb[i] = r.rb.Field(1 + i).(*array.Float64Builder)
	}
	a.pb = r.rb.Field(18).(*array.Int32Builder)
	return a, nil
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
	return a.rowDone()
}
