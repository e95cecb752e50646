package auth

import (
	"regexp"
	"testing"
	"time"
)

// TestSessionsLifetime: a session lives until its absolute lifetime however
// often it is used, and is removed once expired.
func TestSessionsLifetime(t *testing.T) {
	s := NewSessions(8 * time.Hour)
	id := s.Create("budi", t0)
	for at := time.Duration(0); at < 8*time.Hour; at += 30 * time.Minute {
		user, created, ok := s.Lookup(id, t0.Add(at))
		if !ok || user != "budi" || !created.Equal(t0) {
			t.Fatalf("Lookup at +%v = %q, %v, %v; want budi, %v, true", at, user, created, ok, t0)
		}
	}
	if _, _, ok := s.Lookup(id, t0.Add(8*time.Hour)); ok {
		t.Errorf("Lookup at the lifetime = ok; want expired")
	}
	if _, ok := s.byID[id]; ok {
		t.Errorf("an expired session was not removed")
	}
}

// TestSessionsIdle: a session unused for Idle ends before its lifetime.
func TestSessionsIdle(t *testing.T) {
	s := NewSessions(8 * time.Hour)
	if s.Idle != time.Hour {
		t.Errorf("Idle = %v; want %v", s.Idle, time.Hour)
	}
	id := s.Create("budi", t0)
	if _, _, ok := s.Lookup(id, t0.Add(59*time.Minute)); !ok {
		t.Fatalf("Lookup after 59 minutes = not ok")
	}
	if _, _, ok := s.Lookup(id, t0.Add(119*time.Minute)); ok {
		t.Errorf("Lookup after an hour unused = ok; want expired")
	}
	if short := NewSessions(10 * time.Minute); short.Idle != 10*time.Minute {
		t.Errorf("NewSessions(10m).Idle = %v; want 10m", short.Idle)
	}
}

// TestSessionsDelete: Delete ends one session, DeleteUser all of a user's.
func TestSessionsDelete(t *testing.T) {
	s := NewSessions(time.Hour)
	a1, a2, b := s.Create("ani", t0), s.Create("ani", t0), s.Create("budi", t0)
	s.DeleteUser("ani")
	for _, id := range []string{a1, a2} {
		if _, _, ok := s.Lookup(id, t0); ok {
			t.Errorf("ani's session %s survived DeleteUser", id)
		}
	}
	if u, _, ok := s.Lookup(b, t0); !ok || u != "budi" {
		t.Errorf("budi's session after DeleteUser(ani) = %q, %v", u, ok)
	}
	s.Delete(b)
	if _, _, ok := s.Lookup(b, t0); ok {
		t.Errorf("session survived Delete")
	}
	if _, _, ok := s.Lookup("no-such-id", t0); ok {
		t.Errorf("Lookup of an unknown id = ok")
	}
}

// TestSessionIDs: ids are 43 characters of base64url and distinct.
func TestSessionIDs(t *testing.T) {
	s := NewSessions(time.Hour)
	re := regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)
	seen := map[string]bool{}
	for range 1000 {
		id := s.Create("u", t0)
		if !re.MatchString(id) {
			t.Fatalf("id %q; want 43 base64url characters", id)
		}
		if seen[id] {
			t.Fatalf("id %q repeated", id)
		}
		seen[id] = true
	}
}
