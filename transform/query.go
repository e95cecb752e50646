package transform

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/duckdb/duckdb-go/v2/mapping"

	"github.com/pantau-asn/pantau/internal/lake"
)

// ErrNeedsPeriod is the cause of a query that names a table of one month's
// metrics (or the roster of one month, pegawai) in a session opened without
// a period. Its message says what to add.
var ErrNeedsPeriod = errors.New("needs a period")

// ErrRefused is the cause of a statement a query session does not run: one
// that would write, read a file, change a setting, or is not a single
// SELECT. Its message says what was refused and why.
var ErrRefused = errors.New("refused")

// QueryError is a statement a query session does not run, or a table named
// where it does not exist. Msg is the sentence for the planner; errors.Is
// matches Cause, ErrRefused or ErrNeedsPeriod.
type QueryError struct {
	Cause error
	Msg   string
}

func (e *QueryError) Error() string { return e.Msg }
func (e *QueryError) Unwrap() error { return e.Cause }

func refused(format string, args ...any) error {
	return &QueryError{Cause: ErrRefused, Msg: fmt.Sprintf(format, args...)}
}

// OpenQuery opens the session `pantau query` runs a planner's SELECT in.
// With p (not nil) it holds the metric tables of p.Period and pegawai is
// the roster as counted for that month — one row per person in its
// headcount, chosen by the metrics' own roster rule (stage roster); every
// roster snapshot is pegawai_riwayat. Without p only pegawai_riwayat
// exists: a roster per person depends on the month, and naming pegawai
// gets ErrNeedsPeriod. Call Seal with the query before running it.
func OpenQuery(ctx context.Context, dir lake.Dir, p *Params) (*DB, error) {
	var d *DB
	var err error
	if p != nil {
		var res *Result
		if d, res, err = OpenPeriod(ctx, dir, *p); err != nil {
			return nil, err
		}
		res.Release()
	} else if d, err = Open(ctx, dir); err != nil {
		return nil, err
	}
	d.period = p != nil
	if err := d.queryViews(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// pegawaiAsCounted is view pegawai of a session with a period: the upload
// row of each person the metrics count for P (stage roster names it by
// upload_id and source_row), with the columns of pegawai_riwayat.
const pegawaiAsCounted = `SELECT p.* FROM pegawai_riwayat p
JOIN roster r ON r.upload_id = p.upload_id AND r.source_row = p.source_row`

// queryViews renames the roster kind view pegawai_riwayat and, with a
// period, makes pegawai the roster as counted for P. Stage roster_rows,
// which reads pegawai by that name, is dropped: its rows are already in
// seg, and over the new pegawai it would mean something else.
func (d *DB) queryViews(ctx context.Context) error {
	if err := d.createView(ctx, "pegawai_riwayat", d.viewSQL["pegawai"]); err != nil {
		return err
	}
	if !d.period {
		delete(d.viewSQL, "pegawai")
		return d.exec(ctx, "DROP VIEW pegawai")
	}
	if err := d.createView(ctx, "pegawai", pegawaiAsCounted); err != nil {
		return err
	}
	delete(d.viewSQL, "roster_rows")
	return d.exec(ctx, "DROP VIEW IF EXISTS roster_rows")
}

// lakeViews are the views of a query session that read lake files.
var lakeViews = []string{"pegawai_riwayat", "kehadiran", "kehadiran_jp", "evaluasi", "survei"}

// Seal makes the session read-only to the outside world before query
// runs: DuckDB's enable_external_access is turned off and the configuration
// locked, so no statement can write or read a file, attach a database,
// install or load an extension or change a setting again. DuckDB then
// refuses to open the lake's Parquet files through the views too, so the
// upload views query reads (named in it, or in a view it names) are first
// copied into tables of the same name. An allow-list of the lake's files
// (allowed_paths, allowed_directories) would spare the copy but also lets
// COPY … TO overwrite those very files, so it is not used. A sealed
// session can seal again only for a query that needs no further copy.
func (d *DB) Seal(ctx context.Context, query string) error {
	reads := d.readsLake(query)
	if d.sealed {
		if len(reads) > 0 {
			return fmt.Errorf("transform seal: the session is sealed and cannot read %s any more; open another", strings.Join(reads, ", "))
		}
		return nil
	}
	for _, v := range reads {
		tmp := v + "__copy"
		for _, q := range []string{"CREATE TABLE " + tmp + " AS SELECT * FROM " + v, "DROP VIEW " + v,
			"ALTER TABLE " + tmp + " RENAME TO " + v} {
			if err := d.exec(ctx, q); err != nil {
				return fmt.Errorf("transform seal %s: %w", v, err)
			}
		}
		delete(d.viewSQL, v)
	}
	for _, q := range []string{"SET enable_external_access = false", "SET lock_configuration = true"} {
		if err := d.exec(ctx, q); err != nil {
			return fmt.Errorf("transform seal: %w", err)
		}
	}
	d.sealed = true
	return nil
}

// readsLake lists the lake views query reads, directly or through the
// session's other views: those whose name appears in its text as a word
// (in any case, quoted or not) or in the SQL of a view that does. A name
// in a comment or a string only costs a needless copy; a name built at run
// time (query_table) is not seen, and DuckDB then refuses to open the file.
// (duckdb.GetTableNames would be exact, but it misses the tables of a join.)
func (d *DB) readsLake(query string) []string {
	seen := map[string]bool{}
	var walk func(q string)
	walk = func(q string) {
		for name, body := range d.viewSQL {
			if !seen[name] && mentions(q, name) {
				seen[name] = true
				walk(body)
			}
		}
	}
	walk(query)
	var out []string
	for _, v := range lakeViews {
		if seen[v] {
			out = append(out, v)
		}
	}
	return out
}

// mentions reports whether name appears in q as a whole word.
func mentions(q, name string) bool {
	return regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(name) + `\b`).MatchString(q)
}

// Query runs one SELECT of a sealed session. A text of several statements
// (but a PIVOT, which DuckDB parses as two), or a statement that is not a
// SELECT, is refused before anything runs (ErrRefused); so is what DuckDB
// refuses once sealed (a file read by a SELECT). A table of one month's metrics named without a period gives
// ErrNeedsPeriod.
func (d *DB) Query(ctx context.Context, query string) (*sql.Rows, error) {
	if !d.sealed {
		return nil, errors.New("transform query: the session is not sealed")
	}
	n, err := countStatements(query)
	switch {
	case err != nil:
		return nil, fmt.Errorf("query: %w", err)
	case n == 0:
		return nil, refused("the text holds no SQL statement")
	case n > 1 && !mentions(query, "pivot"):
		return nil, refused("the text holds %d statements; pantau query runs one SELECT at a time", n)
	case n > 1:
		// DuckDB parses a PIVOT without IN (…) as two statements, the first
		// collecting the pivot's values. Run as written: the session is
		// sealed, so a statement slipped in beside it can reach nothing
		// outside (a COPY fails on the file, a SET on the lock).
		rows, err := d.conn.QueryContext(ctx, query)
		if err != nil {
			return nil, d.queryError(err)
		}
		return rows, nil
	}
	var typ duckdb.StmtType
	err = d.conn.Raw(func(dc any) error {
		st, err := dc.(*duckdb.Conn).PrepareContext(ctx, query)
		if err != nil {
			return err
		}
		defer st.Close()
		typ, err = st.(*duckdb.Stmt).StatementType()
		return err
	})
	if err != nil {
		return nil, d.queryError(err)
	}
	if typ != duckdb.STATEMENT_TYPE_SELECT {
		return nil, refused("%s", refusal(typ))
	}
	rows, err := d.conn.QueryContext(ctx, query)
	if err != nil {
		return nil, d.queryError(err)
	}
	return rows, nil
}

// countStatements counts the statements of query with DuckDB's own parser,
// on a database of its own: parsing runs nothing, where preparing a text
// of several statements would run all but the last.
func countStatements(query string) (int, error) {
	var db mapping.Database
	if mapping.Open("", &db) == mapping.StateError {
		return 0, errors.New("duckdb parser: cannot open")
	}
	defer mapping.Close(&db)
	var conn mapping.Connection
	if mapping.Connect(db, &conn) == mapping.StateError {
		return 0, errors.New("duckdb parser: cannot connect")
	}
	defer mapping.Disconnect(&conn)
	var stmts mapping.ExtractedStatements
	n := mapping.ExtractStatements(conn, query, &stmts)
	defer mapping.DestroyExtracted(&stmts)
	if n == 0 {
		if msg := mapping.ExtractStatementsError(stmts); msg != "" {
			return 0, errors.New(msg)
		}
	}
	return int(n), nil
}

// refusal says why a statement of type t is not run.
func refusal(t duckdb.StmtType) string {
	switch t {
	case duckdb.STATEMENT_TYPE_COPY, duckdb.STATEMENT_TYPE_EXPORT:
		return "COPY and EXPORT write or read files, and pantau query only reads the lake; " +
			"to save a result use --format csv and redirect it: pantau query \"SELECT …\" --format csv > result.csv"
	case duckdb.STATEMENT_TYPE_ATTACH, duckdb.STATEMENT_TYPE_DETACH:
		return "ATTACH and DETACH open or close other databases; pantau query reads only the lake"
	case duckdb.STATEMENT_TYPE_LOAD, duckdb.STATEMENT_TYPE_EXTENSION:
		return "INSTALL and LOAD add DuckDB extensions; pantau query runs with the built-in ones only"
	case duckdb.STATEMENT_TYPE_SET, duckdb.STATEMENT_TYPE_VARIABLE_SET, duckdb.STATEMENT_TYPE_PRAGMA:
		return "SET, RESET and PRAGMA change settings, and a query session's settings are locked"
	case duckdb.STATEMENT_TYPE_CREATE, duckdb.STATEMENT_TYPE_CREATE_FUNC, duckdb.STATEMENT_TYPE_INSERT,
		duckdb.STATEMENT_TYPE_UPDATE, duckdb.STATEMENT_TYPE_DELETE, duckdb.STATEMENT_TYPE_DROP,
		duckdb.STATEMENT_TYPE_ALTER:
		return "pantau query answers one SELECT and changes no table or view (the session lives in memory " +
			"for one command, so nothing made in it could be read later); use WITH … AS (…) SELECT … instead"
	}
	return "pantau query runs one SELECT (also WITH … SELECT, FROM …, DESCRIBE, SUMMARIZE, SHOW TABLES)"
}

// missingTable finds the name in DuckDB's "Table with name X does not exist".
var missingTable = regexp.MustCompile(`Table with name ([^ ]+) does not exist`)

// queryError turns what DuckDB refuses in a sealed session, and a table of
// one month named without a period, into a plain message.
func (d *DB) queryError(err error) error {
	var de *duckdb.Error
	if !errors.As(err, &de) {
		return fmt.Errorf("query: %w", err)
	}
	switch de.Type {
	case duckdb.ErrorTypePermission:
		return refused("pantau query reads only its views and tables (pantau query --tables): "+
			"reading or writing files (COPY … TO, read_csv, read_parquet, read_text, glob), ATTACH, INSTALL "+
			"and LOAD are off (DuckDB: %s)", firstLine(de.Msg))
	case duckdb.ErrorTypeInvalidInput:
		if strings.Contains(de.Msg, "configuration has been locked") {
			return refused("a query session's settings are locked (DuckDB: %s)", firstLine(de.Msg))
		}
	case duckdb.ErrorTypeCatalog:
		if m := missingTable.FindStringSubmatch(de.Msg); m != nil && !d.period {
			if msg := needsPeriod(strings.ToLower(m[1])); msg != "" {
				return &QueryError{Cause: ErrNeedsPeriod, Msg: msg}
			}
		}
	}
	return fmt.Errorf("query: %w", err)
}

// periodHelpers are the tables setParams creates for one month's metrics.
var periodHelpers = []string{"params", "months", "months_wide", "windows", "ikm_months", "predikat"}

// needsPeriod is the message for a table that exists only with a period,
// or "" for any other name.
func needsPeriod(name string) string {
	const add = ": add --period YYYY-MM"
	switch {
	case name == "pegawai":
		return "pegawai is the roster of one month (one row per person counted then)" + add +
			"; every roster snapshot, of every month, is pegawai_riwayat"
	case PublicTable(name) || name == "person_progress":
		return name + " is a metric table of one month" + add
	}
	for _, s := range steps {
		if s.name == name || slices.Contains(s.also, name) {
			return name + " is a stage of one month's metrics" + add
		}
	}
	for _, h := range periodHelpers {
		if h == name {
			return name + " holds the settings of one month's metrics" + add
		}
	}
	return ""
}

// TableInfo describes one view or table of a query session.
type TableInfo struct {
	Name    string
	View    bool
	Holds   string // one line: what it holds
	Columns []ColumnInfo
}

// ColumnInfo is one column of a TableInfo.
type ColumnInfo struct{ Name, Type string }

// tableHolds says what the session's own views and tables hold; the
// metric tables and stages say it in the first sentence of their .sql file.
var tableHolds = map[string]string{
	"pegawai": "the roster as counted for the period: one row per person in its headcount (the metrics' roster " +
		"rule: each agency's latest roster up to the period, a person in two rosters once, active only)",
	"pegawai_riwayat": "every roster snapshot: each row of every current pegawai upload (period = the roster's month)",
	"kehadiran": "every training attendance row of the current uploads (Hadir = attended; a row counts " +
		"in the month of tanggal_selesai)",
	"evaluasi":          "every performance evaluation row of the current uploads",
	"survei":            "every service satisfaction response of the current uploads (u1..u9 the element scores)",
	"kabupaten":         "the districts (reference data)",
	"instansi":          "the agencies and which kinds each must send monthly (reference data)",
	"unit_layanan":      "the service units (reference data)",
	"unit_service_type": "each service unit's service types, one row each (from unit_layanan.service_types)",
	"uploads":           "the ledger: every upload, current or replaced (is_current), with its row counts",
	"params":            "the period and thresholds of the metrics (one row): period_end, ytd_start, target_jp, …",
	"months":            "the 12 months W12 ending with the period (idx 0 oldest … 11 = the period)",
	"months_wide":       "the months of W12 as one row (ytdI, startI, endI, ontrackI for idx I)",
	"windows":           "the IKM pooling windows (m0..m11, first3, last3, 3m, m-1) and their months",
	"ikm_months":        "the survey months: W12 and the month before it (idx -1)",
	"predikat":          "the SKP predikat in order; weak = needs follow-up",
}

// tableOrder puts the upload views first, then reference data, the
// ledger, the metric tables and the rest.
func tableOrder(name string) int {
	order := []string{"pegawai", "pegawai_riwayat", "kehadiran", "evaluasi", "survei", "kabupaten",
		"instansi", "unit_layanan", "unit_service_type", "uploads"}
	order = append(order, TableNames()...)
	for i, n := range order {
		if n == name {
			return i
		}
	}
	return len(order)
}

// Tables lists the session's views and tables with their columns, in the
// order upload views, reference data, ledger, metric tables, then stages
// and helpers by name.
func (d *DB) Tables(ctx context.Context) ([]TableInfo, error) {
	rows, err := d.conn.QueryContext(ctx, `SELECT c.table_name, t.table_type = 'VIEW', c.column_name, c.data_type
FROM information_schema.columns c
JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
WHERE c.table_schema = 'main'
ORDER BY c.table_name, c.ordinal_position`)
	if err != nil {
		return nil, fmt.Errorf("transform tables: %w", err)
	}
	defer rows.Close()
	var out []TableInfo
	for rows.Next() {
		var name, col, typ string
		var view bool
		if err := rows.Scan(&name, &view, &col, &typ); err != nil {
			return nil, fmt.Errorf("transform tables: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].Name != name {
			out = append(out, TableInfo{Name: name, View: view, Holds: holds(name)})
		}
		t := &out[len(out)-1]
		t.Columns = append(t.Columns, ColumnInfo{col, typ})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("transform tables: %w", err)
	}
	sort.SliceStable(out, func(i, j int) bool {
		oi, oj := tableOrder(out[i].Name), tableOrder(out[j].Name)
		if oi != oj {
			return oi < oj
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

// holds is the one line of TableInfo.Holds for name.
func holds(name string) string {
	if h, ok := tableHolds[name]; ok {
		return h
	}
	q, err := sqlFiles.ReadFile("sql/" + name + ".sql")
	if err != nil {
		return ""
	}
	var b strings.Builder
	for _, l := range strings.Split(string(q), "\n") {
		if !strings.HasPrefix(l, "--") {
			break
		}
		b.WriteString(strings.TrimSpace(strings.TrimPrefix(l, "--")) + " ")
	}
	s := strings.TrimSpace(b.String())
	s = strings.TrimPrefix(strings.TrimPrefix(s, name+": "), name+" ")
	s = strings.Replace(s, "Stage (view): ", "Stage: ", 1)
	// The first clause: up to a sentence's end or a semicolon (not "..").
	for i := 1; i+1 < len(s); i++ {
		if (s[i] == '.' || s[i] == ';') && s[i+1] == ' ' && s[i-1] != '.' {
			s = s[:i]
			break
		}
	}
	if r := []rune(s); len(r) > 150 {
		s = strings.TrimSpace(string(r[:149])) + "…"
	}
	return strings.TrimSuffix(s, ".")
}
