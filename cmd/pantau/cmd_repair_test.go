package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// pantauCmd runs the real binary and returns its exit code and output.
func pantauCmd(t *testing.T, bin, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(bin, append([]string{"--dir", dir}, args...)...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		t.Fatalf("pantau %v: %v", args, err)
	}
	return code, out.String(), errb.String()
}

// treeFiles maps every file under root/sub (relative to root) to its bytes.
func treeFiles(t *testing.T, root, sub string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(filepath.Join(root, sub), func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out[rel] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func fileNames(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestRepairLostLedgerDemo is the whole story with the real binary on the
// demo sample: the ledger of an ingested directory is deleted; ingest and
// report refuse (exit 1, saying to run repair) and delete nothing; a dry
// run of repair writes nothing; repair --apply rebuilds the ledger, and the
// report's metric CSVs are byte for byte those of before.
func TestRepairLostLedgerDemo(t *testing.T) {
	bin := buildDaemonBinary(t)
	dir := filepath.Join(t.TempDir(), "demo")
	for _, args := range [][]string{{"sample", "--out", dir, "--scale", "demo", "--seed", "1"}, {"init"}, {"ingest"}, {"report", "--period", "2025-12"}} {
		if code, _, stderr := pantauCmd(t, bin, dir, args...); code != 0 {
			t.Fatalf("pantau %v: exit %d\n%s", args, code, stderr)
		}
	}
	csvBefore := treeFiles(t, dir, "reports/2025-12/data")
	if len(csvBefore) < 10 {
		t.Fatalf("report wrote %d CSVs; want the metric tables", len(csvBefore))
	}
	lakeBefore := fileNames(treeFiles(t, dir, "lake"))
	reportsBefore := treeFiles(t, dir, "reports")

	for _, f := range []string{"state/ledger.json", "state/ledger.journal"} {
		if err := os.Remove(filepath.Join(dir, f)); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"ingest"}, {"report", "--period", "2025-12"}, {"status"}, {"query", "SELECT count(*) FROM kehadiran"}} {
		code, _, stderr := pantauCmd(t, bin, dir, args...)
		if code != 1 || !strings.Contains(stderr, "repair --apply") || !strings.Contains(stderr, "missing or empty") {
			t.Errorf("pantau %v without a ledger: exit %d, stderr %q; want exit 1 saying the ledger is missing and to run repair", args, code, stderr)
		}
	}
	if got := fileNames(treeFiles(t, dir, "lake")); !cmp.Equal(got, lakeBefore) {
		t.Errorf("the refused runs changed the lake: %d files, before %d", len(got), len(lakeBefore))
	}
	if diff := cmp.Diff(reportsBefore, treeFiles(t, dir, "reports")); diff != "" {
		t.Errorf("the refused report changed reports/ (-before +after):\n%.2000s", diff)
	}

	code, out, stderr := pantauCmd(t, bin, dir, "repair")
	if code != 0 || !strings.Contains(out, "dry run") {
		t.Fatalf("pantau repair: exit %d\n%s%s", code, out, stderr)
	}
	t.Logf("pantau repair (dry run):\n%s", out)
	if _, err := os.Stat(filepath.Join(dir, "state/ledger.json")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("dry run wrote the ledger (stat: %v)", err)
	}
	if code, out, stderr := pantauCmd(t, bin, dir, "repair", "--apply"); code != 0 || !strings.Contains(out, "ledger written") {
		t.Fatalf("pantau repair --apply: exit %d\n%s%s", code, out, stderr)
	}
	if code, _, stderr := pantauCmd(t, bin, dir, "report", "--period", "2025-12"); code != 0 {
		t.Fatalf("report after repair: exit %d\n%s", code, stderr)
	}
	csvAfter := treeFiles(t, dir, "reports/2025-12/data")
	if !cmp.Equal(fileNames(csvAfter), fileNames(csvBefore)) {
		t.Fatalf("CSVs after repair %q; before %q", fileNames(csvAfter), fileNames(csvBefore))
	}
	for _, k := range fileNames(csvBefore) {
		if csvAfter[k] != csvBefore[k] {
			t.Errorf("%s differs after repair", k)
		}
	}
	if code, out, _ := pantauCmd(t, bin, dir, "repair"); code != 0 || !strings.Contains(out, "nothing to do") {
		t.Errorf("repair of the repaired directory: exit %d\n%s; want nothing to do", code, out)
	}
}
