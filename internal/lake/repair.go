package lake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// RepairPlan is what Repair found in a data directory and the ledger it
// would write.
type RepairPlan struct {
	Ledger *Ledger // the rebuilt ledger

	Before    int   // entries of the ledger as it reads now
	BeforeErr error // why the ledger as it is could not be read (it is then taken as empty)

	FromLake    int      // upload lake files that carry an entry
	FromRecords int      // entry records beside originals in archive/ and rejected/
	Added       []Entry  // entries the ledger lacked, in ingest order
	Disagree    []string // ids whose lake file and record differ (the lake file's entry is used)
	NoEntry     []string // upload lake files without an entry (written before Pantau kept one): left as they are
	Bare        []string // stored originals without a record (likewise)
	Conflicts   []string // entries found for a lake file another entry already names: not added
}

// Changed reports whether applying p would change the ledger.
func (p *RepairPlan) Changed() bool { return len(p.Added) > 0 || p.BeforeErr != nil }

// Repair rebuilds the ledger from what the data directory holds: the
// entries kept in upload lake files and beside the originals in archive/
// and rejected/, merged with the ledger as it reads now (if it reads at all).
// Entries are put back in ingest order (Seq) and ReplacedBy derived again
// from each entry's Replaces. Repair writes nothing; ApplyRepair does.
func (d Dir) Repair() (*RepairPlan, error) {
	p := &RepairPlan{}
	base, err := d.readLedger()
	var journaled []Entry
	if err != nil {
		p.BeforeErr = err
		base = d.readSnapshotOnly()
		journaled = d.readJournalOnly()
	}
	p.Before = len(base.Entries)
	known := map[string]bool{}
	named := map[string]string{} // lake file → id
	for _, e := range base.Entries {
		known[e.ID] = true
		if e.LakeFile != "" {
			named[filepath.Clean(e.LakeFile)] = e.ID
		}
	}

	found := map[string]Entry{}
	err = d.walkUploadFiles(func(rel string) error {
		e, ok, err := ReadFileEntry(d.Abs(rel))
		if err != nil {
			return err
		}
		if !ok {
			if _, isNamed := named[rel]; !isNamed {
				p.NoEntry = append(p.NoEntry, rel)
			}
			return nil
		}
		p.FromLake++
		if filepath.Clean(e.LakeFile) != rel {
			p.Conflicts = append(p.Conflicts, fmt.Sprintf("%s: its entry %s names %s", rel, e.ID, e.LakeFile))
			return nil
		}
		found[e.ID] = e
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("repair: lake: %w", err)
	}
	records, bare, err := d.readRecords()
	if err != nil {
		return nil, fmt.Errorf("repair: archive: %w", err)
	}
	p.FromRecords = len(records)
	for _, e := range records {
		if prev, ok := found[e.ID]; ok {
			if !sameEntry(prev, e) {
				p.Disagree = append(p.Disagree, e.ID)
			}
			continue
		}
		found[e.ID] = e
	}
	for _, e := range journaled {
		if _, ok := found[e.ID]; !ok {
			found[e.ID] = e
		}
	}
	for _, rel := range bare {
		if !base.StoredUsed(rel) {
			p.Bare = append(p.Bare, rel)
		}
	}

	all := append([]Entry(nil), base.Entries...)
	for id, e := range found {
		if known[id] {
			continue
		}
		if e.LakeFile != "" {
			if other, ok := named[filepath.Clean(e.LakeFile)]; ok && other != id {
				p.Conflicts = append(p.Conflicts, fmt.Sprintf("%s: found entry %s, but the ledger's %s names it", e.LakeFile, id, other))
				continue
			}
		}
		all = append(all, e)
		p.Added = append(p.Added, e)
	}
	byOrder := func(es []Entry) {
		sort.SliceStable(es, func(i, j int) bool {
			if es[i].Seq != es[j].Seq {
				return es[i].Seq < es[j].Seq
			}
			if !es[i].IngestedAt.Equal(es[j].IngestedAt) {
				return es[i].IngestedAt.Before(es[j].IngestedAt)
			}
			return es[i].ID < es[j].ID
		})
	}
	byOrder(all)
	byOrder(p.Added)
	sort.Strings(p.Disagree)
	sort.Strings(p.NoEntry)
	sort.Strings(p.Bare)
	sort.Strings(p.Conflicts)

	p.Ledger = &Ledger{Generation: max(base.Generation, d.generationOnDisk())}
	for _, e := range all {
		e.ReplacedBy = ""
		p.Ledger.Add(e)
	}
	return p, nil
}

// ApplyRepair writes p's ledger as a new snapshot (keeping the previous
// ones) with an empty journal. The caller holds the ingest lock.
func (d Dir) ApplyRepair(p *RepairPlan) error {
	return d.SaveLedger(p.Ledger)
}

// generationOnDisk is the highest generation the journal or the kept
// snapshots mention, so a rebuilt snapshot is newer than all of them.
func (d Dir) generationOnDisk() int {
	g := 0
	if b, err := os.ReadFile(d.Journal()); err == nil {
		var h journalHeader
		if line, _, _ := bytes.Cut(b, []byte("\n")); json.Unmarshal(line, &h) == nil && h.Base != nil {
			g = max(g, *h.Base)
		}
	}
	for n := 1; n <= Generations; n++ {
		b, err := os.ReadFile(d.LedgerGeneration(n))
		if err != nil {
			continue
		}
		var l struct {
			Generation int `json:"generation"`
		}
		if json.Unmarshal(b, &l) == nil {
			g = max(g, l.Generation)
		}
	}
	return g
}

// readSnapshotOnly is the snapshot as it parses, or an empty ledger.
func (d Dir) readSnapshotOnly() *Ledger {
	l := &Ledger{}
	if b, err := os.ReadFile(d.Ledger()); err == nil && json.Unmarshal(b, l) == nil {
		l.idx = nil
		return l
	}
	return &Ledger{}
}

// readJournalOnly is every entry of the journal that parses, whatever its base.
func (d Dir) readJournalOnly() []Entry {
	b, err := os.ReadFile(d.Journal())
	if err != nil {
		return nil
	}
	var out []Entry
	for i, line := range bytes.Split(b, []byte("\n")) {
		var e Entry
		if i > 0 && json.Unmarshal(line, &e) == nil && e.ID != "" {
			out = append(out, e)
		}
	}
	return out
}

func sameEntry(a, b Entry) bool {
	a.ReplacedBy, b.ReplacedBy = "", ""
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}
