package domain

// The canonical values of the lake's enumerated columns, as stored and as
// the metric SQL compares them. ingest's enumerations take their values
// from here (its synonyms map onto them), and transform's
// TestSQLLiteralsAreCanonical checks that every string literal the SQL
// compares an enumerated column with is one of them.

// Attendance statuses (kehadiran.status_kehadiran); only Hadir counts JP.
const (
	Hadir      = "Hadir"
	TidakHadir = "Tidak Hadir"
	Izin       = "Izin"
	Sakit      = "Sakit"
)

// AttendanceStatuses lists kehadiran.status_kehadiran's values.
var AttendanceStatuses = []string{Hadir, TidakHadir, Izin, Sakit}

// Training modes (kehadiran.mode); Luring is the default.
const (
	Luring   = "Luring"
	Daring   = "Daring"
	Campuran = "Campuran"
)

// TrainingModes lists kehadiran.mode's values.
var TrainingModes = []string{Luring, Daring, Campuran}

// Forms of competency development (kehadiran.bentuk), derived from the
// SIASN jenis diklat.
const (
	Klasikal    = "klasikal"
	Nonklasikal = "nonklasikal"
)

// TrainingForms lists kehadiran.bentuk's values.
var TrainingForms = []string{Klasikal, Nonklasikal}

// TrainingCategories lists kehadiran.kategori's values.
var TrainingCategories = []string{"Pelayanan Publik", "Manajerial", "Teknis", "Fungsional", "Sosial Kultural", "Lainnya"}

// ASNTypes lists pegawai.jenis_asn's values (PNS and PPPK, nip.go).
var ASNTypes = []string{PNS, PPPK}

// Sexes lists the values of jenis_kelamin (pegawai and survei).
var Sexes = []string{"L", "P"}

// StatusAktif is the staff status that counts a person on the roster.
const StatusAktif = "Aktif"

// StaffStatuses lists pegawai.status's values; Aktif is the default.
var StaffStatuses = []string{StatusAktif, "Cuti", "Tugas Belajar", "Diberhentikan", "Pensiun"}

// Ratings lists the values of evaluasi.rating_hasil_kerja and
// rating_perilaku (PermenPANRB 6/2022).
var Ratings = []string{DiAtas, Sesuai, DiBawah}

// FollowUps lists evaluasi.tindak_lanjut's values.
var FollowUps = []string{"Penghargaan", "Pembinaan", "Pelatihan", "Tidak Ada"}

// EvalPeriodTypes lists evaluasi.jenis_periode's values.
var EvalPeriodTypes = []string{"bulanan", "triwulan", "semester", "tahunan"}
