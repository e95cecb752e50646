package ingest

import (
	"github.com/apache/arrow-go/v18/arrow"

	"github.com/pantau-asn/pantau/internal/domain"
)

// evaluasiSchema is performance evaluations (SKP, PermenPANRB 6/2022).
var evaluasiSchema = newSchema(&Schema{
	Kind: domain.Evaluasi,
	Columns: []Column{
		{Name: "NIP", Aliases: []string{"NIP Baru", "Nomor Induk Pegawai", "NI PPPK", "NIP/NI PPPK", "NIP Pegawai", "NIP yang Dinilai"}, Type: TypeNIP, Required: true, Lake: "nip", Hint: "18 digit, kolom berformat Teks", Example: "198609262015051001"},
		{Name: "Nama", Aliases: []string{"Nama Pegawai", "Nama Lengkap", "Nama yang Dinilai"}, Type: TypeText, Lake: "nama", Hint: "Nama pegawai (dicocokkan dengan data pegawai)", Example: "Maria Latuconsina, S.E."},
		{Name: "Kode Instansi", Aliases: []string{"Instansi", "Kode OPD"}, Type: TypeText, Ref: RefAgency, Hint: "Kode instansi Anda (nama folder kiriman); boleh kosong"},
		{Name: "Periode Penilaian", Aliases: []string{"Periode SKP", "Periode Evaluasi", "Periode Kinerja", "Masa Penilaian"}, Type: TypeEvalPeriod, Required: true, Lake: "periode_penilaian", More: []Output{
			{Lake: "jenis_periode", Arrow: arrow.BinaryTypes.String, Second: true},
			{Lake: "periode_mulai", Arrow: arrow.FixedWidthTypes.Date32},
			{Lake: "periode_selesai", Arrow: arrow.FixedWidthTypes.Date32, Second: true}}, Hint: "2026-09, Triwulan III 2026, Semester I 2026 atau Tahunan 2025; harus berakhir di bulan laporan", Example: "Oktober 2026"},
		{Name: "Rating Hasil Kerja", Aliases: []string{"Hasil Kerja", "Rating Kinerja", "Rating Hasil"}, Type: TypeEnum, Enum: enumRating, Lake: "rating_hasil_kerja", Hint: "Di Atas / Sesuai / Di Bawah Ekspektasi", Example: "Sesuai Ekspektasi"},
		{Name: "Rating Perilaku", Aliases: []string{"Perilaku Kerja", "Rating Perilaku Kerja", "Perilaku"}, Type: TypeEnum, Enum: enumRating, Lake: "rating_perilaku", Hint: "Di Atas / Sesuai / Di Bawah Ekspektasi", Example: "Di Atas Ekspektasi"},
		{Name: "Predikat", Aliases: []string{"Predikat Kinerja", "Predikat SKP", "Nilai Predikat"}, Type: TypeEnum, Enum: enumPredikat, Lake: "predikat", Hint: "Sangat Baik, Baik, Butuh Perbaikan, Kurang/Misconduct, Sangat Kurang; boleh kosong bila kedua rating diisi", Example: "Baik"},
		{Name: "NIP Penilai", Aliases: []string{"NIP Pejabat Penilai", "NIP Atasan", "NIP Atasan Langsung"}, Type: TypeNIP, Lake: "nip_penilai", Hint: "NIP pejabat penilai, 18 digit; boleh kosong", Example: ""},
		{Name: "Tindak Lanjut", Aliases: []string{"Rencana Tindak Lanjut", "Tindaklanjut", "Follow Up"}, Type: TypeEnum, Enum: enumTindak, Lake: "tindak_lanjut", Hint: "Penghargaan, Pembinaan, Pelatihan atau Tidak Ada", Example: "Tidak Ada"},
	},
	Key:        []string{"nip", "periode_penilaian"},
	PeriodFrom: "periode_selesai",
	Check:      checkEvaluasi,
})

// checkEvaluasi: the evaluation period ends in the reporting month, and the
// predikat follows from the two ratings (domain.Predikat).
func checkEvaluasi(r *Row) {
	if p := r.Get("periode_penilaian"); p.Valid && !r.inPeriod(p.D2) {
		r.Fail("periode_penilaian", ErrOutOfPeriod, msgEvalPeriodOutside(p.S, formatDate(p.D2), r.periodLabel()))
	}
	hasil, perilaku, pred := r.Get("rating_hasil_kerja"), r.Get("rating_perilaku"), r.Get("predikat")
	switch {
	case hasil.Valid && perilaku.Valid:
		want := domain.Predikat(hasil.S, perilaku.S)
		if !pred.Valid {
			r.Set("predikat", Value{Valid: true, S: want})
		} else if pred.S != want {
			r.Fail("predikat", ErrMismatch, msgPredikatMismatch(pred.S, hasil.S, perilaku.S, want))
		}
	case r.filled("predikat") || r.filled("rating_hasil_kerja") && r.filled("rating_perilaku"):
		// given but not read: the cell's own reason says what is wrong
	case hasil.Valid != perilaku.Valid && !pred.Valid:
		r.Fail("predikat", ErrRequired, msgPredikatOrRatings)
	case !pred.Valid:
		r.Fail("predikat", ErrRequired, msgPredikatEmpty)
	}
}
