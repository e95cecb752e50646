package reports

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// TestChartsGolden renders the chart options of each fixture case and
// compares them with testdata/<case>/<chart>.json (rewrite with -update).
func TestChartsGolden(t *testing.T) {
	cases := map[string]func() *data{
		"small":    smallData,
		"empty":    func() *data { return &data{Period: fixturePeriod, Rules: defaultRules()} },
		"small-en": smallData,
	}
	for name, mk := range cases {
		t.Run(name, func(t *testing.T) {
			lang := "id"
			if name == "small-en" {
				lang = "en"
			}
			cs, err := buildCharts(mk(), lang)
			if err != nil {
				t.Fatalf("BuildCharts: %v", err)
			}
			for _, c := range cs {
				var pretty bytes.Buffer
				if err := json.Indent(&pretty, c.Option, "", "  "); err != nil {
					t.Fatalf("%s: option is not JSON: %v", c.ID, err)
				}
				pretty.WriteByte('\n')
				path := filepath.Join("testdata", name, c.ID+".json")
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
					t.Fatalf("%s: %v (run go test -update)", c.ID, err)
				}
				if diff := cmp.Diff(string(want), pretty.String()); diff != "" {
					t.Errorf("BuildCharts(%s) %s option mismatch (-want +got):\n%s", name, c.ID, diff)
				}
			}
		})
	}
}

// TestChartValues checks the figures that matter in the small fixture's
// options, independent of the golden files.
func TestChartValues(t *testing.T) {
	cs, err := buildCharts(smallData(), "id")
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]map[string]any{}
	for _, c := range cs {
		var m map[string]any
		if err := json.Unmarshal(c.Option, &m); err != nil {
			t.Fatal(err)
		}
		byID[c.ID] = m
	}
	series := func(id string, i int) map[string]any {
		return byID[id]["series"].([]any)[i].(map[string]any)
	}
	// On track, lowest first: Aru 0,3 → 30; Maluku Tengah 0,6333 → 63,3; Ambon 0,7 → 70.
	var got []any
	for _, d := range series("chart-ontrack", 0)["data"].([]any) {
		got = append(got, d.(map[string]any)["value"])
	}
	if diff := cmp.Diff([]any{30.0, 63.3, 70.0}, got); diff != "" {
		t.Errorf("on-track values (-want +got):\n%s", diff)
	}
	if cats := byID["chart-ontrack"]["yAxis"].([]any)[0].(map[string]any)["data"].([]any); cats[0] != "Kab. Kepulauan Aru *" {
		// (Aru's agency misses only its survey in the fixture, which the
		// on-track figure does not depend on: no (!).)
		t.Errorf("first district = %v; want the remote Aru marked *", cats[0])
	}
	// Threshold 0,50 → 50 and province 0,6 → 60 as markLines.
	ml := series("chart-ontrack", 0)["markLine"].(map[string]any)["data"].([]any)
	if ml[0].(map[string]any)["xAxis"] != 50.0 || ml[1].(map[string]any)["xAxis"] != 60.0 {
		t.Errorf("markLines = %v; want xAxis 50 and 60", ml)
	}
	// IKM bands: four areas, A from 88,31 to 100.
	ma := series("chart-ikm", 0)["markArea"].(map[string]any)["data"].([]any)
	if len(ma) != 4 || ma[0].([]any)[0].(map[string]any)["yAxis"] != 88.31 {
		t.Errorf("markArea = %v; want 4 bands starting at 88.31", ma)
	}
	// KTP-el has a gap in month 5.
	ktp := series("chart-ikm", 1)["data"].([]any)
	if ktp[4].(map[string]any)["value"] != "-" {
		t.Errorf("KTP-el month 5 = %v; want a gap \"-\"", ktp[4])
	}
}

func TestIKMShown(t *testing.T) {
	mk := func(name string, vals ...interface{}) *ikmSeries { return &ikmSeries{name: name, vals: vals} }
	series := map[string]*ikmSeries{
		"p": mk("Provinsi", 80.0, 81.0), "a": mk("A", 90.0, 70.0), "b": mk("B", 60.0, "-"),
		"c": mk("C", 85.0, 88.0), "d": mk("D", "-", "-"),
	}
	order := []string{"p", "a", "b", "c", "d"}
	tests := []struct {
		max  int
		want []string
	}{
		{5, order},
		// Latest values: A 70, B 60 (its last month is a gap), C 88, D none.
		{3, []string{"p", "b", "a"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, ikmShown(order, series, tt.max)); diff != "" {
			t.Errorf("ikmShown(max %d) (-want +got):\n%s", tt.max, diff)
		}
	}
}
