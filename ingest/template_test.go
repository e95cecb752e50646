package ingest

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// TestTemplateFilledIn fills each kind's template as a person would (typing
// over the example row, picking from dropdowns, typing dates as dates) and
// reads it back.
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
		t.Run(string(k)+"/example left in", func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteTemplate(&buf, k, ref); err != nil {
				t.Fatal(err)
			}
			opts := DefaultOptions()
			opts.FileName, opts.Reference = string(k)+"_2026-10.xlsx", ref
			u := Read(&buf, opts)
			if u.Status != lake.Rejected || len(u.Problems) != 1 || !errors.Is(u.Problems[0], ErrExample) {
				t.Errorf("template as is: status %s, err %v, problems %v; want the example row rejected", u.Status, u.Err, u.Problems)
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
			if err != nil || len(header) < 2 {
				t.Fatalf("template rows %v, %v", header, err)
			}
			if st, _ := f.GetCellStyle(SheetData, "A2"); tt.kind != domain.Survei {
				if s, err := f.GetStyle(st); err != nil || s.NumFmt != 49 {
					t.Errorf("NIP cell A2 style = %+v, %v; want number format 49 (@, text)", s, err)
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
						err = f.SetCellStr(SheetData, cell, v) // typing over the example
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
