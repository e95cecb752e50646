package schedules

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// TestPendingIsWhatIngestTakes: Pending lists exactly the files ingest's
// scan takes (ready) or waits for (pending): not a file in a subfolder or a
// symlink, which ingest refuses and leaves in place, nor a file in the
// inbox root; Inbox returns those apart.
func TestPendingIsWhatIngestTakes(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	now := time.Date(2026, 1, 12, 9, 0, 0, 0, domain.WIT)
	write := func(path string, age time.Duration) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	outside := filepath.Join(t.TempDir(), "lain.xlsx")
	write(outside, time.Hour)
	write(filepath.Join(dir.InboxOf("kab-buru"), "pegawai_2025-12.xlsx"), time.Hour)
	write(filepath.Join(dir.InboxOf("kab-buru"), "kehadiran_2025-12.xlsx"), 5*time.Second) // still being copied
	write(filepath.Join(dir.InboxOf("kab-buru"), "~$pegawai_2025-12.xlsx"), time.Hour)
	write(filepath.Join(dir.InboxOf("kab-buru"), "lama", "pegawai_2025-11.xlsx"), time.Hour)
	write(filepath.Join(dir.Inbox(), "survei_2025-12.xlsx"), time.Hour)
	if err := os.Symlink(outside, filepath.Join(dir.InboxOf("kab-buru"), "evaluasi_2025-12.xlsx")); err != nil {
		t.Fatal(err)
	}
	got, err := Pending(dir, now, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	old := now.Add(-time.Hour)
	want := []PendingFile{
		{Agency: "kab-buru", Name: "kehadiran_2025-12.xlsx", Size: 1, ModTime: now.Add(-5 * time.Second)},
		{Agency: "kab-buru", Name: "pegawai_2025-12.xlsx", Size: 1, ModTime: old, Stable: true},
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("Pending (-want +got):\n%s", diff)
	}

	// The same as ingest's scan, file for file.
	s, err := ingest.ScanInbox(dir, now, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	taken := map[string]bool{}
	for _, f := range append(s.Ready, s.Pending...) {
		taken[f.Agency+"/"+f.Name] = true
	}
	listed := map[string]bool{}
	for _, f := range got {
		listed[f.Agency+"/"+f.Name] = true
	}
	if diff := cmp.Diff(taken, listed); diff != "" {
		t.Errorf("Pending differs from ingest.ScanInbox (-ingest +Pending):\n%s", diff)
	}

	_, refused, err := Inbox(dir, now, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	wantRefused := []ingest.Refusal{
		{Path: filepath.Join(dir.InboxOf("kab-buru"), "evaluasi_2025-12.xlsx"), What: ingest.RefusedSymlink},
		{Path: filepath.Join(dir.InboxOf("kab-buru"), "lama"), What: ingest.RefusedSubfolder},
		{Path: filepath.Join(dir.Inbox(), "survei_2025-12.xlsx"), What: ingest.RefusedOutside},
	}
	if diff := cmp.Diff(wantRefused, refused); diff != "" {
		t.Errorf("Inbox refused (-want +got):\n%s", diff)
	}
}
