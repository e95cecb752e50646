// Package lake is the data directory's layout and its two durable records:
// the Parquet lake (lake/<kind>/period=YYYY-MM/agency=<code>/<upload-id>.parquet)
// and the ledger of every upload (state/ledger.json). It also provides the
// primitives that keep the directory whole under crashes: atomic file writes
// (temp name, fsync, rename) and an exclusive lock on the directory.
//
// The ledger is the source of truth for which lake files count: a lake file
// belongs to the lake only while a ledger entry with Status accepted or
// partial and no ReplacedBy names it. A month of one agency and kind is the
// set of such uploads (CurrentFor): pieces added to it all count, and a
// revision replaces the whole set at once (Entry.Replaces, Entry.Decision).
// Readers take the file list from
// Ledger.Current, never from a directory glob, so a file written before a
// crash and not yet in the ledger is invisible. Sweep never removes such a
// file — it may be the only trace of an upload whose ledger entry was lost:
// every upload's entry is kept in its lake file and beside its archived
// original, and Repair rebuilds the ledger from them (ledger_store.go says
// how the ledger itself is kept: a snapshot, a journal, earlier snapshots).
//
// Compacted copies (lake/compact/<kind>/<YYYY-MM>-<digest>.parquet, see
// CompactSet) hold, for a kind and month with two or more current uploads,
// all their rows in one file — the same columns plus period and agency as
// ordinary columns. They are derived data: the digest in the name says which
// uploads a file holds, a file whose digest does not match the ledger's
// current uploads is ignored by readers and removed by Sweep, and deleting
// lake/compact loses nothing (transform.Compact writes it again).
//
// Lake columns (Parquet, Zstd; partition keys period and agency are in the
// path only). Every kind has upload_id (string) and source_row (int32, the
// 1-based row in the upload's sheet). Dates are date32, read in WIT.
//
//	pegawai:   nip, nama, jenis_asn (PNS|PPPK), jenis_kelamin (L|P|null),
//	           unit_kerja, unit_layanan (unit code|null), district_code ("81.71"),
//	           jabatan, golongan, status (Aktif|Cuti|Tugas Belajar|Diberhentikan|Pensiun)
//	kehadiran: nip, nama, nama_pelatihan, jenis_pengembangan (canonical name),
//	           bentuk (klasikal|nonklasikal), kategori (Pelayanan Publik|Manajerial|
//	           Teknis|Fungsional|Sosial Kultural|Lainnya|null), penyelenggara,
//	           tanggal_mulai, tanggal_selesai (date32), jp (float64),
//	           status_kehadiran (Hadir|Tidak Hadir|Izin|Sakit),
//	           mode (Luring|Daring|Campuran), lokasi (district code|null)
//	evaluasi:  nip, nama, periode_penilaian (canonical text "Triwulan III 2026"),
//	           jenis_periode (bulanan|triwulan|semester|tahunan),
//	           periode_mulai, periode_selesai (date32), rating_hasil_kerja,
//	           rating_perilaku, predikat (domain.Predikats), nip_penilai, tindak_lanjut
//	survei:    tanggal (date32), unit_code, jenis_layanan, usia (int32|null),
//	           jenis_kelamin, pendidikan, pekerjaan, u1..u9 (int8 1-4|null), saran
//
// Reference data is written beside the lake, replaced whole when referensi.xlsx
// changes: lake/referensi/kabupaten.parquet (district_code, district_name,
// remote bool), instansi.parquet (agency_code, agency_name, district_code,
// expects_pegawai, expects_kehadiran, expects_evaluasi, expects_survei bool),
// unit_layanan.parquet (unit_code, unit_name, agency_code, district_code,
// service_types string "A;B", users_per_month int64|null).
package lake
