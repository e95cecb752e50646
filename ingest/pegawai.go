package ingest

import "github.com/pantau-asn/pantau/internal/domain"

// pegawaiSchema is the staff roster, a snapshot at the end of the period.
var pegawaiSchema = newSchema(&Schema{
	Kind: domain.Pegawai,
	Columns: []Column{
		{Name: "NIP", Aliases: []string{"NIP Baru", "Nomor Induk Pegawai", "NI PPPK", "NIP/NI PPPK", "NIP ASN"}, Type: TypeNIP, Required: true, Lake: "nip", Hint: "18 digit, kolom berformat Teks", Example: "198609262015051001"},
		{Name: "Nama", Aliases: []string{"Nama Pegawai", "Nama Lengkap", "Nama ASN", "Nama PNS"}, Type: TypeText, Required: true, Lake: "nama", Hint: "Nama lengkap dengan gelar", Example: "Maria Latuconsina, S.E."},
		{Name: "Jenis ASN", Aliases: []string{"Jenis Pegawai", "Status ASN", "PNS/PPPK"}, Type: TypeEnum, Enum: enumASN, Lake: "jenis_asn", Hint: "PNS atau PPPK; boleh kosong (dibaca dari NIP)", Example: "PNS"},
		{Name: "Jenis Kelamin", Aliases: []string{"JK", "L/P", "Kelamin", "Sex"}, Type: TypeEnum, Enum: enumKelamin, Lake: "jenis_kelamin", Hint: "L atau P", Example: "P"},
		{Name: "Kode Instansi", Aliases: []string{"Instansi", "Kode OPD"}, Type: TypeText, Ref: RefAgency, Hint: "Kode instansi Anda (nama folder kiriman); boleh kosong"},
		{Name: "Unit Kerja", Aliases: []string{"Satuan Kerja", "Satker", "Unit Organisasi", "OPD", "Perangkat Daerah"}, Type: TypeText, Required: true, Lake: "unit_kerja", Hint: "Nama unit kerja", Example: "Dinas Kependudukan dan Pencatatan Sipil"},
		{Name: "Kode Unit Layanan", Aliases: []string{"Unit Layanan", "Kode Layanan"}, Type: TypeUnit, Lake: "unit_layanan", Hint: "Kode unit layanan publik tempat bertugas (lihat referensi); boleh kosong", Example: ""},
		{Name: "Kabupaten/Kota", Aliases: []string{"Kabupaten", "Kota", "Kab/Kota", "Kabupaten Kota", "Lokasi Kerja", "Wilayah", "Kode Kabupaten/Kota"}, Type: TypeDistrict, Required: true, Lake: "district_code", Hint: "Nama atau kode Kemendagri, mis. Kota Ambon atau 81.71", Example: "Kota Ambon"},
		{Name: "Jabatan", Aliases: []string{"Nama Jabatan"}, Type: TypeText, Lake: "jabatan", Hint: "Nama jabatan", Example: "Analis Kependudukan"},
		{Name: "Golongan", Aliases: []string{"Gol", "Gol/Ruang", "Golongan/Ruang", "Pangkat/Golongan"}, Type: TypeEnum, Enum: enumGolongan, Lake: "golongan", Hint: "PNS I/a..IV/e, PPPK I..XVII", Example: "III/b"},
		{Name: "Status", Aliases: []string{"Status Pegawai", "Status Kepegawaian", "Keterangan Status"}, Type: TypeEnum, Enum: enumStatus, Default: "Aktif", Lake: "status", Hint: "Aktif (bawaan), Cuti, Tugas Belajar, Diberhentikan, Pensiun", Example: "Aktif"},
	},
	Key:   []string{"nip"},
	Check: checkPegawai,
})

// checkPegawai fills Jenis ASN from the NIP, or checks that they agree.
func checkPegawai(r *Row) {
	checkASN(r)
}

// checkASN derives jenis_asn from the NIP when it is blank and reports a
// disagreement otherwise.
func checkASN(r *Row) {
	nip := r.Get("nip")
	if !nip.Valid {
		return
	}
	asn := r.Get("jenis_asn")
	if !asn.Valid {
		r.Set("jenis_asn", Value{Valid: true, S: nip.S2})
		return
	}
	if asn.S != nip.S2 {
		r.Fail("jenis_asn", ErrMismatch, msgASNMismatch(asn.S, nip.S2))
	}
}
