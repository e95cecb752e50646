package sampledata

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

func TestWriteNationalLake(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	// 12 districts keep the test quick (every district is 4 × 12 partitions);
	// the benchmark in transform writes all 514.
	if err := WriteSyntheticLake(context.Background(), dir, 7, 1200, 12); err != nil {
		t.Fatal(err)
	}
	l, err := dir.LoadLedger()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got := map[domain.Kind]int{}
	for _, k := range domain.Kinds {
		cur := l.Current(k)
		var files []string
		for _, e := range cur {
			files = append(files, quote(dir.Abs(e.LakeFile)))
			got[k] += e.RowsAccepted
		}
		if len(files) == 0 {
			t.Fatalf("no %s uploads", k)
		}
		var n int
		q := "SELECT count(*) FROM read_parquet([" + join(files) + "])"
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != got[k] {
			t.Errorf("%s rows in files = %d; ledger says %d", k, n, got[k])
		}
	}
	// 1200 ASN = 100 per district; each one roster row; ≈4.4 attendance
	// rows per ASN; 0.9 survey responses per ASN.
	if got[domain.Pegawai] != 1200 {
		t.Errorf("pegawai rows = %d; want 1200", got[domain.Pegawai])
	}
	if n := got[domain.Survei]; n != 1080 {
		t.Errorf("survei rows = %d; want 1080", n)
	}
	if n := got[domain.Kehadiran]; n < 4000 || n > 6000 {
		t.Errorf("kehadiran rows = %d; want about 5300", n)
	}
	var districts int
	db.QueryRow("SELECT count(*) FROM read_parquet(" + quote(dir.ReferenceDir()+"/kabupaten.parquet") + ")").Scan(&districts)
	if districts != 12 {
		t.Errorf("districts = %d; want 12", districts)
	}
	// Every file, and every reference table, has the columns and types of
	// internal/lake/schema.go.
	describe := func(file string) []string {
		rows, err := db.Query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(" + quote(file) + ", hive_partitioning = false))")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var n, typ string
			rows.Scan(&n, &typ)
			out = append(out, n+" "+typ)
		}
		return out
	}
	typed := func(s *arrow.Schema) []string {
		var out []string
		for _, f := range s.Fields() {
			out = append(out, f.Name+" "+lake.DuckDBType(f.Type))
		}
		return out
	}
	for _, k := range domain.Kinds {
		for _, e := range l.Current(k) {
			if diff := cmp.Diff(typed(lake.KindSchema(k)), describe(dir.Abs(e.LakeFile))); diff != "" {
				t.Fatalf("%s columns of %s (-lake schema +file):\n%s", k, e.LakeFile, diff)
			}
		}
	}
	for _, name := range lake.ReferenceTables {
		file := filepath.Join(dir.ReferenceDir(), name+".parquet")
		if diff := cmp.Diff(typed(lake.ReferenceSchema(name)), describe(file)); diff != "" {
			t.Errorf("%s columns (-lake schema +file):\n%s", name, diff)
		}
	}
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}

// TestSyntheticLakeSurvivesIngest: the synthetic lake is a whole data
// directory — its referensi.xlsx says what its reference tables say, so
// `pantau ingest` on it (here ingest.Run with an empty inbox) keeps the
// same districts, agencies and units instead of the built-in Maluku ones.
func TestSyntheticLakeSurvivesIngest(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	if err := WriteSyntheticLake(context.Background(), dir, 3, 240, 12); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tables := func() map[string][]string {
		out := map[string][]string{}
		for name, q := range map[string]string{
			"kabupaten":    "SELECT district_code || '|' || district_name || '|' || remote FROM read_parquet(%s) ORDER BY 1",
			"instansi":     "SELECT agency_code || '|' || agency_name || '|' || district_code || '|' || expects_survei FROM read_parquet(%s) ORDER BY 1",
			"unit_layanan": "SELECT unit_code || '|' || agency_code || '|' || service_types || '|' || coalesce(CAST(users_per_month AS VARCHAR), '-') FROM read_parquet(%s) ORDER BY 1",
		} {
			rows, err := db.Query(fmt.Sprintf(q, quote(filepath.Join(dir.ReferenceDir(), name+".parquet"))))
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var s string
				if err := rows.Scan(&s); err != nil {
					t.Fatal(err)
				}
				out[name] = append(out[name], s)
			}
			rows.Close()
		}
		return out
	}
	before := tables()
	if len(before["kabupaten"]) != 12 || len(before["unit_layanan"]) != 36 {
		t.Fatalf("synthetic reference: %d districts, %d units; want 12 and 36", len(before["kabupaten"]), len(before["unit_layanan"]))
	}
	if _, err := ingest.Run(context.Background(), dir, ingest.DefaultConfig(), time.Now(), slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, tables()); diff != "" {
		t.Errorf("reference tables after ingest (-before +after):\n%s", diff)
	}
}
