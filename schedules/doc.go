// Package schedules runs Pantau's jobs on cron: the inbox scan, the monthly
// report (with the months revised since they were reported) and the
// completeness reminder, with catch-up of runs missed while the daemon was
// down, locks, run history under state/ and graceful stop. The jobs
// themselves are here too (Setup.Jobs, wired to ingest and reports by
// RealPipeline); the settings they run with are package config's
// pantau.toml. The clock is always passed in; nothing here calls time.Now.
package schedules
