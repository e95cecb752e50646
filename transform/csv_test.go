package transform

import (
	"bytes"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/google/go-cmp/cmp"
)

func TestCSVText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{"+1+1", "'+1+1"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"-Inf", "'-Inf"},
		{"-1e5", "'-1e5"},
		{"-.5", "'-.5"},
		{"-5.", "'-5."},
		{"--", "'--"},
		{"+62 812 3456", "'+62 812 3456"},
		// Left alone: numbers, the "-" placeholder, text that starts otherwise.
		{"-10.5", "-10.5"},
		{"+5", "+5"},
		{"42", "42"},
		{"-", "-"},
		{"", ""},
		{"Kota Ambon", "Kota Ambon"},
		{" =1", " =1"},
		{"<script>alert(1)</script>", "<script>alert(1)</script>"},
		{"KTP-el", "KTP-el"},
	} {
		if got := CSVText(tc.in); got != tc.want {
			t.Errorf("CSVText(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

// TestWriteRecordCSVGuardsText: only text columns are guarded; a negative
// number stays a number.
func TestWriteRecordCSVGuardsText(t *testing.T) {
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "service_type", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "delta_prev", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "n", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	}, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	b.Field(0).(*array.StringBuilder).AppendValues([]string{`=HYPERLINK("http://x","y")`, "-", "-2+3"}, nil)
	b.Field(0).(*array.StringBuilder).AppendNull()
	b.Field(1).(*array.Float64Builder).AppendValues([]float64{-10.5, 0, 2.25}, nil)
	b.Field(1).(*array.Float64Builder).AppendNull()
	b.Field(2).(*array.Int64Builder).AppendValues([]int64{-3, 0, 7, 1}, nil)
	rec := b.NewRecordBatch()
	defer rec.Release()
	var out bytes.Buffer
	if err := WriteRecordCSV(&out, rec); err != nil {
		t.Fatal(err)
	}
	want := "service_type,delta_prev,n\n" +
		`"'=HYPERLINK(""http://x"",""y"")",-10.5,-3` + "\n" +
		"-,0,0\n" +
		"'-2+3,2.25,7\n" +
		",,1\n"
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("WriteRecordCSV (-want +got):\n%s", diff)
	}
}
