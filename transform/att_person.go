package transform

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
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
// in Go, because of its shape: a GROUP BY over ≈18 million month rows into
// ≈5.4 million persons with 18 aggregates each. DuckDB's hash aggregate
// updates each aggregate for a whole vector of rows in turn, so at national
// scale every one of the 18 updates misses the cache, and its two threads'
// partial tables outgrow the memory limit and spill (16.6 s of the 42.8 s
// national run, BenchmarkMetricsNational). Here one row is one map look-up
// and one update of a person's 19 contiguous figures. The rows come from
// DuckDB (att_jp in W12's years, copied to an uncompressed Parquet file in
// the session's scratch folder) and the result goes back the same way, as
// table att_person with the columns and types of the SQL:
//
//	nip_key BIGINT, c0..c11 DOUBLE, jp_klasikal, jp_nonklasikal,
//	jp_luring, jp_daring, jp_campuran DOUBLE, pelayanan_publik_w12 INTEGER
//
// Each figure is the same test on the same row as in the SQL (month within
// [ytdK, endK] for cK, month >= ytd11 for the splits, month >= start0 and
// pelayanan_publik = 1 for the flag), summed in the rows' order: exact for
// whole JP; for fractions a last bit may differ, as between runs of
// DuckDB's parallel SUM (params.jp_tolerance absorbs it). A NULL nip_key is
// one group, as in GROUP BY. TestAttPersonMatchesSQL holds the two equal.
const attPersonRows = `SELECT CAST(k.nip_key AS BIGINT) AS nip_key, CAST(k.month - DATE '1970-01-01' AS INTEGER) AS day,
       k.jp, k.jp_klasikal, k.jp_nonklasikal, k.jp_luring, k.jp_daring, k.jp_campuran,
       CAST(k.pelayanan_publik AS INTEGER) AS pelayanan_publik
FROM att_jp k
CROSS JOIN months_wide w
WHERE k.month >= w.ytd0 AND k.month <= w.end11`

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

// add counts one att_jp row of day (days since 1970-01-01) into p.
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

// createAttPerson creates table att_person (see attPersonRows).
func (d *DB) createAttPerson(ctx context.Context) error {
	b, err := d.monthBounds(ctx)
	if err != nil {
		return err
	}
	in := filepath.Join(d.tmp, "att_person_in.parquet")
	out := filepath.Join(d.tmp, "att_person.parquet")
	defer os.Remove(in)
	defer os.Remove(out)
	if err := d.exec(ctx, "COPY ("+attPersonRows+") TO "+sqlString(in)+" (FORMAT parquet, COMPRESSION uncompressed)"); err != nil {
		return err
	}
	keys, acc, err := aggregateAttPerson(ctx, in, b)
	if err != nil {
		return err
	}
	if err := writeAttPerson(out, keys, acc); err != nil {
		return err
	}
	return d.exec(ctx, "CREATE OR REPLACE TABLE att_person AS SELECT * FROM read_parquet("+sqlString(out)+")")
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

// attKey is a group's nip_key in aggregateAttPerson (null: the NULL group).
type attKey struct {
	key  int64
	null bool
}

// aggregateAttPerson sums the rows of the Parquet file path (attPersonRows'
// columns) per nip_key, in order of first appearance.
func aggregateAttPerson(ctx context.Context, path string, b *monthBounds) ([]attKey, []personJP, error) {
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		return nil, nil, err
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: 1 << 16, Parallel: true}, memory.NewGoAllocator())
	if err != nil {
		return nil, nil, err
	}
	rr, err := fr.GetRecordReader(ctx, nil, nil)
	if err != nil {
		return nil, nil, err
	}
	defer rr.Release()
	index := make(map[int64]int32, pf.NumRows()/3)
	nullIdx := int32(-1)
	var keys []attKey
	var acc []personJP
	for rr.Next() {
		rec := rr.RecordBatch()
		nip, ok := rec.Column(0).(*array.Int64)
		day, okDay := rec.Column(1).(*array.Int32)
		pp, okPP := rec.Column(8).(*array.Int32)
		ok = ok && okDay && okPP
		var f [6]*array.Float64
		for i := range f {
			var okF bool
			f[i], okF = rec.Column(2 + i).(*array.Float64)
			ok = ok && okF
		}
		if !ok {
			return nil, nil, fmt.Errorf("att_person rows: unexpected column types %s", rec.Schema())
		}
		n := int(rec.NumRows())
		for r := range n {
			var i int32
			if nip.IsNull(r) {
				if nullIdx < 0 {
					nullIdx = int32(len(acc))
					keys = append(keys, attKey{null: true})
					acc = append(acc, personJP{})
				}
				i = nullIdx
			} else {
				k := nip.Value(r)
				var seen bool
				if i, seen = index[k]; !seen {
					i = int32(len(acc))
					index[k] = i
					keys = append(keys, attKey{key: k})
					acc = append(acc, personJP{})
				}
			}
			split := [5]float64{f[1].Value(r), f[2].Value(r), f[3].Value(r), f[4].Value(r), f[5].Value(r)}
			b.add(&acc[i], day.Value(r), f[0].Value(r), &split, pp.Value(r))
		}
	}
	if err := rr.Err(); err != nil {
		return nil, nil, err
	}
	return keys, acc, nil
}

// attPersonSchema is att_person's columns (see attPersonRows).
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

// writeAttPerson writes the groups to an uncompressed Parquet file, a row
// group at a time.
func writeAttPerson(path string, keys []attKey, acc []personJP) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	props := parquet.NewWriterProperties(parquet.WithCompression(compress.Codecs.Uncompressed),
		parquet.WithDictionaryDefault(false), parquet.WithStats(false))
	w, err := pqarrow.NewFileWriter(attPersonSchema, f, props, pqarrow.DefaultWriterProps())
	if err != nil {
		return err
	}
	mem := memory.NewGoAllocator()
	const chunk = 1 << 17
	for lo := 0; lo < len(acc) || lo == 0; lo += chunk {
		hi := min(lo+chunk, len(acc))
		rec := attPersonRecord(mem, keys[lo:hi], acc[lo:hi])
		err := w.Write(rec)
		rec.Release()
		if err != nil {
			w.Close()
			return err
		}
		if hi == len(acc) {
			break
		}
	}
	return w.Close() // closes f too
}

// attPersonRecord is one batch of att_person (the caller's to write; it
// holds no memory beyond the batch).
func attPersonRecord(mem memory.Allocator, keys []attKey, acc []personJP) arrow.RecordBatch {
	rb := array.NewRecordBuilder(mem, attPersonSchema)
	defer rb.Release()
	kb := rb.Field(0).(*array.Int64Builder)
	kb.Reserve(len(keys))
	for _, k := range keys {
		if k.null {
			kb.AppendNull()
		} else {
			kb.UnsafeAppend(k.key)
		}
	}
	for c := range 17 {
		fb := rb.Field(1 + c).(*array.Float64Builder)
		fb.Reserve(len(acc))
		for i := range acc {
			if c < 12 {
				fb.UnsafeAppend(acc[i].c[c])
			} else {
				fb.UnsafeAppend(acc[i].split[c-12])
			}
		}
	}
	pb := rb.Field(18).(*array.Int32Builder)
	pb.Reserve(len(acc))
	for i := range acc {
		pb.UnsafeAppend(acc[i].pp)
	}
	return rb.NewRecordBatch()
}
