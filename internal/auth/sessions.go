package auth

import (
	"crypto/rand"
	"encoding/base64"
	"sync"
	"time"
)

// DefaultIdle is the longest NewSessions lets a session go unused.
const DefaultIdle = time.Hour

// Sessions are the logged-in users of pantau serve, by random session id.
// They are kept in memory only: a restart of the server logs everyone out.
// A session ends at its absolute lifetime after Create, or earlier once it
// goes unused for Idle. Sessions are safe for concurrent use.
type Sessions struct {
	// Idle is how long a session lives without a Lookup; set it before use.
	Idle time.Duration

	lifetime time.Duration
	mu       sync.Mutex
	byID     map[string]*session
}

// session is one login.
type session struct {
	user          string
	created, last time.Time
}

// NewSessions returns an empty set of sessions that live at most lifetime;
// Idle is the shorter of lifetime and DefaultIdle.
func NewSessions(lifetime time.Duration) *Sessions {
	return &Sessions{Idle: min(lifetime, DefaultIdle), lifetime: lifetime, byID: map[string]*session{}}
}

// Create starts a session for user and returns its id: 32 random bytes,
// base64url without padding (43 characters).
func (s *Sessions) Create(user string, now time.Time) (id string) {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand crashes the program instead)
	id = base64.RawURLEncoding.EncodeToString(b)
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, v := range s.byID { // few sessions: sweeping on every login keeps the map small
		if s.expired(v, now) {
			delete(s.byID, k)
		}
	}
	s.byID[id] = &session{user: user, created: now, last: now}
	return id
}

// expired reports whether v is over at now.
func (s *Sessions) expired(v *session, now time.Time) bool {
	return now.Sub(v.created) >= s.lifetime || now.Sub(v.last) >= s.Idle
}

// Lookup returns the user and creation time of session id and marks it
// used at now. An unknown or expired session is not ok; an expired one is
// removed.
func (s *Sessions) Lookup(id string, now time.Time) (user string, created time.Time, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.byID[id]
	if !ok {
		return "", time.Time{}, false
	}
	if s.expired(v, now) {
		delete(s.byID, id)
		return "", time.Time{}, false
	}
	v.last = now
	return v.user, v.created, true
}

// Delete ends session id (logout).
func (s *Sessions) Delete(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.byID, id)
}

// DeleteUser ends every session of user (password changed, account
// disabled).
func (s *Sessions) DeleteUser(user string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, v := range s.byID {
		if v.user == user {
			delete(s.byID, k)
		}
	}
}
