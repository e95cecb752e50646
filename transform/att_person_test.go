package transform

import (
	"context"
	"testing"

	"github.com/pantau-asn/pantau/internal/domain"
)

// TestAttPersonMatchesSQL holds the Go stage att_person (createAttPerson)
// equal to its definition, sql/att_person.sql run by DuckDB, on the same
// att_jp rows: 40,000 generated month rows over 3,000 NIPs (JP in halves,
// so sums are exact in any order) from two years before P's year to after
// P, plus the edges by hand — a NULL nip_key, a month before W12's first
// YTD (dropped), the first day of W12 (start0) and of P's year (ytd11),
// Pelayanan Publik rows before and inside W12. For P = 2026-03, W12 is
// 2025-04..2026-03: c0 (April 2025) sums January..April 2025, c8 (December
// 2025) January..December 2025, c9..c11 January 2026..end(P), splits from
// 1 January 2026. Hand case NIP 7 (rows 2024-12: 4 JP, 2025-01: 1 JP pp,
// 2025-04: 2 JP, 2026-01: 3 JP klasikal, 2026-04: 9 JP): 2024-12 and 2026-04
// are outside [ytd0, end11]; c0 = 1 + 2 = 3, c8 = 3, c9 = c10 = c11 = 3,
// jp_klasikal = 3, and the flag 0 (its Pelayanan Publik row ends before
// start0 = 2025-04-01).
func TestAttPersonMatchesSQL(t *testing.T) {
	ctx := context.Background()
	for _, period := range []string{"2026-03", "2026-12", "2026-01"} {
		d, err := Open(ctx, newFixture(t).dir)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		if err := d.setParams(ctx, DefaultParams(domain.MustPeriod(period))); err != nil {
			t.Fatal(err)
		}
		if err := d.exec(ctx, `CREATE OR REPLACE VIEW att_jp AS
SELECT CASE WHEN i % 997 = 0 THEN NULL ELSE CAST(199000000000000000 + (hash(i) % 3000) AS BIGINT) END AS nip_key,
       CAST(DATE '2024-01-01' + INTERVAL (hash(i * 7) % 36) MONTH AS DATE) AS month,
       (hash(i * 3) % 40) / 2.0 AS jp, (hash(i * 5) % 20) / 2.0 AS jp_klasikal, (hash(i * 11) % 10) / 2.0 AS jp_nonklasikal,
       (hash(i * 13) % 8) / 2.0 AS jp_luring, (hash(i * 17) % 6) / 2.0 AS jp_daring, (hash(i * 19) % 4) / 2.0 AS jp_campuran,
       CAST(hash(i * 23) % 5 = 0 AS INTEGER) AS pelayanan_publik
FROM range(40000) r(i)
UNION ALL
SELECT * FROM (VALUES
  (7, DATE '2024-12-01', 4.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0),
  (7, DATE '2025-01-01', 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1),
  (7, DATE '2025-04-01', 2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0),
  (7, DATE '2026-01-01', 3.0, 3.0, 0.0, 0.0, 0.0, 0.0, 0),
  (7, DATE '2026-04-01', 9.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1)) v`); err != nil {
			t.Fatal(err)
		}
		q, err := sqlFiles.ReadFile("sql/att_person.sql")
		if err != nil {
			t.Fatal(err)
		}
		if err := d.exec(ctx, "CREATE TABLE att_person_sql AS "+string(q)); err != nil {
			t.Fatal(err)
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
			t.Errorf("P %s: att_person has %d rows, %d not in the SQL's, %d of the SQL's missing", period, n, only, other)
		}
		var types string
		if err := d.conn.QueryRowContext(ctx, `SELECT string_agg(a.column_name || ' ' || a.data_type, ', ' ORDER BY a.ordinal_position)
FROM information_schema.columns a JOIN information_schema.columns b
  ON b.table_name = 'att_person_sql' AND b.ordinal_position = a.ordinal_position
WHERE a.table_name = 'att_person' AND (a.column_name <> b.column_name OR a.data_type <> b.data_type)`).Scan(&types); err == nil && types != "" {
			t.Errorf("P %s: columns differ from the SQL's: %s", period, types)
		}
		if period == "2026-03" {
			var c0, c8, c11, kl float64
			var pp int32
			if err := d.conn.QueryRowContext(ctx, "SELECT c0, c8, c11, jp_klasikal, pelayanan_publik_w12 FROM att_person WHERE nip_key = 7").Scan(&c0, &c8, &c11, &kl, &pp); err != nil {
				t.Fatal(err)
			}
			if c0 != 3 || c8 != 3 || c11 != 3 || kl != 3 || pp != 0 {
				t.Errorf("NIP 7: c0 %v c8 %v c11 %v jp_klasikal %v flag %d; want 3 3 3 3 0", c0, c8, c11, kl, pp)
			}
		}
	}
}
