package reports

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
)

func TestShortLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kabupaten Seram Bagian Barat", "SBB"},
		{"Kabupaten Seram Bagian Timur", "SBT"},
		{"Kabupaten Buru Selatan", "Bursel"},
		{"Kabupaten Buru", "Buru"},
		{"Kota Ambon", "Ambon"},
		{"Pemerintah Kabupaten Seram Bagian Barat", "Pemkab SBB"},
		{"Pemerintah Kabupaten Seram Bagian Timur", "Pemkab SBT"},
		{"Pemerintah Kota Tual", "Pemkot Tual"},
		{"Pemerintah Provinsi Maluku", "Pemprov Maluku"},
		{"Dinas Kependudukan dan Pencatatan Sipil Kota Ambon", "Disdukcapil Ambon"},
		{"Dinas Kependudukan dan Pencatatan Sipil Kabupaten Maluku Tengah", "Disdukcapil Malteng"},
		{"Dinas Penanaman Modal dan PTSP Kabupaten Buru", "DPMPTSP Buru"},
		{"RSUD dr. P.P. Magretti Saumlaki", "RSUD Saumlaki"},
		{"Kantor Wilayah Kementerian Agama Provinsi Maluku", "Kanwil Kemenag Prov. Maluku"},
		{"Puskesmas Dobo", "Puskesmas Dobo"},
		{"SAMSAT Maluku (Bapenda Provinsi Maluku)", "SAMSAT Maluku"},
		{"Buruh Tani", "Buruh Tani"}, // "Buru" only as a whole word
	}
	for _, tt := range tests {
		if got := shortLabel(tt.in); got != tt.want {
			t.Errorf("shortLabel(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// Every built-in district gets its own short name, and no two districts,
// agencies or units of a chart ever share a label, at any length.
func TestUniqueLabels(t *testing.T) {
	var names, want []string
	for _, d := range domain.MalukuDistricts() {
		names = append(names, d.Name)
		want = append(want, d.Short)
	}
	if diff := cmp.Diff(want, uniqueLabels(names, 0)); diff != "" {
		t.Errorf("district short labels (-want +got):\n%s", diff)
	}
	tests := []struct {
		in   []string
		lv   int
		want []string
	}{
		// Two RSUDs of one town: the short names collide, so both keep the longer one.
		{[]string{"RSUD dr. A. Satu Ambon", "RSUD dr. B. Dua Ambon", "Kota Ambon"}, 0,
			[]string{"RSUD dr. A. Satu Ambon", "RSUD dr. B. Dua Ambon", "Ambon"}},
		// A unit named like a district's short name.
		{[]string{"SBB", "Kabupaten Seram Bagian Barat"}, 0, []string{"SBB", "Kab. Seram Bagian Barat"}},
		// Equal full names are numbered.
		{[]string{"Puskesmas Dobo", "Puskesmas Dobo", "Puskesmas Tual"}, 0,
			[]string{"Puskesmas Dobo", "Puskesmas Dobo (2)", "Puskesmas Tual"}},
		{[]string{"Pemerintah Kabupaten Seram Bagian Barat", "Pemerintah Kabupaten Seram Bagian Timur"}, 1,
			[]string{"Pemkab Seram Bagian Barat", "Pemkab Seram Bagian Timur"}},
	}
	for _, tt := range tests {
		got := uniqueLabels(tt.in, tt.lv)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("uniqueLabels(%q, %d) (-want +got):\n%s", tt.in, tt.lv, diff)
		}
	}
}

// In every chart of the fixture the category labels, at both lengths, and
// the scatter's point labels are distinct.
func TestChartLabelsDistinct(t *testing.T) {
	cs, err := buildCharts(smallData(), "id")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		seen := map[string]bool{}
		for _, s := range c.Short {
			if seen[s] {
				t.Errorf("%s: short label %q twice", c.ID, s)
			}
			seen[s] = true
		}
		if c.Table.Rows == nil && !c.Missing {
			t.Errorf("%s: no data table", c.ID)
		}
	}
}

// The reference workbook's short names (Data.Shorts) come first.
func TestChartShortsFromReference(t *testing.T) {
	d := smallData()
	d.Shorts = map[string]string{"Kab. Kepulauan Aru": "Kep. Aru", "Kota Ambon": "Kep. Aru"}
	cs, err := buildCharts(d, "id")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.ID != "chart-ontrack" {
			continue
		}
		// Both set to one short name: neither keeps it.
		for _, s := range c.Short {
			if s == "Kep. Aru *" || s == "Kep. Aru" {
				t.Errorf("short labels %q: a short name two items share was kept", c.Short)
			}
		}
		d.Shorts["Kota Ambon"] = ""
		cs2, _ := buildCharts(d, "id")
		if got := cs2[0].Short[0]; got != "Kep. Aru *" {
			t.Errorf("first short label = %q; want the reference's Kep. Aru *", got)
		}
	}
}
