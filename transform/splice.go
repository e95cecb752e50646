package transform

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/pantau-asn/pantau/internal/lake"
)

// errNoSplice says a set's per-upload files cannot be spliced (schemas
// that differ, dictionary pages, page indexes: anything but the plain
// pages lake.UploadProps writes), so DuckDB's COPY compacts the set.
var errNoSplice = errors.New("per-upload files cannot be spliced")

// parquetMagic opens and closes every Parquet file.
var parquetMagic = []byte("PAR1")

// spliceRows is the row-group length of compacted files that are
// spliced: uploads are joined into one row group until it holds at least
// this many rows, DuckDB's own row-group length, so the metrics scan a
// spliced file as they would one DuckDB wrote.
const spliceRows = 122_880

// spliceMaxRows is the largest set Compact splices: one row group's worth.
// Up to it, reading the spliced file costs what reading DuckDB's costs
// (the province year's report: 2.97 CPU-s median either way, five runs
// side by side). A national month (two million rows and more) reads
// 10 to 20 % faster, with about 100 MB less peak memory, from DuckDB's file,
// whose dictionaries and statistics spliced plain pages lack
// (BenchmarkMetricsNational on a lake written as ingest writes it, 3 Dec
// 2026), so larger sets are worth DuckDB's COPY.
const spliceMaxRows = spliceRows

// maxRowGroups is how many row groups a Parquet footer can number (int16
// ordinals).
const maxRowGroups = 1<<15 - 1

// A spliceUnit is one row group of one per-upload file, in memory.
type spliceUnit struct {
	md     *metadata.FileMetaData
	rg     int
	buf    []byte // the whole file
	agency string
}

// rows is how many rows u's row group holds.
func (u spliceUnit) rows() int64 { return u.md.RowGroups[u.rg].NumRows }

// spliceSet writes s's compacted file to w by splicing its per-upload
// files' pages: every column chunk of the uploads is plain pages (no
// dictionary), so a column of several uploads is their pages one after
// the other, copied byte for byte, and only the footer is new. Uploads
// join one row group until it holds groupRows rows (spliceRows). The
// Hive partition keys the uploads' paths carry (period and agency, as
// DuckDB's hive_partitioning reads them) follow as two dictionary-encoded
// columns.
// Nothing is decoded or encoded again, so the file holds exactly the
// uploads' values in the set's order (agency, then upload), in the columns
// and order of viewColumns(s.Kind). It returns the rows written, or an
// error wrapping errNoSplice when the uploads cannot be spliced or hold
// more than maxRows rows; then nothing useful was written to w.
func spliceSet(w io.Writer, dir lake.Dir, s lake.CompactSet, groupRows, maxRows int64) (int64, error) {
	out := &countWriter{w: w}
	if _, err := out.Write(parquetMagic); err != nil {
		return 0, err
	}
	var (
		whole  *metadata.FileMetaData // the first upload's footer
		acc    *metadata.FileMetaData // the file's footer: whole's, with the spliced row groups
		keys   *metadata.FileMetaData // the key columns' footer, for their schema
		group  []spliceUnit
		groupN int64
		rows   int64
	)
	flush := func() error {
		if len(group) == 0 {
			return nil
		}
		k, err := spliceGroup(out, acc, group, s.Period)
		if err != nil {
			return err
		}
		keys = k
		group, groupN = group[:0], 0
		return nil
	}
	for _, e := range s.Entries {
		period, agency, ok := hiveKeys(e.LakeFile)
		if !ok || period != s.Period {
			return 0, fmt.Errorf("%s: %w: no period=%s and agency= in its path", e.LakeFile, errNoSplice, s.Period)
		}
		buf, err := os.ReadFile(dir.Abs(e.LakeFile))
		if err != nil {
			return 0, err
		}
		md, err := parquetFooter(buf)
		if err != nil {
			return 0, fmt.Errorf("%s: %w: %v", e.LakeFile, errNoSplice, err)
		}
		if whole == nil {
			whole = md
			fm := *md.FileMetaData
			fm.RowGroups = nil
			acc = &metadata.FileMetaData{FileMetaData: &fm, Schema: md.Schema}
		}
		if !md.Schema.Equals(whole.Schema) {
			return 0, fmt.Errorf("%s: %w: its schema differs from %s's", e.LakeFile, errNoSplice, s.Entries[0].LakeFile)
		}
		for i := range md.RowGroups {
			u := spliceUnit{md: md, rg: i, buf: buf, agency: agency}
			if u.rows() == 0 {
				continue // an empty upload: nothing to splice (its schema was checked)
			}
			if err := spliceable(md, i, whole); err != nil {
				return 0, fmt.Errorf("%s: %w: %v", e.LakeFile, errNoSplice, err)
			}
			group = append(group, u)
			groupN += u.rows()
			rows += u.rows()
			if rows > maxRows {
				return 0, fmt.Errorf("%s %s: %w: more than %d rows", s.Kind, s.Period, errNoSplice, maxRows)
			}
			if groupN >= groupRows {
				if err := flush(); err != nil {
					return 0, err
				}
			}
		}
	}
	if err := flush(); err != nil {
		return 0, err
	}
	if whole == nil || keys == nil {
		return 0, fmt.Errorf("%s %s: %w: no rows", s.Kind, s.Period, errNoSplice)
	}
	if err := checkSpliceColumns(whole, keys, viewColumns(s.Kind)); err != nil {
		return 0, err
	}
	if len(acc.RowGroups) > maxRowGroups {
		return 0, fmt.Errorf("%s %s: %w: %d row groups", s.Kind, s.Period, errNoSplice, len(acc.RowGroups))
	}
	acc.NumRows = rows
	return rows, writeFooter(out, acc, keys)
}

// spliceable says why row group i of md cannot be spliced into a file
// whose footer is whole's, or nil: each of its column chunks must be in
// the file itself, plain pages without a dictionary, page index or bloom
// filter, compressed as whole's first row group's is.
func spliceable(md *metadata.FileMetaData, i int, whole *metadata.FileMetaData) error {
	rg := md.RowGroups[i]
	ref := whole.RowGroups[0]
	if len(rg.Columns) != len(ref.Columns) {
		return fmt.Errorf("%d columns, want %d", len(rg.Columns), len(ref.Columns))
	}
	for j, c := range rg.Columns {
		m := c.MetaData
		switch {
		case m == nil || c.FilePath != nil || c.CryptoMetadata != nil || c.EncryptedColumnMetadata != nil:
			return fmt.Errorf("column %d: not in the file, or encrypted", j)
		case m.DictionaryPageOffset != nil || m.IndexPageOffset != nil || m.BloomFilterOffset != nil ||
			c.OffsetIndexOffset != nil || c.ColumnIndexOffset != nil:
			return fmt.Errorf("column %s: dictionary, index or bloom filter pages", strings.Join(m.PathInSchema, "."))
		case m.Codec != ref.Columns[j].MetaData.Codec:
			return fmt.Errorf("column %s: compressed differently", strings.Join(m.PathInSchema, "."))
		case m.DataPageOffset < 4 || m.TotalCompressedSize < 0:
			return fmt.Errorf("column %s: bad offsets", strings.Join(m.PathInSchema, "."))
		}
	}
	return nil
}

// spliceGroup writes one row group of the spliced file at out's offset:
// for each column, the group's chunks of it one after the other, then the
// key columns; it appends the row group to acc's and returns the key
// columns' footer.
func spliceGroup(out *countWriter, acc *metadata.FileMetaData, group []spliceUnit, period string) (*metadata.FileMetaData, error) {
	first := group[0].md.RowGroups[group[0].rg]
	rg := *first
	rg.Columns = rg.Columns[:0:0]
	rg.SortingColumns = nil
	rg.NumRows, rg.TotalByteSize = 0, 0
	start := out.n
	for j := range first.Columns {
		col := *first.Columns[j]
		m := *col.MetaData
		m.Statistics, m.SizeStatistics, m.GeospatialStatistics = nil, nil, nil
		m.KeyValueMetadata = nil
		m.NumValues, m.TotalCompressedSize, m.TotalUncompressedSize = 0, 0, 0
		m.DataPageOffset = out.n
		m.Encodings = slices.Clone(m.Encodings)
		m.EncodingStats = m.EncodingStats[:0:0]
		for _, u := range group {
			c := u.md.RowGroups[u.rg].Columns[j].MetaData
			off, n := c.DataPageOffset, c.TotalCompressedSize
			if off+n > int64(len(u.buf))-8 {
				return nil, fmt.Errorf("%w: column %d's pages run past the footer", errNoSplice, j)
			}
			if _, err := out.Write(u.buf[off : off+n]); err != nil {
				return nil, err
			}
			m.NumValues += c.NumValues
			m.TotalCompressedSize += n
			m.TotalUncompressedSize += c.TotalUncompressedSize
			for _, e := range c.Encodings {
				if !slices.Contains(m.Encodings, e) {
					m.Encodings = append(m.Encodings, e)
				}
			}
			for _, st := range c.EncodingStats {
				found := false
				for _, have := range m.EncodingStats {
					if have.PageType == st.PageType && have.Encoding == st.Encoding {
						have.Count += st.Count
						found = true
					}
				}
				if !found {
					cp := *st
					m.EncodingStats = append(m.EncodingStats, &cp)
				}
			}
		}
		col.FileOffset = m.DataPageOffset
		col.MetaData = &m
		rg.Columns = append(rg.Columns, &col)
		rg.TotalByteSize += m.TotalUncompressedSize
	}
	var agencies []string
	var runs []int64
	for _, u := range group {
		rg.NumRows += u.rows()
		agencies = append(agencies, u.agency)
		runs = append(runs, u.rows())
	}
	kmd, kdata, err := keyColumns(period, agencies, runs)
	if err != nil {
		return nil, err
	}
	shift := out.n - 4
	if _, err := out.Write(kdata); err != nil {
		return nil, err
	}
	for _, c := range kmd.RowGroups[0].Columns {
		c.FileOffset += shift
		c.MetaData.DataPageOffset += shift
		if p := c.MetaData.DictionaryPageOffset; p != nil {
			*p += shift
		}
		rg.Columns = append(rg.Columns, c)
		rg.TotalByteSize += c.MetaData.TotalUncompressedSize
	}
	fo, size := start, out.n-start
	rg.FileOffset, rg.TotalCompressedSize = &fo, &size
	acc.RowGroups = append(acc.RowGroups, &rg)
	return kmd, nil
}

// hiveKeys returns the period= and agency= segments of a per-upload file's
// path, the values DuckDB's hive_partitioning gives those columns.
func hiveKeys(rel string) (period, agency string, ok bool) {
	var gotP, gotA bool
	for _, seg := range strings.Split(filepath.ToSlash(rel), "/") {
		if v, found := strings.CutPrefix(seg, "period="); found {
			period, gotP = v, true
		}
		if v, found := strings.CutPrefix(seg, "agency="); found {
			agency, gotA = v, true
		}
	}
	return period, agency, gotP && gotA
}

// parquetFooter reads the footer of buf, a whole Parquet file.
func parquetFooter(buf []byte) (*metadata.FileMetaData, error) {
	n := len(buf)
	if n < 12 || !bytes.Equal(buf[:4], parquetMagic) || !bytes.Equal(buf[n-4:], parquetMagic) {
		return nil, errors.New("not a Parquet file")
	}
	mlen := int(binary.LittleEndian.Uint32(buf[n-8 : n-4]))
	if mlen <= 0 || mlen > n-12 {
		return nil, errors.New("bad footer length")
	}
	md, err := metadata.NewFileMetaData(buf[n-8-mlen:n-8], nil)
	if err != nil {
		return nil, err
	}
	if md.IsSetEncryptionAlgorithm() || len(md.RowGroups) == 0 {
		return nil, errors.New("encrypted, or no row groups")
	}
	return md, nil
}

// keyType is how the partition-key columns are written: a dictionary of
// their values and runs of indices, so n rows cost a run-length, not n
// strings.
var keyType = &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}

// keySchema holds the partition keys as the per-upload files' paths do.
var keySchema = arrow.NewSchema(func() []arrow.Field {
	var fs []arrow.Field
	for _, k := range lake.PartitionKeys {
		fs = append(fs, arrow.Field{Name: k, Type: keyType})
	}
	return fs
}(), nil)

// keyProps write the key columns: dictionary pages, uncompressed (one
// value or a few, and run-lengths), with statistics.
var keyProps = parquet.NewWriterProperties(
	parquet.WithCompression(compress.Codecs.Uncompressed),
	parquet.WithDictionaryDefault(true),
	parquet.WithMaxRowGroupLength(1<<62),
	parquet.WithCreatedBy("pantau"))

// keyColumns writes, in memory, one row group of the partition keys: the
// period on every row, and agency i on runs[i] rows in turn. It returns
// its footer and data region (the bytes after the leading magic, up to the
// footer).
func keyColumns(period string, agency []string, runs []int64) (*metadata.FileMetaData, []byte, error) {
	mem := memory.DefaultAllocator
	var n int64
	for _, r := range runs {
		n += r
	}
	idx := make([]int32, n)
	dict := []string{}
	at := map[string]int32{}
	pos := int64(0)
	for i, a := range agency {
		k, ok := at[a]
		if !ok {
			k = int32(len(dict))
			at[a] = k
			dict = append(dict, a)
		}
		for j := pos; j < pos+runs[i]; j++ {
			idx[j] = k
		}
		pos += runs[i]
	}
	indices := map[string][]int32{"period": make([]int32, n), "agency": idx}
	values := map[string][]string{"period": {period}, "agency": dict}
	cols := make([]arrow.Array, len(keySchema.Fields()))
	for i, f := range keySchema.Fields() {
		ia := array.NewInt32Data(array.NewData(arrow.PrimitiveTypes.Int32, int(n),
			[]*memory.Buffer{nil, memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(indices[f.Name]))}, nil, 0, 0))
		sb := array.NewStringBuilder(mem)
		sb.AppendValues(values[f.Name], nil)
		va := sb.NewArray()
		sb.Release()
		cols[i] = array.NewDictionaryArray(keyType, ia, va)
		ia.Release()
		va.Release()
		defer cols[i].Release()
	}
	rec := array.NewRecordBatch(keySchema, cols, n)
	defer rec.Release()
	var buf bytes.Buffer
	fw, err := pqarrow.NewFileWriter(keySchema, &buf, keyProps, pqarrow.DefaultWriterProps())
	if err != nil {
		return nil, nil, err
	}
	if err := fw.Write(rec); err != nil {
		fw.Close()
		return nil, nil, err
	}
	if err := fw.Close(); err != nil {
		return nil, nil, err
	}
	b := buf.Bytes()
	md, err := parquetFooter(b)
	if err != nil {
		return nil, nil, err
	}
	if len(md.RowGroups) != 1 {
		return nil, nil, fmt.Errorf("key columns: %d row groups", len(md.RowGroups))
	}
	mlen := int(binary.LittleEndian.Uint32(b[len(b)-8:]))
	return md, b[4 : len(b)-8-mlen], nil
}

// checkSpliceColumns makes sure the spliced file's columns are the view's,
// in order: the upload's columns, then the partition keys.
func checkSpliceColumns(upload, keys *metadata.FileMetaData, want []string) error {
	var got []string
	for _, sc := range []*metadata.FileMetaData{upload, keys} {
		for i := range sc.Schema.NumColumns() {
			got = append(got, sc.Schema.Column(i).Name())
		}
	}
	if !slices.Equal(got, want) {
		return fmt.Errorf("%w: columns %v, want %v", errNoSplice, got, want)
	}
	return nil
}

// writeFooter writes the spliced file's footer, acc (a copy of the first
// upload's footer holding the spliced row groups): its schema with the key
// columns after its own, the row groups numbered in order, and no
// key-value metadata (the uploads' ledger entries and Arrow schema do not
// describe the whole).
func writeFooter(out *countWriter, acc, keys *metadata.FileMetaData) error {
	fm := acc.FileMetaData
	root := *fm.Schema[0]
	children := *root.NumChildren + *keys.FileMetaData.Schema[0].NumChildren
	root.NumChildren = &children
	elems := append(fm.Schema[:0:0], &root)
	elems = append(elems, fm.Schema[1:]...)
	fm.Schema = append(elems, keys.FileMetaData.Schema[1:]...)
	if len(fm.ColumnOrders) > 0 {
		fm.ColumnOrders = append(slices.Clone(fm.ColumnOrders), keys.FileMetaData.ColumnOrders...)
	}
	fm.KeyValueMetadata = nil
	for i, rg := range fm.RowGroups {
		o := int16(i)
		rg.Ordinal = &o
	}
	start := out.n
	if _, err := acc.WriteTo(out, nil); err != nil {
		return err
	}
	var tail [8]byte
	binary.LittleEndian.PutUint32(tail[:4], uint32(out.n-start))
	copy(tail[4:], parquetMagic)
	_, err := out.Write(tail[:])
	return err
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
