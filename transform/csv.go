package transform

import (
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// WriteCSV writes every public table as dataDir/<name>.csv: UTF-8, a header
// row, '.' as decimal point, NULL as an empty field, timestamps in WIT
// (RFC 3339). Each file is replaced atomically. person_progress (named
// persons) is never written.
func (r *Result) WriteCSV(dataDir string) error {
	for _, name := range TableNames() {
		if !PublicTable(name) {
			continue
		}
		rec := r.Tables[name]
		if rec == nil {
			continue
		}
		path := filepath.Join(dataDir, name+".csv")
		if err := lake.WriteWith(path, 0o644, func(w io.Writer) error { return writeCSV(w, rec) }); err != nil {
			return fmt.Errorf("write csv %s: %w", path, err)
		}
	}
	return nil
}

// WriteRecordCSV writes rec as CSV in WriteCSV's format.
func WriteRecordCSV(w io.Writer, rec arrow.RecordBatch) error { return writeCSV(w, rec) }

func writeCSV(w io.Writer, rec arrow.RecordBatch) error {
	cw := csv.NewWriter(w)
	header := make([]string, rec.NumCols())
	for i, f := range rec.Schema().Fields() {
		header[i] = f.Name
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	row := make([]string, rec.NumCols())
	for i := 0; i < int(rec.NumRows()); i++ {
		for j := range row {
			row[j] = FormatValue(rec.Column(j), i)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// FormatValue renders row i of a result column as plain text: '.' decimal
// point with the shortest exact digits, true/false, dates YYYY-MM-DD,
// timestamps in WIT as RFC 3339, NULL as "".
func FormatValue(col arrow.Array, i int) string {
	if col.IsNull(i) {
		return ""
	}
	switch c := col.(type) {
	case *array.String:
		return c.Value(i)
	case *array.Int64:
		return strconv.FormatInt(c.Value(i), 10)
	case *array.Float64:
		return strconv.FormatFloat(c.Value(i), 'f', -1, 64)
	case *array.Boolean:
		return strconv.FormatBool(c.Value(i))
	case *array.Date32:
		return c.Value(i).ToTime().Format("2006-01-02")
	case *array.Timestamp:
		return time.UnixMicro(int64(c.Value(i))).In(domain.WIT).Format(time.RFC3339)
	}
	return col.ValueStr(i)
}
