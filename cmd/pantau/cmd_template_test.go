package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// templateRef writes a reference workbook with two agencies and their
// service units into the data directory data.
func templateRef(t *testing.T, data string) {
	t.Helper()
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(lake.Dir(data).Reference())
	if err != nil {
		t.Fatal(err)
	}
	err = ingest.WriteReference(f, &domain.Reference{Districts: domain.MalukuDistricts(),
		Agencies: []domain.Agency{
			{Code: "kota-ambon", Name: "Pemerintah Kota Ambon", District: "81.71", Expects: []domain.Kind{domain.Pegawai, domain.Survei}},
			{Code: "prov-maluku", Name: "Pemerintah Provinsi Maluku", District: "81.71"},
		},
		Units: []domain.Unit{
			{Code: "ambon-disdukcapil", Name: "Disdukcapil Kota Ambon", Agency: "kota-ambon", District: "81.71", ServiceTypes: []string{"Akta Kelahiran"}},
			{Code: "maluku-samsat", Name: "SAMSAT Maluku", Agency: "prov-maluku", District: "81.71", ServiceTypes: []string{"Pajak Kendaraan"}},
		}})
	if cerr := f.Close(); err != nil || cerr != nil {
		t.Fatal(err, cerr)
	}
}

// TestTemplateAgency: pantau template survei --agency kota-ambon writes
// kota-ambon's survey template — its code alone in Kode Instansi, its own
// unit in Kode Unit Layanan, instructions without NIP; an agency not in the
// reference is a usage error naming the agencies there are.
func TestTemplateAgency(t *testing.T) {
	tmp := t.TempDir()
	data := filepath.Join(tmp, "data")
	templateRef(t, data)
	out := filepath.Join(tmp, "survei.xlsx")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"--dir", data, "template", "survei", "--agency", "kota-ambon", "--out", out}, &stdout, &stderr); code != exitOK {
		t.Fatalf("template survei --agency kota-ambon: exit %d: %s", code, stderr.String())
	}
	if want := "template survei untuk kota-ambon ditulis: " + out; !strings.Contains(stdout.String(), want) {
		t.Errorf("output %q; want %q", stdout.String(), want)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dvs, err := f.GetDataValidations(ingest.SheetData)
	if err != nil {
		t.Fatal(err)
	}
	header, _ := f.GetRows(ingest.SheetData)
	list := map[string]string{} // header → list formula
	for _, dv := range dvs {
		col, _, _ := excelize.SplitCellName(strings.Split(dv.Sqref, ":")[0])
		n, _ := excelize.ColumnNameToNumber(col)
		if dv.Type == "list" {
			list[header[0][n-1]] = dv.Formula1
		}
	}
	if got := list["Kode Instansi"]; got != `"kota-ambon"` {
		t.Errorf("Kode Instansi list = %q; want kota-ambon alone", got)
	}
	rng := strings.ReplaceAll(strings.TrimPrefix(list["Kode Unit Layanan"], ingest.SheetDaftar+"!"), "$", "")
	cells, _ := f.GetRows(ingest.SheetDaftar, excelize.Options{RawCellValue: true})
	var units []string
	if from, _, ok := strings.Cut(rng, ":"); ok {
		c, r, _ := excelize.CellNameToCoordinates(from)
		for _, row := range cells[r-1:] {
			if c-1 < len(row) && row[c-1] != "" {
				units = append(units, row[c-1])
			}
		}
	}
	if strings.Join(units, ",") != "ambon-disdukcapil" {
		t.Errorf("Kode Unit Layanan list %s offers %q; want kota-ambon's unit alone", list["Kode Unit Layanan"], units)
	}
	rows, _ := f.GetRows(ingest.SheetPetunjuk)
	var text strings.Builder
	for _, r := range rows {
		text.WriteString(strings.Join(r, " ") + "\n")
	}
	if strings.Contains(strings.ToUpper(text.String()), "NIP") || !strings.Contains(text.String(), "survei_2026-10.xlsx") {
		t.Errorf("survey instructions speak of NIP or lack survei_2026-10.xlsx:\n%s", text.String())
	}

	stdout.Reset()
	stderr.Reset()
	if code := run(context.Background(), []string{"--dir", data, "template", "survei", "--agency", "kab-entah", "--out", filepath.Join(tmp, "x.xlsx")}, &stdout, &stderr); code != exitUsage {
		t.Errorf("template --agency kab-entah: exit %d; want %d", code, exitUsage)
	}
	for _, want := range []string{`unknown agency "kab-entah"`, "kota-ambon, prov-maluku"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("template --agency kab-entah: stderr %q lacks %q", stderr.String(), want)
		}
	}
	if _, err := os.Stat(filepath.Join(tmp, "x.xlsx")); !os.IsNotExist(err) {
		t.Errorf("template --agency kab-entah wrote a file (%v)", err)
	}
}

// TestInitKeepsTemplates: pantau init leaves each agency's templates in
// outbox/<agency>/template/, for the kinds it must send (all four when the
// reference names none); a second init rewrites none of them.
func TestInitKeepsTemplates(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	templateRef(t, data)
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"--dir", data, "init"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("init: exit %d: %s", code, stderr.String())
	}
	list := func() map[string]int64 {
		paths, _ := filepath.Glob(filepath.Join(data, "outbox", "*", "template", "*.xlsx"))
		out := map[string]int64{}
		for _, p := range paths {
			info, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(data, p)
			out[rel] = info.ModTime().UnixNano()
		}
		return out
	}
	first := list()
	var names []string
	for n := range first {
		names = append(names, n)
	}
	sort.Strings(names)
	want := []string{
		"outbox/kota-ambon/template/template-pegawai.xlsx", "outbox/kota-ambon/template/template-survei.xlsx",
		"outbox/prov-maluku/template/template-evaluasi.xlsx", "outbox/prov-maluku/template/template-kehadiran.xlsx",
		"outbox/prov-maluku/template/template-pegawai.xlsx", "outbox/prov-maluku/template/template-survei.xlsx",
	}
	if strings.Join(names, "\n") != strings.Join(want, "\n") {
		t.Errorf("init left templates\n%s\nwant\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(stdout.String(), "2 instansi: 6 ditulis") {
		t.Errorf("init output does not say what it wrote:\n%s", stdout.String())
	}
	stdout.Reset()
	if code := run(context.Background(), []string{"--dir", data, "init"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("second init: exit %d: %s", code, stderr.String())
	}
	for rel, m := range list() {
		if first[rel] != m {
			t.Errorf("second init rewrote %s", rel)
		}
	}
	if !strings.Contains(stdout.String(), "0 ditulis, 6 sudah terbaru") {
		t.Errorf("second init output:\n%s", stdout.String())
	}
}
