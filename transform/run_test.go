package transform

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

func TestParamsValidate(t *testing.T) {
	ok := DefaultParams(domain.MustPeriod("2026-03"))
	for _, tc := range []struct {
		name  string
		edit  func(p *Params)
		valid bool
	}{
		{"defaults", func(p *Params) {}, true},
		{"no period", func(p *Params) { p.Period = domain.Period{} }, false},
		{"target 0", func(p *Params) { p.TargetJP = 0 }, false},
		{"threshold as percent", func(p *Params) { p.OnTrackThreshold = 50 }, false},
		{"gap as percent", func(p *Params) { p.GapPoints = 10 }, false},
		{"followup 0", func(p *Params) { p.FollowupDays = 0 }, false},
		{"deadline 31", func(p *Params) { p.DeadlineDay = 31 }, false},
		{"stale 0", func(p *Params) { p.StaleMonths = 0 }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := ok
			tc.edit(&p)
			if err := p.Validate(); (err == nil) != tc.valid {
				t.Errorf("Validate(%+v) = %v; want valid %v", p, err, tc.valid)
			}
		})
	}
}

func TestEmptyLake(t *testing.T) {
	// No ledger, no reference files: every table still runs; districts come
	// from the built-in Maluku list with zero staff.
	dir := lake.Dir(t.TempDir())
	res, err := Run(context.Background(), dir, scenarioParams())
	if err != nil {
		t.Fatal(err)
	}
	defer res.Release()
	for _, name := range TableNames() {
		if res.Table(name) == nil {
			t.Errorf("Run(empty).Table(%q) = nil", name)
		}
	}
	want := map[string]int64{"coverage_district": 11, "coverage_province": 3, "coverage_trend": 12 * 12,
		"headcount": 0, "attention": 0, "ikm_unit": 0, "ikm_group": 1, "ikm_trend": 12, "followup": 1,
		"completeness": 0, "person_progress": 0, "evaluation_dist": 0, "impact": 0, "ikm_elements": 1}
	for name, n := range want {
		if got := res.Table(name).NumRows(); got != n {
			t.Errorf("Run(empty) %s rows = %d; want %d", name, got, n)
		}
	}
}

func TestRevisionOldFileIgnored(t *testing.T) {
	// The replaced kehadiran upload's file is still on disk under the same
	// partition; a glob would count its 50 JP. The ledger says it is not current.
	s := newScenario(t)
	matches, _ := filepath.Glob(filepath.Join(s.dir.Lake(), "kehadiran", "period=2026-03", "agency=kota-ambon", "*.parquet"))
	if len(matches) != 2 {
		t.Fatalf("partition has %d files; want the replaced and the current one", len(matches))
	}
	res := run(t, s.fixture, scenarioParams())
	_, rows := rowsOf(res.Table("person_progress"))
	for _, r := range rows {
		if r[1] == nipA1 && r[5] != 7.0 {
			t.Errorf("A1 jp_ytd = %v; want 7 (4 + the revision's 3, not the replaced 50)", r[5])
		}
	}
}

func TestOpenPeriodMatchesRun(t *testing.T) {
	// Run reads only the partitions P needs; OpenPeriod (pantau query
	// --period) reads every current upload. The SQL filters by date and
	// period itself, so both give the same tables.
	s := newScenario(t)
	// An upload after P must not change P's figures.
	s.upload(domain.Kehadiran, "2026-04", "kab-tanimbar", [][]any{
		hadir(nipT2, "klasikal", "Teknis", "2026-03-30", "2026-03-31", 9, "Hadir", "Luring")}, lake.Entry{})
	res := run(t, s.fixture, scenarioParams())
	db, res2, err := OpenPeriod(context.Background(), s.dir, scenarioParams())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	defer res2.Release()
	for _, name := range TableNames() {
		_, a := tableRows(res, name)
		_, b := tableRows(res2, name)
		if diff := cmp.Diff(a, b, approx); diff != "" {
			t.Errorf("%s: Run vs OpenPeriod (-run +open):\n%s", name, diff)
		}
	}
	var n int
	if err := db.SQL().QueryRowContext(context.Background(), "SELECT count(*) FROM kehadiran").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 10 {
		t.Errorf("query view kehadiran rows = %d; want 10 (current uploads only)", n)
	}
}

func TestWriteCSV(t *testing.T) {
	res := run(t, newScenario(t).fixture, scenarioParams())
	out := filepath.Join(t.TempDir(), "data")
	if err := res.WriteCSV(out); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	var want []string
	for _, n := range TableNames() {
		if n != "person_progress" {
			want = append(want, n+".csv")
		}
	}
	if diff := cmp.Diff(sortedCopy(want), got); diff != "" {
		t.Errorf("WriteCSV files (-want +got), person_progress must be absent:\n%s", diff)
	}
	b, err := os.ReadFile(filepath.Join(out, "attention.csv"))
	if err != nil {
		t.Fatal(err)
	}
	wantCSV := "rank,district_code,district_name,remote,on_track_share,province_on_track_share,flagged,worst_agency_code,daring_jp_share\n" +
		"1,81.71,Kota Ambon,false,0.3333333333333333,0.5,true,kota-ambon,0.36363636363636365\n" +
		"2,81.03,Kabupaten Kepulauan Tanimbar,true,0.6666666666666666,0.5,false,kab-tanimbar,0.8\n"
	if string(b) != wantCSV {
		t.Errorf("attention.csv =\n%s\nwant\n%s", b, wantCSV)
	}
	b, _ = os.ReadFile(filepath.Join(out, "completeness.csv"))
	lines := strings.Split(string(b), "\n")
	if want := "kab-tanimbar,pegawai,tidak ada,,,,,,0,,2026-02,false,true"; lines[2] != want {
		t.Errorf("completeness.csv line 3 = %q; want %q (NULL as empty)", lines[2], want)
	}
	if want := "kota-ambon,kehadiran,diterima,2026-04-11T08:00:00+09:00,true,3,3,0,1,1,,,true"; lines[5] != want {
		t.Errorf("completeness.csv line 6 = %q; want %q (times in WIT)", lines[5], want)
	}
}

func sortedCopy(s []string) []string {
	out := append([]string{}, s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestHeadcountSamePeriodLaterReceived(t *testing.T) {
	// Two agencies' March rosters both list N1 as active; both have period
	// 2026-03, so the one received later (agency b, dropped 12 April) wins,
	// although both were ingested in one scan (same ingest time):
	// a: N2 only → 1; b: N1, N3 → 2. Without reference files the built-in
	// Maluku districts are used.
	f := newFixture(t)
	scan := wit(2026, 4, 12, 10, 0, 0)
	f.upload(domain.Pegawai, "2026-03", "a", [][]any{
		peg(nipA1, "N1", "PNS", "X", "", "81.71", "Aktif"),
		peg(nipA2, "N2", "PNS", "X", "", "81.71", "Aktif")},
		lake.Entry{ReceivedAt: wit(2026, 4, 11, 9, 0, 0), IngestedAt: scan})
	f.upload(domain.Pegawai, "2026-03", "b", [][]any{
		peg(nipA1, "N1", "PNS", "Y", "", "81.01", "Aktif"),
		peg(nipA3, "N3", "PPPK", "Y", "", "81.01", "Aktif")},
		lake.Entry{ReceivedAt: wit(2026, 4, 12, 9, 0, 0), IngestedAt: scan})
	res := run(t, f, scenarioParams())
	checkTable(t, res, "headcount", []string{"district_code", "agency_code", "headcount", "pns", "pppk"}, [][]any{
		{"81.01", "b", 2, 1, 1},
		{"81.71", "a", 1, 1, 0},
	})
	cols, rows := rowsOf(res.Table("coverage_trend"))
	// March: province 3 staff; February: no roster yet → 0.
	for _, r := range project(cols, rows, []string{"period", "level", "headcount"}) {
		if r[1] == "provinsi" && (r[0] == "2026-03" && toInt(r[2]) != 3 || r[0] == "2026-02" && toInt(r[2]) != 0) {
			t.Errorf("coverage_trend %s provinsi headcount = %v", r[0], r[2])
		}
	}
}

func TestParquetRecordMatchesRows(t *testing.T) {
	// The bulk path (COPY to Parquet, read with pqarrow) gives the same
	// columns, types and values as the row path.
	s := newScenario(t)
	db, res, err := OpenPeriod(context.Background(), s.dir, scenarioParams())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	defer res.Release()
	if _, ok, err := parquetRecord(context.Background(), db.conn, "SELECT * FROM coverage_district", filepath.Join(t.TempDir(), "c.parquet")); ok || err != nil {
		t.Errorf("parquetRecord(coverage_district) = %v, %v; want a fallback (HUGEINT sums)", ok, err)
	}
	for _, name := range []string{"person_progress", "ikm_elements"} {
		bulk, ok, err := parquetRecord(context.Background(), db.conn, "SELECT * FROM "+name, filepath.Join(t.TempDir(), name+".parquet"))
		if err != nil || !ok {
			t.Fatalf("parquetRecord(%s) = %v, %v", name, ok, err)
		}
		defer bulk.Release()
		if !bulk.Schema().Equal(res.Table(name).Schema()) {
			t.Errorf("%s schema: bulk %v; rows %v", name, bulk.Schema(), res.Table(name).Schema())
		}
		_, a := rowsOf(bulk)
		_, b := rowsOf(res.Table(name))
		if diff := cmp.Diff(b, a, approx); diff != "" {
			t.Errorf("%s: rows vs bulk (-rows +bulk):\n%s", name, diff)
		}
	}
}
