package lake

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// ErrLocked is returned by TryLock when another process holds the lock.
var ErrLocked = errors.New("data directory is locked by another pantau process")

// Lock is an advisory lock (flock) on a file under state/, exclusive or
// shared (ReadLock). The kernel releases it when the process dies, so a
// crash never leaves a stale lock.
type Lock struct {
	f *os.File
}

// TryLock takes the named lock ("ingest", "daemon", "report") without
// waiting. When it is held elsewhere the error wraps ErrLocked and names the
// holder's pid.
func (d Dir) TryLock(name string) (*Lock, error) {
	return d.lock(name, syscall.LOCK_EX|syscall.LOCK_NB)
}

// WaitLock takes the named lock, waiting for the holder to release it.
func (d Dir) WaitLock(name string) (*Lock, error) {
	return d.lock(name, syscall.LOCK_EX)
}

// ReaderLock is the name of the lock readers of the lake hold, shared, for
// as long as they may open lake files (a transform session). Whoever removes
// lake files that readers could still be reading — a replaced upload's file,
// a stale compacted file — first takes it exclusively without waiting
// (TryLock(ReaderLock)) and, when readers are active, leaves the files for
// a later run: they no longer count, so only disk space waits.
const ReaderLock = "lake-read"

// ReadLock takes the named lock shared, waiting while it is held
// exclusively (which is never for long: only while files are removed).
func (d Dir) ReadLock(name string) (*Lock, error) {
	return d.lock(name, syscall.LOCK_SH)
}

func (d Dir) lock(name string, how int) (*Lock, error) {
	if err := os.MkdirAll(d.State(), 0o755); err != nil {
		return nil, err
	}
	path := filepath.Join(d.State(), name+".lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), how); err != nil {
		b, _ := os.ReadFile(path)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s lock (held by pid %s): %w", name, strings.TrimSpace(string(b)), ErrLocked)
		}
		return nil, fmt.Errorf("%s lock: %w", name, err)
	}
	if how&syscall.LOCK_EX != 0 { // the holder's pid, for the error message of a blocked TryLock
		f.Truncate(0)
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &Lock{f: f}, nil
}

// Unlock releases the lock.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	err := l.f.Close()
	l.f = nil
	return err
}
