package ingest

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

var (
	testNow  = time.Date(2025, 4, 10, 9, 0, 0, 0, domain.WIT)
	testDrop = time.Date(2025, 4, 5, 8, 30, 0, 0, domain.WIT)
	march    = domain.MustPeriod("2025-03")
)

func runOnce(t *testing.T, dir lake.Dir, cfg Config) Summary {
	t.Helper()
	sum, err := Run(context.Background(), dir, cfg, testNow, discardLog())
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return sum
}

func ledgerOf(t *testing.T, dir lake.Dir) *lake.Ledger {
	t.Helper()
	l, err := dir.LoadLedger()
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// files lists the files under dir/sub, relative to dir, sorted.
func files(t *testing.T, dir lake.Dir, sub string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir.Abs(sub), func(p string, de os.DirEntry, err error) error {
		if err == nil && !de.IsDir() && !lake.IsRecord(p) {
			rel, _ := filepath.Rel(dir.Root(), p)
			out = append(out, rel)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// parquetRows is the row count of a lake file.
func parquetRows(t *testing.T, path string) int64 {
	t.Helper()
	rd, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer rd.Close()
	fr, err := pqarrow.NewFileReader(rd, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := fr.Schema()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := sc.FieldsByName("upload_id"); !ok && !strings.Contains(path, "referensi") {
		t.Errorf("%s has no upload_id column", path)
	}
	return rd.NumRows()
}

// TestRunOutcomes ingests one inbox holding every kind of outcome and
// checks the summary, the ledger, the lake, archive/, rejected/ and outbox/.
func TestRunOutcomes(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	in := func(agency, name string) string { return filepath.Join(dir.InboxOf(agency), name) }
	writeKehadiran(t, in("kota-ambon", "kehadiran_2025-03.xlsx"), march, 40, 0, "a", testDrop)                        // accepted
	writeKehadiran(t, in("kota-ambon", "kehadiran_2025-03 revisi.xlsx"), march, 40, 20, "b", testDrop.Add(time.Hour)) // partial, replaces it
	writeKehadiran(t, in("kab-buru", "kehadiran_2025-03.xlsx"), march, 10, 2, "c", testDrop)                          // half bad: rejected
	writeAt(t, in("kab-buru", "data.csv"), "NIP;Nama\n1;2\n", testDrop)                                               // wrong format
	writeAt(t, in("kab-buru", "besar.xlsx"), strings.Repeat("x", 2048), testDrop)                                     // over MaxFileSize
	writeAt(t, in("kab-buru", "~$kehadiran_2025-03.xlsx"), "lock", testDrop)                                          // ignored
	writeAt(t, filepath.Join(dir.Inbox(), "di-root.xlsx"), "x", testDrop)                                             // ignored, left
	writeKehadiran(t, in("kab-buru", "baru.xlsx"), march, 5, 0, "d", testNow.Add(-5*time.Second))                     // still being copied
	// The same bytes as the first upload under another name: a duplicate.
	b, err := os.ReadFile(in("kota-ambon", "kehadiran_2025-03.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	writeAt(t, in("kota-ambon", "salinan.xlsx"), string(b), testDrop.Add(2*time.Hour))

	cfg := DefaultConfig()
	cfg.MaxFileSize = 1024 * 1024
	bigInfo, _ := os.Stat(in("kota-ambon", "kehadiran_2025-03.xlsx"))
	if bigInfo.Size() > 1024*1024 {
		t.Fatal("test workbook unexpectedly large")
	}
	cfg.MaxFileSize = bigInfo.Size() + 1024 // besar.xlsx (2 KiB) fits; make it not fit:
	if err := os.WriteFile(in("kab-buru", "besar.xlsx"), make([]byte, cfg.MaxFileSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(in("kab-buru", "besar.xlsx"), testDrop, testDrop)

	got := runOnce(t, dir, cfg)
	want := Summary{Seen: 7, Accepted: 1, Partial: 1, Rejected: 3, Duplicates: 1, Pending: 1, Ignored: 2}
	if !cmp.Equal(got, want) {
		t.Errorf("Run summary = %+v; want %+v", got, want)
	}
	l := ledgerOf(t, dir)
	type row struct {
		File     string
		Status   lake.Status
		Read     int
		Accepted int
		Replaced bool
		Rev      int
		Reason   string
	}
	var rows []row
	byFile := map[string]lake.Entry{}
	for _, e := range l.Entries {
		reason := e.Reason
		if i := strings.IndexAny(reason, ".:;("); i > 0 {
			reason = reason[:i]
		}
		rows = append(rows, row{e.Agency + "/" + e.File, e.Status, e.RowsRead, e.RowsAccepted, e.ReplacedBy != "", e.Revision, reason})
		byFile[e.Agency+"/"+e.File] = e
	}
	wantRows := []row{
		{"kab-buru/besar.xlsx", lake.Rejected, 0, 0, false, 0, "Berkas terlalu besar"},
		{"kab-buru/data.csv", lake.Rejected, 0, 0, false, 0, "File "},
		{"kab-buru/kehadiran_2025-03.xlsx", lake.Rejected, 10, 0, false, 0, byFile["kab-buru/kehadiran_2025-03.xlsx"].Reason[:max(0, strings.IndexAny(byFile["kab-buru/kehadiran_2025-03.xlsx"].Reason, ".:;("))]},
		{"kota-ambon/kehadiran_2025-03.xlsx", lake.Accepted, 40, 40, true, 1, ""},
		{"kota-ambon/kehadiran_2025-03 revisi.xlsx", lake.Partial, 40, 38, false, 2, ""},
		{"kota-ambon/salinan.xlsx", lake.Duplicate, 0, 0, false, 0, "Berkas ini sama persis dengan unggahan sebelumnya "},
	}
	if diff := cmp.Diff(wantRows, rows); diff != "" {
		t.Errorf("ledger (-want +got):\n%s", diff)
	}
	rej := byFile["kab-buru/kehadiran_2025-03.xlsx"]
	if rej.RowsRejected != 5 || rej.Reason == "" {
		t.Errorf("half-bad upload: rejected rows %d, reason %q; want 5 and a reason", rej.RowsRejected, rej.Reason)
	}
	first, rev := byFile["kota-ambon/kehadiran_2025-03.xlsx"], byFile["kota-ambon/kehadiran_2025-03 revisi.xlsx"]
	if !slices.Equal(rev.Replaces, lake.IDs{first.ID}) || first.ReplacedBy != rev.ID {
		t.Errorf("revision link: replaces %q replaced_by %q; want %q and %q", rev.Replaces, first.ReplacedBy, first.ID, rev.ID)
	}
	if dup := byFile["kota-ambon/salinan.xlsx"]; dup.DuplicateOf != first.ID || !strings.Contains(dup.Reason, "tidak ada perubahan") {
		t.Errorf("duplicate: of %q reason %q; want of %q saying tidak ada perubahan", dup.DuplicateOf, dup.Reason, first.ID)
	}
	if !rev.ReceivedAt.Equal(testDrop.Add(time.Hour)) || !rev.IngestedAt.Equal(testNow) {
		t.Errorf("times: received %v ingested %v; want %v and %v", rev.ReceivedAt, rev.IngestedAt, testDrop.Add(time.Hour), testNow)
	}
	// Only the revision's rows are in the lake.
	if got, want := files(t, dir, "lake/kehadiran"), []string{rev.LakeFile}; !cmp.Equal(got, want) {
		t.Errorf("lake files = %q; want %q", got, want)
	}
	if n := parquetRows(t, dir.Abs(rev.LakeFile)); n != 38 {
		t.Errorf("rows in %s = %d; want 38", rev.LakeFile, n)
	}
	// Originals: data and duplicates archived, the rest rejected; pending and ignored left.
	if got, want := files(t, dir, "inbox"), []string{"inbox/di-root.xlsx", "inbox/kab-buru/baru.xlsx", "inbox/kab-buru/~$kehadiran_2025-03.xlsx"}; !cmp.Equal(got, want) {
		t.Errorf("inbox after = %q; want %q", got, want)
	}
	var stored []string
	for _, e := range l.Entries {
		stored = append(stored, e.Stored)
		if !exists(dir.Abs(e.Stored)) {
			t.Errorf("%s: stored original %s missing", e.File, e.Stored)
		}
		if !exists(dir.Abs(e.Receipt)) {
			t.Errorf("%s: receipt %s missing", e.File, e.Receipt)
		}
	}
	sort.Strings(stored)
	if got := append(files(t, dir, "archive"), files(t, dir, "rejected")...); !cmp.Equal(got, stored) {
		t.Errorf("archive+rejected = %q; want the ledger's %q", got, stored)
	}
	for _, e := range l.Entries {
		dirName := "archive/"
		if e.Status == lake.Rejected {
			dirName = "rejected/"
		}
		if !strings.HasPrefix(e.Stored, dirName+e.Agency+"/20250410-090000_"+e.ID[:8]+"_") {
			t.Errorf("%s stored as %q; want under %s%s/ named <time>_<id8>_<name>", e.File, e.Stored, dirName, e.Agency)
		}
	}
	// The duplicate's receipt says so.
	rc, err := excelize.OpenFile(dir.Abs(byFile["kota-ambon/salinan.xlsx"].Receipt))
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	summary := summaryOf(t, rc)
	if v := summary["Status"]; v != "duplikat" {
		t.Errorf("duplicate receipt status = %q; want duplikat", v)
	}
	if v := summary["Baris diterima"]; v != "40" {
		t.Errorf("duplicate receipt rows accepted = %q; want the original's 40", v)
	}

	// A second run a minute later ingests the file that was being copied
	// and changes nothing else.
	got2, err := Run(context.Background(), dir, cfg, testNow.Add(time.Minute), discardLog())
	if want2 := (Summary{Seen: 1, Accepted: 1, Ignored: 2}); err != nil || !cmp.Equal(got2, want2) {
		t.Errorf("second run = %+v, %v; want %+v", got2, err, want2)
	}
	if n := len(ledgerOf(t, dir).Entries); n != 7 {
		t.Errorf("ledger entries after second run = %d; want 7", n)
	}
}

// TestRunRecovery: a run killed after saving the ledger but before moving
// the original leaves the file in the inbox; the next run moves it and
// adds no second ledger entry.
func TestRunRecovery(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	path := filepath.Join(dir.InboxOf("kota-ambon"), "kehadiran_2025-03.xlsx")
	writeKehadiran(t, path, march, 12, 0, "r", testDrop)
	saved, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	runOnce(t, dir, DefaultConfig())
	l := ledgerOf(t, dir)
	if len(l.Entries) != 1 {
		t.Fatalf("entries = %d; want 1", len(l.Entries))
	}
	e := l.Entries[0]
	// Undo the move and the receipt, as if the process died right after SaveLedger.
	if err := os.Remove(dir.Abs(e.Stored)); err != nil {
		t.Fatal(err)
	}
	os.Remove(dir.Abs(e.Receipt))
	writeAt(t, path, string(saved), testDrop)

	sum := runOnce(t, dir, DefaultConfig())
	if want := (Summary{Seen: 1, Accepted: 1}); !cmp.Equal(sum, want) {
		t.Errorf("recovery run = %+v; want %+v", sum, want)
	}
	l2 := ledgerOf(t, dir)
	if diff := cmp.Diff(l.Entries, l2.Entries); diff != "" {
		t.Errorf("ledger changed by recovery (-before +after):\n%s", diff)
	}
	if !exists(dir.Abs(e.Stored)) || exists(path) || !exists(dir.Abs(e.Receipt)) {
		t.Errorf("after recovery: stored %v, inbox %v, receipt %v; want true false true",
			exists(dir.Abs(e.Stored)), exists(path), exists(dir.Abs(e.Receipt)))
	}
	if n := parquetRows(t, dir.Abs(e.LakeFile)); n != 12 {
		t.Errorf("lake rows = %d; want 12", n)
	}
}

func TestRunLocked(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	lk, err := dir.TryLock("ingest")
	if err != nil {
		t.Fatal(err)
	}
	defer lk.Unlock()
	if _, err := Run(context.Background(), dir, DefaultConfig(), testNow, nil); !errors.Is(err, lake.ErrLocked) {
		t.Errorf("Run with the lock held = %v; want ErrLocked", err)
	}
}

// TestRunReference: agencies from referensi.xlsx gate the inbox folders,
// the reference tables are written, and an invalid edit keeps the previous.
func TestRunReference(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	ref := DefaultReference()
	ref.Agencies = []domain.Agency{{Code: "kota-ambon", Name: "Pemerintah Kota Ambon", District: "81.71", Expects: []domain.Kind{domain.Kehadiran}}}
	if err := lake.WriteWith(dir.Reference(), 0o644, func(w io.Writer) error { return WriteReference(w, ref) }); err != nil {
		t.Fatal(err)
	}
	writeKehadiran(t, filepath.Join(dir.InboxOf("kota-ambon"), "kehadiran_2025-03.xlsx"), march, 4, 0, "x", testDrop)
	writeKehadiran(t, filepath.Join(dir.InboxOf("kab-entah"), "kehadiran_2025-03.xlsx"), march, 4, 0, "y", testDrop)
	sum := runOnce(t, dir, DefaultConfig())
	if want := (Summary{Seen: 2, Accepted: 1, Rejected: 1}); !cmp.Equal(sum, want) {
		t.Errorf("summary = %+v; want %+v", sum, want)
	}
	for _, e := range ledgerOf(t, dir).Entries {
		if e.Agency == "kab-entah" && !strings.Contains(e.Reason, "bukan kode instansi yang terdaftar") {
			t.Errorf("unknown agency reason = %q", e.Reason)
		}
	}
	if n := parquetRows(t, filepath.Join(dir.ReferenceDir(), "instansi.parquet")); n != 1 {
		t.Errorf("instansi rows = %d; want 1", n)
	}
	if n := parquetRows(t, filepath.Join(dir.ReferenceDir(), "kabupaten.parquet")); n != 11 {
		t.Errorf("kabupaten rows = %d; want 11", n)
	}
	// A broken referensi.xlsx: the previous reference stays in force.
	writeAt(t, dir.Reference(), "not a workbook", testDrop)
	writeKehadiran(t, filepath.Join(dir.InboxOf("kab-entah"), "kehadiran_2025-03 lagi.xlsx"), march, 4, 0, "z", testDrop)
	sum = runOnce(t, dir, DefaultConfig())
	if want := (Summary{Seen: 1, Rejected: 1}); !cmp.Equal(sum, want) {
		t.Errorf("after broken reference: summary = %+v; want %+v", sum, want)
	}
	if n := parquetRows(t, filepath.Join(dir.ReferenceDir(), "instansi.parquet")); n != 1 {
		t.Errorf("instansi rows after broken reference = %d; want 1", n)
	}
}

func TestConfigValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Errorf("DefaultConfig().Validate() = %v; want nil", err)
	}
	for name, mut := range map[string]func(*Config){
		"workers":  func(c *Config) { c.Workers = 0 },
		"stable":   func(c *Config) { c.StableFor = -time.Second },
		"size":     func(c *Config) { c.MaxFileSize = 0 },
		"problems": func(c *Config) { c.MaxProblems = 0 },
		"badshare": func(c *Config) { c.Read.MaxBadShare = 2 },
		"delay":    func(c *Config) { c.CommitDelay = -1 },
	} {
		c := DefaultConfig()
		mut(&c)
		if err := c.Validate(); err == nil {
			t.Errorf("Validate with bad %s = nil; want an error", name)
		}
	}
}

// TestRunCancel: a run stopped midway (SIGTERM in pantau ingest) returns
// the context's error, and the next run finishes the rest with nothing
// counted twice.
func TestRunCancel(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	for i := 0; i < 6; i++ {
		p := domain.Period{Year: 2025, Month: time.Month(1 + i)}
		writeKehadiran(t, filepath.Join(dir.InboxOf("kota-ambon"), "kehadiran_"+p.String()+".xlsx"), p, 5, 0, "c", testDrop.Add(time.Duration(i)*time.Minute))
	}
	cfg := DefaultConfig()
	cfg.CommitDelay = 20 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	first, err := Run(ctx, dir, cfg, testNow, discardLog())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("cancelled Run = %+v, %v; want DeadlineExceeded", first, err)
	}
	second := runOnce(t, dir, DefaultConfig())
	if got := first.Accepted + second.Accepted; got != 6 || second.Seen != 6-first.Accepted {
		t.Errorf("accepted %d then %d (seen %d); want 6 in all, the second run seeing only the rest", first.Accepted, second.Accepted, second.Seen)
	}
	if n := len(ledgerOf(t, dir).Entries); n != 6 {
		t.Errorf("ledger entries = %d; want 6", n)
	}
}

// TestRunRecoveryCopies: a run killed after saving the entries of an upload
// and of its exact copy, before moving either; the next run moves each to
// its own place (the copy's entry is not taken for the original's).
func TestRunRecoveryCopies(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	orig := filepath.Join(dir.InboxOf("kota-ambon"), "kehadiran_2025-03.xlsx")
	writeKehadiran(t, orig, march, 6, 0, "k", testDrop)
	b, _ := os.ReadFile(orig)
	cp := filepath.Join(dir.InboxOf("kota-ambon"), "salinan.xlsx")
	writeAt(t, cp, string(b), testDrop.Add(time.Minute))
	runOnce(t, dir, DefaultConfig())
	before := ledgerOf(t, dir)
	for _, e := range before.Entries {
		os.Remove(dir.Abs(e.Stored))
	}
	writeAt(t, orig, string(b), testDrop)
	writeAt(t, cp, string(b), testDrop.Add(time.Minute))

	runOnce(t, dir, DefaultConfig())
	after := ledgerOf(t, dir)
	if diff := cmp.Diff(before.Entries, after.Entries); diff != "" {
		t.Errorf("ledger changed by recovery (-before +after):\n%s", diff)
	}
	for _, e := range after.Entries {
		if !exists(dir.Abs(e.Stored)) || !strings.HasSuffix(e.Stored, "_"+e.File) {
			t.Errorf("%s: stored %q exists %v; want its own name there", e.File, e.Stored, exists(dir.Abs(e.Stored)))
		}
	}
	if got := files(t, dir, "inbox"); len(got) != 0 {
		t.Errorf("inbox after recovery = %q; want empty", got)
	}
}

// TestRunMoveFails: when an original cannot leave the inbox (here: its
// archive folder is a file), the upload's entry is saved but the file is
// counted as failed (not finished) and named in Run's error, the other
// files go on, and a later run completes the move.
func TestRunMoveFails(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	writeKehadiran(t, filepath.Join(dir.InboxOf("kab-buru"), "kehadiran_2025-03.xlsx"), march, 4, 0, "m1", testDrop)
	writeKehadiran(t, filepath.Join(dir.InboxOf("kota-ambon"), "kehadiran_2025-03.xlsx"), march, 4, 0, "m2", testDrop)
	blocker := dir.ArchiveOf("kab-buru")
	writeAt(t, blocker, "not a folder", testDrop)
	sum, err := Run(context.Background(), dir, DefaultConfig(), testNow, discardLog())
	want := Summary{Seen: 2, Accepted: 1, Failed: 1, FailedFiles: []string{"kab-buru/kehadiran_2025-03.xlsx"}}
	if diff := cmp.Diff(want, sum); diff != "" || !OnlyFilesFailed(err) || !strings.Contains(err.Error(), "kab-buru/kehadiran_2025-03.xlsx") {
		t.Fatalf("Run = %+v, %v; want only the move of kab-buru/kehadiran_2025-03.xlsx failed (-want +got):\n%s", sum, err, diff)
	}
	os.Remove(blocker)
	sum = runOnce(t, dir, DefaultConfig())
	if want := (Summary{Seen: 1, Accepted: 1}); !cmp.Equal(sum, want) {
		t.Errorf("second run = %+v; want %+v (the interrupted move finished)", sum, want)
	}
	if n := len(ledgerOf(t, dir).Entries); n != 2 {
		t.Errorf("ledger entries = %d; want 2", n)
	}
	if got := files(t, dir, "inbox"); len(got) != 0 {
		t.Errorf("inbox = %q; want empty", got)
	}
}

// TestRunKeepsReplacedFileWhileReadersAreOpen: a revision while a report or
// query holds the lake's reader lock leaves the replaced file on disk (the
// open session may still read it; the ledger already says it does not
// count), and the first ingest after the reader closes sweeps it.
func TestRunKeepsReplacedFileWhileReadersAreOpen(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	writeKehadiran(t, filepath.Join(dir.InboxOf("kota-ambon"), "kehadiran_2025-03.xlsx"), march, 8, 0, "a", testDrop)
	runOnce(t, dir, DefaultConfig())
	first := ledgerOf(t, dir).Entries[0]
	reader, err := dir.ReadLock(lake.ReaderLock)
	if err != nil {
		t.Fatal(err)
	}
	writeKehadiran(t, filepath.Join(dir.InboxOf("kota-ambon"), "kehadiran_2025-03 revisi.xlsx"), march, 9, 0, "b", testDrop)
	runOnce(t, dir, DefaultConfig())
	rev := ledgerOf(t, dir).Entries[1]
	if !slices.Equal(rev.Replaces, lake.IDs{first.ID}) {
		t.Fatalf("second upload replaces %q; want %q", rev.Replaces, first.ID)
	}
	want := []string{first.LakeFile, rev.LakeFile}
	sort.Strings(want)
	if got := files(t, dir, "lake/kehadiran"); !cmp.Equal(got, want) {
		t.Errorf("lake with a reader open = %q; want both files %q", got, want)
	}
	if err := reader.Unlock(); err != nil {
		t.Fatal(err)
	}
	runOnce(t, dir, DefaultConfig())
	if got := files(t, dir, "lake/kehadiran"); !cmp.Equal(got, []string{rev.LakeFile}) {
		t.Errorf("lake after the reader closed = %q; want only the revision %q", got, rev.LakeFile)
	}
}

// TestRunReceiptBlocked: a directory where one file's receipt goes fails
// that file alone, before anything of it is saved (the lake files and
// receipts of a batch are published together, so what would fail their
// publishing is found while the file is committed): the other files of
// the run are accepted, the blocked one stays in the inbox with no entry,
// and once the way is clear a later run takes it.
func TestRunReceiptBlocked(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	writeKehadiran(t, filepath.Join(dir.InboxOf("kab-buru"), "kehadiran_2025-03.xlsx"), march, 4, 0, "b1", testDrop)
	writeKehadiran(t, filepath.Join(dir.InboxOf("kota-ambon"), "kehadiran_2025-03.xlsx"), march, 4, 0, "b2", testDrop)
	writeKehadiran(t, filepath.Join(dir.InboxOf("kota-ambon"), "kehadiran_2025-02.xlsx"), domain.MustPeriod("2025-02"), 3, 0, "b3", testDrop)
	blocker := filepath.Join(dir.OutboxOf("kota-ambon"), receiptName("kehadiran_2025-03.xlsx"))
	if err := os.MkdirAll(filepath.Join(blocker, "inside"), 0o755); err != nil {
		t.Fatal(err)
	}
	sum, err := Run(context.Background(), dir, DefaultConfig(), testNow, discardLog())
	want := Summary{Seen: 3, Accepted: 2, Failed: 1, FailedFiles: []string{"kota-ambon/kehadiran_2025-03.xlsx"}}
	if diff := cmp.Diff(want, sum); diff != "" || !OnlyFilesFailed(err) {
		t.Fatalf("Run = %+v, %v; want only kota-ambon/kehadiran_2025-03.xlsx failed (-want +got):\n%s", sum, err, diff)
	}
	l := ledgerOf(t, dir)
	if n := len(l.Entries); n != 2 {
		t.Fatalf("ledger entries = %d; want 2 (the blocked file has none)", n)
	}
	for _, e := range l.Entries {
		if e.Agency == "kota-ambon" && e.Period == "2025-03" {
			t.Errorf("the blocked file has an entry: %+v", e)
		}
	}
	if got := files(t, dir, "inbox"); !cmp.Equal(got, []string{filepath.Join("inbox", "kota-ambon", "kehadiran_2025-03.xlsx")}) {
		t.Errorf("inbox = %q; want only the blocked file", got)
	}
	if err := os.RemoveAll(blocker); err != nil {
		t.Fatal(err)
	}
	if sum := runOnce(t, dir, DefaultConfig()); !cmp.Equal(sum, Summary{Seen: 1, Accepted: 1}) {
		t.Errorf("second run = %+v; want the blocked file accepted", sum)
	}
}

// TestRunPublishFails: when the lake files and receipts of a batch cannot
// be published (here a directory appears where a receipt goes after it was
// staged; a failed fsync takes the same way), the run stops with an error
// that is not a file's, no entry of the batch is saved — the ledger on disk
// names no file that is not there —, every original stays in the inbox,
// and a later run ingests them all.
func TestRunPublishFails(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	writeKehadiran(t, filepath.Join(dir.InboxOf("kab-buru"), "kehadiran_2025-03.xlsx"), march, 4, 0, "p1", testDrop)
	writeKehadiran(t, filepath.Join(dir.InboxOf("kota-ambon"), "kehadiran_2025-03.xlsx"), march, 4, 0, "p2", testDrop)
	// kab-buru's file is committed first: its receipt is staged when the
	// directory appears.
	blocker := filepath.Join(dir.OutboxOf("kab-buru"), receiptName("kehadiran_2025-03.xlsx"))
	beforePublish = func() {
		beforePublish = nil
		if err := os.MkdirAll(filepath.Join(blocker, "inside"), 0o755); err != nil {
			t.Error(err)
		}
	}
	defer func() { beforePublish = nil }()
	sum, err := Run(context.Background(), dir, DefaultConfig(), testNow, discardLog())
	if err == nil || OnlyFilesFailed(err) || !strings.Contains(err.Error(), "lake files and receipts") {
		t.Fatalf("Run = %+v, %v; want the run stopped by the failed publish", sum, err)
	}
	if sum.Accepted != 0 {
		t.Errorf("Run counted %d accepted; want 0", sum.Accepted)
	}
	l := ledgerOf(t, dir)
	for _, e := range l.Entries {
		if _, err := os.Stat(dir.Abs(e.LakeFile)); e.LakeFile != "" && err != nil {
			t.Errorf("the saved ledger names %s, which is not there", e.LakeFile)
		}
	}
	if n := len(l.Entries); n != 0 {
		t.Errorf("ledger entries = %d; want 0 (the batch was not saved)", n)
	}
	if got := files(t, dir, "inbox"); len(got) != 2 {
		t.Errorf("inbox = %q; want both originals", got)
	}
	if err := os.RemoveAll(blocker); err != nil {
		t.Fatal(err)
	}
	if sum := runOnce(t, dir, DefaultConfig()); !cmp.Equal(sum, Summary{Seen: 2, Accepted: 2}) {
		t.Errorf("second run = %+v; want both accepted", sum)
	}
	if n := len(ledgerOf(t, dir).Entries); n != 2 {
		t.Errorf("ledger entries = %d; want 2", n)
	}
}

// TestRunnerReady: a batch waits for the next file's result at most the
// time it is given, and a result that comes is kept, not lost.
func TestRunnerReady(t *testing.T) {
	r := &runner{}
	ch := make(chan *parsed, 1)
	var next *parsed
	if r.ready(context.Background(), ch, time.Millisecond, &next) || next != nil {
		t.Fatalf("ready on an empty channel = true (next %v); want false after the wait", next)
	}
	want := &parsed{hash: "h"}
	go func() { time.Sleep(5 * time.Millisecond); ch <- want }()
	if !r.ready(context.Background(), ch, time.Minute, &next) || next != want {
		t.Fatalf("ready = false or next %v; want the result that came during the wait", next)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	next = nil
	if r.ready(ctx, ch, time.Minute, &next) || next != nil {
		t.Fatal("ready after cancellation = true; want false at once")
	}
}

// TestMoveDirs: a move makes durable both folders' entries and, for each
// folder made for it, that folder's entry in its parent.
func TestMoveDirs(t *testing.T) {
	got := moveDirs("/d/inbox/a/f.xlsx", "/d/archive/a/2025/f.xlsx", []string{"/d/archive/a", "/d/archive/a/2025"})
	want := []string{"/d/archive/a/2025", "/d/inbox/a", "/d/archive", "/d/archive/a"}
	if !cmp.Equal(got, want) {
		t.Errorf("moveDirs = %q; want %q", got, want)
	}
}
