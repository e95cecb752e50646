package lake

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
)

func compactLedger() *Ledger {
	p := domain.MustPeriod("2026-10")
	l := &Ledger{}
	add := func(id, agency string, k domain.Kind, per domain.Period, replaces ...string) {
		l.Add(Entry{ID: id, Agency: agency, Kind: k, Period: per.String(), Status: Accepted,
			LakeFile: LakeFile(k, per, agency, id), Replaces: replaces})
	}
	add("k1", "kota-ambon", domain.Kehadiran, p)
	add("k2", "kab-buru", domain.Kehadiran, p, "")
	add("k3", "kab-buru", domain.Kehadiran, p.Add(-1), "") // alone in its month: nothing to compact
	add("s1", "kota-ambon", domain.Survei, p, "")
	add("s2", "kab-buru", domain.Survei, p, "")
	l.Add(Entry{ID: "r1", Agency: "kab-aru", Kind: domain.Survei, Period: p.String(), Status: Rejected})
	return l
}

func TestCompactSets(t *testing.T) {
	l := compactLedger()
	sets := l.CompactSets()
	type got struct {
		Kind   domain.Kind
		Period string
		IDs    []string
	}
	var gs []got
	for _, s := range sets {
		g := got{Kind: s.Kind, Period: s.Period}
		for _, e := range s.Entries {
			g.IDs = append(g.IDs, e.ID)
		}
		gs = append(gs, g)
		if want := filepath.Join("lake", "compact", string(s.Kind), s.Period+"-"); !strings.HasPrefix(s.File, want) ||
			filepath.Ext(s.File) != ".parquet" {
			t.Errorf("%s %s: File = %s; want %s<digest>.parquet", s.Kind, s.Period, s.File, want)
		}
	}
	// Kinds in domain order (kehadiran before survei); entries by agency.
	want := []got{
		{domain.Kehadiran, "2026-10", []string{"k2", "k1"}},
		{domain.Survei, "2026-10", []string{"s2", "s1"}},
	}
	if diff := cmp.Diff(want, gs); diff != "" {
		t.Errorf("CompactSets (-want +got):\n%s", diff)
	}

	// The name is a function of the set: the same ledger gives the same
	// name, a revision of one upload gives another.
	before := sets[0].File
	if again := compactLedger().CompactSets()[0].File; again != before {
		t.Errorf("same set, different name: %s vs %s", before, again)
	}
	l.Add(Entry{ID: "k1b", Agency: "kota-ambon", Kind: domain.Kehadiran, Period: "2026-10", Status: Accepted,
		LakeFile: LakeFile(domain.Kehadiran, domain.MustPeriod("2026-10"), "kota-ambon", "k1b"), Replaces: IDs{"k1"}})
	after := l.CompactSets()[0]
	if after.File == before {
		t.Errorf("a revision left the compacted name unchanged (%s): readers would read the replaced rows", before)
	}
	if after.Entries[1].ID != "k1b" {
		t.Errorf("after the revision the set holds %v; want k2, k1b", after.Entries)
	}
}

func TestSweepKeepsOnlyCurrentCompactedFiles(t *testing.T) {
	d := Dir(t.TempDir())
	l := compactLedger()
	valid := l.CompactSets()[0].File
	stale := filepath.Join("lake", "compact", "kehadiran", "2026-10-0123456789abcdef.parquet")
	for _, f := range []string{valid, stale} {
		if err := os.MkdirAll(filepath.Dir(d.Abs(f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(d.Abs(f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	removed, err := d.Sweep(l)
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(removed)
	if diff := cmp.Diff([]string{stale}, removed); diff != "" {
		t.Errorf("Sweep removed (-want +got):\n%s", diff)
	}
	if _, err := os.Stat(d.Abs(valid)); err != nil {
		t.Errorf("Sweep removed the current compacted file: %v", err)
	}
}

func TestSweepLeavesLakeFilesWhileReadersAreOpen(t *testing.T) {
	d := Dir(t.TempDir())
	l := compactLedger()
	stale := filepath.Join("lake", "compact", "kehadiran", "2026-10-0123456789abcdef.parquet")
	orphan := LakeFile(domain.Survei, domain.MustPeriod("2026-10"), "kota-ambon", "crashed")
	tmp := filepath.Join("lake", "compact", "kehadiran", TempPrefix+"x.parquet")
	for _, f := range []string{stale, orphan, tmp} {
		if err := os.MkdirAll(filepath.Dir(d.Abs(f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(d.Abs(f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	reader, err := d.ReadLock(ReaderLock) // a report's transform session
	if err != nil {
		t.Fatal(err)
	}
	removed, err := d.Sweep(l)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 0 {
		t.Errorf("Sweep with a reader open removed %q; want nothing", removed)
	}
	// Temp files do not wait for readers: none opens one (SweepTemps).
	if removed, err := d.SweepTemps(); err != nil || !cmp.Equal(removed, []string{tmp}) {
		t.Errorf("SweepTemps with a reader open = %q, %v; want %q", removed, err, tmp)
	}
	if err := reader.Unlock(); err != nil {
		t.Fatal(err)
	}
	removed, err = d.Sweep(l)
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(removed)
	want := []string{stale} // the orphan is kept: its entry may have been lost
	sort.Strings(want)
	if diff := cmp.Diff(want, removed); diff != "" {
		t.Errorf("Sweep after the reader closed removed (-want +got):\n%s", diff)
	}
}
