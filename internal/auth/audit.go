package auth

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Event is one line of the audit log.
type Event struct {
	Time    time.Time `json:"time"`
	User    string    `json:"user,omitempty"`
	Addr    string    `json:"addr,omitempty"`
	Action  string    `json:"action"` // "login", "logout", "upload", "download", "password", "denied", "user-add", ...
	Target  string    `json:"target,omitempty"`
	Outcome string    `json:"outcome"` // "ok", "fail", "refused", ...
	Detail  string    `json:"detail,omitempty"`
}

// Audit is the audit log (state/audit.log): one JSON object per line,
// appended. Each line is one write to a file opened with O_APPEND, so lines
// of the CLI and of the server never interleave. It is safe for concurrent
// use.
type Audit struct {
	mu sync.Mutex
	f  *os.File
}

// OpenAudit opens the audit log at path for appending, creating it with
// mode 0600.
func OpenAudit(path string) (*Audit, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("auth: audit: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("auth: audit: %w", err)
	}
	return &Audit{f: f}, nil
}

// Log appends e; a zero Time is now. Times are written in UTC.
func (a *Audit) Log(e Event) error {
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	e.Time = e.Time.UTC()
	b, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("auth: audit: %w", err)
	}
	b = append(b, '\n')
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.f == nil {
		return fmt.Errorf("auth: audit: %w", os.ErrClosed)
	}
	if _, err := a.f.Write(b); err != nil {
		return fmt.Errorf("auth: audit: %w", err)
	}
	return nil
}

// Close closes the log.
func (a *Audit) Close() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.f == nil {
		return nil
	}
	err := a.f.Close()
	a.f = nil
	return err
}
