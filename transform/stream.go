package transform

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// errUnsorted reports an input of a Go stage that is not in nip_key order
// (or holds a value the stage does not take): the stage then runs its SQL.
var errUnsorted = errors.New("input not sorted by nip_key")

// streamBatch is the rows of a keyStream's batch (tests make it small, so
// that a file has many).
var streamBatch = 1 << 15

// keyStream reads a Parquet file whose first column read is nip_key
// (BIGINT, ascending, NULLs last) a batch at a time, row by row; advance
// checks the order. The reader of a particular file embeds it and binds
// its own typed columns of each batch. A goroutine of its own decodes the
// next batch while the current one is read (fetch): the person pass reads
// 13 such streams, and decoding them was half its merge's critical path
// (national, JP files in Zstd: 1.8 of the merging goroutine's 3.6 CPU-s,
// CPU profile), while the other core had room.
type keyStream struct {
	pf    *file.Reader
	rr    pqarrow.RecordReader // read by fetch only, until done is closed
	ahead chan fetched         // the batches fetch decoded, in order
	stop  chan struct{}        // closed by close: fetch stops
	done  chan struct{}        // closed by fetch when it returns
	rec   arrow.RecordBatch
	row   int // current row of rec
	n     int // rows in rec
	bind  func(arrow.RecordBatch) bool
	// retire, when set, is called with the batch still bound before it is
	// let go (at the next batch and at the end).
	retire func() error

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
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: int64(streamBatch)}, memory.DefaultAllocator)
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
	s.ahead, s.stop, s.done = make(chan fetched, 1), make(chan struct{}), make(chan struct{})
	go s.fetch()
	if err := s.advance(); err != nil {
		s.close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// fetched is a batch fetch decoded, or the end of the file (end, with the
// reader's error, if any).
type fetched struct {
	rec arrow.RecordBatch
	end bool
	err error
}

// fetch decodes the file's batches, one ahead of the one being read, and
// hands them on through ahead until the end or until close stops it. The
// reader hands each batch's buffers over to it (pqarrow releases them to
// the arrays it builds), so a batch stays whole after the next is read.
func (s *keyStream) fetch() {
	defer close(s.done)
	for s.rr.Next() {
		rec := s.rr.RecordBatch()
		rec.Retain()
		select {
		case s.ahead <- fetched{rec: rec}:
		case <-s.stop:
			rec.Release()
			return
		}
	}
	err := s.rr.Err()
	if errors.Is(err, io.EOF) {
		err = nil
	}
	select {
	case s.ahead <- fetched{end: true, err: err}:
	case <-s.stop:
	}
}

// next loads the next batch; eof when there is none.
func (s *keyStream) next() error {
	if s.eof {
		return nil // fetch has handed on its last
	}
	for {
		if s.rec != nil {
			if s.retire != nil {
				if err := s.retire(); err != nil {
					return err
				}
			}
			s.rec.Release()
			s.rec = nil
		}
		f := <-s.ahead
		if f.end {
			s.eof = true
			return f.err
		}
		rec := f.rec
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

// close stops fetch and releases the file; again is a no-op.
func (s *keyStream) close() {
	if s.rr == nil {
		return
	}
	close(s.stop)
	<-s.done
	for len(s.ahead) > 0 { // what fetch decoded and no one read
		if f := <-s.ahead; f.rec != nil {
			f.rec.Release()
		}
	}
	if s.rec != nil {
		s.rec.Release()
		s.rec = nil
	}
	s.rr.Release()
	s.pf.Close()
	s.rr, s.pf = nil, nil
}

// recordFile writes rows to an uncompressed scratch Parquet file (no
// dictionaries, no statistics: DuckDB reads it once), a row group of chunk
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
	w, err := createScratchParquet(path, schema)
	if err != nil {
		return nil, err
	}
	r := &recordFile{w: w, rb: array.NewRecordBuilder(memory.DefaultAllocator, schema), chunk: chunk}
	r.rb.Reserve(chunk)
	return r, nil
}

// createScratchParquet writes schema's batches to a new scratch Parquet
// file at path: uncompressed, no dictionaries, no statistics.
func createScratchParquet(path string, schema *arrow.Schema) (*pqarrow.FileWriter, error) {
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
	return w, nil
}

// appendString appends v, or NULL, to string column i of the row.
func (r *recordFile) appendString(i int, v string, null bool) {
	if null {
		r.rb.Field(i).AppendNull()
	} else {
		r.rb.Field(i).(*array.StringBuilder).Append(v)
	}
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

// pickFile writes rows picked from the batches of a stream to a scratch
// Parquet file (createScratchParquet): for each row
// the caller appends the values it computes to the builders b (nil for a
// picked column) and notes the row; at the end of the batch, flush gets the
// picked columns — taken from the batch by gatherStrings, whole runs of
// rows at once — and writes the batch's rows, so no string is copied value
// by value.
type pickFile struct {
	w      *pqarrow.FileWriter
	schema *arrow.Schema
	b      []array.Builder // by field; nil for a picked column
	n      int             // rows appended since the last flush
	done   bool
}

// newPickFile writes schema's rows to w; picked are the fields that flush
// is given.
func newPickFile(w *pqarrow.FileWriter, schema *arrow.Schema, picked ...int) *pickFile {
	f := &pickFile{w: w, schema: schema, b: make([]array.Builder, schema.NumFields())}
	for i, fld := range schema.Fields() {
		if !slices.Contains(picked, i) {
			f.b[i] = array.NewBuilder(memory.DefaultAllocator, fld.Type)
		}
	}
	return f
}

// reserve makes room for n more rows in the builders (UnsafeAppend fits).
func (f *pickFile) reserve(n int) {
	for _, b := range f.b {
		if b != nil {
			b.Reserve(n)
		}
	}
}

// flush writes the rows appended since the last flush, with picked as the
// picked columns' values (in field order; released here).
func (f *pickFile) flush(picked ...arrow.Array) error {
	cols := make([]arrow.Array, len(f.b))
	for i, b := range f.b {
		if b != nil {
			cols[i] = b.NewArray()
		} else {
			cols[i], picked = picked[0], picked[1:]
		}
	}
	rec := array.NewRecordBatch(f.schema, cols, int64(f.n))
	for _, c := range cols {
		c.Release()
	}
	defer rec.Release()
	f.n = 0
	return f.w.Write(rec)
}

// close writes the footer and closes the file; again is a no-op.
func (f *pickFile) close() error {
	if f.done {
		return nil
	}
	f.done = true
	for _, b := range f.b {
		if b != nil {
			b.Release()
		}
	}
	return f.w.Close()
}

// gatherStrings returns the values of col at rows (in that order) as a new
// array, copying each run of consecutive rows' bytes at once.
func gatherStrings(col *array.String, rows []int32) *array.String {
	offs := col.ValueOffsets() // absolute positions in raw
	var raw []byte
	if buf := col.Data().Buffers()[2]; buf != nil {
		raw = buf.Bytes()
	}
	total := int32(0)
	for _, r := range rows {
		total += offs[r+1] - offs[r]
	}
	n := len(rows)
	outOffs := make([]int32, n+1)
	out := make([]byte, total)
	pos := int32(0)
	for k := 0; k < n; {
		e := k + 1
		for e < n && rows[e] == rows[e-1]+1 {
			e++
		}
		start, end := offs[rows[k]], offs[rows[e-1]+1]
		copy(out[pos:], raw[start:end])
		shift := pos - start
		for q := k; q < e; q++ {
			outOffs[q+1] = offs[rows[q]+1] + shift
		}
		pos += end - start
		k = e
	}
	var valid *memory.Buffer
	nulls := 0
	if col.NullN() > 0 {
		bits := make([]byte, bitutil.BytesForBits(int64(n)))
		for k, r := range rows {
			if col.IsValid(int(r)) {
				bitutil.SetBit(bits, k)
			} else {
				nulls++
			}
		}
		valid = memory.NewBufferBytes(bits)
	}
	data := array.NewData(arrow.BinaryTypes.String, n,
		[]*memory.Buffer{valid, memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(outOffs)), memory.NewBufferBytes(out)}, nil, nulls, 0)
	defer data.Release()
	return array.NewStringData(data)
}
