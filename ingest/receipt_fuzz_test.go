package ingest

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/internal/workbook"
)

// FuzzReceiptText writes arbitrary upload text into every place a receipt
// shows it and reopens the workbook: it always opens, no cell is ever a
// formula, and plain text comes back unchanged.
func FuzzReceiptText(f *testing.F) {
	for _, s := range []string{"=HYPERLINK(\"http://x\",\"y\")", "+62 812", "-1", "@SUM(A1)", "=1+1", "", " spasi ",
		"Nama\tTab", "baris\nbaru", "\x00\x01", "😀 emoji", strings.Repeat("x", 40000), "<b>&amp;</b>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u := &Upload{
			Header:   []string{s, "NIP"},
			Extra:    []string{s},
			Notes:    []string{s},
			Problems: []*RowError{{Row: 3, Column: s, Value: s, Err: errTestCause, Message: s}},
			Warnings: []*RowError{{Row: 4, Column: s, Value: s, Err: errTestCause, Message: s}},
			Raw:      map[int][]string{3: {s, s}},
		}
		var buf bytes.Buffer
		if err := writeReceipt(&buf, &receipt{File: s, Agency: "kota-ambon", Status: lake.Partial, Reason: s, Upload: u, Limit: 10}); err != nil {
			t.Fatalf("writeReceipt(%q): %v", s, err)
		}
		x, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatalf("reopen receipt of %q: %v", s, err)
		}
		defer x.Close()
		for _, sheet := range x.GetSheetList() {
			rows, err := x.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			for r, row := range rows {
				for c := range row {
					name, _ := excelize.CoordinatesToCellName(c+1, r+1)
					if fm, _ := x.GetCellFormula(sheet, name); fm != "" {
						t.Errorf("%s!%s is a formula %q for input %q", sheet, name, fm, s)
					}
				}
			}
		}
		if plain(s) {
			// The rejected row's first cell, under the header s (or, when s
			// names a column the receipt adds itself, under NIP).
			got, _ := x.GetCellValue(sheetProblems, cell(1, rejectedHeaderRow+1))
			if got != s {
				t.Errorf("the row's first cell = %q; want %q", got, s)
			}
		}
	})
}

// plain reports whether s survives a round trip through a cell unchanged:
// valid UTF-8, no control characters, within Excel's cell length (in
// UTF-16 code units, as Excel and Pantau's reader count it).
func plain(s string) bool {
	if !utf8.ValidString(s) || len(utf16.Encode([]rune(s))) > workbook.MaxCellChars {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF) {
			return false
		}
	}
	return true
}
