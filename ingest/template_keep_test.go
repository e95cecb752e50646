package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// keptFiles is every file under outbox/*/template/ with its bytes and
// modification time.
type keptFile struct {
	data  string
	mtime time.Time
}

func keptFiles(t *testing.T, dir lake.Dir) map[string]keptFile {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir.Root(), "outbox", "*", "template", "*"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]keptFile{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir.Root(), p)
		out[rel] = keptFile{string(b), info.ModTime()}
	}
	return out
}

func rels(t *testing.T, dir lake.Dir, paths []string) []string {
	t.Helper()
	out := []string{}
	for _, p := range paths {
		rel, err := filepath.Rel(dir.Root(), p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rel)
	}
	sort.Strings(out)
	return out
}

// TestKeepTemplates: the first call writes each agency's templates of the
// kinds it submits; a second rewrites nothing, and neither does one without
// the state file (the bytes are compared: excelize writes no timestamp); a
// reference change rewrites only the templates it changes; a kind no
// longer submitted loses its template; a template edited by hand is put
// back; one agency's unwritable folder does not stop the others.
func TestKeepTemplates(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	ref := agencyRef()
	all := []string{
		"outbox/kota-ambon/template/template-evaluasi.xlsx", "outbox/kota-ambon/template/template-kehadiran.xlsx",
		"outbox/kota-ambon/template/template-pegawai.xlsx", "outbox/kota-ambon/template/template-survei.xlsx",
		"outbox/prov-maluku/template/template-survei.xlsx",
	}
	keep := func(ref *domain.Reference, wantWritten, wantRemoved []string, wantUnchanged int) {
		t.Helper()
		ch, err := KeepTemplates(dir, ref)
		if err != nil {
			t.Fatalf("KeepTemplates: %v", err)
		}
		if diff := cmp.Diff(wantWritten, rels(t, dir, ch.Written)); diff != "" {
			t.Errorf("written (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(wantRemoved, rels(t, dir, ch.Removed)); diff != "" {
			t.Errorf("removed (-want +got):\n%s", diff)
		}
		if ch.Unchanged != wantUnchanged {
			t.Errorf("%d unchanged; want %d", ch.Unchanged, wantUnchanged)
		}
	}
	keep(ref, all, []string{}, 0)
	first := keptFiles(t, dir)
	if len(first) != len(all) {
		t.Fatalf("kept %d files; want %d", len(first), len(all))
	}
	for rel := range first {
		info, _ := os.Stat(dir.Abs(rel))
		if info.Mode().Perm() != 0o644 {
			t.Errorf("%s mode %v; want 0644 like the receipts", rel, info.Mode().Perm())
		}
	}
	unchanged := func(what string) {
		t.Helper()
		if diff := cmp.Diff(first, keptFiles(t, dir), cmp.AllowUnexported(keptFile{})); diff != "" {
			t.Errorf("%s: templates changed:\n%.2000s", what, diff)
		}
	}

	keep(ref, []string{}, []string{}, 5)
	unchanged("second call")
	if err := os.Remove(templateStatePath(dir)); err != nil {
		t.Fatal(err)
	}
	keep(ref, []string{}, []string{}, 5)
	unchanged("call without state/templates.json")

	// A template edited by hand (an agency saved its data into it) is put back.
	edited := dir.Abs(all[2])
	if err := os.WriteFile(edited, []byte("data saved over the template"), 0o644); err != nil {
		t.Fatal(err)
	}
	keep(ref, []string{all[2]}, []string{}, 4)
	if b, _ := os.ReadFile(edited); string(b) != first[all[2]].data {
		t.Error("the edited template was not put back as it was")
	}

	// A new unit of kota-ambon changes its roster and survey templates (unit
	// dropdowns); its attendance and evaluation templates name no unit.
	ref2 := agencyRef()
	ref2.Units = append(ref2.Units, domain.Unit{Code: "ambon-rsud", Name: "RSUD Kota Ambon", Agency: "kota-ambon", District: "81.71"})
	keep(ref2, []string{all[2], all[3]}, []string{}, 3)

	// prov-maluku now submits its roster instead of the survey.
	ref3 := agencyRef()
	ref3.Units = ref2.Units
	ref3.Agencies[1].Expects = []domain.Kind{domain.Pegawai}
	keep(ref3, []string{"outbox/prov-maluku/template/template-pegawai.xlsx"}, []string{"outbox/prov-maluku/template/template-survei.xlsx"}, 4)
	if _, err := os.Stat(dir.Abs("outbox/prov-maluku/template/template-survei.xlsx")); !os.IsNotExist(err) {
		t.Errorf("template-survei.xlsx of prov-maluku still there (%v)", err)
	}

	// One agency only; an unknown one is an error.
	if ch, err := KeepTemplates(dir, ref3, "prov-maluku"); err != nil || ch.Unchanged != 1 || len(ch.Written) != 0 {
		t.Errorf("KeepTemplates(prov-maluku) = %+v, %v; want its one template unchanged", ch, err)
	}
	if _, err := KeepTemplates(dir, ref3, "kab-entah"); !errors.Is(err, ErrUnknownAgency) {
		t.Errorf("KeepTemplates(kab-entah) = %v; want ErrUnknownAgency", err)
	}

	// kota-ambon's outbox cannot be written (a file where the folder should
	// be, which stops root too): prov-maluku's templates are still kept.
	dir2 := lake.Dir(t.TempDir())
	if err := os.MkdirAll(filepath.Join(dir2.Root(), "outbox"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir2.OutboxOf("kota-ambon"), []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	ch, err := KeepTemplates(dir2, ref)
	if err == nil || !strings.Contains(err.Error(), "kota-ambon") {
		t.Errorf("KeepTemplates with kota-ambon's outbox blocked: err %v; want it named", err)
	}
	if got := rels(t, dir2, ch.Written); !cmp.Equal(got, []string{"outbox/prov-maluku/template/template-survei.xlsx"}) {
		t.Errorf("written with kota-ambon blocked: %v; want prov-maluku's template", got)
	}
}
