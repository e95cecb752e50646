package ingest

import (
	"math"
	"strings"
	"unicode"

	"github.com/pantau-asn/pantau/internal/workbook"
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

// newReceiptStyles returns the receipt's styles, in the order their ids
// (index plus one) are given out, and those ids.
func newReceiptStyles() ([]workbook.Style, *receiptStyles) {
	const grey = "BFBFBF"
	cellStyle := func(bad bool, numFmt int, format string) workbook.Style {
		s := workbook.Style{NumFmt: numFmt, Format: format, Border: grey, Top: true, Wrap: true}
		if format != "" || numFmt == 0 { // dates and numbers left, as text is
			s.Horizontal = "left"
		}
		if bad {
			s.Fill, s.Font = badFill, workbook.Font{Color: badFont}
		}
		return s
	}
	var s receiptStyles
	var list []workbook.Style
	for _, x := range []struct {
		id *int
		s  workbook.Style
	}{
		{&s.title, workbook.Style{Font: workbook.Font{Bold: true, Size: 13}, Top: true, Wrap: true}},
		{&s.note, workbook.Style{Font: workbook.Font{Italic: true, Color: "595959"}, Top: true, Wrap: true}},
		{&s.label, workbook.Style{Font: workbook.Font{Bold: true}, Top: true, Wrap: true}},
		{&s.value, workbook.Style{Horizontal: "left", Top: true, Wrap: true}},
		{&s.sentence, workbook.Style{Top: true, Wrap: true}},
		{&s.month, workbook.Style{Font: workbook.Font{Bold: true, Size: 12}, Top: true, Wrap: true}},
		{&s.head, workbook.Style{Font: workbook.Font{Bold: true}, Top: true, Wrap: true, Border: grey, Fill: "D9E1F2"}},
		{&s.text, cellStyle(false, textFormat, "")},
		{&s.date, cellStyle(false, 0, dateFormat)},
		{&s.number, cellStyle(false, 0, "")},
		{&s.textBad, cellStyle(true, textFormat, "")},
		{&s.dateBad, cellStyle(true, 0, dateFormat)},
		{&s.numberBad, cellStyle(true, 0, "")},
		{&s.reason, workbook.Style{Top: true, Wrap: true, Border: grey, Font: workbook.Font{Color: badFont}}},
		{&s.remark, workbook.Style{Top: true, Wrap: true, Border: grey}},
	} {
		list = append(list, x.s)
		*x.id = len(list)
	}
	return list, &s
}

// printSetup is how a receipt sheet prints: on A4 with small margins, fit
// to the page's width (fitHeight pages down; 0 as many as needed), its
// footer naming the receipt and the page; titleRow, when > 0, is the
// header row repeated on every page.
func printSetup(landscape bool, fitHeight, titleRow int) workbook.Print {
	return workbook.Print{
		Paper: 9, Landscape: landscape, FitWidth: 1, FitHeight: fitHeight,
		Margins:  workbook.Margins{Left: 0.4, Right: 0.4, Top: 0.5, Bottom: 0.5, Header: 0.25, Footer: 0.25}, // inches
		Footer:   "&L&8Tanda terima Pantau — &A&R&8Halaman &P dari &N",
		TitleRow: titleRow,
	}
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
