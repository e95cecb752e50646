package schedules

import (
	"context"
	"log/slog"

	"github.com/robfig/cron/v3"
)

// cronLogger adapts slog to cron.Logger. Cron's chatty scheduling messages
// (start, wake, run, schedule) go to Debug; a skipped overlapping run is
// Info, a recovered panic Error.
type cronLogger struct{ log *slog.Logger }

// CronLogger returns a cron.Logger writing to log.
func CronLogger(log *slog.Logger) cron.Logger { return cronLogger{log} }

func (l cronLogger) Info(msg string, kv ...any) {
	level := slog.LevelDebug
	if msg == "skip" {
		msg = "skip: previous run still going"
		level = slog.LevelInfo
	}
	l.log.Log(context.Background(), level, "cron "+msg, kv...)
}

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron "+msg, append([]any{"err", err}, kv...)...)
}
