// Package schedules runs Pantau's jobs on cron: the inbox scan, the monthly
// report and the completeness reminder, with catch-up of runs missed while
// the daemon was down, locks, run history under state/ and graceful stop.
// The clock is always passed in; nothing here calls time.Now.
package schedules
