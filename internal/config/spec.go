package config

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// specParser accepts the standard 5-field crontab form, an optional leading
// seconds field (6 fields, meant for tests and demos) and descriptors such
// as @daily or @every 10m.
var specParser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour |
	cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// fieldNames name the fields of a 5-field spec; a 6-field spec starts with seconds.
var fieldNames = []string{"minute", "hour", "day", "month", "weekday"}

// ParseSpec parses a cron spec and fixes its schedule to loc. Errors say, in
// plain words, which field is wrong and why; robfig/cron's own messages are
// terse and some inputs make it panic, which ParseSpec turns into an error.
// A spec that can never fire (30 February) is an error too.
func ParseSpec(spec string, loc *time.Location) (cron.Schedule, error) {
	s := strings.TrimSpace(spec)
	if s == "" {
		return nil, fmt.Errorf("empty spec: want 5 fields (minute hour day month weekday), e.g. %q", "*/5 * * * *")
	}
	if strings.HasPrefix(s, "TZ=") || strings.HasPrefix(s, "CRON_TZ=") {
		return nil, fmt.Errorf("%q: a time zone prefix is not allowed here; set time_zone at the top of pantau.toml", spec)
	}
	fields := strings.Fields(s)
	if !strings.HasPrefix(s, "@") {
		names := fieldNames
		switch len(fields) {
		case 5:
		case 6:
			names = append([]string{"second"}, fieldNames...)
		default:
			return nil, fmt.Errorf("expected 5 fields (minute hour day month weekday), got %d: %q", len(fields), spec)
		}
		for i, f := range fields {
			if err := checkField(f, i, len(fields)); err != nil {
				return nil, fmt.Errorf("%s field %q: %v", names[i], f, err)
			}
		}
	}
	sched, err := safeParse(s)
	if err != nil {
		return nil, fmt.Errorf("%q: %s", spec, rephrase(err.Error()))
	}
	if sc, ok := sched.(*cron.SpecSchedule); ok {
		sc.Location = loc
	}
	// A year after a leap day covers every calendar; cron gives up after five
	// years and returns the zero time for dates that never exist.
	if sched.Next(time.Date(2027, 12, 31, 0, 0, 0, 0, loc)).IsZero() {
		return nil, fmt.Errorf("%q never fires: no such date", spec)
	}
	return sched, nil
}

// checkField parses one field alone (the others "*") so the error can name it.
func checkField(f string, i, n int) error {
	parts := make([]string, n)
	for j := range parts {
		parts[j] = "*"
	}
	parts[i] = f
	_, err := safeParse(strings.Join(parts, " "))
	if err != nil {
		return fmt.Errorf("%s", rephrase(err.Error()))
	}
	return nil
}

// safeParse calls the cron parser, turning a panic into an error.
func safeParse(s string) (sched cron.Schedule, err error) {
	defer func() {
		if r := recover(); r != nil {
			sched, err = nil, fmt.Errorf("unparsable spec (%v)", r)
		}
	}()
	return specParser.Parse(s)
}

var (
	reAbove    = regexp.MustCompile(`^end of range \((\d+)\) above maximum \((\d+)\)`)
	reBelow    = regexp.MustCompile(`^beginning of range \((\d+)\) below minimum \((\d+)\)`)
	reBackward = regexp.MustCompile(`^beginning of range \((\d+)\) beyond end of range \((\d+)\)`)
	reNotInt   = regexp.MustCompile(`^failed to parse int from ([^:]*):`)
	reNegative = regexp.MustCompile(`^negative number \((-?\d+)\) not allowed`)
)

// rephrase turns robfig/cron's parser messages into plain ones.
func rephrase(msg string) string {
	if m := reAbove.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("%s is above the maximum %s", m[1], m[2])
	}
	if m := reBelow.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("%s is below the minimum %s", m[1], m[2])
	}
	if m := reBackward.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("range %s-%s runs backwards", m[1], m[2])
	}
	if m := reNotInt.FindStringSubmatch(msg); m != nil {
		if m[1] == "" {
			return "a number is missing"
		}
		return fmt.Sprintf("%q is not a number (or a month/weekday name like jan, mon)", m[1])
	}
	if m := reNegative.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("negative number %s", m[1])
	}
	switch {
	case strings.HasPrefix(msg, "step of range should be a positive number"):
		return "the step after / must be at least 1"
	case strings.HasPrefix(msg, "too many hyphens"):
		return "too many '-' in a range"
	case strings.HasPrefix(msg, "too many slashes"):
		return "too many '/' in a step"
	case strings.HasPrefix(msg, "unrecognized descriptor"):
		return "unknown @-descriptor (want @yearly, @monthly, @weekly, @daily, @hourly or @every <duration>)"
	case strings.HasPrefix(msg, "failed to parse duration"):
		return "bad duration after @every (e.g. @every 5m)"
	}
	return msg
}
