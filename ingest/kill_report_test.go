package ingest

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/lake"
)

// TestKillReport kills a real `pantau report` with SIGKILL at random
// instants, many times over, on the demo sample's data directory, and checks
// after every kill that each published file (reports/, the agencies' lists
// in outbox/, state/reports.json) is whole; that the temp files a killed
// run left do not survive the next run that gets past its start; and that
// the final report equals the one an uninterrupted run writes on a copy of
// the same directory.
func TestKillReport(t *testing.T) {
	bin := buildPantau(t)
	dir := lake.Dir(t.TempDir())
	pantau := func(d lake.Dir, args ...string) string {
		t.Helper()
		out, err := exec.Command(bin, append([]string{"--dir", d.Root()}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("pantau %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	pantau(dir, "sample", "--out", dir.Root(), "--scale", "demo", "--seed", "1")
	pantau(dir, "init")
	pantau(dir, "ingest")
	const period = "2025-06"

	// The reference: an uninterrupted report on a copy made before any report.
	// Its log says how long its writing phase took (after_metrics).
	ref := lake.Dir(t.TempDir())
	copyTree(t, dir.Root(), ref.Root())
	t0 := time.Now()
	refLog := pantau(ref, "report", "--period", period)
	took := time.Since(t0)
	want := publishedOutputs(t, ref)
	if len(want) < 10 {
		t.Fatalf("reference report wrote %d files; want the HTML, workbook, CSVs and agency lists", len(want))
	}
	writing := afterMetrics(t, refLog)

	iterations := 25
	if testing.Short() {
		iterations = 8
	}
	rng := rand.New(rand.NewSource(20256))
	kills, midWrite, leftTemps, swept := 0, 0, 0, 0
	for i := 0; i < iterations; i++ {
		before := tempFiles(dir)
		cmd := exec.Command(bin, "--dir", dir.Root(), "report", "--period", period)
		stderr := &watchWriter{want: "metrics computed", seen: make(chan struct{})}
		cmd.Stderr = stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Even runs: any instant of the run. Odd runs: an instant of its
		// writing phase, timed from the log line that starts it, so that
		// a machine busier now than during the reference run still has
		// kills land there.
		if i%2 == 0 {
			time.Sleep(time.Duration(rng.Int63n(int64(took) * 13 / 10)))
		} else {
			select {
			case <-stderr.seen:
			case <-time.After(30 * took):
			}
			time.Sleep(time.Duration(rng.Int63n(int64(writing)*9/10 + 1)))
		}
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		log := stderr.String()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			kills++
			if strings.Contains(log, "metrics computed") {
				midWrite++ // killed while writing its files
			}
		} else if err != nil {
			t.Fatalf("iteration %d: pantau report failed (%v):\n%s", i, err, log)
		}
		// A run that got as far as its metrics had swept what earlier runs left.
		if strings.Contains(log, "metrics computed") {
			after := map[string]bool{}
			for _, p := range tempFiles(dir) {
				after[p] = true
			}
			for _, p := range before {
				if after[p] {
					t.Errorf("iteration %d: %s, left by an earlier kill, survived a run past its start", i, p)
				}
			}
			swept += len(before)
		}
		if len(tempFiles(dir)) > 0 {
			leftTemps++
		}
		checkPublishedWhole(t, dir, fmt.Sprintf("after kill %d", i))
	}
	pantau(dir, "report", "--period", period)
	if tmp := tempFiles(dir); len(tmp) != 0 {
		t.Errorf("temp files after the final run: %q", tmp)
	}
	t.Logf("%d of %d runs killed (%d while writing; reference run %v, writing %v); %d left temp files, %d leftovers swept by a later run",
		kills, iterations, midWrite, took.Round(time.Millisecond), writing, leftTemps, swept)
	if leftTemps == 0 || midWrite == 0 {
		t.Errorf("%d kills left a temp file, %d landed while files were written; want both > 0", leftTemps, midWrite)
	}
	got := publishedOutputs(t, dir)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("final report differs from an uninterrupted one (-uninterrupted +after kills):\n%s", diff)
	}
}

// afterMetrics is the writing phase's duration a report logged
// ("report written ... after_metrics=123ms").
func afterMetrics(t *testing.T, log string) time.Duration {
	t.Helper()
	m := regexp.MustCompile(`report written.*after_metrics=(\S+)`).FindStringSubmatch(log)
	if m == nil {
		t.Fatalf("the report's log has no after_metrics:\n%s", log)
	}
	d, err := time.ParseDuration(m[1])
	if err != nil || d <= 0 {
		t.Fatalf("after_metrics %q: %v", m[1], err)
	}
	return d
}

// publishedFiles lists the report's outputs under d: everything in
// reports/ and the agencies' lists in outbox/ (not temp files).
func publishedFiles(d lake.Dir) []string {
	var out []string
	for _, sub := range []string{"reports", "outbox"} {
		filepath.WalkDir(d.Abs(sub), func(p string, de os.DirEntry, err error) error {
			if err != nil || de.IsDir() || lake.IsTemp(p) {
				return nil
			}
			if sub == "outbox" && !strings.HasPrefix(de.Name(), "belum-capai-20jp-") {
				return nil // receipts: ingest's
			}
			rel, _ := filepath.Rel(d.Root(), p)
			out = append(out, rel)
			return nil
		})
	}
	sort.Strings(out)
	return out
}

// stamp is the report's "as of" time ("2 Desember 2026 07.07 WIT"), which
// differs between two runs a minute apart.
var stamp = regexp.MustCompile(`\d{1,2} \p{L}+ \d{4} \d{2}\.\d{2}( WIT)?`)

// publishedOutputs is the content of every published file, comparable
// across runs: CSV as is, HTML with its time stamps masked, workbooks as
// their cells (the zip's bytes vary from run to run).
func publishedOutputs(t *testing.T, d lake.Dir) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, rel := range publishedFiles(d) {
		b, err := os.ReadFile(d.Abs(rel))
		if err != nil {
			t.Fatal(err)
		}
		switch filepath.Ext(rel) {
		case ".xlsx":
			cells, err := workbookCells(b)
			if err != nil {
				t.Fatalf("%s: %v", rel, err)
			}
			out[rel] = stamp.ReplaceAllString(cells, "<time>")
		default:
			out[rel] = stamp.ReplaceAllString(string(b), "<time>")
		}
	}
	return out
}

// workbookCells is every sheet's rows, tab-separated.
func workbookCells(b []byte) (string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		return "", err
	}
	defer f.Close()
	var s strings.Builder
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return "", fmt.Errorf("no sheets")
	}
	for _, sh := range sheets {
		rows, err := f.GetRows(sh)
		if err != nil {
			return "", fmt.Errorf("sheet %s: %w", sh, err)
		}
		fmt.Fprintf(&s, "[%s]\n", sh)
		for _, r := range rows {
			s.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	return s.String(), nil
}

// checkPublishedWhole fails unless every published file opens whole: a
// workbook with its sheets, an HTML page to its closing tag, a CSV with a
// header and rows of its width, state/reports.json as JSON.
func checkPublishedWhole(t *testing.T, d lake.Dir, when string) {
	t.Helper()
	for _, rel := range publishedFiles(d) {
		b, err := os.ReadFile(d.Abs(rel))
		if err != nil {
			t.Fatal(err)
		}
		switch filepath.Ext(rel) {
		case ".xlsx":
			if _, err := workbookCells(b); err != nil {
				t.Errorf("%s: %s is not a whole workbook: %v", when, rel, err)
			}
		case ".html":
			if s := strings.TrimSpace(string(b)); !strings.HasPrefix(s, "<!DOCTYPE html>") || !strings.HasSuffix(s, "</html>") {
				t.Errorf("%s: %s is not a whole page (%d bytes, ends %q)", when, rel, len(b), s[max(0, len(s)-20):])
			}
		case ".csv":
			r := csv.NewReader(bytes.NewReader(b))
			rows, err := r.ReadAll() // ReadAll fails on a row of another width
			if err != nil || len(rows) == 0 {
				t.Errorf("%s: %s is not a whole CSV (%d rows): %v", when, rel, len(rows), err)
			}
		default:
			t.Errorf("%s: unexpected published file %s", when, rel)
		}
	}
	b, err := os.ReadFile(filepath.Join(d.State(), "reports.json"))
	if err == nil {
		var v map[string]any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Errorf("%s: state/reports.json is not whole: %v", when, err)
		}
	} else if !os.IsNotExist(err) {
		t.Fatal(err)
	}

}
