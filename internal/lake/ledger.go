package lake

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
)

// Status of an upload in the ledger.
type Status string

// Upload statuses. Accepted and Partial uploads have a lake file.
const (
	Accepted  Status = "diterima"          // every row accepted
	Partial   Status = "diterima sebagian" // valid rows accepted, the rest listed in the receipt
	Rejected  Status = "ditolak"           // nothing accepted
	Duplicate Status = "duplikat"          // the same bytes as an earlier upload; nothing changed
)

// Decision is what an upload did to its month (docs/uploads.md, "Several files
// for one month").
type Decision string

// Decisions.
const (
	Added    Decision = "added"     // added to the month's current uploads (or the first of them)
	Replaced Decision = "replaced"  // replaced every current upload of the month
	HeldBack Decision = "held_back" // neither could be told from its name or rows: rejected, nothing changed
)

// IDs is a list of upload ids. In JSON it also reads a single string, as
// Entry.Replaces was written before a month could hold several uploads.
type IDs []string

// UnmarshalJSON reads a list of ids, a single id or null.
func (ids *IDs) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var one string
		if err := json.Unmarshal(b, &one); err != nil {
			return err
		}
		*ids = nil
		if one != "" {
			*ids = IDs{one}
		}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*ids = many
	return nil
}

// HasData reports whether uploads with status s put rows in the lake.
func (s Status) HasData() bool { return s == Accepted || s == Partial }

// Entry is one upload as the ledger records it. Paths are relative to the
// data directory.
type Entry struct {
	ID           string      `json:"id"`
	Hash         string      `json:"sha256"`
	Agency       string      `json:"agency"`
	Kind         domain.Kind `json:"kind,omitempty"`
	Period       string      `json:"period,omitempty"` // YYYY-MM; empty when it could not be told
	File         string      `json:"file"`             // the original file name
	ReceivedAt   time.Time   `json:"received_at"`      // when it arrived in the inbox (its stable mtime)
	IngestedAt   time.Time   `json:"ingested_at"`
	RowsRead     int         `json:"rows_read"`
	RowsAccepted int         `json:"rows_accepted"`
	RowsRejected int         `json:"rows_rejected"`
	Status       Status      `json:"status"`
	Reason       string      `json:"reason,omitempty"`    // why a file was rejected (Indonesian)
	LakeFile     string      `json:"lake_file,omitempty"` // for accepted and partial uploads
	Stored       string      `json:"stored,omitempty"`    // the original under archive/ or rejected/
	Receipt      string      `json:"receipt,omitempty"`
	// Replaces lists the ids of the uploads this one replaced: every
	// current upload of its (agency, kind, period) when it was a revision.
	Replaces   IDs    `json:"replaces,omitempty"`
	ReplacedBy string `json:"replaced_by,omitempty"` // set when a later upload replaced this one
	// Decision is how the upload met the month's current uploads: Added
	// (the first, or one more piece), Replaced (a revision or a cumulative
	// copy) or HeldBack (it overlapped too much to tell; status Rejected).
	// Empty for entries written before months were sets.
	Decision    Decision `json:"decision,omitempty"`
	DuplicateOf string   `json:"duplicate_of,omitempty"`
	Revision    int      `json:"revision,omitempty"` // 1 for the first upload of (agency, kind, period)
	// Seq is the entry's place in ingest order (1, 2, …): uploads of one
	// run share IngestedAt, and a ledger rebuilt from the lake and archive/
	// (Repair) is put back in this order.
	Seq int `json:"seq,omitempty"`
}

// Current reports whether e's rows count in the lake.
func (e Entry) Current() bool { return e.Status.HasData() && e.ReplacedBy == "" }

// Ledger is every upload ever seen, in ingest order.
//
// Lookups go through an index of positions built on first use and kept up
// to date by Add; a ledger shared between goroutines must have its index
// built before they start (LoadLedger and Clone do). The index holds only
// positions keyed by fields that never change after Add (id, agency, hash,
// kind, period, file, stored path), so an entry's status may be edited in
// place without making it stale.
type Ledger struct {
	// Generation counts the ledger's snapshots (state/ledger.json): each
	// SaveLedger writes generation+1 and keeps the previous ones.
	Generation int     `json:"generation,omitempty"`
	Entries    []Entry `json:"entries"`

	idx *ledgerIndex
}

type ledgerIndex struct {
	n        int              // entries indexed
	byID     map[string]int   // id → position
	byHash   map[string][]int // agency/hash → positions
	byMonth  map[string][]int // agency/kind/period → positions
	byStored map[string]bool  // stored paths in use
}

func hashKey(agency, hash string) string { return agency + "\x00" + hash }
func monthKey(agency string, k domain.Kind, p string) string {
	return agency + "\x00" + string(k) + "\x00" + p
}

// index returns the lookup index, (re)building it when entries were added
// without Add.
func (l *Ledger) index() *ledgerIndex {
	if l.idx != nil && l.idx.n == len(l.Entries) {
		return l.idx
	}
	l.idx = &ledgerIndex{byID: make(map[string]int, len(l.Entries)), byHash: make(map[string][]int, len(l.Entries)),
		byMonth: make(map[string][]int, len(l.Entries)), byStored: make(map[string]bool, len(l.Entries))}
	for i := range l.Entries {
		l.idx.add(l.Entries, i)
	}
	return l.idx
}

func (x *ledgerIndex) add(es []Entry, i int) {
	e := es[i]
	if _, dup := x.byID[e.ID]; !dup {
		x.byID[e.ID] = i
	}
	x.byHash[hashKey(e.Agency, e.Hash)] = append(x.byHash[hashKey(e.Agency, e.Hash)], i)
	if e.Kind != "" {
		x.byMonth[monthKey(e.Agency, e.Kind, e.Period)] = append(x.byMonth[monthKey(e.Agency, e.Kind, e.Period)], i)
	}
	if e.Stored != "" {
		x.byStored[e.Stored] = true
	}
	x.n = i + 1
}

// Clone returns a copy of l with its own entries and a built index, safe
// to read from several goroutines while l changes.
func (l *Ledger) Clone() *Ledger {
	c := &Ledger{Generation: l.Generation, Entries: append([]Entry(nil), l.Entries...)}
	c.index()
	return c
}

// Find returns the entry with the given id.
func (l *Ledger) Find(id string) (Entry, bool) {
	if i, ok := l.index().byID[id]; ok {
		return l.Entries[i], true
	}
	return Entry{}, false
}

// WithHash returns agency's entries with the given content hash, in ingest
// order.
func (l *Ledger) WithHash(agency, hash string) []Entry {
	pos := l.index().byHash[hashKey(agency, hash)]
	out := make([]Entry, len(pos))
	for j, i := range pos {
		out[j] = l.Entries[i]
	}
	return out
}

// ByHash returns the first non-duplicate entry of agency with the given content hash.
func (l *Ledger) ByHash(agency, hash string) (Entry, bool) {
	for _, e := range l.WithHash(agency, hash) {
		if e.Status != Duplicate {
			return e, true
		}
	}
	return Entry{}, false
}

// Month returns the entries of (agency, kind, period) in ingest order.
func (l *Ledger) Month(agency string, k domain.Kind, p string) []Entry {
	pos := l.index().byMonth[monthKey(agency, k, p)]
	out := make([]Entry, len(pos))
	for j, i := range pos {
		out[j] = l.Entries[i]
	}
	return out
}

// CurrentFor returns the current uploads of (agency, kind, period) in
// ingest order: the set whose rows count for that month.
func (l *Ledger) CurrentFor(agency string, k domain.Kind, p domain.Period) []Entry {
	var out []Entry
	for _, e := range l.Month(agency, k, p.String()) {
		if e.Current() {
			out = append(out, e)
		}
	}
	return out
}

// StoredUsed reports whether an entry's original is stored at rel.
func (l *Ledger) StoredUsed(rel string) bool { return l.index().byStored[rel] }

// NextSeq is the Seq the next Add gives an entry that has none.
func (l *Ledger) NextSeq() int {
	if n := len(l.Entries); n > 0 {
		return l.Entries[n-1].Seq + 1
	}
	return 1
}

// Current returns the current entries of kind k, sorted by period, agency.
func (l *Ledger) Current(k domain.Kind) []Entry {
	var out []Entry
	for _, e := range l.Entries {
		if e.Kind == k && e.Current() {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Period != out[j].Period {
			return out[i].Period < out[j].Period
		}
		return out[i].Agency < out[j].Agency
	})
	return out
}

// Add appends e, marking the uploads it replaces (e.Replaces) as replaced.
// An entry without Seq gets NextSeq.
func (l *Ledger) Add(e Entry) {
	x := l.index()
	for _, id := range e.Replaces {
		if i, ok := x.byID[id]; ok {
			l.Entries[i].ReplacedBy = e.ID
		}
	}
	if e.Seq == 0 {
		e.Seq = l.NextSeq()
	}
	l.Entries = append(l.Entries, e)
	x.add(l.Entries, len(l.Entries)-1)
}

// Sweep removes what an interrupted run can leave behind in the lake (its
// temp files are SweepTemps'): the lake files of uploads the ledger marks
// as replaced (whose removal a reader delayed), and compacted files whose
// set of uploads is no longer current (CompactSets: derived data, rebuilt
// from the per-upload files). It returns the removed paths.
//
// An upload's lake file the ledger does not name is never removed: it may
// be the only copy of an upload whose ledger entry was lost (Unknown lists
// them; Repair puts them back). Lake files are removed only when no reader
// holds ReaderLock; otherwise they wait for the next sweep.
func (d Dir) Sweep(l *Ledger) ([]string, error) {
	keep := l.keepFiles()
	replaced := l.replacedFiles(keep)
	lakeData := true // may remove lake files: no reader active
	if lk, err := d.TryLock(ReaderLock); err == nil {
		defer lk.Unlock()
	} else {
		lakeData = false
	}
	var removed []string
	for _, root := range []string{d.Lake()} { // temp files: SweepTemps
		r, err := d.removeFiles(root, func(rel string) bool {
			switch {
			case IsTemp(rel) || !lakeData || filepath.Ext(rel) != ".parquet":
				return false
			case isUnder(rel, filepath.Join("lake", "compact")):
				return !keep[rel]
			default:
				return replaced[rel]
			}
		})
		removed = append(removed, r...)
		if err != nil {
			return removed, err
		}
	}
	return removed, nil
}

// replacedFiles is the set of lake files of uploads the ledger marks as
// replaced and no current upload names.
func (l *Ledger) replacedFiles(keep map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, e := range l.Entries {
		if e.Status.HasData() && e.ReplacedBy != "" && e.LakeFile != "" && !keep[filepath.Clean(e.LakeFile)] {
			out[filepath.Clean(e.LakeFile)] = true
		}
	}
	return out
}

// Unknown lists the upload lake files (lake/<kind>/…/*.parquet, not
// compacted copies nor reference tables) that no ledger entry names,
// relative to d: files an interrupted run wrote before it could record
// them, or uploads whose ledger entries were lost. Sweep keeps them.
func (d Dir) Unknown(l *Ledger) ([]string, error) {
	named := map[string]bool{}
	for _, e := range l.Entries {
		if e.LakeFile != "" {
			named[filepath.Clean(e.LakeFile)] = true
		}
	}
	var out []string
	err := d.walkUploadFiles(func(rel string) error {
		if !named[rel] {
			out = append(out, rel)
		}
		return nil
	})
	return out, err
}

// walkUploadFiles calls fn with every upload lake file's path relative to
// d, in lexical order. A missing lake is empty.
func (d Dir) walkUploadFiles(fn func(rel string) error) error {
	for _, k := range domain.Kinds {
		err := filepath.WalkDir(d.KindDir(k), func(path string, de fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if de.IsDir() || filepath.Ext(path) != ".parquet" || IsTemp(path) {
				return nil
			}
			rel, err := filepath.Rel(string(d), path)
			if err != nil {
				return err
			}
			return fn(rel)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// SweepCompacted removes the files under lake/compact that CompactSets does
// not name (sets replaced since, leftovers of an interrupted write) — when
// no reader holds ReaderLock; otherwise it removes nothing and reports
// readers true, and a later sweep removes them.
func (d Dir) SweepCompacted(l *Ledger) (removed []string, readers bool, err error) {
	lk, err := d.TryLock(ReaderLock)
	if err != nil {
		return nil, true, nil
	}
	defer lk.Unlock()
	keep := l.keepFiles()
	removed, err = d.removeFiles(d.CompactDir(), func(rel string) bool { return !keep[rel] })
	return removed, false, err
}

// keepFiles is the set of lake files that count: current uploads' files and
// the compacted files of the current sets (relative, cleaned paths).
func (l *Ledger) keepFiles() map[string]bool {
	keep := map[string]bool{}
	for _, e := range l.Entries {
		if e.Current() && e.LakeFile != "" {
			keep[filepath.Clean(e.LakeFile)] = true
		}
	}
	for _, s := range l.CompactSets() {
		keep[filepath.Clean(s.File)] = true
		if s.JPFile != "" {
			keep[filepath.Clean(s.JPFile)] = true
		}
	}
	return keep
}

// removeFiles removes the files under root for which remove(path relative
// to d) is true, and returns those paths. A missing root is empty.
func (d Dir) removeFiles(root string, remove func(rel string) bool) ([]string, error) {
	var removed []string
	err := filepath.WalkDir(root, func(path string, de fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if de.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(string(d), path)
		if err != nil || !remove(rel) {
			return err
		}
		if err := os.Remove(path); err != nil {
			return err
		}
		removed = append(removed, rel)
		return nil
	})
	return removed, err
}

func isUnder(rel, dir string) bool {
	r, err := filepath.Rel(dir, rel)
	return err == nil && r != ".." && !filepath.IsAbs(r) && (len(r) < 3 || r[:3] != "../")
}
