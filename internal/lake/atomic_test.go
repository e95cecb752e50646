package lake

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// stage stages content at path, failing the test on an error.
func stage(t *testing.T, path, content string) *Staged {
	t.Helper()
	s, err := Stage(path, 0o640, func(w io.Writer) error {
		_, err := io.WriteString(w, content)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestStagePublish: a staged file is only under its temp name (which a
// reader can read) until Publish puts every file of the set under its
// path, replacing what was there, with its mode; nothing temporary stays.
func TestStagePublish(t *testing.T) {
	root := t.TempDir()
	a := filepath.Join(root, "a", "x.parquet")
	b := filepath.Join(root, "b", "y.xlsx")
	c := filepath.Join(root, "a", "z.json")
	if err := os.MkdirAll(filepath.Dir(b), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := []*Staged{stage(t, a, "A"), stage(t, b, "B"), stage(t, c, "C")}
	if _, err := os.Stat(a); !os.IsNotExist(err) {
		t.Fatalf("%s exists before Publish (%v)", a, err)
	}
	if got, _ := os.ReadFile(b); string(got) != "old" {
		t.Fatalf("%s = %q before Publish; want the old content", b, got)
	}
	if got, err := os.ReadFile(files[0].TempPath()); err != nil || string(got) != "A" {
		t.Fatalf("temp of %s = %q, %v; want A", a, got, err)
	}
	if err := Publish(files); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{a: "A", b: "B", c: "C"} {
		got, err := os.ReadFile(path)
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", path, got, err, want)
		}
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o640 {
			t.Errorf("%s mode %v, %v; want 0640", path, fi.Mode().Perm(), err)
		}
	}
	assertNoTemps(t, root)
}

// TestPublishFails: when a file of the set cannot be renamed into place
// (here its path is a directory that is not empty), Publish says so, the
// files renamed before it are whole under their paths, and the temps of
// the rest are gone; Discard removes a temp that is never published.
func TestPublishFails(t *testing.T) {
	root := t.TempDir()
	ok := filepath.Join(root, "ok.txt")
	blocked := filepath.Join(root, "blocked")
	later := filepath.Join(root, "later.txt")
	files := []*Staged{stage(t, ok, "ok"), stage(t, blocked, "x"), stage(t, later, "later")}
	if err := os.MkdirAll(filepath.Join(blocked, "inside"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Publish(files); err == nil {
		t.Fatal("Publish renamed a file over a directory that is not empty")
	}
	if got, err := os.ReadFile(ok); err != nil || string(got) != "ok" {
		t.Errorf("%s = %q, %v; want it published before the failure", ok, got, err)
	}
	if _, err := os.Stat(later); !os.IsNotExist(err) {
		t.Errorf("%s exists (%v); want it left out after the failure", later, err)
	}
	d := stage(t, filepath.Join(root, "dropped.txt"), "d")
	d.Discard()
	d.Discard() // twice is harmless
	assertNoTemps(t, root)
}

func assertNoTemps(t *testing.T, root string) {
	t.Helper()
	filepath.WalkDir(root, func(path string, de os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(de.Name(), TempPrefix) {
			t.Errorf("temp left: %s", path)
		}
		return nil
	})
}

// TestPublishDirs: a file staged into folders that did not exist makes
// Publish fsync, besides its own folder, the parent of each folder Stage
// made (where the new folder's entry is); folders that were there are not
// among them, and each directory comes once.
func TestPublishDirs(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "lake", "kehadiran", "period=2025-03", "agency=kab-buru")
	if err := os.MkdirAll(filepath.Join(root, "lake"), 0o755); err != nil {
		t.Fatal(err)
	}
	a := stage(t, filepath.Join(deep, "a.parquet"), "a")
	b := stage(t, filepath.Join(deep, "b.parquet"), "b") // its folders exist by now
	wantMade := []string{filepath.Join(root, "lake", "kehadiran"), filepath.Join(root, "lake", "kehadiran", "period=2025-03"), deep}
	if !slices.Equal(a.created, wantMade) || len(b.created) != 0 {
		t.Fatalf("made %q and %q; want %q, then none", a.created, b.created, wantMade)
	}
	got := publishDirs([]*Staged{a, b})
	want := []string{filepath.Join(root, "lake"), wantMade[0], wantMade[1], deep}
	if !slices.Equal(got, want) {
		t.Errorf("publishDirs = %q; want %q", got, want)
	}
	if err := Publish([]*Staged{a, b}); err != nil {
		t.Fatal(err)
	}
	if made, err := MkdirAll(deep); err != nil || made != nil {
		t.Errorf("MkdirAll of an existing folder = %q, %v; want nothing made", made, err)
	}
}

// BenchmarkPublish writes 32 small files into 4 folders: one by one with
// WriteWith (an fsync of each file and of its folder, in turn), or staged
// and published together (the files' fsyncs at once, each folder once), as
// ingest's flush and a report's CSV exports do.
func BenchmarkPublish(b *testing.B) {
	const files, dirs = 32, 4
	content := strings.Repeat("x", 16<<10)
	write := func(w io.Writer) error { _, err := io.WriteString(w, content); return err }
	for _, mode := range []string{"one-by-one", "published"} {
		b.Run(mode, func(b *testing.B) {
			root := b.TempDir()
			for i := 0; i < b.N; i++ {
				var staged []*Staged
				for f := range files {
					path := filepath.Join(root, "d"+strconv.Itoa(f%dirs), "f"+strconv.Itoa(f))
					if mode == "one-by-one" {
						if err := WriteWith(path, 0o644, write); err != nil {
							b.Fatal(err)
						}
						continue
					}
					s, err := Stage(path, 0o644, write)
					if err != nil {
						b.Fatal(err)
					}
					staged = append(staged, s)
				}
				if err := Publish(staged); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
