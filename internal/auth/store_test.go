package auth

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// t0 is the tests' clock: Monday 12 January 2026, 09:00 WIT.
var t0 = time.Date(2026, 1, 12, 0, 0, 0, 0, time.UTC)

// openTest opens a store in a fresh state/ folder.
func openTest(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state", "users.json")
	s, err := OpenStore(path)
	if err != nil {
		t.Fatalf("OpenStore(%s): %v", path, err)
	}
	return s, path
}

// TestStoreAddAuthenticate: a new account logs in with its one-time
// password, must change it, and an unknown name and a wrong password give
// the same ErrBadLogin.
func TestStoreAddAuthenticate(t *testing.T) {
	s, path := openTest(t)
	if got := s.List(); len(got) != 0 {
		t.Fatalf("List of a missing file = %v; want none", got)
	}
	pw, err := s.Add("ambon.op", RoleAgency, "kota-ambon", t0)
	if err != nil {
		t.Fatalf("Add: %v", err)
	}
	if len(pw) != 16 {
		t.Errorf("Add password %q; want 16 characters", pw)
	}
	u, err := s.Authenticate("ambon.op", pw)
	if err != nil {
		t.Fatalf("Authenticate(right password) = %v", err)
	}
	if u.Name != "ambon.op" || u.Role != RoleAgency || u.Agency != "kota-ambon" || !u.MustChange || u.Disabled ||
		!u.Created.Equal(t0) || !u.Changed.Equal(t0) {
		t.Errorf("Authenticate = %+v; want ambon.op, agency kota-ambon, MustChange, created and changed %v", u, t0)
	}
	if _, err := s.Authenticate("ambon.op", pw+"x"); !errors.Is(err, ErrBadLogin) {
		t.Errorf("Authenticate(wrong password) = %v; want ErrBadLogin", err)
	}
	if _, err := s.Authenticate("nobody", pw); !errors.Is(err, ErrBadLogin) {
		t.Errorf("Authenticate(unknown user) = %v; want ErrBadLogin", err)
	}
	if _, err := s.Add("ambon.op", RoleLeadership, "", t0); !errors.Is(err, ErrUserExists) {
		t.Errorf("Add of an existing name = %v; want ErrUserExists", err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("%s mode %v; want 0600", path, fi.Mode().Perm())
	}
}

// TestStoreAddChecks: names, roles and agencies are validated.
func TestStoreAddChecks(t *testing.T) {
	s, _ := openTest(t)
	for _, tc := range []struct {
		name, agency string
		role         Role
		want         error
	}{
		{"a", "", RoleOperator, ErrBadName},
		{"Budi", "", RoleOperator, ErrBadName},
		{"-budi", "", RoleOperator, ErrBadName},
		{"budi santoso", "", RoleOperator, ErrBadName},
		{"b1234567890123456789012345678901234567890", "", RoleOperator, ErrBadName},
		{"budi", "", Role("admin"), ErrBadRole},
		{"budi", "", RoleAgency, ErrBadAgency},
		{"budi", "kota-ambon", RoleLeadership, ErrBadAgency},
		{"budi", "Kota Ambon", RoleAgency, ErrBadAgency},
	} {
		if _, err := s.Add(tc.name, tc.role, tc.agency, t0); !errors.Is(err, tc.want) {
			t.Errorf("Add(%q, %q, %q) = %v; want %v", tc.name, tc.role, tc.agency, err, tc.want)
		}
	}
	if _, err := s.Add("b123456789012345678901234567890123456789", RoleOperator, "", t0); err != nil {
		t.Errorf("Add of a 40-character name: %v", err)
	}
	for _, r := range []string{"agency", "leadership", "operator"} {
		if got, err := ParseRole(r); err != nil || string(got) != r {
			t.Errorf("ParseRole(%q) = %q, %v", r, got, err)
		}
	}
	if _, err := ParseRole("Operator"); !errors.Is(err, ErrBadRole) {
		t.Errorf("ParseRole(Operator) = %v; want ErrBadRole", err)
	}
}

// TestStoreDisabled: a disabled account's right password is ErrDisabled,
// its wrong one still ErrBadLogin; enabled, it logs in again.
func TestStoreDisabled(t *testing.T) {
	s, _ := openTest(t)
	pw, _ := s.Add("pimpinan", RoleLeadership, "", t0)
	if err := s.Disable("pimpinan", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate("pimpinan", pw); !errors.Is(err, ErrDisabled) {
		t.Errorf("Authenticate(disabled) = %v; want ErrDisabled", err)
	}
	if _, err := s.Authenticate("pimpinan", "wrong"); !errors.Is(err, ErrBadLogin) {
		t.Errorf("Authenticate(disabled, wrong password) = %v; want ErrBadLogin", err)
	}
	if u, _ := s.Get("pimpinan"); !u.Changed.Equal(t0.Add(time.Hour)) {
		t.Errorf("Changed after Disable = %v; want %v", u.Changed, t0.Add(time.Hour))
	}
	if err := s.Enable("pimpinan", t0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate("pimpinan", pw); err != nil {
		t.Errorf("Authenticate after Enable = %v", err)
	}
	for _, err := range []error{s.Disable("nobody", t0), s.Enable("nobody", t0)} {
		if !errors.Is(err, ErrUnknownUser) {
			t.Errorf("Disable/Enable of an unknown user = %v; want ErrUnknownUser", err)
		}
	}
	if _, err := s.Reset("nobody", t0); !errors.Is(err, ErrUnknownUser) {
		t.Errorf("Reset of an unknown user = %v; want ErrUnknownUser", err)
	}
}

// TestStoreTwoProcesses: a second OpenStore sees what the first added, and
// a Disable through one Store is seen by Get of another already open.
func TestStoreTwoProcesses(t *testing.T) {
	a, path := openTest(t)
	b, err := OpenStore(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Add("op", RoleOperator, "", t0); err != nil {
		t.Fatal(err)
	}
	c, err := OpenStore(path)
	if err != nil {
		t.Fatal(err)
	}
	if u, ok := c.Get("op"); !ok || u.Role != RoleOperator {
		t.Errorf("new Store Get(op) = %+v, %v; want the operator", u, ok)
	}
	if u, ok := b.Get("op"); !ok || u.Disabled {
		t.Fatalf("open Store Get(op) = %+v, %v; want the enabled operator", u, ok)
	}
	if err := a.Disable("op", t0); err != nil {
		t.Fatal(err)
	}
	if u, ok := b.Get("op"); !ok || !u.Disabled {
		t.Errorf("open Store Get(op) after Disable elsewhere = %+v, %v; want disabled", u, ok)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if _, ok := b.Get("op"); ok {
		t.Errorf("Get(op) after users.json was removed = ok; want no such user")
	}
}

// TestStoreCorrupt: a users.json that is not JSON fails OpenStore, and an
// open store refuses every login while the file stays so.
func TestStoreCorrupt(t *testing.T) {
	s, path := openTest(t)
	pw, _ := s.Add("op", RoleOperator, "", t0)
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenStore(path); err == nil {
		t.Errorf("OpenStore of a corrupt file: no error")
	}
	if _, err := s.Authenticate("op", pw); !errors.Is(err, ErrBadLogin) {
		t.Errorf("Authenticate with a corrupt file = %v; want ErrBadLogin", err)
	}
}

// TestStoreSetPassword: the old password is checked, weak new ones are
// refused, and a change clears MustChange and sets Changed.
func TestStoreSetPassword(t *testing.T) {
	s, _ := openTest(t)
	pw, _ := s.Add("budi", RoleLeadership, "", t0)
	if err := s.SetPassword("budi", "wrong-old-password", "pala-dan-cengkeh", t0); !errors.Is(err, ErrBadLogin) {
		t.Errorf("SetPassword(wrong old) = %v; want ErrBadLogin", err)
	}
	for _, weak := range []string{"pendek", "123456789", pw, "budi"} {
		if err := s.SetPassword("budi", pw, weak, t0); !errors.Is(err, ErrWeakPassword) {
			t.Errorf("SetPassword(new %q) = %v; want ErrWeakPassword", weak, err)
		}
	}
	s.Add("budi.santoso", RoleLeadership, "", t0)
	later := t0.Add(time.Hour)
	if err := s.SetPassword("budi", pw, "pala-dan-cengkeh", later); err != nil {
		t.Fatalf("SetPassword: %v", err)
	}
	u, err := s.Authenticate("budi", "pala-dan-cengkeh")
	if err != nil {
		t.Fatalf("Authenticate(new password) = %v", err)
	}
	if u.MustChange || !u.Changed.Equal(later) || !u.Created.Equal(t0) {
		t.Errorf("after SetPassword: MustChange %v, Changed %v, Created %v; want false, %v, %v", u.MustChange, u.Changed, u.Created, later, t0)
	}
	if _, err := s.Authenticate("budi", pw); !errors.Is(err, ErrBadLogin) {
		t.Errorf("Authenticate(old password) = %v; want ErrBadLogin", err)
	}
}

// TestStoreReset: a reset gives a new one-time password, sets MustChange
// and Changed, and the old password no longer logs in.
func TestStoreReset(t *testing.T) {
	s, _ := openTest(t)
	pw, _ := s.Add("budi", RoleOperator, "", t0)
	s.SetPassword("budi", pw, "pala-dan-cengkeh", t0.Add(time.Minute))
	later := t0.Add(time.Hour)
	npw, err := s.Reset("budi", later)
	if err != nil {
		t.Fatal(err)
	}
	if npw == pw || len(npw) != 16 {
		t.Errorf("Reset password %q; want a new 16-character one", npw)
	}
	if _, err := s.Authenticate("budi", "pala-dan-cengkeh"); !errors.Is(err, ErrBadLogin) {
		t.Errorf("Authenticate(password before reset) = %v; want ErrBadLogin", err)
	}
	u, err := s.Authenticate("budi", npw)
	if err != nil {
		t.Fatal(err)
	}
	if !u.MustChange || !u.Changed.Equal(later) {
		t.Errorf("after Reset: MustChange %v, Changed %v; want true, %v", u.MustChange, u.Changed, later)
	}
}

// TestStoreConcurrentAdd: Adds from goroutines through two Stores on one
// file lose nothing: each read-modify-write holds the flock.
func TestStoreConcurrentAdd(t *testing.T) {
	a, path := openTest(t)
	b, err := OpenStore(path)
	if err != nil {
		t.Fatal(err)
	}
	const n = 8
	var wg sync.WaitGroup
	for i := range n {
		for j, s := range []*Store{a, b} {
			wg.Go(func() {
				if _, err := s.Add(fmt.Sprintf("u%d-%d", j, i), RoleOperator, "", t0); err != nil {
					t.Error(err)
				}
			})
		}
	}
	wg.Wait()
	c, err := OpenStore(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.List(); len(got) != 2*n {
		t.Errorf("after %d concurrent Adds, List has %d users", 2*n, len(got))
	}
	list := a.List()
	for i := 1; i < len(list); i++ {
		if list[i-1].Name >= list[i].Name {
			t.Errorf("List not sorted by name: %q before %q", list[i-1].Name, list[i].Name)
		}
	}
}
