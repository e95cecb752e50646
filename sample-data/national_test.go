package sampledata

import (
	"context"
	"database/sql"
	"testing"

	"github.com/google/go-cmp/cmp"

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
		// Every file has the lake columns of internal/lake/doc.go and no partition columns.
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
	var cols []string
	rows, err := db.Query("SELECT name FROM parquet_schema(" + quote(dir.Abs(l.Current(domain.Survei)[0].LakeFile)) + ") WHERE name <> 'duckdb_schema' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		rows.Scan(&c)
		cols = append(cols, c)
	}
	want := []string{"jenis_kelamin", "jenis_layanan", "pekerjaan", "pendidikan", "saran", "source_row", "tanggal",
		"u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "unit_code", "upload_id", "usia"}
	if diff := cmp.Diff(want, cols); diff != "" {
		t.Errorf("survei columns (-want +got):\n%s", diff)
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
