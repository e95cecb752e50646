package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/lake"
)

// longName is a name of exactly n bytes that starts with start, ends with
// ".xlsx" and has multi-byte runes ("é", 2 bytes; "–", 3 bytes) where it
// will be cut, padded with tail's bytes.
func longName(tb testing.TB, start, tail string, n int) string {
	tb.Helper()
	name := start
	for len(name)+len("é–")+len(tail)+len(".xlsx") <= n {
		name += "é–"
	}
	name += tail
	for len(name)+len(".xlsx") < n {
		name += "x"
	}
	name += ".xlsx"
	if len(name) != n || !utf8.ValidString(name) {
		tb.Fatalf("longName: %d bytes, valid %v; want %d", len(name), utf8.ValidString(name), n)
	}
	return name
}

func TestFitName(t *testing.T) {
	hash := func(s string) string {
		sum := sha256.Sum256([]byte(s))
		return "~" + hex.EncodeToString(sum[:])[:12]
	}
	at30 := strings.Repeat("a", 25) + ".xlsx"
	long := strings.Repeat("b", 40) + ".xlsx"
	runes := "a" + strings.Repeat("é", 20) + ".xlsx" // "é" is 2 bytes: a cut inside one must back off
	longExt := strings.Repeat("d", 10) + ".a very long extension"
	for _, tc := range []struct{ in, want string }{
		{"kehadiran_2025-03.xlsx", "kehadiran_2025-03.xlsx"},
		{at30, at30},
		{long, strings.Repeat("b", 12) + hash(long) + ".xlsx"},
		{runes, "aééééé" + hash(runes) + ".xlsx"},
		{strings.Repeat("c", 40), strings.Repeat("c", 17) + hash(strings.Repeat("c", 40))},
		{longExt, "dddddddddd.a very" + hash(longExt)},
	} {
		got := fitName(tc.in, 30)
		if got != tc.want || len(got) > 30 || !utf8.ValidString(got) {
			t.Errorf("fitName(%q, 30) = %q (%d bytes); want %q", tc.in, got, len(got), tc.want)
		}
	}
	// Two long names with the same start never get the same short name.
	a, b := strings.Repeat("e", 40)+"1.xlsx", strings.Repeat("e", 40)+"2.xlsx"
	if fitName(a, 30) == fitName(b, 30) {
		t.Errorf("fitName(%q) = fitName(%q) = %q; want different names", a, b, fitName(a, 30))
	}
}

// TestRunLongNames: uploads named 240 and 245 bytes (their receipts' temp
// names would pass NAME_MAX, 255 bytes) beside a normal file of another
// agency: all three are ingested; the long ones get receipts and archived
// originals under shortened, distinct names that keep the start and the
// extension.
func TestRunLongNames(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	start := "kehadiran_2025-03 pelatihan pelayanan publik "
	name1 := longName(t, start, " bagian satu", 240)
	name2 := longName(t, start, " bagian dua, berkas kedua", 245)
	if name1[:200] != name2[:200] {
		t.Fatal("the long names must share their first 200 bytes")
	}
	writeKehadiran(t, filepath.Join(dir.InboxOf("kab-buru"), name1), march, 6, 0, "l1", testDrop)
	writeKehadiran(t, filepath.Join(dir.InboxOf("kab-buru"), name2), march, 7, 0, "l2", testDrop.Add(time.Minute))
	writeKehadiran(t, filepath.Join(dir.InboxOf("kota-ambon"), "kehadiran_2025-03.xlsx"), march, 5, 0, "n", testDrop)

	sum, err := Run(context.Background(), dir, DefaultConfig(), testNow, discardLog())
	if want := (Summary{Seen: 3, Accepted: 3}); err != nil || !cmp.Equal(sum, want) {
		t.Fatalf("Run = %+v, %v; want %+v, nil", sum, err, want)
	}
	if got := files(t, dir, "inbox"); len(got) != 0 {
		t.Errorf("inbox after = %q; want empty", got)
	}
	byFile := map[string]lake.Entry{}
	for _, e := range ledgerOf(t, dir).Entries {
		byFile[e.File] = e
	}
	sum1 := sha256.Sum256([]byte(strings.TrimSuffix(name1, ".xlsx")))
	stem1 := name1[:lake.MaxWriteName-len(".receipt.xlsx")-13] // 213 bytes, at a rune boundary here
	for !utf8.ValidString(stem1) {
		stem1 = stem1[:len(stem1)-1]
	}
	wantReceipt1 := filepath.Join("outbox", "kab-buru", stem1+"~"+hex.EncodeToString(sum1[:])[:12]+".receipt.xlsx")
	if got := byFile[name1].Receipt; got != wantReceipt1 {
		t.Errorf("receipt of the 240-byte name = %q; want %q", got, wantReceipt1)
	}
	receipts := map[string]bool{}
	for _, name := range []string{name1, name2, "kehadiran_2025-03.xlsx"} {
		e, ok := byFile[name]
		if !ok {
			t.Errorf("%s: no ledger entry", name)
			continue
		}
		rb, sb := filepath.Base(e.Receipt), filepath.Base(e.Stored)
		if len(rb) > lake.MaxWriteName || len(sb) > lake.MaxName || !utf8.ValidString(rb) || !utf8.ValidString(sb) {
			t.Errorf("%.40s…: receipt %d bytes, stored %d bytes; want at most %d and %d, valid UTF-8", name, len(rb), len(sb), lake.MaxWriteName, lake.MaxName)
		}
		if len(name) > 200 && (!strings.HasPrefix(rb, start) || !strings.HasSuffix(rb, ".receipt.xlsx") ||
			!strings.Contains(sb, "_"+start) || !strings.HasSuffix(sb, ".xlsx")) {
			t.Errorf("%.40s…: receipt %q, stored %q; want both to keep the start and the extension", name, rb, sb)
		}
		if receipts[e.Receipt] {
			t.Errorf("receipt %q used twice", e.Receipt)
		}
		receipts[e.Receipt] = true
		if !exists(dir.Abs(lake.RecordOf(e.Stored))) {
			t.Errorf("%.40s…: no entry record beside %s", name, e.Stored)
		}
		if !exists(dir.Abs(e.Stored)) {
			t.Errorf("%.40s…: original not at %s", name, e.Stored)
		}
		rc, err := excelize.OpenFile(dir.Abs(e.Receipt))
		if err != nil {
			t.Errorf("%.40s…: receipt: %v", name, err)
			continue
		}
		if v := summaryOf(t, rc)["Status"]; v != string(lake.Accepted) {
			t.Errorf("%.40s…: receipt status %q; want %q", name, v, lake.Accepted)
		}
		rc.Close()
	}
	if got := byFile["kehadiran_2025-03.xlsx"].Receipt; got != filepath.Join("outbox", "kota-ambon", "kehadiran_2025-03.receipt.xlsx") {
		t.Errorf("normal name's receipt = %q; want it unchanged", got)
	}
}

// blockOutbox makes outbox/<agency> unwritable: mode 0555, or — as root,
// whom modes do not stop — a regular file where the folder should be. It
// returns the function that unblocks it.
func blockOutbox(t *testing.T, dir lake.Dir, agency string) (unblock func()) {
	t.Helper()
	out := dir.OutboxOf(agency)
	if os.Geteuid() == 0 {
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, []byte("not a folder"), 0o644); err != nil {
			t.Fatal(err)
		}
		return func() {
			if err := os.Remove(out); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(out, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(out, 0o755) })
	return func() {
		if err := os.Chmod(out, 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

// tempFiles lists the temp files anywhere under dir.
func tempFiles(dir lake.Dir) []string {
	var out []string
	filepath.WalkDir(dir.Root(), func(p string, de os.DirEntry, err error) error {
		if err == nil && lake.IsTemp(p) {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// TestRunOutboxNotWritable: one agency's outbox cannot be written. Its file
// fails alone — it stays in the inbox, nothing of it is in the ledger or the
// lake, no temp file is left, Run's error names it — while the other
// agency's file (sorted after it) is ingested whole. Once the outbox is
// writable again, the next run finishes it.
func TestRunOutboxNotWritable(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	blocked := filepath.Join(dir.InboxOf("kab-buru"), "kehadiran_2025-03.xlsx")
	writeKehadiran(t, blocked, march, 6, 0, "b", testDrop)
	writeKehadiran(t, filepath.Join(dir.InboxOf("kota-ambon"), "kehadiran_2025-03.xlsx"), march, 5, 0, "a", testDrop)
	unblock := blockOutbox(t, dir, "kab-buru")

	sum, err := Run(context.Background(), dir, DefaultConfig(), testNow, discardLog())
	want := Summary{Seen: 2, Accepted: 1, Failed: 1, FailedFiles: []string{"kab-buru/kehadiran_2025-03.xlsx"}}
	if diff := cmp.Diff(want, sum); diff != "" {
		t.Errorf("Run summary (-want +got):\n%s", diff)
	}
	var fe *FailedError
	if !errors.As(err, &fe) || !OnlyFilesFailed(err) || len(fe.Files) != 1 || fe.Files[0].Agency != "kab-buru" ||
		fe.Files[0].File != "kehadiran_2025-03.xlsx" || !strings.Contains(err.Error(), "kab-buru/kehadiran_2025-03.xlsx") {
		t.Fatalf("Run error = %v; want a *FailedError naming only kab-buru/kehadiran_2025-03.xlsx", err)
	}
	if got, want := files(t, dir, "inbox"), []string{"inbox/kab-buru/kehadiran_2025-03.xlsx"}; !cmp.Equal(got, want) {
		t.Errorf("inbox = %q; want %q", got, want)
	}
	l := ledgerOf(t, dir)
	if len(l.Entries) != 1 || l.Entries[0].Agency != "kota-ambon" || l.Entries[0].Status != lake.Accepted {
		t.Fatalf("ledger = %+v; want only kota-ambon's upload, accepted", l.Entries)
	}
	ambon := l.Entries[0]
	if got, want := files(t, dir, "lake/kehadiran"), []string{ambon.LakeFile}; !cmp.Equal(got, want) {
		t.Errorf("lake = %q; want only kota-ambon's %q (kab-buru's fresh file removed)", got, want)
	}
	if !exists(dir.Abs(ambon.Receipt)) || !exists(dir.Abs(ambon.Stored)) {
		t.Errorf("kota-ambon: receipt %v, archived %v; want both", exists(dir.Abs(ambon.Receipt)), exists(dir.Abs(ambon.Stored)))
	}
	if tmp := tempFiles(dir); len(tmp) != 0 {
		t.Errorf("temp files left: %q", tmp)
	}

	unblock()
	sum = runOnce(t, dir, DefaultConfig())
	if want := (Summary{Seen: 1, Accepted: 1}); !cmp.Equal(sum, want) {
		t.Errorf("run after unblocking = %+v; want %+v", sum, want)
	}
	l = ledgerOf(t, dir)
	if len(l.Entries) != 2 || l.Entries[1].Agency != "kab-buru" || l.Entries[1].Status != lake.Accepted || !exists(dir.Abs(l.Entries[1].Receipt)) {
		t.Errorf("ledger after unblocking = %+v; want kab-buru's upload added, with its receipt", l.Entries)
	}
	if got := files(t, dir, "inbox"); len(got) != 0 {
		t.Errorf("inbox after unblocking = %q; want empty", got)
	}
}
