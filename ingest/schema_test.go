package ingest

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// update rewrites golden files; the flag is shared by every test of package ingest.
var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// TestSchemaArrow holds each kind's upload schema to the lake's columns as
// internal/lake/schema.go defines them (newSchema also panics when they
// differ), and its Markdown's "kolom lake" to the same list.
func TestSchemaArrow(t *testing.T) {
	for _, k := range domain.Kinds {
		t.Run(string(k), func(t *testing.T) {
			want, got := lake.KindSchema(k), SchemaOf(k).Arrow()
			if !got.Equal(want) {
				t.Errorf("SchemaOf(%s).Arrow() =\n%s\nwant lake.KindSchema\n%s", k, got, want)
			}
			var lakeCols []string
			for _, c := range SchemaOf(k).Columns {
				if c.Lake != "" {
					lakeCols = append(lakeCols, c.Lake)
				}
				for _, o := range c.More {
					lakeCols = append(lakeCols, o.Lake)
				}
			}
			var wantCols []string
			for _, f := range lake.KindFields(k) {
				wantCols = append(wantCols, f.Name)
			}
			if diff := cmp.Diff(wantCols, lakeCols); diff != "" {
				t.Errorf("%s: lake columns of the upload schema (-lake +ingest):\n%s", k, diff)
			}
		})
	}
	if SchemaOf("lain") != nil {
		t.Error("SchemaOf(lain) != nil")
	}
}

// TestReferenceSchemas: the reference records ingest writes have the
// reference tables' schemas of internal/lake, under their names.
func TestReferenceSchemas(t *testing.T) {
	ref := &domain.Reference{Districts: domain.MalukuDistricts()}
	recs := referenceRecords(ref)
	for _, name := range lake.ReferenceTables {
		rec, ok := recs[name]
		if !ok {
			t.Errorf("referenceRecords has no %s", name)
			continue
		}
		if want := lake.ReferenceSchema(name); !rec.Schema().Equal(want) {
			t.Errorf("%s: schema\n%s\nwant\n%s", name, rec.Schema(), want)
		}
		rec.Release()
	}
	if len(recs) != len(lake.ReferenceTables) {
		t.Errorf("referenceRecords writes %d tables, lake.ReferenceTables names %d", len(recs), len(lake.ReferenceTables))
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
