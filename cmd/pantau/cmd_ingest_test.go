package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// TestIngestFileFailsAlone runs the real binary on an inbox where one
// agency's outbox cannot be written (mode 0555; as root, whom modes do not
// stop, a regular file in its place): `pantau ingest` and `pantau run`
// finish the other agency's file, exit 1 and name the blocked file, which
// stays in the inbox; once the outbox is writable, `pantau ingest` exits 0
// and finishes it.
func TestIngestFileFailsAlone(t *testing.T) {
	bin := buildDaemonBinary(t)
	dir := lake.Dir(t.TempDir())
	if err := dir.Init(); err != nil { // a data directory: ingest refuses any other
		t.Fatal(err)
	}
	p := domain.MustPeriod("2025-03")
	old := time.Now().Add(-time.Hour) // stable: not waiting to be copied
	for i, agency := range []string{"kab-buru", "kota-ambon"} {
		dst := filepath.Join(dir.InboxOf(agency), "pegawai_"+p.String()+".xlsx")
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		writeE2EWorkbook(t, dst, [][]any{
			{"NIP", "Nama", "Kode Instansi", "Unit Kerja", "Kabupaten/Kota"},
			{fmt.Sprintf("19850312201001100%d", i+1), "Pegawai Satu", agency, "Bagian Umum", "Kota Ambon"},
		})
		os.Chtimes(dst, old, old)
	}
	blocked := filepath.Join(dir.InboxOf("kab-buru"), "pegawai_2025-03.xlsx")
	out := dir.OutboxOf("kab-buru")
	if os.Geteuid() == 0 {
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, []byte("not a folder"), 0o644); err != nil {
			t.Fatal(err)
		}
	} else {
		if err := os.MkdirAll(out, 0o555); err != nil {
			t.Fatal(err)
		}
		os.Chmod(out, 0o555)
		t.Cleanup(func() { os.Chmod(out, 0o755) })
	}
	pantau := func(args ...string) (code int, stdout, stderr string) {
		cmd := exec.Command(bin, append([]string{"--dir", dir.Root()}, args...)...)
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		err := cmd.Run()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode(), o.String(), e.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0, o.String(), e.String()
	}

	code, stdout, stderr := pantau("ingest")
	if code != 1 || !strings.Contains(stderr, "pantau ingest: ingest: 1 file(s) not finished") ||
		!strings.Contains(stderr, "kab-buru/pegawai_2025-03.xlsx") {
		t.Errorf("pantau ingest with a blocked outbox: exit %d, stderr:\n%s\nwant exit 1 and the file named", code, stderr)
	}
	if want := "berkas: 2 diperiksa, 1 diterima, 0 diterima sebagian, 0 ditolak, 0 duplikat, 0 menunggu, 0 diabaikan, 1 gagal\n" +
		"gagal (tetap di inbox, dicoba lagi pada proses berikutnya): kab-buru/pegawai_2025-03.xlsx\n"; stdout != want {
		t.Errorf("pantau ingest stdout = %q; want %q", stdout, want)
	}
	if _, err := os.Stat(blocked); err != nil {
		t.Errorf("blocked file not left in the inbox: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir.OutboxOf("kota-ambon"), "pegawai_2025-03.receipt.xlsx")); err != nil {
		t.Errorf("kota-ambon's receipt: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir.InboxOf("kota-ambon"), "pegawai_2025-03.xlsx")); err == nil {
		t.Error("kota-ambon's file still in the inbox")
	}

	code, stdout, stderr = pantau("run", "--jobs", "ingest")
	if code != 1 || !strings.Contains(stdout, "failed=1") || !strings.Contains(stderr, "kab-buru/pegawai_2025-03.xlsx") {
		t.Errorf("pantau run --jobs ingest with a blocked outbox: exit %d, stdout %q, stderr:\n%s\nwant exit 1, failed=1 and the file named", code, stdout, stderr)
	}

	if os.Geteuid() == 0 {
		os.Remove(out)
	} else {
		os.Chmod(out, 0o755)
	}
	code, stdout, stderr = pantau("ingest")
	if code != 0 || !strings.HasPrefix(stdout, "berkas: 1 diperiksa, 1 diterima,") {
		t.Errorf("pantau ingest after unblocking: exit %d, stdout %q, stderr:\n%s\nwant exit 0 and the file accepted", code, stdout, stderr)
	}
	if _, err := os.Stat(blocked); err == nil {
		t.Error("file still in the inbox after unblocking")
	}
}
