package lake

import (
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSweepTemps: the temp files and folders of writers that are gone
// (plain files nobody locks, as a SIGKILLed writer leaves them) are removed
// anywhere in the data directory but the inbox; a WriteWith still writing
// and a TempDir still in use are left alone and finish unharmed.
func TestSweepTemps(t *testing.T) {
	d := Dir(t.TempDir())
	dead := []string{
		filepath.Join("outbox", "kota-ambon", TempPrefix+"belum-capai-20jp-2025-03.xlsx-123"),
		filepath.Join("outbox", "kota-ambon", TempPrefix+"kehadiran.receipt.xlsx-9"),
		filepath.Join("reports", "2025-03", TempPrefix+"laporan-2025-03.html-1"),
		filepath.Join("reports", "2025-03", "data", TempPrefix+"coverage_district.csv-2"),
		filepath.Join("reports", TempPrefix+"index.html-3"),
		filepath.Join("state", TempPrefix+"reports.json-4"),
		filepath.Join("archive", "kota-ambon", TempPrefix+"x-5"),
		TempPrefix + "pantau.toml-6",
		filepath.Join("lake", "kehadiran", "period=2025-03", "agency=kota-ambon", TempPrefix+"0123.parquet-7"),
	}
	deadDirs := []string{
		filepath.Join("state", TempPrefix+"duckdb-8"),
		filepath.Join("lake", "compact", "kehadiran", TempPrefix+"2025-03-abc.parquet-9"),
	}
	kept := []string{
		filepath.Join("inbox", "kota-ambon", TempPrefix+"kehadiran.xlsx"), // the agency's own
		filepath.Join("outbox", "kota-ambon", "kehadiran.receipt.xlsx"),
		filepath.Join("reports", "2025-03", "laporan-2025-03.html"),
	}
	for _, f := range append(append(dead, kept...), filepath.Join(deadDirs[0], "spill.tmp"), filepath.Join(deadDirs[1], "2025-03-abc.parquet")) {
		if err := os.MkdirAll(filepath.Dir(d.Abs(f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(d.Abs(f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A report writing its HTML right now, and a session's scratch folder.
	live := d.Abs(filepath.Join("reports", "2025-04", "laporan-2025-04.html"))
	writing, resume, wrote := make(chan struct{}), make(chan struct{}), make(chan error)
	go func() {
		wrote <- WriteWith(live, 0o644, func(w io.Writer) error {
			io.WriteString(w, "<html>")
			close(writing)
			<-resume
			_, err := io.WriteString(w, "</html>")
			return err
		})
	}()
	<-writing
	scratch, err := MkdirTemp(d.State(), "duckdb")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(scratch.Path, "spill"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}

	removed, err := d.SweepTemps()
	if err != nil {
		t.Errorf("SweepTemps: %v", err)
	}
	want := append(append([]string(nil), dead...), deadDirs...)
	sort.Strings(want)
	sort.Strings(removed)
	if diff := cmp.Diff(want, removed); diff != "" {
		t.Errorf("SweepTemps removed (-want +got):\n%s", diff)
	}
	for _, f := range append(want, deadDirs...) {
		if _, err := os.Lstat(d.Abs(f)); err == nil {
			t.Errorf("%s still there", f)
		}
	}
	for _, f := range kept {
		if _, err := os.Stat(d.Abs(f)); err != nil {
			t.Errorf("SweepTemps removed %s, which is not a leftover: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(scratch.Path, "spill")); err != nil {
		t.Errorf("scratch folder in use was swept: %v", err)
	}
	close(resume)
	if err := <-wrote; err != nil {
		t.Errorf("WriteWith during a sweep = %v; want nil", err)
	}
	if b, err := os.ReadFile(live); err != nil || string(b) != "<html></html>" {
		t.Errorf("file written during a sweep = %q, %v; want it whole", b, err)
	}
	// Once released, the scratch folder is gone and nothing is left to sweep.
	if err := scratch.Remove(); err != nil {
		t.Fatal(err)
	}
	if removed, err := d.SweepTemps(); len(removed) != 0 || err != nil {
		t.Errorf("second SweepTemps = %q, %v; want nothing", removed, err)
	}
}
