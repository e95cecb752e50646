package lake

import (
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
)

func ids(l *Ledger) []string {
	var out []string
	for _, e := range l.Entries {
		out = append(out, e.ID)
	}
	return out
}

func entry(id string) Entry {
	return Entry{ID: id, Agency: "kota-ambon", Kind: domain.Kehadiran, Period: "2026-10", Status: Accepted, Hash: "h" + id}
}

// TestLedgerJournal: appended entries are read back after the snapshot,
// appending leaves the snapshot alone, and SaveLedger folds the journal
// into a new generation, keeping the previous snapshots.
func TestLedgerJournal(t *testing.T) {
	d := Dir(t.TempDir())
	l := &Ledger{}
	l.Add(entry("a"))
	if err := d.SaveLedger(l); err != nil {
		t.Fatal(err)
	}
	snap, _ := os.ReadFile(d.Ledger())
	b := entry("b")
	b.Replaces = IDs{"a"}
	l.Add(b)
	l.Add(entry("c"))
	if err := d.AppendLedger(l, l.Entries[1:]); err != nil {
		t.Fatal(err)
	}
	if now, _ := os.ReadFile(d.Ledger()); string(now) != string(snap) {
		t.Error("AppendLedger rewrote the snapshot")
	}
	got, err := d.LoadLedger()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a", "b", "c"}, ids(got)); diff != "" {
		t.Errorf("ledger after append (-want +got):\n%s", diff)
	}
	if a, _ := got.Find("a"); a.ReplacedBy != "b" {
		t.Errorf("a.ReplacedBy = %q after replaying the journal; want b", a.ReplacedBy)
	}
	if diff := cmp.Diff([]int{1, 2, 3}, []int{got.Entries[0].Seq, got.Entries[1].Seq, got.Entries[2].Seq}); diff != "" {
		t.Errorf("Seq (-want +got):\n%s", diff)
	}

	for g := 2; g <= Generations+2; g++ { // more snapshots than are kept
		if err := d.SaveLedger(got); err != nil {
			t.Fatal(err)
		}
		if got.Generation != g {
			t.Fatalf("Generation after save = %d; want %d", got.Generation, g)
		}
	}
	for n := 1; n <= Generations; n++ {
		var old struct{ Generation int }
		b, err := os.ReadFile(d.LedgerGeneration(n))
		if err != nil || json.Unmarshal(b, &old) != nil || old.Generation != Generations+2-n {
			t.Errorf("%s: generation %d, %v; want %d", d.LedgerGeneration(n), old.Generation, err, Generations+2-n)
		}
	}
	if _, err := os.Stat(d.LedgerGeneration(Generations + 1)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("more than %d generations kept", Generations)
	}
	if j, _ := os.ReadFile(d.Journal()); string(j) != `{"base":7}`+"\n" {
		t.Errorf("journal after save = %q; want an empty one on base 7", j)
	}
}

// TestLedgerJournalTornTail: a line torn by a crash mid-append was never
// committed: it is ignored on reading and cut before the next append.
func TestLedgerJournalTornTail(t *testing.T) {
	d := Dir(t.TempDir())
	l := &Ledger{}
	l.Add(entry("a"))
	if err := d.AppendLedger(l, l.Entries); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(d.Journal(), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"id":"torn","agen`)
	f.Close()
	got, err := d.LoadLedger()
	if err != nil || !cmp.Equal(ids(got), []string{"a"}) {
		t.Fatalf("LoadLedger with a torn tail = %v, %v; want [a]", ids(got), err)
	}
	got.Add(entry("b"))
	if err := d.AppendLedger(got, got.Entries[1:]); err != nil {
		t.Fatal(err)
	}
	again, err := d.LoadLedger()
	if err != nil || !cmp.Equal(ids(again), []string{"a", "b"}) {
		t.Errorf("after appending past a torn tail = %v, %v; want [a b]", ids(again), err)
	}
}

// TestLedgerJournalOfAnotherSnapshot: a journal older than the snapshot is
// already in it; one newer means the snapshot was replaced by an older copy.
func TestLedgerJournalOfAnotherSnapshot(t *testing.T) {
	d := Dir(t.TempDir())
	l := &Ledger{}
	l.Add(entry("a"))
	if err := d.SaveLedger(l); err != nil { // generation 1, journal base 1
		t.Fatal(err)
	}
	l.Add(entry("b"))
	if err := d.AppendLedger(l, l.Entries[1:]); err != nil {
		t.Fatal(err)
	}
	// A reader that read this journal and then finds a newer snapshot
	// (ingest folded it meanwhile) must not add b twice.
	journal, _ := os.ReadFile(d.Journal())
	if err := d.SaveLedger(l); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(d.Journal(), journal, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := d.LoadLedger()
	if err != nil || !cmp.Equal(ids(got), []string{"a", "b"}) {
		t.Errorf("stale journal: %v, %v; want [a b]", ids(got), err)
	}
	// The snapshot rolled back to generation 1 under a journal of base 2.
	if err := d.resetJournal(2); err != nil {
		t.Fatal(err)
	}
	old, _ := os.ReadFile(d.LedgerGeneration(1))
	if err := os.WriteFile(d.Ledger(), old, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := d.LoadLedger(); !errors.Is(err, ErrLedgerDamaged) {
		t.Errorf("journal newer than the snapshot: %v; want ErrLedgerDamaged", err)
	}
}

// TestLedgerAppendAfterFoldCut: a run killed inside SaveLedger, after the
// new snapshot and before the journal's reset, leaves a journal of the
// previous base (its entries already in the snapshot, so ignored). The next
// run's appends must not go to that stale journal: they would be ignored
// too, and the uploads they record lost, with their originals moved out of
// the inbox (found by TestKillIngest: 30 of 36 entries after the final run).
func TestLedgerAppendAfterFoldCut(t *testing.T) {
	d := Dir(t.TempDir())
	l := &Ledger{}
	l.Add(entry("a"))
	if err := d.SaveLedger(l); err != nil { // generation 1, journal base 1
		t.Fatal(err)
	}
	l.Add(entry("b"))
	if err := d.AppendLedger(l, l.Entries[1:]); err != nil {
		t.Fatal(err)
	}
	journal, _ := os.ReadFile(d.Journal())  // base 1, entry b
	if err := d.SaveLedger(l); err != nil { // generation 2 ...
		t.Fatal(err)
	}
	if err := os.WriteFile(d.Journal(), journal, 0o644); err != nil { // ... killed before the reset
		t.Fatal(err)
	}
	next, err := d.LoadLedger()
	if err != nil || !cmp.Equal(ids(next), []string{"a", "b"}) {
		t.Fatalf("after the cut fold: %v, %v; want [a b]", ids(next), err)
	}
	next.Add(entry("c"))
	if err := d.AppendLedger(next, next.Entries[2:]); err != nil {
		t.Fatal(err)
	}
	got, err := d.LoadLedger()
	if err != nil || !cmp.Equal(ids(got), []string{"a", "b", "c"}) {
		t.Errorf("appended after a cut fold: %v, %v; want [a b c]", ids(got), err)
	}
	// A journal newer than the ledger it is appended for is never reset.
	if err := d.resetJournal(5); err != nil {
		t.Fatal(err)
	}
	if err := d.AppendLedger(got, got.Entries[2:]); !errors.Is(err, ErrLedgerDamaged) {
		t.Errorf("append under a journal of base 5 to generation %d: %v; want ErrLedgerDamaged", got.Generation, err)
	}
}

// TestLedgerIndex: lookups see entries added without Add, and an entry's
// status edited in place.
func TestLedgerIndex(t *testing.T) {
	l := &Ledger{}
	l.Add(entry("a"))
	if _, ok := l.Find("b"); ok {
		t.Fatal("Find(b) before b was added")
	}
	l.Entries = append(l.Entries, entry("b"))
	if _, ok := l.Find("b"); !ok {
		t.Error("Find(b) after appending to Entries directly: not found")
	}
	p := domain.MustPeriod("2026-10")
	l.Entries[0].ReplacedBy = "b"
	if es := l.CurrentFor("kota-ambon", domain.Kehadiran, p); len(es) != 1 || es[0].ID != "b" {
		t.Errorf("CurrentFor after a edited in place = %v; want [b]", es)
	}
	if es := l.WithHash("kota-ambon", "ha"); len(es) != 1 || es[0].ID != "a" {
		t.Errorf("WithHash(ha) = %v; want [a]", es)
	}
}
