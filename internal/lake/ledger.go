package lake

import (
	"encoding/json"
	"errors"
	"fmt"
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
	Replaces     string      `json:"replaces,omitempty"`    // id of the upload this one replaced
	ReplacedBy   string      `json:"replaced_by,omitempty"` // set when a later upload replaced this one
	DuplicateOf  string      `json:"duplicate_of,omitempty"`
	Revision     int         `json:"revision,omitempty"` // 1 for the first upload of (agency, kind, period)
}

// Current reports whether e's rows count in the lake.
func (e Entry) Current() bool { return e.Status.HasData() && e.ReplacedBy == "" }

// Ledger is every upload ever seen, in ingest order.
type Ledger struct {
	Entries []Entry `json:"entries"`
}

// LoadLedger reads state/ledger.json; a missing file is an empty ledger.
func (d Dir) LoadLedger() (*Ledger, error) {
	b, err := os.ReadFile(d.Ledger())
	if errors.Is(err, fs.ErrNotExist) {
		return &Ledger{}, nil
	}
	if err != nil {
		return nil, err
	}
	var l Ledger
	if err := json.Unmarshal(b, &l); err != nil {
		return nil, fmt.Errorf("ledger %s: %w", d.Ledger(), err)
	}
	return &l, nil
}

// SaveLedger atomically replaces state/ledger.json with l.
func (d Dir) SaveLedger(l *Ledger) error {
	b, err := json.MarshalIndent(l, "", " ")
	if err != nil {
		return err
	}
	return WriteFile(d.Ledger(), append(b, '\n'), 0o644)
}

// Find returns the entry with the given id.
func (l *Ledger) Find(id string) (Entry, bool) {
	for _, e := range l.Entries {
		if e.ID == id {
			return e, true
		}
	}
	return Entry{}, false
}

// ByHash returns the first non-duplicate entry of agency with the given content hash.
func (l *Ledger) ByHash(agency, hash string) (Entry, bool) {
	for _, e := range l.Entries {
		if e.Agency == agency && e.Hash == hash && e.Status != Duplicate {
			return e, true
		}
	}
	return Entry{}, false
}

// CurrentFor returns the current upload for (agency, kind, period), if any.
func (l *Ledger) CurrentFor(agency string, k domain.Kind, p domain.Period) (Entry, bool) {
	for _, e := range l.Entries {
		if e.Agency == agency && e.Kind == k && e.Period == p.String() && e.Current() {
			return e, true
		}
	}
	return Entry{}, false
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

// Add appends e, marking the upload it replaces (e.Replaces) as replaced.
func (l *Ledger) Add(e Entry) {
	if e.Replaces != "" {
		for i := range l.Entries {
			if l.Entries[i].ID == e.Replaces {
				l.Entries[i].ReplacedBy = e.ID
			}
		}
	}
	l.Entries = append(l.Entries, e)
}

// Sweep removes what an interrupted run can leave behind (its temp files
// are SweepTemps'; Sweep leaves them to it): lake Parquet files that no
// current ledger entry names (written before a crash, or replaced by a later
// upload), and compacted files whose set of uploads is no longer current
// (CompactSets). It returns the removed paths. Lake files are removed only
// when no reader holds ReaderLock; otherwise they wait for the next sweep.
func (d Dir) Sweep(l *Ledger) ([]string, error) {
	keep := l.keepFiles()
	lakeData := true // may remove lake files: no reader active
	if lk, err := d.TryLock(ReaderLock); err == nil {
		defer lk.Unlock()
	} else {
		lakeData = false
	}
	var removed []string
	for _, root := range []string{d.Lake()} { // temp files: SweepTemps
		r, err := d.removeFiles(root, func(rel string) bool {
			isLakeData := root == d.Lake() && filepath.Ext(rel) == ".parquet" &&
				!isUnder(rel, filepath.Join("lake", "referensi"))
			return !IsTemp(rel) && (lakeData && isLakeData && !keep[rel])
		})
		removed = append(removed, r...)
		if err != nil {
			return removed, err
		}
	}
	return removed, nil
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
