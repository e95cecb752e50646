package auth

import (
	"testing"
	"time"
)

// TestThrottle: a key is blocked after max failures within the window, told
// when to retry, and free again once the oldest failure leaves it; other
// keys and a Reset are unaffected.
func TestThrottle(t *testing.T) {
	th := NewThrottle(3, 15*time.Minute)
	key := "user:budi"
	for i := range 3 {
		at := t0.Add(time.Duration(i) * time.Minute)
		if ok, _ := th.Allowed(key, at); !ok {
			t.Fatalf("Allowed after %d failures = false", i)
		}
		th.Fail(key, at)
	}
	ok, retry := th.Allowed(key, t0.Add(3*time.Minute))
	if ok || retry != 12*time.Minute {
		t.Errorf("Allowed after 3 failures = %v, retry %v; want false, 12m", ok, retry)
	}
	if ok, _ := th.Allowed("addr:10.0.0.1", t0.Add(3*time.Minute)); !ok {
		t.Errorf("another key blocked")
	}
	if ok, _ := th.Allowed(key, t0.Add(15*time.Minute)); !ok {
		t.Errorf("Allowed once the first failure left the window = false")
	}
	th.Fail(key, t0.Add(15*time.Minute))
	if ok, retry := th.Allowed(key, t0.Add(15*time.Minute)); ok || retry != time.Minute {
		t.Errorf("Allowed after a fourth failure = %v, retry %v; want false, 1m", ok, retry)
	}
	th.Reset(key)
	if ok, _ := th.Allowed(key, t0.Add(15*time.Minute)); !ok {
		t.Errorf("Allowed after Reset = false")
	}
	th.Fail("addr:x", t0)
	th.Allowed("addr:x", t0.Add(time.Hour))
	if len(th.fails) != 0 {
		t.Errorf("keys with no failure in the window are kept: %v", th.fails)
	}
}
