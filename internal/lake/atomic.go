package lake

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"
)

// TempPrefix starts the name of every file being written; readers and
// Sweep treat such files as garbage from an interrupted write.
const TempPrefix = ".tmp-"

// MaxName is the longest file name Linux allows (NAME_MAX), in bytes: names
// are UTF-8, so a name of fewer runes may still be too long.
const MaxName = 255

// MaxWriteName is the longest name, in bytes, WriteWith can write: its temp
// name adds TempPrefix, "-" and up to 10 random digits (os.CreateTemp's
// uint32) to it.
const MaxWriteName = MaxName - len(TempPrefix) - 1 - 10

// WriteFile atomically replaces path with data: it writes a temp file in the
// same directory, fsyncs it, renames it over path and fsyncs the directory.
// A crash at any instant leaves either the old file or the new one.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	return WriteWith(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteWith is WriteFile for content produced by a writer function. The
// temp file is locked until it is renamed (see SweepTemps), so a sweep by
// another process never removes it mid-write.
func WriteWith(path string, perm os.FileMode, write func(io.Writer) error) error {
	s, err := Stage(path, perm, write)
	if err != nil {
		return err
	}
	return Publish([]*Staged{s})
}

// Staged is a file written in full under a temp name beside its path, open
// and locked, neither fsynced nor renamed yet: Publish makes a set of them
// durable under their paths at once, Discard removes one.
type Staged struct {
	f       *os.File
	path    string
	created []string // the directories Stage made for it, whose entries Publish makes durable too
}

// Stage writes path's content with write into a temp file in path's
// directory (created if need be), as WriteWith does, and stops before the
// fsync. It fails at once when a directory is at path (Publish could not
// rename over it). On an error nothing is left.
func Stage(path string, perm os.FileMode, write func(io.Writer) error) (_ *Staged, err error) {
	dir := filepath.Dir(path)
	created, err := MkdirAll(dir)
	if err != nil {
		return nil, err
	}
	// What would make the rename fail is found now, while the file alone
	// fails: a directory where the file goes.
	if fi, err := os.Lstat(path); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("write %s: a directory is in the way", path)
	}
	f, err := createTemp(dir, TempPrefix+filepath.Base(path)+"-*")
	if err != nil {
		return nil, err
	}
	s := &Staged{f: f, path: path, created: created}
	defer func() {
		if err != nil {
			s.Discard()
		}
	}()
	if err = write(f); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	if err = f.Chmod(perm); err != nil {
		return nil, err
	}
	return s, nil
}

// TempPath is where the file is until it is published: to read it before.
func (s *Staged) TempPath() string { return s.f.Name() }

// Discard removes the temp file of a file not to be published (while it is
// still locked); a published one it leaves alone.
func (s *Staged) Discard() {
	if s.f == nil {
		return
	}
	os.Remove(s.f.Name())
	s.f.Close()
	s.f = nil
}

// publishers bounds the fsyncs Publish runs at once.
const publishers = 16

// Publish makes the staged files durable under their paths, each as
// WriteWith makes one — fsynced, renamed over its path while still
// locked, closed — and then fsyncs each directory they went into once.
// The fsyncs run at once (up to publishers): the disk's wait is shared by
// a batch instead of paid per file, and a directory holding many of the
// files is fsynced once, not once per file. A crash at any instant leaves
// each path with its old file or its new one, whole. On an error the
// files not yet renamed are removed; those renamed stay (each whole, as
// after a crash then) and the directories may not be fsynced.
func Publish(files []*Staged) error {
	defer func() {
		for _, s := range files {
			s.Discard()
		}
	}()
	if err := parallel(len(files), func(i int) error { return files[i].f.Sync() }); err != nil {
		return err
	}
	for _, s := range files {
		if err := os.Rename(s.f.Name(), s.path); err != nil {
			return err
		}
		err := s.f.Close()
		s.f = nil
		if err != nil {
			return err
		}
	}
	return syncDirs(publishDirs(files))
}

// publishDirs are the directories whose entries a set of staged files
// changed, each once: each file's own, and the parent of each directory
// Stage made (a new directory's entry is in its parent, and a crash could
// otherwise lose it with the files inside).
func publishDirs(files []*Staged) []string {
	var dirs []string
	for _, s := range files {
		dirs = append(dirs, filepath.Dir(s.path))
		dirs = append(dirs, Parents(s.created)...)
	}
	return distinct(dirs)
}

// distinct is dirs sorted, each once.
func distinct(dirs []string) []string {
	slices.Sort(dirs)
	return slices.Compact(dirs)
}

// MkdirAll is os.MkdirAll that returns the directories it made, outermost
// first: their parents' fsyncs (Parents, SyncDirs) make them durable.
func MkdirAll(dir string) ([]string, error) {
	var missing []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || !errors.Is(err, fs.ErrNotExist) {
			break
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	if len(missing) == 0 {
		return nil, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	slices.Reverse(missing)
	return missing, nil
}

// Parents are the parent directories of dirs.
func Parents(dirs []string) []string {
	out := make([]string, len(dirs))
	for i, d := range dirs {
		out[i] = filepath.Dir(d)
	}
	return out
}

// SyncDirs fsyncs each of the directories dirs once (a list may name one
// several times), up to publishers at once.
func SyncDirs(dirs []string) error {
	return syncDirs(distinct(slices.Clone(dirs)))
}

// syncDirs fsyncs dirs, each named once, up to publishers at once.
func syncDirs(dirs []string) error {
	return parallel(len(dirs), func(i int) error { return SyncDir(dirs[i]) })
}

// parallel runs f(0) … f(n-1), up to publishers at once, and returns the
// first error.
func parallel(n int, f func(i int) error) error {
	var g errgroup.Group
	g.SetLimit(publishers)
	for i := range n {
		g.Go(func() error { return f(i) })
	}
	return g.Wait()
}

// SyncDir fsyncs a directory so a rename in it is durable.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// IsTemp reports whether name is a temp file or folder (WriteWith,
// MkdirTemp and the other writers that use TempPrefix).
func IsTemp(name string) bool { return strings.HasPrefix(filepath.Base(name), TempPrefix) }
