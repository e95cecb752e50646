package lake

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/pantau-asn/pantau/internal/domain"
)

// The lake's columns, defined once. ingest writes them (its upload schemas
// are checked against these when the package loads), transform reads them
// (its views and typed empty views come from here), and the national
// generator in sample-data writes them too. Adding a lake column is one line
// here plus the ingest Column that fills it; a consumer that disagrees
// fails at start-up or in its tests (TestSchemaArrow, TestViewsMatchLake,
// TestNationalLakeSchema).
var (
	str   = arrow.BinaryTypes.String
	date  = arrow.FixedWidthTypes.Date32
	f64   = arrow.PrimitiveTypes.Float64
	i32   = arrow.PrimitiveTypes.Int32
	i8    = arrow.PrimitiveTypes.Int8
	i64   = arrow.PrimitiveTypes.Int64
	boolT = arrow.FixedWidthTypes.Boolean
)

// kindFields are each kind's own lake columns in file order; every one is
// nullable. The value sets in the comments are the canonical ones of
// internal/domain and ingest's enumerations.
var kindFields = map[domain.Kind][]arrow.Field{
	domain.Pegawai: nullable(
		f("nip", str), f("nama", str),
		f("jenis_asn", str),     // PNS|PPPK
		f("jenis_kelamin", str), // L|P|null
		f("unit_kerja", str),
		f("unit_layanan", str),  // unit code|null
		f("district_code", str), // "81.71"
		f("jabatan", str), f("golongan", str),
		f("status", str), // Aktif|Cuti|Tugas Belajar|Diberhentikan|Pensiun
	),
	domain.Kehadiran: nullable(
		f("nip", str), f("nama", str), f("nama_pelatihan", str),
		f("jenis_pengembangan", str), // canonical SIASN name
		f("bentuk", str),             // klasikal|nonklasikal
		f("kategori", str),           // Pelayanan Publik|Manajerial|Teknis|Fungsional|Sosial Kultural|Lainnya|null
		f("penyelenggara", str),
		f("tanggal_mulai", date), f("tanggal_selesai", date),
		f("jp", f64),
		f("status_kehadiran", str), // Hadir|Tidak Hadir|Izin|Sakit
		f("mode", str),             // Luring|Daring|Campuran
		f("lokasi", str),           // district code|null
	),
	domain.Evaluasi: nullable(
		f("nip", str), f("nama", str),
		f("periode_penilaian", str), // canonical text "Triwulan III 2026"
		f("jenis_periode", str),     // bulanan|triwulan|semester|tahunan
		f("periode_mulai", date), f("periode_selesai", date),
		f("rating_hasil_kerja", str), f("rating_perilaku", str),
		f("predikat", str), // domain.Predikats
		f("nip_penilai", str), f("tindak_lanjut", str),
	),
	domain.Survei: nullable(
		f("tanggal", date), f("unit_code", str), f("jenis_layanan", str),
		f("usia", i32), // null when not given
		f("jenis_kelamin", str), f("pendidikan", str), f("pekerjaan", str),
		f("u1", i8), f("u2", i8), f("u3", i8), f("u4", i8), f("u5", i8), // 1-4|null
		f("u6", i8), f("u7", i8), f("u8", i8), f("u9", i8),
		f("saran", str),
	),
}

// uploadFields follow every kind's own columns in its lake files.
var uploadFields = []arrow.Field{
	{Name: "upload_id", Type: str},
	{Name: "source_row", Type: i32}, // the 1-based row in the upload's sheet
}

// PartitionKeys are the Hive partition keys of a kind's lake files
// (period=YYYY-MM/agency=<code>), read as VARCHAR columns after the file's
// own; a compacted file holds them as ordinary columns.
var PartitionKeys = []string{"period", "agency"}

// KindFields returns the lake columns of kind k without upload_id and
// source_row, or nil for an unknown kind. The slice is a copy.
func KindFields(k domain.Kind) []arrow.Field {
	fs, ok := kindFields[k]
	if !ok {
		return nil
	}
	return append([]arrow.Field(nil), fs...)
}

// KindSchema returns the Arrow schema of kind k's lake files: KindFields(k)
// followed by upload_id and source_row; nil for an unknown kind.
func KindSchema(k domain.Kind) *arrow.Schema {
	fs := KindFields(k)
	if fs == nil {
		return nil
	}
	return arrow.NewSchema(append(fs, uploadFields...), nil)
}

// Reference tables, written beside the lake (ReferenceDir) and replaced
// whole when referensi.xlsx changes.
const (
	RefKabupaten   = "kabupaten"
	RefInstansi    = "instansi"
	RefUnitLayanan = "unit_layanan"
)

// ReferenceTables names the reference tables in the order they are loaded.
var ReferenceTables = []string{RefKabupaten, RefInstansi, RefUnitLayanan}

var referenceSchemas = map[string]*arrow.Schema{
	RefKabupaten: arrow.NewSchema([]arrow.Field{
		{Name: "district_code", Type: str},
		{Name: "district_name", Type: str},
		{Name: "remote", Type: boolT},
	}, nil),
	RefInstansi: arrow.NewSchema([]arrow.Field{
		{Name: "agency_code", Type: str},
		{Name: "agency_name", Type: str},
		{Name: "district_code", Type: str, Nullable: true},
		{Name: "expects_pegawai", Type: boolT},
		{Name: "expects_kehadiran", Type: boolT},
		{Name: "expects_evaluasi", Type: boolT},
		{Name: "expects_survei", Type: boolT},
	}, nil),
	RefUnitLayanan: arrow.NewSchema([]arrow.Field{
		{Name: "unit_code", Type: str},
		{Name: "unit_name", Type: str},
		{Name: "agency_code", Type: str},
		{Name: "district_code", Type: str, Nullable: true},
		{Name: "service_types", Type: str}, // "A;B"
		{Name: "users_per_month", Type: i64, Nullable: true},
	}, nil),
}

// ReferenceSchema returns the Arrow schema of reference table name
// (lake/referensi/<name>.parquet), or nil for an unknown name.
func ReferenceSchema(name string) *arrow.Schema { return referenceSchemas[name] }

// ExpectsColumn is instansi's column saying whether an agency is expected
// to send kind k.
func ExpectsColumn(k domain.Kind) string { return "expects_" + string(k) }

// DuckDBType is the DuckDB type a lake column of Arrow type t is read as.
// It panics on a type the lake does not use, so a new column type cannot be
// read silently as something else.
func DuckDBType(t arrow.DataType) string {
	switch t.ID() {
	case arrow.STRING:
		return "VARCHAR"
	case arrow.DATE32:
		return "DATE"
	case arrow.FLOAT64:
		return "DOUBLE"
	case arrow.INT64:
		return "BIGINT"
	case arrow.INT32:
		return "INTEGER"
	case arrow.INT8:
		return "TINYINT"
	case arrow.BOOL:
		return "BOOLEAN"
	}
	panic(fmt.Sprintf("lake: no DuckDB type for Arrow %s", t))
}

func f(name string, t arrow.DataType) arrow.Field { return arrow.Field{Name: name, Type: t} }

func nullable(fs ...arrow.Field) []arrow.Field {
	for i := range fs {
		fs[i].Nullable = true
	}
	return fs
}
