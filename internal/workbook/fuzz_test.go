package workbook

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// FuzzText writes arbitrary text as a cell, a comment and a sheet's footer:
// the workbook always opens, and the cell reads back as cellText makes it:
// cleaned of what XML cannot hold, then cut to MaxCellChars.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "=1+1", " a ", "a\r\nb", "\x00", "\xff", "😀", "]]>", "&#13;", strings.Repeat("x", 40000)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := New(Style{Format: s, Font: Font{Name: s}})
		sh := b.Sheet("S")
		sh.Print.Footer = s
		if err := sh.Row(1, 0, Cell{Style: 1, Value: s}); err != nil {
			t.Fatal(err)
		}
		sh.AddComment(Comment{Col: 1, Row: 1, Author: s, Text: s})
		var buf bytes.Buffer
		if err := b.Write(&buf); err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatalf("open workbook with %q: %v", s, err)
		}
		defer x.Close()
		got, err := x.GetCellValue("S", "A1", excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if want := cellText(s); got != want {
			t.Errorf("cell %q = %q; want %q", s, got, want)
		}
	})
}
