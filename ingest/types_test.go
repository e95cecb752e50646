package ingest

import "testing"

// TestTypesTableComplete: every column type has its reader and lake type
// in the one table, and every schema column's type is in it — a type
// added to the constants without its entry fails here, not at run time.
func TestTypesTableComplete(t *testing.T) {
	for ty := Type(0); ty < typeCount; ty++ {
		ct := typeOf(ty)
		if ct.parse == nil || ct.arrow == nil {
			t.Errorf("type %d: parse %v, arrow %v; want both set in types", ty, ct.parse != nil, ct.arrow)
		}
	}
	for _, s := range []*Schema{pegawaiSchema, kehadiranSchema, evaluasiSchema, surveiSchema} {
		for _, c := range s.Columns {
			if c.Type < 0 || c.Type >= typeCount {
				t.Errorf("%s column %q has type %d, outside the table", s.Kind, c.Name, c.Type)
			}
		}
	}
}
