package transform

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// attJPRows are 40,000 generated month rows (jpColumns) over 3,000 NIPs,
// JP in halves so sums are exact in any order, from two years before P's
// year to after P, in four upload periods (one, 2027-01, after every P
// tested: dropped), plus the edges by hand — a NULL nip_key, a month before
// W12's first YTD (dropped), the first day of W12 (start0) and of P's year
// (ytd11), Pelayanan Publik rows before and inside W12, and NIP 8 whose only
// row is outside [ytd0, end11] (no row in att_person, as with the SQL's WHERE).
const attJPRows = `SELECT CASE hash(i * 29) % 4 WHEN 0 THEN '2025-06' WHEN 1 THEN '2025-12' WHEN 2 THEN '2026-01' ELSE '2027-01' END AS period,
       CASE WHEN i % 997 = 0 THEN NULL ELSE CAST(199000000000000000 + (hash(i) % 3000) AS BIGINT) END AS nip_key,
       CAST(DATE '2024-01-01' + INTERVAL (hash(i * 7) % 36) MONTH AS DATE) AS month,
       (hash(i * 3) % 40) / 2.0 AS jp, (hash(i * 5) % 20) / 2.0 AS jp_klasikal, (hash(i * 11) % 10) / 2.0 AS jp_nonklasikal,
       (hash(i * 13) % 8) / 2.0 AS jp_luring, (hash(i * 17) % 6) / 2.0 AS jp_daring, (hash(i * 19) % 4) / 2.0 AS jp_campuran,
       CAST(hash(i * 23) % 5 = 0 AS INTEGER) AS pelayanan_publik
FROM range(40000) r(i)
UNION ALL
SELECT * FROM (VALUES
  ('2025-06', 7, DATE '2024-12-01', 4.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0),
  ('2025-06', 7, DATE '2025-01-01', 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1),
  ('2025-12', 7, DATE '2025-04-01', 2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0),
  ('2026-01', 7, DATE '2026-01-01', 3.0, 3.0, 0.0, 0.0, 0.0, 0.0, 0),
  ('2026-01', 7, DATE '2026-04-01', 9.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1),
  ('2025-12', 8, DATE '2023-01-01', 5.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0)) v`

// TestAttPersonMatchesSQL holds the Go stage att_person (createAttPerson,
// a merge of sorted JP files) equal to its definition, sql/att_person.sql
// run by DuckDB over view att_jp, on the same rows: attJPRows as one sorted
// JP file per upload period, plus real attendance uploads of the fixture
// (read from their rows, the merge's "rest" input), for P = 2026-03,
// 2026-12 and 2026-01; and once more with one file unsorted, where the
// stage falls back to the SQL.
//
// For P = 2026-03, W12 is 2025-04..2026-03: c0 (April 2025) sums
// January..April 2025, c8 (December 2025) January..December 2025,
// c9..c11 January 2026..end(P), splits from 1 January 2026. Hand case
// NIP 7 (rows 2024-12: 4 JP, 2025-01: 1 JP pp, 2025-04: 2 JP, 2026-01:
// 3 JP klasikal, 2026-04: 9 JP): 2024-12 and 2026-04 are outside
// [ytd0, end11]; c0 = 1 + 2 = 3, c8 = 3, c9 = c10 = c11 = 3,
// jp_klasikal = 3, and the flag 0 (its Pelayanan Publik row ends before
// start0 = 2025-04-01).
func TestAttPersonMatchesSQL(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.upload(domain.Kehadiran, "2026-01", "kota-ambon", [][]any{
		hadir("199001012020011001", "klasikal", "Teknis", "2026-01-05", "2026-01-09", 12, "Hadir", "Luring"),
		hadir("199001012020011001", "nonklasikal", "Pelayanan Publik", "2026-02-02", "2026-02-03", 4.5, "Hadir", "Daring"),
		hadir("199001012020011002", "klasikal", "Teknis", "2025-12-29", "2026-01-02", 8, "Hadir", "Campuran"),
		hadir("199001012020011003", "klasikal", "Teknis", "2026-01-05", "2026-01-09", 12, "Tidak Hadir", "Luring"),
	}, lake.Entry{})
	for _, tc := range []struct {
		period   string
		unsorted bool
	}{{"2026-03", false}, {"2026-12", false}, {"2026-01", false}, {"2026-03", true}} {
		d, err := Open(ctx, f.dir)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		if err := d.setParams(ctx, DefaultParams(domain.MustPeriod(tc.period))); err != nil {
			t.Fatal(err)
		}
		if len(d.jpRest) == 0 {
			t.Fatal("the fixture's upload is not among the merge's inputs")
		}
		// The generated rows as JP files, and in view kehadiran_jp beside
		// the upload's, so att_jp (the SQL's input) reads the same rows.
		var files []string
		for _, p := range []string{"2025-06", "2025-12", "2026-01", "2027-01"} {
			path := filepath.Join(t.TempDir(), p+".jp.parquet")
			order := "nip_key NULLS LAST, month"
			if tc.unsorted && p == "2025-12" {
				order = "nip_key DESC NULLS LAST, month" // keys falling, NULLs still last
			}
			if err := d.exec(ctx, "COPY (SELECT * FROM ("+attJPRows+") WHERE period = "+sqlString(p)+" ORDER BY "+order+") TO "+sqlString(path)+" (FORMAT parquet)"); err != nil {
				t.Fatal(err)
			}
			d.jpInputs = append(d.jpInputs, jpInput{path: path, period: p})
			files = append(files, sqlString(path))
		}
		if err := d.exec(ctx, "CREATE OR REPLACE VIEW kehadiran_jp AS "+d.viewSQL["kehadiran_jp"]+
			"\nUNION ALL SELECT * FROM read_parquet(["+strings.Join(files, ", ")+"])"); err != nil {
			t.Fatal(err)
		}
		q, err := sqlFiles.ReadFile("sql/att_jp.sql")
		if err != nil {
			t.Fatal(err)
		}
		if err := d.createView(ctx, "att_jp", string(q)); err != nil {
			t.Fatal(err)
		}
		if q, err = sqlFiles.ReadFile("sql/att_person.sql"); err != nil {
			t.Fatal(err)
		}
		if err := d.exec(ctx, "CREATE TABLE att_person_sql AS "+string(q)); err != nil {
			t.Fatal(err)
		}
		if tc.unsorted {
			if err := d.mergeAttPerson(ctx); err != errUnsorted {
				t.Errorf("P %s, one file unsorted: the merge returns %v, want errUnsorted", tc.period, err)
			}
		}
		if err := d.createAttPerson(ctx); err != nil {
			t.Fatal(err)
		}
		var n, only, other int64
		if err := d.conn.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM att_person),
  (SELECT count(*) FROM (SELECT * FROM att_person EXCEPT ALL SELECT * FROM att_person_sql)),
  (SELECT count(*) FROM (SELECT * FROM att_person_sql EXCEPT ALL SELECT * FROM att_person))`).Scan(&n, &only, &other); err != nil {
			t.Fatal(err)
		}
		if n < 2500 || only != 0 || other != 0 {
			t.Errorf("P %s (unsorted %v): att_person has %d rows, %d not in the SQL's, %d of the SQL's missing", tc.period, tc.unsorted, n, only, other)
		}
		var types string
		if err := d.conn.QueryRowContext(ctx, `SELECT coalesce(string_agg(a.column_name || ' ' || a.data_type, ', ' ORDER BY a.ordinal_position), '')
FROM information_schema.columns a JOIN information_schema.columns b
  ON b.table_name = 'att_person_sql' AND b.ordinal_position = a.ordinal_position
WHERE a.table_name = 'att_person' AND (a.column_name <> b.column_name OR a.data_type <> b.data_type)`).Scan(&types); err != nil || types != "" {
			t.Errorf("P %s: columns differ from the SQL's: %q %v", tc.period, types, err)
		}
		var nulls, eight int64
		if err := d.conn.QueryRowContext(ctx, "SELECT count(*) FILTER (WHERE nip_key IS NULL), count(*) FILTER (WHERE nip_key = 8) FROM att_person").Scan(&nulls, &eight); err != nil {
			t.Fatal(err)
		}
		if nulls != 1 || eight != 0 {
			t.Errorf("P %s: %d NULL groups (want 1), %d rows of NIP 8 (want 0)", tc.period, nulls, eight)
		}
		if tc.period == "2026-03" {
			var c0, c8, c11, kl float64
			var pp int32
			if err := d.conn.QueryRowContext(ctx, "SELECT c0, c8, c11, jp_klasikal, pelayanan_publik_w12 FROM att_person WHERE nip_key = 7").Scan(&c0, &c8, &c11, &kl, &pp); err != nil {
				t.Fatal(err)
			}
			if c0 != 3 || c8 != 3 || c11 != 3 || kl != 3 || pp != 0 {
				t.Errorf("NIP 7: c0 %v c8 %v c11 %v jp_klasikal %v flag %d; want 3 3 3 3 0", c0, c8, c11, kl, pp)
			}
			// The upload's NIP …001: 12 JP klasikal Luring ending 2026-01-09,
			// 4.5 JP Daring Pelayanan Publik ending 2026-02-03 (both after
			// ytd11 = 2026-01-01): c9 = 12, c10 = c11 = 16.5, the flag 1.
			var c9, c10, dar float64
			if err := d.conn.QueryRowContext(ctx, "SELECT c9, c10, c11, jp_daring, pelayanan_publik_w12 FROM att_person WHERE nip_key = 199001012020011001").Scan(&c9, &c10, &c11, &dar, &pp); err != nil {
				t.Fatal(err)
			}
			if c9 != 12 || c10 != 16.5 || c11 != 16.5 || dar != 4.5 || pp != 1 {
				t.Errorf("NIP …001: c9 %v c10 %v c11 %v jp_daring %v flag %d; want 12 16.5 16.5 4.5 1", c9, c10, c11, dar, pp)
			}
		}
		d.Close()
	}
}
