package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"golang.org/x/term"
)

// progressBar draws "berkas [#######.....] 120/421" on one terminal line,
// redrawn in place.
type progressBar struct {
	w     io.Writer
	label string
	width int
}

// update redraws the bar; at done == total it ends the line.
func (p *progressBar) update(done, total int) {
	if total <= 0 {
		return
	}
	filled := p.width * done / total
	fmt.Fprintf(p.w, "\r%s [%s%s] %d/%d", p.label, strings.Repeat("#", filled), strings.Repeat(".", p.width-filled), done, total)
	if done == total {
		fmt.Fprintln(p.w)
	}
}

// terminalProgress returns a progress callback and the logger to use with
// it. On a terminal (and unless PANTAU_LOG asks for structured logs) long
// work shows a bar and only warnings are logged, so the two don't
// interleave; elsewhere — a service, a pipe, CI — there is no bar and the
// per-item log lines are the progress.
func terminalProgress(e *env, label string) (func(done, total int), *slog.Logger) {
	f, ok := e.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || os.Getenv(envLogFormat) != "" {
		return nil, e.log
	}
	bar := &progressBar{w: e.stderr, label: label, width: 30}
	return bar.update, slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}
