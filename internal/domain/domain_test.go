package domain

import (
	"errors"
	"testing"
	"time"
)

func TestPeriodArithmetic(t *testing.T) {
	p := MustPeriod("2026-01")
	tests := []struct {
		got, want string
	}{
		{p.Add(-1).String(), "2025-12"},
		{p.Add(11).String(), "2026-12"},
		{p.Add(12).String(), "2027-01"},
		{p.Add(-13).String(), "2024-12"},
		{p.LastDay().Format("2006-01-02"), "2026-01-31"},
		{MustPeriod("2024-02").LastDay().Format("2006-01-02"), "2024-02-29"},
		{MustPeriod("2025-02").LastDay().Format("2006-01-02"), "2025-02-28"},
		{p.Window(12)[0].String(), "2025-02"},
		{p.Window(12)[11].String(), "2026-01"},
		{p.YearStart().String(), "2026-01"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: got %s; want %s", i, tt.got, tt.want)
		}
	}
}

func TestPeriodOfUsesWIT(t *testing.T) {
	// 2026-01-31 16:00 UTC is 2026-02-01 01:00 WIT: February in Ambon.
	utc := time.Date(2026, 1, 31, 16, 0, 0, 0, time.UTC)
	if got := PeriodOf(utc).String(); got != "2026-02" {
		t.Errorf("PeriodOf(%v) = %s; want 2026-02", utc, got)
	}
	if _, off := Date(2026, 7, 1).Zone(); off != 9*3600 {
		t.Errorf("WIT offset = %d; want %d (UTC+9, no DST)", off, 9*3600)
	}
}

func TestParsePeriod(t *testing.T) {
	for _, bad := range []string{"", "2026-13", "2026-1", "26-01", "2026/01", "2026-01-01"} {
		if _, err := ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) = nil error; want error", bad)
		}
	}
	if p, err := ParsePeriod("2026-10"); err != nil || p != (Period{2026, time.October}) {
		t.Errorf("ParsePeriod(2026-10) = %v, %v", p, err)
	}
}

func TestParseMonth(t *testing.T) {
	for word, want := range map[string]time.Month{
		"Oktober": 10, "okt": 10, "Okt.": 10, "Pebruari": 2, "Nopember": 11, "Agt": 8,
		"Agust": 8, "Agustus": 8, "MEI": 5, "Des": 12, "December": 12,
	} {
		if got, ok := ParseMonth(word); !ok || got != want {
			t.Errorf("ParseMonth(%q) = %v, %v; want %v", word, got, ok, want)
		}
	}
	if _, ok := ParseMonth("Oktobre"); ok {
		t.Error("ParseMonth(Oktobre) accepted")
	}
}

func TestParseNIP(t *testing.T) {
	tests := []struct {
		in      string
		typ     string
		female  bool
		appoint int
		err     error
	}{
		{"198609262015051001", PNS, false, 201505, nil},
		{"19860926 201505 1 001", PNS, false, 201505, nil},
		{"'199103152019032004", PNS, true, 201903, nil},
		{"1986.0926.2015.05.1.001", PNS, false, 201505, nil},
		{"199512302023211005", PPPK, false, 2023, nil}, // 2023 + "2" + 1 contract, male, 005
		{"199512302023232017", PPPK, true, 2023, nil},  // third contract, female
		{"1.98609262015051e+17", "", false, 0, ErrNIPScientific},
		{"19860926201505100", "", false, 0, ErrNIPLength},
		{"19860926201505100A", "", false, 0, ErrNIPDigits},
		{"198602302015051001", "", false, 0, ErrNIPBirthDate}, // 30 February
		{"198609262015131001", "", false, 0, ErrNIPAppoint},   // month 13
		{"198609262015053001", "", false, 0, ErrNIPSex},
	}
	for _, tt := range tests {
		n, err := ParseNIP(tt.in)
		if !errors.Is(err, tt.err) {
			t.Errorf("ParseNIP(%q) error = %v; want %v", tt.in, err, tt.err)
			continue
		}
		if err == nil && (n.Type != tt.typ || n.Female != tt.female || n.Appoint != tt.appoint || len(n.Number) != 18) {
			t.Errorf("ParseNIP(%q) = %+v; want type %s female %v appoint %d", tt.in, n, tt.typ, tt.female, tt.appoint)
		}
	}
}

func FuzzParseNIP(f *testing.F) {
	for _, s := range []string{"198609262015051001", "19860926 201505 1 001", "1.98609262015051e+17", "", "'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseNIP(s)
		if err == nil && (len(n.Number) != 18 || (n.Type != PNS && n.Type != PPPK)) {
			t.Fatalf("ParseNIP(%q) = %+v without error", s, n)
		}
	})
}

func TestResolveDistrict(t *testing.T) {
	ds := MalukuDistricts()
	ok := map[string]string{
		"Kota Ambon": "81.71", "Ambon": "81.71", "81.71": "81.71", "KOTA  AMBON": "81.71",
		"Kab. Buru": "81.04", "Kabupaten Buru": "81.04", "Buru": "81.04", "Buru Selatan": "81.09",
		"Maluku Tenggara Barat": "81.03", "Kepulauan Tanimbar": "81.03", "Kota Tual": "81.72",
		"Seram Bagian Timur": "81.05",
	}
	for in, want := range ok {
		if got, err := ResolveDistrict(ds, in); err != nil || got != want {
			t.Errorf("ResolveDistrict(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	// The BPS 4-digit code set numbers districts differently: never accepted.
	for _, in := range []string{"8171", "8103", "81.99", "Jakarta", ""} {
		if got, err := ResolveDistrict(ds, in); err == nil {
			t.Errorf("ResolveDistrict(%q) = %q; want error", in, got)
		}
	}
}

func TestMalukuDistrictsRemote(t *testing.T) {
	var remote []string
	for _, d := range MalukuDistricts() {
		if d.Remote {
			remote = append(remote, d.Code)
		}
	}
	want := "81.03 81.05 81.06 81.07 81.08 81.09" // Perpres 63/2020 daerah tertinggal
	if got := join(remote); got != want {
		t.Errorf("remote districts = %s; want %s", got, want)
	}
}

func join(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += " "
		}
		out += s
	}
	return out
}

func TestPredikat(t *testing.T) {
	tests := []struct{ hasil, perilaku, want string }{
		{DiAtas, DiAtas, SangatBaik}, {DiAtas, Sesuai, Baik}, {DiAtas, DiBawah, Kurang},
		{Sesuai, DiAtas, Baik}, {Sesuai, Sesuai, Baik}, {Sesuai, DiBawah, Kurang},
		{DiBawah, DiAtas, ButuhPerbaikan}, {DiBawah, Sesuai, ButuhPerbaikan}, {DiBawah, DiBawah, SangatKurang},
		{"?", Sesuai, ""}, {Sesuai, "?", ""}, {"", "", ""}, {"di atas ekspektasi", DiAtas, ""},
	}
	for _, tt := range tests {
		if got := Predikat(tt.hasil, tt.perilaku); got != tt.want {
			t.Errorf("Predikat(%q, %q) = %q; want %q", tt.hasil, tt.perilaku, got, tt.want)
		}
	}
}

func TestIKM(t *testing.T) {
	// All nine elements at 3,5: 25 × 31,5 / 9 = 87,5 exactly (B). With the
	// regulation's rounded 0,11 weight it would read 25 × 31,5 × 0,11 = 86,625.
	var nrr [9]float64
	for i := range nrr {
		nrr[i] = 3.5
	}
	if got := IKM(nrr); got != 87.5 {
		t.Errorf("IKM(3,5 × 9) = %v; want 87.5", got)
	}
	for _, tt := range []struct {
		ikm  float64
		want string
	}{{100, "A"}, {88.31, "A"}, {88.3099, "B"}, {76.61, "B"}, {76.6099, "C"}, {65, "C"}, {64.999, "D"}, {25, "D"},
		{64.999999999999986, "C"}, {88.309999999999988, "A"}, {64.99999999, "D"}} { // float noise below a threshold is the threshold
		if got := IKMCategory(tt.ikm); got != tt.want {
			t.Errorf("IKMCategory(%v) = %s; want %s", tt.ikm, got, tt.want)
		}
	}
}

func TestKrejcieMorgan(t *testing.T) {
	// Values from the published Krejcie & Morgan (1970) table.
	for n, want := range map[int]int{100: 80, 1000: 278, 10000: 370, 1000000: 384, 10: 10, 0: 0} {
		if got := KrejcieMorgan(n); got != want {
			t.Errorf("KrejcieMorgan(%d) = %d; want %d", n, got, want)
		}
	}
}

// BenchmarkPredikat is one evaluation row's check (ingest's checkEvaluasi
// calls Predikat once per row).
func BenchmarkPredikat(b *testing.B) {
	ratings := []string{DiAtas, Sesuai, DiBawah}
	n := 0
	for i := 0; i < b.N; i++ {
		if Predikat(ratings[i%3], ratings[i/3%3]) != "" {
			n++
		}
	}
	if n != b.N {
		b.Fatalf("%d of %d known", n, b.N)
	}
}
