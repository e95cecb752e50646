package transform

import "strings"

// jpSelect is the attended-JP aggregate (sql/kehadiran_jp.sql) of the
// kehadiran rows of src, a FROM item with the kehadiran view's columns:
// per upload period, NIP (as nip_key, the BIGINT of stage roster_rows) and
// month of tanggal_selesai, the JP of the rows with status Hadir and a JP.
// Compact writes it per compacted set (lake.CompactSet.JPFile); view
// kehadiran_jp reads those files and computes it over the other uploads'
// rows, so stage att_person gets the same figures either way. Every bound
// att_person applies to tanggal_selesai is a month's first or last day, so
// the month decides exactly as the date does. JP are summed per month,
// then over months: the same total (exact for whole JP in any order; for
// fractions a last bit may differ, as between runs of DuckDB's parallel
// SUM, which fixes no order either — params.jp_tolerance absorbs it).
func jpSelect(src string) string {
	q, err := sqlFiles.ReadFile("sql/kehadiran_jp.sql")
	if err != nil {
		panic(err) // embedded
	}
	return strings.Replace(string(q), "FROM __rows__", "FROM "+src, 1)
}

// jpColumns are the columns of jpSelect, as written in a JP aggregate file.
var jpColumns = []column{
	{"period", "VARCHAR"}, {"nip_key", "BIGINT"}, {"month", "DATE"}, {"jp", "DOUBLE"},
	{"jp_klasikal", "DOUBLE"}, {"jp_nonklasikal", "DOUBLE"}, {"jp_luring", "DOUBLE"},
	{"jp_daring", "DOUBLE"}, {"jp_campuran", "DOUBLE"}, {"pelayanan_publik", "INTEGER"},
}
