package transform

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// column is one lake column as DuckDB types it.
type column struct{ name, typ string }

// columnsOf types fields as DuckDB reads them (lake.DuckDBType).
func columnsOf(fields []arrow.Field) []column {
	cols := make([]column, len(fields))
	for i, f := range fields {
		cols[i] = column{f.Name, lake.DuckDBType(f.Type)}
	}
	return cols
}

// kindColumns are the Parquet columns of each kind's lake files
// (lake.KindSchema: the kind's own, then upload_id and source_row).
var kindColumns = func() map[domain.Kind][]column {
	m := map[domain.Kind][]column{}
	for _, k := range domain.Kinds {
		m[k] = columnsOf(lake.KindSchema(k).Fields())
	}
	return m
}()

// partitionColumns follow the file's columns in every kind's view: the
// Hive partition keys (lake.PartitionKeys).
var partitionColumns = func() []column {
	var cols []column
	for _, k := range lake.PartitionKeys {
		cols = append(cols, column{k, "VARCHAR"})
	}
	return cols
}()

// viewTyped is kind k's view's columns in order, with their types.
func viewTyped(k domain.Kind) []column {
	return append(append([]column{}, kindColumns[k]...), partitionColumns...)
}

// viewColumns names the columns of kind k's view, in order.
func viewColumns(k domain.Kind) []string {
	var cols []string
	for _, c := range viewTyped(k) {
		cols = append(cols, c.name)
	}
	return cols
}

// emptySelect is a typed SELECT with the kind's columns and no rows.
func emptySelect(k domain.Kind) string {
	var b strings.Builder
	b.WriteString("SELECT ")
	for i, c := range viewTyped(k) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("CAST(NULL AS " + c.typ + ") AS " + c.name)
	}
	b.WriteString(" WHERE false")
	return b.String()
}

// referenceColumns are reference table name's columns (lake.ReferenceSchema).
func referenceColumns(name string) []column {
	return columnsOf(lake.ReferenceSchema(name).Fields())
}

// sqlString quotes s as a SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
