package ingest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/pantau-asn/pantau/internal/lake"
)

// uploadRecord reads an n-row attendance workbook into its upload record.
func uploadRecord(tb testing.TB, n int) *Upload {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "kehadiran_2026-10.xlsx")
	if err := os.WriteFile(path, kehadiranWorkbook(tb, n), 0o644); err != nil {
		tb.Fatal(err)
	}
	opts := DefaultOptions()
	opts.MaxBadShare = 1
	u := ReadFile(path, opts)
	if u.Err != nil || u.Record == nil || u.Record.NumRows() != int64(n) {
		tb.Fatalf("ReadFile: %v, %d rows read", u.Err, u.RowsRead)
	}
	return u
}

// TestUploadParquet writes an upload's file and reads it back: every value
// as written, the ledger entry in its metadata, one row group, and no
// column statistics (lake.UploadProps).
func TestUploadParquet(t *testing.T) {
	u := uploadRecord(t, 300)
	defer u.Record.Release()
	var buf bytes.Buffer
	if err := writeParquet(&buf, u.Record, `{"id":"x"}`); err != nil {
		t.Fatal(err)
	}
	r, err := file.NewParquetReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if got := r.MetaData().KeyValueMetadata().FindValue(lake.EntryKey); got == nil || *got != `{"id":"x"}` {
		t.Errorf("entry metadata = %v; want the ledger entry", got)
	}
	if n := r.NumRowGroups(); n != 1 {
		t.Fatalf("%d row groups; want 1", n)
	}
	rg := r.MetaData().RowGroup(0)
	for c := 0; c < rg.NumColumns(); c++ {
		cc, err := rg.ColumnChunk(c)
		if err != nil {
			t.Fatal(err)
		}
		if ok, _ := cc.StatsSet(); ok {
			t.Errorf("column %s has statistics; the per-upload files are written without", cc.PathInSchema())
		}
	}
	fr, err := pqarrow.NewFileReader(r, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	rr := array.NewTableReader(tbl, tbl.NumRows())
	defer rr.Release()
	if !rr.Next() {
		t.Fatal("no rows read back")
	}
	if got := rr.RecordBatch(); !array.RecordEqual(got, u.Record) {
		t.Errorf("read back differs from the upload's record:\n got %v\nwant %v", got, u.Record)
	}
}

// BenchmarkUploadParquet writes one 1,600-row attendance upload as its
// lake file (the province sample's average upload is ≈1,575 rows) and
// reports the file's size.
func BenchmarkUploadParquet(b *testing.B) {
	u := uploadRecord(b, 1600)
	defer u.Record.Release()
	var buf bytes.Buffer
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		if err := writeParquet(&buf, u.Record, `{"id":"x"}`); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}

// TestParquetDraft holds the commit's way of writing a lake file (the
// reader's goroutine drafts it, the commit adds the entry and the footer)
// to the one-step way, entry first: the same bytes, so the same keys in the
// same order (the Arrow schema, then the entry).
func TestParquetDraft(t *testing.T) {
	u := uploadRecord(t, 50)
	defer u.Record.Release()
	const entry = `{"id":"d"}`
	var want bytes.Buffer
	fw, err := pqarrow.NewFileWriter(u.Record.Schema(), &want, lake.UploadProps(),
		pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
	if err != nil {
		t.Fatal(err)
	}
	if err := fw.AppendKeyValueMetadata(lake.EntryKey, entry); err != nil {
		t.Fatal(err)
	}
	if err := fw.Write(u.Record); err != nil {
		t.Fatal(err)
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	d, err := draftParquet(u.Record)
	if err != nil {
		t.Fatal(err)
	}
	got, err := d.finish(entry)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("drafted file (%d bytes) differs from the one written in one step (%d bytes)", len(got), want.Len())
	}
	r, err := file.NewParquetReader(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	kv := r.MetaData().KeyValueMetadata()
	if keys := kv.Keys(); len(keys) != 2 || keys[0] != "ARROW:schema" || keys[1] != lake.EntryKey {
		t.Errorf("metadata keys %q; want ARROW:schema, then %s", keys, lake.EntryKey)
	}
}
