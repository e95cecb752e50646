package ingest

import (
	"math"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"
)

// receiptStyles are the cell styles of one receipt workbook.
type receiptStyles struct {
	title, note                 int // a sheet's title and the hint under it
	label, value, sentence      int // Ringkasan
	month                       int // Ringkasan's first line: what happened to the month
	head                        int // column headers
	text, date, number          int // the upload's cells, as they were
	textBad, dateBad, numberBad int // the same, for a cell that was wrong
	reason                      int // the Alasan column of rejected rows
	remark                      int // a warning's sentence
}

// Colours of a bad cell: Excel's own "light red fill with dark red text".
const (
	badFill = "FFC7CE"
	badFont = "9C0006"
)

// dateFormat is how dates are shown: day first, as agencies write them.
const dateFormat = "dd/mm/yyyy"

// textFormat is the built-in number format "@" (Text): what the operator
// types into such a cell stays text, so an 18-digit NIP keeps its digits.
const textFormat = 49

func newReceiptStyles(f *excelize.File) (*receiptStyles, error) {
	wrap := &excelize.Alignment{Vertical: "top", WrapText: true}
	left := &excelize.Alignment{Vertical: "top", Horizontal: "left", WrapText: true}
	grey := "BFBFBF"
	thin := []excelize.Border{{Type: "left", Color: grey, Style: 1}, {Type: "right", Color: grey, Style: 1},
		{Type: "top", Color: grey, Style: 1}, {Type: "bottom", Color: grey, Style: 1}}
	red := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{badFill}}
	redFont := font(false, false, 0, badFont)
	dateFmt := dateFormat
	var s receiptStyles
	for _, x := range []struct {
		id *int
		s  *excelize.Style
	}{
		{&s.title, &excelize.Style{Font: font(true, false, 13, ""), Alignment: wrap}},
		{&s.note, &excelize.Style{Font: font(false, true, 0, "595959"), Alignment: wrap}},
		{&s.label, &excelize.Style{Font: font(true, false, 0, ""), Alignment: wrap}},
		{&s.value, &excelize.Style{Alignment: left}},
		{&s.sentence, &excelize.Style{Alignment: wrap}},
		{&s.month, &excelize.Style{Font: font(true, false, 12, ""), Alignment: wrap}},
		{&s.head, &excelize.Style{Font: font(true, false, 0, ""), Alignment: wrap, Border: thin,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}}},
		{&s.text, &excelize.Style{NumFmt: textFormat, Alignment: wrap, Border: thin}},
		{&s.date, &excelize.Style{CustomNumFmt: &dateFmt, Alignment: left, Border: thin}},
		{&s.number, &excelize.Style{Alignment: left, Border: thin}},
		{&s.textBad, &excelize.Style{NumFmt: textFormat, Alignment: wrap, Border: thin, Fill: red, Font: redFont}},
		{&s.dateBad, &excelize.Style{CustomNumFmt: &dateFmt, Alignment: left, Border: thin, Fill: red, Font: redFont}},
		{&s.numberBad, &excelize.Style{Alignment: left, Border: thin, Fill: red, Font: redFont}},
		{&s.reason, &excelize.Style{Alignment: wrap, Border: thin, Font: redFont}},
		{&s.remark, &excelize.Style{Alignment: wrap, Border: thin}},
	} {
		id, err := f.NewStyle(x.s)
		if err != nil {
			return nil, err
		}
		*x.id = id
	}
	return &s, nil
}

// font is the workbook's default font (Calibri 11) with changes: a style
// whose font names no family prints in the viewer's fallback, often a serif.
func font(bold, italic bool, size float64, color string) *excelize.Font {
	if size == 0 {
		size = 11
	}
	return &excelize.Font{Family: "Calibri", Size: size, Bold: bold, Italic: italic, Color: color}
}

// printSetup makes a sheet print on A4 with small margins, fit to the
// page's width (as many pages down as needed), its footer naming the
// receipt and the page; titleRow, when > 0, is the header row repeated on
// every page. Called before the sheet's stream writer is made: the stream
// writer copies these settings into the sheet it writes.
func printSetup(f *excelize.File, sheet, orientation string, fitHeight, titleRow int) error {
	size, one := 9, 1 // 9: A4
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orientation, FitToWidth: &one, FitToHeight: &fitHeight,
	}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	side, edge, band := 0.4, 0.5, 0.25 // inches
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &edge, Bottom: &edge, Header: &band, Footer: &band,
	}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddFooter: "&L&8Tanda terima Pantau — &A&R&8Halaman &P dari &N",
	}); err != nil {
		return err
	}
	if titleRow <= 0 {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: printTitles(sheet, titleRow),
		Scope:    sheet,
	})
}

// printTitles is the reference of row n of sheet as Excel writes it for
// print titles: 'Baris Ditolak'!$3:$3.
func printTitles(sheet string, n int) string {
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$" + itoa(n) + ":$" + itoa(n)
}

// Column widths, in characters of the default font (a width counts
// digits; text averages narrower letters). Caps keep a wide upload
// readable when fit to a landscape page's width: longer text wraps.
const (
	minColWidth    = 8
	maxColWidth    = 24
	minReasonWidth = 24
	maxReasonWidth = 40
	lineHeight     = 15.0 // points per line of the default font
	maxLines       = 12   // a row grows at most this tall; longer text is cut off in print
)

// colWidth is the width of a column whose widest cell is n wide (see
// textWidth) and whose header is head, between lo and hi: the header wraps
// at spaces, so only its longest word must fit.
func colWidth(n float64, head string, lo, hi float64) float64 {
	w := n + 2.5
	for _, word := range strings.Fields(head) {
		w = max(w, 1.1*textWidth(word)+2.5) // bold is wider
	}
	return math.Round(min(max(w, lo), hi)*2) / 2
}

// textWidth estimates the width of s in the default font, in digit widths:
// digits one each, capitals a little more, other letters less.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			w++
		case unicode.IsUpper(r):
			w += 1.1
		default:
			w += 0.88
		}
	}
	return w
}

// lines estimates how many lines s takes in a wrapped cell of width w (in
// digit widths, as textWidth measures): words are wrapped the way a
// spreadsheet does, a word wider than the cell broken where it overflows.
func lines(s string, w float64) int {
	w = max(w-1, 1) // the cell's padding
	n := 0
	for _, part := range strings.Split(s, "\n") {
		n++
		used := 0.0
		for _, word := range strings.Fields(part) {
			ww := textWidth(word)
			switch {
			case used == 0:
			case used+0.5+ww <= w:
				ww += 0.5 // the space before it
			default:
				n++
				used = 0
			}
			for ww > w { // a word wider than the cell
				n++
				ww -= w
			}
			used += ww
		}
		if n >= maxLines {
			return maxLines
		}
	}
	return n
}

// rowHeight is the height in points of a row of n lines.
func rowHeight(n int) float64 { return lineHeight * float64(max(n, 1)) }
