package sampledata

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	_ "github.com/duckdb/duckdb-go/v2" // DuckDB generates the national lake

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// NationalYear is the year of the national lake: rosters of January,
// attendance, surveys and evaluations through December (report 2025-12).
const NationalYear = 2025

// nationalProvinces are Indonesia's 38 provinces (Kemendagri codes) with
// their number of kabupaten/kota; 514 districts in all.
var nationalProvinces = []struct {
	code string
	n    int
}{
	{"11", 23}, {"12", 33}, {"13", 19}, {"14", 12}, {"15", 11}, {"16", 17}, {"17", 10}, {"18", 15},
	{"19", 7}, {"21", 7}, {"31", 6}, {"32", 27}, {"33", 35}, {"34", 5}, {"35", 38}, {"36", 8},
	{"51", 9}, {"52", 10}, {"53", 22}, {"61", 14}, {"62", 14}, {"63", 13}, {"64", 10}, {"65", 5},
	{"71", 15}, {"72", 13}, {"73", 24}, {"74", 17}, {"75", 6}, {"76", 6}, {"81", 11}, {"82", 10},
	{"91", 9}, {"92", 7}, {"93", 4}, {"94", 8}, {"95", 8}, {"96", 6},
}

// WriteNationalLake generates a national-scale lake straight into dir —
// Parquet files in the lake layout with the exact columns of
// internal/lake/schema.go, reference tables and ledger entries — without Excel
// or ingest, for benchmarking the metrics. asn persons (≈5.5 million for
// the real scale) are spread over 514 districts (one agency "pemda-PP-DD"
// and three service units each); each has a January roster row, ≈4.4
// attendance rows over the year (≈25 million at full scale; fewer in remote
// districts), an annual evaluation for the year before plus quarterly ones
// for a tenth; ≈0.9 survey responses per ASN go to the units. Values are
// hash-based pseudo-random from seed, so the same (seed, asn) gives the
// same lake. The generation runs in DuckDB (range(), hash(), COPY …
// PARTITION_BY), far faster than Go loops.
func WriteNationalLake(ctx context.Context, dir lake.Dir, seed int64, asn int) error {
	return WriteSyntheticLake(ctx, dir, seed, asn, 0)
}

// WriteSyntheticLake is WriteNationalLake limited to the first maxDistricts
// districts (0: all 514): a province-sized lake for quick benchmarks and tests.
func WriteSyntheticLake(ctx context.Context, dir lake.Dir, seed int64, asn, maxDistricts int) (err error) {
	if asn <= 0 {
		return fmt.Errorf("national lake: asn %d must be positive", asn)
	}
	if err := dir.Init(); err != nil {
		return err
	}
	stage := filepath.Join(dir.Root(), ".national-staging")
	if err := os.RemoveAll(stage); err != nil {
		return err
	}
	if err := os.MkdirAll(stage, 0o755); err != nil {
		return err
	}
	defer os.RemoveAll(stage)
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return fmt.Errorf("national lake: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	exec := func(q string) error {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("national lake: %s: %w", strings.SplitN(strings.TrimSpace(q), "\n", 2)[0], err)
		}
		return nil
	}
	for _, q := range []string{"SET memory_limit = '6GB'", "SET threads = 2",
		"SET temp_directory = " + quote(filepath.Join(stage, "spill")), "SET preserve_insertion_order = false",
		// one file per partition: DuckDB otherwise closes writers beyond 100
		// open partitions and starts a second file when they come back.
		"SET partitioned_write_max_open_files = 10000"} {
		if err := exec(q); err != nil {
			return err
		}
	}
	// Districts, agencies and units.
	var vals []string
	remoteEvery := 3 // a third of the districts are remote
	i := 0
	for _, p := range nationalProvinces {
		for k := 1; k <= p.n; k++ {
			code := fmt.Sprintf("%s.%02d", p.code, k)
			if k > p.n-p.n/6 { // the last sixth are kota, numbered 71…
				code = fmt.Sprintf("%s.%02d", p.code, 70+k-(p.n-p.n/6))
			}
			vals = append(vals, fmt.Sprintf("(%d, '%s', '%s', %v)", i, code,
				"Kabupaten/Kota "+code, i%remoteEvery == 0))
			i++
		}
	}
	if maxDistricts > 0 && maxDistricts < len(vals) {
		vals = vals[:maxDistricts]
	}
	S := fmt.Sprint(seed)
	N := fmt.Sprint(asn)
	nd := fmt.Sprint(len(vals))
	setup := []string{
		"CREATE TABLE dist (didx BIGINT, district_code VARCHAR, district_name VARCHAR, remote BOOLEAN)",
		"INSERT INTO dist VALUES " + strings.Join(vals, ", "),
		`CREATE TABLE dist2 AS SELECT *, 'pemda-' || replace(district_code, '.', '-') AS agency FROM dist`,
		`CREATE TABLE units AS SELECT d.didx * 3 + k AS uidx, 'ul-' || replace(d.district_code, '.', '-') || '-' || (k + 1) AS unit_code,
		   'Unit Layanan ' || (k + 1) || ' ' || d.district_code AS unit_name, d.agency AS agency_code, d.district_code,
		   ['Kependudukan', 'Kesehatan', 'Perizinan'][k + 1] AS service_types,
		   CASE WHEN hash(d.didx, k, ` + S + `, 1) % 5 = 0 THEN NULL ELSE CAST(50 + hash(d.didx, k, ` + S + `, 2) % 5000 AS BIGINT) END AS users_per_month,
		   CAST(hash(d.didx, k, ` + S + `, 3) % 2 AS INTEGER) AS bias
		 FROM dist2 d CROSS JOIN range(3) r(k)`,
		`CREATE VIEW person AS SELECT i, printf('%018d', 196001010000000000 + i) AS nip, i % ` + nd + ` AS didx,
		   i // ` + nd + ` AS seq FROM range(` + N + `) t(i)`,
	}
	for _, q := range setup {
		if err := exec(q); err != nil {
			return err
		}
	}
	refDir := dir.ReferenceDir()
	if err := os.MkdirAll(refDir, 0o755); err != nil {
		return err
	}
	// The reference tables' selects, in lake.ReferenceTables order; each is
	// held to its lake.ReferenceSchema before it is written.
	refSel := []string{
		`SELECT district_code, district_name, remote FROM dist ORDER BY didx`,
		`SELECT agency AS agency_code, 'Pemerintah Daerah ' || district_code AS agency_name, district_code,
		   true AS expects_pegawai, true AS expects_kehadiran, true AS expects_evaluasi, true AS expects_survei
		 FROM dist2 ORDER BY didx`,
		`SELECT unit_code, unit_name, agency_code, district_code, service_types, users_per_month FROM units ORDER BY uidx`,
	}
	var ref []string
	for i, q := range refSel {
		ref = append(ref, `COPY (`+q+`) TO `+quote(filepath.Join(refDir, lake.ReferenceTables[i]+".parquet"))+` (FORMAT parquet)`)
	}
	for i, q := range ref {
		if err := checkSelect(ctx, conn, refSel[i], lake.ReferenceSchema(lake.ReferenceTables[i]).Fields(), nil); err != nil {
			return err
		}
		if err := exec(q); err != nil {
			return err
		}
	}
	// The same reference as referensi.xlsx, so the directory is a complete
	// data directory: `pantau ingest` on it reads the workbook and writes the
	// same tables instead of replacing them with the built-in Maluku ones.
	if err := writeSyntheticReference(ctx, conn, dir); err != nil {
		return err
	}
	y := fmt.Sprint(NationalYear)
	yearStart := "DATE '" + y + "-01-01'"
	kinds := []struct {
		kind domain.Kind
		sel  string
	}{
		{domain.Pegawai, `SELECT p.nip, 'ASN ' || p.i AS nama,
		   CASE WHEN hash(p.i, ` + S + `, 1) % 100 < 64 THEN 'PNS' ELSE 'PPPK' END AS jenis_asn,
		   CASE WHEN hash(p.i, ` + S + `, 2) % 2 = 0 THEN 'L' ELSE 'P' END AS jenis_kelamin,
		   'Unit Kerja ' || (hash(p.i, ` + S + `, 3) % 20) AS unit_kerja,
		   CASE WHEN hash(p.i, ` + S + `, 4) % 10 = 0 THEN 'ul-' || replace(d.district_code, '.', '-') || '-' || (1 + hash(p.i, ` + S + `, 5) % 3) END AS unit_layanan,
		   d.district_code, 'Pelaksana' AS jabatan, 'III/a' AS golongan,
		   CASE WHEN hash(p.i, ` + S + `, 6) % 100 < 97 THEN 'Aktif' WHEN hash(p.i, ` + S + `, 6) % 100 < 99 THEN 'Cuti' ELSE 'Pensiun' END AS status,
		   'nat-pegawai-` + y + `-01-' || d.agency AS upload_id, CAST(p.seq + 2 AS INTEGER) AS source_row,
		   '` + y + `-01' AS period, d.agency
		 FROM person p JOIN dist2 d ON d.didx = p.didx`},
		{domain.Kehadiran, `SELECT nip, nama, nama_pelatihan, jenis_pengembangan, bentuk, kategori, penyelenggara,
		   CAST(selesai - CAST(hash(i, j, ` + S + `, 12) % 3 AS INTEGER) AS DATE) AS tanggal_mulai, selesai AS tanggal_selesai, jp,
		   status_kehadiran, mode, lokasi,
		   'nat-kehadiran-' || strftime(selesai, '%Y-%m') || '-' || agency AS upload_id, CAST(seq * 9 + j + 2 AS INTEGER) AS source_row,
		   strftime(selesai, '%Y-%m') AS period, agency
		 FROM (
		   SELECT p.i, r.j, p.seq, p.nip, 'ASN ' || p.i AS nama, 'Pelatihan ' || (hash(p.i, r.j, ` + S + `, 13) % 50) AS nama_pelatihan,
		     ['Bimbingan Teknis', 'Workshop', 'Seminar', 'E-Learning', 'Coaching', 'Mentoring'][CAST(1 + hash(p.i, r.j, ` + S + `, 14) % 6 AS BIGINT)] AS jenis_pengembangan,
		     CASE WHEN hash(p.i, r.j, ` + S + `, 14) % 6 < 3 THEN 'klasikal' ELSE 'nonklasikal' END AS bentuk,
		     ['Pelayanan Publik', 'Manajerial', 'Teknis', 'Fungsional', 'Sosial Kultural', 'Lainnya'][CAST(1 + hash(p.i, r.j, ` + S + `, 15) % 6 AS BIGINT)] AS kategori,
		     'BPSDM' AS penyelenggara,
		     CAST(` + yearStart + ` + CAST(hash(p.i, r.j, ` + S + `, 11) % 365 AS INTEGER) AS DATE) AS selesai,
		     CAST([2, 4, 4, 8, 8, 16, 24, 32][CAST(1 + hash(p.i, r.j, ` + S + `, 16) % 8 AS BIGINT)] AS DOUBLE) AS jp,
		     CASE WHEN hash(p.i, r.j, ` + S + `, 17) % 10 = 0 THEN 'Tidak Hadir' ELSE 'Hadir' END AS status_kehadiran,
		     CASE WHEN hash(p.i, r.j, ` + S + `, 18) % 10 < CASE WHEN d.remote THEN 4 ELSE 6 END THEN 'Luring'
		          WHEN hash(p.i, r.j, ` + S + `, 18) % 10 < 9 THEN 'Daring' ELSE 'Campuran' END AS mode,
		     d.district_code AS lokasi, d.agency
		   FROM person p JOIN dist2 d ON d.didx = p.didx CROSS JOIN range(9) r(j)
		   WHERE hash(p.i, r.j, ` + S + `, 10) % 1000 < CASE WHEN d.remote THEN 350 ELSE 550 END
		 ) x`},
		{domain.Evaluasi, `SELECT p.nip, 'ASN ' || p.i AS nama, e.label AS periode_penilaian, e.jenis AS jenis_periode,
		   e.mulai AS periode_mulai, e.selesai AS periode_selesai, NULL::VARCHAR AS rating_hasil_kerja, NULL::VARCHAR AS rating_perilaku,
		   CASE WHEN hash(p.i, e.q, ` + S + `, 20) % 100 < 15 THEN 'Sangat Baik' WHEN hash(p.i, e.q, ` + S + `, 20) % 100 < 85 THEN 'Baik'
		        WHEN hash(p.i, e.q, ` + S + `, 20) % 100 < 93 THEN 'Butuh Perbaikan' WHEN hash(p.i, e.q, ` + S + `, 20) % 100 < 98 THEN 'Kurang/Misconduct'
		        ELSE 'Sangat Kurang' END AS predikat,
		   NULL::VARCHAR AS nip_penilai, NULL::VARCHAR AS tindak_lanjut,
		   'nat-evaluasi-' || e.period || '-' || d.agency AS upload_id, CAST(p.seq + 2 AS INTEGER) AS source_row,
		   e.period, d.agency
		 FROM person p JOIN dist2 d ON d.didx = p.didx
		 JOIN (SELECT * FROM (VALUES
		   (0, 'Tahunan ` + fmt.Sprint(NationalYear-1) + `', 'tahunan', DATE '` + fmt.Sprint(NationalYear-1) + `-01-01', DATE '` + fmt.Sprint(NationalYear-1) + `-12-31', '` + y + `-01'),
		   (1, 'Triwulan I ` + y + `', 'triwulan', DATE '` + y + `-01-01', DATE '` + y + `-03-31', '` + y + `-04'),
		   (2, 'Triwulan II ` + y + `', 'triwulan', DATE '` + y + `-04-01', DATE '` + y + `-06-30', '` + y + `-07'),
		   (3, 'Triwulan III ` + y + `', 'triwulan', DATE '` + y + `-07-01', DATE '` + y + `-09-30', '` + y + `-10')
		 ) v(q, label, jenis, mulai, selesai, period)) e ON e.q = 0 OR hash(p.i, ` + S + `, 21) % 10 = 0`},
		{domain.Survei, `SELECT tanggal, unit_code, jenis_layanan, usia, jenis_kelamin, pendidikan, pekerjaan,
		   u1, u2, u3, u4, u5, u6, u7, u8, u9, NULL::VARCHAR AS saran,
		   'nat-survei-' || strftime(tanggal, '%Y-%m') || '-' || agency_code AS upload_id, CAST(r + 2 AS INTEGER) AS source_row,
		   strftime(tanggal, '%Y-%m') AS period, agency_code AS agency
		 FROM (
		   SELECT t.r, CAST(` + yearStart + ` + CAST(hash(t.r, ` + S + `, 30) % 365 AS INTEGER) AS DATE) AS tanggal,
		     u.unit_code, u.service_types AS jenis_layanan, u.agency_code,
		     CAST(18 + hash(t.r, ` + S + `, 31) % 60 AS INTEGER) AS usia,
		     CASE WHEN hash(t.r, ` + S + `, 32) % 2 = 0 THEN 'L' ELSE 'P' END AS jenis_kelamin,
		     'SMA' AS pendidikan, 'Swasta' AS pekerjaan,
		     ` + surveyAnswers(S) + `
		   FROM range(` + fmt.Sprint(asn*9/10) + `) t(r)
		   JOIN units u ON u.uidx = hash(t.r, ` + S + `, 33) % (` + nd + ` * 3)
		 ) s`},
	}
	months := func(ms ...int) []string {
		var out []string
		for _, m := range ms {
			out = append(out, fmt.Sprintf("%s-%02d", y, m))
		}
		return out
	}
	all := months(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
	periods := map[domain.Kind][]string{domain.Pegawai: months(1), domain.Kehadiran: all,
		domain.Evaluasi: months(1, 4, 7, 10), domain.Survei: all}
	// One COPY per period, partitioned by agency: a few hundred open files
	// at a time, each written whole (DuckDB buffers every open partition).
	for _, k := range kinds {
		// The files' columns are the kind's lake columns (lake.KindSchema),
		// cast to their types; the select must give exactly those plus the
		// partition keys.
		fields := lake.KindSchema(k.kind).Fields()
		if err := checkSelect(ctx, conn, k.sel, fields, lake.PartitionKeys); err != nil {
			return err
		}
		cols := lakeColumns(fields)
		for _, period := range periods[k.kind] {
			out := filepath.Join(stage, string(k.kind), "period="+period)
			if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				return err
			}
			q := "COPY (SELECT " + cols + ", agency FROM (" + k.sel + ") WHERE period = " + quote(period) + ") TO " + quote(out) +
				" (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (agency), ROW_GROUP_SIZE 250000)"
			if err := exec(q); err != nil {
				return err
			}
		}
	}
	return nationalLedger(ctx, conn, dir, stage)
}

// lakeColumns selects fields by name, each cast to its lake type.
func lakeColumns(fields []arrow.Field) string {
	var parts []string
	for _, f := range fields {
		parts = append(parts, "CAST("+f.Name+" AS "+lake.DuckDBType(f.Type)+") AS "+f.Name)
	}
	return strings.Join(parts, ", ")
}

// checkSelect fails unless sel gives exactly the columns of fields, with
// their lake types (lake.DuckDBType), followed by the VARCHAR columns extra:
// the generator writes the lake's columns and no others.
func checkSelect(ctx context.Context, conn *sql.Conn, sel string, fields []arrow.Field, extra []string) error {
	var want []string
	for _, f := range fields {
		want = append(want, f.Name+" "+lake.DuckDBType(f.Type))
	}
	for _, e := range extra {
		want = append(want, e+" VARCHAR")
	}
	rows, err := conn.QueryContext(ctx, "SELECT column_name, column_type FROM (DESCRIBE "+sel+")")
	if err != nil {
		return fmt.Errorf("national lake: describe: %w", err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			return err
		}
		got = append(got, name+" "+typ)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		return fmt.Errorf("national lake: a select gives\n  %s\nbut the lake schema (internal/lake/schema.go) is\n  %s",
			strings.Join(got, ", "), strings.Join(want, ", "))
	}
	return nil
}

// surveyAnswers are u1..u9: 1-4 leaning to the unit's bias, 2 % blank.
func surveyAnswers(S string) string {
	var parts []string
	for k := 1; k <= 9; k++ {
		h := fmt.Sprintf("hash(t.r, %s, %d)", S, 40+k)
		parts = append(parts, fmt.Sprintf("CAST(CASE WHEN %s %% 50 = 0 THEN NULL ELSE least(4, 1 + %s %% 4 + u.bias) END AS TINYINT) AS u%d", h, h, k))
	}
	return strings.Join(parts, ",\n\t\t     ")
}

// writeSyntheticReference writes dir's referensi.xlsx from the tables dist,
// dist2 and units of WriteSyntheticLake's session.
func writeSyntheticReference(ctx context.Context, conn *sql.Conn, dir lake.Dir) error {
	ref := &domain.Reference{}
	rows, err := conn.QueryContext(ctx, `SELECT district_code, district_name, remote FROM dist ORDER BY didx`)
	if err != nil {
		return fmt.Errorf("national lake: reference: %w", err)
	}
	for rows.Next() {
		var d domain.District
		if err := rows.Scan(&d.Code, &d.Name, &d.Remote); err != nil {
			rows.Close()
			return err
		}
		ref.Districts = append(ref.Districts, d)
	}
	rows.Close()
	rows, err = conn.QueryContext(ctx, `SELECT agency, 'Pemerintah Daerah ' || district_code, district_code FROM dist2 ORDER BY didx`)
	if err != nil {
		return fmt.Errorf("national lake: reference: %w", err)
	}
	for rows.Next() {
		a := domain.Agency{Expects: domain.Kinds}
		if err := rows.Scan(&a.Code, &a.Name, &a.District); err != nil {
			rows.Close()
			return err
		}
		ref.Agencies = append(ref.Agencies, a)
	}
	rows.Close()
	rows, err = conn.QueryContext(ctx, `SELECT unit_code, unit_name, agency_code, district_code, service_types,
		coalesce(users_per_month, 0) FROM units ORDER BY uidx`)
	if err != nil {
		return fmt.Errorf("national lake: reference: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var u domain.Unit
		var st string
		if err := rows.Scan(&u.Code, &u.Name, &u.Agency, &u.District, &st, &u.UsersPerMonth); err != nil {
			return err
		}
		u.ServiceTypes = []string{st}
		ref.Units = append(ref.Units, u)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return writeReferenceFile(dir.Reference(), ref)
}

// nationalLedger moves each staged partition file to its lake path
// (named after its upload id) and records one accepted upload per file.
func nationalLedger(ctx context.Context, conn *sql.Conn, dir lake.Dir, stage string) error {
	l, err := dir.LoadLedger()
	if err != nil {
		return err
	}
	for _, k := range domain.Kinds {
		root := filepath.Join(stage, string(k))
		rows, err := conn.QueryContext(ctx, `SELECT file_name, num_rows FROM parquet_file_metadata(`+
			quote(filepath.Join(root, "*", "*", "*.parquet"))+`) ORDER BY file_name`)
		if err != nil {
			return fmt.Errorf("national lake: count %s: %w", k, err)
		}
		type file struct {
			path string
			n    int64
		}
		var files []file
		for rows.Next() {
			var f file
			if err := rows.Scan(&f.path, &f.n); err != nil {
				rows.Close()
				return err
			}
			files = append(files, f)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, f := range files {
			agencyDir := filepath.Dir(f.path)
			agency := strings.TrimPrefix(filepath.Base(agencyDir), "agency=")
			period := strings.TrimPrefix(filepath.Base(filepath.Dir(agencyDir)), "period=")
			if seen[agencyDir] {
				return fmt.Errorf("national lake: %s has more than one file", agencyDir)
			}
			seen[agencyDir] = true
			p, err := domain.ParsePeriod(period)
			if err != nil {
				return fmt.Errorf("national lake: %s: %w", f.path, err)
			}
			id := "nat-" + string(k) + "-" + period + "-" + agency
			rel := lake.LakeFile(k, p, agency, id)
			if err := os.MkdirAll(filepath.Dir(dir.Abs(rel)), 0o755); err != nil {
				return err
			}
			if err := os.Rename(f.path, dir.Abs(rel)); err != nil {
				return err
			}
			received := time.Date(p.Year, p.Month+1, 5, 9, 0, 0, 0, domain.WIT)
			l.Add(lake.Entry{ID: id, Hash: id, Agency: agency, Kind: k, Period: period, File: id + ".xlsx",
				ReceivedAt: received, IngestedAt: received.Add(time.Minute), RowsRead: int(f.n),
				RowsAccepted: int(f.n), Status: lake.Accepted, LakeFile: rel, Revision: 1})
		}
	}
	return dir.SaveLedger(l)
}

// NationalLakeReady reports whether dir already holds a national lake
// (its ledger has entries), so benchmarks can reuse a cached one.
func NationalLakeReady(dir lake.Dir) bool {
	if _, err := os.Stat(dir.Ledger()); errors.Is(err, fs.ErrNotExist) {
		return false
	}
	l, err := dir.LoadLedger()
	return err == nil && len(l.Entries) > 0
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
