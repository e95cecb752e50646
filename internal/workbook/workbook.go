// Package workbook writes small .xlsx workbooks straight to SpreadsheetML:
// styled cells, column widths and row heights, merged cells, frozen rows,
// cell comments, and print settings (paper, orientation, fit to page,
// margins, footer, a title row repeated on every page).
//
// It exists for the ingest receipts, written once per uploaded file:
// excelize, which Pantau uses for its larger workbooks, parses its
// default theme, styles and workbook parts on every NewFile and marshals
// them again on every save, which cost more than everything a receipt
// says. A workbook here holds its sheets' XML as it is built and writes
// only the parts a workbook needs: no theme, no document properties, no
// shared strings (strings are inline).
//
// Every value is written as a string or a number cell, never a formula;
// text is cleaned of the characters XML cannot hold and cut to Excel's
// 32,767 characters (UTF-16 code units) a cell, which is also what
// Pantau's reader accepts back.
package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pantau-asn/pantau/internal/officezip"
)

// MaxCellChars is the most characters a cell holds in Excel, counted in
// UTF-16 code units; longer text is cut.
const MaxCellChars = 32767

// Workbook is a workbook being written. Its zero value is not usable: make
// one with New.
type Workbook struct {
	// Active is the index of the sheet the workbook opens on.
	Active int

	styles []Style
	sheets []*Sheet
}

// New returns an empty workbook whose cell styles are styles: a Cell's
// Style is an index into styles plus one, 0 being the default style
// (Calibri 11, no border).
func New(styles ...Style) *Workbook {
	return &Workbook{styles: styles}
}

// Sheet adds a sheet named name after the others and returns it. The name
// must be a valid sheet name (at most 31 characters, none of []:*?/\).
func (b *Workbook) Sheet(name string) *Sheet {
	s := &Sheet{name: name}
	b.sheets = append(b.sheets, s)
	return s
}

// Write writes the workbook, as an .xlsx package, to w.
func (b *Workbook) Write(w io.Writer) error {
	zw := officezip.NewZip(w)
	var buf bytes.Buffer
	part := func(name string, fill func(*bytes.Buffer)) error {
		buf.Reset()
		if !strings.HasSuffix(name, ".vml") { // a VML part has no XML declaration
			buf.WriteString(xmlHeader)
		}
		fill(&buf)
		method := zip.Deflate
		if buf.Len() < storeBelow {
			method = zip.Store
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		if err != nil {
			return err
		}
		_, err = fw.Write(buf.Bytes())
		return err
	}
	if err := part("[Content_Types].xml", b.contentTypes); err != nil {
		return err
	}
	if err := part("_rels/.rels", func(x *bytes.Buffer) {
		x.WriteString(`<Relationships xmlns="` + nsRels + `">`)
		rel(x, "rId1", relOfficeDocument, "xl/workbook.xml")
		x.WriteString(`</Relationships>`)
	}); err != nil {
		return err
	}
	if err := part("xl/workbook.xml", b.workbookXML); err != nil {
		return err
	}
	if err := part("xl/_rels/workbook.xml.rels", b.workbookRels); err != nil {
		return err
	}
	if err := part("xl/styles.xml", func(x *bytes.Buffer) { writeStyles(x, b.styles) }); err != nil {
		return err
	}
	comments := 0
	for i, s := range b.sheets {
		n := strconv.Itoa(i + 1)
		var c string // the sheet's comments part number, "" when it has none
		if len(s.comments) > 0 {
			comments++
			c = strconv.Itoa(comments)
		}
		if err := part("xl/worksheets/sheet"+n+".xml", func(x *bytes.Buffer) { s.writeXML(x, i == b.Active, c != "") }); err != nil {
			return err
		}
		if c == "" {
			continue
		}
		if err := part("xl/worksheets/_rels/sheet"+n+".xml.rels", func(x *bytes.Buffer) {
			x.WriteString(`<Relationships xmlns="` + nsRels + `">`)
			rel(x, "rId1", relVML, "../drawings/vmlDrawing"+c+".vml")
			rel(x, "rId2", relComments, "../comments"+c+".xml")
			x.WriteString(`</Relationships>`)
		}); err != nil {
			return err
		}
		if err := part("xl/comments"+c+".xml", s.commentsXML); err != nil {
			return err
		}
		if err := part("xl/drawings/vmlDrawing"+c+".vml", func(x *bytes.Buffer) { s.vmlXML(x, comments) }); err != nil {
			return err
		}
	}
	return zw.Close()
}

// storeBelow is the size under which a part is stored, not deflated: a
// compressor's fixed cost (building its Huffman tables) is most of what
// writing a small part costs, for the few hundred bytes it would save.
const storeBelow = 1024

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// Namespaces and relationship types.
const (
	nsMain            = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel             = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsRels            = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsTypes           = "http://schemas.openxmlformats.org/package/2006/content-types"
	relOfficeDocument = nsRel + "/officeDocument"
	relWorksheet      = nsRel + "/worksheet"
	relStyles         = nsRel + "/styles"
	relComments       = nsRel + "/comments"
	relVML            = nsRel + "/vmlDrawing"
	ctMain            = "application/vnd.openxmlformats-officedocument.spreadsheetml."
)

func rel(x *bytes.Buffer, id, typ, target string) {
	x.WriteString(`<Relationship Id="` + id + `" Type="` + typ + `" Target="` + target + `"/>`)
}

func (b *Workbook) contentTypes(x *bytes.Buffer) {
	x.WriteString(`<Types xmlns="` + nsTypes + `">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="` + ctMain + `sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="` + ctMain + `styles+xml"/>`)
	comments := 0
	for i, s := range b.sheets {
		x.WriteString(`<Override PartName="/xl/worksheets/sheet` + strconv.Itoa(i+1) + `.xml" ContentType="` + ctMain + `worksheet+xml"/>`)
		if len(s.comments) > 0 {
			comments++
			x.WriteString(`<Override PartName="/xl/comments` + strconv.Itoa(comments) + `.xml" ContentType="` + ctMain + `comments+xml"/>`)
		}
	}
	x.WriteString(`</Types>`)
}

func (b *Workbook) workbookXML(x *bytes.Buffer) {
	x.WriteString(`<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><bookViews><workbookView activeTab="` +
		strconv.Itoa(b.Active) + `"/></bookViews><sheets>`)
	for i, s := range b.sheets {
		n := strconv.Itoa(i + 1)
		x.WriteString(`<sheet name="`)
		escape(x, s.name, true)
		x.WriteString(`" sheetId="` + n + `" r:id="rId` + n + `"/>`)
	}
	x.WriteString(`</sheets>`)
	titles := false
	for i, s := range b.sheets {
		if s.Print.TitleRow <= 0 {
			continue
		}
		if !titles {
			x.WriteString(`<definedNames>`)
			titles = true
		}
		r := strconv.Itoa(s.Print.TitleRow)
		x.WriteString(`<definedName name="_xlnm.Print_Titles" localSheetId="` + strconv.Itoa(i) + `">`)
		escape(x, quoteSheet(s.name)+"!$"+r+":$"+r, false)
		x.WriteString(`</definedName>`)
	}
	if titles {
		x.WriteString(`</definedNames>`)
	}
	x.WriteString(`</workbook>`)
}

// quoteSheet is a sheet name as a reference writes it: 'Baris Ditolak'.
func quoteSheet(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }

func (b *Workbook) workbookRels(x *bytes.Buffer) {
	x.WriteString(`<Relationships xmlns="` + nsRels + `">`)
	for i := range b.sheets {
		n := strconv.Itoa(i + 1)
		rel(x, "rId"+n, relWorksheet, "worksheets/sheet"+n+".xml")
	}
	rel(x, "rId"+strconv.Itoa(len(b.sheets)+1), relStyles, "styles.xml")
	x.WriteString(`</Relationships>`)
}

// escape writes s to x as XML text (attr: as an attribute value), without
// the characters XML 1.0 cannot hold: controls other than tab, newline and
// carriage return, lone surrogates, U+FFFE and U+FFFF, and invalid UTF-8.
// A carriage return, and in an attribute a tab or newline, is written as a
// character reference so that it survives the parser's normalisation.
func escape(x *bytes.Buffer, s string, attr bool) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '&' && c != '<' && c != '>' && c != '"' {
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		var rep string
		switch {
		case r == '&':
			rep = "&amp;"
		case r == '<':
			rep = "&lt;"
		case r == '>':
			rep = "&gt;"
		case r == '"':
			if !attr {
				i += size
				continue
			}
			rep = "&quot;"
		case r == '\r':
			rep = "&#13;"
		case r == '\n' || r == '\t':
			if !attr {
				i += size
				continue
			}
			rep = "&#" + strconv.Itoa(int(r)) + ";"
		case dropped(r, size):
			rep = ""
		default:
			i += size
			continue
		}
		x.WriteString(s[last:i])
		x.WriteString(rep)
		i += size
		last = i
	}
	x.WriteString(s[last:])
}

// cellText is s as a cell holds it: without the characters XML cannot
// hold (see escape), then cut to MaxCellChars.
func cellText(s string) string { return cut(clean(s)) }

// clean is s without the characters escape drops; s itself when it has
// none.
func clean(s string) string {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if dropped(r, size) {
			out := []byte(s[:i])
			for i < len(s) {
				r, size = utf8.DecodeRuneInString(s[i:])
				if !dropped(r, size) {
					out = append(out, s[i:i+size]...)
				}
				i += size
			}
			return string(out)
		}
		i += size
	}
	return s
}

// dropped reports whether the rune r, size bytes long, cannot be written
// in XML 1.0: invalid UTF-8, controls but tab, newline and carriage
// return, U+FFFE and U+FFFF.
func dropped(r rune, size int) bool {
	return (r == utf8.RuneError && size == 1) || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF
}

// cut is s cut to MaxCellChars UTF-16 code units, the unit Excel counts
// in (a character outside the Basic Multilingual Plane, such as an emoji,
// is two), never inside a character.
func cut(s string) string {
	if len(s) <= MaxCellChars {
		return s
	}
	n := 0
	for i, r := range s {
		u := 1
		if r > 0xFFFF {
			u = 2
		}
		if n+u > MaxCellChars {
			return s[:i]
		}
		n += u
	}
	return s
}
