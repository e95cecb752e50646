package ingest

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
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// uploadID is the first 16 hex digits of sha256(agency + "/" + hash): the
// same bytes from the same agency always get the same id, so a run that
// crashed and is repeated writes the same lake file name. When the ledger
// already used that id (an earlier upload of the same bytes that was
// rejected or later replaced), "-2", "-3", … is appended.
func uploadID(l *lake.Ledger, agency, hash string) string {
	sum := sha256.Sum256([]byte(agency + "/" + hash))
	base := hex.EncodeToString(sum[:])[:16]
	id := base
	for n := 2; ; n++ {
		if _, used := l.Find(id); !used {
			return id
		}
		id = base + "-" + strconv.Itoa(n)
	}
}

// revisionOf is the revision number a new data upload for (agency, k, p)
// gets: 1 for the month's first set of uploads; an addition joins the
// revision of the set it is added to; a replacement starts the next one.
// Entries from before months were sets count one revision per upload with
// data (each replaced the one before), as they were numbered.
func revisionOf(l *lake.Ledger, agency string, k domain.Kind, p string, d lake.Decision) int {
	last, current := 0, 0
	for _, e := range l.Month(agency, k, p) {
		if !e.Status.HasData() {
			continue
		}
		rev := max(e.Revision, 1)
		last = max(last, rev)
		if e.Current() {
			current = max(current, rev)
		}
	}
	if d == lake.Added && current > 0 {
		return current
	}
	return last + 1
}

// storedName is where an original goes under archive/<agency>/ or
// rejected/<agency>/: "<YYYYMMDD-HHMMSS>_<id8>_<original name>" (time in WIT),
// the original name shortened by fitName when the whole would not leave
// uniqueStored room for its "<n>_" and its entry record within lake.MaxName.
func storedName(now time.Time, id, name string) string {
	id8 := id
	if len(id8) > 8 {
		id8 = id8[:8]
	}
	prefix := now.In(domain.WIT).Format("20060102-150405") + "_" + id8 + "_"
	// Its entry record (lake.RecordOf) is written beside it, atomically:
	// that longer name must fit too.
	return prefix + fitName(name, lake.MaxWriteName-len(lake.RecordSuffix)-len(prefix)-maxCopyPrefix)
}

// maxCopyPrefix is the room kept for uniqueStored's "<n>_" (n < 10⁷).
const maxCopyPrefix = 8

// shortHashLen is how many hex digits of sha256(name) fitName puts in a
// shortened name: two long names that share their start still differ.
const shortHashLen = 12

// fitName returns name when it is at most max bytes long; else the start of
// name (cut at a rune boundary, so the result stays valid UTF-8), "~", the
// first shortHashLen hex digits of sha256(name) and name's extension, at
// most max bytes in all. Bytes, not runes, are counted: Linux limits a
// name to lake.MaxName bytes, and an Indonesian name with "é" or "–" has
// more bytes than characters. The same name always gets the same result.
func fitName(name string, max int) string {
	if len(name) <= max {
		return name
	}
	sum := sha256.Sum256([]byte(name))
	tag := "~" + hex.EncodeToString(sum[:])[:shortHashLen]
	ext := extOf(name)
	if len(ext) > 16 || strings.ContainsAny(ext, " /") || len(ext)+len(tag) >= max {
		ext = "" // not an extension but a dot inside the name
	}
	keep := max - len(tag) - len(ext)
	stem := name[:len(name)-len(ext)]
	if keep > len(stem) {
		keep = len(stem)
	}
	for keep > 0 && keep < len(stem) && !utf8.RuneStart(stem[keep]) {
		keep--
	}
	return stem[:keep] + tag + ext
}

// storedPath is the relative path an upload's original is moved to.
func storedPath(dir lake.Dir, status lake.Status, agency, name string) string {
	base := dir.ArchiveOf(agency)
	if !status.HasData() {
		base = dir.RejectedOf(agency)
	}
	rel, _ := filepath.Rel(dir.Root(), filepath.Join(base, name))
	return rel
}

// renameNew renames src to dst (creating dst's folder), never over an
// existing dst, and returns the folders it made. The caller makes the
// rename durable: it fsyncs the directories moveDirs names.
func renameNew(src, dst string) ([]string, error) {
	created, err := lake.MkdirAll(filepath.Dir(dst))
	if err != nil {
		return nil, err
	}
	if _, err := os.Lstat(dst); err == nil {
		return created, fmt.Errorf("move %s: %s already exists", src, dst)
	}
	return created, os.Rename(src, dst)
}

// moveDirs are the directories a move from src to dst changed, with the
// parents of the folders renameNew made for it (created).
func moveDirs(src, dst string, created []string) []string {
	return append([]string{filepath.Dir(dst), filepath.Dir(src)}, lake.Parents(created)...)
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// referenceState is state/referensi.json: the hash of the referensi.xlsx
// last loaded and its content, kept so an invalid edit falls back to it.
type referenceState struct {
	Hash      string            `json:"sha256"` // "default" for DefaultReference
	Reference *domain.Reference `json:"reference"`
}

func referenceStatePath(dir lake.Dir) string { return filepath.Join(dir.State(), "referensi.json") }

func loadReferenceState(dir lake.Dir) (*referenceState, error) {
	b, err := os.ReadFile(referenceStatePath(dir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var s referenceState
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("reference state: %w", err)
	}
	return &s, nil
}

// LoadReference returns the reference data ingest would use now without
// changing anything: referensi.xlsx when valid, else the last valid one
// remembered in state/, else DefaultReference(). validate and template use it.
func LoadReference(dir lake.Dir) *domain.Reference {
	if exists(dir.Reference()) {
		if ref, _, err := ReadReference(dir.Reference()); err == nil && ref != nil {
			return ref
		}
	}
	if s, err := loadReferenceState(dir); err == nil && s != nil && s.Reference != nil {
		return s.Reference
	}
	return DefaultReference()
}

// refreshReference loads the reference data for this run. When
// referensi.xlsx changed since the last run (or is gone), it is read and
// lake/referensi/*.parquet rewritten atomically; an invalid workbook is
// logged and the previous reference kept.
func refreshReference(dir lake.Dir, logf func(msg string, args ...any)) (*domain.Reference, error) {
	prev, err := loadReferenceState(dir)
	if err != nil {
		logf("reference state unreadable; reloading", "err", err)
		prev = nil
	}
	hash := "default"
	if exists(dir.Reference()) {
		if hash, err = lake.HashFile(dir.Reference()); err != nil {
			return nil, fmt.Errorf("reference %s: %w", dir.Reference(), err)
		}
	}
	if prev != nil && prev.Hash == hash && prev.Reference != nil && referenceTablesExist(dir) {
		return prev.Reference, nil
	}
	ref := DefaultReference()
	if hash != "default" {
		r, rowErrs, err := ReadReference(dir.Reference())
		switch {
		case err != nil || r == nil:
			logf("reference workbook invalid; keeping the previous reference", "file", dir.Reference(), "err", err)
			if prev != nil && prev.Reference != nil {
				return prev.Reference, nil
			}
			return ref, nil
		default:
			for _, re := range rowErrs {
				logf("reference row skipped", "sheet", re.Sheet, "row", re.Row, "column", re.Column, "value", re.Value, "reason", message(re))
			}
			ref = r
		}
	}
	if err := writeReferenceTables(dir, ref); err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(referenceState{Hash: hash, Reference: ref}, "", " ")
	if err != nil {
		return nil, err
	}
	if err := lake.WriteFile(referenceStatePath(dir), b, 0o644); err != nil {
		return nil, err
	}
	logf("reference tables written", "sha256", hash, "districts", len(ref.Districts), "agencies", len(ref.Agencies), "units", len(ref.Units))
	return ref, nil
}

var referenceTables = lake.ReferenceTables

func referenceTablesExist(dir lake.Dir) bool {
	for _, t := range referenceTables {
		if !exists(filepath.Join(dir.ReferenceDir(), t+".parquet")) {
			return false
		}
	}
	return true
}

// writeReferenceTables replaces lake/referensi/*.parquet, each atomically.
func writeReferenceTables(dir lake.Dir, ref *domain.Reference) error {
	recs := referenceRecords(ref)
	defer func() {
		for _, r := range recs {
			r.Release()
		}
	}()
	for _, t := range referenceTables {
		path := filepath.Join(dir.ReferenceDir(), t+".parquet")
		if err := lake.WriteWith(path, 0o644, func(w io.Writer) error { return writeParquet(w, recs[t], "") }); err != nil {
			return fmt.Errorf("reference table %s: %w", t, err)
		}
	}
	return nil
}
