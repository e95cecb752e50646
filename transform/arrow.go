package transform

import (
	"context"
	"database/sql"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/duckdb/duckdb-go/v2"
)

// arrowType maps a DuckDB column type to the Arrow type of result tables:
// VARCHAR→string, integers→int64, DOUBLE/DECIMAL→float64, BOOLEAN→bool,
// DATE→date32, TIMESTAMP→timestamp[µs, UTC].
func arrowType(dbType string) arrow.DataType {
	t := strings.ToUpper(dbType)
	switch {
	case t == "BOOLEAN":
		return arrow.FixedWidthTypes.Boolean
	case strings.HasSuffix(t, "INT") || t == "HUGEINT" || t == "UHUGEINT":
		return arrow.PrimitiveTypes.Int64
	case t == "DOUBLE" || t == "FLOAT" || strings.HasPrefix(t, "DECIMAL"):
		return arrow.PrimitiveTypes.Float64
	case t == "DATE":
		return arrow.FixedWidthTypes.Date32
	case strings.HasPrefix(t, "TIMESTAMP"):
		return &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	}
	return arrow.BinaryTypes.String
}

// queryRecord runs q and returns its rows as one Arrow record.
func queryRecord(ctx context.Context, conn *sql.Conn, q string) (arrow.RecordBatch, error) {
	rows, err := conn.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cts, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	fields := make([]arrow.Field, len(cts))
	for i, ct := range cts {
		fields[i] = arrow.Field{Name: ct.Name(), Type: arrowType(ct.DatabaseTypeName()), Nullable: true}
	}
	schema := arrow.NewSchema(fields, nil)
	b := array.NewRecordBuilder(memory.NewGoAllocator(), schema)
	defer b.Release()
	vals := make([]any, len(cts))
	ptrs := make([]any, len(cts))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		for i, v := range vals {
			if err := appendValue(b.Field(i), v); err != nil {
				return nil, fmt.Errorf("column %s: %w", fields[i].Name, err)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return b.NewRecordBatch(), nil
}

func appendValue(fb array.Builder, v any) error {
	if v == nil {
		fb.AppendNull()
		return nil
	}
	switch b := fb.(type) {
	case *array.StringBuilder:
		switch x := v.(type) {
		case string:
			b.Append(x)
		default:
			b.Append(fmt.Sprint(x))
		}
	case *array.BooleanBuilder:
		x, ok := v.(bool)
		if !ok {
			return fmt.Errorf("want bool, got %T", v)
		}
		b.Append(x)
	case *array.Int64Builder:
		switch x := v.(type) {
		case int64:
			b.Append(x)
		case int32:
			b.Append(int64(x))
		case int16:
			b.Append(int64(x))
		case int8:
			b.Append(int64(x))
		case uint64:
			b.Append(int64(x))
		case uint32:
			b.Append(int64(x))
		case uint16:
			b.Append(int64(x))
		case uint8:
			b.Append(int64(x))
		case *big.Int:
			b.Append(x.Int64())
		default:
			return fmt.Errorf("want integer, got %T", v)
		}
	case *array.Float64Builder:
		switch x := v.(type) {
		case float64:
			b.Append(x)
		case float32:
			b.Append(float64(x))
		case duckdb.Decimal:
			b.Append(x.Float64())
		default:
			return fmt.Errorf("want float, got %T", v)
		}
	case *array.Date32Builder:
		x, ok := v.(time.Time)
		if !ok {
			return fmt.Errorf("want date, got %T", v)
		}
		b.Append(arrow.Date32FromTime(time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC)))
	case *array.TimestampBuilder:
		x, ok := v.(time.Time)
		if !ok {
			return fmt.Errorf("want timestamp, got %T", v)
		}
		b.Append(arrow.Timestamp(x.UTC().UnixMicro()))
	default:
		return fmt.Errorf("unsupported builder %T", fb)
	}
	return nil
}
