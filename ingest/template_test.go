package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// TestTemplateFilledIn fills each kind's generic template as a person would
// (typing from row 2, picking from dropdowns, typing dates as dates) and
// reads it back; left untouched, a template holds no data row.
func TestTemplateFilledIn(t *testing.T) {
	ref := DefaultReference()
	ref.Agencies = []domain.Agency{{Code: "kota-ambon", Name: "Pemerintah Kota Ambon", District: "81.71"}}
	ref.Units = []domain.Unit{{Code: "ambon-disdukcapil", Name: "Disdukcapil Kota Ambon", Agency: "kota-ambon", District: "81.71"}}
	oct := time.Date(2026, 10, 12, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		kind domain.Kind
		rows []map[string]any // header → value; nil values left blank
		want []map[string]any
	}{
		{domain.Pegawai, []map[string]any{
			{"NIP": "198609262015051001", "Nama": "Maria", "Jenis ASN": "PNS", "Jenis Kelamin": "P", "Kode Instansi": "kota-ambon", "Unit Kerja": "Disdukcapil",
				"Kode Unit Layanan": "ambon-disdukcapil", "Kabupaten/Kota": "Kota Ambon", "Jabatan": "Analis", "Golongan": "III/b", "Status": "Aktif"},
			{"NIP": "199001012021212001", "Nama": "Budi", "Jenis ASN": "", "Jenis Kelamin": "L", "Kode Instansi": "", "Unit Kerja": "Dinas Kesehatan",
				"Kode Unit Layanan": "", "Kabupaten/Kota": "Kabupaten Buru", "Jabatan": "", "Golongan": "IX", "Status": ""},
		}, []map[string]any{
			{"nip": "198609262015051001", "nama": "Maria", "jenis_asn": "PNS", "jenis_kelamin": "P", "unit_kerja": "Disdukcapil", "unit_layanan": "ambon-disdukcapil",
				"district_code": "81.71", "jabatan": "Analis", "golongan": "III/b", "status": "Aktif", "source_row": 2},
			{"nip": "199001012021212001", "nama": "Budi", "jenis_asn": "PPPK", "jenis_kelamin": "L", "unit_kerja": "Dinas Kesehatan",
				"district_code": "81.04", "golongan": "IX", "status": "Aktif", "source_row": 3},
		}},
		{domain.Kehadiran, []map[string]any{
			{"NIP": "198609262015051001", "Nama": "Maria", "Kode Instansi": "kota-ambon", "Nama Pelatihan": "Pelayanan Prima", "Jenis Pengembangan": "Bimbingan Teknis",
				"Kategori": "Pelayanan Publik", "Penyelenggara": "BPSDM", "Tanggal Mulai": oct, "Tanggal Selesai": oct.AddDate(0, 0, 2), "JP": 24,
				"Status Kehadiran": "Hadir", "Mode": "Daring", "Lokasi": ""},
		}, []map[string]any{
			{"nip": "198609262015051001", "nama": "Maria", "nama_pelatihan": "Pelayanan Prima", "jenis_pengembangan": "Bimbingan Teknis", "bentuk": "klasikal",
				"kategori": "Pelayanan Publik", "penyelenggara": "BPSDM", "tanggal_mulai": "2026-10-12", "tanggal_selesai": "2026-10-14", "jp": 24.0,
				"status_kehadiran": "Hadir", "mode": "Daring", "source_row": 2},
		}},
		{domain.Evaluasi, []map[string]any{
			{"NIP": "198609262015051001", "Nama": "Maria", "Kode Instansi": "", "Periode Penilaian": "2026-10", "Rating Hasil Kerja": "Di Bawah Ekspektasi",
				"Rating Perilaku": "Sesuai Ekspektasi", "Predikat": "", "NIP Penilai": "", "Tindak Lanjut": "Pelatihan"},
		}, []map[string]any{
			{"nip": "198609262015051001", "nama": "Maria", "periode_penilaian": "Oktober 2026", "jenis_periode": "bulanan", "periode_mulai": "2026-10-01",
				"periode_selesai": "2026-10-31", "rating_hasil_kerja": "Di Bawah Ekspektasi", "rating_perilaku": "Sesuai Ekspektasi",
				"predikat": "Butuh Perbaikan", "tindak_lanjut": "Pelatihan", "source_row": 2},
		}},
		{domain.Survei, []map[string]any{
			{"Tanggal": oct, "Kode Instansi": "", "Kode Unit Layanan": "ambon-disdukcapil", "Unit Layanan": "", "Jenis Layanan": "Akta Kelahiran", "Usia": 34,
				"Jenis Kelamin": "P", "Pendidikan": "S1", "Pekerjaan": "Swasta", "U1 Persyaratan": "4", "U2 Sistem, Mekanisme dan Prosedur": "3",
				"U3 Waktu Penyelesaian": "3", "U4 Biaya/Tarif": "4", "U5 Produk Spesifikasi Jenis Pelayanan": "3", "U6 Kompetensi Pelaksana": "3",
				"U7 Perilaku Pelaksana": "4", "U8 Sarana dan Prasarana": "", "U9 Penanganan Pengaduan, Saran dan Masukan": "2", "Saran": ""},
		}, []map[string]any{
			{"tanggal": "2026-10-12", "unit_code": "ambon-disdukcapil", "jenis_layanan": "Akta Kelahiran", "usia": 34, "jenis_kelamin": "P",
				"pendidikan": "S1", "pekerjaan": "Swasta", "u1": 4, "u2": 3, "u3": 3, "u4": 4, "u5": 3, "u6": 3, "u7": 4, "u9": 2, "source_row": 2},
		}},
	}
	for _, k := range domain.Kinds {
		t.Run(string(k)+"/untouched", func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteTemplate(&buf, k, ref); err != nil {
				t.Fatal(err)
			}
			opts := DefaultOptions()
			opts.FileName, opts.Reference = string(k)+"_2026-10.xlsx", ref
			u := Read(&buf, opts)
			if u.Status != lake.Rejected || u.Err == nil || !errors.Is(u.Err, ErrEmpty) {
				t.Errorf("template as is: status %s, err %v; want rejected as empty (the example is not in the data area)", u.Status, u.Err)
			}
		})
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteTemplate(&buf, tt.kind, ref); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			header, err := f.GetRows(SheetData)
			if err != nil || len(header) != 1 {
				t.Fatalf("template rows %v, %v; want the header alone", header, err)
			}
			if st, _ := f.GetColStyle(SheetData, "A"); tt.kind != domain.Survei {
				if s, err := f.GetStyle(st); err != nil || s.NumFmt != 49 {
					t.Errorf("NIP column A style = %+v, %v; want number format 49 (@, text)", s, err)
				}
			}
			dvs, _ := f.GetDataValidations(SheetData)
			if len(dvs) != len(SchemaOf(tt.kind).Columns) {
				t.Errorf("%d data validations; want one per column (%d)", len(dvs), len(SchemaOf(tt.kind).Columns))
			}
			for r, row := range tt.rows {
				for c, h := range header[0] {
					cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
					switch v := row[h].(type) {
					case string:
						err = f.SetCellStr(SheetData, cell, v) // typed
					case time.Time:
						err = f.SetCellValue(SheetData, cell, v) // a real date cell
					case nil:
						t.Fatalf("test row lacks column %q", h)
					default:
						err = f.SetCellValue(SheetData, cell, v)
					}
					if err != nil {
						t.Fatal(err)
					}
				}
			}
			var out bytes.Buffer
			if _, err := f.WriteTo(&out); err != nil {
				t.Fatal(err)
			}
			f.Close()
			opts := DefaultOptions()
			opts.Agency, opts.Reference, opts.UploadID, opts.FileName = "kota-ambon", ref, "u", string(tt.kind)+"_2026-10.xlsx"
			u := Read(&out, opts)
			if u.Err != nil {
				t.Fatalf("Read: %v: %s", u.Err, u.Err.Message)
			}
			if u.Status != lake.Accepted || u.Kind != tt.kind || u.Sheet != SheetData {
				t.Errorf("status %s kind %s sheet %s; problems %v", u.Status, u.Kind, u.Sheet, u.Problems)
			}
			if diff := cmp.Diff(tt.want, records(u.Record)); diff != "" {
				t.Errorf("records (-want +got):\n%s", diff)
			}
			if u.Record != nil {
				u.Record.Release()
			}
		})
	}
}

// agencyRef is the reference data of the per-agency template tests: two
// agencies, each with its own service units; prov-maluku submits only the
// survey.
func agencyRef() *domain.Reference {
	ref := DefaultReference()
	ref.Agencies = []domain.Agency{
		{Code: "kota-ambon", Name: "Pemerintah Kota Ambon", District: "81.71"},
		{Code: "prov-maluku", Name: "Pemerintah Provinsi Maluku", District: "81.71", Expects: []domain.Kind{domain.Survei}},
	}
	ref.Units = []domain.Unit{
		{Code: "ambon-disdukcapil", Name: "Disdukcapil Kota Ambon", Agency: "kota-ambon", District: "81.71", ServiceTypes: []string{"Akta Kelahiran", "KTP-el"}},
		{Code: "ambon-dpmptsp", Name: "DPMPTSP Kota Ambon", Agency: "kota-ambon", District: "81.71", ServiceTypes: []string{"Izin Usaha"}},
		{Code: "maluku-samsat", Name: "SAMSAT Maluku", Agency: "prov-maluku", District: "81.71", ServiceTypes: []string{"Pajak Kendaraan"}},
	}
	return ref
}

// templateExamples reads the Petunjuk sheet's column table back: column
// name → its example, as an agency reads it.
func templateExamples(t *testing.T, f *excelize.File) map[string]string {
	t.Helper()
	rows, err := f.GetRows(SheetPetunjuk)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	in := false
	for _, r := range rows {
		switch {
		case len(r) >= 3 && r[0] == "Kolom" && r[2] == "Contoh":
			in = true
		case in && len(r) == 0:
			return out
		case in:
			ex := ""
			if len(r) >= 3 {
				ex = r[2]
			}
			out[r[0]] = ex
		}
	}
	if !in {
		t.Fatal("Petunjuk has no column table (Kolom, Wajib, Contoh, …)")
	}
	return out
}

// petunjukText is the whole Petunjuk sheet as text.
func petunjukText(t *testing.T, f *excelize.File) string {
	t.Helper()
	rows, err := f.GetRows(SheetPetunjuk)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, " | ") + "\n")
	}
	return b.String()
}

// TestAgencyTemplateFilledIn: kota-ambon's template of each kind, filled
// in with one row as the agency would — the template's own examples, the
// person's NIP and name (or, in the survey, the respondent's age) its own —
// saved into its inbox and ingested: every file is accepted as kota-ambon's,
// of its kind, for October 2026. That proves the examples valid (codes that
// exist, an 18-digit NIP, dates and evaluation period in the month the file
// is named for). The example copied in unchanged is still spotted as the
// example, and the run leaves each agency's templates in its outbox.
func TestAgencyTemplateFilledIn(t *testing.T) {
	ref := agencyRef()
	dir := lake.Dir(t.TempDir())
	if err := lake.WriteWith(dir.Reference(), 0o644, func(w io.Writer) error { return WriteReference(w, ref) }); err != nil {
		t.Fatal(err)
	}
	own := map[domain.Kind]map[string]string{
		domain.Pegawai:   {"NIP": "199001012021212001", "Nama": "Budi Souisa", "Jenis ASN": "PPPK", "Golongan": "IX"},
		domain.Kehadiran: {"NIP": "199001012021212001", "Nama": "Budi Souisa"},
		domain.Evaluasi:  {"NIP": "199001012021212001", "Nama": "Budi Souisa"},
		domain.Survei:    {"Usia": "51"},
	}
	drop := time.Date(2026, 11, 3, 9, 0, 0, 0, domain.WIT)
	for _, k := range domain.Kinds {
		var buf bytes.Buffer
		if err := WriteAgencyTemplate(&buf, k, ref, "kota-ambon"); err != nil {
			t.Fatal(err)
		}
		for _, verbatim := range []bool{false, true} {
			f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			ex := templateExamples(t, f)
			for i, c := range SchemaOf(k).Columns {
				v, ok := ex[c.Name]
				if !ok {
					t.Fatalf("%s: Petunjuk lists no example row for column %q", k, c.Name)
				}
				if o, ok := own[k][c.Name]; ok && !verbatim {
					v = o
				}
				cell, _ := excelize.CoordinatesToCellName(i+1, 2)
				if err := f.SetCellStr(SheetData, cell, v); err != nil {
					t.Fatal(err)
				}
			}
			if verbatim {
				var out bytes.Buffer
				if _, err := f.WriteTo(&out); err != nil {
					t.Fatal(err)
				}
				opts := DefaultOptions()
				opts.Agency, opts.Reference, opts.FileName = "kota-ambon", ref, string(k)+"_2026-10.xlsx"
				if u := Read(&out, opts); len(u.Problems) != 1 || !errors.Is(u.Problems[0], ErrExample) {
					t.Errorf("%s: the example copied in unchanged: status %s, err %v, problems %v; want it spotted as the example", k, u.Status, u.Err, u.Problems)
				}
			} else {
				path := filepath.Join(dir.InboxOf("kota-ambon"), string(k)+"_2026-10.xlsx")
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := f.SaveAs(path); err != nil {
					t.Fatal(err)
				}
				if err := os.Chtimes(path, drop, drop); err != nil {
					t.Fatal(err)
				}
			}
			f.Close()
		}
	}
	sum, err := Run(context.Background(), dir, DefaultConfig(), drop.Add(24*time.Hour), discardLog())
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if sum.Accepted != 4 {
		t.Errorf("Run: %+v; want the 4 filled templates accepted", sum)
	}
	got := map[domain.Kind]lake.Entry{}
	for _, e := range ledgerOf(t, dir).Entries {
		got[e.Kind] = e
	}
	for _, k := range domain.Kinds {
		e := got[k]
		if e.Agency != "kota-ambon" || e.Kind != k || e.Period != "2026-10" || e.Status != lake.Accepted || e.RowsAccepted != 1 {
			t.Errorf("%s: ledger entry agency %q kind %q period %q status %s rows %d/%d (%s); want kota-ambon's %s of 2026-10 accepted, 1 row",
				k, e.Agency, e.Kind, e.Period, e.Status, e.RowsAccepted, e.RowsRead, e.Reason, k)
		}
	}
	want := []string{
		"outbox/kota-ambon/template/template-evaluasi.xlsx", "outbox/kota-ambon/template/template-kehadiran.xlsx",
		"outbox/kota-ambon/template/template-pegawai.xlsx", "outbox/kota-ambon/template/template-survei.xlsx",
		"outbox/prov-maluku/template/template-survei.xlsx",
	}
	var kept []string
	for _, p := range files(t, dir, "outbox") {
		if strings.Contains(p, "/template/") {
			kept = append(kept, p)
		}
	}
	if diff := cmp.Diff(want, kept); diff != "" {
		t.Errorf("templates in outbox after Run (-want +got):\n%s", diff)
	}
}

// listValues is what a list validation offers: its inline values, or the
// cells of the range it names.
func listValues(t *testing.T, f *excelize.File, dv *excelize.DataValidation) []string {
	t.Helper()
	if dv.Type != "list" {
		t.Fatalf("validation of %s is %q, not a list", dv.Sqref, dv.Type)
	}
	if strings.HasPrefix(dv.Formula1, `"`) {
		return strings.Split(strings.Trim(dv.Formula1, `"`), ",")
	}
	sheet, rng, ok := strings.Cut(dv.Formula1, "!")
	if !ok {
		t.Fatalf("list of %s = %q: neither inline nor a range", dv.Sqref, dv.Formula1)
	}
	from, to, _ := strings.Cut(strings.ReplaceAll(rng, "$", ""), ":")
	c1, r1, err1 := excelize.CellNameToCoordinates(from)
	c2, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil || c1 != c2 {
		t.Fatalf("list of %s = %q: not one column", dv.Sqref, dv.Formula1)
	}
	var out []string
	for r := r1; r <= r2; r++ {
		cell, _ := excelize.CoordinatesToCellName(c1, r)
		v, err := f.GetCellValue(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// TestAgencyTemplateValidations reads each kind's validations back: one per
// column, on its rows; the agency's code alone, its own units, its units'
// names and services (never another agency's), every district, each enum
// as the schema lists it; NIP as 18-character text in a wide text column;
// dates as dates; JP, age and answers in range.
func TestAgencyTemplateValidations(t *testing.T) {
	ref := agencyRef()
	districts := make([]string, len(ref.Districts))
	for i, d := range ref.Districts {
		districts[i] = d.Name
	}
	for _, k := range domain.Kinds {
		t.Run(string(k), func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteAgencyTemplate(&buf, k, ref, "kota-ambon"); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			dvs, err := f.GetDataValidations(SheetData)
			if err != nil {
				t.Fatal(err)
			}
			s := SchemaOf(k)
			byCol := map[string]*excelize.DataValidation{}
			for _, dv := range dvs {
				col := strings.TrimRight(strings.Split(dv.Sqref, ":")[0], "0123456789")
				if want := fmt.Sprintf("%s2:%s%d", col, col, templateRows+1); dv.Sqref != want {
					t.Errorf("validation on %s; want rows 2..%d of one column (%s)", dv.Sqref, templateRows+1, want)
				}
				byCol[col] = dv
			}
			if len(byCol) != len(s.Columns) {
				t.Errorf("%d columns validated; want all %d", len(byCol), len(s.Columns))
			}
			if vis, _ := f.GetSheetVisible(SheetDaftar); vis {
				t.Errorf("sheet %s is visible; want it hidden", SheetDaftar)
			}
			for i := range s.Columns {
				c := &s.Columns[i]
				col, _ := excelize.ColumnNumberToName(i + 1)
				dv := byCol[col]
				if dv == nil {
					t.Errorf("column %s (%s) has no validation", col, c.Name)
					continue
				}
				if dv.Prompt == nil || *dv.Prompt == "" {
					t.Errorf("%s has no input message", c.Name)
				}
				style := func() *excelize.Style {
					id, _ := f.GetColStyle(SheetData, col)
					st, err := f.GetStyle(id)
					if err != nil {
						t.Fatal(err)
					}
					return st
				}
				var want []string
				switch {
				case c.Ref == RefAgency:
					want = []string{"kota-ambon"}
				case c.Ref == RefUnit:
					want = []string{"ambon-disdukcapil", "ambon-dpmptsp"}
				case c.Ref == RefUnitName:
					want = []string{"Disdukcapil Kota Ambon", "DPMPTSP Kota Ambon"}
				case c.Ref == RefService:
					want = []string{"Akta Kelahiran", "KTP-el", "Izin Usaha"}
				case c.Ref == RefDistrict:
					want = districts
				case c.Type == TypeEnum:
					want = c.Enum.Values
				case c.Type == TypeTraining:
					want = trainingNames()
				}
				if want != nil {
					got := listValues(t, f, dv)
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("%s dropdown (-want +got):\n%s", c.Name, diff)
					}
					for _, other := range []string{"maluku-samsat", "SAMSAT Maluku", "Pajak Kendaraan", "prov-maluku"} {
						if slices.Contains(got, other) {
							t.Errorf("%s dropdown offers %q, another agency's", c.Name, other)
						}
					}
					if wantStyle := "warning"; c.Ref == RefAgency {
						if *dv.ErrorStyle != "stop" {
							t.Errorf("%s error style %s; want stop (another code always rejects the row)", c.Name, *dv.ErrorStyle)
						}
					} else if dv.ErrorStyle == nil || *dv.ErrorStyle != wantStyle {
						t.Errorf("%s error style %v; want %s (synonyms are accepted too)", c.Name, dv.ErrorStyle, wantStyle)
					}
					continue
				}
				switch c.Type {
				case TypeNIP:
					if dv.Type != "textLength" || dv.Operator != "equal" || dv.Formula1 != "18" {
						t.Errorf("%s validation %s %s %s; want textLength equal 18", c.Name, dv.Type, dv.Operator, dv.Formula1)
					}
					if w, _ := f.GetColWidth(SheetData, col); w < 20 {
						t.Errorf("%s column width %g; want at least 20 (18 digits)", c.Name, w)
					}
					if st := style(); st.NumFmt != 49 {
						t.Errorf("%s column number format %d; want 49 (@, text)", c.Name, st.NumFmt)
					}
				case TypeDate:
					if dv.Type != "date" || dv.Operator != "between" {
						t.Errorf("%s validation %s %s; want a date between", c.Name, dv.Type, dv.Operator)
					}
					if st := style(); st.CustomNumFmt == nil || *st.CustomNumFmt != "dd/mm/yyyy" {
						t.Errorf("%s column format %v; want dd/mm/yyyy", c.Name, st.CustomNumFmt)
					}
				case TypeNumber, TypeInt:
					typ := map[Type]string{TypeNumber: "decimal", TypeInt: "whole"}[c.Type]
					if dv.Type != typ || dv.Operator != "between" || dv.Formula1 != formatBound(c.Min) || dv.Formula2 != formatBound(c.Max) {
						t.Errorf("%s validation %s %s %s..%s; want %s between %g and %g", c.Name, dv.Type, dv.Operator, dv.Formula1, dv.Formula2, typ, c.Min, c.Max)
					}
				case TypeAnswer:
					if dv.Type != "whole" || dv.Formula1 != "1" || dv.Formula2 != "4" || *dv.ErrorStyle != "warning" {
						t.Errorf("%s validation %s %s..%s (%s); want whole 1..4, a warning only (labels are accepted)", c.Name, dv.Type, dv.Formula1, dv.Formula2, *dv.ErrorStyle)
					}
					if !strings.Contains(*dv.Prompt, answerLabels[c.Element-1][3][0]) {
						t.Errorf("%s input message %q lacks the answer labels", c.Name, *dv.Prompt)
					}
				}
			}
		})
	}
}

// TestTemplateInstructions: each kind's Petunjuk says what one row is, the
// file name for that kind and month, how to name an additional file and a
// correction, and which columns are required; the survey's never speaks
// of NIP; the roster's suggests pegawai_2026-10.xlsx and no other kind's.
func TestTemplateInstructions(t *testing.T) {
	ref := agencyRef()
	for _, k := range domain.Kinds {
		t.Run(string(k), func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteAgencyTemplate(&buf, k, ref, "kota-ambon"); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			text := petunjukText(t, f)
			for _, want := range []string{guides[k].row, string(k) + "_2026-10.xlsx", string(k) + "_2026-10_tambahan.xlsx",
				string(k) + "_2026-10_revisi.xlsx", "outbox/kota-ambon/template/", "Pemerintah Kota Ambon (kota-ambon)"} {
				if !strings.Contains(text, want) {
					t.Errorf("Petunjuk lacks %q:\n%s", want, text)
				}
			}
			for _, c := range SchemaOf(k).Columns {
				if c.Required && !strings.Contains(text, "merah): "+c.Name) && !strings.Contains(text, ", "+c.Name) && !strings.Contains(text, " dan "+c.Name) {
					t.Errorf("Petunjuk does not name the required column %s", c.Name)
				}
			}
			for _, other := range domain.Kinds {
				if other != k && strings.Contains(text, string(other)+"_2026") {
					t.Errorf("%s's Petunjuk suggests a %s file name:\n%s", k, other, text)
				}
			}
			if k == domain.Survei && strings.Contains(strings.ToUpper(text), "NIP") {
				t.Errorf("the survey's Petunjuk speaks of NIP:\n%s", text)
			}
			if k != domain.Survei && !strings.Contains(text, "NIP ditulis 18 digit") {
				t.Errorf("%s's Petunjuk does not explain the NIP", k)
			}
		})
	}
	var buf bytes.Buffer
	err := WriteAgencyTemplate(&buf, domain.Survei, ref, "kab-entah")
	if !errors.Is(err, ErrUnknownAgency) {
		t.Errorf("WriteAgencyTemplate(kab-entah) = %v; want ErrUnknownAgency", err)
	}
}
