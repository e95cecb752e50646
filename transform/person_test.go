package transform

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// attJPRows are 40,000 generated month rows (jpColumns) over 3,000 NIPs,
// JP in halves so sums are exact in any order, from two years before P's
// year to after P, in four upload periods (one, 2027-01, after every P
// tested: dropped), plus the edges by hand — a NULL nip_key, a month before
// W12's first YTD (dropped), the first day of W12 (start0) and of P's year
// (ytd11), Pelayanan Publik rows before and inside W12, and NIP 8 whose only
// row is outside [ytd0, end11] (no row in att_person, as with the SQL's
// WHERE), and NIP 9 with 5 JP less float noise in February 2026.
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
  ('2025-12', 8, DATE '2023-01-01', 5.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0),
  ('2026-01', 9, DATE '2026-02-01', 4.999999999999, 0.0, 0.0, 0.0, 0.0, 0.0, 0)) v`

// segRows are generated month spans (seg's columns person_span reads): each
// of 3,500 NIPs once (some with attendance in attJPRows, some without),
// 700 of them twice, NULL keys, a NULL unit_layanan now and then, districts
// d0 and d1 (remote) of the test's kabupaten and d2, d3 outside it, and by
// hand NIP 7 in its own group (agency 'ag-hand', d1, the whole W12), NIP 8
// (no att_person row), NIP 9, the upload's NIPs …001 and …002, and a span with
// NULL district and agency. segTable adds the roster columns person_progress
// reads, names differing between a NIP's two spans (both may include P).
const segRows = `SELECT CASE WHEN i % 499 = 0 THEN NULL ELSE CAST(199000000000000000 + (i % 3500) AS BIGINT) END AS nip_key,
       'ag' || (hash(i * 31) % 7) AS agency_code,
       CASE WHEN hash(i * 37) % 5 = 0 THEN NULL ELSE 'u' || (hash(i * 37) % 9) END AS unit_layanan,
       'd' || (hash(i * 41) % 4) AS district_code,
       CAST(hash(i * 43) % 12 AS INTEGER) AS from_idx,
       CAST(hash(i * 43) % 12 + hash(i * 47) % (12 - hash(i * 43) % 12) AS INTEGER) AS to_idx
FROM range(4200) r(i)
UNION ALL
SELECT * FROM (VALUES
  (7, 'ag-hand', 'u1', 'd1', 0, 11),
  (8, 'ag1', NULL, 'd0', 11, 11),
  (9, 'ag1', 'u1', 'd0', 11, 11),
  (199001012020011001, 'ag2', 'u2', 'd0', 3, 11),
  (199001012020011002, 'ag2', 'u2', 'd2', 0, 5),
  (199000000000000042, NULL, NULL, NULL, 2, 11)) v(nip_key, agency_code, unit_layanan, district_code, from_idx, to_idx)`

// segTable is table seg's definition over segRows, with the other columns
// of sql/seg.sql.
const segTable = `SELECT *, CAST(nip_key AS VARCHAR) AS nip,
       CASE WHEN hash(from_idx, to_idx, agency_code) % 13 = 0 THEN NULL
            ELSE 'nama ' || (hash(from_idx, to_idx, agency_code, district_code) % 1000) END AS nama,
       'unit ' || (hash(to_idx, district_code, unit_layanan) % 50) AS unit_kerja,
       'PNS' AS jenis_asn, '2026-01' AS roster_period, 'up' AS upload_id, CAST(from_idx AS BIGINT) AS source_row
FROM (` + segRows + `)`

// TestPersonMatchesSQL holds the Go pass of stages att_person, person_span,
// person_jp and coverage_spans (createPersonJP: a merge of sorted JP files
// joined with seg sorted) equal to their definitions, the .sql files run by
// DuckDB one after the other over view att_jp and table seg, on the same
// rows: attJPRows as one sorted JP file per upload period, plus real
// attendance uploads of the fixture (read from their rows, the merge's
// "rest" input), and segRows; for P = 2026-03, 2026-12 and 2026-01, in a
// query session (every stage kept) and in a run (att_person and
// person_span never made); and once more with one file unsorted, where the
// stages fall back to the SQL.
//
// For P = 2026-03, W12 is 2025-04..2026-03: c0 (April 2025) sums
// January..April 2025, c8 (December 2025) January..December 2025,
// c9..c11 January 2026..end(P), splits from 1 January 2026. Hand case
// NIP 7 (rows 2024-12: 4 JP, 2025-01: 1 JP pp, 2025-04: 2 JP, 2026-01:
// 3 JP klasikal, 2026-04: 9 JP): 2024-12 and 2026-04 are outside
// [ytd0, end11]; c0 = 1 + 2 = 3, c1..c8 = 3 (nothing more in 2025),
// c9 = c10 = c11 = 3 (2026: 3 JP), jp_klasikal = 3, and the flag 0 (its
// Pelayanan Publik row ends before start0 = 2025-04-01). Its person_jp
// row: jp_ytd 3, on track no (3 < 20 × 3 / 12 = 5), target no, remote
// (d1); its group alone in coverage_spans: n 1, trained in every month,
// jp0 = jp11 = 3, on track in no month (the lowest threshold, April's,
// is 20 × 4 / 12 ≈ 6.7). NIP 9's 4.999999999999 JP are on track for
// P = 2026-03 (5 JP) only by jp_tolerance.
func TestPersonMatchesSQL(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.upload(domain.Kehadiran, "2026-01", "kota-ambon", [][]any{
		hadir("199001012020011001", "klasikal", "Teknis", "2026-01-05", "2026-01-09", 12, "Hadir", "Luring"),
		hadir("199001012020011001", "nonklasikal", "Pelayanan Publik", "2026-02-02", "2026-02-03", 4.5, "Hadir", "Daring"),
		hadir("199001012020011002", "klasikal", "Teknis", "2025-12-29", "2026-01-02", 8, "Hadir", "Campuran"),
		hadir("199001012020011003", "klasikal", "Teknis", "2026-01-05", "2026-01-09", 12, "Tidak Hadir", "Luring"),
	}, lake.Entry{})
	for _, tc := range []struct {
		period         string
		unsorted, keep bool
		batch          int  // rows per batch of the streams; 0: streamBatch
		once           bool // seg gives each key one span including P (as the roster rule does)
	}{{"2026-03", false, true, 0, false}, {"2026-03", false, false, 0, false}, {"2026-12", false, true, 0, false},
		{"2026-01", false, false, 0, true}, {"2026-03", true, true, 0, false}, {"2026-03", true, false, 0, true},
		{"2026-03", false, false, 7, true}} {
		name := fmt.Sprintf("P %s (unsorted %v, keep %v, batch %d, once %v)", tc.period, tc.unsorted, tc.keep, tc.batch, tc.once)
		if tc.batch > 0 { // a NIP's spans in two batches, strings taken from many
			defer func(n int) { streamBatch = n }(streamBatch)
			streamBatch = tc.batch
		}
		d, err := Open(ctx, f.dir)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		if err := d.setParams(ctx, DefaultParams(domain.MustPeriod(tc.period))); err != nil {
			t.Fatal(err)
		}
		d.keepStages = tc.keep
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
		if err := d.exec(ctx, "CREATE OR REPLACE TABLE seg AS "+segTable); err != nil {
			t.Fatal(err)
		}
		if tc.once { // the second span including P of a key goes
			if err := d.exec(ctx, `DELETE FROM seg WHERE rowid IN (SELECT rowid FROM (
  SELECT rowid, row_number() OVER (PARTITION BY nip_key ORDER BY from_idx, to_idx, agency_code, nama) AS rn
  FROM seg WHERE from_idx <= 11 AND to_idx >= 11 AND nip_key IS NOT NULL) WHERE rn > 1)`); err != nil {
				t.Fatal(err)
			}
		}
		if err := d.exec(ctx, `
DELETE FROM kabupaten; INSERT INTO kabupaten VALUES ('d0', 'D0', false), ('d1', 'D1', true)`); err != nil {
			t.Fatal(err)
		}
		sqlStages := append(slices.Clip(personStages), "roster", "person_progress")
		for _, stage := range sqlStages { // the definitions, as <stage>_sql
			if q, err = sqlFiles.ReadFile("sql/" + stage + ".sql"); err != nil {
				t.Fatal(err)
			}
			for _, s := range sqlStages { // read the _sql tables
				q = []byte(strings.ReplaceAll(string(q), "FROM "+s+" ", "FROM "+s+"_sql "))
				q = []byte(strings.ReplaceAll(string(q), "FROM "+s+"\n", "FROM "+s+"_sql\n"))
				q = []byte(strings.ReplaceAll(string(q), "JOIN "+s+" ", "JOIN "+s+"_sql "))
			}
			if err := d.exec(ctx, "CREATE TABLE "+stage+"_sql AS "+string(q)); err != nil {
				t.Fatal(stage, err)
			}
		}
		if tc.unsorted {
			if err := d.personPass(ctx); !errors.Is(err, errUnsorted) {
				t.Errorf("%s: the pass returns %v, want errUnsorted", name, err)
			}
		}
		if err := d.createPersonJP(ctx); err != nil {
			t.Fatal(err)
		}
		// A run's pass also writes person_progress (the SQL's join of
		// person_jp and roster, every pair of a NIP's spans including P).
		// A run's pass also keeps person_progress's figures, unless a key
		// has two spans including P (the SQL then pairs them both ways).
		if want := !tc.keep && !tc.unsorted && tc.once; (d.progress != nil) != want {
			t.Errorf("%s: person_progress figures kept by the pass: %v, want %v", name, d.progress != nil, want)
		}
		if d.progress != nil {
			checkProgress(t, ctx, d, name)
		}
		// A run's pass makes no person_jp (its SQL does, when the pass
		// leaves the stages to it).
		sqlMade := tc.unsorted || !tc.keep && !tc.once
		check := []string{"coverage_spans", "person_groups"}
		if tc.keep {
			check = personStages
		} else if sqlMade {
			check = append(check, "person_jp")
		}
		var personJP int64
		if err := d.conn.QueryRowContext(ctx, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'person_jp'").Scan(&personJP); err != nil {
			t.Fatal(err)
		}
		if want := tc.keep || sqlMade; (personJP == 1) != want {
			t.Errorf("%s: person_jp made: %v, want %v", name, personJP == 1, want)
		}
		for _, stage := range check {
			var n, only, other int64
			if err := d.conn.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM `+stage+`),
  (SELECT count(*) FROM (SELECT * FROM `+stage+` EXCEPT ALL SELECT * FROM `+stage+`_sql)),
  (SELECT count(*) FROM (SELECT * FROM `+stage+`_sql EXCEPT ALL SELECT * FROM `+stage+`))`).Scan(&n, &only, &other); err != nil {
				t.Fatal(err)
			}
			if n < 20 || only != 0 || other != 0 {
				t.Errorf("%s: %s has %d rows, %d not in the SQL's, %d of the SQL's missing", name, stage, n, only, other)
			}
			var types string
			if err := d.conn.QueryRowContext(ctx, `SELECT coalesce(string_agg(a.column_name || ' ' || a.data_type || ' ' || coalesce(b.data_type, '-'), ', ' ORDER BY a.ordinal_position), '')
FROM information_schema.columns a LEFT JOIN information_schema.columns b
  ON b.table_name = ? AND b.ordinal_position = a.ordinal_position
WHERE a.table_name = ? AND (b.column_name IS NULL OR a.column_name <> b.column_name
  OR a.data_type <> b.data_type AND NOT (a.data_type = 'BIGINT' AND b.data_type = 'HUGEINT'))`, stage+"_sql", stage).Scan(&types); err != nil || types != "" {
				t.Errorf("%s: %s's columns differ from the SQL's: %q %v", name, stage, types, err)
			}
		}
		for _, stage := range []string{"att_person", "person_span"} {
			var n int64
			if err := d.conn.QueryRowContext(ctx, "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", stage).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if want := map[bool]int64{true: 1}[tc.keep]; n != want {
				t.Errorf("%s: %d tables %s, want %d", name, n, stage, want)
			}
		}
		if tc.keep {
			var nulls, eight int64
			if err := d.conn.QueryRowContext(ctx, "SELECT count(*) FILTER (WHERE nip_key IS NULL), count(*) FILTER (WHERE nip_key = 8) FROM att_person").Scan(&nulls, &eight); err != nil {
				t.Fatal(err)
			}
			if nulls != 1 || eight != 0 {
				t.Errorf("%s: %d NULL groups (want 1), %d rows of NIP 8 (want 0)", name, nulls, eight)
			}
		}
		if tc.period == "2026-03" {
			// NIP 7 alone in agency ag-hand (remote district d1): 3 JP
			// klasikal, not on track (3 < 20 × 3 / 12 = 5), no flag.
			var n, trained, target, onTrack, pp int64
			var jp, kl float64
			var remote bool
			if err := d.conn.QueryRowContext(ctx, "SELECT n, trained, target_met, on_track, pelayanan_publik_w12, jp_ytd, jp_klasikal, remote FROM person_groups WHERE agency_code = 'ag-hand'").Scan(&n, &trained, &target, &onTrack, &pp, &jp, &kl, &remote); err != nil {
				t.Fatal(err)
			}
			if n != 1 || trained != 1 || target != 0 || onTrack != 0 || pp != 0 || jp != 3 || kl != 3 || !remote {
				t.Errorf("%s: NIP 7's person_groups row: n %d trained %d target_met %d on_track %d flag %d jp_ytd %v jp_klasikal %v remote %v; want 1 1 0 0 0 3 3 true",
					name, n, trained, target, onTrack, pp, jp, kl, remote)
			}
		}
		if tc.period == "2026-03" && personJP == 1 {
			var jp, kl float64
			var onTrack, target, pp, remote bool
			if err := d.conn.QueryRowContext(ctx, "SELECT jp_ytd, jp_klasikal, on_track, target_met, pelayanan_publik_w12, remote FROM person_jp WHERE nip_key = 7").Scan(&jp, &kl, &onTrack, &target, &pp, &remote); err != nil {
				t.Fatal(err)
			}
			if jp != 3 || kl != 3 || onTrack || target || pp || !remote {
				t.Errorf("%s: NIP 7: jp_ytd %v jp_klasikal %v on_track %v target_met %v flag %v remote %v; want 3 3 false false false true", name, jp, kl, onTrack, target, pp, remote)
			}
			var n, tr0, tr11, ot int64
			var jp0, jp8, jp11 float64
			if err := d.conn.QueryRowContext(ctx, "SELECT n, tr0, tr11, ot0 + ot5 + ot11, jp0, jp8, jp11 FROM coverage_spans WHERE agency_code = 'ag-hand'").Scan(&n, &tr0, &tr11, &ot, &jp0, &jp8, &jp11); err != nil {
				t.Fatal(err)
			}
			if n != 1 || tr0 != 1 || tr11 != 1 || ot != 0 || jp0 != 3 || jp8 != 3 || jp11 != 3 {
				t.Errorf("%s: NIP 7's group: n %d tr0 %d tr11 %d on track %d jp0 %v jp8 %v jp11 %v; want 1 1 1 0 3 3 3", name, n, tr0, tr11, ot, jp0, jp8, jp11)
			}
			if err := d.conn.QueryRowContext(ctx, "SELECT on_track FROM person_jp WHERE nip_key = 9").Scan(&onTrack); err != nil || !onTrack {
				t.Errorf("%s: NIP 9 on track %v (%v), want true", name, onTrack, err)
			}
			// The upload's NIP …001: 12 JP klasikal Luring ending 2026-01-09,
			// 4.5 JP Daring Pelayanan Publik ending 2026-02-03 (both after
			// ytd11 = 2026-01-01): jp_ytd = 16.5, on track (16.5 >= 5), the
			// flag set.
			if err := d.conn.QueryRowContext(ctx, "SELECT jp_ytd, jp_daring, on_track, target_met, pelayanan_publik_w12, remote FROM person_jp WHERE nip_key = 199001012020011001").Scan(&jp, &kl, &onTrack, &target, &pp, &remote); err != nil {
				t.Fatal(err)
			}
			if jp != 16.5 || kl != 4.5 || !onTrack || target || !pp || remote {
				t.Errorf("%s: NIP …001: jp_ytd %v jp_daring %v on_track %v target_met %v flag %v remote %v; want 16.5 4.5 true false true false", name, jp, kl, onTrack, target, pp, remote)
			}
		}
		d.Close()
	}
}

// checkProgress holds person_progress from the pass's figures (the join of
// progressFigures with the roster side) equal to table person_progress_sql,
// in any order.
func checkProgress(t *testing.T, ctx context.Context, d *DB, name string) {
	t.Helper()
	roster, err := queryRecord(ctx, d.conn, strings.ReplaceAll(progressRosterSQL, "FROM roster ", "FROM roster_sql "))
	if err != nil {
		t.Fatal(err)
	}
	got, err := d.progress.join(roster)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Release()
	want, err := queryRecord(ctx, d.conn, "SELECT * FROM person_progress_sql")
	if err != nil {
		t.Fatal(err)
	}
	defer want.Release()
	sorted := func(rec arrow.RecordBatch) ([]string, []string) {
		cols, rows := rowsOf(rec)
		out := make([]string, len(rows))
		for i, r := range rows {
			out[i] = fmt.Sprintf("%#v", r)
		}
		slices.Sort(out)
		return cols, out
	}
	gc, gr := sorted(got)
	wc, wr := sorted(want)
	if diff := cmp.Diff(wc, gc); diff != "" {
		t.Errorf("%s: person_progress columns (-sql +pass):\n%s", name, diff)
	}
	if diff := cmp.Diff(wr, gr); diff != "" {
		t.Errorf("%s: person_progress rows (-sql +pass):\n%s", name, diff)
	}
	if len(gr) < 1000 {
		t.Errorf("%s: person_progress has %d rows; the fixture should give more than 1,000", name, len(gr))
	}
}

// TestProgressJoin gives roster rows the figures of their keys: keys far
// apart (the lookup's buckets then hold 2^shift values each), a row whose
// key has no figures (left out, as by the join: the strings are then
// gathered), a NULL name kept. By hand, with on track at 5 JP and the
// target at 20: key 5 has 6 JP (on track), 3 has 0, 199001012020011001 has
// 20 (both); keys 7 and 2 have none.
func TestProgressJoin(t *testing.T) {
	f := &progressFigures{t: &thresholds{tol: jpTolerance, target: 20, onTrackP: 5}}
	for _, k := range []struct {
		key int64
		jp  float64
	}{{3, 0}, {5, 6}, {9, 1}, {199001012020011001, 20}} {
		f.add(k.key, k.jp)
	}
	if f.twice {
		t.Fatal("ascending keys taken as twice")
	}
	str := func(vs ...string) arrow.Array {
		b := array.NewStringBuilder(memory.DefaultAllocator)
		defer b.Release()
		for _, v := range vs {
			if v == "-" {
				b.AppendNull()
			} else {
				b.Append(v)
			}
		}
		return b.NewArray()
	}
	kb := array.NewInt64Builder(memory.DefaultAllocator)
	defer kb.Release()
	kb.AppendValues([]int64{5, 7, 3, 199001012020011001, 2}, nil)
	cols := []arrow.Array{str("a5", "a7", "a3", "aX", "a2"), str("n5", "n7", "n3", "nX", "n2"), str("N5", "N7", "-", "NX", "N2"),
		str("u5", "u7", "u3", "uX", "u2"), str("d5", "d7", "d3", "dX", "d2"), kb.NewArray()}
	var fields []arrow.Field
	for _, n := range []string{"agency_code", "nip", "nama", "unit_kerja", "district_code"} {
		fields = append(fields, arrow.Field{Name: n, Type: arrow.BinaryTypes.String, Nullable: true})
	}
	fields = append(fields, arrow.Field{Name: "nip_key", Type: arrow.PrimitiveTypes.Int64, Nullable: true})
	roster := array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, 5)
	for _, c := range cols {
		c.Release()
	}
	got, err := f.join(roster)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Release()
	names, rows := rowsOf(got)
	want := [][]any{
		{"a5", "n5", "N5", "u5", "d5", 6.0, true, false},
		{"a3", "n3", nil, "u3", "d3", 0.0, false, false},
		{"aX", "nX", "NX", "uX", "dX", 20.0, true, true},
	}
	if diff := cmp.Diff([]string{"agency_code", "nip", "nama", "unit_kerja", "district_code", "jp_ytd", "on_track", "target_met"}, names); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	f.add(9, 1)
	if !f.twice {
		t.Error("a key after a larger one not taken as twice")
	}
}
