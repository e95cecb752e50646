package lake

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
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
func WriteWith(path string, perm os.FileMode, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := createTemp(dir, TempPrefix+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	closed := false
	defer func() {
		if err != nil && !closed {
			os.Remove(tmp) // while still locked
			f.Close()
		}
	}()
	if err = write(f); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	// Renamed while open and locked: closing first would unlock the temp
	// for a moment in which a sweep could remove it.
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	closed = true
	if err = f.Close(); err != nil {
		return err
	}
	return SyncDir(dir)
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
