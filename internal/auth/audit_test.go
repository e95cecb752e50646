package auth

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestAudit: events are appended as JSON lines in UTC, the file is 0600,
// a reopened log appends, and concurrent Log calls give whole lines.
func TestAudit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "audit.log")
	a, err := OpenAudit(path)
	if err != nil {
		t.Fatal(err)
	}
	wit := time.FixedZone("WIT", 9*3600)
	first := Event{Time: time.Date(2026, 1, 12, 9, 0, 0, 0, wit), User: "budi", Addr: "10.0.0.1", Action: "login", Outcome: "ok"}
	if err := a.Log(first); err != nil {
		t.Fatal(err)
	}
	a.Close()
	if a, err = OpenAudit(path); err != nil {
		t.Fatal(err)
	}
	const n = 200
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if err := a.Log(Event{Action: "upload", User: "ani", Target: fmt.Sprintf("kehadiran_%03d.xlsx", i), Outcome: "ok",
				Detail: string(make([]byte, 2000))}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if err := a.Log(first); err == nil {
		t.Errorf("Log after Close: no error")
	}
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("audit.log mode %v; want 0600", fi.Mode().Perm())
	}
	f, _ := os.Open(path)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	var events []Event
	for sc.Scan() {
		var e Event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("line %d is not JSON: %v: %q", len(events)+1, err, sc.Text())
		}
		events = append(events, e)
	}
	if len(events) != n+1 {
		t.Fatalf("%d lines; want %d", len(events), n+1)
	}
	want := first
	want.Time = time.Date(2026, 1, 12, 0, 0, 0, 0, time.UTC)
	if diff := cmp.Diff(want, events[0]); diff != "" {
		t.Errorf("first event (-want +got):\n%s", diff)
	}
	targets := map[string]bool{}
	for _, e := range events[1:] {
		if e.Time.IsZero() || e.Time.Location() != time.UTC {
			t.Errorf("event time %v; want now in UTC", e.Time)
		}
		targets[e.Target] = true
	}
	if len(targets) != n {
		t.Errorf("%d distinct uploads logged; want %d", len(targets), n)
	}
}
