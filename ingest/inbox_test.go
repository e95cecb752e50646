package ingest

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/lake"
)

func discardLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func writeAt(t testing.TB, path string, data string, mtime time.Time) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
}

// TestScanInbox: lock, hidden and temp files are ignored, files in the root
// and symlinks are left alone, a young file waits, a file whose size changed
// since the last scan waits, the rest are ready in (agency, mtime, name) order.
func TestScanInbox(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	now := time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)
	old := now.Add(-time.Hour)
	in := dir.Inbox()
	writeAt(t, filepath.Join(in, "kota-ambon", "b.xlsx"), "b", old)
	writeAt(t, filepath.Join(in, "kota-ambon", "a.xlsx"), "a", old.Add(time.Minute))
	writeAt(t, filepath.Join(in, "kota-ambon", "~$a.xlsx"), "lock", old)
	writeAt(t, filepath.Join(in, "kota-ambon", ".hidden.xlsx"), "h", old)
	writeAt(t, filepath.Join(in, "kota-ambon", "~WRL0001.tmp"), "t", old)
	writeAt(t, filepath.Join(in, "kota-ambon", ".~lock.a.xlsx#"), "l", old)
	writeAt(t, filepath.Join(in, "kota-ambon", "copying.xlsx"), "c", now.Add(-5*time.Second))
	writeAt(t, filepath.Join(in, "kota-ambon", "grew.xlsx"), "grew more", old)
	writeAt(t, filepath.Join(in, "kab-buru", "z.xlsx"), "z", old)
	writeAt(t, filepath.Join(in, "root.xlsx"), "r", old)
	writeAt(t, filepath.Join(in, "kab-buru", "sub", "deep.xlsx"), "d", old)
	outside := filepath.Join(t.TempDir(), "secret.xlsx")
	writeAt(t, outside, "s", old)
	if err := os.Symlink(outside, filepath.Join(in, "kab-buru", "link.xlsx")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Dir(outside), filepath.Join(in, "evil")); err != nil {
		t.Fatal(err)
	}
	prev := map[string]seenRecord{"kota-ambon/grew.xlsx": {Size: 4, ModTime: old}}

	s, err := scanInbox(dir, prev, now, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	names := func(fs []InboxFile) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.key())
		}
		return out
	}
	if got, want := names(s.Ready), []string{"kab-buru/z.xlsx", "kota-ambon/b.xlsx", "kota-ambon/a.xlsx"}; !cmp.Equal(got, want) {
		t.Errorf("ready = %q; want %q", got, want)
	}
	if got, want := names(s.Pending), []string{"kota-ambon/grew.xlsx", "kota-ambon/copying.xlsx"}; !cmp.Equal(got, want) {
		t.Errorf("pending = %q; want %q", got, want)
	}
	// ~$a, .hidden, ~WRL0001.tmp, .~lock, root.xlsx, sub/, link.xlsx, evil
	if s.Ignored != 8 {
		t.Errorf("ignored = %d; want 8", s.Ignored)
	}
	// The next scan, 40 s later, finds grew.xlsx unchanged and copying.xlsx old enough.
	s2, err := scanInbox(dir, s.seen, now.Add(40*time.Second), 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if len(s2.Ready) != 5 || len(s2.Pending) != 0 {
		t.Errorf("second scan: ready %q pending %q; want 5 ready, none pending", names(s2.Ready), names(s2.Pending))
	}
}

func TestIgnoredName(t *testing.T) {
	for name, want := range map[string]bool{
		"~$kehadiran.xlsx": true, ".DS_Store": true, "~WRL1234.tmp": true, "x.TMP": true,
		".~lock.kehadiran.xlsx#": true, "Thumbs.db": true, "desktop.ini": true,
		"kehadiran_2026-10.xlsx": false, "~kehadiran.xlsx": false, "data.csv": false,
	} {
		if got := IgnoredName(name); got != want {
			t.Errorf("IgnoredName(%q) = %v; want %v", name, got, want)
		}
	}
}
