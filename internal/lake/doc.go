// Package lake is the data directory's layout and its two durable records:
// the Parquet lake (lake/<kind>/period=YYYY-MM/agency=<code>/<upload-id>.parquet)
// and the ledger of every upload (state/ledger.json). It also provides the
// primitives that keep the directory whole under crashes: atomic file writes
// (temp name, fsync, rename) and an exclusive lock on the directory.
//
// The ledger is the source of truth for which lake files count: a lake file
// belongs to the lake only while a ledger entry with Status accepted or
// partial and no ReplacedBy names it. A month of one agency and kind is the
// set of such uploads (CurrentFor): pieces added to it all count, and a
// revision replaces the whole set at once (Entry.Replaces, Entry.Decision).
// Readers take the file list from
// Ledger.Current, never from a directory glob, so a file written before a
// crash and not yet in the ledger is invisible. Sweep never removes such a
// file — it may be the only trace of an upload whose ledger entry was lost:
// every upload's entry is kept in its lake file and beside its archived
// original, and Repair rebuilds the ledger from them (ledger_store.go says
// how the ledger itself is kept: a snapshot, a journal, earlier snapshots).
//
// Compacted copies (lake/compact/<kind>/<YYYY-MM>-<digest>.parquet, see
// CompactSet) hold, for a kind and month with two or more current uploads,
// all their rows in one file — the same columns plus period and agency as
// ordinary columns. They are derived data: the digest in the name says which
// uploads a file holds, a file whose digest does not match the ledger's
// current uploads is ignored by readers and removed by Sweep, and deleting
// lake/compact loses nothing (transform.Compact writes it again). Beside a
// kehadiran set's file, <YYYY-MM>-<digest>.jp<version>.parquet
// (CompactSet.JPFile) holds the set's attended JP per NIP and month, sorted
// by NIP, the same derived data under the same digest.
//
// Lake columns (Parquet: per-upload files Snappy with plain pages, UploadProps;
// compacted files their pages spliced, or Zstd where DuckDB writes them;
// partition keys period and agency are in the path only) are defined once,
// in schema.go: KindSchema gives each kind's columns with their Arrow types
// (every kind ends with upload_id, string, and source_row, int32, the
// 1-based row in the upload's sheet; dates are date32, read in WIT), with
// the canonical value sets beside them.
// ingest's upload schemas are held to it, transform's views and the
// national generator in sample-data are built from it.
//
// Reference data is written beside the lake, replaced whole when referensi.xlsx
// changes: lake/referensi/<name>.parquet for each of ReferenceTables
// (kabupaten, instansi, unit_layanan), with the columns of ReferenceSchema.
package lake
