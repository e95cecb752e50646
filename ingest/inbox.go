package ingest

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/pantau-asn/pantau/internal/lake"
)

// InboxFile is one upload found in inbox/<agency>/.
type InboxFile struct {
	Agency  string
	Name    string
	Path    string // absolute path
	Size    int64
	ModTime time.Time
}

func (f InboxFile) key() string { return f.Agency + "/" + f.Name }

// seenRecord is a file's size and mtime at the previous scan
// (state/inbox-seen.json), so a file that is still growing is left alone.
type seenRecord struct {
	Size    int64     `json:"size"`
	ModTime time.Time `json:"mtime"`
}

// Refusal is an inbox entry that ingest never reads and leaves in place:
// a symlink (never followed), a subfolder of an agency folder, a special
// file, or a file or symlink in the inbox root.
type Refusal struct {
	Path string // absolute path
	What string // one of the Refused… constants
}

// What a Refusal is (Refusal.What), in the words ingest logs.
const (
	RefusedSymlink   = "symlink"
	RefusedSubfolder = "subfolder"
	RefusedSpecial   = "special file"
	RefusedOutside   = "file outside an agency folder"
)

// Inbox is what one look at the inbox found: the files the next ingest
// reads (Ready), those it leaves for a later run (Pending), and the entries
// it refuses.
type Inbox struct {
	Ready   []InboxFile // stable files, in (agency, mtime, name) order
	Pending []InboxFile // still being copied, in the same order
	Refused []Refusal   // in the order found (directory order: by name)
	Ignored int         // lock, hidden and temp files, and the refused entries
	seen    map[string]seenRecord
}

func seenPath(dir lake.Dir) string { return filepath.Join(dir.State(), "inbox-seen.json") }

func loadSeen(dir lake.Dir) map[string]seenRecord {
	m := map[string]seenRecord{}
	b, err := os.ReadFile(seenPath(dir))
	if err != nil {
		return m
	}
	if json.Unmarshal(b, &m) != nil {
		return map[string]seenRecord{}
	}
	return m
}

func saveSeen(dir lake.Dir, m map[string]seenRecord) error {
	b, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return err
	}
	return lake.WriteFile(seenPath(dir), append(b, '\n'), 0o644)
}

// IgnoredName reports whether an inbox entry is not an upload: Excel's
// "~$" lock files, LibreOffice ".~lock" files, hidden files, temp files
// and the files desktop systems drop into folders.
func IgnoredName(name string) bool {
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(name, "~$"), strings.HasPrefix(name, "."),
		strings.HasPrefix(name, "~") && strings.HasSuffix(lower, ".tmp"),
		strings.HasSuffix(lower, ".tmp"), strings.HasSuffix(lower, ".part"),
		strings.HasSuffix(lower, ".crdownload"),
		lower == "thumbs.db", lower == "desktop.ini":
		return true
	}
	return false
}

// ScanInbox looks at dir's inbox as ingest does at now (it is the scan
// ingest runs), so that what `pantau status` lists is exactly what the next
// ingest takes. It only reads: the sizes and times of the previous ingest's
// scan (state/inbox-seen.json) are not updated.
func ScanInbox(dir lake.Dir, now time.Time, stableFor time.Duration) (*Inbox, error) {
	return scanInbox(dir, loadSeen(dir), now, stableFor)
}

// scanInbox lists inbox/<agency>/ files. A file is ready when its mtime is
// at least stableFor before now and its size and mtime are what the previous
// scan recorded (or it was not seen before and is already that old: a file
// dropped long ago is not made to wait for a second run; a copy that keeps
// an old mtime is caught by the size and time check after reading).
// Symlinks are refused, never followed; files in the inbox root and
// subfolders of agency folders are left in place (Refused).
func scanInbox(dir lake.Dir, prev map[string]seenRecord, now time.Time, stableFor time.Duration) (*Inbox, error) {
	s := &Inbox{seen: map[string]seenRecord{}}
	root := dir.Inbox()
	entries, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, err
	}
	for _, de := range entries {
		name := de.Name()
		path := filepath.Join(root, name)
		switch {
		case IgnoredName(name):
			s.Ignored++
			continue
		case de.Type()&fs.ModeSymlink != 0:
			s.refuse(path, RefusedSymlink)
			continue
		case !de.IsDir():
			s.refuse(path, RefusedOutside)
			continue
		}
		if err := s.scanAgency(name, path, prev, now, stableFor); err != nil {
			return nil, err
		}
	}
	sortFiles(s.Ready)
	sortFiles(s.Pending)
	return s, nil
}

func (s *Inbox) refuse(path, what string) {
	s.Refused = append(s.Refused, Refusal{Path: path, What: what})
	s.Ignored++
}

func (s *Inbox) scanAgency(agency, dirPath string, prev map[string]seenRecord, now time.Time, stableFor time.Duration) error {
	entries, err := os.ReadDir(dirPath)
	if err != nil {
		return err
	}
	for _, de := range entries {
		name := de.Name()
		path := filepath.Join(dirPath, name)
		if IgnoredName(name) {
			s.Ignored++
			continue
		}
		if !de.Type().IsRegular() {
			what := RefusedSubfolder
			if de.Type()&fs.ModeSymlink != 0 {
				what = RefusedSymlink
			} else if !de.IsDir() {
				what = RefusedSpecial
			}
			s.refuse(path, what)
			continue
		}
		info, err := os.Lstat(path)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue // moved away meanwhile
			}
			return err
		}
		f := InboxFile{Agency: agency, Name: name, Path: path, Size: info.Size(), ModTime: info.ModTime()}
		rec := seenRecord{Size: f.Size, ModTime: f.ModTime}
		s.seen[f.key()] = rec
		old, seen := prev[f.key()]
		changed := seen && (old.Size != rec.Size || !old.ModTime.Equal(rec.ModTime))
		young := now.Sub(f.ModTime) < stableFor
		if changed || (young && !(seen && now.Sub(f.ModTime) < 0)) {
			s.Pending = append(s.Pending, f)
			continue
		}
		s.Ready = append(s.Ready, f)
	}
	return nil
}

func sortFiles(fs []InboxFile) {
	sort.Slice(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Agency != b.Agency {
			return a.Agency < b.Agency
		}
		if !a.ModTime.Equal(b.ModTime) {
			return a.ModTime.Before(b.ModTime)
		}
		return a.Name < b.Name
	})
}
