package transform

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// kehadiranSet is the scenario's kehadiran compact set.
func kehadiranSet(s *scenario) lake.CompactSet {
	for _, cs := range s.ledger.CompactSets() {
		if cs.Kind == domain.Kehadiran {
			return cs
		}
	}
	return lake.CompactSet{}
}

// compactConn is a connection to a Compact DuckDB session (compactSession),
// closed when the test ends.
func compactConn(tb testing.TB) *sql.Conn {
	tb.Helper()
	db, err := compactSession()
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	conn, err := db.Conn(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { conn.Close() })
	return conn
}

// rowGroups is how many row groups DuckDB finds in the Parquet file path,
// and the compression of its column col.
func rowGroups(t *testing.T, f *fixture, path, col string) (int, string) {
	t.Helper()
	var n int
	var codec string
	if err := f.db.QueryRow("SELECT count(DISTINCT row_group_id), min(compression) FROM parquet_metadata("+
		sqlString(path)+") WHERE path_in_schema = "+sqlString(col)).Scan(&n, &codec); err != nil {
		t.Fatal(err)
	}
	return n, codec
}

// sameRows fails unless query q's rows equal path's, in the same order,
// with the same column names and types.
func sameRows(t *testing.T, f *fixture, path, q string) {
	t.Helper()
	file := "SELECT * FROM read_parquet(" + sqlString(path) + ")"
	var n, missing, extra int
	if err := f.db.QueryRow(`WITH a AS (SELECT row_number() OVER () AS rn, * FROM (`+q+`)),
		b AS (SELECT row_number() OVER () AS rn, * FROM (`+file+`))
		SELECT (SELECT count(*) FROM b), (SELECT count(*) FROM (SELECT * FROM a EXCEPT ALL SELECT * FROM b)),
			(SELECT count(*) FROM (SELECT * FROM b EXCEPT ALL SELECT * FROM a))`).Scan(&n, &missing, &extra); err != nil {
		t.Fatal(err)
	}
	if missing != 0 || extra != 0 || n == 0 {
		t.Errorf("%s: %d rows, %d missing and %d extra against DuckDB's reading of the uploads", path, n, missing, extra)
	}
	describe := func(q string) string {
		var s string
		if err := f.db.QueryRow("SELECT string_agg(column_name || ' ' || column_type, ', ') FROM (DESCRIBE " + q + ")").Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if a, b := describe(q), describe(file); a != b {
		t.Errorf("%s: columns %s; want %s", path, b, a)
	}
}

// TestCompactSplices: a set's compacted file is its per-upload files'
// pages spliced (Snappy, as the uploads are; DuckDB's COPY would write
// Zstd), and it holds exactly the rows, order, columns and types that
// DuckDB reads from the per-upload files with their Hive keys.
func TestCompactSplices(t *testing.T) {
	s := newScenario(t)
	if _, err := Compact(context.Background(), s.dir, nil); err != nil {
		t.Fatal(err)
	}
	sets := s.ledger.CompactSets()
	if len(sets) != 2 {
		t.Fatalf("%d compact sets; want the scenario's 2", len(sets))
	}
	for _, cs := range sets {
		path := s.dir.Abs(cs.File)
		if n, codec := rowGroups(t, s.fixture, path, "nip"); n != 1 || codec != "SNAPPY" {
			t.Errorf("%s %s: %d row groups, nip %s; want 1 row group of the uploads' SNAPPY pages", cs.Kind, cs.Period, n, codec)
		}
		sameRows(t, s.fixture, path, "SELECT "+strings.Join(viewColumns(cs.Kind), ", ")+" FROM "+setSource(s.dir, cs))
	}
}

// TestSpliceRowGroups: uploads join a row group until it holds groupRows
// rows. The kehadiran set is, by agency, kab-tanimbar's upload (1 row)
// then kota-ambon's revision (3 rows): groupRows 1 closes a group after
// the first upload (2 row groups); from 2 up, both share one.
func TestSpliceRowGroups(t *testing.T) {
	s := newScenario(t)
	set := kehadiranSet(s)
	want := "SELECT " + strings.Join(viewColumns(set.Kind), ", ") + " FROM " + setSource(s.dir, set)
	for _, tc := range []struct {
		groupRows int64
		groups    int
	}{{1, 2}, {2, 1}, {4, 1}, {spliceRows, 1}} {
		path := filepath.Join(t.TempDir(), "set.parquet")
		n, err := writeFile(path, func(w io.Writer) (int64, error) { return spliceSet(w, s.dir, set, tc.groupRows, spliceMaxRows) })
		if err != nil || n != 4 {
			t.Fatalf("groupRows %d: spliceSet = %d, %v; want 4 rows", tc.groupRows, n, err)
		}
		if got, _ := rowGroups(t, s.fixture, path, "agency"); got != tc.groups {
			t.Errorf("groupRows %d: %d row groups; want %d", tc.groupRows, got, tc.groups)
		}
		sameRows(t, s.fixture, path, want)
	}
	// A set larger than maxRows is left to DuckDB.
	var sink strings.Builder
	if _, err := spliceSet(&sink, s.dir, set, spliceRows, 3); !errors.Is(err, errNoSplice) {
		t.Errorf("spliceSet of 4 rows with maxRows 3: %v; want errNoSplice", err)
	}
}

// TestCompactLargeSetsByDuckDB: a set of more than spliceMaxRows rows by
// the ledger is written by DuckDB (its dictionaries and statistics read
// faster at national size), with the same rows.
func TestCompactLargeSetsByDuckDB(t *testing.T) {
	s := newScenario(t)
	set := kehadiranSet(s)
	conn := compactConn(t)
	want := "SELECT " + strings.Join(viewColumns(set.Kind), ", ") + " FROM " + setSource(s.dir, set)
	for _, tc := range []struct {
		first int
		how   string
	}{{3, "splice"}, {spliceMaxRows, "duckdb"}} {
		big := set
		big.Entries = slices.Clone(set.Entries)
		big.Entries[0].RowsAccepted = tc.first
		n, how, err := writeCompacted(context.Background(), conn, s.dir, big)
		if err != nil || n != 4 || how != tc.how {
			t.Errorf("writeCompacted with %d + %d rows in the ledger = %d, %q, %v; want 4 rows by %s",
				tc.first, big.Entries[1].RowsAccepted, n, how, err, tc.how)
		}
		sameRows(t, s.fixture, s.dir.Abs(set.File), want)
	}
}

// TestCompactFallsBackToDuckDB: when a set's uploads differ in schema (here
// one upload's source_row written as BIGINT, as a later version might), the
// set cannot be spliced and DuckDB's COPY writes it, with the same figures.
func TestCompactFallsBackToDuckDB(t *testing.T) {
	ctx := context.Background()
	s := newScenario(t)
	before := run(t, s.fixture, scenarioParams())
	set := kehadiranSet(s)
	p := s.dir.Abs(set.Entries[0].LakeFile)
	if _, err := s.db.Exec("COPY (SELECT * REPLACE (CAST(source_row AS BIGINT) AS source_row) FROM read_parquet(" +
		sqlString(p) + ")) TO " + sqlString(p+".new") + " (FORMAT parquet)"); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(p+".new", p); err != nil {
		t.Fatal(err)
	}
	var sink strings.Builder
	if _, err := spliceSet(&sink, s.dir, set, spliceRows, spliceMaxRows); !errors.Is(err, errNoSplice) {
		t.Fatalf("spliceSet with one upload's source_row BIGINT: %v; want errNoSplice", err)
	}
	st, err := Compact(ctx, s.dir, nil)
	if err != nil || st.Written != 2 || st.Failed != 0 {
		t.Fatalf("Compact = %+v, %v; want both sets written", st, err)
	}
	if _, codec := rowGroups(t, s.fixture, s.dir.Abs(set.File), "nip"); codec != "ZSTD" {
		t.Errorf("kehadiran set: nip %s; want DuckDB's ZSTD", codec)
	}
	sameTables(t, "compacted by DuckDB", before, run(t, s.fixture, scenarioParams()))
	left, _ := filepath.Glob(filepath.Join(s.dir.CompactDir(), "*", lake.TempPrefix+"*"))
	if len(left) != 0 {
		t.Errorf("temp files left by the failed splice: %v", left)
	}
}

// benchSet writes a kehadiran month of n uploads of rows rows each, as
// ingest writes them, and returns its compact set.
func benchSet(b *testing.B, n, rows int) (lake.Dir, lake.CompactSet) {
	b.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	dir := lake.Dir(b.TempDir())
	set := lake.CompactSet{Kind: domain.Kehadiran, Period: "2025-03",
		File: filepath.Join("lake", "compact", "kehadiran", "2025-03-bench.parquet")}
	var exprs []string
	for _, c := range kindColumns[domain.Kehadiran] {
		e := map[string]string{
			"VARCHAR": "'" + c.name + "-' || (i % 211)",
			"DATE":    "DATE '2025-03-01' + CAST(i % 28 AS INTEGER)",
			"DOUBLE":  "(i % 9) * 1.5", "BIGINT": "i", "INTEGER": "CAST(i % 1000 AS INTEGER)",
			"TINYINT": "CAST(i % 5 AS TINYINT)", "BOOLEAN": "i % 2 = 0",
		}[c.typ]
		exprs = append(exprs, "CAST("+e+" AS "+c.typ+") AS "+c.name)
	}
	for u := range n {
		agency := fmt.Sprintf("agency-%02d", u)
		e := lake.Entry{ID: fmt.Sprintf("u%02d", u), Agency: agency, Kind: domain.Kehadiran, Period: set.Period,
			LakeFile: lake.LakeFile(domain.Kehadiran, domain.MustPeriod(set.Period), agency, fmt.Sprintf("u%02d", u))}
		path := dir.Abs(e.LakeFile)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			b.Fatal(err)
		}
		q := fmt.Sprintf("COPY (SELECT %s FROM range(%d) t(i)) TO %s (FORMAT parquet)", strings.Join(exprs, ", "), rows, sqlString(path))
		if _, err := db.Exec(q); err != nil {
			b.Fatal(err)
		}
		rewriteAsUpload(b, path)
		set.Entries = append(set.Entries, e)
	}
	return dir, set
}

// BenchmarkCompactSet compacts one month of 15 uploads of 4,000 attendance
// rows (the province's evaluations, about): by splicing their pages, and
// by DuckDB's COPY, which read and wrote every value.
func BenchmarkCompactSet(b *testing.B) {
	dir, set := benchSet(b, 15, 4000)
	final := dir.Abs(set.File)
	b.Run("splice", func(b *testing.B) {
		for b.Loop() {
			if _, err := writeFile(final, func(w io.Writer) (int64, error) { return spliceSet(w, dir, set, spliceRows, spliceMaxRows) }); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("duckdb", func(b *testing.B) {
		conn := compactConn(b)
		q := "SELECT " + strings.Join(viewColumns(set.Kind), ", ") + " FROM " + setSource(dir, set)
		for b.Loop() {
			if _, err := copyFile(context.Background(), conn, final, q, "zstd"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestSpliceEmptyUpload: an upload with no rows in a set (its row group
// empty, its offsets zero) is passed over, and the set still spliced.
func TestSpliceEmptyUpload(t *testing.T) {
	s := newScenario(t)
	s.upload(domain.Kehadiran, "2026-03", "bkn-upt-ambon", nil, lake.Entry{})
	set := kehadiranSet(s)
	if len(set.Entries) != 3 {
		t.Fatalf("kehadiran set: %d uploads; want 3 with the empty one", len(set.Entries))
	}
	st, err := Compact(context.Background(), s.dir, nil)
	if err != nil || st.Failed != 0 || st.Rows != 4+2 {
		t.Fatalf("Compact = %+v, %v; want 6 rows, none failed", st, err)
	}
	sameRows(t, s.fixture, s.dir.Abs(set.File), "SELECT "+strings.Join(viewColumns(set.Kind), ", ")+" FROM "+setSource(s.dir, set))
	if _, codec := rowGroups(t, s.fixture, s.dir.Abs(set.File), "nip"); codec != "SNAPPY" {
		t.Errorf("kehadiran set with an empty upload: nip %s; want SNAPPY (spliced)", codec)
	}
}
