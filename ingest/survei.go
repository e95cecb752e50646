package ingest

import "github.com/pantau-asn/pantau/internal/domain"

// surveiSchema is public satisfaction survey responses (SKM), one row per
// respondent. The answer columns U1..U9 are matched by element name
// (header.go), because some forms swap U8 and U9.
var surveiSchema = newSchema(&Schema{
	Kind: domain.Survei,
	Columns: []Column{
		{Name: "Tanggal", Aliases: []string{"Tanggal Survei", "Tanggal Pengisian", "Tgl", "Tanggal Layanan", "Waktu Pengisian"}, Type: TypeDate, Required: true, Lake: "tanggal", Hint: "hh/bb/tttt, dalam bulan laporan", Example: "12/10/2026"},
		{Name: "Kode Instansi", Aliases: []string{"Instansi", "Kode OPD"}, Type: TypeText, Ref: RefAgency, Hint: "Kode instansi Anda (nama folder kiriman); boleh kosong"},
		{Name: "Kode Unit Layanan", Aliases: []string{"Kode Unit", "Kode Layanan Unit", "ID Unit Layanan"}, Type: TypeUnit, Group: "unit", Lake: "unit_code", Hint: "Kode unit layanan (lihat referensi); atau isi Unit Layanan"},
		{Name: "Unit Layanan", Aliases: []string{"Nama Unit Layanan", "Unit Pelayanan", "Nama Unit", "Unit"}, Type: TypeText, Group: "unit", Ref: RefUnitName, Hint: "Nama unit layanan bila kode tidak diisi"},
		{Name: "Jenis Layanan", Aliases: []string{"Layanan", "Jenis Pelayanan", "Nama Layanan"}, Type: TypeText, Required: true, Ref: RefService, Lake: "jenis_layanan", Hint: "Layanan yang diterima, mis. Akta Kelahiran", Example: "Akta Kelahiran"},
		{Name: "Usia", Aliases: []string{"Umur", "Usia (Tahun)"}, Type: TypeInt, Min: 10, Max: 120, Lake: "usia", Hint: "Tahun; boleh kosong", Example: "34"},
		{Name: "Jenis Kelamin", Aliases: []string{"JK", "L/P", "Kelamin"}, Type: TypeEnum, Enum: enumKelamin, Lake: "jenis_kelamin", Hint: "L atau P; boleh kosong", Example: "P"},
		{Name: "Pendidikan", Aliases: []string{"Pendidikan Terakhir", "Tingkat Pendidikan"}, Type: TypeText, Lake: "pendidikan", Hint: "mis. SD, SMP, SMA, D3, S1, S2, S3", Example: "S1"},
		{Name: "Pekerjaan", Aliases: []string{"Pekerjaan Utama", "Profesi"}, Type: TypeText, Lake: "pekerjaan", Hint: "mis. PNS, Swasta, Wiraswasta, Pelajar", Example: "Wiraswasta"},
		{Name: "U1 Persyaratan", Aliases: []string{"U1", "Unsur 1"}, Type: TypeAnswer, Element: 1, Lake: "u1", Hint: "1-4 atau label jawaban", Example: "4"},
		{Name: "U2 Sistem, Mekanisme dan Prosedur", Aliases: []string{"U2", "Unsur 2"}, Type: TypeAnswer, Element: 2, Lake: "u2", Hint: "1-4 atau label jawaban", Example: "3"},
		{Name: "U3 Waktu Penyelesaian", Aliases: []string{"U3", "Unsur 3"}, Type: TypeAnswer, Element: 3, Lake: "u3", Hint: "1-4 atau label jawaban", Example: "3"},
		{Name: "U4 Biaya/Tarif", Aliases: []string{"U4", "Unsur 4"}, Type: TypeAnswer, Element: 4, Lake: "u4", Hint: "1-4 atau Sangat mahal/Cukup mahal/Murah/Gratis", Example: "4"},
		{Name: "U5 Produk Spesifikasi Jenis Pelayanan", Aliases: []string{"U5", "Unsur 5"}, Type: TypeAnswer, Element: 5, Lake: "u5", Hint: "1-4 atau label jawaban", Example: "3"},
		{Name: "U6 Kompetensi Pelaksana", Aliases: []string{"U6", "Unsur 6"}, Type: TypeAnswer, Element: 6, Lake: "u6", Hint: "1-4 atau label jawaban", Example: "3"},
		{Name: "U7 Perilaku Pelaksana", Aliases: []string{"U7", "Unsur 7"}, Type: TypeAnswer, Element: 7, Lake: "u7", Hint: "1-4 atau label jawaban", Example: "4"},
		{Name: "U8 Sarana dan Prasarana", Aliases: []string{"U8", "Unsur 8"}, Type: TypeAnswer, Element: 8, Lake: "u8", Hint: "1-4 atau Buruk/Cukup/Baik/Sangat baik", Example: "3"},
		{Name: "U9 Penanganan Pengaduan, Saran dan Masukan", Aliases: []string{"U9", "Unsur 9"}, Type: TypeAnswer, Element: 9, Lake: "u9", Hint: "1-4 atau Tidak ada/Ada tetapi tidak berfungsi/Berfungsi kurang maksimal/Dikelola dengan baik", Example: "4"},
		{Name: "Saran", Aliases: []string{"Saran dan Masukan", "Kritik dan Saran", "Masukan", "Komentar"}, Type: TypeText, Lake: "saran", Hint: "Boleh kosong", Example: ""},
	},
	// Survey responses are anonymous: identical answers on the same day are
	// legitimate, so there is no duplicate key.
	PeriodFrom: "tanggal",
	Check:      checkSurvei,
})

// elementKeywords recognise an SKM element from its header, by name.
var elementKeywords = [9][]string{
	{"persyaratan", "syarat"},
	{"prosedur", "mekanisme", "sistemmekanisme"},
	{"waktu", "kecepatan"},
	{"biaya", "tarif"},
	{"produk", "spesifikasi"},
	{"kompetensi"},
	{"perilaku", "kesopanan", "keramahan"},
	{"sarana", "prasarana"},
	{"pengaduan", "penanganan"},
}

// checkSurvei: the date is in the period, the unit is known, and the row
// answers at least one question.
func checkSurvei(r *Row) {
	if t := r.Get("tanggal"); t.Valid && !r.inPeriod(t.D) {
		r.Fail("tanggal", ErrOutOfPeriod, msgSurveyOutside(formatDate(t.D), r.periodLabel()))
	}
	code, name := r.Get("unit_code"), r.Get("Unit Layanan")
	if !code.Valid && name.Valid {
		if c, ok := r.unitByName(name.S); ok {
			r.Set("unit_code", Value{Valid: true, S: c})
		} else {
			r.Fail("Unit Layanan", ErrUnknownUnit, msgUnknownUnitName(name.S))
		}
	}
	if !r.filled("unit_code") && !r.filled("Unit Layanan") { // an unknown code or name has its reason already
		r.Fail("unit_code", ErrRequired, msgUnitRequired)
	}
	for i := 0; i < 9; i++ {
		if r.Values[r.s.slot[answerLake[i]]].Valid {
			return
		}
	}
	r.Fail("u1", ErrNoAnswers, msgNoAnswers)
}

var answerLake = [9]string{"u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"}
