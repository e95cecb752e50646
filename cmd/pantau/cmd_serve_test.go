package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// freeAddr is a loopback address with a port nobody listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// serveUntilUp runs args in-process until GET addr/login answers the login
// page, then stops it with a cancelled context (as SIGTERM does) and
// returns its exit code and stderr.
func serveUntilUp(t *testing.T, addr string, args ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var errb bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, args, io.Discard, &errb) }()
	up := false
	for i := 0; i < 100 && !up; i++ {
		time.Sleep(100 * time.Millisecond)
		res, err := http.Get("http://" + addr + "/login")
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		up = res.StatusCode == http.StatusOK && strings.Contains(string(b), `name="password"`)
	}
	cancel()
	select {
	case code := <-done:
		if !up {
			t.Fatalf("%q never served the login page; exit %d\n%s", args, code, errb.String())
		}
		return code, errb.String()
	case <-time.After(20 * time.Second):
		t.Fatalf("%q did not stop after its context was cancelled", args)
	}
	return 0, ""
}

// TestServe: pantau serve --addr serves the login page there and stops
// cleanly (exit 1, as every stopped long command) when signalled.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := pantauRun("--dir", dir, "init"); code != exitOK {
		t.Fatalf("init: %d %s", code, errs)
	}
	addr := freeAddr(t)
	code, errs := serveUntilUp(t, addr, "--dir", dir, "serve", "--addr", addr)
	if code != exitFailure && code != exitOK {
		t.Errorf("serve stopped with exit %d\n%s", code, errs)
	}
}

// TestDaemonServes: with serve.in_daemon the daemon serves the same pages
// on serve.listen and stops with them.
func TestDaemonServes(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := pantauRun("--dir", dir, "init"); code != exitOK {
		t.Fatalf("init: %d %s", code, errs)
	}
	addr := freeAddr(t)
	conf := fmt.Sprintf("[jobs.ingest]\ndisabled = true\n[jobs.report]\ndisabled = true\n[jobs.reminder]\ndisabled = true\n"+
		"[serve]\nlisten = %q\nin_daemon = true\n", addr)
	if err := os.WriteFile(dir+"/pantau.toml", []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	serveUntilUp(t, addr, "--dir", dir, "daemon")
}
