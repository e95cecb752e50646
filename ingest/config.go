package ingest

import (
	"errors"
	"fmt"
	"time"
)

// Config is how Run treats the inbox. Read carries the limits and the
// bad-row share handed to the reader; its Agency, Reference, UploadID and
// FileName are set per file by Run.
type Config struct {
	Workers     int           // files parsed at once (the commit is always one at a time)
	StableFor   time.Duration // a file is left alone until its mtime is this old and unchanged since the last scan
	MaxFileSize int64         // bytes; larger files are rejected without being opened
	MaxProblems int           // rejected-row lines listed in one receipt; the rest are counted
	Read        Options

	// How a file meets its month's current uploads when neither its name
	// nor its title says "revisi" or "tambahan" (docs/uploads.md, "Several
	// files for one month"): it replaces them when it holds at least
	// ReplaceShare of their rows (a cumulative or corrected copy: default
	// 0.9, so a copy may change one row key in ten — a fixed NIP or date —
	// and still be recognised); it is added when at most AddShare of its
	// own rows are already current (default 0: "it shares none"; those
	// rows are rejected as repeats); in between it is held back.
	ReplaceShare float64
	AddShare     float64

	// DeadlineDay is the day of the month after a period by which its
	// uploads are due (23:59:59 WIT): receipts say when a file came later.
	DeadlineDay int

	// Progress, when set, is called by the commit goroutine after each
	// file with the number of files done and the total of this run (the
	// CLI draws a progress bar with it on a terminal).
	Progress func(done, total int)

	// CommitDelay sleeps before every commit step (lake file, receipt,
	// ledger, move). Zero in production; the kill test sets it (through
	// PANTAU_INGEST_SLOW) so that SIGKILL lands between steps.
	CommitDelay time.Duration
}

// SoftMemoryLimit is the soft heap limit (runtime/debug.SetMemoryLimit) a
// process that runs Run should set unless GOMEMLIMIT is given: with it the
// garbage collector works harder as the heap nears the limit instead of
// letting it grow to twice the live data, which keeps a 500,000-row
// workbook under 300 MB resident (about 380 MB without). It is soft: a
// larger upload still goes through, with more GC work. Run itself never
// changes process-wide settings.
const SoftMemoryLimit = 200 << 20

// DefaultConfig is Workers 2, StableFor 30s, MaxFileSize 50 MiB,
// MaxProblems 10 000 and Read = DefaultOptions().
func DefaultConfig() Config {
	return Config{
		Workers:     2,
		StableFor:   30 * time.Second,
		MaxFileSize: 50 << 20,
		MaxProblems: 10_000,
		Read:        DefaultOptions(),

		ReplaceShare: 0.9,
		AddShare:     0,
		DeadlineDay:  10,
	}
}

// Validate reports the first setting that cannot work.
func (c Config) Validate() error {
	var errs []error
	if c.Workers < 1 || c.Workers > 64 {
		errs = append(errs, fmt.Errorf("workers %d: want 1..64", c.Workers))
	}
	if c.StableFor < 0 {
		errs = append(errs, fmt.Errorf("stable_for %v: must not be negative", c.StableFor))
	}
	if c.MaxFileSize <= 0 {
		errs = append(errs, fmt.Errorf("max_file_size %d: must be positive", c.MaxFileSize))
	}
	if c.MaxProblems < 1 {
		errs = append(errs, fmt.Errorf("max_problems %d: must be positive", c.MaxProblems))
	}
	if !(c.ReplaceShare > 0 && c.ReplaceShare <= 1) {
		errs = append(errs, fmt.Errorf("replace_share %v: want more than 0 and at most 1", c.ReplaceShare))
	}
	if !(c.AddShare >= 0 && c.AddShare < 1) {
		errs = append(errs, fmt.Errorf("add_share %v: want at least 0 and less than 1", c.AddShare))
	}
	if c.DeadlineDay < 1 || c.DeadlineDay > 28 {
		errs = append(errs, fmt.Errorf("deadline_day %d: want 1..28", c.DeadlineDay))
	}
	if err := c.Read.Validate(); err != nil {
		errs = append(errs, err)
	}
	if c.CommitDelay < 0 {
		errs = append(errs, fmt.Errorf("commit_delay %v: must not be negative", c.CommitDelay))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("ingest config: %w", err)
	}
	return nil
}
