package transform

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// errUnsorted reports an input of a Go stage that is not in nip_key order
// (or holds a value the stage does not take): the stage then runs its SQL.
var errUnsorted = errors.New("input not sorted by nip_key")

// keyStream reads a Parquet file whose first column read is nip_key
// (BIGINT, ascending, NULLs last) a batch at a time, row by row; advance
// checks the order. The reader of a particular file embeds it and binds
// its own typed columns of each batch.
type keyStream struct {
	pf   *file.Reader
	rr   pqarrow.RecordReader
	rec  arrow.RecordBatch
	row  int // current row of rec
	n    int // rows in rec
	bind func(arrow.RecordBatch) bool

	nip          *array.Int64
	key          int64 // current row's nip_key (when !null)
	null         bool  // current row's nip_key is NULL (sorted last)
	lastKey      int64 // previous row's, to check the order
	lastNull     bool
	started, eof bool
}

// open reads columns (by name, nip_key first) of path and moves to the
// first row; bind takes each batch's columns, false when a type is not
// the one expected.
func (s *keyStream) open(ctx context.Context, path string, columns []string, bind func(arrow.RecordBatch) bool) error {
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		return err
	}
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: 1 << 15}, memory.DefaultAllocator)
	if err != nil {
		pf.Close()
		return err
	}
	sch, err := fr.Schema()
	if err != nil {
		pf.Close()
		return err
	}
	idx := make([]int, len(columns))
	for i, name := range columns {
		f := sch.FieldIndices(name)
		if len(f) != 1 {
			pf.Close()
			return fmt.Errorf("%s: no column %s", path, name)
		}
		idx[i] = f[0]
	}
	rr, err := fr.GetRecordReader(ctx, idx, nil)
	if err != nil {
		pf.Close()
		return err
	}
	s.pf, s.rr, s.bind = pf, rr, bind
	if err := s.advance(); err != nil {
		s.close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// next loads the next batch; eof when there is none.
func (s *keyStream) next() error {
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
		var ok bool
		s.nip, ok = rec.Column(0).(*array.Int64)
		if !ok || !s.bind(rec) {
			return fmt.Errorf("unexpected column types %s", rec.Schema())
		}
		if s.n > 0 {
			return nil
		}
	}
}

// advance moves to the next row, loading its key; it fails with
// errUnsorted when the key is below the previous one.
func (s *keyStream) advance() error {
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

// before reports whether the current row's key sorts before key (a
// non-NULL key; NULLs sort last).
func (s *keyStream) before(key int64) bool { return !s.null && s.key < key }

// at reports whether the current row's key is key (non-NULL).
func (s *keyStream) at(key int64) bool { return !s.null && s.key == key }

// close releases the file; again is a no-op.
func (s *keyStream) close() {
	if s.rr == nil {
		return
	}
	if s.rec != nil {
		s.rec.Release()
		s.rec = nil
	}
	s.rr.Release()
	s.pf.Close()
	s.rr, s.pf = nil, nil
}

// recordFile writes rows to an uncompressed Parquet file (no dictionaries,
// no statistics: a scratch file DuckDB reads once), a row group of chunk
// rows at a time. The caller appends a row's values to the builders of rb
// (reserved for a chunk, so UnsafeAppend fits), then calls rowDone.
type recordFile struct {
	w     *pqarrow.FileWriter
	rb    *array.RecordBuilder
	n     int
	chunk int
	done  bool
}

func createRecordFile(path string, schema *arrow.Schema, chunk int) (*recordFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	props := parquet.NewWriterProperties(parquet.WithCompression(compress.Codecs.Uncompressed),
		parquet.WithDictionaryDefault(false), parquet.WithStats(false))
	w, err := pqarrow.NewFileWriter(schema, f, props, pqarrow.DefaultWriterProps())
	if err != nil {
		f.Close()
		return nil, err
	}
	r := &recordFile{w: w, rb: array.NewRecordBuilder(memory.DefaultAllocator, schema), chunk: chunk}
	r.rb.Reserve(chunk)
	return r, nil
}

// rowDone counts the row appended; a full chunk is written out.
func (r *recordFile) rowDone() error {
	if r.n++; r.n == r.chunk {
		return r.flush()
	}
	return nil
}

func (r *recordFile) flush() error {
	rec := r.rb.NewRecordBatch()
	defer rec.Release()
	r.n = 0
	r.rb.Reserve(r.chunk)
	return r.w.Write(rec)
}

// close writes the last row group and the footer (an empty table when no
// row was added) and closes the file.
func (r *recordFile) close() error {
	if r.done {
		return nil
	}
	r.done = true
	defer r.rb.Release()
	var err error
	if r.n > 0 {
		err = r.flush()
	}
	if cerr := r.w.Close(); err == nil { // closes the file too
		err = cerr
	}
	return err
}
