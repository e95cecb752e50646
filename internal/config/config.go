package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// Job names, as in pantau.toml ([jobs.<name>]) and the run history.
const (
	JobIngest   = "ingest"   // scan the inbox
	JobReport   = "report"   // the monthly report of the previous month, and revised months
	JobReminder = "reminder" // the completeness reminder to late agencies
)

// Config is pantau.toml: when the jobs run and the settings they run with.
type Config struct {
	TimeZone string         `toml:"time_zone"` // IANA name the cron specs are read in
	Jobs     JobsConfig     `toml:"jobs"`
	Ingest   IngestSettings `toml:"ingest"`
	Report   ReportConfig   `toml:"report"`
	Serve    ServeConfig    `toml:"serve"`
}

// JobsConfig holds the schedule of each job.
type JobsConfig struct {
	Ingest   JobConfig `toml:"ingest"`
	Report   JobConfig `toml:"report"`
	Reminder JobConfig `toml:"reminder"`
}

// JobConfig is one job's schedule.
type JobConfig struct {
	// Spec is a cron spec: 5 fields (minute hour day month weekday), or 6
	// with a leading seconds field (for tests and demos), or a descriptor
	// (@daily, @every 10m).
	Spec     string `toml:"spec"`
	Disabled bool   `toml:"disabled"`
}

// IngestSettings are the inbox-scan settings (mapped onto ingest.Config).
type IngestSettings struct {
	Workers       int     `toml:"workers"`        // files read in parallel
	StableSeconds int     `toml:"stable_seconds"` // a file is read once its size and mtime held this long
	MaxFileMB     int     `toml:"max_file_mb"`    // larger files are rejected unread
	MaxBadShare   float64 `toml:"max_bad_share"`  // more rejected rows than this share rejects the file…
	MinBadRows    int     `toml:"min_bad_rows"`   // …when at least this many rows are rejected
	ReplaceShare  float64 `toml:"replace_share"`  // a file holding this share of its month's current rows replaces them…
	AddShare      float64 `toml:"add_share"`      // …one with at most this share of its rows already current is added; else held back
	MaxRows       int     `toml:"max_rows"`
	MaxUnzipMB    int     `toml:"max_unzip_mb"` // zip-bomb limits of the xlsx reader
	MaxXMLMB      int     `toml:"max_xml_mb"`
}

// ReportConfig are the monthly report's thresholds (mapped onto
// transform.Params) and how many missed months a restart catches up.
type ReportConfig struct {
	MaxCatchUp       int     `toml:"max_catch_up"`       // missed months reported after downtime, newest kept
	TargetJP         float64 `toml:"target_jp"`          // annual training-hours duty
	OnTrackThreshold float64 `toml:"on_track_threshold"` // districts below this on-track share are flagged
	GapPoints        float64 `toml:"gap_points"`         // ... or this far below the province
	FollowupDays     int     `toml:"followup_days"`      // window for training after a poor evaluation
	DeadlineDay      int     `toml:"deadline_day"`       // uploads for P are due by this day of P+1
	StaleMonths      int     `toml:"stale_months"`       // a roster older than this is flagged stale
	Lang             string  `toml:"lang"`               // "id" or "en"
	PDF              bool    `toml:"pdf"`                // also print the report to PDF (needs chromium)
}

// ServeConfig is the web front door (`pantau serve`, or the daemon with
// InDaemon).
type ServeConfig struct {
	Listen             string `toml:"listen"`               // host:port to listen on
	PublicURL          string `toml:"public_url"`           // the address people open; https makes cookies Secure
	SessionHours       int    `toml:"session_hours"`        // a login lasts this long
	MaxFiles           int    `toml:"max_files"`            // files in one upload, each up to ingest.max_file_mb
	LoginAttempts      int    `toml:"login_attempts"`       // failed logins per account before a pause (4× per address)
	LoginWindowMinutes int    `toml:"login_window_minutes"` // the pause and the window failures are counted in
	InDaemon           bool   `toml:"in_daemon"`            // pantau daemon serves too
}

// SessionLifetime is serve.session_hours as a duration.
func (s ServeConfig) SessionLifetime() time.Duration {
	return time.Duration(s.SessionHours) * time.Hour
}

// LoginWindow is serve.login_window_minutes as a duration.
func (s ServeConfig) LoginWindow() time.Duration {
	return time.Duration(s.LoginWindowMinutes) * time.Minute
}

// Default is the configuration used when pantau.toml is missing, and
// the base that pantau.toml's keys override.
func Default() Config {
	return Config{
		TimeZone: domain.TimeZone,
		Jobs: JobsConfig{
			Ingest:   JobConfig{Spec: "*/5 * * * *"},
			Report:   JobConfig{Spec: "0 7 11 * *"},
			Reminder: JobConfig{Spec: "0 8 * * 1"},
		},
		Ingest: IngestSettings{
			Workers: 2, StableSeconds: 30, MaxFileMB: 50, MaxBadShare: 0.10, MinBadRows: 3, ReplaceShare: 0.9, AddShare: 0,
			MaxRows: 1_000_000, MaxUnzipMB: 1024, MaxXMLMB: 256,
		},
		Report: ReportConfig{
			MaxCatchUp: 3, TargetJP: 20, OnTrackThreshold: 0.50, GapPoints: 0.10,
			FollowupDays: 180, DeadlineDay: 10, StaleMonths: 12, Lang: "id",
		},
		Serve: ServeConfig{Listen: "127.0.0.1:8080", SessionHours: 12, MaxFiles: 10, LoginAttempts: 5, LoginWindowMinutes: 15},
	}
}

// Load reads pantau.toml from the data directory; a missing file is
// Default. The result is validated.
func Load(dir lake.Dir) (Config, error) {
	b, err := os.ReadFile(dir.Config())
	if errors.Is(err, fs.ErrNotExist) {
		return Default(), nil
	}
	if err != nil {
		return Config{}, fmt.Errorf("load config: %w", err)
	}
	c, err := Parse(string(b))
	if err != nil {
		return Config{}, fmt.Errorf("config %s: %w", dir.Config(), err)
	}
	return c, nil
}

// Parse decodes pantau.toml text over Default and validates it.
// Unknown keys are errors, so a misspelt key is never silently ignored.
func Parse(text string) (Config, error) {
	c := Default()
	md, err := toml.Decode(text, &c)
	if err != nil {
		return Config{}, err
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		sort.Strings(keys)
		return Config{}, fmt.Errorf("unknown key %s", strings.Join(keys, ", "))
	}
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// Location loads the configured time zone.
func (c Config) Location() (*time.Location, error) {
	if c.TimeZone == "" {
		return nil, errors.New("time_zone is empty: use an IANA name such as \"Asia/Jayapura\"")
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("time_zone %q is not a known IANA time zone (Ambon and Maluku use \"Asia/Jayapura\"; there is no Asia/Ambon)", c.TimeZone)
	}
	return loc, nil
}

// Job returns the schedule of the named job.
func (c Config) Job(name string) (JobConfig, bool) {
	switch name {
	case JobIngest:
		return c.Jobs.Ingest, true
	case JobReport:
		return c.Jobs.Report, true
	case JobReminder:
		return c.Jobs.Reminder, true
	}
	return JobConfig{}, false
}

// JobNames lists the jobs in the order catch-up runs them.
func JobNames() []string { return []string{JobIngest, JobReport, JobReminder} }

// Validate checks every setting and returns all problems at once, each
// naming its key.
func (c Config) Validate() error {
	var errs []error
	loc, err := c.Location()
	if err != nil {
		errs = append(errs, err)
		loc = time.UTC
	}
	for _, name := range JobNames() {
		j, _ := c.Job(name)
		if j.Disabled && strings.TrimSpace(j.Spec) == "" {
			continue
		}
		if _, err := ParseSpec(j.Spec, loc); err != nil {
			errs = append(errs, fmt.Errorf("jobs.%s.spec: %w", name, err))
		}
	}
	in := c.Ingest
	errs = appendIf(errs, in.Workers < 1 || in.Workers > 64, "ingest.workers = %d: want 1..64", in.Workers)
	errs = appendIf(errs, in.StableSeconds < 0 || in.StableSeconds > 3600, "ingest.stable_seconds = %d: want 0..3600", in.StableSeconds)
	errs = appendIf(errs, in.MaxFileMB < 1, "ingest.max_file_mb = %d: want at least 1", in.MaxFileMB)
	errs = appendIf(errs, !(in.MaxBadShare >= 0 && in.MaxBadShare <= 1), "ingest.max_bad_share = %v: want a fraction 0..1 (0.10 is 10%%)", in.MaxBadShare)
	errs = appendIf(errs, !(in.ReplaceShare > 0 && in.ReplaceShare <= 1), "ingest.replace_share = %v: want more than 0 and at most 1", in.ReplaceShare)
	errs = appendIf(errs, !(in.AddShare >= 0 && in.AddShare < in.ReplaceShare), "ingest.add_share = %v: want at least 0 and less than replace_share", in.AddShare)
	errs = appendIf(errs, in.MinBadRows < 1, "ingest.min_bad_rows = %d: want 1 or more (1: any bad row counts toward max_bad_share)", in.MinBadRows)
	errs = appendIf(errs, in.MaxRows < 1, "ingest.max_rows = %d: want at least 1", in.MaxRows)
	errs = appendIf(errs, in.MaxUnzipMB < 1, "ingest.max_unzip_mb = %d: want at least 1", in.MaxUnzipMB)
	errs = appendIf(errs, in.MaxXMLMB < 1, "ingest.max_xml_mb = %d: want at least 1", in.MaxXMLMB)
	errs = appendIf(errs, in.MaxXMLMB > in.MaxUnzipMB, "ingest.max_xml_mb = %d: want at most max_unzip_mb (%d)", in.MaxXMLMB, in.MaxUnzipMB)
	r := c.Report
	errs = appendIf(errs, r.MaxCatchUp < 0 || r.MaxCatchUp > 24, "report.max_catch_up = %d: want 0..24 months", r.MaxCatchUp)
	errs = appendIf(errs, !(r.TargetJP > 0), "report.target_jp = %v: want more than 0", r.TargetJP)
	errs = appendIf(errs, !(r.OnTrackThreshold >= 0 && r.OnTrackThreshold <= 1), "report.on_track_threshold = %v: want a fraction 0..1 (0.50 is 50%%)", r.OnTrackThreshold)
	errs = appendIf(errs, !(r.GapPoints >= 0 && r.GapPoints <= 1), "report.gap_points = %v: want a fraction 0..1 (0.10 is 10 percentage points)", r.GapPoints)
	errs = appendIf(errs, r.FollowupDays < 1, "report.followup_days = %d: want at least 1", r.FollowupDays)
	errs = appendIf(errs, r.DeadlineDay < 1 || r.DeadlineDay > 28, "report.deadline_day = %d: want 1..28 (a day every month has)", r.DeadlineDay)
	errs = appendIf(errs, r.StaleMonths < 1, "report.stale_months = %d: want at least 1", r.StaleMonths)
	errs = appendIf(errs, r.Lang != "id" && r.Lang != "en", "report.lang = %q: want \"id\" or \"en\"", r.Lang)
	sv := c.Serve
	errs = appendIf(errs, !validListen(sv.Listen), "serve.listen = %q: want host:port, e.g. \"127.0.0.1:8080\"", sv.Listen)
	errs = appendIf(errs, !validPublicURL(sv.PublicURL), "serve.public_url = %q: want \"\" or an http(s) URL such as \"https://pantau.example.go.id\"", sv.PublicURL)
	errs = appendIf(errs, sv.SessionHours < 1 || sv.SessionHours > 24*30, "serve.session_hours = %d: want 1..720", sv.SessionHours)
	errs = appendIf(errs, sv.MaxFiles < 1 || sv.MaxFiles > 100, "serve.max_files = %d: want 1..100", sv.MaxFiles)
	errs = appendIf(errs, sv.LoginAttempts < 1, "serve.login_attempts = %d: want at least 1", sv.LoginAttempts)
	errs = appendIf(errs, sv.LoginWindowMinutes < 1, "serve.login_window_minutes = %d: want at least 1", sv.LoginWindowMinutes)
	return errors.Join(errs...)
}

// validListen says s is host:port with a port (the host may be empty: all
// interfaces).
func validListen(s string) bool {
	_, port, err := net.SplitHostPort(s)
	return err == nil && port != ""
}

// validPublicURL says s is empty or an absolute http(s) URL without a path
// beyond "/".
func validPublicURL(s string) bool {
	if s == "" {
		return true
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && (u.Path == "" || u.Path == "/")
}

func appendIf(errs []error, bad bool, format string, args ...any) []error {
	if bad {
		errs = append(errs, fmt.Errorf(format, args...))
	}
	return errs
}

// StableFor is ingest.stable_seconds as a duration.
func (s IngestSettings) StableFor() time.Duration {
	return time.Duration(s.StableSeconds) * time.Second
}

// Deadline is when uploads for p are due: the end (23:59:59 WIT) of day
// DeadlineDay of the month after p.
func (r ReportConfig) Deadline(p domain.Period) time.Time { return domain.Deadline(p, r.DeadlineDay) }

// LastDuePeriod is the latest period whose upload deadline has passed at now.
func (r ReportConfig) LastDuePeriod(now time.Time) domain.Period {
	p := domain.PeriodOf(now).Add(-1)
	for !now.After(r.Deadline(p)) {
		p = p.Add(-1)
	}
	return p
}
