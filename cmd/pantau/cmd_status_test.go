package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/config"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/schedules"
)

func TestStatus(t *testing.T) {
	// Monday 12 January 2026, 09:00 WIT: December's deadline has passed.
	now := time.Date(2026, 1, 12, 9, 0, 0, 0, domain.WIT)
	e, out := jobsTestEnv(t, now)
	if err := e.dir.Init(); err != nil {
		t.Fatal(err)
	}
	// Two files waiting for kota-ambon, one still being copied (changed 10 s
	// ago, stable_seconds is 30), and an Excel lock file that is not an upload.
	inbox := e.dir.InboxOf("kota-ambon")
	os.MkdirAll(inbox, 0o755)
	for name, age := range map[string]time.Duration{"pegawai_2025-12.xlsx": time.Hour, "kehadiran_2025-12.xlsx": 10 * time.Second, "~$kehadiran_2025-12.xlsx": time.Hour} {
		p := filepath.Join(inbox, name)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, now.Add(-age), now.Add(-age))
	}
	for _, r := range []schedules.Record{
		{Job: config.JobReport, Trigger: schedules.OnSchedule, Due: time.Date(2026, 1, 11, 7, 0, 0, 0, domain.WIT), Start: time.Date(2026, 1, 11, 7, 0, 0, 0, domain.WIT), Outcome: schedules.OutcomeOK},
		{Job: config.JobIngest, Trigger: schedules.OnSchedule, Due: time.Date(2026, 1, 12, 8, 55, 0, 0, domain.WIT), Start: time.Date(2026, 1, 12, 8, 55, 0, 0, domain.WIT), Outcome: schedules.OutcomeFailed, Error: "ingest: disk full\nmore"},
	} {
		if err := schedules.AppendHistory(e.dir, r); err != nil {
			t.Fatal(err)
		}
	}
	l := &lake.Ledger{}
	l.Add(lake.Entry{ID: "a", Agency: "kota-ambon", Kind: domain.Pegawai, Period: "2025-12", Status: lake.Accepted, ReceivedAt: time.Date(2026, 1, 5, 9, 0, 0, 0, domain.WIT)})
	l.Add(lake.Entry{ID: "b", Agency: "kab-buru", Kind: domain.Pegawai, Period: "2025-12", Status: lake.Accepted, ReceivedAt: time.Date(2026, 1, 11, 9, 0, 0, 0, domain.WIT)})
	// kab-buru's December roster came in two files (one more OPD, added):
	// the month counts as received when its first file came (late).
	l.Add(lake.Entry{ID: "c", Agency: "kab-buru", Kind: domain.Pegawai, Period: "2025-12", Status: lake.Accepted, Decision: lake.Added, ReceivedAt: time.Date(2026, 1, 11, 10, 0, 0, 0, domain.WIT)})
	if err := e.dir.SaveLedger(l); err != nil {
		t.Fatal(err)
	}
	fp := &fakePipeline{ref: &domain.Reference{Agencies: []domain.Agency{
		{Code: "kota-ambon", Expects: []domain.Kind{domain.Pegawai, domain.Kehadiran}},
		{Code: "kab-buru", Expects: []domain.Kind{domain.Pegawai}},
	}}}
	if err := status(e, fp.pipeline(), domain.Period{}); err != nil {
		t.Fatalf("status: %v", err)
	}
	want := "Direktori data: " + string(e.dir) + " · zona waktu Asia/Jayapura · sekarang 2026-01-12 09:00 WIT\n" +
		"Daemon: tidak berjalan\n" +
		"\n" +
		"Berkas menunggu di inbox: 2\n" +
		"  kota-ambon                   2 berkas (1 belum stabil, masih disalin: kehadiran_2025-12.xlsx)\n" +
		"\n" +
		"Jadwal:\n" +
		"  tugas     jadwal       terakhir                     hasil                          berikutnya\n" +
		"  ingest    */5 * * * *  2026-01-12 08:55 (schedule)  failed: ingest: disk full ...  2026-01-12 09:05\n" +
		"  report    0 7 11 * *   2026-01-11 07:00 (schedule)  ok                             2026-02-11 07:00\n" +
		"  reminder  0 8 * * 1    -                            -                              2026-01-19 08:00\n" +
		"\n" +
		"Kelengkapan Desember 2025 (batas waktu 2026-01-10 23.59 WIT, sudah lewat):\n" +
		"  instansi    pegawai               kehadiran  evaluasi  survei\n" +
		"  kab-buru    terlambat (2 berkas)  ·          ·         ·\n" +
		"  kota-ambon  diterima              tidak ada  ·         ·\n" +
		"  jumlah: diterima 1 · terlambat 1 · tidak ada 1\n"
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("status output (-want +got):\n%s", diff)
	}
}

// TestStatusShowsUnknownLakeFiles: lake files the ledger does not name are
// kept by the sweep; status says how many, so an operator finds them.
func TestStatusShowsUnknownLakeFiles(t *testing.T) {
	now := time.Date(2026, 1, 12, 9, 0, 0, 0, domain.WIT)
	e, out := jobsTestEnv(t, now)
	if err := e.dir.Init(); err != nil {
		t.Fatal(err)
	}
	l := &lake.Ledger{}
	l.Add(lake.Entry{ID: "a", Agency: "kota-ambon", Kind: domain.Pegawai, Period: "2025-12", Status: lake.Accepted,
		LakeFile: lake.LakeFile(domain.Pegawai, domain.MustPeriod("2025-12"), "kota-ambon", "a")})
	if err := e.dir.SaveLedger(l); err != nil {
		t.Fatal(err)
	}
	unknown := lake.LakeFile(domain.Pegawai, domain.MustPeriod("2025-11"), "kota-ambon", "lost")
	if err := os.MkdirAll(filepath.Dir(e.dir.Abs(unknown)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(e.dir.Abs(unknown), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	fp := &fakePipeline{ref: &domain.Reference{}}
	if err := status(e, fp.pipeline(), domain.Period{}); err != nil {
		t.Fatalf("status: %v", err)
	}
	want := "1 berkas lake tidak tercatat di ledger (disimpan, tidak dihitung); `pantau repair` menunjukkan isinya, mis. " + unknown
	if !strings.Contains(out.String(), want) {
		t.Errorf("status output lacks %q:\n%s", want, out.String())
	}
}

// TestStatusInboxAsIngestSees: status lists the inbox with ingest's own
// scan, so a file in a subfolder and a symlink (which ingest refuses and
// leaves in place) are not counted as waiting; status names them apart.
func TestStatusInboxAsIngestSees(t *testing.T) {
	now := time.Date(2026, 1, 12, 9, 0, 0, 0, domain.WIT)
	e, out := jobsTestEnv(t, now)
	if err := e.dir.Init(); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "lain.xlsx")
	for _, p := range []string{
		filepath.Join(e.dir.InboxOf("kota-ambon"), "pegawai_2025-12.xlsx"),
		filepath.Join(e.dir.InboxOf("kota-ambon"), "arsip", "kehadiran_2025-11.xlsx"),
		filepath.Join(e.dir.Inbox(), "evaluasi_2025-12.xlsx"),
		outside,
	} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, now.Add(-time.Hour), now.Add(-time.Hour))
	}
	if err := os.Symlink(outside, filepath.Join(e.dir.InboxOf("kota-ambon"), "kehadiran_2025-12.xlsx")); err != nil {
		t.Fatal(err)
	}
	fp := &fakePipeline{ref: &domain.Reference{}}
	if err := status(e, fp.pipeline(), domain.Period{}); err != nil {
		t.Fatalf("status: %v", err)
	}
	got := out.String()
	if i := strings.Index(got, "Berkas menunggu"); i >= 0 {
		got = got[i:]
	}
	if i := strings.Index(got, "\nJadwal:"); i >= 0 {
		got = got[:i]
	}
	want := "Berkas menunggu di inbox: 1\n" +
		"  kota-ambon                   1 berkas\n" +
		"  3 entri tidak dibaca ingest dan dibiarkan di tempatnya; taruh berkas biasa langsung di inbox/<kode-instansi>/:\n" +
		"    evaluasi_2025-12.xlsx (di luar folder instansi)\n" +
		"    kota-ambon/arsip (subfolder)\n" +
		"    kota-ambon/kehadiran_2025-12.xlsx (tautan simbolik, tidak diikuti)\n"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("status inbox (-want +got):\n%s", diff)
	}
}
