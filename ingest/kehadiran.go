package ingest

import (
	"github.com/apache/arrow-go/v18/arrow"

	"github.com/pantau-asn/pantau/internal/domain"
)

// kehadiranSchema is training attendance, one row per person per training.
var kehadiranSchema = newSchema(&Schema{
	Kind: domain.Kehadiran,
	Columns: []Column{
		{Name: "NIP", Aliases: []string{"NIP Baru", "Nomor Induk Pegawai", "NI PPPK", "NIP/NI PPPK", "NIP Peserta"}, Type: TypeNIP, Required: true, Lake: "nip", Hint: "18 digit, kolom berformat Teks", Example: "198609262015051001"},
		{Name: "Nama", Aliases: []string{"Nama Pegawai", "Nama Peserta", "Nama Lengkap"}, Type: TypeText, Lake: "nama", Hint: "Nama peserta (dicocokkan dengan data pegawai)", Example: "Maria Latuconsina, S.E."},
		{Name: "Kode Instansi", Aliases: []string{"Instansi", "Kode OPD"}, Type: TypeText, Ref: RefAgency, Hint: "Kode instansi Anda (nama folder kiriman); boleh kosong"},
		{Name: "Nama Pelatihan", Aliases: []string{"Judul Pelatihan", "Nama Diklat", "Nama Kegiatan", "Pelatihan", "Judul Kegiatan", "Nama Pengembangan Kompetensi"}, Type: TypeText, Required: true, Lake: "nama_pelatihan", Hint: "Judul pelatihan", Example: "Pelayanan Prima Administrasi Kependudukan"},
		{Name: "Jenis Pengembangan", Aliases: []string{"Jenis Diklat", "Jenis Pelatihan", "Jenis Kegiatan", "Jenis Pengembangan Kompetensi", "Kode Jenis Diklat"}, Type: TypeTraining, Required: true, Lake: "jenis_pengembangan", More: []Output{{Lake: "bentuk", Arrow: arrow.BinaryTypes.String, Second: true}}, Hint: "Jenis diklat SIASN (nama atau kode), mis. Workshop, Bimbingan Teknis, E-Learning", Example: "Bimbingan Teknis"},
		{Name: "Kategori", Aliases: []string{"Kategori Pelatihan", "Rumpun", "Kategori Kompetensi"}, Type: TypeEnum, Enum: enumKategori, Lake: "kategori", Hint: "Pelayanan Publik, Manajerial, Teknis, Fungsional, Sosial Kultural, Lainnya", Example: "Pelayanan Publik"},
		{Name: "Penyelenggara", Aliases: []string{"Lembaga Penyelenggara", "Instansi Penyelenggara", "Pelaksana"}, Type: TypeText, Lake: "penyelenggara", Hint: "Lembaga yang menyelenggarakan", Example: "BPSDM Provinsi Maluku"},
		{Name: "Tanggal Mulai", Aliases: []string{"Tgl Mulai", "Mulai", "Tanggal Awal", "Dari Tanggal", "Tanggal Pelaksanaan Mulai"}, Type: TypeDate, Required: true, Lake: "tanggal_mulai", Hint: "hh/bb/tttt, mis. 05/10/2026", Example: "05/10/2026"},
		{Name: "Tanggal Selesai", Aliases: []string{"Tgl Selesai", "Selesai", "Tanggal Akhir", "Sampai Tanggal", "Tanggal Pelaksanaan Selesai"}, Type: TypeDate, Required: true, Lake: "tanggal_selesai", Hint: "hh/bb/tttt, dalam bulan laporan", Example: "07/10/2026"},
		{Name: "JP", Aliases: []string{"Jumlah JP", "Jam Pelajaran", "Jumlah Jam Pelajaran", "Total JP"}, Type: TypeNumber, Required: true, Min: 0, Max: 1000, Lake: "jp", Hint: "Jam pelajaran, lebih dari 0 dan paling banyak 1000", Example: "24"},
		{Name: "Status Kehadiran", Aliases: []string{"Kehadiran", "Hadir", "Status Hadir", "Keterangan Hadir"}, Type: TypeEnum, Enum: enumHadir, Required: true, Lake: "status_kehadiran", Hint: "Hadir, Tidak Hadir, Izin atau Sakit", Example: "Hadir"},
		{Name: "Mode", Aliases: []string{"Moda", "Metode", "Mode Pelaksanaan", "Moda Pelaksanaan", "Metode Pelaksanaan"}, Type: TypeEnum, Enum: enumMode, Default: "Luring", Lake: "mode", Hint: "Luring (bawaan), Daring atau Campuran", Example: "Luring"},
		{Name: "Lokasi", Aliases: []string{"Tempat", "Lokasi Pelatihan", "Kabupaten/Kota Pelaksanaan", "Tempat Pelaksanaan"}, Type: TypeDistrict, Lake: "lokasi", Hint: "Kabupaten/kota tempat pelatihan; boleh kosong untuk daring", Example: "Kota Ambon"},
	},
	Key:        []string{"nip", "nama_pelatihan", "tanggal_mulai", "tanggal_selesai"},
	PeriodFrom: "tanggal_selesai",
	Check:      checkKehadiran,
})

// checkKehadiran: dates in order and ending in the period, JP above zero.
func checkKehadiran(r *Row) {
	mulai, selesai := r.Get("tanggal_mulai"), r.Get("tanggal_selesai")
	if mulai.Valid && selesai.Valid && selesai.D < mulai.D {
		r.Fail("tanggal_selesai", ErrRange, msgEndBeforeStart(formatDate(selesai.D), formatDate(mulai.D)))
	}
	if selesai.Valid && !r.inPeriod(selesai.D) {
		r.Fail("tanggal_selesai", ErrOutOfPeriod, msgTrainingOutside(formatDate(selesai.D), r.periodLabel()))
	}
	if jp := r.Get("jp"); jp.Valid && jp.F <= 0 {
		r.Fail("jp", ErrRange, msgJPPositive)
	}
}
