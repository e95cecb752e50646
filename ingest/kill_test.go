package ingest

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// buildPantau builds the real binary into a temp dir.
func buildPantau(tb testing.TB) string {
	tb.Helper()
	bin := filepath.Join(tb.TempDir(), "pantau")
	cmd := exec.Command("go", "build", "-o", bin, "../cmd/pantau")
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// plannedUpload is one file the kill test drops, with what must become of it.
type plannedUpload struct {
	agency, name string
	write        func(path string, mtime time.Time)
	status       lake.Status
	accepted     int
	decision     lake.Decision // what it does to its month (lake.Entry.Decision)
	key          string        // agency/period: its month
	data         []byte        // filled when written
	copyOf       int           // for exact copies: the index of the copied upload
}

// killPlan is ~40 uploads from three agencies: accepted, partial,
// rejected (too many bad rows, .csv), revisions, exact duplicates, and a
// month in several files — an addition, a cumulative copy that replaces
// the month, a partial overlap held back.
func killPlan(tb testing.TB) []*plannedUpload {
	var plan []*plannedUpload
	kh := func(agency, name string, p domain.Period, rows, badEvery int, tag string, st lake.Status, acc int) *plannedUpload {
		pu := &plannedUpload{agency: agency, name: name, status: st, accepted: acc, key: agency + "/" + p.String()}
		pu.write = func(path string, mtime time.Time) { writeKehadiran(tb, path, p, rows, badEvery, tag, mtime) }
		switch {
		case !st.HasData():
		case strings.Contains(name, "revisi"):
			pu.decision = lake.Replaced
		default:
			pu.decision = lake.Added
		}
		return pu
	}
	for _, ag := range []string{"kab-buru", "kota-ambon", "kab-maluku-tengah"} {
		for m := 1; m <= 4; m++ {
			p := domain.Period{Year: 2025, Month: time.Month(m)}
			base := fmt.Sprintf("kehadiran_%s", p)
			switch m {
			case 1: // accepted, then an exact copy
				plan = append(plan, kh(ag, base+".xlsx", p, 30, 0, ag+"1", lake.Accepted, 30))
				plan = append(plan, &plannedUpload{agency: ag, name: base + " salinan.xlsx", status: lake.Duplicate, copyOf: len(plan) - 1})
			case 2: // partial (1 bad row in 20 = 5 %), then a revision
				plan = append(plan, kh(ag, base+".xlsx", p, 40, 20, ag+"2", lake.Partial, 38))
				plan = append(plan, kh(ag, base+" revisi.xlsx", p, 25, 0, ag+"2r", lake.Accepted, 25))
			case 3: // rejected (half bad), a .csv, then a good one and its second revision
				plan = append(plan, kh(ag, base+" salah.xlsx", p, 20, 2, ag+"3x", lake.Rejected, 0))
				plan = append(plan, &plannedUpload{agency: ag, name: base + ".csv", status: lake.Rejected,
					write: func(path string, mtime time.Time) { writeAt(tb, path, "NIP;Nama\n1;2\n", mtime) }})
				plan = append(plan, kh(ag, base+".xlsx", p, 15, 0, ag+"3", lake.Accepted, 15))
				plan = append(plan, kh(ag, base+" revisi 2.xlsx", p, 60, 30, ag+"3r", lake.Partial, 58))
			case 4: // a month in pieces
				plan = append(plan, kh(ag, base+".xlsx", p, 20, 0, ag+"4", lake.Accepted, 20))
				// the first 20 rows again and 5 more, no keyword: a cumulative copy
				cum := kh(ag, base+" lengkap.xlsx", p, 25, 0, ag+"4", lake.Accepted, 25)
				cum.decision = lake.Replaced
				plan = append(plan, cum)
				// other rows (another training): added
				plan = append(plan, kh(ag, base+" tambahan.xlsx", p, 10, 0, ag+"4t", lake.Accepted, 10))
				// 5 of the month's 35 rows and nothing else: held back
				held := kh(ag, base+" lagi.xlsx", p, 5, 0, ag+"4", lake.Rejected, 0)
				held.decision = lake.HeldBack
				plan = append(plan, held)
			}
		}
	}
	return plan
}

// TestKillIngest kills a real `pantau ingest` with SIGKILL at random moments,
// many times over, dropping more uploads between runs, then lets it finish
// and proves that nothing was lost or counted twice.
func TestKillIngest(t *testing.T) {
	bin := buildPantau(t)
	dir := lake.Dir(t.TempDir())
	if err := dir.Init(); err != nil {
		t.Fatal(err)
	}
	plan := killPlan(t)
	iterations := 30
	if testing.Short() {
		iterations = 8
	}
	rng := rand.New(rand.NewSource(20251))
	drop := time.Date(2025, 4, 1, 8, 0, 0, 0, domain.WIT)
	next := 0
	dropSome := func(n int) {
		for ; n > 0 && next < len(plan); n-- {
			pu := plan[next]
			path := filepath.Join(dir.InboxOf(pu.agency), pu.name)
			mtime := drop.Add(time.Duration(next) * time.Minute) // plan order = mtime order
			if pu.write == nil {
				writeAt(t, path, string(plan[pu.copyOf].data), mtime)
			} else {
				pu.write(path, mtime)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			pu.data = b
			next++
		}
	}
	dropSome(6)
	entries := func() int {
		l, err := dir.LoadLedger()
		if err != nil {
			t.Fatalf("ledger unreadable: %v", err)
		}
		return len(l.Entries)
	}
	kills, afterCommit, recovered, swept := 0, 0, 0, 0
	for i := 0; i < iterations; i++ {
		before := entries()
		cmd := exec.Command(bin, "--dir", dir.Root(), "ingest")
		cmd.Env = append(os.Environ(), "PANTAU_INGEST_SLOW=10ms")
		stderr := &watchWriter{want: "ingested file", seen: make(chan struct{})}
		cmd.Stderr = stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waited := make(chan error, 1)
		go func() { waited <- cmd.Wait() }()
		// A random moment mostly lands before the first commit (starting
		// takes most of the time), so every third run is killed just after
		// it committed a file, in the middle of the next one's steps.
		if i%3 == 2 {
			select {
			case <-stderr.seen:
				time.Sleep(time.Duration(rng.Intn(40)) * time.Millisecond)
			case err := <-waited: // nothing to commit: it ended
				waited <- err
			case <-time.After(30 * time.Second):
			}
		} else {
			time.Sleep(time.Duration(rng.Intn(400)) * time.Millisecond)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		err := <-waited
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			kills++
			if entries() > before { // the ledger counts an upload this run committed
				afterCommit++
			}
		}
		checkAfterKill(t, dir, plan[:next])
		recovered += strings.Count(stderr.String(), "recovered:")
		swept += strings.Count(stderr.String(), "sweep: removed")
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() > 0 {
			t.Fatalf("iteration %d: pantau ingest failed (%v):\n%s", i, err, stderr.String())
		}
		dropSome(1 + rng.Intn(2))
	}
	dropSome(len(plan))
	out, err := exec.Command(bin, "--dir", dir.Root(), "ingest").CombinedOutput()
	if err != nil {
		t.Fatalf("final run: %v\n%s", err, out)
	}
	recovered += strings.Count(string(out), "recovered:")
	swept += strings.Count(string(out), "sweep: removed")
	t.Logf("%d of %d runs killed (%d after committing a file); %d interrupted uploads finished, %d leftovers swept; final run: %s",
		kills, iterations, afterCommit, recovered, swept, lastLine(out))
	// The test proves nothing unless the kills happened, some of them with
	// work committed and more under way. Once the plan is all dropped
	// (about run 20) a run has little to do and often ends before its kill.
	if kills < iterations/4 {
		t.Errorf("%d of %d runs killed; want at least %d", kills, iterations, iterations/4)
	}
	if afterCommit == 0 {
		t.Errorf("no run was killed after committing a file (%d killed); want at least one", kills)
	}
	checkLakeWhole(t, dir, plan)
}

// watchWriter collects a child's stderr and closes seen when want first
// appears in it. exec writes from one goroutine; String is read after Wait.
type watchWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want string
	seen chan struct{}
	once sync.Once
}

func (w *watchWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := w.buf.Write(p)
	if bytes.Contains(w.buf.Bytes(), []byte(w.want)) {
		w.once.Do(func() { close(w.seen) })
	}
	return n, err
}

func (w *watchWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// checkAfterKill checks what must hold at any instant, even right after a
// SIGKILL: every dropped file is in exactly one place (still in the inbox,
// or archived or rejected), and every lake file the ledger counts exists.
func checkAfterKill(t *testing.T, dir lake.Dir, dropped []*plannedUpload) {
	t.Helper()
	stored := storedByContent(dir)
	for _, pu := range dropped {
		k := pu.agency + "/" + pu.name
		n := stored[k+"/"+sha(pu.data)]
		if exists(filepath.Join(dir.InboxOf(pu.agency), pu.name)) {
			n++
		}
		if n != 1 {
			filepath.WalkDir(dir.Root(), func(p string, de os.DirEntry, err error) error {
				if err == nil && !de.IsDir() && strings.Contains(p, pu.agency) {
					t.Logf("  %s", p)
				}
				return nil
			})
			if b, err := os.ReadFile(dir.Ledger()); err == nil {
				t.Logf("ledger: %s", b)
			}
			t.Fatalf("after a kill: %s is in %d places; want exactly 1", k, n)
		}
	}
	l, err := dir.LoadLedger()
	if err != nil {
		t.Fatalf("after a kill: ledger unreadable: %v", err)
	}
	for _, k := range domain.Kinds {
		for _, e := range l.Current(k) {
			if !exists(dir.Abs(e.LakeFile)) {
				t.Fatalf("after a kill: current upload %s has no lake file %s", e.ID, e.LakeFile)
			}
		}
	}
}

// storedByContent counts the originals under archive/ and rejected/ by
// "<agency>/<original name>/<sha256>".
func storedByContent(dir lake.Dir) map[string]int {
	stored := map[string]int{}
	for _, sub := range []string{"archive", "rejected"} {
		filepath.WalkDir(dir.Abs(sub), func(p string, de os.DirEntry, err error) error {
			if err == nil && !de.IsDir() {
				b, _ := os.ReadFile(p)
				name := de.Name()
				if i := strings.Index(name, "_"); i > 0 { // <time>_<id8>_<name>
					if j := strings.Index(name[i+1:], "_"); j > 0 {
						name = name[i+1+j+1:]
					}
				}
				stored[filepath.Base(filepath.Dir(p))+"/"+name+"/"+sha(b)]++
			}
			return nil
		})
	}
	return stored
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// checkLakeWhole proves the invariants of a data directory after the plan
// was ingested: every input in archive/ or rejected/ exactly once with one
// ledger entry and a receipt, the expected outcome of each, no temp or
// orphan files, and each current upload's rows in the lake exactly once
// (counted by DuckDB).
func checkLakeWhole(t *testing.T, dir lake.Dir, plan []*plannedUpload) {
	t.Helper()
	l, err := dir.LoadLedger()
	if err != nil {
		t.Fatal(err)
	}
	entries := map[string][]lake.Entry{}
	for _, e := range l.Entries {
		entries[e.Agency+"/"+e.File] = append(entries[e.Agency+"/"+e.File], e)
	}
	if len(l.Entries) != len(plan) {
		t.Errorf("ledger has %d entries; want one per upload, %d", len(l.Entries), len(plan))
	}
	stored := storedByContent(dir)
	current := map[string][]string{} // agency/period → the file names that must be current
	for _, pu := range plan {
		k := pu.agency + "/" + pu.name
		es := entries[k]
		if len(es) != 1 {
			t.Errorf("%s: %d ledger entries; want exactly 1", k, len(es))
			continue
		}
		e := es[0]
		if e.Status != pu.status || e.RowsAccepted != pu.accepted || e.Decision != pu.decision {
			t.Errorf("%s: %s %q with %d rows; want %s %q with %d", k, e.Status, e.Decision, e.RowsAccepted, pu.status, pu.decision, pu.accepted)
		}
		if e.Hash != sha(pu.data) {
			t.Errorf("%s: ledger hash differs from the file's", k)
		}
		if n := stored[k+"/"+sha(pu.data)]; n != 1 {
			t.Errorf("%s: stored %d times in archive/ or rejected/; want 1", k, n)
		}
		if exists(filepath.Join(dir.InboxOf(pu.agency), pu.name)) {
			t.Errorf("%s: still in the inbox", k)
		}
		if !exists(dir.Abs(e.Stored)) || !exists(dir.Abs(e.Receipt)) {
			t.Errorf("%s: stored %q or receipt %q missing", k, e.Stored, e.Receipt)
		}
		switch pu.decision { // a month is a set: additions join it, a replacement starts it again
		case lake.Replaced:
			current[pu.key] = []string{pu.name}
		case lake.Added:
			current[pu.key] = append(current[pu.key], pu.name)
		}
	}
	// No temp files anywhere, no orphan lake files; the final run compacted
	// every kind and period with two or more current uploads (and only those),
	// with the JP aggregate of every attendance set.
	want := map[string]bool{}
	for _, k := range domain.Kinds {
		for _, e := range l.Current(k) {
			want[e.LakeFile] = true
		}
	}
	sets := l.CompactSets()
	for _, s := range sets {
		want[s.File] = true
		if s.JPFile != "" { // an attendance set's JP aggregate, written beside it
			want[s.JPFile] = true
		}
	}
	filepath.WalkDir(dir.Root(), func(p string, de os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if lake.IsTemp(p) {
			t.Errorf("temp file left: %s", p)
		}
		rel, _ := filepath.Rel(dir.Root(), p)
		if !de.IsDir() && strings.HasSuffix(p, ".parquet") && !strings.HasPrefix(rel, filepath.Join("lake", "referensi")) {
			if !want[rel] {
				t.Errorf("orphan lake file %s", rel)
			}
			delete(want, rel)
		}
		return nil
	})
	for rel := range want {
		t.Errorf("current ledger entry's lake file %s missing", rel)
	}
	// Rows in the lake, by DuckDB: each current upload's rows exactly once.
	var files []string
	wantRows := map[string]int{}
	gotCurrent := map[string][]string{}
	for _, e := range l.Current(domain.Kehadiran) {
		files = append(files, "'"+dir.Abs(e.LakeFile)+"'")
		wantRows[e.ID] = e.RowsAccepted
		gotCurrent[e.Agency+"/"+e.Period] = append(gotCurrent[e.Agency+"/"+e.Period], e.File)
	}
	for k := range gotCurrent {
		sort.Strings(gotCurrent[k])
	}
	for k := range current {
		sort.Strings(current[k])
	}
	if diff := cmp.Diff(current, gotCurrent); diff != "" {
		t.Errorf("current uploads per month (-plan +ledger):\n%s", diff)
	}
	sort.Strings(files)
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT upload_id, count(*), count(DISTINCT source_row) FROM read_parquet([` +
		strings.Join(files, ",") + `]) GROUP BY upload_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	gotRows := map[string]int{}
	for rows.Next() {
		var id string
		var n, distinct int
		if err := rows.Scan(&id, &n, &distinct); err != nil {
			t.Fatal(err)
		}
		if n != distinct {
			t.Errorf("upload %s: %d rows but %d distinct source rows", id, n, distinct)
		}
		gotRows[id] = n
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for id, n := range wantRows {
		if gotRows[id] != n {
			t.Errorf("upload %s: %d rows in the lake; want %d", id, gotRows[id], n)
		}
		delete(gotRows, id)
	}
	for id, n := range gotRows {
		t.Errorf("upload %s: %d rows in the lake but not current", id, n)
	}
	// Each compacted file holds exactly its uploads' rows, once.
	if len(sets) == 0 {
		t.Error("no compacted files: the plan has months with several agencies' uploads")
	}
	for _, s := range sets {
		got := map[string]int{}
		rows, err := db.Query(`SELECT upload_id, count(DISTINCT source_row), count(*) FROM read_parquet('` +
			dir.Abs(s.File) + `') GROUP BY upload_id`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id string
			var distinct, n int
			if err := rows.Scan(&id, &distinct, &n); err != nil {
				t.Fatal(err)
			}
			if n != distinct {
				t.Errorf("%s: upload %s has %d rows but %d distinct source rows", s.File, id, n, distinct)
			}
			got[id] = n
		}
		rows.Close()
		wantSet := map[string]int{}
		for _, e := range s.Entries {
			wantSet[e.ID] = e.RowsAccepted
		}
		if diff := cmp.Diff(wantSet, got); diff != "" {
			t.Errorf("%s: rows per upload (-ledger +file):\n%s", s.File, diff)
		}
	}
}
