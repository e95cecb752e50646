package transform

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// sameTables fails when any table of a and b differs.
func sameTables(t *testing.T, what string, a, b *Result) {
	t.Helper()
	for _, name := range TableNames() {
		_, ra := tableRows(a, name)
		_, rb := tableRows(b, name)
		if diff := cmp.Diff(ra, rb, approx); diff != "" {
			t.Errorf("%s: %s differs (-before +after):\n%s", what, name, diff)
		}
	}
}

// jpOf is person nip's jp_ytd in person_progress.
func jpOf(t *testing.T, res *Result, nip string) any {
	t.Helper()
	_, rows := rowsOf(res.Table("person_progress"))
	for _, r := range rows {
		if r[1] == nip {
			return r[5]
		}
	}
	return nil
}

func TestCompactReadInPlaceOfUploads(t *testing.T) {
	ctx := context.Background()
	s := newScenario(t)
	before := run(t, s.fixture, scenarioParams())

	// The scenario has two periods with two current uploads each: kehadiran
	// 2026-03 (kota-ambon's revision and kab-tanimbar) and evaluasi 2025-10.
	st, err := Compact(ctx, s.dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Sets != 2 || st.Written != 2 || st.Rows != 4+2 || st.Failed != 0 {
		t.Errorf("Compact = %+v; want 2 sets, 2 written, 6 rows (kehadiran 3 + 1, evaluasi 1 + 1)", st)
	}
	sets := s.ledger.CompactSets()
	for _, cs := range sets {
		if _, err := os.Stat(s.dir.Abs(cs.File)); err != nil {
			t.Errorf("compacted file of %s %s: %v", cs.Kind, cs.Period, err)
		}
	}
	again, err := Compact(ctx, s.dir, nil)
	if err != nil || again.Written != 0 || again.Removed != 0 {
		t.Errorf("second Compact = %+v, %v; want nothing to do", again, err)
	}

	// Break every per-upload file of the compacted sets: the metrics must
	// come from the compacted files alone, and be the same.
	saved := map[string][]byte{}
	for _, cs := range sets {
		for _, e := range cs.Entries {
			p := s.dir.Abs(e.LakeFile)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			saved[p] = b
			if err := os.WriteFile(p, []byte("not parquet"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	compacted := run(t, s.fixture, scenarioParams())
	sameTables(t, "compacted vs per-upload files", before, compacted)
	for p, b := range saved {
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// A revision in a compacted set: the old compacted file no longer
	// matches, so the views read the per-upload files (the revision counts
	// at once), until Compact writes the new set's file and removes the old.
	curs := s.ledger.CurrentFor("kota-ambon", domain.Kehadiran, mustPeriod("2026-03"))
	if len(curs) != 1 {
		t.Fatalf("current kota-ambon kehadiran 2026-03: %d uploads; want 1", len(curs))
	}
	cur := curs[0]
	s.upload(domain.Kehadiran, "2026-03", "kota-ambon", [][]any{
		hadir(nipA1, "nonklasikal", "Pelayanan Publik", "2026-03-02", "2026-03-02", 6, "Hadir", "Campuran")},
		lake.Entry{Replaces: lake.IDs{cur.ID}, Revision: 3})
	revised := run(t, s.fixture, scenarioParams())
	if got := jpOf(t, revised, nipA1); got != 10.0 {
		t.Errorf("A1 jp_ytd after the revision = %v; want 10 (4 in January + the revision's 6, not the compacted 3)", got)
	}
	st, err = Compact(ctx, s.dir, nil)
	if err != nil || st.Written != 1 || st.JP != 1 || st.Removed != 2 {
		t.Errorf("Compact after the revision = %+v, %v; want 1 written (kehadiran 2026-03) with its JP aggregate, 2 removed (the old file and its aggregate)", st, err)
	}
	recompacted := run(t, s.fixture, scenarioParams())
	sameTables(t, "after re-compacting", revised, recompacted)
	files, _ := filepath.Glob(filepath.Join(s.dir.CompactDir(), "*", "*.parquet"))
	if len(files) != 3 {
		t.Errorf("lake/compact holds %v; want the two current files and the kehadiran set's JP aggregate", files)
	}
}

func TestCompactKeepsStaleFilesWhileReadersAreOpen(t *testing.T) {
	ctx := context.Background()
	s := newScenario(t)
	if _, err := Compact(ctx, s.dir, nil); err != nil {
		t.Fatal(err)
	}
	// A query session is open (pantau query, a report) when a revision
	// arrives and the next ingest compacts.
	db, err := Open(ctx, s.dir)
	if err != nil {
		t.Fatal(err)
	}
	count := func() int {
		var n int
		if err := db.SQL().QueryRowContext(ctx, "SELECT count(*) FROM kehadiran WHERE period = '2026-03'").Scan(&n); err != nil {
			t.Fatalf("query on the open session: %v", err)
		}
		return n
	}
	before := count()
	cur := s.ledger.CurrentFor("kota-ambon", domain.Kehadiran, mustPeriod("2026-03"))[0]
	s.upload(domain.Kehadiran, "2026-03", "kota-ambon", [][]any{
		hadir(nipA1, "nonklasikal", "Pelayanan Publik", "2026-03-02", "2026-03-02", 6, "Hadir", "Campuran")},
		lake.Entry{Replaces: lake.IDs{cur.ID}, Revision: 3})
	st, err := Compact(ctx, s.dir, nil)
	if err != nil || st.Written != 1 || st.Removed != 0 {
		t.Errorf("Compact with a reader open = %+v, %v; want the new set written and nothing removed", st, err)
	}
	if got := count(); got != before {
		t.Errorf("open session reads %d rows of 2026-03 after Compact; want the %d it started with (its file must survive)", got, before)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	st, err = Compact(ctx, s.dir, nil)
	if err != nil || st.Written != 0 || st.Removed != 2 {
		t.Errorf("Compact after the reader closed = %+v, %v; want the stale file and its JP aggregate removed", st, err)
	}
}

// TestCompactJPAggregate: att_person reads a kehadiran set's JP aggregate
// (lake.CompactSet.JPFile) when it is there, and the same sums from the
// rows when it is not: figures from the aggregate, from the compacted file
// and from the per-upload files are the same, and a changed aggregate
// changes the figures (it is read, not merely written).
func TestCompactJPAggregate(t *testing.T) {
	ctx := context.Background()
	s := newScenario(t)
	rows := run(t, s.fixture, scenarioParams())
	if _, err := Compact(ctx, s.dir, nil); err != nil {
		t.Fatal(err)
	}
	set := kehadiranSet(s)
	if set.JPFile == "" || !fileExists(s.dir.Abs(set.JPFile)) {
		t.Fatalf("kehadiran set %+v: no JP aggregate written", set)
	}
	withJP := run(t, s.fixture, scenarioParams())
	sameTables(t, "JP aggregate vs rows", rows, withJP)

	// The aggregate, tampered with: the figures follow it.
	conn := compactConn(t)
	orig := s.dir.Abs(set.JPFile)
	saved, err := os.ReadFile(orig)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := copyFile(ctx, conn, orig, "SELECT * REPLACE (jp + 100 AS jp) FROM read_parquet("+
		sqlString(orig)+")", "zstd"); err != nil {
		t.Fatal(err)
	}
	tampered := run(t, s.fixture, scenarioParams())
	if a, b := jpOf(t, rows, nipA1), jpOf(t, tampered, nipA1); a == b {
		t.Errorf("A1 jp_ytd = %v with a JP aggregate 100 JP higher; want it read (not %v)", b, a)
	}
	if err := os.WriteFile(orig, saved, 0o644); err != nil {
		t.Fatal(err)
	}

	// Without the aggregate (Compact not yet run, or it failed): the same
	// sums from the compacted file's rows; Compact writes it again.
	if err := os.Remove(orig); err != nil {
		t.Fatal(err)
	}
	sameTables(t, "JP from the compacted rows", rows, run(t, s.fixture, scenarioParams()))
	st, err := Compact(ctx, s.dir, nil)
	if err != nil || st.Written != 0 || st.JP != 1 {
		t.Errorf("Compact without the JP aggregate = %+v, %v; want only it written", st, err)
	}
	sameTables(t, "JP aggregate rewritten", rows, run(t, s.fixture, scenarioParams()))
}
