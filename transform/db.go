package transform

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// DB is an embedded DuckDB session over one data directory: views
// pegawai, kehadiran, evaluasi and survei over the current uploads of the
// ledger (never a directory glob), reference tables kabupaten, instansi,
// unit_layanan and unit_service_type, and the ledger as table uploads.
// All state lives on one connection; a DB is not safe for concurrent use.
type DB struct {
	db      *sql.DB
	conn    *sql.Conn
	tmp     string        // spill and scratch files: tmpDir's path
	tmpDir  *lake.TempDir // locked while the session lasts (lake.SweepTemps)
	dir     lake.Dir
	ledger  *lake.Ledger
	current []lake.Entry // the current uploads the kind views read

	compactSets []lake.CompactSet // the ledger's, for the kind views
	readLock    *lake.Lock        // lake.ReaderLock, shared, while the views may open lake files

	// The attendance the person pass reads (createPersonJP): the JP
	// aggregates of the compacted sets, and SELECTs of the other uploads'
	// rows with the kehadiran view's columns — view kehadiran_jp's inputs.
	jpInputs []jpInput
	jpRest   []string

	// A run's person_progress figures from the person pass (progress.go);
	// nil: person_progress runs its SQL.
	progress *progressFigures

	keepStages bool // compute keeps every stage as a table (a query session)

	viewSQL map[string]string // the SELECT of every view the session created, by name (sealing reads it)
	period  bool              // a query session with the metric tables of a period (OpenQuery)
	sealed  bool              // external access off and settings locked (Seal)
}

// Settings bound DuckDB's resources. The defaults suit the 2-core, 24 GB
// target machine with room for the other jobs: on the national benchmark
// 1600 MB keeps the process (DuckDB plus the Go pass of the person stages
// and the Arrow results) at 1.8-1.95 GB (3 GB let it reach 3.3-3.6 GB, no
// faster) because Run drops stages once no later step reads them and moves
// the millions of person_progress rows to Go last, after closing DuckDB
// (a DROP alone does not hand its memory back); DuckDB spills the rest to
// a temp directory, and its allocator's background threads return freed
// memory while it runs.
const (
	memoryLimit = "1600MB"
	threads     = 2
)

// Open starts DuckDB with views over every current upload of dir and the
// reference tables; OpenQuery (`pantau query`) builds on it.
func Open(ctx context.Context, dir lake.Dir) (*DB, error) {
	return open(ctx, dir, nil)
}

// keepFunc decides whether a current upload's file is read.
type keepFunc func(e lake.Entry) bool

func open(ctx context.Context, dir lake.Dir, keep keepFunc) (_ *DB, err error) {
	// Taken before the ledger is read, so no file the views name is removed
	// while the session lasts. A directory without state/ (no ledger, nothing
	// to protect) or where the lock file cannot be created (a read-only
	// copy) is read without it.
	var readLock *lake.Lock
	if fileExists(dir.State()) {
		readLock, _ = dir.ReadLock(lake.ReaderLock)
	}
	defer func() {
		if err != nil {
			readLock.Unlock()
		}
	}()
	l, err := dir.LoadLedger()
	if err != nil {
		return nil, fmt.Errorf("transform open %s: %w", dir, err)
	}
	td, err := scratchDir(dir)
	if err != nil {
		return nil, fmt.Errorf("transform open: %w", err)
	}
	tmp := td.Path
	connector, err := duckdb.NewConnector("", nil)
	if err != nil {
		td.Remove()
		return nil, fmt.Errorf("transform open duckdb: %w", err)
	}
	d := &DB{db: sql.OpenDB(connector), tmp: tmp, tmpDir: td, dir: dir, ledger: l, compactSets: l.CompactSets(), readLock: readLock}
	defer func() {
		if err != nil {
			d.Close()
		}
	}()
	if d.conn, err = d.db.Conn(ctx); err != nil {
		return nil, fmt.Errorf("transform open duckdb: %w", err)
	}
	for _, s := range []string{
		"SET memory_limit = '" + memoryLimit + "'",
		fmt.Sprintf("SET threads = %d", threads),
		"SET temp_directory = " + sqlString(tmp),
		"SET parquet_metadata_cache = true", // the attendance files are scanned by several tables
		// Stages are materialised tables joined later; only the final
		// ORDER BY of each metric table fixes row order.
		"SET preserve_insertion_order = false",
		"SET allocator_background_threads = true",
	} {
		if err := d.exec(ctx, s); err != nil {
			return nil, err
		}
	}
	d.viewSQL = map[string]string{}
	if err := d.loadReference(ctx); err != nil {
		return nil, err
	}
	if err := d.loadUploads(ctx); err != nil {
		return nil, err
	}
	for _, k := range domain.Kinds {
		if err := d.kindView(ctx, k, keep); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// scratchDir is the session's folder for DuckDB's spill files and the
// metric tables on their way to Arrow: a locked temp folder in state/, so
// that a session killed mid-way (a report, a query) leaves nothing the
// next ingest or report does not sweep; where state/ cannot be written (a
// read-only copy) one in the system's temp folder.
func scratchDir(dir lake.Dir) (*lake.TempDir, error) {
	if fileExists(dir.State()) {
		if td, err := lake.MkdirTemp(dir.State(), "duckdb"); err == nil {
			return td, nil
		}
	}
	return lake.MkdirTemp(os.TempDir(), "pantau-duckdb")
}

// SQL returns the underlying connection for ad-hoc queries.
func (d *DB) SQL() *sql.Conn { return d.conn }

// QueryContext runs a query on the session.
func (d *DB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return d.conn.QueryContext(ctx, query, args...)
}

// Close ends the session and removes DuckDB's spill directory.
func (d *DB) Close() error {
	var err error
	if d.conn != nil {
		err = d.conn.Close()
	}
	if d.db != nil {
		err = errors.Join(err, d.db.Close())
	}
	d.tmpDir.Remove()
	d.readLock.Unlock()
	d.readLock = nil
	return err
}

// closeEngine closes DuckDB, whose memory goes back to the system, and
// keeps the session's scratch folder and lock until Close.
func (d *DB) closeEngine() error {
	err := d.conn.Close()
	d.conn = nil
	err = errors.Join(err, d.db.Close())
	d.db = nil
	return err
}

// dropStage drops the stage name, a table or a view; a stage that is
// not there is left be.
func (d *DB) dropStage(ctx context.Context, name string) error {
	var kind string
	err := d.conn.QueryRowContext(ctx, "SELECT table_type FROM information_schema.tables WHERE table_name = ?", name).Scan(&kind)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // a stage this run did not make (a run's person pass makes no person_jp)
	}
	if err != nil {
		return fmt.Errorf("stage %s: %w", name, err)
	}
	if kind == "VIEW" {
		return d.exec(ctx, "DROP VIEW "+name)
	}
	return d.exec(ctx, "DROP TABLE "+name)
}

func (d *DB) exec(ctx context.Context, q string, args ...any) error {
	if _, err := d.conn.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("duckdb %s: %w", firstLine(q), err)
	}
	return nil
}

func firstLine(q string) string {
	q = strings.TrimSpace(q)
	if i := strings.IndexByte(q, '\n'); i >= 0 {
		q = q[:i]
	}
	if len(q) > 80 {
		q = q[:80] + "…"
	}
	return q
}

// kindView creates the view of kind k over the current uploads kept by keep,
// with the Hive partition keys period and agency as VARCHAR columns. A
// period whose current uploads are all kept and whose compacted file
// (lake.CompactSets, written by Compact) exists is read from that one file;
// every other upload from its own file.
func (d *DB) kindView(ctx context.Context, k domain.Kind, keep keepFunc) error {
	compacted := map[string]lake.CompactSet{} // by period
	for _, s := range d.compactSets {
		if s.Kind == k {
			compacted[s.Period] = s
		}
	}
	byPeriod := map[string][]lake.Entry{}
	var periods []string
	for _, e := range d.ledger.Current(k) { // sorted by period
		if e.LakeFile == "" || (keep != nil && !keep(e)) {
			continue
		}
		if _, ok := byPeriod[e.Period]; !ok {
			periods = append(periods, e.Period)
		}
		byPeriod[e.Period] = append(byPeriod[e.Period], e)
		d.current = append(d.current, e)
	}
	var whole, single []string
	var jpFiles, jpWhole, jpSingle []string // kehadiran: the sets read from their JP aggregate; the others' compacted and per-upload files
	for _, p := range periods {
		es := byPeriod[p]
		s, ok := compacted[p]
		ok = ok && len(s.Entries) == len(es)
		if ok && fileExists(d.dir.Abs(s.File)) {
			whole = append(whole, sqlString(d.dir.Abs(s.File)))
		} else {
			for _, e := range es {
				single = append(single, sqlString(d.dir.Abs(e.LakeFile)))
			}
		}
		if k != domain.Kehadiran {
			continue
		}
		if ok && s.JPFile != "" && fileExists(d.dir.Abs(s.JPFile)) {
			jpFiles = append(jpFiles, sqlString(d.dir.Abs(s.JPFile)))
			d.jpInputs = append(d.jpInputs, jpInput{path: d.dir.Abs(s.JPFile), period: p})
		} else if ok && fileExists(d.dir.Abs(s.File)) {
			jpWhole = append(jpWhole, sqlString(d.dir.Abs(s.File)))
		} else {
			for _, e := range es {
				jpSingle = append(jpSingle, sqlString(d.dir.Abs(e.LakeFile)))
			}
		}
	}
	cols := strings.Join(viewColumns(k), ", ")
	var parts []string
	if len(whole) > 0 {
		src := "read_parquet([" + strings.Join(whole, ", ") + "], hive_partitioning = false)"
		if err := d.checkColumns(ctx, "read_parquet("+whole[0]+", hive_partitioning = false)", viewTyped(k)); err != nil {
			return fmt.Errorf("transform %s: %w", k, err)
		}
		parts = append(parts, "SELECT "+cols+" FROM "+src)
	}
	if len(single) > 0 {
		if err := d.checkColumns(ctx, "read_parquet("+single[0]+", hive_partitioning = false)", kindColumns[k]); err != nil {
			return fmt.Errorf("transform %s: %w", k, err)
		}
		parts = append(parts, "SELECT "+cols+" FROM read_parquet(["+strings.Join(single, ", ")+
			"], hive_partitioning = true, hive_types = {'period': VARCHAR, 'agency': VARCHAR})")
	}
	body := emptySelect(k)
	if len(parts) > 0 {
		body = strings.Join(parts, "\nUNION ALL\n")
	}
	if err := d.createView(ctx, string(k), body); err != nil {
		return err
	}
	if k == domain.Kehadiran {
		var rest []string
		if len(jpWhole) > 0 {
			rest = append(rest, "SELECT "+cols+" FROM read_parquet(["+strings.Join(jpWhole, ", ")+"], hive_partitioning = false)")
		}
		if len(jpSingle) > 0 {
			rest = append(rest, "SELECT "+cols+" FROM read_parquet(["+strings.Join(jpSingle, ", ")+
				"], hive_partitioning = true, hive_types = {'period': VARCHAR, 'agency': VARCHAR})")
		}
		d.jpRest = rest
		return d.jpView(ctx, jpFiles, rest)
	}
	return nil
}

// jpView creates view kehadiran_jp: jpSelect over the current attendance,
// read from the JP aggregates of files (written by Compact) and computed
// from the rows of rest (SELECTs with the kehadiran view's columns) — the
// same rows view kehadiran reads.
func (d *DB) jpView(ctx context.Context, files, rest []string) error {
	cols := make([]string, len(jpColumns))
	for i, c := range jpColumns {
		cols[i] = c.name
	}
	var parts []string
	if len(files) > 0 {
		if err := d.checkColumns(ctx, "read_parquet("+files[0]+")", jpColumns); err != nil {
			return fmt.Errorf("transform kehadiran_jp: %w", err)
		}
		parts = append(parts, "SELECT "+strings.Join(cols, ", ")+" FROM read_parquet(["+strings.Join(files, ", ")+"])")
	}
	if len(rest) > 0 {
		parts = append(parts, jpSelect("(\n"+strings.Join(rest, "\nUNION ALL\n")+"\n)"))
	}
	if len(parts) == 0 {
		parts = append(parts, jpSelect("("+emptySelect(domain.Kehadiran)+")"))
	}
	return d.createView(ctx, "kehadiran_jp", strings.Join(parts, "\nUNION ALL\n"))
}

// createView creates (or replaces) view name as body and remembers body.
func (d *DB) createView(ctx context.Context, name, body string) error {
	if err := d.exec(ctx, "CREATE OR REPLACE VIEW "+name+" AS "+body); err != nil {
		return err
	}
	d.viewSQL[name] = body
	return nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// checkColumns fails unless src (a table function over one lake file) has
// exactly the columns of want, by name and in order: a lake file with a
// column the schema does not know, or without one it does, is an error here
// rather than a column silently dropped or a NULL later (lake.KindSchema).
func (d *DB) checkColumns(ctx context.Context, src string, want []column) error {
	rows, err := d.conn.QueryContext(ctx, "SELECT column_name FROM (DESCRIBE SELECT * FROM "+src+")")
	if err != nil {
		return fmt.Errorf("duckdb describe %s: %w", src, err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return err
		}
		got = append(got, name)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	var names []string
	for _, c := range want {
		names = append(names, c.name)
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		return fmt.Errorf("%s has columns %s, the lake schema (internal/lake/schema.go) %s", src,
			strings.Join(got, ", "), strings.Join(names, ", "))
	}
	return nil
}

// castColumns selects cols by name, each cast to its type.
func castColumns(cols []column) string {
	var parts []string
	for _, c := range cols {
		parts = append(parts, "CAST("+c.name+" AS "+c.typ+") AS "+c.name)
	}
	return strings.Join(parts, ", ")
}

// createTable is a CREATE TABLE of name with cols and no rows.
func createTable(name string, cols []column) string {
	var parts []string
	for _, c := range cols {
		parts = append(parts, c.name+" "+c.typ)
	}
	return "CREATE TABLE " + name + " (" + strings.Join(parts, ", ") + ")"
}

// loadReference creates kabupaten, instansi, unit_layanan and
// unit_service_type from lake/referensi/*.parquet, with the columns of
// lake.ReferenceSchema (a file with others is an error); a missing file
// gives the built-in Maluku districts, or no agencies or units.
func (d *DB) loadReference(ctx context.Context) error {
	ref := d.dir.ReferenceDir()
	for _, name := range lake.ReferenceTables {
		cols := referenceColumns(name)
		path := filepath.Join(ref, name+".parquet")
		_, err := os.Stat(path)
		switch {
		case err == nil:
			src := "read_parquet(" + sqlString(path) + ")"
			if err = d.checkColumns(ctx, src, cols); err == nil {
				err = d.exec(ctx, "CREATE TABLE "+name+" AS SELECT "+castColumns(cols)+" FROM "+src)
			}
		case errors.Is(err, fs.ErrNotExist):
			err = d.exec(ctx, createTable(name, cols))
			if name == lake.RefKabupaten {
				for _, ds := range domain.MalukuDistricts() {
					if err == nil {
						err = d.exec(ctx, "INSERT INTO kabupaten VALUES (?, ?, ?)", ds.Code, ds.Name, ds.Remote)
					}
				}
			}
		}
		if err != nil {
			return fmt.Errorf("transform reference %s: %w", name, err)
		}
	}
	return d.exec(ctx, `CREATE TABLE unit_service_type AS
SELECT DISTINCT unit_code, service_type FROM (
  SELECT unit_code, trim(unnest(string_split(coalesce(service_types, ''), ';'))) AS service_type FROM unit_layanan
) WHERE service_type <> ''`)
}

// loadUploads copies the ledger into table uploads (times as UTC TIMESTAMP).
func (d *DB) loadUploads(ctx context.Context) error {
	err := d.exec(ctx, `CREATE TABLE uploads (id VARCHAR, agency VARCHAR, kind VARCHAR, period VARCHAR,
 file VARCHAR, received_at TIMESTAMP, ingested_at TIMESTAMP, rows_read BIGINT, rows_accepted BIGINT,
 rows_rejected BIGINT, status VARCHAR, replaced_by VARCHAR, revision BIGINT, is_current BOOLEAN,
 seq BIGINT, decision VARCHAR)`)
	if err != nil {
		return err
	}
	return d.conn.Raw(func(dc any) error {
		a, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", "uploads")
		if err != nil {
			return fmt.Errorf("transform uploads: %w", err)
		}
		for _, e := range d.ledger.Entries {
			err = a.AppendRow(e.ID, e.Agency, string(e.Kind), e.Period, e.File, utc(e.ReceivedAt), utc(e.IngestedAt),
				int64(e.RowsRead), int64(e.RowsAccepted), int64(e.RowsRejected), string(e.Status),
				e.ReplacedBy, int64(e.Revision), e.Current(), int64(e.Seq), string(e.Decision))
			if err != nil {
				a.Close()
				return fmt.Errorf("transform uploads: %w", err)
			}
		}
		return a.Close()
	})
}

// utc is t as a UTC wall clock (DuckDB TIMESTAMP has no zone); zero is NULL.
func utc(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}
