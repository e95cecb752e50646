package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// ingestTwo ingests a March file of two agencies and a revision of one.
func ingestTwo(t *testing.T) (lake.Dir, *lake.Ledger) {
	t.Helper()
	dir := lake.Dir(t.TempDir())
	writeKehadiran(t, filepath.Join(dir.InboxOf("kota-ambon"), "kehadiran_2025-03.xlsx"), march, 8, 0, "a", testDrop)
	writeKehadiran(t, filepath.Join(dir.InboxOf("kab-buru"), "kehadiran_2025-03.xlsx"), march, 5, 0, "b", testDrop)
	runOnce(t, dir, DefaultConfig())
	writeKehadiran(t, filepath.Join(dir.InboxOf("kota-ambon"), "kehadiran_2025-03 revisi.xlsx"), march, 9, 0, "c", testDrop)
	runOnce(t, dir, DefaultConfig())
	l := ledgerOf(t, dir)
	if len(l.Entries) != 3 || len(l.Current(domain.Kehadiran)) != 2 {
		t.Fatalf("ledger = %d entries, %d current; want 3 and 2", len(l.Entries), len(l.Current(domain.Kehadiran)))
	}
	return dir, l
}

// TestRunRefusesLostLedger: with the ledger deleted, or replaced by an empty
// one, ingest refuses and deletes nothing — not the lake files, not the
// file waiting in the inbox — and Repair rebuilds the same ledger from the
// entries kept in the lake files and beside the archived originals.
func TestRunRefusesLostLedger(t *testing.T) {
	for _, tc := range []struct {
		name string
		lose func(dir lake.Dir) error
		want error
	}{
		{"deleted", func(dir lake.Dir) error {
			return errors.Join(os.Remove(dir.Ledger()), os.Remove(dir.Journal()))
		}, lake.ErrLedgerLost},
		{"snapshot deleted", func(dir lake.Dir) error { return os.Remove(dir.Ledger()) }, lake.ErrLedgerDamaged},
		{"emptied", func(dir lake.Dir) error {
			return os.WriteFile(dir.Ledger(), []byte(`{"entries":[]}`), 0o644)
		}, lake.ErrLedgerDamaged},
		{"emptied, no journal", func(dir lake.Dir) error {
			return errors.Join(os.WriteFile(dir.Ledger(), []byte(`{"entries":[]}`), 0o644), os.Remove(dir.Journal()))
		}, lake.ErrLedgerLost},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, before := ingestTwo(t)
			lakeBefore := files(t, dir, "lake")
			waiting := filepath.Join(dir.InboxOf("kab-buru"), "kehadiran_2025-04.xlsx")
			writeKehadiran(t, waiting, domain.MustPeriod("2025-04"), 3, 0, "d", testDrop)
			if err := tc.lose(dir); err != nil {
				t.Fatal(err)
			}
			_, err := Run(t.Context(), dir, DefaultConfig(), testNow, discardLog())
			if !errors.Is(err, tc.want) {
				t.Fatalf("Run with the ledger %s = %v; want %v", tc.name, err, tc.want)
			}
			if got := files(t, dir, "lake"); !cmp.Equal(got, lakeBefore) {
				t.Errorf("lake after the refused run = %q; want it untouched, %q", got, lakeBefore)
			}
			if !exists(waiting) {
				t.Errorf("%s left the inbox during a refused run", waiting)
			}

			plan, err := dir.Repair()
			if err != nil {
				t.Fatal(err)
			}
			if plan.FromLake != 2 || plan.FromRecords != 3 || len(plan.Added) != 3 || len(plan.NoEntry)+len(plan.Bare)+len(plan.Conflicts)+len(plan.Disagree) != 0 {
				t.Errorf("Repair found %d in the lake, %d records, added %d, no entry %q, bare %q, conflicts %q, disagree %q; want 2, 3, 3 and nothing else",
					plan.FromLake, plan.FromRecords, len(plan.Added), plan.NoEntry, plan.Bare, plan.Conflicts, plan.Disagree)
			}
			if err := dir.ApplyRepair(plan); err != nil {
				t.Fatal(err)
			}
			after := ledgerOf(t, dir)
			if diff := cmp.Diff(before.Entries, after.Entries); diff != "" {
				t.Errorf("repaired ledger (-before +after):\n%s", diff)
			}
			// The next run ingests the waiting file and keeps everything else.
			sum := runOnce(t, dir, DefaultConfig())
			if sum.Accepted != 1 || len(ledgerOf(t, dir).Entries) != 4 {
				t.Errorf("run after repair: %+v, %d entries; want 1 accepted, 4 entries", sum, len(ledgerOf(t, dir).Entries))
			}
		})
	}
}

// TestRunKeepsUnknownLakeFile: a lake file the ledger does not name (here
// a file of an upload whose entry is gone) is kept and not counted.
func TestRunKeepsUnknownLakeFile(t *testing.T) {
	dir, _ := ingestTwo(t)
	unknown := lake.LakeFile(domain.Kehadiran, march, "kab-buru", "0123456789abcdef")
	writeAt(t, dir.Abs(unknown), "not yet known", testDrop)
	tmp := filepath.Join(filepath.Dir(dir.Abs(unknown)), lake.TempPrefix+"x.parquet-1")
	writeAt(t, tmp, "half", testDrop)
	runOnce(t, dir, DefaultConfig())
	if !exists(dir.Abs(unknown)) {
		t.Errorf("unknown lake file %s removed; want it kept", unknown)
	}
	if exists(tmp) {
		t.Errorf("temp file %s kept; want it swept", tmp)
	}
	l := ledgerOf(t, dir)
	for _, e := range l.Current(domain.Kehadiran) {
		if e.LakeFile == unknown {
			t.Errorf("unknown lake file counts as current upload %s", e.ID)
		}
	}
}

// TestRunFinishesFirstUploadAfterCrash: the very first run died after
// writing a lake file and before its ledger entry: there is no ledger, but
// the lake file's entry names a file still in the inbox with the same
// bytes, so the data directory is not taken for one that lost its ledger;
// the next run ingests the file once, into the same lake file.
func TestRunFinishesFirstUploadAfterCrash(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	in := filepath.Join(dir.InboxOf("kota-ambon"), "kehadiran_2025-03.xlsx")
	writeKehadiran(t, in, march, 8, 0, "a", testDrop)
	runOnce(t, dir, DefaultConfig())
	e := ledgerOf(t, dir).Entries[0]
	// Undo everything but the lake file, as if the process died right after writing it.
	if err := os.Rename(dir.Abs(e.Stored), in); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{dir.Ledger(), dir.Journal(), dir.Abs(lake.RecordOf(e.Stored)), dir.Abs(e.Receipt)} {
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
	}
	sum := runOnce(t, dir, DefaultConfig())
	l := ledgerOf(t, dir)
	if sum.Accepted != 1 || len(l.Entries) != 1 || l.Entries[0].LakeFile != e.LakeFile {
		t.Errorf("after the crash: %+v, entries %+v; want one accepted upload in %s", sum, l.Entries, e.LakeFile)
	}
	if got := files(t, dir, "lake/kehadiran"); !cmp.Equal(got, []string{e.LakeFile}) {
		t.Errorf("lake = %q; want [%s]", got, e.LakeFile)
	}
}

// TestLakeFileCarriesEntry: the entry kept in a lake file and beside the
// archived original is the ledger's, but for ReplacedBy.
func TestLakeFileCarriesEntry(t *testing.T) {
	dir, l := ingestTwo(t)
	for _, e := range l.Entries {
		want := e
		want.ReplacedBy = ""
		if e.Current() {
			got, ok, err := lake.ReadFileEntry(dir.Abs(e.LakeFile))
			if err != nil || !ok {
				t.Fatalf("ReadFileEntry(%s) = %v, %v", e.LakeFile, ok, err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: lake file entry (-ledger +file):\n%s", e.ID, diff)
			}
		}
		if !exists(dir.Abs(lake.RecordOf(e.Stored))) {
			t.Errorf("%s: no record beside %s", e.ID, e.Stored)
		}
	}
}
