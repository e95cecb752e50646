package lake

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"sort"

	"github.com/pantau-asn/pantau/internal/domain"
)

// compactVersion enters every compacted file's name: a change to what a
// compacted file holds (its columns or their order) makes every earlier one
// stale, so it is rebuilt rather than misread.
const compactVersion = "1"

// jpVersion enters every JP aggregate's name (CompactSet.JPFile), as
// compactVersion does compacted files': a change to what an aggregate holds
// makes the earlier ones stale. Version 2: rows sorted by nip_key; 3:
// Snappy, not Zstd (transform.writeJP).
const jpVersion = "3"

// CompactDir is lake/compact: compacted copies of the lake, one Parquet file
// per kind and period holding the rows of all its current uploads.
func (d Dir) CompactDir() string { return filepath.Join(d.Lake(), "compact") }

// CompactSet is the current uploads of one kind and period and the compacted
// file that holds exactly their rows.
//
// A national month is hundreds of uploads of a few thousand rows each;
// readers open every file and read its footer and column chunks, which at
// that count costs more than the rows themselves. The compacted file is an
// optional copy: its name carries a digest of the uploads it holds (IDs and
// lake files), so a file whose name matches the current set holds exactly
// the current rows, and any change to the set (a revision, a new agency's
// upload) leaves it unmatched — readers then fall back to the per-upload
// files until the file for the new set is written. Files are written
// atomically, so a present file is complete.
type CompactSet struct {
	Kind    domain.Kind
	Period  string
	Entries []Entry // the current uploads, by agency then ID
	File    string  // lake/compact/<kind>/<period>-<digest>.parquet, relative to the data directory
	// JPFile (kehadiran only, else "") is the set's attended-JP aggregate,
	// lake/compact/kehadiran/<period>-<digest>.jp<version>.parquet: per NIP
	// and month of tanggal_selesai, the JP of the set's Hadir rows (written
	// by transform.Compact beside File, current exactly when File is).
	JPFile string
}

// CompactSets returns, for every kind and period with at least two current
// uploads, the set and its compacted file name; sorted by kind then period.
func (l *Ledger) CompactSets() []CompactSet {
	var out []CompactSet
	for _, k := range domain.Kinds {
		var group []Entry
		flush := func() {
			if len(group) >= 2 {
				out = append(out, newCompactSet(k, group))
			}
			group = nil
		}
		for _, e := range l.Current(k) {
			if e.LakeFile == "" || e.Period == "" {
				continue
			}
			if len(group) > 0 && group[0].Period != e.Period {
				flush()
			}
			group = append(group, e)
		}
		flush()
	}
	return out
}

func newCompactSet(k domain.Kind, entries []Entry) CompactSet {
	es := append([]Entry(nil), entries...)
	sort.Slice(es, func(i, j int) bool {
		if es[i].Agency != es[j].Agency {
			return es[i].Agency < es[j].Agency
		}
		return es[i].ID < es[j].ID
	})
	h := sha256.New()
	h.Write([]byte("pantau compact " + compactVersion + "\n"))
	for _, e := range es {
		h.Write([]byte(e.ID + "\x00" + filepath.ToSlash(e.LakeFile) + "\n"))
	}
	digest := hex.EncodeToString(h.Sum(nil))[:16]
	s := CompactSet{
		Kind: k, Period: es[0].Period, Entries: es,
		File: filepath.Join("lake", "compact", string(k), es[0].Period+"-"+digest+".parquet"),
	}
	if k == domain.Kehadiran {
		s.JPFile = filepath.Join("lake", "compact", string(k), es[0].Period+"-"+digest+".jp"+jpVersion+".parquet")
	}
	return s
}
