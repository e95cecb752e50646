package transform

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// describe returns "name TYPE" of every column of relation rel.
func describe(t *testing.T, d *DB, rel string) []string {
	t.Helper()
	rows, err := d.QueryContext(context.Background(), "SELECT column_name, column_type FROM (DESCRIBE "+rel+")")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n, typ string
		if err := rows.Scan(&n, &typ); err != nil {
			t.Fatal(err)
		}
		out = append(out, n+" "+typ)
	}
	return out
}

// TestViewsMatchLake: every kind's view — typed and empty, over uploads, and
// over a compacted file — and every reference table has the columns and
// types of internal/lake/schema.go, the partition keys after a kind's own.
func TestViewsMatchLake(t *testing.T) {
	want := map[string][]string{}
	for _, k := range domain.Kinds {
		var w []string
		for _, fl := range lake.KindSchema(k).Fields() {
			w = append(w, fl.Name+" "+lake.DuckDBType(fl.Type))
		}
		for _, p := range lake.PartitionKeys {
			w = append(w, p+" VARCHAR")
		}
		want[string(k)] = w
	}
	for _, name := range lake.ReferenceTables {
		var w []string
		for _, fl := range lake.ReferenceSchema(name).Fields() {
			w = append(w, fl.Name+" "+lake.DuckDBType(fl.Type))
		}
		want[name] = w
	}
	check := func(t *testing.T, f *fixture) {
		d, err := Open(context.Background(), f.dir)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		for rel, w := range want {
			if diff := cmp.Diff(w, describe(t, d, rel)); diff != "" {
				t.Errorf("%s columns (-lake schema +view):\n%s", rel, diff)
			}
		}
	}
	t.Run("empty", func(t *testing.T) { check(t, newFixture(t)) })
	t.Run("uploads", func(t *testing.T) {
		f := newFixture(t)
		f.reference(domain.MalukuDistricts(), []domain.Agency{{Code: "a", Name: "A", Expects: domain.Kinds}},
			[]domain.Unit{{Code: "u", Name: "U", Agency: "a", ServiceTypes: []string{"X"}, UsersPerMonth: 10}})
		f.upload(domain.Pegawai, "2026-09", "a", [][]any{peg("198609262015051001", "N", "PNS", "UK", "", "81.71", "Aktif")}, lake.Entry{})
		f.upload(domain.Kehadiran, "2026-09", "a", [][]any{hadir("198609262015051001", "klasikal", "Teknis", "2026-09-01", "2026-09-02", 8, "Hadir", "Luring")}, lake.Entry{})
		f.upload(domain.Kehadiran, "2026-09", "a", [][]any{hadir("198609262015051001", "klasikal", "Teknis", "2026-09-03", "2026-09-04", 8, "Hadir", "Luring")}, lake.Entry{})
		f.upload(domain.Evaluasi, "2026-09", "a", [][]any{eval("198609262015051001", "triwulan", "2026-07-01", "2026-09-30", "Baik")}, lake.Entry{})
		f.upload(domain.Survei, "2026-09", "a", [][]any{resp("2026-09-05", "u", "X", [9]int{4, 3, 3, 4, 3, 3, 4, 3, 4})}, lake.Entry{})
		check(t, f)
		if _, err := Compact(context.Background(), f.dir, nil); err != nil {
			t.Fatal(err)
		}
		t.Run("compacted", func(t *testing.T) { check(t, f) })
	})
}

// TestOpenRefusesUnknownColumn: a lake or reference file with a column the
// lake schema does not define (or without one it does) stops Open with the
// column named, instead of the column being dropped without a word.
func TestOpenRefusesUnknownColumn(t *testing.T) {
	extra := append(append([]column{}, kindColumns[domain.Survei]...), column{"u10", "TINYINT"})
	f := newFixture(t)
	e := lake.Entry{}
	f.upload(domain.Survei, "2026-09", "a", nil, e)
	path := f.dir.Abs(f.ledger.Current(domain.Survei)[0].LakeFile)
	f.copyRows(path, extra, nil)
	_, err := Open(context.Background(), f.dir)
	if err == nil || !strings.Contains(err.Error(), "u10") {
		t.Errorf("Open over a survei file with u10: err = %v; want one naming u10", err)
	}

	f = newFixture(t)
	cols := referenceColumns(lake.RefUnitLayanan)
	f.copyRows(filepath.Join(f.dir.ReferenceDir(), "unit_layanan.parquet"), cols[:len(cols)-1], nil)
	_, err = Open(context.Background(), f.dir)
	if err == nil || !strings.Contains(err.Error(), "users_per_month") {
		t.Errorf("Open over unit_layanan without users_per_month: err = %v; want one naming it", err)
	}
}
