package main

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/transform"
)

// queryOptions are the flags of `pantau query`.
type queryOptions struct {
	SQL    string
	Period string // with a period the metric tables of that month are tables too, and pegawai its roster
	Format string // table | csv | json
	Tables bool   // list the views and tables instead of running SQL
}

// runQuery runs one SELECT with DuckDB over the lake (transform.OpenQuery):
// views pegawai_riwayat, kehadiran, evaluasi and survei (current uploads
// only), kabupaten, instansi, unit_layanan, uploads (the ledger) and, with
// --period, pegawai (the roster as counted for the month) and every metric
// table. The session is sealed before the SQL runs: it reads, never writes.
func runQuery(e *env, args []string) error {
	var o queryOptions
	fs := newFlags(e, "query")
	fs.StringVar(&o.Period, "period", "", "adds the metric tables of this month, `YYYY-MM`, and makes pegawai its roster as counted")
	fs.StringVar(&o.Format, "format", "table", "output: `table|csv|json`")
	fs.BoolVar(&o.Tables, "tables", false, "list the views and tables, their columns and what each holds, instead of running SQL")
	// Flags may come before or after the SQL text.
	var positional []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	switch {
	case o.Tables && len(positional) > 0:
		return fmt.Errorf("%w: --tables lists the tables; it takes no SQL", errUsage)
	case !o.Tables && len(positional) != 1:
		return fmt.Errorf("%w: want exactly one SQL statement in quotes (pantau query --tables lists what to query)", errUsage)
	case !o.Tables:
		o.SQL = positional[0]
	}
	switch o.Format {
	case "table", "csv", "json":
	default:
		return fmt.Errorf("%w: --format %q: want table, csv or json", errUsage, o.Format)
	}
	ctx := e.context()
	var params *transform.Params
	if o.Period != "" {
		p, err := domain.ParsePeriod(o.Period)
		if err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		dp := transform.DefaultParams(p)
		params = &dp
	}
	db, err := transform.OpenQuery(ctx, e.dir, params)
	if err != nil {
		return err
	}
	defer db.Close()
	if o.Tables {
		return writeTables(ctx, e.stdout, db, params != nil)
	}
	if err := db.Seal(ctx, o.SQL); err != nil {
		return err
	}
	rows, err := db.Query(ctx, o.SQL)
	switch {
	case errors.Is(err, transform.ErrNeedsPeriod), errors.Is(err, transform.ErrRefused):
		return fmt.Errorf("%w: %v", errUsage, err)
	case err != nil:
		return err
	}
	defer rows.Close()
	return writeRows(e.stdout, rows, o.Format)
}

// columnsDoc is where the naming of views' and tables' columns is explained.
const columnsDoc = "README.md, section \"Querying the lake\" (Column names)"

// writeTables prints what --tables lists: each view or table, what it
// holds, and its columns.
func writeTables(ctx context.Context, w io.Writer, db *transform.DB, period bool) error {
	ts, err := db.Tables(ctx)
	if err != nil {
		return err
	}
	var b strings.Builder
	if period {
		b.WriteString("Views and tables of pantau query --period (pegawai is the roster as counted for the month):\n")
	} else {
		b.WriteString("Views and tables of pantau query (add --period YYYY-MM for pegawai and the metric tables):\n")
	}
	b.WriteString("Column names: the upload views (pegawai, pegawai_riwayat, kehadiran, evaluasi, survei) keep\n" +
		"the upload's columns in snake_case (Tanggal Selesai: tanggal_selesai) plus period, agency, upload_id\n" +
		"and source_row; reference tables, uploads and metric tables use the English names of the exported\n" +
		"CSVs (docs/metrics.md), so pegawai.agency joins instansi.agency_code.\n" +
		"See " + columnsDoc + ".\n")
	for _, t := range ts {
		kind := "table"
		if t.View {
			kind = "view"
		}
		fmt.Fprintf(&b, "\n%s (%s): %s\n", t.Name, kind, t.Holds)
		cols := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			cols[i] = c.Name + " " + c.Type
		}
		b.WriteString(wrap(strings.Join(cols, ", "), "  ", 100))
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// wrap breaks s at ", " into lines of at most width runes, each indented.
func wrap(s, indent string, width int) string {
	var b strings.Builder
	line := indent
	for i, part := range strings.Split(s, ", ") {
		sep := ", "
		if i == 0 {
			sep = ""
		}
		if line != indent && utf8.RuneCountInString(line+sep+part) > width {
			b.WriteString(line + ",\n")
			line, sep = indent, ""
		}
		line += sep + part
	}
	return b.String() + line + "\n"
}

// writeRows prints query results as an aligned table, CSV or JSON.
func writeRows(w io.Writer, rows *sql.Rows, format string) error {
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	var data [][]any
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		row := make([]any, len(cols))
		for i, v := range vals {
			row[i] = plain(v)
		}
		data = append(data, row)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	switch format {
	case "csv":
		// Text is guarded against spreadsheet formulas as in the data/
		// exports; column names too, since PIVOT makes them from values.
		cw := csv.NewWriter(w)
		head := make([]string, len(cols))
		for i, c := range cols {
			head[i] = transform.CSVText(c)
		}
		cw.Write(head)
		for _, r := range data {
			rec := make([]string, len(r))
			for i, v := range r {
				rec[i] = text(v, "")
				if _, ok := v.(string); ok {
					rec[i] = transform.CSVText(rec[i])
				}
			}
			cw.Write(rec)
		}
		cw.Flush()
		return cw.Error()
	case "json":
		out := make([]json.RawMessage, 0, len(data))
		for _, r := range data {
			var b strings.Builder
			b.WriteByte('{')
			for i, v := range r {
				if i > 0 {
					b.WriteByte(',')
				}
				k, _ := json.Marshal(cols[i])
				val, err := json.Marshal(v)
				if err != nil {
					val, _ = json.Marshal(text(v, ""))
				}
				b.Write(k)
				b.WriteByte(':')
				b.Write(val)
			}
			b.WriteByte('}')
			out = append(out, json.RawMessage(b.String()))
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return writeAligned(w, cols, data)
}

// plain turns driver values into JSON-friendly Go values.
func plain(v any) any {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case *big.Int:
		return json.Number(x.String())
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format("2006-01-02 15:04:05")
	case interface{ Float64() float64 }: // DECIMAL
		return x.Float64()
	case fmt.Stringer:
		return x.String()
	}
	return v
}

func text(v any, null string) string {
	switch x := v.(type) {
	case nil:
		return null
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32)
	}
	return fmt.Sprint(v)
}

func numeric(v any) bool {
	switch v.(type) {
	case int, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float32, float64, json.Number:
		return true
	}
	return false
}

// writeAligned prints a table with a header rule; numbers align right.
func writeAligned(w io.Writer, cols []string, data [][]any) error {
	width := make([]int, len(cols))
	for i, c := range cols {
		width[i] = utf8.RuneCountInString(c)
	}
	cells := make([][]string, len(data))
	for r, row := range data {
		cells[r] = make([]string, len(row))
		for i, v := range row {
			s := text(v, "NULL")
			cells[r][i] = s
			if n := utf8.RuneCountInString(s); n > width[i] {
				width[i] = n
			}
		}
	}
	line := func(vals []string, right func(i int) bool) string {
		var b strings.Builder
		for i, s := range vals {
			if i > 0 {
				b.WriteString("  ")
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(s))
			if right(i) {
				b.WriteString(pad + s)
			} else if i == len(vals)-1 {
				b.WriteString(s)
			} else {
				b.WriteString(s + pad)
			}
		}
		return b.String() + "\n"
	}
	var b strings.Builder
	b.WriteString(line(cols, func(int) bool { return false }))
	rule := make([]string, len(cols))
	for i := range rule {
		rule[i] = strings.Repeat("-", width[i])
	}
	b.WriteString(line(rule, func(int) bool { return false }))
	for r, row := range cells {
		b.WriteString(line(row, func(i int) bool { return numeric(data[r][i]) }))
	}
	fmt.Fprintf(&b, "(%d baris)\n", len(data))
	_, err := io.WriteString(w, b.String())
	return err
}
