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
// (RFC 3339). Each file is replaced atomically, all of them made durable
// together (lake.Publish: the fsyncs at once, the folder once).
// person_progress (named persons) is never written.
func (r *Result) WriteCSV(dataDir string) error {
	var staged []*lake.Staged
	defer func() {
		for _, s := range staged {
			s.Discard()
		}
	}()
	for _, name := range TableNames() {
		if !PublicTable(name) {
			continue
		}
		rec := r.Tables[name]
		if rec == nil {
			continue
		}
		path := filepath.Join(dataDir, name+".csv")
		s, err := lake.Stage(path, 0o644, func(w io.Writer) error { return writeCSV(w, rec) })
		if err != nil {
			return fmt.Errorf("write csv %s: %w", path, err)
		}
		staged = append(staged, s)
	}
	if err := lake.Publish(staged); err != nil {
		return fmt.Errorf("write csv in %s: %w", dataDir, err)
	}
	return nil
}

// WriteRecordCSV writes rec as CSV in WriteCSV's format.
func WriteRecordCSV(w io.Writer, rec arrow.RecordBatch) error { return writeCSV(w, rec) }

func writeCSV(w io.Writer, rec arrow.RecordBatch) error {
	cw := csv.NewWriter(w)
	header := make([]string, rec.NumCols())
	text := make([]bool, rec.NumCols())
	for i, f := range rec.Schema().Fields() {
		header[i] = CSVText(f.Name)
		text[i] = textType(f.Type)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	row := make([]string, rec.NumCols())
	for i := 0; i < int(rec.NumRows()); i++ {
		for j := range row {
			row[j] = FormatValue(rec.Column(j), i)
			if text[j] {
				row[j] = CSVText(row[j])
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// CSVText returns text as a CSV field that a spreadsheet shows as the text
// it is. Text starting with =, +, -, @, a tab or a CR is what Excel,
// LibreOffice and Google Sheets run as a formula when they open a CSV file,
// and any agency or the operator can type it (a Jenis Layanan of
// =HYPERLINK(...)); it gets a leading apostrophe, the usual guard against
// CSV formula injection (docs/uploads.md, "How cells are read"). A plain decimal
// number ("-10.5", "+5") and the lone placeholder "-" are left as they are:
// no spreadsheet runs them, and numbers stay numbers. Only text goes
// through CSVText: a numeric column's -10.5 is written as -10.5. Every CSV
// writer of Pantau (the data/ exports, pantau query --format csv) uses it.
func CSVText(s string) string {
	if s == "" || s == "-" || plainNumber(s) {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// plainNumber reports whether s is an optional sign, digits and an
// optional fraction: what strconv.FormatFloat(x, 'f', -1, 64) writes. It
// is stricter than strconv.ParseFloat, which also takes "-Inf" and "0x1p-2".
func plainNumber(s string) bool {
	if s[0] == '+' || s[0] == '-' {
		s = s[1:]
	}
	digits, dot := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot && digits > 0 && i < len(s)-1:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// textType reports whether a column of type t holds text, which CSVText
// guards; numbers, booleans, dates and times are never guarded.
func textType(t arrow.DataType) bool {
	switch t.ID() {
	case arrow.STRING, arrow.LARGE_STRING, arrow.STRING_VIEW:
		return true
	case arrow.DICTIONARY:
		return textType(t.(*arrow.DictionaryType).ValueType)
	}
	return false
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
