package ingest

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pantau-asn/pantau/internal/domain"
)

// Enum is a closed set of canonical values with the synonyms people write.
type Enum struct {
	Name   string            // what the values are, for messages ("Status Kehadiran")
	Values []string          // canonical spellings, in the template's dropdown order
	keys   map[string]string // normalised spelling → canonical
	exact  map[string]string // spelling exactly as listed → canonical
}

// newEnum builds an Enum; syn maps a canonical value to its synonyms. The
// canonical values come from internal/domain; a synonym of a value not
// among them is a programming error.
func newEnum(name string, values []string, syn map[string][]string) *Enum {
	e := &Enum{Name: name, Values: values, keys: map[string]string{}, exact: map[string]string{}}
	for v := range syn {
		if !slices.Contains(values, v) {
			panic("ingest: enumeration " + name + " has synonyms for " + v + ", not one of its values")
		}
	}
	for _, v := range values {
		e.keys[normKey(v)] = v
		e.exact[v] = v
		for _, s := range syn[v] {
			e.keys[normKey(s)] = v
			e.exact[s] = v
		}
	}
	return e
}

// Parse returns the canonical value of s.
func (e *Enum) Parse(s string) (string, bool) {
	if v, ok := e.exact[s]; ok { // as written in the template: no folding needed
		return v, true
	}
	v, ok := e.keys[normKey(s)]
	return v, ok
}

// normKey folds s for matching: lower-case letters and digits only, accents
// dropped; a string with none of these (a tick mark) is kept as written.
func normKey(s string) string {
	simple := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			simple = false
			break
		}
	}
	if simple {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 32)
		case r >= 0xC0 && r < 0x250:
			if f := foldAccent(r); f != 0 {
				b.WriteRune(f)
			}
		}
	}
	if b.Len() == 0 {
		return strings.TrimSpace(s)
	}
	return b.String()
}

// foldAccent maps common accented Latin letters to their base letter.
func foldAccent(r rune) rune {
	const from = "ÀÁÂÃÄÅàáâãäåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕÖòóôõöÙÚÛÜùúûüÑñÇçÝýÿ"
	const to = "aaaaaaaaaaaaeeeeeeeeiiiiiiiioooooooooouuuuuuuunnccyyy"
	i := 0
	for _, f := range from {
		if f == r {
			t, _ := utf8.DecodeRuneInString(to[i:])
			return t
		}
		i++
	}
	return 0
}

// The enumerations of the upload kinds, canonical spellings as stored in the
// lake (internal/domain/values.go).
var (
	enumHadir = newEnum("Status Kehadiran", domain.AttendanceStatuses, map[string][]string{
		"Hadir":       {"H", "Ya", "Y", "✓", "✔", "☑", "v", "Hadir Penuh", "Present"},
		"Tidak Hadir": {"TH", "Tidak", "T", "Absen", "Alpa", "Alpha", "Mangkir", "Tidak Hadir Tanpa Keterangan"},
		"Izin":        {"I", "Ijin", "Izin Dinas"},
		"Sakit":       {"S", "Sakit (Surat Dokter)"},
	})
	enumMode = newEnum("Mode", domain.TrainingModes, map[string][]string{
		"Luring":   {"Offline", "Tatap Muka", "Luar Jaringan"},
		"Daring":   {"Online", "Dalam Jaringan", "Virtual", "Jarak Jauh"},
		"Campuran": {"Hybrid", "Hibrida", "Blended", "Blended Learning", "Luring dan Daring", "Daring dan Luring", "Kombinasi"},
	})
	enumKelamin = newEnum("Jenis Kelamin", domain.Sexes, map[string][]string{
		"L": {"Laki-laki", "Laki Laki", "Lelaki", "Pria", "LK", "Male", "M"},
		"P": {"Perempuan", "Wanita", "PR", "W", "Female", "F"},
	})
	enumASN = newEnum("Jenis ASN", domain.ASNTypes, map[string][]string{
		"PNS":  {"Pegawai Negeri Sipil", "CPNS", "ASN PNS"},
		"PPPK": {"P3K", "Pegawai Pemerintah dengan Perjanjian Kerja", "ASN PPPK", "PPPK Penuh Waktu", "PPPK Paruh Waktu"},
	})
	enumStatus = newEnum("Status", domain.StaffStatuses, map[string][]string{
		"Aktif":         {"Active", "Aktip"},
		"Cuti":          {"Cuti Besar", "Cuti Melahirkan", "Cuti di Luar Tanggungan Negara", "CLTN"},
		"Tugas Belajar": {"TB", "Tubel"},
		"Diberhentikan": {"Berhenti", "Diberhentikan Sementara", "Pemberhentian"},
		"Pensiun":       {"Purna Tugas", "Purnabakti", "Pensiunan"},
	})
	enumKategori = newEnum("Kategori", domain.TrainingCategories, map[string][]string{
		"Pelayanan Publik": {"Pelayanan", "Layanan Publik"},
		"Manajerial":       {"Managerial", "Kepemimpinan"},
		"Teknis":           {"Teknis Substantif"},
		"Fungsional":       {"Jabatan Fungsional"},
		"Sosial Kultural":  {"Sosiokultural", "Sosio Kultural", "Sosial-Kultural"},
		"Lainnya":          {"Lain-lain", "Lain Lain", "Lain"},
	})
	enumTindak = newEnum("Tindak Lanjut", domain.FollowUps, map[string][]string{
		"Penghargaan": {"Reward", "Apresiasi"},
		"Pembinaan":   {"Coaching", "Bimbingan", "Konseling"},
		"Pelatihan":   {"Diklat", "Pengembangan Kompetensi"},
		"Tidak Ada":   {"Tidak", "-", "Belum Ada", "Tidak Perlu", "Nihil"},
	})
	enumRating = newEnum("Rating", domain.Ratings, map[string][]string{
		"Di Atas Ekspektasi":  {"Di Atas", "Diatas", "Diatas Ekspektasi", "Melebihi Ekspektasi", "Atas"},
		"Sesuai Ekspektasi":   {"Sesuai", "Sesuai Harapan"},
		"Di Bawah Ekspektasi": {"Di Bawah", "Dibawah", "Dibawah Ekspektasi", "Kurang dari Ekspektasi", "Bawah"},
	})
	enumPredikat = newEnum("Predikat", domain.Predikats, map[string][]string{
		"Sangat Baik":       {"Sangatbaik", "Istimewa"},
		"Butuh Perbaikan":   {"Perlu Perbaikan", "Butuh Perbaikkan"},
		"Kurang/Misconduct": {"Kurang", "Misconduct", "Kurang (Misconduct)", "Kurang / Misconduct"},
		"Sangat Kurang":     {"Sangatkurang"},
	})
	enumGolongan = newEnum("Golongan", golongan(), nil)
)

// golongan lists the PNS ranks I/a..IV/e and the PPPK grades I..XVII.
func golongan() []string {
	var out []string
	for _, g := range []string{"I", "II", "III", "IV"} {
		for _, r := range "abcde" {
			if r != 'e' || g == "IV" {
				out = append(out, g+"/"+string(r))
			}
		}
	}
	return append(out, "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
		"XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII")
}
