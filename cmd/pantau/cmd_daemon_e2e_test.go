package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/config"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/schedules"
)

// daemonLogBuffer collects a child process's stderr while the test reads it.
type daemonLogBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *daemonLogBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *daemonLogBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// buildDaemonBinary compiles the real binary once per test run.
func buildDaemonBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "pantau")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go build: %v", err)
	}
	return bin
}

// writeE2EWorkbook saves rows (header first) as one sheet.
func writeE2EWorkbook(t *testing.T, path string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// e2eUploads writes a roster and an attendance file of kota-ambon for p
// into dir (not the inbox), and returns their paths.
func e2eUploads(t *testing.T, dir string, p domain.Period) []string {
	t.Helper()
	nips := []string{"198503122010011001", "199001012015032002", "198811302012121003"}
	pegawai := [][]any{{"NIP", "Nama", "Kode Instansi", "Unit Kerja", "Kabupaten/Kota", "Status"}}
	for i, n := range nips {
		pegawai = append(pegawai, []any{n, fmt.Sprintf("Pegawai %d", i+1), "kota-ambon", "Bagian Umum", "Kota Ambon", "Aktif"})
	}
	day := fmt.Sprintf("%02d/%02d/%04d", 15, int(p.Month), p.Year)
	kehadiran := [][]any{{"NIP", "Nama Pelatihan", "Jenis Pengembangan", "Tanggal Mulai", "Tanggal Selesai", "JP", "Status Kehadiran", "Mode"}}
	for _, n := range nips[:2] {
		kehadiran = append(kehadiran, []any{n, "Pelayanan Prima", "Bimbingan Teknis", day, day, "8", "Hadir", "Daring"})
	}
	files := []string{
		filepath.Join(dir, "pegawai_"+p.String()+".xlsx"),
		filepath.Join(dir, "kehadiran_"+p.String()+".xlsx"),
	}
	writeE2EWorkbook(t, files[0], pegawai)
	writeE2EWorkbook(t, files[1], kehadiran)
	return files
}

// TestDaemonEndToEnd starts the real binary as a daemon with seconds-level
// schedules on a fresh data directory, drops two uploads into an agency's
// inbox, waits for their receipts and the report of the previous month,
// then sends SIGTERM and checks the clean exit: code 0, no temp files, the
// lock released, the stop recorded.
func TestDaemonEndToEnd(t *testing.T) {
	bin := buildDaemonBinary(t)
	dir := lake.Dir(t.TempDir())
	run := func(args ...string) string {
		out, err := exec.Command(bin, append([]string{"--dir", string(dir)}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("pantau %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	run("init")

	// One agency expected to send a roster and attendance every month.
	ref := ingest.DefaultReference()
	ref.Agencies = []domain.Agency{{Code: "kota-ambon", Name: "Pemerintah Kota Ambon", District: "81.71",
		Expects: []domain.Kind{domain.Pegawai, domain.Kehadiran}}}
	err := lake.WriteWith(dir.Reference(), 0o644, func(w io.Writer) error { return ingest.WriteReference(w, ref) })
	if err != nil {
		t.Fatal(err)
	}
	cfg := strings.NewReplacer(
		`spec = "*/5 * * * *"`, `spec = "* * * * * *"`, // ingest every second
		`spec = "0 7 11 * *"`, `spec = "*/3 * * * * *"`, // report every 3 seconds
		`spec = "0 8 * * 1"`, `spec = "*/5 * * * * *"`, // reminder every 5 seconds
		`stable_seconds = 30`, `stable_seconds = 1`,
	).Replace(config.DefaultText())
	if err := os.WriteFile(dir.Config(), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := config.Load(dir); err != nil {
		t.Fatalf("test config: %v", err)
	}

	// The report job reports the month before now (WIT).
	p := schedules.ReportPeriod(time.Now(), domain.WIT)
	staging := t.TempDir()
	uploads := e2eUploads(t, staging, p)
	for _, u := range uploads {
		if up := ingest.ReadFile(u, ingest.Options{Agency: "kota-ambon", Reference: ref, MaxBadShare: 0.1, MaxRows: 1000,
			MaxUnzipSize: 1 << 30, MaxXMLSize: 256 << 20}); up.Status != lake.Accepted {
			t.Fatalf("fixture %s is not accepted by the reader: %v %v", u, up.Err, up.Problems)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	daemon := exec.CommandContext(ctx, bin, "daemon")
	daemon.Env = append(os.Environ(), "PANTAU_DIR="+string(dir), "PANTAU_LOG=json")
	logs := &daemonLogBuffer{}
	daemon.Stderr = logs
	daemon.Stdout = logs
	if err := daemon.Start(); err != nil {
		t.Fatal(err)
	}
	defer daemon.Process.Kill()
	waitFile := func(what string, ok func() bool) {
		t.Helper()
		deadline := time.Now().Add(3 * time.Minute)
		for !ok() {
			if time.Now().After(deadline) {
				t.Fatalf("no %s after 3 minutes; daemon log:\n%s", what, logs)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	waitFile("daemon start", func() bool { return strings.Contains(logs.String(), "daemon started") })

	// A second daemon on the same directory exits 4 with a clear message.
	second := exec.Command(bin, "--dir", string(dir), "daemon")
	out, err := second.CombinedOutput()
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitCode() != exitLocked || !strings.Contains(string(out), "another pantau daemon is already running") {
		t.Errorf("second daemon: %v\n%s\nwant exit %d and a clear message", err, out, exitLocked)
	}

	// Agencies drop their files: copy in, then rename into the inbox.
	inbox := dir.InboxOf("kota-ambon")
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, u := range uploads {
		b, err := os.ReadFile(u)
		if err != nil {
			t.Fatal(err)
		}
		tmp := filepath.Join(string(dir), "drop-"+filepath.Base(u))
		if err := os.WriteFile(tmp, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, filepath.Join(inbox, filepath.Base(u))); err != nil {
			t.Fatal(err)
		}
	}

	receipts := func() int {
		n := 0
		entries, _ := os.ReadDir(dir.OutboxOf("kota-ambon"))
		for _, e := range entries {
			if strings.Contains(e.Name(), "receipt") || strings.Contains(e.Name(), "tanda-terima") {
				n++
			}
		}
		return n
	}
	waitFile("two receipts in outbox/kota-ambon", func() bool { return receipts() == 2 })
	report := filepath.Join(dir.ReportDir(p), "laporan-"+p.String()+".html")
	waitFile("report "+report, func() bool {
		// The report must be written after both uploads are in the ledger.
		l, err := dir.LoadLedger()
		if err != nil || len(l.Current(domain.Kehadiran)) == 0 {
			return false
		}
		h, err := schedules.LoadHistory(dir)
		if err != nil {
			return false
		}
		for _, r := range h.Runs {
			if r.Job == config.JobReport && r.Outcome == schedules.OutcomeOK && r.Start.After(l.Current(domain.Kehadiran)[0].IngestedAt) {
				_, err := os.Stat(report)
				return err == nil
			}
		}
		return false
	})
	html, err := os.ReadFile(report)
	if err != nil || !bytes.Contains(html, []byte("</html>")) {
		t.Errorf("report %s incomplete: %v", report, err)
	}

	// SIGTERM: a clean stop.
	if err := daemon.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := daemon.Wait(); err != nil {
		t.Fatalf("daemon after SIGTERM: %v (want exit 0); log:\n%s", err, logs)
	}
	if !strings.Contains(logs.String(), `"msg":"daemon stopped"`) {
		t.Errorf("no 'daemon stopped' log line:\n%s", logs)
	}
	var temps []string
	filepath.WalkDir(string(dir), func(path string, d fs.DirEntry, err error) error {
		if err == nil && lake.IsTemp(path) {
			temps = append(temps, path)
		}
		return nil
	})
	if len(temps) > 0 {
		t.Errorf("temp files left after stop: %v", temps)
	}
	lk, err := dir.TryLock("daemon")
	if err != nil {
		t.Errorf("daemon lock not released: %v", err)
	} else {
		lk.Unlock()
	}
	h, err := schedules.LoadHistory(dir)
	if err != nil {
		t.Fatal(err)
	}
	if last, _ := h.Last(schedules.JobDaemon); last.Outcome != schedules.OutcomeStopped {
		t.Errorf("last daemon record = %+v; want stopped", last)
	}
	// The status command reads it all back.
	st := run("status")
	for _, want := range []string{"Daemon: tidak berjalan", "ingest", "report", "kota-ambon"} {
		if !strings.Contains(st, want) {
			t.Errorf("pantau status lacks %q:\n%s", want, st)
		}
	}
}
