package auth

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/pantau-asn/pantau/internal/lake"
)

// Store is the accounts in one JSON file (state/users.json, mode 0600),
// shared by the CLI and the server, which are separate processes. Every
// read-modify-write takes an exclusive flock on path+".lock", reads the
// file afresh and replaces it atomically (lake.WriteFile); readers re-read
// the file whenever its identity, mtime or size changed, so a
// `pantau user disable` takes effect on the running server's next request.
// A Store is safe for concurrent use.
type Store struct {
	path string

	mu    sync.Mutex
	users map[string]User // as of seen
	seen  fs.FileInfo     // the file users was read from; nil: no file
}

// file is the layout of users.json.
type file struct {
	Users []User `json:"users"`
}

// OpenStore opens the accounts at path; a missing file is no users yet.
func OpenStore(path string) (*Store, error) {
	s := &Store{path: path}
	if err := s.refresh(); err != nil {
		return nil, err
	}
	return s, nil
}

// refresh re-reads the file when it is not the one last read. While the
// file is unreadable the store has no users, so logins fail closed.
// s.mu must be held.
func (s *Store) refresh() error {
	fi, err := os.Stat(s.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		s.users, s.seen = map[string]User{}, nil
		return nil
	case err != nil:
		s.users, s.seen = map[string]User{}, nil
		return fmt.Errorf("auth: users %s: %w", s.path, err)
	}
	if s.seen != nil && os.SameFile(s.seen, fi) && s.seen.ModTime().Equal(fi.ModTime()) && s.seen.Size() == fi.Size() {
		return nil
	}
	users, fi, err := read(s.path)
	if err != nil {
		s.users, s.seen = map[string]User{}, nil
		return err
	}
	s.users, s.seen = users, fi
	return nil
}

// read reads the accounts file and returns them with the file's info (that
// of the open file, so a rename in between cannot mismatch them).
func read(path string) (map[string]User, fs.FileInfo, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]User{}, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("auth: users: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("auth: users: %w", err)
	}
	var v file
	if err := json.NewDecoder(f).Decode(&v); err != nil {
		return nil, nil, fmt.Errorf("auth: users %s: %w", path, err)
	}
	users := make(map[string]User, len(v.Users))
	for _, u := range v.Users {
		users[u.Name] = u
	}
	return users, fi, nil
}

// update runs change on the current accounts under the file's exclusive
// lock and, when change succeeds, writes them back atomically.
func (s *Store) update(change func(users map[string]User) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	unlock, err := s.lock()
	if err != nil {
		return err
	}
	defer unlock()
	users, _, err := read(s.path)
	if err != nil {
		return err
	}
	if err := change(users); err != nil {
		return err
	}
	v := file{Users: sorted(users)}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if err := lake.WriteFile(s.path, append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("auth: users: %w", err)
	}
	s.seen = nil // the next read takes the file just written
	return s.refresh()
}

// lock takes the exclusive flock on path+".lock", waiting for its holder.
// A flock belongs to the open file, so it excludes other Stores of this
// process as well as other processes.
func (s *Store) lock() (unlock func(), err error) {
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		return nil, fmt.Errorf("auth: lock: %w", err)
	}
	f, err := os.OpenFile(s.path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("auth: lock: %w", err)
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("auth: lock %s: %w", f.Name(), err)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// sorted returns the accounts sorted by name.
func sorted(users map[string]User) []User {
	list := make([]User, 0, len(users))
	for _, u := range users {
		list = append(list, u)
	}
	slices.SortFunc(list, func(a, b User) int { return strings.Compare(a.Name, b.Name) })
	return list
}

// Add creates an account and returns its one-time password; the user must
// change it at the first login (MustChange). The agency code is taken as
// given: the caller checks it against the reference data.
func (s *Store) Add(name string, role Role, agency string, now time.Time) (password string, err error) {
	if err := checkAccount(name, role, agency); err != nil {
		return "", err
	}
	password = NewPassword()
	hash, err := HashPassword(password)
	if err != nil {
		return "", err
	}
	now = now.UTC()
	err = s.update(func(users map[string]User) error {
		if _, ok := users[name]; ok {
			return fmt.Errorf("%w: %s", ErrUserExists, name)
		}
		users[name] = User{Name: name, Role: role, Agency: agency, Hash: hash, MustChange: true, Created: now, Changed: now}
		return nil
	})
	if err != nil {
		return "", err
	}
	return password, nil
}

// Reset gives an account a new one-time password and returns it: MustChange
// is set and Changed is now, which voids the user's sessions.
func (s *Store) Reset(name string, now time.Time) (password string, err error) {
	password = NewPassword()
	hash, err := HashPassword(password)
	if err != nil {
		return "", err
	}
	err = s.modify(name, func(u *User) error {
		u.Hash, u.MustChange, u.Changed = hash, true, now.UTC()
		return nil
	})
	if err != nil {
		return "", err
	}
	return password, nil
}

// Disable refuses the account's logins from now on. Changed is now too, so
// sessions from before stay void even if the account is enabled again.
func (s *Store) Disable(name string, now time.Time) error {
	return s.modify(name, func(u *User) error {
		u.Disabled, u.Changed = true, now.UTC()
		return nil
	})
}

// Enable lets a disabled account log in again; Changed is now.
func (s *Store) Enable(name string, now time.Time) error {
	return s.modify(name, func(u *User) error {
		u.Disabled, u.Changed = false, now.UTC()
		return nil
	})
}

// modify changes the account name under the lock; ErrUnknownUser when
// there is none.
func (s *Store) modify(name string, change func(u *User) error) error {
	return s.update(func(users map[string]User) error {
		u, ok := users[name]
		if !ok {
			return fmt.Errorf("%w: %s", ErrUnknownUser, name)
		}
		if err := change(&u); err != nil {
			return err
		}
		users[name] = u
		return nil
	})
}

// Get returns the account name, read afresh from disk if the file changed.
func (s *Store) Get(name string) (User, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refresh()
	u, ok := s.users[name]
	return u, ok
}

// List returns every account, sorted by name.
func (s *Store) List() []User {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refresh()
	return sorted(s.users)
}

// dummyHash is hashed against for unknown names, so a login takes as long
// whether the name exists or not.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword(NewPassword())
	return h
})

// Authenticate checks a login. An unknown name and a wrong password are both
// ErrBadLogin, and an unknown name still spends one hash, so neither the
// answer nor its timing says which names exist. A right password of a
// disabled account is ErrDisabled.
func (s *Store) Authenticate(name, password string) (User, error) {
	u, ok := s.Get(name)
	if !ok {
		CheckPassword(dummyHash(), password)
		return User{}, ErrBadLogin
	}
	if !CheckPassword(u.Hash, password) {
		return User{}, ErrBadLogin
	}
	if u.Disabled {
		return User{}, ErrDisabled
	}
	return u, nil
}

// SetPassword changes a password chosen by its user after checking the old
// one (ErrBadLogin when wrong, ErrDisabled for a disabled account). The new
// one must have at least MinPassword characters and differ from the old one
// and the name (ErrWeakPassword). It clears MustChange and sets Changed to
// now, voiding the user's other sessions.
func (s *Store) SetPassword(name, old, new string, now time.Time) error {
	checked, err := s.Authenticate(name, old)
	if err != nil {
		return err
	}
	if utf8.RuneCountInString(new) < MinPassword || new == old || strings.EqualFold(new, name) {
		return fmt.Errorf("%w: at least %d characters, not the old password or the user name", ErrWeakPassword, MinPassword)
	}
	hash, err := HashPassword(new)
	if err != nil {
		return err
	}
	return s.modify(name, func(u *User) error {
		if u.Disabled {
			return ErrDisabled
		}
		if u.Hash != checked.Hash { // reset by another process meanwhile
			return ErrBadLogin
		}
		u.Hash, u.MustChange, u.Changed = hash, false, now.UTC()
		return nil
	})
}
