package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
)

// textColumns are read as strings even when they look like numbers ("81.71").
var textColumns = map[string]bool{"district_code": true, "code": true, "period": true, "nip": true,
	"worst_agency_code": true, "roster_period": true, "unit_code": true, "agency_code": true}

// loadCSVTables reads testdata/<case>/tables/*.csv into Arrow records the
// way transform types them: text, int64, float64, bool, timestamp[µs, UTC].
func loadCSVTables(t *testing.T, dir string) map[string]arrow.RecordBatch {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no tables in %s: %v", dir, err)
	}
	out := map[string]arrow.RecordBatch{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		head, body := rows[0], rows[1:]
		fields := make([]arrow.Field, len(head))
		for c, name := range head {
			fields[c] = arrow.Field{Name: name, Type: inferType(name, body, c), Nullable: true}
		}
		rb := array.NewRecordBuilder(memory.NewGoAllocator(), arrow.NewSchema(fields, nil))
		for _, r := range body {
			for c, v := range r {
				fb := rb.Field(c)
				if v == "" && fields[c].Type.ID() != arrow.STRING {
					fb.AppendNull()
					continue
				}
				switch b := fb.(type) {
				case *array.StringBuilder:
					b.Append(v)
				case *array.Int64Builder:
					n, _ := strconv.ParseInt(v, 10, 64)
					b.Append(n)
				case *array.Float64Builder:
					x, _ := strconv.ParseFloat(v, 64)
					b.Append(x)
				case *array.BooleanBuilder:
					b.Append(v == "true")
				case *array.TimestampBuilder:
					tm, err := time.Parse(time.RFC3339, v)
					if err != nil {
						t.Fatalf("%s: %v", f, err)
					}
					b.Append(arrow.Timestamp(tm.UnixMicro()))
				}
			}
		}
		out[strings.TrimSuffix(filepath.Base(f), ".csv")] = rb.NewRecordBatch()
		rb.Release()
	}
	return out
}

func inferType(name string, rows [][]string, c int) arrow.DataType {
	if textColumns[name] {
		return arrow.BinaryTypes.String
	}
	if strings.HasSuffix(name, "_at") {
		return &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	}
	isInt, isFloat, isBool := true, true, true
	for _, r := range rows {
		v := r[c]
		if v == "" {
			continue
		}
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			isInt = false
		}
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			isFloat = false
		}
		if v != "true" && v != "false" {
			isBool = false
		}
	}
	switch {
	case isBool:
		return arrow.FixedWidthTypes.Boolean
	case isInt:
		return arrow.PrimitiveTypes.Int64
	case isFloat:
		return arrow.PrimitiveTypes.Float64
	}
	return arrow.BinaryTypes.String
}

func TestFromTables(t *testing.T) {
	tables := loadCSVTables(t, filepath.Join("testdata", "tables-small", "tables"))
	d, err := fromTables(tables)
	if err != nil {
		t.Fatalf("FromTables: %v", err)
	}
	want := coverage{Code: "81.07", Name: "Kabupaten Kepulauan Aru", Remote: true, Headcount: 4, Trained: 2, Coverage: 0.5,
		OnTrack: 1, OnTrackShare: 0.25, JPPerASN: 5, JPKlasikal: 12, JPNonklasikal: 8, JPLuring: 10, JPDaring: 10, DaringJPShare: 0.5}
	if diff := cmp.Diff(want, d.Districts[1]); diff != "" {
		t.Errorf("district 81.07 (-want +got):\n%s", diff)
	}
	if d.Province.Headcount != 10 || d.Remote.OnTrackShare != 0.25 || d.Other.Headcount != 6 {
		t.Errorf("province rows = %+v / %+v / %+v", d.Province, d.Remote, d.Other)
	}
	if got := d.Trend[0].Period; got != domain.MustPeriod("2026-08") {
		t.Errorf("trend period = %v; want 2026-08", got)
	}
	if d.IKMTrend[3].IKM.OK {
		t.Errorf("KTP-el August IKM = %v; want a gap", d.IKMTrend[3].IKM)
	}
	if d.Units[0].SampleOK != nil || d.Units[1].SampleOK == nil || *d.Units[1].SampleOK {
		t.Errorf("sample_ok = %v, %v; want unknown and false", d.Units[0].SampleOK, d.Units[1].SampleOK)
	}
	wantAt := time.Date(2026, 11, 12, 14, 0, 0, 0, domain.WIT)
	if c := d.Completeness[1]; !c.ReceivedAt.Equal(wantAt) || !c.Late || c.Revisions != 1 {
		t.Errorf("completeness kota-ambon kehadiran = %+v; want received %v, late, 1 revision", c, wantAt)
	}
	if c := d.Completeness[3]; c.Status != "tidak ada" || !c.ReceivedAt.IsZero() {
		t.Errorf("missing upload = %+v", c)
	}
	if d.Followups[1].Rate.OK {
		t.Errorf("follow-up rate with no complete window = %v; want NULL", d.Followups[1].Rate)
	}
	if len(d.Persons) != 2 || d.Persons[0].Name != "Yakobus Ubro" {
		t.Errorf("persons = %+v", d.Persons)
	}
	h := headlineOf(d)
	// 10 ASN, 6 on track; IKM 76,85 → B; follow-up 1 of 1; uploads 3 of 4.
	wantH := headline{ASN: 10, Trained: 8, Coverage: 0.8, OnTrack: 6, OnTrackShare: 0.6, TargetMet: 3, TargetMetShare: 0.3,
		JPPerASN: 14.5, IKM: some(76.8518518519), IKMCategory: "B", FollowupRate: some(1), FollowedUp: 1, FollowupComplete: 1,
		UploadsReceived: 3, UploadsExpected: 4}
	if diff := cmp.Diff(wantH, h); diff != "" {
		t.Errorf("HeadlineOf (-want +got):\n%s", diff)
	}
}

// TestTablesToChartsGolden is the metric table → chart option golden test:
// testdata/<case>/tables/*.csv through FromTables and BuildCharts to
// testdata/<case>/charts/<chart>.json (rewrite with -update).
func TestTablesToChartsGolden(t *testing.T) {
	for _, name := range []string{"tables-small"} {
		t.Run(name, func(t *testing.T) {
			d, err := fromTables(loadCSVTables(t, filepath.Join("testdata", name, "tables")))
			if err != nil {
				t.Fatal(err)
			}
			d.Period, d.Rules = domain.MustPeriod("2026-10"), defaultRules()
			cs, err := buildCharts(d, "id")
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cs {
				var pretty bytes.Buffer
				if err := json.Indent(&pretty, c.Option, "", "  "); err != nil {
					t.Fatal(err)
				}
				pretty.WriteByte('\n')
				path := filepath.Join("testdata", name, "charts", c.ID+".json")
				if *update {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, pretty.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -update)", err)
				}
				if diff := cmp.Diff(string(want), pretty.String()); diff != "" {
					t.Errorf("%s (-want +got):\n%s", c.ID, diff)
				}
			}
		})
	}
}

// TestFromTablesTypes reads the same figures from the Arrow types DuckDB
// may produce: DECIMAL, INT32, dictionary-encoded text.
func TestFromTablesTypes(t *testing.T) {
	mem := memory.NewGoAllocator()
	dt := &arrow.Decimal128Type{Precision: 38, Scale: 0}
	dictT := &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int8, ValueType: arrow.BinaryTypes.String}
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "district_code", Type: dictT}, {Name: "district_name", Type: arrow.BinaryTypes.String},
		{Name: "remote", Type: arrow.FixedWidthTypes.Boolean}, {Name: "headcount", Type: dt},
		{Name: "trained", Type: arrow.PrimitiveTypes.Int32}, {Name: "coverage", Type: arrow.PrimitiveTypes.Float32},
		{Name: "target_met", Type: arrow.PrimitiveTypes.Int64}, {Name: "target_met_share", Type: arrow.PrimitiveTypes.Float64},
		{Name: "on_track", Type: arrow.PrimitiveTypes.Int64}, {Name: "on_track_share", Type: arrow.PrimitiveTypes.Float64},
		{Name: "jp_per_asn", Type: arrow.PrimitiveTypes.Float64},
	}, nil)
	rb := array.NewRecordBuilder(mem, schema)
	defer rb.Release()
	if err := rb.Field(0).(*array.BinaryDictionaryBuilder).AppendString("81.71"); err != nil {
		t.Fatal(err)
	}
	rb.Field(1).(*array.StringBuilder).Append("Kota Ambon")
	rb.Field(2).(*array.BooleanBuilder).Append(false)
	rb.Field(3).(*array.Decimal128Builder).Append(decimal128.FromI64(12345))
	rb.Field(4).(*array.Int32Builder).Append(100)
	rb.Field(5).(*array.Float32Builder).Append(0.5)
	rb.Field(6).(*array.Int64Builder).Append(7)
	rb.Field(7).(*array.Float64Builder).AppendNull()
	rb.Field(8).(*array.Int64Builder).Append(8)
	rb.Field(9).(*array.Float64Builder).Append(0.25)
	rb.Field(10).(*array.Float64Builder).Append(3.5)
	rec := rb.NewRecordBatch()
	defer rec.Release()
	d, err := fromTables(map[string]arrow.RecordBatch{"coverage_district": rec})
	if err != nil {
		t.Fatal(err)
	}
	want := coverage{Code: "81.71", Name: "Kota Ambon", Headcount: 12345, Trained: 100, Coverage: 0.5, TargetMet: 7,
		OnTrack: 8, OnTrackShare: 0.25, JPPerASN: 3.5}
	if diff := cmp.Diff([]coverage{want}, d.Districts); diff != "" {
		t.Errorf("FromTables (-want +got):\n%s", diff)
	}

	// A required column missing is an error naming table and column.
	bad := array.NewRecordBatch(arrow.NewSchema([]arrow.Field{{Name: "district_code", Type: arrow.BinaryTypes.String}}, nil),
		[]arrow.Array{array.NewStringBuilder(mem).NewArray()}, 0)
	sb := array.NewStringBuilder(mem)
	sb.Append("81.71")
	bad = array.NewRecordBatch(bad.Schema(), []arrow.Array{sb.NewArray()}, 1)
	if _, err := fromTables(map[string]arrow.RecordBatch{"coverage_district": bad}); err == nil ||
		!strings.Contains(err.Error(), "coverage_district: missing column headcount") {
		t.Errorf("FromTables without headcount: err = %v; want missing column headcount", err)
	}
}
