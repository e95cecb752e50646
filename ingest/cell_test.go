package ingest

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
)

func date(y, m, d int) int32 { return daysFromCivil(y, m, d) }

func TestParseDate(t *testing.T) {
	tests := []struct {
		in       string
		date1904 bool
		want     int32
		ok       bool
	}{
		{"46300", false, date(2026, 10, 5), true}, // serial, 1900 system
		{"46300.75", false, date(2026, 10, 5), true},
		{"44838", true, date(2026, 10, 5), true},      // the same day in the 1904 system (1462 days less)
		{"7305", false, 0, false},                     // 1919-12-31: too old to be a date in an upload
		{"03/04/2026", false, date(2026, 4, 3), true}, // day first, always
		{"3/4/2026", false, date(2026, 4, 3), true},
		{"05-10-2026", false, date(2026, 10, 5), true},
		{"5.10.2026", false, date(2026, 10, 5), true},
		{"2026-10-05", false, date(2026, 10, 5), true},
		{"2026-10-05 08:00:00", false, date(2026, 10, 5), true},
		{"2026-10-05T08:00:00Z", false, date(2026, 10, 5), true},
		{"5 Oktober 2026", false, date(2026, 10, 5), true},
		{"5 Okt 2026", false, date(2026, 10, 5), true},
		{"05-Okt-26", false, date(2026, 10, 5), true},
		{"5 Nopember 2026", false, date(2026, 11, 5), true},
		{"5 Pebruari 2026", false, date(2026, 2, 5), true},
		{"5 Agt. 2026", false, date(2026, 8, 5), true},
		{"5/10/2026 08:30", false, date(2026, 10, 5), true},
		{"Senin, 5 Oktober 2026", false, date(2026, 10, 5), true},
		{"31/02/2026", false, 0, false},
		{"29/02/2025", false, 0, false},
		{"29/02/2024", false, date(2024, 2, 29), true},
		{"32/01/2026", false, 0, false},
		{"2026", false, 0, false},
		{"20261005", false, 0, false},
		{"kemarin", false, 0, false},
		{"5 Foo 2026", false, 0, false},
		{"", false, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseDate(tt.in, tt.date1904)
			if (err == nil) != tt.ok || tt.ok && got != tt.want {
				t.Errorf("parseDate(%q, %v) = %s, %v; want %s, ok=%v", tt.in, tt.date1904, formatDate(got), err, formatDate(tt.want), tt.ok)
			}
		})
	}
}

func TestSerialDate(t *testing.T) {
	tests := []struct {
		serial   float64
		date1904 bool
		want     int32
		ok       bool
	}{
		{1, false, date(1900, 1, 1), true},
		{59, false, date(1900, 2, 28), true},
		{60, false, 0, false}, // 29 Feb 1900 never was (Lotus's bug)
		{61, false, date(1900, 3, 1), true},
		{0, true, date(1904, 1, 1), true},
		{1462, true, date(1908, 1, 2), true},
		{0, false, 0, false},
		{-1, false, 0, false},
	}
	for _, tt := range tests {
		got, ok := serialDate(tt.serial, tt.date1904)
		if ok != tt.ok || got != tt.want {
			t.Errorf("serialDate(%v, %v) = %s, %v; want %s, %v", tt.serial, tt.date1904, formatDate(got), ok, formatDate(tt.want), tt.ok)
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"8", 8, true}, {"8,5", 8.5, true}, {"8.5", 8.5, true}, {"1.250", 1250, true}, {"1.250.000", 1250000, true},
		{"1.250,5", 1250.5, true}, {"1,250.5", 1250.5, true}, {"1,250,000", 1250000, true}, {"0.125", 0.125, true},
		{"8 JP", 8, true}, {"8JP", 8, true}, {"24 jp", 24, true}, {"-2", -2, true}, {"1.5E+3", 1500, true}, {"1E-2", 0.01, true},
		{" 12 ", 12, true}, {"", 0, false}, {"JP", 0, false}, {"1.2.3", 0, false}, {"8,5,1", 0, false}, {"1..2", 0, false},
		{"abc8", 0, false}, {"NaN", 0, false}, {"1e999", 0, false}, {"12,34.5", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseNumber(tt.in)
			if (err == nil) != tt.ok || got != tt.want {
				t.Errorf("parseNumber(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
			}
		})
	}
}

func TestParseNIPCell(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		typ     string
		wantErr error
	}{
		{"198609262015051001", "198609262015051001", domain.PNS, nil},
		{"19860926 201505 1 001", "198609262015051001", domain.PNS, nil},
		{"'198609262015051001", "198609262015051001", domain.PNS, nil},
		{"1986.0926.2015.05.1.001", "198609262015051001", domain.PNS, nil},
		{"199001012021212001", "199001012021212001", domain.PPPK, nil},
		{"1.98609262015051E+17", "", "", ErrNIPNumber},
		{"1.98609262015051e+17", "", "", ErrNIPNumber},
		{"198609262015051000", "", "", ErrNIPNumber}, // a number cell: the last digits are lost
		{"198609262015051001.0", "", "", ErrNIPNumber},
		{"19860926201505100", "", "", domain.ErrNIPLength},
		{"19860926201505100A", "", "", domain.ErrNIPDigits},
		{"198613262015051001", "", "", domain.ErrNIPBirthDate},
		{"198609262015131001", "", "", domain.ErrNIPAppoint},
		{"198609262015053001", "", "", domain.ErrNIPSex},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, err := parseNIPCell(tt.in)
			if !errors.Is(err, tt.wantErr) || err == nil && tt.wantErr != nil || n.Number != tt.want || n.Type != tt.typ {
				t.Errorf("parseNIPCell(%q) = %q %q, %v; want %q %q, %v", tt.in, n.Number, n.Type, err, tt.want, tt.typ, tt.wantErr)
			}
		})
	}
	if m := nipMessage(ErrNIPNumber); m[:len("NIP harus 18 digit; kolom ini terbaca sebagai angka — format kolom sebagai Teks")] !=
		"NIP harus 18 digit; kolom ini terbaca sebagai angka — format kolom sebagai Teks" {
		t.Errorf("nipMessage(ErrNIPNumber) = %q", m)
	}
}

func TestCleanText(t *testing.T) {
	tests := map[string]string{
		"  Maria ":            "Maria",
		"Maria\u00a0Latu":     "Maria Latu",
		"\u200bMaria\u200d":   "Maria",
		"\ufeffKota Ambon\t":  "Kota Ambon",
		"=SUM(A1)":            "=SUM(A1)",
		"Latuconsina\u00a0\n": "Latuconsina",
	}
	for in, want := range tests {
		if got := cleanText(in); got != want {
			t.Errorf("cleanText(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestEnums(t *testing.T) {
	tests := []struct {
		e    *Enum
		in   string
		want string
	}{
		{enumHadir, "Hadir", "Hadir"}, {enumHadir, "h", "Hadir"}, {enumHadir, "YA", "Hadir"}, {enumHadir, "✓", "Hadir"}, {enumHadir, "v", "Hadir"},
		{enumHadir, "Tidak Hadir", "Tidak Hadir"}, {enumHadir, "TH", "Tidak Hadir"}, {enumHadir, "tidak", "Tidak Hadir"},
		{enumHadir, "ijin", "Izin"}, {enumHadir, "Sakit", "Sakit"},
		{enumMode, "offline", "Luring"}, {enumMode, "Online", "Daring"}, {enumMode, "Hybrid", "Campuran"}, {enumMode, "blended", "Campuran"},
		{enumKelamin, "Laki-laki", "L"}, {enumKelamin, "perempuan", "P"},
		{enumASN, "P3K", "PPPK"}, {enumStatus, "tugas belajar", "Tugas Belajar"}, {enumKategori, "Sosiokultural", "Sosial Kultural"},
		{enumTindak, "tidak ada", "Tidak Ada"}, {enumRating, "Diatas Ekspektasi", "Di Atas Ekspektasi"}, {enumRating, "sesuai", "Sesuai Ekspektasi"},
		{enumPredikat, "Kurang", "Kurang/Misconduct"}, {enumPredikat, "Butuh perbaikan", "Butuh Perbaikan"}, {enumPredikat, "SANGAT BAIK", "Sangat Baik"},
		{enumGolongan, "III/b", "III/b"}, {enumGolongan, "iii b", "III/b"}, {enumGolongan, "IV/e", "IV/e"}, {enumGolongan, "XVII", "XVII"},
		{enumHadir, "mungkin", ""}, {enumGolongan, "III/e", ""},
	}
	for _, tt := range tests {
		got, ok := tt.e.Parse(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("%s.Parse(%q) = %q, %v; want %q", tt.e.Name, tt.in, got, ok, tt.want)
		}
	}
}

func TestParseTraining(t *testing.T) {
	tests := []struct{ in, name, form string }{
		{"4", "Workshop", Klasikal}, {"8", "Bimbingan Teknis", Klasikal}, {"Bimtek", "Bimbingan Teknis", Klasikal},
		{"9", "Seminar", Klasikal}, {"14", "Coaching", Nonklasikal}, {"15", "Mentoring", Nonklasikal}, {"16", "E-Learning", Nonklasikal},
		{"e-learning", "E-Learning", Nonklasikal}, {"8 - Bimbingan Teknis", "Bimbingan Teknis", Klasikal}, {"Magang", "Magang", Nonklasikal},
		{"Lomba", "", ""},
	}
	for _, tt := range tests {
		name, form, ok := parseTraining(tt.in)
		if name != tt.name || form != tt.form || ok != (tt.name != "") {
			t.Errorf("parseTraining(%q) = %q %q %v; want %q %q", tt.in, name, form, ok, tt.name, tt.form)
		}
	}
}

func TestParseAnswer(t *testing.T) {
	tests := []struct {
		el   int
		in   string
		want int8
	}{
		{1, "4", 4}, {1, "3.0", 3}, {1, "1", 1}, {1, "3 - Sesuai", 3}, {1, "Sangat sesuai", 4}, {1, "kurang sesuai", 2},
		{4, "Gratis", 4}, {4, "Sangat mahal", 1}, {4, "cukup mahal", 2}, {4, "Murah", 3},
		{9, "Tidak ada", 1}, {9, "Ada tetapi tidak berfungsi", 2}, {9, "Berfungsi kurang maksimal", 3}, {9, "Dikelola dengan baik", 4},
		{8, "Baik", 3}, {7, "Sopan dan ramah", 3},
		{1, "5", 0}, {1, "0", 0}, {1, "3.5", 0}, {1, "Gratis", 0}, {4, "", 0},
	}
	for _, tt := range tests {
		got, ok := parseAnswer(tt.el, tt.in)
		if got != tt.want || ok != (tt.want != 0) {
			t.Errorf("parseAnswer(%d, %q) = %d, %v; want %d", tt.el, tt.in, got, ok, tt.want)
		}
	}
}

func TestParseEvalPeriod(t *testing.T) {
	tests := []struct {
		in   string
		want evalPeriod
		ok   bool
	}{
		{"2026-09", evalPeriod{"September 2026", Bulanan, date(2026, 9, 1), date(2026, 9, 30)}, true},
		{"September 2026", evalPeriod{"September 2026", Bulanan, date(2026, 9, 1), date(2026, 9, 30)}, true},
		{"Triwulan III 2026", evalPeriod{"Triwulan III 2026", Triwulan, date(2026, 7, 1), date(2026, 9, 30)}, true},
		{"TW 3 2026", evalPeriod{"Triwulan III 2026", Triwulan, date(2026, 7, 1), date(2026, 9, 30)}, true},
		{"Q4 2026", evalPeriod{"Triwulan IV 2026", Triwulan, date(2026, 10, 1), date(2026, 12, 31)}, true},
		{"Semester I 2026", evalPeriod{"Semester I 2026", Semester, date(2026, 1, 1), date(2026, 6, 30)}, true},
		{"semester 2 2026", evalPeriod{"Semester II 2026", Semester, date(2026, 7, 1), date(2026, 12, 31)}, true},
		{"Tahunan 2025", evalPeriod{"Tahunan 2025", Tahunan, date(2025, 1, 1), date(2025, 12, 31)}, true},
		{"2025", evalPeriod{"Tahunan 2025", Tahunan, date(2025, 1, 1), date(2025, 12, 31)}, true},
		{"Triwulan V 2026", evalPeriod{}, false},
		{"kemarin", evalPeriod{}, false},
	}
	for _, tt := range tests {
		got, ok := parseEvalPeriod(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("parseEvalPeriod(%q) = %+v, %v; want %+v", tt.in, got, ok, tt.want)
		}
	}
}

func TestPeriodsInText(t *testing.T) {
	p := domain.MustPeriod
	tests := []struct {
		in   string
		want []domain.Period
	}{
		{"kehadiran_2026-10", []domain.Period{p("2026-10")}},
		{"2026_10_dinkes_kehadiran", []domain.Period{p("2026-10")}},
		{"Kehadiran Oktober 2026", []domain.Period{p("2026-10")}},
		{"kehadiran okt 2026 revisi", []domain.Period{p("2026-10")}},
		{"Periode: Nopember 2026", []domain.Period{p("2026-11")}},
		{"pegawai_10-2026", []domain.Period{p("2026-10")}},
		{"kehadiran_202610", []domain.Period{p("2026-10")}},
		{"Dicetak 05-11-2026", nil},
		{"Dicetak 5 November 2026", nil},
		{"kehadiran 2026-09 dan 2026-10", []domain.Period{p("2026-09"), p("2026-10")}},
		{"laporan pelatihan", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, periodsInText(tt.in)); diff != "" {
			t.Errorf("periodsInText(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestHeaderKey(t *testing.T) {
	tests := map[string]string{
		"Kabupaten / Kota*":  "kabupatenkota",
		"NIP (18 digit)":     "nip",
		" Tanggal  Mulai ":   "tanggalmulai",
		"JENIS PENGEMBANGAN": "jenispengembangan",
		"Périodé Penilaian":  "periodepenilaian",
		"✓":                  "",
	}
	for in, want := range tests {
		if got := headerKey(in); got != want {
			t.Errorf("headerKey(%q) = %q; want %q", in, got, want)
		}
	}
}
