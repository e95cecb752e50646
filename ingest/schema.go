package ingest

import (
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// Type is how a column's cells are parsed.
type Type int

// Column types.
const (
	TypeText       Type = iota // trimmed text
	TypeNIP                    // an 18-digit NIP, never a number cell
	TypeDate                   // Excel serial or Indonesian text date, day first
	TypeNumber                 // decimal number ("8,5", "1.250", "8 JP")
	TypeInt                    // whole number
	TypeEnum                   // one of Column.Enum's values or a synonym
	TypeDistrict               // district name or Kemendagri code, stored as the code
	TypeUnit                   // service unit code
	TypeTraining               // SIASN jenis diklat name or code: canonical name, bentuk
	TypeEvalPeriod             // evaluation period: canonical text, jenis, start, end
	TypeAnswer                 // SKM answer 1-4 or the question's label

	typeCount // the number of types: each has its entry in types (types.go)
)

// Ref names the reference data a column's values come from. A template made
// for one agency offers them in a dropdown (only the agency's own: its code,
// its service units) and takes its example from them; the reader does not
// compare such a column when it spots a template's example row left in,
// because each agency's example differs there.
type Ref int

// Reference lists a column can draw on.
const (
	RefNone     Ref = iota
	RefAgency       // the agency's code
	RefUnit         // the codes of the agency's service units
	RefUnitName     // the names of the agency's service units
	RefDistrict     // the district names (every district: staff and training go anywhere)
	RefService      // the service types of the agency's units
)

// Output is a lake column a Column writes besides its main one; Second
// selects the value's second part (Value.S2 or Value.D2).
type Output struct {
	Lake   string
	Arrow  arrow.DataType
	Second bool
}

// Column is one column of an upload kind: how it is recognised, parsed,
// checked and stored. Adding a column to a kind is adding one Column.
type Column struct {
	Name     string   // header in the template, Indonesian
	Aliases  []string // other headers accepted (matched after normalising)
	Type     Type
	Required bool   // a blank cell rejects the row
	Group    string // columns sharing a Group satisfy "one of them is required"
	Lake     string // lake column; "" when the value is only checked
	Arrow    arrow.DataType
	More     []Output // further lake columns derived from this cell
	Enum     *Enum    // TypeEnum
	Default  string   // canonical value used when the cell is blank
	Min, Max float64  // TypeNumber/TypeInt bounds when Max > Min
	Element  int      // TypeAnswer: the SKM element 1..9
	Ref      Ref      // reference data the values come from (default: by Type, for districts and units)
	Hint     string   // input hint shown in the template
	Example  string   // the template's example; for a Ref column, only when the reference has none
}

// Schema is the declarative description of one upload kind; header
// matching, parsing, validation, the template and the Arrow schema all
// come from it.
type Schema struct {
	Kind    domain.Kind
	Columns []Column
	// Key names the lake columns whose values identify a row; a later row
	// with the same key is a duplicate.
	Key []string
	// PeriodFrom names the date lake column whose values tell the period
	// when neither the file name nor a title says it.
	PeriodFrom string
	// Check runs the cross-column rules of the kind on a parsed row.
	Check func(r *Row)

	arrow  *arrow.Schema
	fields []field // the Arrow fields in order with where their values come from
	slot   map[string]int
}

// field maps an Arrow field to a value slot.
type field struct {
	slot   int
	second bool
	typ    arrow.DataType
}

// Value is one parsed cell. Dates are days since 1970-01-01 (date32).
type Value struct {
	Valid bool
	S, S2 string
	F     float64
	D, D2 int32
}

// SchemaOf returns the schema of kind k, or nil for an unknown kind.
func SchemaOf(k domain.Kind) *Schema {
	switch k {
	case domain.Pegawai:
		return pegawaiSchema
	case domain.Kehadiran:
		return kehadiranSchema
	case domain.Evaluasi:
		return evaluasiSchema
	case domain.Survei:
		return surveiSchema
	}
	return nil
}

// Arrow returns the lake columns of the kind, followed by upload_id and
// source_row: lake.KindSchema, which newSchema holds the columns to.
func (s *Schema) Arrow() *arrow.Schema { return s.arrow }

// Column returns the column with the given header name, or nil.
func (s *Schema) Column(name string) *Column {
	for i := range s.Columns {
		if s.Columns[i].Name == name {
			return &s.Columns[i]
		}
	}
	return nil
}

// newSchema completes a schema literal: Arrow types, value slots, fields.
func newSchema(s *Schema) *Schema {
	s.slot = map[string]int{}
	var fs []arrow.Field
	for i := range s.Columns {
		c := &s.Columns[i]
		if c.Arrow == nil {
			c.Arrow = typeOf(c.Type).arrow
		}
		if c.Ref == RefNone {
			c.Ref = typeOf(c.Type).ref
		}
		if c.Lake == "" {
			continue
		}
		s.slot[c.Lake] = i
		fs = append(fs, arrow.Field{Name: c.Lake, Type: c.Arrow, Nullable: true})
		s.fields = append(s.fields, field{slot: i, typ: c.Arrow})
		for _, o := range c.More {
			s.slot[o.Lake] = i
			fs = append(fs, arrow.Field{Name: o.Lake, Type: o.Arrow, Nullable: true})
			s.fields = append(s.fields, field{slot: i, second: o.Second, typ: o.Arrow})
		}
	}
	fs = append(fs,
		arrow.Field{Name: "upload_id", Type: arrow.BinaryTypes.String},
		arrow.Field{Name: "source_row", Type: arrow.PrimitiveTypes.Int32})
	s.arrow = arrow.NewSchema(fs, nil)
	if want := lake.KindSchema(s.Kind); !s.arrow.Equal(want) {
		// The lake's columns are defined once, in internal/lake; an upload
		// schema that writes others would make files no reader expects.
		panic(fmt.Sprintf("ingest: the %s upload schema writes lake columns\n  %s\nbut internal/lake/schema.go defines\n  %s",
			s.Kind, fieldList(s.arrow), fieldList(want)))
	}
	return s
}

// fieldList is the schema's columns as "name type", for messages.
func fieldList(s *arrow.Schema) string {
	if s == nil {
		return "none"
	}
	var parts []string
	for _, f := range s.Fields() {
		n := f.Name + " " + f.Type.String()
		if !f.Nullable {
			n += " not null"
		}
		parts = append(parts, n)
	}
	return strings.Join(parts, ", ")
}

// Row is one data row being read: its parsed values by column, and the
// problems found so far. Check functions read and amend it.
type Row struct {
	Num    int // 1-based sheet row
	Values []Value
	Raw    []string // cleaned cell text by column ("" when blank or absent)
	Has    []bool   // whether the column is present in the file

	s        *Schema
	num      []bool // whether each column's cell was a number cell
	problems []*RowError
	warnings []*RowError
	ctx      *reader
}

// Get returns the value of the column whose Lake or Name is name.
func (r *Row) Get(name string) Value {
	if i := r.index(name); i >= 0 {
		return r.Values[i]
	}
	return Value{}
}

// Set replaces the value of the column whose Lake or Name is name.
func (r *Row) Set(name string, v Value) {
	if i := r.index(name); i >= 0 {
		r.Values[i] = v
	}
}

// filled reports whether the cell of the column whose Lake or Name is name
// is non-blank, whether or not its value could be read: a wrong value has
// its own reason, so a check must not also call it missing.
func (r *Row) filled(name string) bool {
	i := r.index(name)
	return i >= 0 && r.Raw[i] != ""
}

func (r *Row) index(name string) int {
	if i, ok := r.s.slot[name]; ok {
		return i
	}
	for i := range r.s.Columns {
		if r.s.Columns[i].Name == name {
			return i
		}
	}
	return -1
}

// Fail records a problem that rejects the row, at the named column.
func (r *Row) Fail(name string, err error, msg string) {
	r.problems = append(r.problems, r.rowError(name, err, msg))
}

// Warn records a remark that does not reject the row.
func (r *Row) Warn(name string, err error, msg string) {
	r.warnings = append(r.warnings, r.rowError(name, err, msg))
}

// Failed reports whether the row has a problem.
func (r *Row) Failed() bool { return len(r.problems) > 0 }

func (r *Row) rowError(name string, err error, msg string) *RowError {
	e := &RowError{Row: r.Num, Column: name, Err: err, Message: msg}
	if i := r.index(name); i >= 0 {
		e.Column = r.s.Columns[i].Name
		e.Value = r.Raw[i]
		if r.ctx != nil && r.ctx.header != nil && r.ctx.colIdx[i] >= 0 {
			e.Column = r.ctx.header[r.ctx.colIdx[i]]
		}
	}
	if r.ctx != nil {
		e.File, e.Sheet = r.ctx.file, r.ctx.sheet
	}
	return e
}

// Markdown documents the kind's columns as a Markdown table (Indonesian),
// generated from the schema like everything else.
func (s *Schema) Markdown() string {
	var b strings.Builder
	b.WriteString("## " + s.Kind.Label() + " (`" + string(s.Kind) + "`)\n\n")
	b.WriteString("| kolom | wajib | judul lain yang diterima | kolom lake | keterangan |\n|---|---|---|---|---|\n")
	for _, c := range s.Columns {
		wajib := ""
		switch {
		case c.Required:
			wajib = "ya"
		case c.Group != "":
			wajib = "salah satu"
		}
		lake := c.Lake
		for _, o := range c.More {
			lake += ", " + o.Lake
		}
		if lake != "" {
			lake = "`" + lake + "`"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", c.Name, wajib, strings.Join(c.Aliases, "; "), lake, c.Hint)
	}
	return b.String()
}
