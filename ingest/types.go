package ingest

import (
	"errors"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
)

// cellType is everything that follows from a column's Type alone: how a
// cell is read, how the lake stores it, which reference data it draws on,
// how the template formats, sizes and checks its column, and how a
// receipt's copy of the upload writes it back. types holds one per Type,
// so a new type is one entry there and nothing else switches on Type.
type cellType struct {
	// parse converts one cleaned, non-blank cell; number says the cell was
	// a number cell. It returns the value, or the error and the agency's
	// message (Indonesian, naming the column).
	parse func(rd *reader, c *Column, raw string, number bool) (Value, error, string)
	// arrow is the lake type unless the Column sets Arrow.
	arrow arrow.DataType
	// ref is the reference data the values come from unless the Column
	// sets Ref.
	ref Ref
	// format is the template column's number format: "" for General,
	// else a text or date format, so that Excel keeps "81.71" and an
	// NIP's 18 digits as typed and shows dates day first.
	format templateFormat
	// width is the template column's width; 0 fits the column to its
	// example and header.
	width float64
	// values is the template's dropdown when the type fixes it (else the
	// column's reference data, if any, gives it).
	values func(c *Column) []string
	// check sets the template's data validation when there is no
	// dropdown; nil for none.
	check func(t *template, c *Column, dv *excelize.DataValidation) error
	// copyAs is how a receipt's copy of the upload writes the cell.
	copyAs cellKind
}

// templateFormat is a template column's number format.
type templateFormat int

const (
	colGeneral templateFormat = iota
	colText                   // Text (@): nothing is turned into a date or a number
	colDate                   // dd/mm/yyyy
)

var (
	arrowString = arrow.BinaryTypes.String
	arrowDate   = arrow.FixedWidthTypes.Date32
)

// types is the table of column types, indexed by Type.
var types = [typeCount]cellType{
	TypeText:       {parse: readText, arrow: arrowString, format: colText},
	TypeNIP:        {parse: readNIP, arrow: arrowString, format: colText, width: 22, check: checkNIP},
	TypeDate:       {parse: readDate, arrow: arrowDate, format: colDate, width: 14, check: checkDate, copyAs: cellDateKind},
	TypeNumber:     {parse: readNumber, arrow: arrow.PrimitiveTypes.Float64, check: checkRange, copyAs: cellNumberKind},
	TypeInt:        {parse: readNumber, arrow: arrow.PrimitiveTypes.Int32, check: checkRange, copyAs: cellNumberKind},
	TypeEnum:       {parse: readEnum, arrow: arrowString, format: colText, values: func(c *Column) []string { return c.Enum.Values }},
	TypeDistrict:   {parse: readDistrict, arrow: arrowString, ref: RefDistrict, format: colText},
	TypeUnit:       {parse: readUnit, arrow: arrowString, ref: RefUnit, format: colText},
	TypeTraining:   {parse: readTraining, arrow: arrowString, format: colText, values: func(*Column) []string { return trainingNames() }},
	TypeEvalPeriod: {parse: readEvalPeriod, arrow: arrowString, format: colText},
	TypeAnswer:     {parse: readAnswer, arrow: arrow.PrimitiveTypes.Int8, width: 16, check: checkAnswer},
}

// typeOf is the table entry of t.
func typeOf(t Type) *cellType { return &types[t] }

// Readers, one per type (cellType.parse).

func readText(_ *reader, _ *Column, raw string, _ bool) (Value, error, string) {
	return Value{Valid: true, S: raw}, nil, ""
}

func readNIP(_ *reader, c *Column, raw string, number bool) (Value, error, string) {
	n, err := parseNIPCell(raw)
	if number {
		err = ErrNIPNumber // a number cell has lost digits past the 15th, whatever it shows
	}
	if err != nil {
		if !errors.Is(err, ErrNIPNumber) {
			err = fmt.Errorf("%w: %w", ErrNIP, err)
		}
		if c.Name == "NIP" {
			return Value{}, err, nipMessage(err)
		}
		return Value{}, err, c.Name + ": " + nipMessage(err)
	}
	return Value{Valid: true, S: n.Number, S2: n.Type}, nil, ""
}

func readDate(rd *reader, c *Column, raw string, _ bool) (Value, error, string) {
	d, err := parseDate(raw, rd.date1904)
	if err != nil {
		return Value{}, ErrDate, msgNotDate(c.Name, raw)
	}
	return Value{Valid: true, D: d}, nil, ""
}

// readNumber reads TypeNumber and TypeInt, with the column's bounds.
func readNumber(_ *reader, c *Column, raw string, _ bool) (Value, error, string) {
	f, err := parseNumber(raw)
	if err != nil {
		return Value{}, ErrNumber, msgNotNumber(c.Name, raw)
	}
	if c.Type == TypeInt && f != float64(int64(f)) {
		return Value{}, ErrNumber, msgNotInteger(c.Name)
	}
	if c.Max > c.Min && (f < c.Min || f > c.Max) {
		return Value{}, ErrRange, msgOutOfRange(c.Name, raw, c.Min, c.Max)
	}
	return Value{Valid: true, F: f}, nil, ""
}

func readEnum(_ *reader, c *Column, raw string, _ bool) (Value, error, string) {
	v, ok := c.Enum.Parse(raw)
	if !ok {
		return Value{}, ErrEnum, msgUnknownEnum(c.Name, raw, strings.Join(c.Enum.Values, ", "))
	}
	return Value{Valid: true, S: v}, nil, ""
}

func readDistrict(rd *reader, c *Column, raw string, _ bool) (Value, error, string) {
	code, ok := rd.distMemo[raw]
	if !ok {
		code, _ = domain.ResolveDistrict(rd.districts, raw)
		rd.distMemo[raw] = code
	}
	if code == "" {
		return Value{}, ErrUnknownDistrict, c.Name + ": " + districtMessage(raw)
	}
	return Value{Valid: true, S: code}, nil, ""
}

func readUnit(rd *reader, c *Column, raw string, _ bool) (Value, error, string) {
	if rd.units == nil {
		return Value{Valid: true, S: raw}, nil, ""
	}
	if code, ok := rd.units[strings.ToLower(raw)]; ok {
		return Value{Valid: true, S: code}, nil, ""
	}
	if code, ok := rd.unitNames[normKey(raw)]; ok {
		return Value{Valid: true, S: code}, nil, ""
	}
	return Value{}, ErrUnknownUnit, msgUnknownUnitCode(c.Name, raw)
}

func readTraining(_ *reader, c *Column, raw string, _ bool) (Value, error, string) {
	t := raw
	if isSerial(raw) { // a SIASN code, maybe from a number cell ("8.0")
		if f, err := parseNumber(raw); err == nil && f == float64(int(f)) {
			t = itoa(int(f))
		}
	}
	name, form, ok := parseTraining(t)
	if !ok {
		return Value{}, ErrEnum, msgUnknownTraining(c.Name, raw)
	}
	return Value{Valid: true, S: name, S2: form}, nil, ""
}

func readEvalPeriod(_ *reader, c *Column, raw string, _ bool) (Value, error, string) {
	p, ok := parseEvalPeriod(raw)
	if !ok {
		return Value{}, ErrEnum, msgUnknownEvalPeriod(c.Name, raw)
	}
	return Value{Valid: true, S: p.Text, S2: p.Kind, D: p.Start, D2: p.End}, nil, ""
}

func readAnswer(_ *reader, c *Column, raw string, _ bool) (Value, error, string) {
	a, ok := parseAnswer(c.Element, raw)
	if !ok {
		return Value{}, ErrEnum, msgBadAnswer(c.Name, raw)
	}
	return Value{Valid: true, F: float64(a)}, nil, ""
}

// Template checks, one per type that has one (cellType.check).

func checkNIP(_ *template, _ *Column, dv *excelize.DataValidation) error {
	if err := dv.SetRange(18, 18, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorEqual); err != nil {
		return err
	}
	dv.Formula2 = ""
	dv.SetError(excelize.DataValidationErrorStyleStop, "NIP harus 18 digit", "Tulis NIP 18 digit tanpa spasi, di kolom berformat Teks.")
	return nil
}

// checkDate warns, not stops: a date typed as text ("5 Oktober 2026", or
// 25/10/2026 in an Excel set to American dates) is read correctly, day
// first.
func checkDate(t *template, c *Column, dv *excelize.DataValidation) error {
	if err := dv.SetRange(excelSerial(2000, 1, 1), excelSerial(2099, 12, 31), excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleWarning, "Bukan tanggal", "Tulis tanggal hari/bulan/tahun, mis. "+t.example(c)+".")
	return nil
}

// checkRange holds a number column to its bounds, when it has them.
func checkRange(_ *template, c *Column, dv *excelize.DataValidation) error {
	if c.Max <= c.Min {
		return nil
	}
	typ, what := excelize.DataValidationTypeDecimal, "angka"
	if c.Type == TypeInt {
		typ, what = excelize.DataValidationTypeWhole, "bilangan bulat"
	}
	if err := dv.SetRange(c.Min, c.Max, typ, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, c.Name+" di luar batas",
		fmt.Sprintf("Tulis %s %s sampai %s saja, tanpa satuan.", what, formatBound(c.Min), formatBound(c.Max)))
	return nil
}

// checkAnswer wants a whole number 1-4, with a warning only: the reader
// also accepts the answer's label, which a list of 1-4 would forbid.
func checkAnswer(_ *template, c *Column, dv *excelize.DataValidation) error {
	if err := dv.SetRange(1, 4, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleWarning, "Jawaban 1-4", "Tulis angka 1 sampai 4. Label jawaban juga diterima: "+answerChoices(c.Element)+".")
	return nil
}
