package workbook

import (
	"bytes"
	"strconv"
)

// Style is a cell style.
type Style struct {
	Font Font
	// Fill is a solid background colour, RRGGBB; "" for none.
	Fill string
	// Border is the colour, RRGGBB, of a thin border on all four sides;
	// "" for none.
	Border string
	// NumFmt is a built-in number format (49 is Text, "@"); Format, when
	// set, is a custom format code ("dd/mm/yyyy") used instead.
	NumFmt int
	Format string
	// Horizontal is the horizontal alignment ("left", "center", "right");
	// "" is the general alignment (text left, numbers right).
	Horizontal string
	// Top aligns the cell's content to its top; Wrap wraps its text.
	Top, Wrap bool
}

// Font is a cell style's font. The zero Font is the default, Calibri 11.
type Font struct {
	Name         string  // "" is Calibri
	Size         float64 // 0 is 11
	Bold, Italic bool
	Color        string // RRGGBB; "" is automatic
}

// firstCustomFormat is the first number format id not built in.
const firstCustomFormat = 164

// writeStyles writes styles.xml: the default style at index 0, then each
// of styles, its fonts, fills, borders and formats shared where equal.
func writeStyles(x *bytes.Buffer, styles []Style) {
	fonts := []Font{{}}
	fills := []string{"", ""} // the two fills every workbook starts with: none and gray125
	borders := []string{""}
	var formats []string
	index := func(list *[]string, v string, from int) int {
		for i := from; i < len(*list); i++ {
			if (*list)[i] == v {
				return i
			}
		}
		*list = append(*list, v)
		return len(*list) - 1
	}
	type xf struct{ numFmt, font, fill, border int }
	xfs := make([]xf, len(styles))
	for i, s := range styles {
		f := 0
		for f < len(fonts) && fonts[f] != s.Font {
			f++
		}
		if f == len(fonts) {
			fonts = append(fonts, s.Font)
		}
		xfs[i] = xf{numFmt: s.NumFmt, font: f}
		if s.Format != "" {
			xfs[i].numFmt = firstCustomFormat + index(&formats, s.Format, 0)
		}
		if s.Fill != "" {
			xfs[i].fill = index(&fills, s.Fill, 2)
		}
		if s.Border != "" {
			xfs[i].border = index(&borders, s.Border, 1)
		}
	}

	x.WriteString(`<styleSheet xmlns="` + nsMain + `">`)
	if len(formats) > 0 {
		x.WriteString(`<numFmts count="` + strconv.Itoa(len(formats)) + `">`)
		for i, f := range formats {
			x.WriteString(`<numFmt numFmtId="` + strconv.Itoa(firstCustomFormat+i) + `" formatCode="`)
			escape(x, f, true)
			x.WriteString(`"/>`)
		}
		x.WriteString(`</numFmts>`)
	}
	x.WriteString(`<fonts count="` + strconv.Itoa(len(fonts)) + `">`)
	for _, f := range fonts {
		x.WriteString(`<font>`)
		if f.Bold {
			x.WriteString(`<b/>`)
		}
		if f.Italic {
			x.WriteString(`<i/>`)
		}
		size := f.Size
		if size == 0 {
			size = 11
		}
		x.WriteString(`<sz val="` + number(size) + `"/>`)
		if f.Color != "" {
			x.WriteString(`<color rgb="FF` + f.Color + `"/>`)
		}
		name := f.Name
		if name == "" {
			name = "Calibri"
		}
		x.WriteString(`<name val="`)
		escape(x, name, true)
		x.WriteString(`"/><family val="2"/></font>`)
	}
	x.WriteString(`</fonts><fills count="` + strconv.Itoa(len(fills)) + `">` +
		`<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>`)
	for _, c := range fills[2:] {
		x.WriteString(`<fill><patternFill patternType="solid"><fgColor rgb="FF` + c + `"/></patternFill></fill>`)
	}
	x.WriteString(`</fills><borders count="` + strconv.Itoa(len(borders)) + `"><border><left/><right/><top/><bottom/><diagonal/></border>`)
	for _, c := range borders[1:] {
		x.WriteString(`<border>`)
		for _, side := range []string{"left", "right", "top", "bottom"} {
			x.WriteString(`<` + side + ` style="thin"><color rgb="FF` + c + `"/></` + side + `>`)
		}
		x.WriteString(`<diagonal/></border>`)
	}
	x.WriteString(`</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
		`<cellXfs count="` + strconv.Itoa(len(styles)+1) + `"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`)
	for i, s := range styles {
		v := xfs[i]
		x.WriteString(`<xf numFmtId="` + strconv.Itoa(v.numFmt) + `" fontId="` + strconv.Itoa(v.font) + `" fillId="` + strconv.Itoa(v.fill) +
			`" borderId="` + strconv.Itoa(v.border) + `" xfId="0"`)
		if v.numFmt != 0 {
			x.WriteString(` applyNumberFormat="1"`)
		}
		if v.font != 0 {
			x.WriteString(` applyFont="1"`)
		}
		if v.fill != 0 {
			x.WriteString(` applyFill="1"`)
		}
		if v.border != 0 {
			x.WriteString(` applyBorder="1"`)
		}
		if s.Horizontal == "" && !s.Top && !s.Wrap {
			x.WriteString(`/>`)
			continue
		}
		x.WriteString(` applyAlignment="1"><alignment`)
		if s.Horizontal != "" {
			x.WriteString(` horizontal="`)
			escape(x, s.Horizontal, true)
			x.WriteString(`"`)
		}
		if s.Top {
			x.WriteString(` vertical="top"`)
		}
		if s.Wrap {
			x.WriteString(` wrapText="1"`)
		}
		x.WriteString(`/></xf>`)
	}
	x.WriteString(`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
		`<dxfs count="0"/><tableStyles count="0"/></styleSheet>`)
}
