package transform

import (
	"strings"

	"github.com/pantau-asn/pantau/internal/domain"
)

// column is one lake column as DuckDB types it.
type column struct{ name, typ string }

// kindColumns are the Parquet columns of each kind (internal/lake/doc.go)
// plus the Hive partition keys period and agency. They give an empty kind
// its typed, row-less view.
var kindColumns = map[domain.Kind][]column{
	domain.Pegawai: {{"nip", "VARCHAR"}, {"nama", "VARCHAR"}, {"jenis_asn", "VARCHAR"},
		{"jenis_kelamin", "VARCHAR"}, {"unit_kerja", "VARCHAR"}, {"unit_layanan", "VARCHAR"},
		{"district_code", "VARCHAR"}, {"jabatan", "VARCHAR"}, {"golongan", "VARCHAR"}, {"status", "VARCHAR"}},
	domain.Kehadiran: {{"nip", "VARCHAR"}, {"nama", "VARCHAR"}, {"nama_pelatihan", "VARCHAR"},
		{"jenis_pengembangan", "VARCHAR"}, {"bentuk", "VARCHAR"}, {"kategori", "VARCHAR"},
		{"penyelenggara", "VARCHAR"}, {"tanggal_mulai", "DATE"}, {"tanggal_selesai", "DATE"},
		{"jp", "DOUBLE"}, {"status_kehadiran", "VARCHAR"}, {"mode", "VARCHAR"}, {"lokasi", "VARCHAR"}},
	domain.Evaluasi: {{"nip", "VARCHAR"}, {"nama", "VARCHAR"}, {"periode_penilaian", "VARCHAR"},
		{"jenis_periode", "VARCHAR"}, {"periode_mulai", "DATE"}, {"periode_selesai", "DATE"},
		{"rating_hasil_kerja", "VARCHAR"}, {"rating_perilaku", "VARCHAR"}, {"predikat", "VARCHAR"},
		{"nip_penilai", "VARCHAR"}, {"tindak_lanjut", "VARCHAR"}},
	domain.Survei: {{"tanggal", "DATE"}, {"unit_code", "VARCHAR"}, {"jenis_layanan", "VARCHAR"},
		{"usia", "INTEGER"}, {"jenis_kelamin", "VARCHAR"}, {"pendidikan", "VARCHAR"},
		{"pekerjaan", "VARCHAR"}, {"u1", "TINYINT"}, {"u2", "TINYINT"}, {"u3", "TINYINT"},
		{"u4", "TINYINT"}, {"u5", "TINYINT"}, {"u6", "TINYINT"}, {"u7", "TINYINT"},
		{"u8", "TINYINT"}, {"u9", "TINYINT"}, {"saran", "VARCHAR"}},
}

// commonColumns follow every kind's own columns.
var commonColumns = []column{{"upload_id", "VARCHAR"}, {"source_row", "INTEGER"},
	{"period", "VARCHAR"}, {"agency", "VARCHAR"}}

// viewColumns names the columns of kind k's view, in order.
func viewColumns(k domain.Kind) []string {
	cols := make([]string, 0, len(kindColumns[k])+len(commonColumns))
	for _, c := range append(append([]column{}, kindColumns[k]...), commonColumns...) {
		cols = append(cols, c.name)
	}
	return cols
}

// emptySelect is a typed SELECT with the kind's columns and no rows.
func emptySelect(k domain.Kind) string {
	var b strings.Builder
	b.WriteString("SELECT ")
	for i, c := range append(append([]column{}, kindColumns[k]...), commonColumns...) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("CAST(NULL AS " + c.typ + ") AS " + c.name)
	}
	b.WriteString(" WHERE false")
	return b.String()
}

// sqlString quotes s as a SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
