package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// TemplateName is the file name of kind k's template in an agency's
// template folder (lake.Dir.TemplatesOf): template-<kind>.xlsx.
func TemplateName(k domain.Kind) string { return "template-" + string(k) + ".xlsx" }

// templateAdvice ends a message about a file that is not one of the kinds:
// where the agency finds the templates (their own, when agency is known).
func templateAdvice(agency string) string {
	if agency == "" || !domain.ValidAgencyCode(agency) {
		agency = "<kode-instansi>"
	}
	return "Gunakan template dari BKN di folder outbox/" + agency + "/template/ (mis. " + TemplateName(domain.Pegawai) + ")."
}

// TemplateChanges is what KeepTemplates did.
type TemplateChanges struct {
	Written   []string // templates written: new, or their content changed
	Removed   []string // templates of kinds an agency no longer submits
	Unchanged int      // templates already current
}

// KeepTemplates keeps each agency's current templates where it already
// looks for its receipts: outbox/<agency>/template/template-<kind>.xlsx
// (WriteAgencyTemplate), one for each kind the agency must submit (its
// Expects in ref; all four when it names none). agencies limits this to
// those codes (one not in ref is an error wrapping ErrUnknownAgency); none
// means every agency of ref.
//
// A template is written, atomically, only when its content would change,
// so a run with nothing new rewrites nothing; the templates of kinds an
// agency no longer submits are removed. Other files in the folder, and the
// folders of agencies gone from ref, are left alone. state/templates.json
// remembers what each file was made from (the template code's fingerprint
// and the agency's reference data) and its size and time, so an unchanged
// template is not even regenerated; a file changed by hand, or a missing
// state, means regenerating and comparing byte for byte. One agency's
// failure (its folder unwritable) does not stop the others: the error
// joins them all.
func KeepTemplates(dir lake.Dir, ref *domain.Reference, agencies ...string) (TemplateChanges, error) {
	var ch TemplateChanges
	if ref == nil {
		ref = DefaultReference()
	}
	list := ref.Agencies
	if len(agencies) > 0 {
		list = nil
		for _, code := range agencies {
			a, ok := ref.Agency(code)
			if !ok {
				return ch, fmt.Errorf("keep templates of %q: %w", code, ErrUnknownAgency)
			}
			list = append(list, a)
		}
	}
	if len(list) == 0 {
		return ch, nil
	}
	fp, err := templateFingerprint()
	if err != nil {
		return ch, fmt.Errorf("keep templates: %w", err)
	}
	st := loadTemplateState(dir)
	changed := false
	var errs []error
	for _, a := range list {
		if !domain.ValidAgencyCode(a.Code) { // never build a path from a code that could leave outbox/
			errs = append(errs, fmt.Errorf("keep templates of %q: not a valid agency code", a.Code))
			continue
		}
		var units []domain.Unit
		for _, u := range ref.Units {
			if u.Agency == a.Code {
				units = append(units, u)
			}
		}
		for _, k := range domain.Kinds {
			path := filepath.Join(dir.TemplatesOf(a.Code), TemplateName(k))
			rel, _ := filepath.Rel(dir.Root(), path)
			if len(a.Expects) > 0 && !a.ExpectsKind(k) {
				switch err := os.Remove(path); {
				case err == nil:
					ch.Removed = append(ch.Removed, path)
				case !errors.Is(err, fs.ErrNotExist):
					errs = append(errs, fmt.Errorf("keep templates: %w", err))
				}
				if _, ok := st.Files[rel]; ok {
					delete(st.Files, rel)
					changed = true
				}
				continue
			}
			key := templateKey(fp, k, a, units, ref.Districts)
			info, statErr := os.Stat(path)
			if prev, ok := st.Files[rel]; ok && statErr == nil && prev.same(key, info) {
				ch.Unchanged++
				continue
			}
			var buf bytes.Buffer
			if err := WriteAgencyTemplate(&buf, k, ref, a.Code); err != nil {
				errs = append(errs, err)
				continue
			}
			wrote := false
			if old, err := os.ReadFile(path); err != nil || !bytes.Equal(old, buf.Bytes()) {
				if err := lake.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					errs = append(errs, fmt.Errorf("keep template %s: %w", path, err))
					continue
				}
				wrote = true
			}
			if info, err = os.Stat(path); err != nil {
				errs = append(errs, fmt.Errorf("keep template %s: %w", path, err))
				continue
			}
			if wrote {
				ch.Written = append(ch.Written, path)
			} else {
				ch.Unchanged++
			}
			st.Files[rel] = templateFile{Key: key, Size: info.Size(), ModTime: info.ModTime().UnixNano()}
			changed = true
		}
	}
	if changed {
		if err := saveTemplateState(dir, st); err != nil {
			errs = append(errs, err) // only a cache: the next call compares bytes
		}
	}
	return ch, errors.Join(errs...)
}

// keepTemplates is KeepTemplates at the end of an ingest run: what it did
// and any failure are logged, never returned, and it cannot crash the run.
func keepTemplates(dir lake.Dir, ref *domain.Reference, log *slog.Logger) {
	defer func() {
		if p := recover(); p != nil {
			log.Error("agency templates not kept current: panic", "panic", fmt.Sprint(p))
		}
	}()
	ch, err := KeepTemplates(dir, ref)
	if len(ch.Written)+len(ch.Removed) > 0 {
		log.Info("agency templates updated", "written", len(ch.Written), "removed", len(ch.Removed), "unchanged", ch.Unchanged)
	}
	if err != nil {
		log.Warn("agency templates not all kept current; the next run tries again", "err", err)
	}
}

// templateState is state/templates.json: what each kept template was made
// from. It is only a cache.
type templateState struct {
	Files map[string]templateFile `json:"files"` // by path relative to the data directory
}

type templateFile struct {
	Key     string `json:"key"` // templateKey of its content
	Size    int64  `json:"size"`
	ModTime int64  `json:"mtime_ns"`
}

func (f templateFile) same(key string, info fs.FileInfo) bool {
	return f.Key == key && f.Size == info.Size() && f.ModTime == info.ModTime().UnixNano()
}

func templateStatePath(dir lake.Dir) string { return filepath.Join(dir.State(), "templates.json") }

func loadTemplateState(dir lake.Dir) templateState {
	st := templateState{Files: map[string]templateFile{}}
	b, err := os.ReadFile(templateStatePath(dir))
	if err != nil {
		return st
	}
	if json.Unmarshal(b, &st) != nil || st.Files == nil {
		return templateState{Files: map[string]templateFile{}}
	}
	return st
}

func saveTemplateState(dir lake.Dir, st templateState) error {
	b, err := json.MarshalIndent(st, "", " ")
	if err != nil {
		return err
	}
	return lake.WriteFile(templateStatePath(dir), b, 0o644)
}

// templateKey digests everything an agency's template of kind k is made
// from: the template code (fp), the agency, its units and the districts.
func templateKey(fp string, k domain.Kind, a domain.Agency, units []domain.Unit, districts []domain.District) string {
	b, _ := json.Marshal(struct {
		Code      string
		Kind      domain.Kind
		Agency    domain.Agency
		Units     []domain.Unit
		Districts []domain.District
	}{fp, k, a, units, districts})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// templateFingerprint digests the templates of a fixed probe agency, one
// of each kind: a change to the schemas, to the template code or to
// excelize changes it, and so every key, without a version number to bump.
func templateFingerprint() (string, error) {
	ref := DefaultReference()
	ref.Agencies = []domain.Agency{{Code: "probe", Name: "Probe", District: "81.71"}}
	ref.Units = []domain.Unit{
		{Code: "probe-1", Name: "Probe Satu", Agency: "probe", District: "81.71", ServiceTypes: []string{"Akta Kelahiran", "KTP-el"}},
		{Code: "probe-2", Name: "Probe, Dua", Agency: "probe", District: "81.04"},
	}
	h := sha256.New()
	for _, k := range domain.Kinds {
		if err := WriteAgencyTemplate(h, k, ref, "probe"); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
