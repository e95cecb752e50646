package lake

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Temp files and folders (names starting with TempPrefix) are locked by
// the process that writes them, with flock on the entry itself, from just
// after they are created until they are renamed or removed. The kernel drops
// the lock when the process dies, however it dies, so a temp entry nobody
// holds a lock on belongs to no live writer and is garbage: SweepTemps can
// run at any time — at the start of an ingest, of a report, beside another
// pantau process writing — without removing a file being written.
//
// Why a lock on each entry rather than an age or a lock per command: the
// writers of one data directory hold different locks (ingest, the reports'
// state, none at all for a report's CSV exports), so no one lock proves
// every writer idle; and a temp older than the sweeping process may still
// be written (a PDF waits minutes for Chromium before writing its temp).

// lockTemp takes the exclusive lock on a just-created temp entry f and
// reports whether its path still names it (a sweep may have removed it
// between its creation and the lock: then the caller makes another).
// Where the file system has no flock, the entry is written unlocked.
func lockTemp(f *os.File) (bool, error) {
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		if noFlock(err) {
			return true, nil
		}
		return false, fmt.Errorf("lock %s: %w", f.Name(), err)
	}
	return samePath(f), nil
}

// noFlock reports whether err says the file system does not do flock.
func noFlock(err error) bool {
	return errors.Is(err, syscall.ENOLCK) || errors.Is(err, syscall.EOPNOTSUPP) || errors.Is(err, syscall.EINVAL)
}

// samePath reports whether f's path still names the file f has open.
func samePath(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	li, err := os.Lstat(f.Name())
	return err == nil && os.SameFile(fi, li)
}

// createTemp is os.CreateTemp whose file is locked (see lockTemp).
func createTemp(dir, pattern string) (*os.File, error) {
	for try := 0; ; try++ {
		f, err := os.CreateTemp(dir, pattern)
		if err != nil {
			return nil, err
		}
		ok, err := lockTemp(f)
		if ok {
			return f, nil
		}
		f.Close()
		if err != nil || try == 9 {
			os.Remove(f.Name())
			return nil, errors.Join(err, fmt.Errorf("create temp in %s: removed while being created, %d times", dir, try+1))
		}
	}
}

// TempDir is a scratch folder (DuckDB's spill files, a compacted file
// being written), named TempPrefix+name+"-<random>" and locked while it is
// in use, so that SweepTemps removes it only when its process is gone.
type TempDir struct {
	Path string
	lock *os.File
}

// MkdirTemp creates and locks a TempDir in parent.
func MkdirTemp(parent, name string) (*TempDir, error) {
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	for try := 0; ; try++ {
		path, err := os.MkdirTemp(parent, TempPrefix+name+"-*")
		if err != nil {
			return nil, err
		}
		f, err := os.Open(path)
		if err != nil {
			os.RemoveAll(path)
			return nil, err
		}
		ok, err := lockTemp(f)
		if ok {
			return &TempDir{Path: path, lock: f}, nil
		}
		f.Close()
		if err != nil || try == 9 {
			os.RemoveAll(path)
			return nil, errors.Join(err, fmt.Errorf("create temp folder in %s: removed while being created, %d times", parent, try+1))
		}
	}
}

// Remove removes the folder and what it holds, then releases its lock.
func (t *TempDir) Remove() error {
	if t == nil || t.lock == nil {
		return nil
	}
	err := os.RemoveAll(t.Path)
	t.lock.Close()
	t.lock = nil
	return err
}

// SweepTemps removes the temp files and folders (TempPrefix) that no live
// process is writing, anywhere in the data directory except inbox/: what
// agencies drop there is theirs, hidden names included. It returns the
// removed paths, relative to d. Entries it could not check or remove are
// left and joined in err; the sweep goes on past them, and nothing depends
// on a temp being gone (no reader opens one), so callers log err.
func (d Dir) SweepTemps() (removed []string, err error) {
	var errs []error
	walkErr := filepath.WalkDir(string(d), func(path string, de fs.DirEntry, err error) error {
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
			return nil // an unreadable folder is skipped, the rest swept
		}
		if de.IsDir() && path == d.Inbox() {
			return filepath.SkipDir
		}
		if path == string(d) || !IsTemp(de.Name()) || !(de.IsDir() || de.Type().IsRegular()) {
			return nil
		}
		ok, err := removeUnlocked(path, de.IsDir())
		if err != nil {
			errs = append(errs, err)
		}
		if ok {
			rel, _ := filepath.Rel(string(d), path)
			removed = append(removed, rel)
		}
		if de.IsDir() {
			return filepath.SkipDir
		}
		return nil
	})
	return removed, errors.Join(append(errs, walkErr)...)
}

// removeUnlocked removes the temp entry at path when no process holds its
// lock, and reports whether it did.
func removeUnlocked(path string, dir bool) (bool, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil // renamed or removed by its writer meanwhile
	}
	if err != nil {
		return false, fmt.Errorf("sweep %s: %w", path, err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		if errors.Is(err, syscall.EWOULDBLOCK) || noFlock(err) {
			return false, nil // being written (or no way to tell: left alone)
		}
		return false, fmt.Errorf("sweep %s: %w", path, err)
	}
	if !samePath(f) {
		return false, nil // its writer renamed it after we opened it
	}
	if dir {
		err = os.RemoveAll(path)
	} else {
		err = os.Remove(path)
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("sweep %s: %w", path, err)
	}
	return err == nil, nil
}
