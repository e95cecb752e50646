package lake

import (
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
)

// UploadRowGroupRows is the per-upload files' Parquet row-group length:
// large enough for good compression and DuckDB scans, small enough to keep
// the writer's memory bounded.
const UploadRowGroupRows = 500_000

// UploadProps are the per-upload files' Parquet settings: Snappy and plain
// encoding, about half the CPU of Zstd with dictionaries for a third more
// bytes, and no column statistics, which cost a third of the write
// (ingest's BenchmarkUploadParquet) and would prune nothing: an upload is
// one row group of one agency's month, read whole. Plain pages without a
// dictionary are also what lets transform.Compact splice a month's uploads
// into one file by copying their pages, without decoding them.
func UploadProps() *parquet.WriterProperties {
	return parquet.NewWriterProperties(
		parquet.WithCompression(compress.Codecs.Snappy),
		parquet.WithDictionaryDefault(false),
		parquet.WithStats(false),
		parquet.WithMaxRowGroupLength(UploadRowGroupRows),
		parquet.WithCreatedBy("pantau"),
	)
}
