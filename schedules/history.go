package schedules

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/pantau-asn/pantau/internal/lake"
)

// HistoryPerJob bounds the run history: the newest records of each job are kept.
const HistoryPerJob = 100

// Record is one job run in the history.
type Record struct {
	Job      string         `json:"job"`
	Trigger  Trigger        `json:"trigger,omitempty"`
	Due      time.Time      `json:"due"`
	Start    time.Time      `json:"start"`
	Duration float64        `json:"duration_s"`
	Outcome  string         `json:"outcome"`
	Error    string         `json:"error,omitempty"`
	Counts   map[string]int `json:"counts,omitempty"`
	Periods  []string       `json:"periods,omitempty"`
	Note     string         `json:"note,omitempty"`
}

// History is state/history.json: the newest runs of each job, oldest first.
type History struct {
	Runs []Record `json:"runs"`
}

// HistoryPath is where the run history lives.
func HistoryPath(dir lake.Dir) string { return filepath.Join(dir.State(), "history.json") }

// LoadHistory reads the run history; a missing file is an empty history.
func LoadHistory(dir lake.Dir) (*History, error) {
	b, err := os.ReadFile(HistoryPath(dir))
	if errors.Is(err, fs.ErrNotExist) {
		return &History{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load history: %w", err)
	}
	var h History
	if err := json.Unmarshal(b, &h); err != nil {
		return nil, fmt.Errorf("load history %s: %w", HistoryPath(dir), err)
	}
	return &h, nil
}

// AppendHistory adds r to the history file, keeping HistoryPerJob records
// per job. The file is rewritten atomically under the "history" lock, so
// the daemon and a manual `pantau run` never lose each other's records.
func AppendHistory(dir lake.Dir, r Record) error {
	lk, err := dir.WaitLock("history")
	if err != nil {
		return fmt.Errorf("append history: %w", err)
	}
	defer lk.Unlock()
	h, err := LoadHistory(dir)
	if err != nil {
		return err
	}
	h.Runs = append(h.Runs, r)
	h.trim(HistoryPerJob)
	b, err := json.MarshalIndent(h, "", " ")
	if err != nil {
		return fmt.Errorf("append history: %w", err)
	}
	return lake.WriteFile(HistoryPath(dir), append(b, '\n'), 0o644)
}

// trim keeps the newest keep records of each job, in order.
func (h *History) trim(keep int) {
	seen := map[string]int{}
	out := make([]Record, 0, len(h.Runs))
	for i := len(h.Runs) - 1; i >= 0; i-- {
		r := h.Runs[i]
		if seen[r.Job] < keep {
			seen[r.Job]++
			out = append(out, r)
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	h.Runs = out
}

// Last returns the newest record of job.
func (h *History) Last(job string) (Record, bool) {
	for i := len(h.Runs) - 1; i >= 0; i-- {
		if h.Runs[i].Job == job {
			return h.Runs[i], true
		}
	}
	return Record{}, false
}

// lastRan returns the newest record of job that stands for a real run
// attempt (not a skip): its Due is the catch-up watermark.
func (h *History) lastRan(job string) (Record, bool) {
	for i := len(h.Runs) - 1; i >= 0; i-- {
		r := h.Runs[i]
		if r.Job == job && r.Outcome != OutcomeSkipped && r.Outcome != OutcomeCanceled {
			return r, true
		}
	}
	return Record{}, false
}
