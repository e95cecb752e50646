package transform

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// fixture builds a real data directory: Parquet lake files with the exact
// columns of internal/lake/schema.go (written by DuckDB COPY, uploads then
// rewritten as ingest writes them), reference
// tables and a ledger.
type fixture struct {
	t      *testing.T
	dir    lake.Dir
	db     *sql.DB
	ledger lake.Ledger
	seq    int
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{t: t, dir: lake.Dir(t.TempDir()), db: db}
	if err := f.dir.Init(); err != nil {
		t.Fatal(err)
	}
	return f
}

// lit renders a Go value as a SQL literal of the given DuckDB type.
func lit(v any, typ string) string {
	switch x := v.(type) {
	case nil:
		return "CAST(NULL AS " + typ + ")"
	case string:
		if x == "" && typ != "VARCHAR" {
			return "CAST(NULL AS " + typ + ")"
		}
		return "CAST(" + sqlString(x) + " AS " + typ + ")"
	case int:
		if x == 0 && typ == "TINYINT" {
			return "CAST(NULL AS TINYINT)" // a blank SKM answer
		}
		return fmt.Sprintf("CAST(%d AS %s)", x, typ)
	case float64:
		return fmt.Sprintf("CAST(%v AS %s)", x, typ)
	case bool:
		return fmt.Sprintf("%v", x)
	}
	panic(fmt.Sprintf("lit %T", v))
}

// copyRows writes rows (values in cols order) to path as Parquet.
func (f *fixture) copyRows(path string, cols []column, rows [][]any) {
	f.t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		f.t.Fatal(err)
	}
	var sels []string
	for _, r := range rows {
		var vs []string
		for i, c := range cols {
			vs = append(vs, lit(r[i], c.typ)+" AS "+c.name)
		}
		sels = append(sels, "SELECT "+strings.Join(vs, ", "))
	}
	q := strings.Join(sels, " UNION ALL ")
	if len(rows) == 0 {
		var vs []string
		for _, c := range cols {
			vs = append(vs, "CAST(NULL AS "+c.typ+") AS "+c.name)
		}
		q = "SELECT " + strings.Join(vs, ", ") + " WHERE false"
	}
	if _, err := f.db.Exec("COPY (" + q + ") TO " + sqlString(path) + " (FORMAT parquet, COMPRESSION zstd)"); err != nil {
		f.t.Fatalf("copy %s: %v", path, err)
	}
}

// asUpload rewrites the Parquet file path with the settings ingest writes
// per-upload files with (lake.UploadProps: plain pages, Snappy), so
// Compact meets what it meets in a real lake.
func (f *fixture) asUpload(path string) { rewriteAsUpload(f.t, path) }

// rewriteAsUpload is asUpload for any test or benchmark.
func rewriteAsUpload(tb testing.TB, path string) {
	tb.Helper()
	rf, err := file.OpenParquetFile(path, false)
	if err != nil {
		tb.Fatal(err)
	}
	fr, err := pqarrow.NewFileReader(rf, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		tb.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	rf.Close()
	if err != nil {
		tb.Fatal(err)
	}
	defer tbl.Release()
	out, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := pqarrow.WriteTable(tbl, out, lake.UploadRowGroupRows, lake.UploadProps(),
		pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema())); err != nil {
		tb.Fatal(err)
	}
}

// upload writes one upload's lake file and ledger entry; rows hold the
// kind's own columns (upload_id and source_row are added). opt may set
// File, ReceivedAt, IngestedAt, Status, Replaces, row counts.
func (f *fixture) upload(k domain.Kind, period, agency string, rows [][]any, opt lake.Entry) string {
	f.t.Helper()
	f.seq++
	id := fmt.Sprintf("u%03d-%s-%s", f.seq, k, agency)
	if opt.ID != "" {
		id = opt.ID
	}
	e := opt
	e.ID, e.Kind, e.Period, e.Agency = id, k, period, agency
	e.Hash = id
	if e.File == "" {
		e.File = id + ".xlsx"
	}
	if e.Status == "" {
		e.Status = lake.Accepted
	}
	if e.ReceivedAt.IsZero() {
		p := domain.MustPeriod(period)
		e.ReceivedAt = time.Date(p.Year, p.Month+1, 2, 9, 0, 0, 0, domain.WIT)
	}
	if e.IngestedAt.IsZero() {
		e.IngestedAt = e.ReceivedAt.Add(time.Minute)
	}
	if e.RowsRead == 0 && e.RowsAccepted == 0 {
		e.RowsRead, e.RowsAccepted = len(rows), len(rows)
	}
	if e.Status.HasData() {
		e.LakeFile = lake.LakeFile(k, domain.MustPeriod(period), agency, id)
		cols := kindColumns[k]
		var full [][]any
		for i, r := range rows {
			full = append(full, append(append([]any{}, r...), id, i+2))
		}
		f.copyRows(f.dir.Abs(e.LakeFile), cols, full)
		f.asUpload(f.dir.Abs(e.LakeFile))
	}
	f.ledger.Add(e)
	if err := f.dir.SaveLedger(&f.ledger); err != nil {
		f.t.Fatal(err)
	}
	return id
}

// reference writes lake/referensi/*.parquet.
func (f *fixture) reference(ds []domain.District, as []domain.Agency, us []domain.Unit) {
	f.t.Helper()
	var rows [][]any
	for _, d := range ds {
		rows = append(rows, []any{d.Code, d.Name, d.Remote})
	}
	f.copyRows(filepath.Join(f.dir.ReferenceDir(), "kabupaten.parquet"),
		referenceColumns(lake.RefKabupaten), rows)
	rows = nil
	for _, a := range as {
		rows = append(rows, []any{a.Code, a.Name, a.District, a.ExpectsKind(domain.Pegawai),
			a.ExpectsKind(domain.Kehadiran), a.ExpectsKind(domain.Evaluasi), a.ExpectsKind(domain.Survei)})
	}
	f.copyRows(filepath.Join(f.dir.ReferenceDir(), "instansi.parquet"),
		referenceColumns(lake.RefInstansi), rows)
	rows = nil
	for _, u := range us {
		var n any
		if u.UsersPerMonth > 0 {
			n = u.UsersPerMonth
		}
		rows = append(rows, []any{u.Code, u.Name, u.Agency, u.District, strings.Join(u.ServiceTypes, ";"), n})
	}
	f.copyRows(filepath.Join(f.dir.ReferenceDir(), "unit_layanan.parquet"),
		referenceColumns(lake.RefUnitLayanan), rows)
}

// Row builders in the lake column order of each kind.

func peg(nip, nama, jenis, unitKerja, unitLayanan, district, status string) []any {
	return []any{nip, nama, jenis, "L", unitKerja, nilIfEmpty(unitLayanan), district, "Staf", "III/a", status}
}

func hadir(nip, bentuk, kategori, mulai, selesai string, jp float64, status, mode string) []any {
	return []any{nip, "Nama " + nip[len(nip)-3:], "Pelatihan", "Bimbingan Teknis", bentuk, kategori, "BPSDM",
		mulai, selesai, jp, status, mode, nil}
}

func eval(nip, jenis, mulai, selesai, predikat string) []any {
	return []any{nip, "Nama", jenis + " " + selesai[:4], jenis, mulai, selesai, nil, nil, predikat, nil, nil}
}

// resp is one survey response; a 0 score is a blank answer.
func resp(tanggal, unit, jenis string, u [9]int) []any {
	r := []any{tanggal, unit, jenis, 30, "P", "SMA", "Swasta"}
	for _, v := range u {
		r = append(r, v)
	}
	return append(r, nil)
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// rowsOf turns a record into rows of Go values (string, int64, float64,
// bool, time.Time, nil) for go-cmp, and returns its column names.
func rowsOf(rec arrow.RecordBatch) ([]string, [][]any) {
	var names []string
	for _, fl := range rec.Schema().Fields() {
		names = append(names, fl.Name)
	}
	out := make([][]any, rec.NumRows())
	for i := range out {
		row := make([]any, rec.NumCols())
		for j := range row {
			c := rec.Column(j)
			if c.IsNull(i) {
				continue
			}
			switch a := c.(type) {
			case *array.String:
				row[j] = a.Value(i)
			case *array.Int64:
				row[j] = int(a.Value(i)) // int so expected tables can use literals
			case *array.Float64:
				row[j] = a.Value(i)
			case *array.Boolean:
				row[j] = a.Value(i)
			case *array.Timestamp:
				row[j] = time.UnixMicro(int64(a.Value(i))).In(domain.WIT)
			default:
				row[j] = c.ValueStr(i)
			}
		}
		out[i] = row
	}
	return names, out
}

// project keeps the named columns of rows.
func project(names []string, rows [][]any, keep []string) [][]any {
	idx := make([]int, len(keep))
	for i, k := range keep {
		idx[i] = -1
		for j, n := range names {
			if n == k {
				idx[i] = j
			}
		}
	}
	out := make([][]any, len(rows))
	for i, r := range rows {
		o := make([]any, len(keep))
		for j, x := range idx {
			if x >= 0 {
				o[j] = r[x]
			}
		}
		out[i] = o
	}
	return out
}

func run(t *testing.T, f *fixture, p Params) *Result {
	t.Helper()
	res, err := Run(context.Background(), f.dir, p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(res.Release)
	return res
}

func mustPeriod(s string) domain.Period { return domain.MustPeriod(s) }
