package ingest

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// copyTree copies the files under src into dst, keeping their mtimes.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := de.Info()
		if err != nil {
			return err
		}
		out := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(out, b, 0o644); err != nil {
			return err
		}
		return os.Chtimes(out, info.ModTime(), info.ModTime())
	})
	if err != nil {
		t.Fatal(err)
	}
}

// sentinels names the errors sample-data/bad/README.md mentions.
var sentinels = map[string]error{
	"ErrFormat": ErrFormat, "ErrEncrypted": ErrEncrypted, "ErrCorrupt": ErrCorrupt, "ErrTooLarge": ErrTooLarge,
	"ErrTooManyRows": ErrTooManyRows, "ErrEmpty": ErrEmpty, "ErrUnknownHeaders": ErrUnknownHeaders,
	"ErrAmbiguousSheet": ErrAmbiguousSheet, "ErrNoPeriod": ErrNoPeriod, "ErrPeriodConflict": ErrPeriodConflict,
	"ErrTooManyBadRows": ErrTooManyBadRows, "ErrUnknownAgency": ErrUnknownAgency,
	"ErrRequired": ErrRequired, "ErrNIPNumber": ErrNIPNumber, "ErrNIP": ErrNIP, "ErrDate": ErrDate,
	"ErrNumber": ErrNumber, "ErrEnum": ErrEnum, "ErrRange": ErrRange, "ErrOutOfPeriod": ErrOutOfPeriod,
	"ErrOtherAgency": ErrOtherAgency, "ErrDuplicate": ErrDuplicate, "ErrUnknownDistrict": ErrUnknownDistrict,
	"ErrUnknownUnit": ErrUnknownUnit, "ErrMismatch": ErrMismatch, "ErrNoAnswers": ErrNoAnswers,
}

// badCase is one row of the table in sample-data/bad/README.md.
type badCase struct {
	agency, file, status, errText string
}

func readBadREADME(t *testing.T) []badCase {
	t.Helper()
	b, err := os.ReadFile("../sample-data/bad/README.md")
	if err != nil {
		t.Fatalf("sample-data/bad/README.md: %v", err)
	}
	var cases []badCase
	for _, line := range strings.Split(string(b), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 7 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		unquote := func(s string) string { return strings.Trim(strings.TrimSpace(s), "`") }
		cases = append(cases, badCase{unquote(cells[1]), unquote(cells[2]), strings.TrimSpace(cells[4]), strings.TrimSpace(cells[5])})
	}
	if len(cases) < 10 {
		t.Fatalf("README table has %d rows; want the whole table", len(cases))
	}
	return cases
}

var rowsOf = regexp.MustCompile(`on (\d+) of (\d+) rows`)

// TestBadSamples ingests sample-data/bad (with the demo's reference
// workbook, so unknown agencies are known) and checks each file gets the
// answer its README row documents: status, the sentinel (through Check,
// which reads exactly as Run does) and the rejected/read row counts.
func TestBadSamples(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	copyTree(t, "../sample-data/bad", dir.Inbox())
	os.Remove(filepath.Join(dir.Inbox(), "README.md"))
	refb, err := os.ReadFile("../sample-data/demo/referensi.xlsx") // the agencies, so unknown ones are known
	if err != nil {
		t.Fatal(err)
	}
	writeAt(t, dir.Reference(), string(refb), time.Now())
	cfg := DefaultConfig()
	cfg.StableFor = 0
	if _, err = Run(context.Background(), dir, cfg, time.Now().Add(time.Hour), discardLog()); err != nil {
		t.Fatalf("Run: %v", err)
	}
	l, err := dir.LoadLedger()
	if err != nil {
		t.Fatal(err)
	}
	ref := LoadReference(dir)
	for _, c := range readBadREADME(t) {
		t.Run(c.agency+"/"+c.file, func(t *testing.T) {
			var got []lake.Entry
			for _, e := range l.Entries {
				if e.Agency == c.agency && e.File == c.file {
					got = append(got, e)
				}
			}
			if c.status == "diabaikan" {
				if len(got) != 0 || !exists(filepath.Join(dir.InboxOf(c.agency), c.file)) {
					t.Errorf("%s: %d ledger entries, still in inbox %v; want ignored and left", c.file, len(got), exists(filepath.Join(dir.InboxOf(c.agency), c.file)))
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("%s: %d ledger entries; want 1", c.file, len(got))
			}
			e := got[0]
			if string(e.Status) != c.status {
				t.Errorf("status = %q (%s); want %q", e.Status, e.Reason, c.status)
			}
			if !exists(dir.Abs(e.Receipt)) {
				t.Errorf("receipt %s missing", e.Receipt)
			}
			if e.Status == lake.Rejected && e.Reason == "" {
				t.Errorf("rejected without a reason")
			}
			var name string
			for n := range sentinels {
				if strings.Contains(c.errText, "`"+n+"`") {
					name = n
				}
			}
			if name == "" {
				t.Fatalf("README names no known sentinel in %q", c.errText)
			}
			// The stored original is the very file; Check it, under its own name, as validate would.
			orig, err := os.ReadFile(dir.Abs(e.Stored))
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), c.file)
			writeAt(t, path, string(orig), time.Now())
			u := Check(path, c.agency, cfg, ref)
			if u.Record != nil {
				u.Record.Release()
			}
			found := u.Err != nil && errors.Is(u.Err, sentinels[name])
			for _, p := range u.Problems {
				found = found || errors.Is(p, sentinels[name])
			}
			if !found {
				t.Errorf("Check: err %v, %d problems; want %s", u.Err, len(u.Problems), name)
			}
			if m := rowsOf.FindStringSubmatch(c.errText); m != nil {
				bad, _ := strconv.Atoi(m[1])
				read, _ := strconv.Atoi(m[2])
				if e.RowsRejected != bad || e.RowsRead != read || e.RowsAccepted != read-bad {
					t.Errorf("rows read/accepted/rejected = %d/%d/%d; want %d/%d/%d", e.RowsRead, e.RowsAccepted, e.RowsRejected, read, read-bad, bad)
				}
			}
		})
	}
}

// TestDemoSample ingests the whole demo sample (sample-data/demo: a Maluku
// year of uploads and its reference workbook) and pins the outcome.
func TestDemoSample(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	copyTree(t, "../sample-data/demo", dir.Root())
	// A checkout gives the files whatever mtimes it gives: give them all
	// one, so the ingest takes each month's files by name, which the demo
	// plan keeps in drop order ("… (bagian 1)" before "… (lengkap)").
	same := time.Date(2026, 1, 1, 9, 0, 0, 0, domain.WIT)
	inbox, _ := filepath.Glob(filepath.Join(dir.Inbox(), "*", "*"))
	for _, p := range inbox {
		if err := os.Chtimes(p, same, same); err != nil {
			t.Fatal(err)
		}
	}
	cfg := DefaultConfig()
	cfg.StableFor = 0
	sum, err := Run(context.Background(), dir, cfg, time.Now().Add(time.Hour), discardLog())
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	t.Logf("demo: %+v", sum)
	l, err := dir.LoadLedger()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[lake.Status]int{}
	rows := map[string]int{}
	revisions := 0
	for _, e := range l.Entries {
		counts[e.Status]++
		if len(e.Replaces) > 0 {
			revisions++
		}
		if e.Current() {
			rows[string(e.Kind)] += e.RowsAccepted
		}
		if e.Status == lake.Rejected {
			t.Logf("rejected: %s/%s: %s", e.Agency, e.File, e.Reason)
		}
	}
	t.Logf("ledger: %v; %d revisions; current rows by kind: %v", counts, revisions, rows)
	if !cmp.Equal(sum, demoWant) {
		t.Errorf("demo summary = %+v; want %+v", sum, demoWant)
	}
	if revisions != demoRevisions {
		t.Errorf("demo revisions = %d; want %d", revisions, demoRevisions)
	}
	if diff := cmp.Diff(demoRows, rows); diff != "" {
		t.Errorf("demo current rows by kind (-want +got):\n%s", diff)
	}
	// The months sent in pieces: kab-buru's October attendance is two
	// current files (the tambahan added); kab-maluku-tengah's November is
	// the cumulative copy alone, which replaced the half sent first.
	month := func(agency, p string) (out []string) {
		for _, e := range l.CurrentFor(agency, domain.Kehadiran, domain.MustPeriod(p)) {
			out = append(out, e.File+" "+string(e.Decision))
		}
		return out
	}
	if diff := cmp.Diff([]string{"2025_10_kehadiran.xlsx added", "2025_10_kehadiran_tambahan.xlsx added"}, month("kab-buru", "2025-10")); diff != "" {
		t.Errorf("kab-buru 2025-10 current files (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Kehadiran Pelatihan November 2025 (lengkap).xlsx replaced"}, month("kab-maluku-tengah", "2025-11")); diff != "" {
		t.Errorf("kab-maluku-tengah 2025-11 current files (-want +got):\n%s", diff)
	}
}

// The demo sample's outcome, computed once and pinned: every one of its 423
// uploads is valid (messy layouts, aliases, title rows — but no bad rows;
// bad files live in sample-data/bad); two replace earlier uploads
// (kota-ambon's 2025-09 revisi, kab-maluku-tengah's cumulative 2025-11
// copy) and one is added to its month (kab-buru's 2025-10 tambahan); the
// current uploads hold these rows. Cross-check with `pantau sample --scale
// demo --seed 1`, which reports kehadiran_rows=4309: 4232 current + the 53
// of kota-ambon's replaced 2025-09 upload + the 24 of kab-maluku-tengah's
// replaced first half of 2025-11.
var (
	demoWant      = Summary{Seen: 423, Accepted: 423}
	demoRevisions = 2
	demoRows      = map[string]int{"pegawai": 8362, "kehadiran": 4232, "evaluasi": 14481, "survei": 11462}
)
