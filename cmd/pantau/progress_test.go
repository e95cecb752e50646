package main

import (
	"bytes"
	"testing"
)

func TestProgressBar(t *testing.T) {
	var b bytes.Buffer
	p := &progressBar{w: &b, label: "berkas", width: 10}
	p.update(1, 4)
	p.update(4, 4)
	want := "\rberkas [##........] 1/4\rberkas [##########] 4/4\n"
	if got := b.String(); got != want {
		t.Errorf("progress output = %q; want %q", got, want)
	}
}

func TestTerminalProgressOffWhenNotATerminal(t *testing.T) {
	e := &env{stderr: &bytes.Buffer{}, log: newLogger(&bytes.Buffer{})}
	if f, log := terminalProgress(e, "berkas"); f != nil || log != e.log {
		t.Errorf("terminalProgress on a buffer = bar %v; want no bar and the plain logger", f != nil)
	}
}
