package schedules

import (
	"sort"
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
	Stable  bool // the next ingest reads it (unchanged for at least the stable time)
}

// Pending lists the files waiting in inbox/<agency>/, sorted by agency and
// name, exactly as the next ingest sees them (Inbox).
func Pending(dir lake.Dir, now time.Time, stableFor time.Duration) ([]PendingFile, error) {
	files, _, err := Inbox(dir, now, stableFor)
	return files, err
}

// Inbox looks at the inbox with the scan ingest itself runs
// (ingest.ScanInbox): the files waiting, sorted by agency and name, Stable
// when the next ingest reads them; and apart, what ingest refuses and leaves
// in place (symlinks, subfolders, files outside an agency folder), so that
// status can say so instead of listing files ingest never reads. What
// ingest ignores (Excel lock files ~$…, hidden and temp files) is left out.
func Inbox(dir lake.Dir, now time.Time, stableFor time.Duration) ([]PendingFile, []ingest.Refusal, error) {
	s, err := ingest.ScanInbox(dir, now, stableFor)
	if err != nil {
		return nil, nil, err
	}
	var out []PendingFile
	add := func(fs []ingest.InboxFile, stable bool) {
		for _, f := range fs {
			out = append(out, PendingFile{Agency: f.Agency, Name: f.Name, Size: f.Size, ModTime: f.ModTime, Stable: stable})
		}
	}
	add(s.Ready, true)
	add(s.Pending, false)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Agency != out[j].Agency {
			return out[i].Agency < out[j].Agency
		}
		return out[i].Name < out[j].Name
	})
	return out, s.Refused, nil
}
