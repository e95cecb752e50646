package ingest

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/officezip"
)

// templateRows is how many rows get the dropdowns and formats.
const templateRows = 5000

// Template sheet names.
const (
	SheetData     = "Data"
	SheetPetunjuk = "Petunjuk"
	SheetDaftar   = "Daftar" // hidden lists behind the longer dropdowns
)

// Excel's limits on a data validation, in UTF-16 code units.
const (
	maxPromptChars = 255 // an input message
	maxTitleChars  = 32  // its title
	maxInlineList  = 255 // a list typed into the validation itself ("L,P")
)

// templateFont is the templates' font, Excel's default: named, so that other
// spreadsheets substitute a sans-serif font for it rather than their default.
const templateFont = "Calibri"

// examplePeriod is the reporting month the templates' examples are in: the
// example dates, evaluation period and file names all name it.
var examplePeriod = domain.Period{Year: 2026, Month: time.October}

// WriteTemplate writes the generic Excel template of kind k, for no agency
// in particular: see WriteAgencyTemplate.
func WriteTemplate(w io.Writer, k domain.Kind, ref *domain.Reference) error {
	return WriteAgencyTemplate(w, k, ref, "")
}

// WriteAgencyTemplate writes the Excel template of kind k made for agency
// (a code of ref; "" writes the generic template). Its Data sheet has the
// schema's headers (required ones in red) and no data: the agency types
// from row 2. Every column has an input message with its hint and example,
// and a validation: dropdowns of the schema's own values, of the district
// names and — for an agency — of its code alone and of its own service
// units; NIP as 18-character text; dates as dates; JP, age and the SKM
// answers as numbers in range. The Petunjuk sheet says what one row is,
// how to name the file for the period, which columns are required, how to
// send a month in several files (tambahan, revisi), and lists every column
// with its example. The example is not in the data area, so a template
// filled in and sent back holds only the agency's rows. An agency not in
// ref is an error wrapping ErrUnknownAgency.
func WriteAgencyTemplate(w io.Writer, k domain.Kind, ref *domain.Reference, agency string) error {
	s := SchemaOf(k)
	if s == nil {
		return fmt.Errorf("write template %q: unknown kind", k)
	}
	if ref == nil {
		ref = DefaultReference()
	}
	t := &template{s: s, ref: ref, lists: map[string]string{}}
	if agency != "" {
		a, ok := ref.Agency(agency)
		if !ok {
			return fmt.Errorf("write template %s for %q: %w", k, agency, ErrUnknownAgency)
		}
		t.agency = &a
		for _, u := range ref.Units {
			if u.Agency == a.Code {
				t.units = append(t.units, u)
			}
		}
		if len(t.units) > 0 {
			t.unit = &t.units[0]
		}
	} else if len(ref.Units) > 0 {
		t.unit = &ref.Units[0]
	}
	f := officezip.Use(excelize.NewFile())
	defer f.Close()
	t.f = f
	if err := t.write(); err != nil {
		return fmt.Errorf("write template %s: %w", k, err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write template %s: %w", k, err)
	}
	return nil
}

// template is one workbook being written.
type template struct {
	s      *Schema
	ref    *domain.Reference
	agency *domain.Agency // nil: the generic template
	units  []domain.Unit  // the agency's service units
	unit   *domain.Unit   // the unit the example names, if any
	f      *excelize.File
	lists  map[string]string // list name → its range on the Daftar sheet
	daftar int               // Daftar columns used
}

// refValues returns the values column c offers from the reference data:
// nil when it offers none (the generic template has no agency and so no
// agency-limited lists).
func (t *template) refValues(c *Column) []string {
	var out []string
	add := func(v string) {
		for _, o := range out {
			if o == v {
				return
			}
		}
		if v != "" {
			out = append(out, v)
		}
	}
	switch c.Ref {
	case RefAgency:
		if t.agency != nil {
			add(t.agency.Code)
		}
	case RefUnit:
		for _, u := range t.units {
			add(u.Code)
		}
	case RefUnitName:
		for _, u := range t.units {
			add(u.Name)
		}
	case RefDistrict:
		for _, d := range t.ref.Districts {
			add(d.Name)
		}
	case RefService:
		for _, u := range t.units {
			for _, st := range u.ServiceTypes {
				add(st)
			}
		}
	}
	return out
}

// example is column c's example value: for a Ref column the agency's own
// (its code, its first unit, its district), so that it exists in the
// reference data; otherwise the schema's.
func (t *template) example(c *Column) string {
	switch c.Ref {
	case RefAgency:
		if t.agency != nil {
			return t.agency.Code
		}
		return ""
	case RefUnit:
		if t.unit != nil {
			return t.unit.Code
		}
		return c.Example
	case RefUnitName:
		if t.unit != nil {
			return t.unit.Name
		}
		return c.Example
	case RefService:
		if t.unit != nil && len(t.unit.ServiceTypes) > 0 {
			return t.unit.ServiceTypes[0]
		}
		return c.Example
	case RefDistrict:
		return t.exampleDistrict(c)
	}
	return c.Example
}

// exampleDistrict is the name of the agency's district, else of the
// example unit's, else the schema's example when the reference has it,
// else the first district.
func (t *template) exampleDistrict(c *Column) string {
	for _, code := range []string{t.agencyDistrict(), t.unitDistrict()} {
		if d, ok := t.ref.District(code); ok && code != "" {
			return d.Name
		}
	}
	for _, d := range t.ref.Districts {
		if d.Name == c.Example {
			return d.Name
		}
	}
	if len(t.ref.Districts) > 0 {
		return t.ref.Districts[0].Name
	}
	return c.Example
}

func (t *template) agencyDistrict() string {
	if t.agency == nil {
		return ""
	}
	return t.agency.District
}

func (t *template) unitDistrict() string {
	if t.unit == nil {
		return ""
	}
	return t.unit.District
}

// forWhom names the agency in titles: "Pemerintah Kota Ambon (kota-ambon)".
func (t *template) forWhom() string {
	if t.agency == nil {
		return ""
	}
	if t.agency.Name == "" || t.agency.Name == t.agency.Code {
		return t.agency.Code
	}
	return t.agency.Name + " (" + t.agency.Code + ")"
}

func (t *template) write() error {
	f := t.f
	if err := f.SetSheetName("Sheet1", SheetData); err != nil {
		return err
	}
	if _, err := f.NewSheet(SheetPetunjuk); err != nil {
		return err
	}
	if err := t.writeData(); err != nil {
		return err
	}
	if err := t.writePetunjuk(); err != nil {
		return err
	}
	if t.daftar > 0 {
		if err := f.SetSheetVisible(SheetDaftar, false); err != nil {
			return err
		}
	}
	title := "Template " + t.s.Kind.Label()
	if who := t.forWhom(); who != "" {
		title += " — " + who
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "Pantau", Language: "id-ID"}); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return nil
}

// writeData writes the Data sheet: headers, column formats and widths,
// validations with input messages, print setup.
func (t *template) writeData() error {
	f, s := t.f, t.s
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: templateFont}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}, Border: thinBorder})
	if err != nil {
		return err
	}
	headReq, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000", Family: templateFont}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}, Border: thinBorder})
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	dateFmt := "dd/mm/yyyy"
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	headLines := 1
	for i := range s.Columns {
		c := &s.Columns[i]
		col, _ := excelize.ColumnNumberToName(i + 1)
		cell := col + "1"
		width := columnWidth(c, t.example(c))
		if err := f.SetColWidth(SheetData, col, col, width); err != nil {
			return err
		}
		headLines = max(headLines, wrappedLines(c.Name, width))
		// Column styles (not 5000 styled cells): Excel gives a typed cell its column's format.
		switch typeOf(c.Type).format {
		case colText:
			// Text: an NIP keeps its 18 digits, "2026-10" and "81.71" are not turned into a date or a number.
			if err := f.SetColStyle(SheetData, col, text); err != nil {
				return err
			}
		case colDate:
			if err := f.SetColStyle(SheetData, col, date); err != nil {
				return err
			}
		}
		if err := f.SetCellStr(SheetData, cell, c.Name); err != nil {
			return err
		}
		st := head
		if c.Required {
			st = headReq
		}
		if err := f.SetCellStyle(SheetData, cell, cell, st); err != nil { // the header keeps its own style
			return err
		}
		dv, err := t.validation(c, fmt.Sprintf("%s2:%s%d", col, col, templateRows+1))
		if err != nil {
			return err
		}
		if err := f.AddDataValidation(SheetData, dv); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(SheetData, 1, float64(15*headLines+6)); err != nil {
		return err
	}
	if err := f.SetPanes(SheetData, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	// Printed, the header repeats on every page.
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: SheetData + "!$1:$1", Scope: SheetData}); err != nil {
		return err
	}
	return t.printSetup(SheetData)
}

var thinBorder = []excelize.Border{{Type: "left", Color: "9BC2E6", Style: 1}, {Type: "right", Color: "9BC2E6", Style: 1},
	{Type: "top", Color: "9BC2E6", Style: 1}, {Type: "bottom", Color: "9BC2E6", Style: 1}}

// printSetup prints sheet landscape on A4, one page wide, with the
// template's name and page numbers in the footer.
func (t *template) printSetup(sheet string) error {
	landscape, a4, one, tall := "landscape", 9, 1, 0
	if err := t.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4, FitToWidth: &one, FitToHeight: &tall}); err != nil {
		return err
	}
	fit := true
	if err := t.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	margin := 0.5
	if err := t.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &margin, Right: &margin, Top: &margin, Bottom: &margin}); err != nil {
		return err
	}
	// "&" starts a code in a header or footer; "&&" prints one.
	name := strings.ReplaceAll("Template "+t.s.Kind.Label(), "&", "&&")
	if who := t.forWhom(); who != "" {
		name += " — " + strings.ReplaceAll(who, "&", "&&")
	}
	return t.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&L" + clipUTF16(name, 120) + "&RHalaman &P dari &N"})
}

// columnWidth fits the column to its example and, wrapped, its header: an
// NIP's 18 digits, a date, a name.
func columnWidth(c *Column, example string) float64 {
	if w := typeOf(c.Type).width; w > 0 {
		return w
	}
	w := max(utf8.RuneCountInString(example)+3, longestWord(c.Name)+3, 12)
	return float64(min(w, 36))
}

func longestWord(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		n = max(n, utf8.RuneCountInString(w))
	}
	return n
}

// wrappedLines estimates how many lines text takes wrapped in a column of
// width characters. A line holds a little more than width, letters being
// narrower than the digit a column width is measured in: 1.1 per unit is
// what a wrapped cell holds (words do not fill the last bit of a line), a
// little more in a wide merged paragraph. Overestimated, a row shows some
// space; underestimated, it hides text.
func wrappedLines(text string, width float64) int {
	factor := 1.1
	if width > 100 {
		factor = 1.2
	}
	per := max(1, int(width*factor)-1)
	n := 0
	for _, para := range strings.Split(text, "\n") {
		line, lines := 0, 1
		for _, w := range strings.Fields(para) {
			l := utf8.RuneCountInString(w)
			switch {
			case line == 0:
				line = l
			case line+1+l <= per:
				line += 1 + l
			default:
				lines++
				line = l
			}
			for line > per { // a word longer than the line
				lines++
				line -= per
			}
		}
		n += lines
	}
	return n
}

// validation builds column c's data validation over rng: its dropdown or
// range check, and its input message.
func (t *template) validation(c *Column, rng string) (*excelize.DataValidation, error) {
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(rng)
	ct := typeOf(c.Type)
	values := t.refValues(c)
	if ct.values != nil {
		values = ct.values(c)
	}
	switch {
	case len(values) > 0:
		// Reference text is typed by the operator: it goes on the Daftar sheet as
		// text cells, never into a formula. Agency codes are checked to be plain.
		fromRef := c.Ref != RefNone && c.Ref != RefAgency
		if err := t.setList(dv, c.Name, values, !fromRef); err != nil {
			return nil, err
		}
		if c.Ref == RefAgency {
			// The only right value is in the list: another code always rejects the row.
			dv.SetError(excelize.DataValidationErrorStyleStop, "Kode instansi", "Pilih kode instansi Anda dari daftar, atau kosongkan.")
		} else {
			// Synonyms, codes and other spellings are accepted too: warn, don't stop.
			dv.SetError(excelize.DataValidationErrorStyleWarning, "Nilai tidak ada di daftar", "Pilih dari daftar; nilai lain mungkin ditolak.")
		}
	case ct.check != nil:
		if err := ct.check(t, c, dv); err != nil {
			return nil, err
		}
	}
	dv.SetInput(clipUTF16(c.Name, maxTitleChars), clipUTF16(t.prompt(c), maxPromptChars))
	return dv, nil
}

// prompt is column c's input message: required or not, the hint, the example.
func (t *template) prompt(c *Column) string {
	var b strings.Builder
	switch {
	case c.Required:
		b.WriteString("Wajib. ")
	case c.Group != "":
		b.WriteString("Wajib salah satu: " + strings.Join(t.s.groupNames(c.Group), " atau ") + ". ")
	}
	switch {
	case c.Ref == RefAgency && t.agency != nil:
		b.WriteString("Kode instansi Anda: " + t.agency.Code + "; boleh kosong.")
		return b.String()
	case c.Type == TypeAnswer:
		b.WriteString("Angka 1-4 (1 terburuk, 4 terbaik) atau labelnya: " + answerChoices(c.Element) + ". Boleh kosong.")
	default:
		b.WriteString(strings.TrimSuffix(c.Hint, "."))
		b.WriteString(".")
	}
	if ex := t.example(c); ex != "" {
		b.WriteString(" Contoh: " + ex)
	}
	return b.String()
}

// groupNames lists the columns of one "one of them is required" group.
func (s *Schema) groupNames(group string) []string {
	var out []string
	for _, c := range s.Columns {
		if c.Group == group {
			out = append(out, c.Name)
		}
	}
	return out
}

// answerChoices lists SKM element's answers with their scores, from the
// reader's own labels: "1 Tidak sesuai, 2 Kurang sesuai, …".
func answerChoices(element int) string {
	if element < 1 || element > 9 {
		return ""
	}
	var parts []string
	for score, labels := range answerLabels[element-1] {
		parts = append(parts, fmt.Sprintf("%d %s", score+1, labels[0]))
	}
	return strings.Join(parts, ", ")
}

func formatBound(f float64) string {
	if f == math.Trunc(f) {
		return fmt.Sprintf("%.0f", f)
	}
	return strings.Replace(fmt.Sprintf("%g", f), ".", ",", 1)
}

// excelSerial is the 1900-system serial number of a date.
func excelSerial(y int, m time.Month, d int) int {
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

// setList makes dv a dropdown of values. A short list of plain words
// (inline: the schema's own values, an agency code) is typed into the
// validation ("L,P"); a long one, or one from the reference data —
// operator-typed text, which may hold commas, quotes or a leading "=" —
// goes on the hidden Daftar sheet as text cells, and the validation refers
// to their range.
func (t *template) setList(dv *excelize.DataValidation, name string, values []string, inline bool) error {
	if inline && inlineList(values) {
		return dv.SetDropList(values)
	}
	rng, ok := t.lists[name]
	if !ok {
		if t.daftar == 0 {
			if _, err := t.f.NewSheet(SheetDaftar); err != nil {
				return err
			}
		}
		t.daftar++
		col, _ := excelize.ColumnNumberToName(t.daftar)
		for i, v := range values {
			if err := t.f.SetCellStr(SheetDaftar, fmt.Sprintf("%s%d", col, i+1), v); err != nil {
				return err
			}
		}
		rng = fmt.Sprintf("%s!$%s$1:$%s$%d", SheetDaftar, col, col, len(values))
		t.lists[name] = rng
	}
	dv.SetSqrefDropList(rng)
	return nil
}

// inlineList reports whether values can be typed into a validation: the
// schema's plain words, short enough.
func inlineList(values []string) bool {
	n := len(values) - 1
	for _, v := range values {
		if v == "" || strings.ContainsAny(v, ",\"\t\r\n") || strings.ContainsRune("=+-@", rune(v[0])) {
			return false
		}
		n += len(utf16.Encode([]rune(v)))
	}
	return n <= maxInlineList
}

// clipUTF16 shortens s to at most n UTF-16 code units, at a rune boundary,
// ending with "…" when cut.
func clipUTF16(s string, n int) string {
	if len(utf16.Encode([]rune(s))) <= n {
		return s
	}
	units := 1 // the ellipsis
	for i, r := range s {
		units += utf16.RuneLen(r)
		if units > n {
			return s[:i] + "…"
		}
	}
	return s
}
