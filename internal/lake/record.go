package lake

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/apache/arrow-go/v18/parquet/file"
)

// Every upload's ledger entry is also kept with the upload itself, so a lost
// ledger can be rebuilt (Repair):
//
//   - in its lake file's Parquet key-value metadata under EntryKey (written
//     with the file, before the ledger names it);
//   - beside its original in archive/ or rejected/, as <stored>.pantau.json
//     (written just before the original is moved there), which also covers
//     uploads without a lake file: rejected, duplicates, and replaced
//     uploads whose lake files are gone.
//
// Both hold the entry as ingest recorded it; ReplacedBy is not kept (a later
// upload sets it) and is derived again from the later entry's Replaces.

// EntryKey is the Parquet key-value metadata key of a lake file's entry.
const EntryKey = "pantau.ledger_entry"

// RecordSuffix ends the name of an original's entry record.
const RecordSuffix = ".pantau.json"

// EntryJSON is e as kept in a lake file or record: without ReplacedBy.
func EntryJSON(e Entry) (string, error) {
	e.ReplacedBy = ""
	b, err := json.Marshal(e)
	return string(b), err
}

// ReadFileEntry returns the entry kept in the Parquet lake file at path;
// ok is false for a file written without one.
func ReadFileEntry(path string) (e Entry, ok bool, err error) {
	r, err := file.OpenParquetFile(path, false)
	if err != nil {
		return Entry{}, false, fmt.Errorf("read %s: %w", path, err)
	}
	defer r.Close()
	v := r.MetaData().KeyValueMetadata().FindValue(EntryKey)
	if v == nil {
		return Entry{}, false, nil
	}
	if err := json.Unmarshal([]byte(*v), &e); err != nil {
		return Entry{}, false, fmt.Errorf("read %s: entry: %w", path, err)
	}
	return e, true, nil
}

// RecordOf is the path of the entry record of an original stored at rel.
func RecordOf(rel string) string { return rel + RecordSuffix }

// IsRecord reports whether name is an entry record.
func IsRecord(name string) bool { return strings.HasSuffix(name, RecordSuffix) }

// StageRecord stages e's record beside its stored original (e.Stored) for
// Publish; nil when e stores no original.
func (d Dir) StageRecord(e Entry) (*Staged, error) {
	if e.Stored == "" {
		return nil, nil
	}
	s, err := EntryJSON(e)
	if err != nil {
		return nil, err
	}
	return Stage(d.Abs(RecordOf(e.Stored)), 0o644, func(w io.Writer) error {
		_, err := io.WriteString(w, s+"\n")
		return err
	})
}

// unaccounted counts the upload lake files no entry of l names and that no
// interrupted run is bringing in (a file whose kept entry's original is still
// in the inbox, with the same bytes, is one the next ingest finishes).
func (d Dir) unaccounted(l *Ledger) (int, error) {
	unknown, err := d.Unknown(l)
	if err != nil || len(unknown) == 0 {
		return 0, err
	}
	n := 0
	for _, rel := range unknown {
		if !d.inFlight(rel) {
			n++
		}
	}
	return n, nil
}

// inFlight reports whether the lake file rel holds an entry whose original
// is still in the inbox with the same content.
func (d Dir) inFlight(rel string) bool {
	e, ok, err := ReadFileEntry(d.Abs(rel))
	if err != nil || !ok || e.Agency == "" || e.File == "" || filepath.Base(e.File) != e.File {
		return false
	}
	h, err := HashFile(filepath.Join(d.InboxOf(e.Agency), e.File))
	return err == nil && h == e.Hash
}

// HashFile returns the hex sha256 of the file at path, streamed: memory
// stays bounded whatever its size. Upload hashes (Entry.Hash) are this.
func HashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// readRecords returns the entry records under archive/ and rejected/, by
// path relative to d, and the stored originals that have none.
func (d Dir) readRecords() (records map[string]Entry, bare []string, err error) {
	records = map[string]Entry{}
	originals := map[string]bool{}
	for _, top := range []string{"archive", "rejected"} {
		err := filepath.WalkDir(filepath.Join(string(d), top), func(path string, de fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if de.IsDir() || IsTemp(path) {
				return nil
			}
			rel, err := filepath.Rel(string(d), path)
			if err != nil {
				return err
			}
			if !IsRecord(rel) {
				originals[rel] = true
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			var e Entry
			if err := json.Unmarshal(b, &e); err != nil {
				return fmt.Errorf("record %s: %w", rel, err)
			}
			records[rel] = e
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	for rel := range originals {
		if _, ok := records[RecordOf(rel)]; !ok {
			bare = append(bare, rel)
		}
	}
	return records, bare, nil
}
