package workbook

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
)

// Sheet is one worksheet. Set its fields before Write; its rows are
// written in order with Row.
type Sheet struct {
	// Widths are the widths of columns A, B, …, in characters of the
	// default font; 0 leaves a column at the default width.
	Widths []float64
	// Freeze is how many rows at the top stay in view when scrolling.
	Freeze int
	// Print is how the sheet prints.
	Print Print

	name     string
	data     bytes.Buffer // <row> elements
	last     int          // the last row written
	cols     int          // the widest row written, in columns
	merges   []string
	comments []Comment
}

// Print is a sheet's page setup.
type Print struct {
	Paper     int  // paper size code: 9 is A4; 0 leaves the reader's default
	Landscape bool // else portrait
	// FitWidth and FitHeight, when either is set, scale the sheet to that
	// many pages across and down; 0 is "as many as needed".
	FitWidth, FitHeight int
	Margins             Margins
	// Footer is the footer of every page, in Excel's header codes
	// (&L, &R, &P, &N, &A, &8 …).
	Footer string
	// TitleRow, when > 0, is the row printed at the top of every page.
	TitleRow int
}

// Margins are page margins in inches; all zero leaves the reader's
// default.
type Margins struct {
	Left, Right, Top, Bottom, Header, Footer float64
}

// Cell is one cell: its Style (an index into the workbook's styles plus
// one; 0 is the default) and its Value, which is nil (an empty cell, kept
// only when styled), a string, an int, an int64 or a float64.
type Cell struct {
	Style int
	Value any
}

// Comment is a note on a cell, shown when the cell is pointed at.
type Comment struct {
	Col, Row      int // 1-based: A1 is 1, 1
	Author, Text  string
	Width, Height float64 // of its box, in points
}

// ErrRowOrder is returned by Row for a row not after the last one written.
var ErrRowOrder = errors.New("workbook: rows must be written in increasing order")

// Row writes row n (1-based) with cells from column A, height points tall
// (0: the default height). Rows are written in increasing order.
func (s *Sheet) Row(n int, height float64, cells ...Cell) error {
	if n <= s.last {
		return fmt.Errorf("%w: row %d after %d", ErrRowOrder, n, s.last)
	}
	s.last = n
	x := &s.data
	r := strconv.Itoa(n)
	x.WriteString(`<row r="` + r + `"`)
	if height > 0 {
		x.WriteString(` ht="` + number(height) + `" customHeight="1"`)
	}
	x.WriteString(`>`)
	for i, c := range cells {
		if c.Value == nil && c.Style == 0 {
			continue
		}
		s.cols = max(s.cols, i+1)
		x.WriteString(`<c r="` + CellName(i+1, n) + `"`)
		if c.Style > 0 {
			x.WriteString(` s="` + strconv.Itoa(c.Style) + `"`)
		}
		switch v := c.Value.(type) {
		case nil:
			x.WriteString(`/>`)
		case string:
			x.WriteString(` t="inlineStr"><is><t`)
			v = cellText(v)
			if v != "" && (isSpace(v[0]) || isSpace(v[len(v)-1])) {
				x.WriteString(` xml:space="preserve"`)
			}
			x.WriteString(`>`)
			escape(x, v, false)
			x.WriteString(`</t></is></c>`)
		case int:
			x.WriteString(`><v>` + strconv.Itoa(v) + `</v></c>`)
		case int64:
			x.WriteString(`><v>` + strconv.FormatInt(v, 10) + `</v></c>`)
		case float64:
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("workbook: %s!%s: %v is not a number a cell can hold", s.name, CellName(i+1, n), v)
			}
			x.WriteString(`><v>` + strconv.FormatFloat(v, 'f', -1, 64) + `</v></c>`)
		default:
			return fmt.Errorf("workbook: %s!%s: cannot write a %T", s.name, CellName(i+1, n), v)
		}
	}
	x.WriteString(`</row>`)
	return nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// Merge merges the cells of row from column first to column last (1-based)
// into one.
func (s *Sheet) Merge(row, first, last int) {
	if last > first {
		s.merges = append(s.merges, CellName(first, row)+":"+CellName(last, row))
	}
}

// AddComment adds c.
func (s *Sheet) AddComment(c Comment) { s.comments = append(s.comments, c) }

// CellName is the A1 name of the cell at col, row (1-based): 28, 3 is AB3.
func CellName(col, row int) string {
	var b [16]byte
	i := len(b)
	for col > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return string(b[i:]) + strconv.Itoa(row)
}

// number formats a width, height or margin: 15, 22.5, 0.4.
func number(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func (s *Sheet) writeXML(x *bytes.Buffer, active, comments bool) {
	p := s.Print
	fit := p.FitWidth > 0 || p.FitHeight > 0
	x.WriteString(`<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">`)
	if fit {
		x.WriteString(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`)
	}
	if s.last > 0 && s.cols > 0 {
		x.WriteString(`<dimension ref="A1:` + CellName(s.cols, s.last) + `"/>`)
	}
	x.WriteString(`<sheetViews><sheetView workbookViewId="0"`)
	if active {
		x.WriteString(` tabSelected="1"`)
	}
	if s.Freeze > 0 {
		top := CellName(1, s.Freeze+1)
		x.WriteString(`><pane ySplit="` + strconv.Itoa(s.Freeze) + `" topLeftCell="` + top +
			`" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="` + top +
			`" sqref="` + top + `"/></sheetView></sheetViews>`)
	} else {
		x.WriteString(`/></sheetViews>`)
	}
	x.WriteString(`<sheetFormatPr defaultRowHeight="15"/>`)
	if len(s.Widths) > 0 {
		x.WriteString(`<cols>`)
		for i, w := range s.Widths {
			if w > 0 {
				c := strconv.Itoa(i + 1)
				x.WriteString(`<col min="` + c + `" max="` + c + `" width="` + number(w) + `" customWidth="1"/>`)
			}
		}
		x.WriteString(`</cols>`)
	}
	if s.data.Len() == 0 {
		x.WriteString(`<sheetData/>`)
	} else {
		x.WriteString(`<sheetData>`)
		x.Write(s.data.Bytes())
		x.WriteString(`</sheetData>`)
	}
	if len(s.merges) > 0 {
		x.WriteString(`<mergeCells count="` + strconv.Itoa(len(s.merges)) + `">`)
		for _, m := range s.merges {
			x.WriteString(`<mergeCell ref="` + m + `"/>`)
		}
		x.WriteString(`</mergeCells>`)
	}
	if m := p.Margins; m != (Margins{}) {
		x.WriteString(`<pageMargins left="` + number(m.Left) + `" right="` + number(m.Right) + `" top="` + number(m.Top) +
			`" bottom="` + number(m.Bottom) + `" header="` + number(m.Header) + `" footer="` + number(m.Footer) + `"/>`)
	}
	x.WriteString(`<pageSetup`)
	if p.Paper > 0 {
		x.WriteString(` paperSize="` + strconv.Itoa(p.Paper) + `"`)
	}
	if fit {
		x.WriteString(` fitToWidth="` + strconv.Itoa(p.FitWidth) + `" fitToHeight="` + strconv.Itoa(p.FitHeight) + `"`)
	}
	if p.Landscape {
		x.WriteString(` orientation="landscape"/>`)
	} else {
		x.WriteString(` orientation="portrait"/>`)
	}
	if p.Footer != "" {
		x.WriteString(`<headerFooter><oddFooter>`)
		escape(x, p.Footer, false)
		x.WriteString(`</oddFooter></headerFooter>`)
	}
	if comments {
		x.WriteString(`<legacyDrawing r:id="rId1"/>`)
	}
	x.WriteString(`</worksheet>`)
}

func (s *Sheet) commentsXML(x *bytes.Buffer) {
	var authors []string
	at := map[string]int{}
	for _, c := range s.comments {
		if _, ok := at[c.Author]; !ok {
			at[c.Author] = len(authors)
			authors = append(authors, c.Author)
		}
	}
	x.WriteString(`<comments xmlns="` + nsMain + `"><authors>`)
	for _, a := range authors {
		x.WriteString(`<author>`)
		escape(x, a, false)
		x.WriteString(`</author>`)
	}
	x.WriteString(`</authors><commentList>`)
	for _, c := range s.comments {
		x.WriteString(`<comment ref="` + CellName(c.Col, c.Row) + `" authorId="` + strconv.Itoa(at[c.Author]) +
			`"><text><t xml:space="preserve">`)
		escape(x, cellText(c.Text), false)
		x.WriteString(`</t></text></comment>`)
	}
	x.WriteString(`</commentList></comments>`)
}

// vmlXML writes the legacy drawing Excel shows comments with: one hidden
// note shape per comment, anchored beside its cell. n numbers the drawing
// in the workbook; its shapes are numbered from 1024·n + 1, as Excel does.
func (s *Sheet) vmlXML(x *bytes.Buffer, n int) {
	x.WriteString(`<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" ` +
		`xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="` +
		strconv.Itoa(n) + `"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" ` +
		`path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`)
	for i, c := range s.comments {
		w, h := max(c.Width, 40), max(c.Height, 20)
		// Anchor: left column, offset, top row, offset, right column,
		// offset, bottom row, offset — zero-based, a column taken as 64 px
		// and a row as 20 px.
		left, top := c.Col, max(c.Row-2, 0)
		right, bottom := left+int(math.Ceil(w/48)), top+int(math.Ceil(h/15))
		x.WriteString(`<v:shape id="_x0000_s` + strconv.Itoa(1024*n+i+1) + `" type="#_x0000_t202" style="position:absolute;` +
			`margin-left:59.25pt;margin-top:1.5pt;width:` + number(w) + `pt;height:` + number(h) + `pt;z-index:` + strconv.Itoa(i+1) +
			`;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>` +
			`<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
			`<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>` +
			strconv.Itoa(left) + `, 15, ` + strconv.Itoa(top) + `, 10, ` + strconv.Itoa(right) + `, 15, ` + strconv.Itoa(bottom) + `, 4</x:Anchor>` +
			`<x:AutoFill>False</x:AutoFill><x:Row>` + strconv.Itoa(c.Row-1) + `</x:Row><x:Column>` + strconv.Itoa(c.Col-1) +
			`</x:Column></x:ClientData></v:shape>`)
	}
	x.WriteString(`</xml>`)
}
