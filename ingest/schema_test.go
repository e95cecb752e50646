package ingest

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
)

// update rewrites golden files; the flag is shared by every test of package ingest.
var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// TestSchemaArrow checks each kind's lake columns against internal/lake/doc.go.
func TestSchemaArrow(t *testing.T) {
	want := map[domain.Kind][]string{
		domain.Pegawai: {"nip", "nama", "jenis_asn", "jenis_kelamin", "unit_kerja", "unit_layanan", "district_code", "jabatan", "golongan", "status"},
		domain.Kehadiran: {"nip", "nama", "nama_pelatihan", "jenis_pengembangan", "bentuk", "kategori", "penyelenggara", "tanggal_mulai",
			"tanggal_selesai", "jp", "status_kehadiran", "mode", "lokasi"},
		domain.Evaluasi: {"nip", "nama", "periode_penilaian", "jenis_periode", "periode_mulai", "periode_selesai", "rating_hasil_kerja",
			"rating_perilaku", "predikat", "nip_penilai", "tindak_lanjut"},
		domain.Survei: {"tanggal", "unit_code", "jenis_layanan", "usia", "jenis_kelamin", "pendidikan", "pekerjaan",
			"u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "saran"},
	}
	for _, k := range domain.Kinds {
		t.Run(string(k), func(t *testing.T) {
			var got []string
			for _, f := range SchemaOf(k).Arrow().Fields() {
				got = append(got, f.Name)
			}
			if diff := cmp.Diff(append(want[k], "upload_id", "source_row"), got); diff != "" {
				t.Errorf("SchemaOf(%s).Arrow() fields (-want +got):\n%s", k, diff)
			}
		})
	}
	if SchemaOf("lain") != nil {
		t.Error("SchemaOf(lain) != nil")
	}
}

// TestSchemaHeadersUnique: no normalised header or alias means two columns,
// and every kind has a required column no other kind has.
func TestSchemaHeadersUnique(t *testing.T) {
	for _, k := range domain.Kinds {
		seen := map[string]string{}
		for _, c := range SchemaOf(k).Columns {
			for _, h := range append([]string{c.Name}, c.Aliases...) {
				if other, ok := seen[headerKey(h)]; ok && other != c.Name {
					t.Errorf("%s: header %q means both %q and %q", k, h, other, c.Name)
				}
				seen[headerKey(h)] = c.Name
			}
		}
	}
	for _, k := range domain.Kinds {
		own := false
		for _, c := range SchemaOf(k).Columns {
			if !c.Required {
				continue
			}
			shared := false
			for _, o := range domain.Kinds {
				if o != k && SchemaOf(o).Column(c.Name) != nil {
					shared = true
				}
			}
			own = own || !shared
		}
		if !own {
			t.Errorf("%s has no required column of its own", k)
		}
	}
}

func TestSchemaMarkdown(t *testing.T) {
	for _, k := range domain.Kinds {
		t.Run(string(k), func(t *testing.T) {
			got := SchemaOf(k).Markdown()
			path := filepath.Join("testdata", "schema", string(k)+".md")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("Markdown (-want +got):\n%s", diff)
			}
		})
	}
}
