package transform

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// bulkRows is the size from which a result table is moved to Arrow through
// a temporary Parquet file (DuckDB COPY, then pqarrow) instead of row by row
// through database/sql: person_progress at national scale has millions of rows.
const bulkRows = 200_000

// tableRecord returns table name as one Arrow record.
func (d *DB) tableRecord(ctx context.Context, name string) (arrow.RecordBatch, error) {
	var n int64
	if err := d.conn.QueryRowContext(ctx, "SELECT count(*) FROM "+name).Scan(&n); err != nil {
		return nil, err
	}
	if n >= bulkRows {
		rec, ok, err := parquetRecord(ctx, d.conn, "SELECT * FROM "+name, filepath.Join(d.tmp, name+".parquet"))
		if err != nil || ok {
			return rec, err
		}
	}
	return queryRecord(ctx, d.conn, "SELECT * FROM "+name)
}

// parquetRecord copies the result of query q to a Parquet file and reads it
// back with pqarrow (columns in parallel). ok is false (and nothing
// returned) when a column's type is not one of the result types (string,
// int64, float64, bool, date32), so the caller falls back to the row path
// with its fixed type mapping.
func parquetRecord(ctx context.Context, conn *sql.Conn, q, path string) (arrow.RecordBatch, bool, error) {
	ok, err := copyParquet(ctx, conn, q, path)
	if err != nil || !ok {
		return nil, false, err
	}
	return readParquetRecord(ctx, path)
}

// copyParquet writes the result of q to path (uncompressed Parquet) when
// every column has a result type; ok is false (nothing written) otherwise.
func copyParquet(ctx context.Context, conn *sql.Conn, q, path string) (bool, error) {
	rows, err := conn.QueryContext(ctx, "SELECT * FROM ("+q+") LIMIT 0")
	if err != nil {
		return false, err
	}
	cts, err := rows.ColumnTypes()
	rows.Close()
	if err != nil {
		return false, err
	}
	for _, ct := range cts {
		switch ct.DatabaseTypeName() {
		case "VARCHAR", "BIGINT", "DOUBLE", "BOOLEAN", "DATE":
		default: // e.g. HUGEINT sums, which Parquet would store as DOUBLE
			return false, nil
		}
	}
	if _, err := conn.ExecContext(ctx, "COPY ("+q+") TO "+sqlString(path)+
		" (FORMAT parquet, COMPRESSION uncompressed)"); err != nil {
		os.Remove(path)
		return false, err
	}
	return true, nil
}

// readParquetRecord reads a file written by copyParquet as one record and
// removes it.
func readParquetRecord(ctx context.Context, path string) (arrow.RecordBatch, bool, error) {
	defer os.Remove(path)
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		return nil, false, err
	}
	defer pf.Close()
	mem := memory.NewGoAllocator()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: 1 << 16, Parallel: true}, mem)
	if err != nil {
		return nil, false, err
	}
	tbl, err := fr.ReadTable(ctx)
	if err != nil {
		return nil, false, err
	}
	defer tbl.Release()
	fields := make([]arrow.Field, tbl.NumCols())
	cols := make([]arrow.Array, tbl.NumCols())
	release := func() {
		for _, c := range cols {
			if c != nil {
				c.Release()
			}
		}
	}
	for i := range fields {
		c := tbl.Column(i)
		switch c.DataType().ID() {
		case arrow.STRING, arrow.INT64, arrow.FLOAT64, arrow.BOOL, arrow.DATE32:
		default:
			release()
			return nil, false, nil
		}
		fields[i] = arrow.Field{Name: c.Name(), Type: c.DataType(), Nullable: true}
		chunks := c.Data().Chunks()
		if len(chunks) == 0 {
			cols[i] = array.MakeArrayOfNull(mem, c.DataType(), 0)
			continue
		}
		if len(chunks) == 1 { // no copy: the record shares the chunk
			chunks[0].Retain()
			cols[i] = chunks[0]
			continue
		}
		if cols[i], err = array.Concatenate(chunks, mem); err != nil {
			release()
			return nil, false, fmt.Errorf("concatenate %s: %w", c.Name(), err)
		}
	}
	rec := array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, tbl.NumRows())
	release()
	return rec, true, nil
}
