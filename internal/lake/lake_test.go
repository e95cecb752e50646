package lake

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
)

func TestLedgerReplaceAndCurrent(t *testing.T) {
	d := Dir(t.TempDir())
	l, err := d.LoadLedger()
	if err != nil || len(l.Entries) != 0 {
		t.Fatalf("LoadLedger on empty dir = %v, %v; want empty ledger", l, err)
	}
	p := domain.MustPeriod("2026-10")
	l.Add(Entry{ID: "a1", Agency: "kota-ambon", Kind: domain.Kehadiran, Period: "2026-10", Status: Accepted, Revision: 1})
	l.Add(Entry{ID: "b1", Agency: "kab-buru", Kind: domain.Kehadiran, Period: "2026-09", Status: Partial, Revision: 1})
	l.Add(Entry{ID: "r1", Agency: "kab-buru", Kind: domain.Kehadiran, Status: Rejected})
	l.Add(Entry{ID: "a2", Agency: "kota-ambon", Kind: domain.Kehadiran, Period: "2026-10", Status: Accepted, Replaces: IDs{"a1"}, Revision: 2})
	if err := d.SaveLedger(l); err != nil {
		t.Fatal(err)
	}
	l, err = d.LoadLedger()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range l.Current(domain.Kehadiran) {
		ids = append(ids, e.ID)
	}
	if diff := cmp.Diff([]string{"b1", "a2"}, ids); diff != "" {
		t.Errorf("Current(kehadiran) ids (-want +got):\n%s", diff)
	}
	if e, _ := l.Find("a1"); e.ReplacedBy != "a2" {
		t.Errorf("a1.ReplacedBy = %q; want a2", e.ReplacedBy)
	}
	if es := l.CurrentFor("kota-ambon", domain.Kehadiran, p); len(es) != 1 || es[0].ID != "a2" {
		t.Errorf("CurrentFor = %v; want [a2]", es)
	}
}

// A month is a set of uploads: pieces added to it are all current; a
// revision replaces every one of them at once.
func TestMonthIsASetOfUploads(t *testing.T) {
	l := &Ledger{}
	p := domain.MustPeriod("2026-10")
	add := func(id string, d Decision, replaces ...string) {
		l.Add(Entry{ID: id, Agency: "kota-ambon", Kind: domain.Kehadiran, Period: p.String(), Status: Accepted,
			Decision: d, Replaces: replaces})
	}
	add("a1", Added)
	add("a2", Added)
	add("a3", Added)
	ids := func() (out []string) {
		for _, e := range l.CurrentFor("kota-ambon", domain.Kehadiran, p) {
			out = append(out, e.ID)
		}
		return out
	}
	if diff := cmp.Diff([]string{"a1", "a2", "a3"}, ids()); diff != "" {
		t.Errorf("after three additions, current (-want +got):\n%s", diff)
	}
	add("r1", Replaced, "a1", "a2", "a3")
	if diff := cmp.Diff([]string{"r1"}, ids()); diff != "" {
		t.Errorf("after the revision, current (-want +got):\n%s", diff)
	}
	for _, id := range []string{"a1", "a2", "a3"} {
		if e, _ := l.Find(id); e.ReplacedBy != "r1" {
			t.Errorf("%s.ReplacedBy = %q; want r1", id, e.ReplacedBy)
		}
	}
}

// Ledgers written before months were sets have "replaces" as one string.
func TestReplacesReadsOldAndNewForm(t *testing.T) {
	for in, want := range map[string]IDs{
		`{"id":"b","replaces":"a"}`:       {"a"},
		`{"id":"b","replaces":["a","c"]}`: {"a", "c"},
		`{"id":"b","replaces":""}`:        nil,
		`{"id":"b"}`:                      nil,
		`{"id":"b","replaces":null}`:      nil,
	} {
		var e Entry
		if err := json.Unmarshal([]byte(in), &e); err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if diff := cmp.Diff(want, e.Replaces); diff != "" {
			t.Errorf("%s: Replaces (-want +got):\n%s", in, diff)
		}
	}
	b, _ := json.Marshal(Entry{ID: "b", Replaces: IDs{"a"}})
	if !strings.Contains(string(b), `"replaces":["a"]`) {
		t.Errorf("marshal: %s; want replaces as a list", b)
	}
}

func TestSweepKeepsUnknownRemovesReplacedAndTemps(t *testing.T) {
	d := Dir(t.TempDir())
	p := domain.MustPeriod("2026-10")
	keep := LakeFile(domain.Survei, p, "kota-ambon", "new")
	old := LakeFile(domain.Survei, p, "kota-ambon", "old")
	orphan := LakeFile(domain.Survei, p, "kota-ambon", "crashed")
	ref := filepath.Join("lake", "referensi", "kabupaten.parquet")
	tmp := filepath.Join("reports", "2026-10", TempPrefix+"laporan-2026-10.html-123")
	for _, f := range []string{keep, old, orphan, ref, tmp} {
		if err := os.MkdirAll(filepath.Dir(d.Abs(f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(d.Abs(f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l := &Ledger{}
	l.Add(Entry{ID: "old", Status: Accepted, LakeFile: old})
	l.Add(Entry{ID: "new", Status: Accepted, LakeFile: keep, Replaces: IDs{"old"}})
	removed, err := d.Sweep(l)
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(removed)
	// The orphan — a lake file no entry names — may be an upload whose
	// entry was lost: kept, and listed by Unknown.
	want := []string{old}
	sort.Strings(want)
	if diff := cmp.Diff(want, removed); diff != "" {
		t.Errorf("Sweep removed (-want +got):\n%s", diff)
	}
	if unknown, err := d.Unknown(l); err != nil || !cmp.Equal(unknown, []string{orphan}) {
		t.Errorf("Unknown = %q, %v; want [%s]", unknown, err, orphan)
	}
	// Temp files are SweepTemps' (sweep_test.go).
	if removed, err := d.SweepTemps(); err != nil || !cmp.Equal(removed, []string{tmp}) {
		t.Errorf("SweepTemps = %q, %v; want %q", removed, err, tmp)
	}
	for _, f := range []string{keep, ref, orphan} {
		if _, err := os.Stat(d.Abs(f)); err != nil {
			t.Errorf("Sweep removed %s, which it must keep: %v", f, err)
		}
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "f.txt")
	if err := WriteFile(path, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A writer that fails half-way leaves the old content and no temp file.
	boom := errors.New("boom")
	err := WriteWith(path, 0o644, func(w io.Writer) error {
		w.Write([]byte("tw"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("WriteWith error = %v; want %v", err, boom)
	}
	if b, _ := os.ReadFile(path); string(b) != "one" {
		t.Errorf("content after failed write = %q; want %q", b, "one")
	}
	ents, _ := os.ReadDir(filepath.Dir(path))
	if len(ents) != 1 {
		t.Errorf("directory holds %d entries after failed write; want 1 (no temp left)", len(ents))
	}
}

func TestLockExclusive(t *testing.T) {
	d := Dir(t.TempDir())
	l1, err := d.TryLock("ingest")
	if err != nil {
		t.Fatal(err)
	}
	// flock locks belong to open file descriptions, so a second open in the
	// same process conflicts just as another process would.
	if _, err := d.TryLock("ingest"); !errors.Is(err, ErrLocked) {
		t.Errorf("second TryLock error = %v; want ErrLocked", err)
	}
	if l, err := d.TryLock("daemon"); err != nil {
		t.Errorf("TryLock(daemon) while ingest is held = %v; want nil", err)
	} else {
		l.Unlock()
	}
	l1.Unlock()
	l2, err := d.TryLock("ingest")
	if err != nil {
		t.Errorf("TryLock after Unlock = %v; want nil", err)
	}
	l2.Unlock()
}

// TestSchemaShape: every kind has its own columns followed by upload_id and
// source_row, no column twice, and instansi has one expects_ column per kind
// in domain.Kinds order (ingest fills them by that order).
func TestSchemaShape(t *testing.T) {
	for _, k := range domain.Kinds {
		s := KindSchema(k)
		if s == nil {
			t.Fatalf("KindSchema(%s) = nil", k)
		}
		fs := s.Fields()
		seen := map[string]bool{}
		for _, f := range fs {
			if seen[f.Name] {
				t.Errorf("%s: column %s twice", k, f.Name)
			}
			seen[f.Name] = true
			DuckDBType(f.Type) // panics on a type the lake cannot be read as
		}
		if n := len(fs); fs[n-2].Name != "upload_id" || fs[n-1].Name != "source_row" {
			t.Errorf("%s ends with %s, %s; want upload_id, source_row", k, fs[n-2].Name, fs[n-1].Name)
		}
		for _, p := range PartitionKeys {
			if seen[p] {
				t.Errorf("%s has a column %s, a partition key", k, p)
			}
		}
	}
	if KindSchema("lain") != nil {
		t.Error("KindSchema(lain) != nil")
	}
	inst := ReferenceSchema(RefInstansi).Fields()
	for i, k := range domain.Kinds {
		if got := inst[3+i].Name; got != ExpectsColumn(k) {
			t.Errorf("instansi column %d = %s; want %s", 3+i, got, ExpectsColumn(k))
		}
	}
	for _, name := range ReferenceTables {
		if ReferenceSchema(name) == nil {
			t.Errorf("ReferenceSchema(%s) = nil", name)
		}
	}
}
