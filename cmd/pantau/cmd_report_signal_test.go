package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/lake"
)

// TestReportStopsOnSIGTERM sends SIGTERM to a real `pantau report` on the
// demo sample, at random instants and (every other run) the moment its
// metrics are computed and it starts writing files. Each run the signal
// reaches before it finishes must exit 1 — not die of the signal, not
// finish — and leave no temp file, every published file whole, the CSV
// exports as an uninterrupted run writes them and state/reports.json as it
// was (a stopped month is not recorded).
func TestReportStopsOnSIGTERM(t *testing.T) {
	bin := buildDaemonBinary(t)
	dir := lake.Dir(t.TempDir())
	pantau := func(args ...string) {
		t.Helper()
		out, err := exec.Command(bin, append([]string{"--dir", dir.Root()}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("pantau %v: %v\n%s", args, err, out)
		}
	}
	pantau("sample", "--out", dir.Root(), "--scale", "demo", "--seed", "1")
	pantau("init")
	pantau("ingest")
	const period = "2025-06"
	t0 := time.Now()
	pantau("report", "--period", period)
	took := time.Since(t0)
	wantCSV := reportCSVs(t, dir, period)
	if len(wantCSV) < 5 {
		t.Fatalf("the report wrote %d CSV exports; want the metric tables", len(wantCSV))
	}
	wantState, err := os.ReadFile(filepath.Join(dir.State(), "reports.json"))
	if err != nil {
		t.Fatal(err)
	}

	rng := rand.New(rand.NewSource(14))
	const iterations = 6
	stopped, stoppedWriting := 0, 0
	for i := 0; i < iterations; i++ {
		cmd := exec.Command(bin, "--dir", dir.Root(), "report", "--period", period)
		pipe, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		var mu sync.Mutex
		writing := make(chan struct{})
		done := make(chan struct{})
		go func() {
			defer close(done)
			sc := bufio.NewScanner(pipe)
			seen := false
			for sc.Scan() {
				mu.Lock()
				stderr.WriteString(sc.Text() + "\n")
				mu.Unlock()
				if !seen && strings.Contains(sc.Text(), "metrics computed") {
					seen = true
					close(writing)
				}
			}
		}()
		atWrite := i%2 == 1
		if atWrite {
			select {
			case <-writing:
			case <-time.After(2 * time.Minute):
				t.Fatalf("run %d: no \"metrics computed\" line", i)
			}
		} else {
			// Past the start (the handler is installed first thing in main).
			time.Sleep(took/5 + time.Duration(rng.Int63n(int64(took)*7/10)))
		}
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		<-done
		err = cmd.Wait()
		mu.Lock()
		log := stderr.String()
		mu.Unlock()
		ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
		switch {
		case ws.Signaled():
			t.Fatalf("run %d: pantau report died of %v instead of stopping:\n%s", i, ws.Signal(), log)
		case err == nil && strings.Contains(log, "report written"):
			t.Logf("run %d: finished before the signal landed", i)
			// It recorded the month (a new generated_at): the state later
			// stopped runs must leave alone is this one.
			if wantState, err = os.ReadFile(filepath.Join(dir.State(), "reports.json")); err != nil {
				t.Fatal(err)
			}
			continue
		case cmd.ProcessState.ExitCode() != exitFailure:
			t.Fatalf("run %d: exit %d (%v) after SIGTERM; want %d:\n%s", i, cmd.ProcessState.ExitCode(), err, exitFailure, log)
		}
		stopped++
		if strings.Contains(log, "metrics computed") {
			stoppedWriting++
		}
		last := strings.TrimSpace(log)
		t.Logf("run %d (signal %s): exit 1: %s", i, map[bool]string{true: "as it writes", false: "at random"}[atWrite],
			last[strings.LastIndex(last, "\n")+1:])
		if tmp := reportTemps(dir); len(tmp) > 0 {
			t.Errorf("run %d: temp files left after SIGTERM: %q", i, tmp)
		}
		checkReportWhole(t, dir, period, wantCSV, i)
		if got, _ := os.ReadFile(filepath.Join(dir.State(), "reports.json")); !bytes.Equal(got, wantState) {
			t.Errorf("run %d: a stopped run changed state/reports.json", i)
		}
	}
	if stopped == 0 || stoppedWriting == 0 {
		t.Errorf("%d runs stopped by SIGTERM, %d of them while writing files; want both > 0", stopped, stoppedWriting)
	}
	t.Logf("%d of %d runs stopped by SIGTERM (%d while writing files; an uninterrupted run %v)",
		stopped, iterations, stoppedWriting, took.Round(time.Millisecond))
}

// reportCSVs is the content of the month's CSV exports by name.
func reportCSVs(t *testing.T, dir lake.Dir, period string) map[string]string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir.Root(), "reports", period, "data", "*.csv"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = string(b)
	}
	return out
}

// reportTemps lists the temp files under reports/, outbox/ and state/.
func reportTemps(dir lake.Dir) []string {
	var out []string
	for _, sub := range []string{"reports", "outbox", "state"} {
		filepath.WalkDir(dir.Abs(sub), func(p string, de os.DirEntry, err error) error {
			if err == nil && !de.IsDir() && lake.IsTemp(p) {
				out = append(out, p)
			}
			return nil
		})
	}
	return out
}

// checkReportWhole fails unless the month's page ends its HTML, its
// workbooks (the summary and the agencies' lists) open and its CSV exports
// are those of an uninterrupted run.
func checkReportWhole(t *testing.T, dir lake.Dir, period string, wantCSV map[string]string, run int) {
	t.Helper()
	rdir := filepath.Join(dir.Root(), "reports", period)
	html, err := os.ReadFile(filepath.Join(rdir, "laporan-"+period+".html"))
	if s := strings.TrimSpace(string(html)); err != nil || !strings.HasPrefix(s, "<!DOCTYPE html>") || !strings.HasSuffix(s, "</html>") {
		t.Errorf("run %d: the report page is not whole (%d bytes, %v)", run, len(html), err)
	}
	books, _ := filepath.Glob(filepath.Join(dir.Root(), "outbox", "*", "belum-capai-20jp-"+period+".xlsx"))
	books = append(books, filepath.Join(rdir, "ringkasan-"+period+".xlsx"))
	for _, b := range books {
		f, err := excelize.OpenFile(b)
		if err == nil {
			_, err = f.GetRows(f.GetSheetList()[0])
			f.Close()
		}
		if err != nil {
			t.Errorf("run %d: %s is not a whole workbook: %v", run, b, err)
		}
	}
	got := reportCSVs(t, dir, period)
	for name, want := range wantCSV {
		if got[name] != want {
			t.Errorf("run %d: data/%s differs from an uninterrupted run's", run, name)
		}
		if _, err := csv.NewReader(strings.NewReader(got[name])).ReadAll(); err != nil {
			t.Errorf("run %d: data/%s is not a whole CSV: %v", run, name, err)
		}
	}
}
