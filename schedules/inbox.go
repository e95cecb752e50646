package schedules

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/lake"
)

// PendingFile is a file waiting in an agency's inbox folder.
type PendingFile struct {
	Agency  string
	Name    string
	Size    int64
	ModTime time.Time
	Stable  bool // unchanged for at least the stable time: the next ingest reads it
}

// Pending lists the files waiting in inbox/<agency>/, sorted by agency and
// name. What ingest ignores (Excel lock files ~$…, hidden and temp files) is
// left out.
func Pending(dir lake.Dir, now time.Time, stableFor time.Duration) ([]PendingFile, error) {
	agencies, err := os.ReadDir(dir.Inbox())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []PendingFile
	for _, a := range agencies {
		if !a.IsDir() || strings.HasPrefix(a.Name(), ".") {
			continue
		}
		err := filepath.WalkDir(dir.InboxOf(a.Name()), func(path string, de fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := de.Name()
			if de.IsDir() || ingest.IgnoredName(name) { // the rule ingest itself uses
				return nil
			}
			info, err := de.Info()
			if err != nil {
				return nil // vanished meanwhile
			}
			rel, _ := filepath.Rel(dir.InboxOf(a.Name()), path)
			out = append(out, PendingFile{
				Agency: a.Name(), Name: rel, Size: info.Size(), ModTime: info.ModTime(),
				Stable: now.Sub(info.ModTime()) >= stableFor,
			})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Agency != out[j].Agency {
			return out[i].Agency < out[j].Agency
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}
