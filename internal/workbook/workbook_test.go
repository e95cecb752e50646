package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/xlsx"
)

func TestCellName(t *testing.T) {
	for _, tc := range []struct {
		col, row int
		want     string
	}{{1, 1, "A1"}, {26, 3, "Z3"}, {27, 3, "AA3"}, {28, 10, "AB10"}, {52, 1, "AZ1"}, {53, 1, "BA1"}, {702, 7, "ZZ7"}, {703, 7, "AAA7"}} {
		if got := CellName(tc.col, tc.row); got != tc.want {
			t.Errorf("CellName(%d, %d) = %q; want %q", tc.col, tc.row, got, tc.want)
		}
	}
}

// sample is a two-sheet workbook using every feature: styles, widths,
// heights, a merge, frozen rows, comments, print setup, the second sheet
// active.
func sample(t *testing.T) []byte {
	t.Helper()
	b := New(
		Style{Font: Font{Bold: true, Size: 13}, Top: true, Wrap: true},                                 // 1
		Style{NumFmt: 49, Border: "BFBFBF"},                                                            // 2
		Style{Format: "dd/mm/yyyy", Horizontal: "left", Border: "BFBFBF"},                              // 3
		Style{Fill: "FFC7CE", Font: Font{Color: "9C0006"}, Border: "BFBFBF", NumFmt: 49},               // 4
		Style{Fill: "FFC7CE", Font: Font{Color: "9C0006", Italic: true}, Border: "BFBFBF", Wrap: true}, // 5
	)
	one := b.Sheet("Ringkasan")
	one.Widths = []float64{22, 70}
	one.Print = Print{Paper: 9, FitWidth: 1, FitHeight: 1, Margins: Margins{0.4, 0.4, 0.5, 0.5, 0.25, 0.25}, Footer: "&LPantau & co&R&P"}
	must(t, one.Row(1, 32, Cell{Style: 1, Value: "Judul"}, Cell{Style: 1}))
	one.Merge(1, 1, 2)
	must(t, one.Row(3, 0, Cell{Value: "Baris"}, Cell{Value: 12}))
	two := b.Sheet("Baris O'Neil")
	two.Freeze = 1
	two.Print = Print{Paper: 9, Landscape: true, FitWidth: 1, TitleRow: 1}
	must(t, two.Row(1, 0, Cell{Value: "NIP"}, Cell{Value: "Tanggal"}, Cell{Value: "JP"}))
	must(t, two.Row(2, 30, Cell{Style: 4, Value: "198609262015051004"}, Cell{Style: 3, Value: 45935}, Cell{Style: 5, Value: 8.5}))
	two.AddComment(Comment{Col: 1, Row: 2, Author: "Pantau", Text: "NIP salah\nbaris dua", Width: 240, Height: 45})
	two.AddComment(Comment{Col: 3, Row: 2, Author: "Pantau", Text: "JP < 1 & > 0", Width: 240, Height: 45})
	b.Active = 1
	var buf bytes.Buffer
	must(t, b.Write(&buf))
	return buf.Bytes()
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestWriteExcelize opens a written workbook with excelize and reads back
// every setting.
func TestWriteExcelize(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(sample(t)))
	if err != nil {
		t.Fatalf("excelize cannot open the workbook: %v", err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{"Ringkasan", "Baris O'Neil"}; !cmp.Equal(got, want) {
		t.Errorf("sheets = %q; want %q", got, want)
	}
	if got := f.GetActiveSheetIndex(); got != 1 {
		t.Errorf("active sheet = %d; want 1", got)
	}
	rows, _ := f.GetRows("Ringkasan")
	if want := [][]string{{"Judul"}, nil, {"Baris", "12"}}; !cmp.Equal(rows, want) {
		t.Errorf("Ringkasan rows = %q; want %q", rows, want)
	}
	for _, tc := range []struct {
		col  string
		want float64
	}{{"A", 22}, {"B", 70}} {
		if w, _ := f.GetColWidth("Ringkasan", tc.col); w != tc.want {
			t.Errorf("width of %s = %v; want %v", tc.col, w, tc.want)
		}
	}
	if h, _ := f.GetRowHeight("Ringkasan", 1); h != 32 {
		t.Errorf("height of row 1 = %v; want 32", h)
	}
	merged, _ := f.GetMergeCells("Ringkasan")
	if len(merged) != 1 || merged[0].GetStartAxis() != "A1" || merged[0].GetEndAxis() != "B1" {
		t.Errorf("merged cells = %v; want A1:B1", merged)
	}
	layout, _ := f.GetPageLayout("Ringkasan")
	if *layout.Size != 9 || *layout.Orientation != "portrait" || *layout.FitToWidth != 1 || *layout.FitToHeight != 1 {
		t.Errorf("Ringkasan page = size %d, %s, fit %d×%d; want A4 portrait 1×1", *layout.Size, *layout.Orientation, *layout.FitToWidth, *layout.FitToHeight)
	}
	props, _ := f.GetSheetProps("Ringkasan")
	if props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("Ringkasan is not fit to page")
	}
	margins, _ := f.GetPageMargins("Ringkasan")
	if *margins.Left != 0.4 || *margins.Top != 0.5 || *margins.Footer != 0.25 {
		t.Errorf("margins = left %v, top %v, footer %v; want 0.4, 0.5, 0.25", *margins.Left, *margins.Top, *margins.Footer)
	}
	hf, _ := f.GetHeaderFooter("Ringkasan")
	if hf.OddFooter != "&LPantau & co&R&P" {
		t.Errorf("footer = %q", hf.OddFooter)
	}

	sh := "Baris O'Neil"
	if layout, _ := f.GetPageLayout(sh); *layout.Orientation != "landscape" || (layout.FitToHeight != nil && *layout.FitToHeight != 0) {
		t.Errorf("%s page = %s, fit height %v; want landscape, 0 (as many pages as needed)", sh, *layout.Orientation, layout.FitToHeight)
	}
	panes, _ := f.GetPanes(sh)
	if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes = %+v; want frozen under row 1", panes)
	}
	var titles []string
	for _, d := range f.GetDefinedName() {
		titles = append(titles, d.Name+" "+d.Scope+" "+d.RefersTo)
	}
	if want := []string{"_xlnm.Print_Titles " + sh + " 'Baris O''Neil'!$1:$1"}; !cmp.Equal(titles, want) {
		t.Errorf("defined names = %q; want %q", titles, want)
	}
	for _, tc := range []struct {
		cell, value string
		typ         excelize.CellType
	}{{"A2", "198609262015051004", excelize.CellTypeInlineString}, {"B2", "45935", excelize.CellTypeUnset}, {"C2", "8.5", excelize.CellTypeUnset}} {
		v, _ := f.GetCellValue(sh, tc.cell, excelize.Options{RawCellValue: true})
		typ, _ := f.GetCellType(sh, tc.cell)
		if v != tc.value || typ != tc.typ {
			t.Errorf("%s = %q (type %v); want %q (type %v)", tc.cell, v, typ, tc.value, tc.typ)
		}
		if fm, _ := f.GetCellFormula(sh, tc.cell); fm != "" {
			t.Errorf("%s is a formula %q", tc.cell, fm)
		}
	}
	if v, _ := f.GetCellValue(sh, "B2"); v != "05/10/2025" { // serial 45935 = 45658 (1 Jan 2025) + 277 days
		t.Errorf("B2 shown = %q; want 05/10/2025 (dd/mm/yyyy)", v)
	}
	comments, _ := f.GetComments(sh)
	got := map[string]string{}
	for _, c := range comments {
		got[c.Cell] = c.Author + ": " + c.Text
		for _, p := range c.Paragraph {
			got[c.Cell] += p.Text
		}
	}
	if want := map[string]string{"A2": "Pantau: NIP salah\nbaris dua", "C2": "Pantau: JP < 1 & > 0"}; !cmp.Equal(got, want) {
		t.Errorf("comments = %q; want %q", got, want)
	}

	// Styles: ids as given, their parts as set.
	id, _ := f.GetCellStyle(sh, "A2")
	st, _ := f.GetStyle(id)
	if id != 4 || st.NumFmt != 49 || st.Font == nil || st.Font.Color != "9C0006" || st.Font.Family != "Calibri" || st.Font.Size != 11 {
		t.Errorf("A2 style %d = numFmt %d, font %+v; want 4, 49, Calibri 11 9C0006", id, st.NumFmt, st.Font)
	}
	if len(st.Border) != 4 || st.Border[0].Style != 1 {
		t.Errorf("A2 borders = %+v; want 4 thin", st.Border)
	}
	if fill := fillOf(f, id); fill != "FFFFC7CE" {
		t.Errorf("A2 fill = %q; want FFFFC7CE", fill)
	}
	id, _ = f.GetCellStyle(sh, "B2")
	if st, _ := f.GetStyle(id); st.CustomNumFmt == nil || *st.CustomNumFmt != "dd/mm/yyyy" || st.Alignment == nil || st.Alignment.Horizontal != "left" {
		t.Errorf("B2 style = %+v; want dd/mm/yyyy, left", st)
	}
	id, _ = f.GetCellStyle("Ringkasan", "A1")
	if st, _ := f.GetStyle(id); !st.Font.Bold || st.Font.Size != 13 || !st.Alignment.WrapText || st.Alignment.Vertical != "top" {
		t.Errorf("A1 style = font %+v, alignment %+v; want bold 13, top, wrapped", st.Font, st.Alignment)
	}
	// Shared parts: one red fill, one grey border, one custom format.
	if n := len(f.Styles.Fills.Fill); n != 3 {
		t.Errorf("fills = %d; want 3 (none, gray125, red)", n)
	}
	if n := len(f.Styles.Borders.Border); n != 2 {
		t.Errorf("borders = %d; want 2 (none, grey)", n)
	}
	if n := len(f.Styles.Fonts.Font); n != 4 {
		t.Errorf("fonts = %d; want 4 (default, bold 13, red, red italic)", n)
	}
}

// fillOf is the fill colour of style id as written (excelize reports fill
// colours only through a theme, which these workbooks do not carry).
func fillOf(f *excelize.File, id int) string {
	xf := f.Styles.CellXfs.Xf[id]
	p := f.Styles.Fills.Fill[*xf.FillID].PatternFill
	if p == nil || p.FgColor == nil {
		return ""
	}
	return p.FgColor.RGB
}

// TestWriteReader reads a written workbook with Pantau's own reader, which
// is how a receipt sent back is read.
func TestWriteReader(t *testing.T) {
	bk, err := xlsx.Open(sample(t), xlsx.Limits{MaxUnzipSize: 1 << 20, MaxXMLSize: 1 << 20, MaxSharedStrings: 10,
		MaxSharedStringBytes: 1 << 10, MaxTextBytes: 1 << 20, MaxSheets: 10})
	if err != nil {
		t.Fatal(err)
	}
	sheets := bk.Sheets()
	if len(sheets) != 2 || sheets[1].Name != "Baris O'Neil" {
		t.Fatalf("sheets = %+v", sheets)
	}
	rows, err := bk.Rows(sheets[1].Path, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got [][]string
	for rows.Next() {
		got = append(got, append([]string(nil), rows.Cells()...))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if want := [][]string{{"NIP", "Tanggal", "JP"}, {"198609262015051004", "45935", "8.5"}}; !cmp.Equal(got, want) {
		t.Errorf("rows = %q; want %q", got, want)
	}
}

// TestText writes awkward text and reads it back: markup stays text,
// spaces at the ends are kept, characters XML cannot hold are dropped,
// and text past Excel's limit is cut.
func TestText(t *testing.T) {
	long := strings.Repeat("é", MaxCellChars+10)
	emoji := strings.Repeat("😀", MaxCellChars/2+10) // two UTF-16 units each
	for _, tc := range []struct{ in, want string }{
		{"=1+1", "=1+1"},
		{"<b>&amp;</b>", "<b>&amp;</b>"},
		{`"kutip" 'tunggal'`, `"kutip" 'tunggal'`},
		{" spasi ", " spasi "},
		{"baris\nbaru\ttab", "baris\nbaru\ttab"},
		{"cr\r\nlf", "cr\r\nlf"},
		{"nol\x00satu\x01\x1f", "nolsatu"},
		{"salah\xff\xfeutf8", "salahutf8"},
		{"\uFFFE\uFFFFx", "x"},
		{"😀 emoji", "😀 emoji"},
		{long, long[:2*MaxCellChars]},
		{emoji, emoji[:4*(MaxCellChars/2)]},
	} {
		b := New()
		sh := b.Sheet("S")
		must(t, sh.Row(1, 0, Cell{Value: tc.in}))
		sh.AddComment(Comment{Col: 1, Row: 1, Author: "<P&>", Text: tc.in})
		var buf bytes.Buffer
		must(t, b.Write(&buf))
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatalf("open workbook with %q: %v", tc.in, err)
		}
		got, _ := f.GetCellValue("S", "A1")
		if got != tc.want {
			t.Errorf("cell %.40q = %.40q (%d bytes); want %.40q (%d bytes)", tc.in, got, len(got), tc.want, len(tc.want))
		}
		comments, _ := f.GetComments("S")
		if len(comments) != 1 || comments[0].Author != "<P&>" || comments[0].Text != tc.want {
			t.Errorf("comment of %.40q = %+v", tc.in, comments)
		}
		f.Close()
	}
}

func TestRowErrors(t *testing.T) {
	sh := New().Sheet("S")
	must(t, sh.Row(2, 0, Cell{Value: "x"}))
	for _, n := range []int{2, 1, 0} {
		if err := sh.Row(n, 0); !errors.Is(err, ErrRowOrder) {
			t.Errorf("Row(%d) after row 2 = %v; want ErrRowOrder", n, err)
		}
	}
	if err := sh.Row(3, 0, Cell{Value: []byte("x")}); err == nil {
		t.Errorf("Row with a []byte value: no error")
	}
	if err := sh.Row(4, 0, Cell{Value: 0.0 / zero()}); err == nil {
		t.Errorf("Row with NaN: no error")
	}
}

func zero() float64 { return 0 }

// TestCommentParts checks what Excel needs to show comments and excelize
// does not: the sheet's legacyDrawing names the VML drawing through its
// relationships, and the drawing has one note shape per comment, at the
// comment's cell (zero-based row and column).
func TestCommentParts(t *testing.T) {
	wb := sample(t)
	zr, err := zip.NewReader(bytes.NewReader(wb), int64(len(wb)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(b)
	}
	if !strings.Contains(parts["xl/worksheets/sheet2.xml"], `<legacyDrawing r:id="rId1"/></worksheet>`) {
		t.Errorf("sheet2 has no legacyDrawing as its last element")
	}
	if strings.Contains(parts["xl/worksheets/sheet1.xml"], `legacyDrawing`) {
		t.Errorf("sheet1, without comments, has a legacyDrawing")
	}
	rels := parts["xl/worksheets/_rels/sheet2.xml.rels"]
	if !strings.Contains(rels, `Id="rId1" Type="`+relVML+`" Target="../drawings/vmlDrawing1.vml"`) {
		t.Errorf("sheet2 relationships = %s; want rId1 → ../drawings/vmlDrawing1.vml", rels)
	}
	vml := parts["xl/drawings/vmlDrawing1.vml"]
	if n := strings.Count(vml, `<x:ClientData ObjectType="Note">`); n != 2 {
		t.Errorf("VML notes = %d; want 2", n)
	}
	for _, at := range []string{"<x:Row>1</x:Row><x:Column>0</x:Column>", "<x:Row>1</x:Row><x:Column>2</x:Column>"} {
		if !strings.Contains(vml, at) {
			t.Errorf("VML has no note at %s", at)
		}
	}
	if strings.HasPrefix(vml, "<?xml") {
		t.Errorf("VML part starts with an XML declaration")
	}
	if _, ok := parts["xl/theme/theme1.xml"]; ok {
		t.Errorf("a theme part was written")
	}
}
