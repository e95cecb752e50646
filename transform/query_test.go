package transform

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// queryFixture is the lake of TestLaterRosterDecidesBeforeStatus plus one
// attendance upload: X moves from kota-ambon (January roster, Aktif) to
// pemprov (February roster, Cuti), Y stays in kota-ambon.
func queryFixture(t *testing.T) *fixture {
	const nipX, nipY = "198001012005011001", "198202022006022002"
	f := newFixture(t)
	f.reference([]domain.District{{Code: "81.71", Name: "Kota Ambon"}},
		[]domain.Agency{
			{Code: "kota-ambon", Name: "Pemkot Ambon", District: "81.71", Expects: []domain.Kind{domain.Pegawai}},
			{Code: "pemprov-maluku", Name: "Pemprov Maluku", District: "81.71", Expects: []domain.Kind{domain.Pegawai}},
		}, nil)
	none := lake.Entry{}
	f.upload(domain.Pegawai, "2026-01", "kota-ambon", [][]any{
		peg(nipX, "X", "PNS", "Bappeda", "", "81.71", "Aktif"),
		peg(nipY, "Y", "PNS", "Bappeda", "", "81.71", "Aktif")}, none)
	f.upload(domain.Pegawai, "2026-02", "pemprov-maluku", [][]any{
		peg(nipX, "X", "PNS", "Biro Organisasi", "", "81.71", "Cuti")}, none)
	f.upload(domain.Kehadiran, "2026-02", "kota-ambon", [][]any{
		hadir(nipY, "klasikal", "Teknis", "2026-02-02", "2026-02-03", 8, "Hadir", "Luring"),
		hadir(nipX, "klasikal", "Teknis", "2026-02-02", "2026-02-03", 8, "Hadir", "Luring")}, none)
	return f
}

func queryStrings(t *testing.T, d *DB, q string) []string {
	t.Helper()
	if err := d.Seal(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	rows, err := d.Query(context.Background(), q)
	if err != nil {
		t.Fatalf("Query(%q): %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestQueryPegawaiAsCounted: with a period, pegawai holds exactly the
// persons of headcount (stage roster's rule: X counts in pemprov's later
// roster, where X is on leave, so nowhere), with the upload's columns;
// pegawai_riwayat holds all three roster rows. Without a period pegawai
// gives ErrNeedsPeriod, as a metric table does.
func TestQueryPegawaiAsCounted(t *testing.T) {
	f := queryFixture(t)
	ctx := context.Background()
	p := DefaultParams(domain.MustPeriod("2026-03"))
	d, err := OpenQuery(ctx, f.dir, &p)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	got := queryStrings(t, d, "SELECT nama || ' ' || agency || ' ' || period || ' ' || status FROM pegawai ORDER BY 1")
	if want := []string{"Y kota-ambon 2026-01 Aktif"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("pegawai = %q; want %q", got, want)
	}
	got = queryStrings(t, d, "SELECT CAST(count(*) AS VARCHAR) FROM pegawai_riwayat")
	if len(got) != 1 || got[0] != "3" {
		t.Errorf("pegawai_riwayat rows = %q; want 3", got)
	}

	for q, want := range map[string]string{
		"SELECT * FROM pegawai":                "pegawai is the roster of one month (one row per person counted then): add --period YYYY-MM; every roster snapshot, of every month, is pegawai_riwayat",
		"SELECT * FROM attention":              "attention is a metric table of one month: add --period YYYY-MM",
		"SELECT * FROM Coverage_Agency":        "coverage_agency is a metric table of one month: add --period YYYY-MM",
		"SELECT * FROM seg":                    "seg is a stage of one month's metrics: add --period YYYY-MM",
		"SELECT period_end FROM params":        "params holds the settings of one month's metrics: add --period YYYY-MM",
		"SELECT count(*) FROM pegawai_riwayat": "",
	} {
		d2, err := OpenQuery(ctx, f.dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := d2.Seal(ctx, q); err != nil {
			t.Fatal(err)
		}
		rows, err := d2.Query(ctx, q)
		if err == nil {
			rows.Close()
		}
		d2.Close()
		if want == "" {
			if err != nil {
				t.Errorf("Query(%q) without a period: %v", q, err)
			}
			continue
		}
		if !errors.Is(err, ErrNeedsPeriod) || err.Error() != want {
			t.Errorf("Query(%q) without a period = %v; want ErrNeedsPeriod %q", q, err, want)
		}
	}
}

// TestQuerySealed: once sealed, the views over the lake's Parquet still
// answer (they were copied into tables) and DuckDB itself refuses every
// way out — even statements sent straight to the connection, past Query's
// own checks. Nothing is written.
func TestQuerySealed(t *testing.T) {
	f := queryFixture(t)
	ctx := context.Background()
	p := DefaultParams(domain.MustPeriod("2026-03"))
	d, err := OpenQuery(ctx, f.dir, &p)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	const q = "SELECT CAST(sum(k.jp) AS VARCHAR) FROM kehadiran k JOIN pegawai p ON p.nip = k.nip"
	if got := queryStrings(t, d, q); len(got) != 1 || got[0] != "8.0" {
		t.Errorf("%s = %q; want 8.0 (Y only)", q, got)
	}
	out := t.TempDir()
	secret := filepath.Join(out, "secret.csv")
	if err := os.WriteFile(secret, []byte("a,b\n1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	lakeFile := d.dir.Abs(d.current[0].LakeFile)
	for _, s := range []string{
		"COPY (SELECT 1) TO '" + filepath.Join(out, "x.csv") + "'",
		"COPY (SELECT 1) TO '" + lakeFile + "' (FORMAT parquet, USE_TMP_FILE false)",
		"SELECT * FROM read_csv('" + secret + "')",
		"SELECT * FROM read_text('" + secret + "')",
		"SELECT * FROM read_parquet('" + lakeFile + "')",
		"SELECT * FROM glob('" + out + "/*')",
		"ATTACH '" + filepath.Join(out, "x.db") + "'",
		"EXPORT DATABASE '" + filepath.Join(out, "export") + "'",
		"INSTALL httpfs",
		"SET enable_external_access = true",
		"SET lock_configuration = false",
	} {
		if _, err := d.conn.ExecContext(ctx, s); err == nil {
			t.Errorf("DuckDB ran %q in a sealed session", s)
		}
		if _, err := d.Query(ctx, s); !errors.Is(err, ErrRefused) {
			t.Errorf("Query(%q) = %v; want ErrRefused", s, err)
		}
	}
	files, _ := os.ReadDir(out)
	if len(files) != 1 {
		t.Errorf("%s holds %d files after the refused statements; want only secret.csv", out, len(files))
	}
	if fi, err := os.Stat(lakeFile); err != nil || fi.Size() < 100 {
		t.Errorf("lake file %s after the refused COPY: %v, %v", lakeFile, fi, err)
	}
}

// TestQueryTablesHold: every view and table of a query session says what
// it holds, with and without a period.
func TestQueryTablesHold(t *testing.T) {
	f := queryFixture(t)
	ctx := context.Background()
	p := DefaultParams(domain.MustPeriod("2026-03"))
	for _, pp := range []*Params{nil, &p} {
		d, err := OpenQuery(ctx, f.dir, pp)
		if err != nil {
			t.Fatal(err)
		}
		ts, err := d.Tables(ctx)
		d.Close()
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]bool{}
		for _, tb := range ts {
			names[tb.Name] = true
			if tb.Holds == "" || len(tb.Columns) == 0 {
				t.Errorf("period %v: table %s holds %q, %d columns", pp != nil, tb.Name, tb.Holds, len(tb.Columns))
			}
		}
		want := []string{"pegawai_riwayat", "kehadiran", "evaluasi", "survei", "kabupaten", "instansi", "unit_layanan", "uploads"}
		if pp != nil {
			want = append(want, append([]string{"pegawai", "params"}, TableNames()...)...)
		}
		for _, n := range want {
			if !names[n] {
				t.Errorf("period %v: Tables lacks %s", pp != nil, n)
			}
		}
		if pp == nil && (names["pegawai"] || names["attention"]) {
			t.Errorf("without a period Tables lists pegawai or a metric table")
		}
	}
}
