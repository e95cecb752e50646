package schedules

import (
	"time"

	"github.com/robfig/cron/v3"
)

// maxScan bounds the scheduled times examined for one job, so a
// seconds-level spec and a long outage cannot stall the start.
const maxScan = 1_000_000

// Missed returns the scheduled times of s in (since, now], oldest first,
// computed in loc. A zero since means nothing is known, and nothing is missed.
func Missed(s cron.Schedule, since, now time.Time, loc *time.Location) []time.Time {
	if since.IsZero() {
		return nil
	}
	var out []time.Time
	t := since.In(loc)
	for i := 0; i < maxScan; i++ {
		t = s.Next(t)
		if t.IsZero() || t.After(now) {
			break
		}
		out = append(out, t)
	}
	return out
}

// CatchUp plans the runs a daemon starting at now owes: for each job, the
// scheduled times since its last recorded run (or, for a job never run, since
// the previous daemon start). A job with missed times runs once, standing for
// the latest of them; a Monthly job runs once per distinct report month of
// its missed times — the newest maxMonths of them, oldest first. Calls come
// in the order of jobs.
func CatchUp(jobs []Job, scheds map[string]cron.Schedule, h *History, now time.Time, loc *time.Location, maxMonths int) []Call {
	var prevStart time.Time
	for i := len(h.Runs) - 1; i >= 0; i-- {
		if r := h.Runs[i]; r.Job == JobDaemon && r.Outcome == OutcomeStarted {
			prevStart = r.Start
			break
		}
	}
	var calls []Call
	for _, j := range jobs {
		s, ok := scheds[j.Name]
		if !ok {
			continue
		}
		since := prevStart
		if r, ok := h.lastRan(j.Name); ok {
			since = r.Due
			if since.IsZero() {
				since = r.Start
			}
		}
		missed := Missed(s, since, now, loc)
		if len(missed) == 0 {
			continue
		}
		if !j.Monthly {
			calls = append(calls, Call{Job: j.Name, Trigger: OnCatchUp, Due: missed[len(missed)-1]})
			continue
		}
		// The latest missed time of each report month, oldest month first.
		var monthly []Call
		for _, t := range missed {
			c := Call{Job: j.Name, Trigger: OnCatchUp, Due: t}
			if n := len(monthly); n > 0 && ReportPeriod(monthly[n-1].Due, loc) == ReportPeriod(t, loc) {
				monthly[n-1] = c
				continue
			}
			monthly = append(monthly, c)
		}
		if len(monthly) > maxMonths {
			monthly = monthly[len(monthly)-maxMonths:]
		}
		calls = append(calls, monthly...)
	}
	return calls
}
