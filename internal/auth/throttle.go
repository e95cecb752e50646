package auth

import (
	"sync"
	"time"
)

// Throttle counts failed logins per key ("user:NAME", "addr:IP") over a
// sliding window and refuses a key with max failures in it. It is safe for
// concurrent use.
type Throttle struct {
	max    int
	window time.Duration

	mu    sync.Mutex
	fails map[string][]time.Time // the newest failures of each key, at most max, oldest first
	adds  int                    // Fail calls since the last sweep
}

// NewThrottle returns a throttle that blocks a key after max failures
// within window; a max below 1 is 1.
func NewThrottle(max int, window time.Duration) *Throttle {
	return &Throttle{max: maxInt(max, 1), window: window, fails: map[string][]time.Time{}}
}

// Allowed reports whether key may try again at now; when not, retryAfter is
// how long until its oldest counted failure leaves the window.
func (t *Throttle) Allowed(key string, now time.Time) (ok bool, retryAfter time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	f := t.prune(key, now)
	if len(f) < t.max {
		return true, 0
	}
	return false, f[0].Add(t.window).Sub(now)
}

// Fail records a failed login of key at now.
func (t *Throttle) Fail(key string, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	f := append(t.prune(key, now), now)
	if len(f) > t.max { // older failures cannot change the answer
		f = f[len(f)-t.max:]
	}
	t.fails[key] = f
	if t.adds++; t.adds >= 1024 { // many addresses: forget those gone quiet
		t.adds = 0
		for k := range t.fails {
			t.prune(k, now)
		}
	}
}

// Reset forgets key's failures (a successful login).
func (t *Throttle) Reset(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.fails, key)
}

// prune drops key's failures that left the window and returns the rest;
// a key with none left is removed. t.mu must be held.
func (t *Throttle) prune(key string, now time.Time) []time.Time {
	f := t.fails[key]
	i := 0
	for i < len(f) && !f[i].After(now.Add(-t.window)) {
		i++
	}
	f = f[i:]
	if len(f) == 0 {
		delete(t.fails, key)
		return nil
	}
	t.fails[key] = f
	return f
}

// maxInt is the builtin max, which the parameter named max shadows in
// NewThrottle.
func maxInt(a, b int) int { return max(a, b) }
