package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/lake"
)

func queryEnv(t *testing.T) (*env, *bytes.Buffer) {
	var out bytes.Buffer
	return &env{dir: lake.Dir(t.TempDir()), stdout: &out, stderr: &bytes.Buffer{},
		log: slog.New(slog.DiscardHandler), now: time.Now}, &out
}

func TestQueryFormats(t *testing.T) {
	const q = "SELECT 1 AS n, 'Kota Ambon' AS nama, 0.5 AS share, NULL AS kosong"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{q}, "n  nama        share  kosong\n-  ----------  -----  ------\n1  Kota Ambon    0.5  NULL\n(1 baris)\n"},
		{[]string{q, "--format", "csv"}, "n,nama,share,kosong\n1,Kota Ambon,0.5,\n"},
		{[]string{"--format", "json", q}, "[\n  {\n    \"n\": 1,\n    \"nama\": \"Kota Ambon\",\n    \"share\": 0.5,\n    \"kosong\": null\n  }\n]\n"},
	} {
		e, out := queryEnv(t)
		if err := runQuery(e, tc.args); err != nil {
			t.Fatalf("query %q: %v", tc.args, err)
		}
		if diff := cmp.Diff(tc.want, out.String()); diff != "" {
			t.Errorf("query(%q) (-want +got):\n%s", tc.args, diff)
		}
	}
}

func TestQueryViewsAndPeriod(t *testing.T) {
	// An empty data directory: the kind views exist with no rows; with
	// --period pegawai (no rows) and the metric tables exist (11 built-in
	// Maluku districts).
	e, out := queryEnv(t)
	err := runQuery(e, []string{"SELECT (SELECT count(*) FROM pegawai_riwayat) + (SELECT count(*) FROM kehadiran) + " +
		"(SELECT count(*) FROM evaluasi) + (SELECT count(*) FROM survei) AS n, (SELECT count(*) FROM kabupaten) AS k",
		"--format", "csv"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "n,k\n0,11\n"; got != want {
		t.Errorf("views = %q; want %q", got, want)
	}
	e, out = queryEnv(t)
	if err := runQuery(e, []string{"SELECT count(*) + (SELECT count(*) FROM pegawai) AS n FROM coverage_district", "--period", "2026-03", "--format", "csv"}); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "n\n11\n"; got != want {
		t.Errorf("coverage_district = %q; want %q", got, want)
	}
}

func TestQueryUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"SELECT 1", "SELECT 2"}, {"SELECT 1", "--format", "xml"}, {"SELECT 1", "--period", "2026-13"},
		{"--tables", "SELECT 1"}} {
		e, _ := queryEnv(t)
		if err := runQuery(e, args); err == nil {
			t.Errorf("query(%q) = nil; want a usage error", args)
		}
	}
}

// demoLake builds a data directory from the demo sample (sample, init,
// ingest: the commands make demo runs, in-process).
func demoLake(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "demo")
	for _, args := range [][]string{{"sample", "--out", dir, "--scale", "demo", "--seed", "1"}, {"--dir", dir, "init"}, {"--dir", dir, "ingest"}} {
		var out, errb bytes.Buffer
		if code := run(context.Background(), args, &out, &errb); code != exitOK {
			t.Fatalf("pantau %q: exit %d\n%s", args, code, errb.String())
		}
	}
	return dir
}

// pantauRun runs one command line in-process.
func pantauRun(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// readmeQuery is the SQL block of README.md after the marker named.
func readmeQuery(t *testing.T, marker string) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "<!-- "+marker)
	if i < 0 {
		t.Fatalf("README.md has no <!-- %s", marker)
	}
	s = s[i:]
	start := strings.Index(s, "```sql\n")
	end := strings.Index(s[start+7:], "```")
	if start < 0 || end < 0 {
		t.Fatalf("README.md has no sql block after <!-- %s", marker)
	}
	return s[start+7 : start+7+end]
}

// csvMap reads a two-column CSV (with header) into key → number.
func csvMap(t *testing.T, text string) map[string]float64 {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("CSV %q: %v", text, err)
	}
	out := map[string]float64{}
	for _, r := range recs[1:] {
		v, err := strconv.ParseFloat(r[1], 64)
		if err != nil {
			t.Fatalf("CSV row %q: %v", r, err)
		}
		out[r[0]] = v
	}
	return out
}

// TestQueryDemo runs pantau query on a real lake (the demo sample, ingested):
// the README's join gives coverage_agency.jp_total for every agency;
// pegawai with --period is headcount's persons, one row each; the views
// over the lake's Parquet answer in the sealed session; a metric table or
// pegawai without --period gets a plain message and exit 2; every way to
// write or read a file is refused (exit 2) and writes nothing; --tables
// lists each view and table with a line.
func TestQueryDemo(t *testing.T) {
	dir := demoLake(t)
	q := func(args ...string) (int, string, string) {
		return pantauRun(append([]string{"--dir", dir, "query"}, args...)...)
	}

	t.Run("readme join equals coverage_agency.jp_total", func(t *testing.T) {
		join := readmeQuery(t, "pantau:query-jp-per-agency")
		code, out, errs := q("--period", "2025-08", "--format", "csv", join)
		if code != exitOK {
			t.Fatalf("README join: exit %d\n%s", code, errs)
		}
		got := csvMap(t, out)
		code, out, errs = q("--period", "2025-08", "--format", "csv", "SELECT agency_code, jp_total FROM coverage_agency")
		if code != exitOK {
			t.Fatalf("coverage_agency: exit %d\n%s", code, errs)
		}
		want := csvMap(t, out)
		if len(want) < 15 {
			t.Fatalf("coverage_agency has %d agencies; want the demo's 15", len(want))
		}
		for agency, jp := range want {
			if math.Abs(got[agency]-jp) > 1e-6 { // an agency with no JP has no row in the join: 0
				t.Errorf("README join %s = %v; coverage_agency.jp_total = %v", agency, got[agency], jp)
			}
		}
		for agency := range got {
			if _, ok := want[agency]; !ok {
				t.Errorf("README join has agency %s, which coverage_agency lacks", agency)
			}
		}
		if want["kota-ambon"] != 5802 {
			t.Errorf("kota-ambon jp_total = %v; the README says 5802", want["kota-ambon"])
		}
	})

	t.Run("readme agency trend equals coverage_agency", func(t *testing.T) {
		code, out, errs := q("--period", "2025-08", "--format", "csv", readmeQuery(t, "pantau:query-agency-trend"))
		if code != exitOK {
			t.Fatalf("README agency trend: exit %d\n%s", code, errs)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(recs) < 2 {
			t.Fatalf("README agency trend: %q, %v", out, err)
		}
		months := map[string]bool{}
		got := map[string][]string{}
		for _, r := range recs[1:] {
			months[r[0]] = true
			if r[0] == "2025-08" {
				got[r[1]] = r[2:6]
			}
		}
		if len(months) != 8 { // W12 is 2024-09..2025-08; the demo's rosters start in January 2025
			t.Errorf("README agency trend has %d months; want 8 (2025-01..2025-08)", len(months))
		}
		code, out, errs = q("--period", "2025-08", "--format", "csv",
			"SELECT agency_code, headcount, trained, on_track, jp_total FROM coverage_agency WHERE headcount > 0")
		if code != exitOK {
			t.Fatalf("coverage_agency: exit %d\n%s", code, errs)
		}
		want, _ := csv.NewReader(strings.NewReader(out)).ReadAll()
		if len(want) < 16 {
			t.Fatalf("coverage_agency has %d agencies with staff; want the demo's 15", len(want)-1)
		}
		for _, w := range want[1:] {
			if g := got[w[0]]; strings.Join(g, "|") != strings.Join(w[1:], "|") {
				t.Errorf("agency trend 2025-08 %s = %q; coverage_agency = %q", w[0], g, w[1:])
			}
		}
		if len(got) != len(want)-1 {
			t.Errorf("agency trend 2025-08 has %d agencies; coverage_agency %d with staff", len(got), len(want)-1)
		}
	})

	t.Run("pegawai is headcount", func(t *testing.T) {
		code, out, errs := q("--period", "2025-08", "--format", "csv",
			"SELECT (SELECT count(*) FROM pegawai) AS n, (SELECT count(DISTINCT nip) FROM pegawai) AS persons, "+
				"(SELECT sum(headcount) FROM headcount) AS headcount, "+
				"(SELECT count(*) FROM pegawai_riwayat) > (SELECT count(*) FROM pegawai) AS more_snapshots")
		if code != exitOK {
			t.Fatalf("exit %d\n%s", code, errs)
		}
		recs, _ := csv.NewReader(strings.NewReader(out)).ReadAll()
		if len(recs) != 2 || recs[1][0] != recs[1][1] || recs[1][0] != recs[1][2] || recs[1][3] != "true" {
			t.Errorf("pegawai rows, persons, headcount, riwayat larger = %q; want three equal numbers and true", out)
		}
	})

	t.Run("views read the lake once sealed", func(t *testing.T) {
		for view, kind := range map[string]string{"pegawai_riwayat": "pegawai", "kehadiran": "kehadiran", "evaluasi": "evaluasi", "survei": "survei"} {
			code, out, errs := q("--format", "csv", "SELECT (SELECT count(*) FROM "+view+") AS n, "+
				"(SELECT sum(rows_accepted) FROM uploads WHERE kind = '"+kind+"' AND is_current) AS accepted")
			recs, _ := csv.NewReader(strings.NewReader(out)).ReadAll()
			if code != exitOK || len(recs) != 2 || recs[1][0] != recs[1][1] || recs[1][0] == "0" {
				t.Errorf("%s: exit %d, %q %s; want the rows of its current uploads", view, code, out, errs)
			}
		}
	})

	t.Run("pivot", func(t *testing.T) {
		// DuckDB parses a PIVOT without IN (…) as two statements: still one query.
		code, out, errs := q("--format", "csv", "PIVOT (SELECT jenis_layanan FROM survei) ON jenis_layanan")
		if code != exitOK || !strings.Contains(out, "KTP-el") {
			t.Errorf("PIVOT: exit %d, %q %s; want a column per service type", code, out, errs)
		}
	})

	t.Run("needs --period", func(t *testing.T) {
		for sql, want := range map[string]string{
			"SELECT * FROM attention":                 "pantau query: usage: attention is a metric table of one month: add --period YYYY-MM\n",
			"SELECT agency_code FROM coverage_agency": "pantau query: usage: coverage_agency is a metric table of one month: add --period YYYY-MM\n",
			"SELECT count(*) FROM pegawai": "pantau query: usage: pegawai is the roster of one month (one row per person counted then): " +
				"add --period YYYY-MM; every roster snapshot, of every month, is pegawai_riwayat\n",
		} {
			code, out, errs := q(sql)
			if code != exitUsage || errs != want || out != "" {
				t.Errorf("query %q: exit %d, stderr %q; want exit 2 and %q", sql, code, errs, want)
			}
		}
	})

	t.Run("refused", func(t *testing.T) {
		tmp := t.TempDir()
		secret := filepath.Join(tmp, "secret.csv")
		if err := os.WriteFile(secret, []byte("a,b\n1,2\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		lakeFiles := treeFiles(t, dir, "lake")
		var aLakeFile string
		for f := range lakeFiles {
			if strings.HasSuffix(f, ".parquet") {
				aLakeFile = filepath.Join(dir, f)
				break
			}
		}
		const files = "reading or writing files (COPY … TO, read_csv, read_parquet, read_text, glob), ATTACH, INSTALL and LOAD are off"
		for _, tc := range []struct{ sql, want string }{
			{"COPY (SELECT 1) TO '" + filepath.Join(tmp, "x.csv") + "'", files},
			{"COPY (SELECT * FROM kehadiran) TO '" + filepath.Join(tmp, "k.parquet") + "' (FORMAT parquet)", files},
			{"COPY (SELECT 1 AS x) TO '" + aLakeFile + "' (FORMAT parquet, USE_TMP_FILE false)", files},
			{"EXPORT DATABASE '" + filepath.Join(tmp, "export") + "'", files},
			{"SELECT * FROM read_csv('" + secret + "')", files},
			{"SELECT * FROM read_text('" + secret + "')", files},
			{"SELECT * FROM read_parquet('" + aLakeFile + "')", files},
			{"SELECT * FROM glob('" + tmp + "/*')", files},
			{"ATTACH '" + filepath.Join(tmp, "x.db") + "'", "ATTACH and DETACH open or close other databases; pantau query reads only the lake"},
			{"INSTALL httpfs", "INSTALL and LOAD add DuckDB extensions; pantau query runs with the built-in ones only"},
			{"LOAD parquet", "INSTALL and LOAD add DuckDB extensions; pantau query runs with the built-in ones only"},
			{"SET enable_external_access = true", "SET, RESET and PRAGMA change settings, and a query session's settings are locked"},
			{"RESET lock_configuration", "SET, RESET and PRAGMA change settings, and a query session's settings are locked"},
			{"CREATE TABLE t AS SELECT 1", "pantau query answers one SELECT and changes no table or view"},
			{"DROP VIEW kehadiran", "pantau query answers one SELECT and changes no table or view"},
			{"COPY (SELECT 1) TO '" + filepath.Join(tmp, "y.csv") + "'; SELECT 1", "the text holds 2 statements; pantau query runs one SELECT at a time"},
			{"PIVOT (SELECT jenis_layanan FROM survei) ON jenis_layanan; COPY (SELECT 1) TO '" + filepath.Join(tmp, "z.csv") + "'", files},
			{"COPY (SELECT 1) TO '" + filepath.Join(tmp, "z.csv") + "'; PIVOT (SELECT jenis_layanan FROM survei) ON jenis_layanan", files},
		} {
			for _, period := range [][]string{nil, {"--period", "2025-08"}} {
				code, out, errs := q(append(period, tc.sql)...)
				if code != exitUsage || !strings.HasPrefix(errs, "pantau query: usage: ") || !strings.Contains(errs, tc.want) || out != "" {
					t.Errorf("query %v %q: exit %d, stderr %q; want exit 2 saying %q", period, tc.sql, code, errs, tc.want)
				}
			}
		}
		if got := fileNames(treeFiles(t, tmp, "")); len(got) != 1 {
			t.Errorf("the refused statements left %q in %s; want only secret.csv", got, tmp)
		}
		after := treeFiles(t, dir, "lake")
		if len(after) != len(lakeFiles) {
			t.Errorf("lake/ holds %d files after the refused statements; before %d", len(after), len(lakeFiles))
		}
		for f, b := range lakeFiles {
			if after[f] != b {
				t.Errorf("%s changed", f)
			}
		}
	})

	t.Run("tables", func(t *testing.T) {
		code, out, errs := q("--tables")
		if code != exitOK {
			t.Fatalf("--tables: exit %d\n%s", code, errs)
		}
		for _, want := range []string{"\npegawai_riwayat (view): every roster snapshot", "\nkehadiran (view): ", "\nuploads (table): ",
			"  nip VARCHAR, nama VARCHAR", `README.md, section "Querying the lake"`} {
			if !strings.Contains(out, want) {
				t.Errorf("--tables lacks %q:\n%s", want, out)
			}
		}
		if strings.Contains(out, "\npegawai (view)") || strings.Contains(out, "\nattention (table)") {
			t.Errorf("--tables without --period lists pegawai or a metric table:\n%s", out)
		}
		code, out, errs = q("--tables", "--period", "2025-08")
		if code != exitOK {
			t.Fatalf("--tables --period: exit %d\n%s", code, errs)
		}
		for _, want := range []string{"\npegawai (view): the roster as counted for the period", "\npegawai_riwayat (view): ",
			"\ncoverage_agency (table): training reach per agency", "  agency_code VARCHAR, agency_name VARCHAR",
			"\nattention (table): ", "\nparams (table): "} {
			if !strings.Contains(out, want) {
				t.Errorf("--tables --period lacks %q:\n%s", want, out)
			}
		}
		for _, l := range strings.Split(out, "\n") {
			if strings.HasSuffix(l, "): ") {
				t.Errorf("--tables line without what it holds: %q", l)
			}
		}
	})
}
