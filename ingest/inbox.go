package ingest

import (
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/pantau-asn/pantau/internal/lake"
)

// inboxFile is one candidate upload found in inbox/<agency>/.
type inboxFile struct {
	Agency  string
	Name    string
	Path    string // absolute path
	Size    int64
	ModTime time.Time
}

func (f inboxFile) key() string { return f.Agency + "/" + f.Name }

// seenRecord is a file's size and mtime at the previous scan
// (state/inbox-seen.json), so a file that is still growing is left alone.
type seenRecord struct {
	Size    int64     `json:"size"`
	ModTime time.Time `json:"mtime"`
}

// inboxScan is what one look at the inbox found.
type inboxScan struct {
	Ready   []inboxFile // stable files, in (agency, mtime, name) order
	Pending []inboxFile // still being copied
	Ignored int         // lock, hidden and temp files, files outside agency folders, symlinks
	Seen    map[string]seenRecord
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

// scanInbox lists inbox/<agency>/ files. A file is ready when its mtime is
// at least stableFor before now and its size and mtime are what the previous
// scan recorded (or it was not seen before and is already that old: a file
// dropped long ago is not made to wait for a second run; a copy that keeps
// an old mtime is caught by the size and time check after reading).
// Symlinks are refused, never followed; files in the inbox root and
// subfolders of agency folders are left in place with a warning.
func scanInbox(dir lake.Dir, prev map[string]seenRecord, now time.Time, stableFor time.Duration, log *slog.Logger) (*inboxScan, error) {
	s := &inboxScan{Seen: map[string]seenRecord{}}
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
			log.Warn("inbox: symlink refused, not followed", "path", path)
			s.Ignored++
			continue
		case !de.IsDir():
			log.Warn("inbox: file outside an agency folder left in place; put it in inbox/<agency-code>/", "path", path)
			s.Ignored++
			continue
		}
		if err := scanAgency(s, name, path, prev, now, stableFor, log); err != nil {
			return nil, err
		}
	}
	sortFiles(s.Ready)
	sortFiles(s.Pending)
	return s, nil
}

func scanAgency(s *inboxScan, agency, dirPath string, prev map[string]seenRecord, now time.Time, stableFor time.Duration, log *slog.Logger) error {
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
			what := "subfolder"
			if de.Type()&fs.ModeSymlink != 0 {
				what = "symlink"
			} else if !de.IsDir() {
				what = "special file"
			}
			log.Warn("inbox: "+what+" refused, left in place", "path", path)
			s.Ignored++
			continue
		}
		info, err := os.Lstat(path)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue // moved away meanwhile
			}
			return err
		}
		f := inboxFile{Agency: agency, Name: name, Path: path, Size: info.Size(), ModTime: info.ModTime()}
		rec := seenRecord{Size: f.Size, ModTime: f.ModTime}
		s.Seen[f.key()] = rec
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

func sortFiles(fs []inboxFile) {
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
