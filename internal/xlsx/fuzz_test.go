package xlsx

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// testLimits are ingest's default limits.
var testLimits = Limits{MaxUnzipSize: 1 << 30, MaxXMLSize: 256 << 20, MaxSharedStrings: 4_000_000,
	MaxSharedStringBytes: 64 << 20, MaxTextBytes: 64 << 20, MaxSheets: 256}

// FuzzSheetScanner feeds arbitrary bytes to the worksheet and
// shared-string readers: they never panic, fail only with the reader's own
// errors, and what they hand on keeps the bounds — increasing row numbers
// within Excel's, no more columns than asked, no cell longer than Excel
// allows, no more text than the budget.
func FuzzSheetScanner(f *testing.F) {
	for _, s := range []string{
		`<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>NIP</t></is></c><c r="B1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
		`<sheetData><row><c><v>1</v></c><c t="str"><f>A1</f><v>x&amp;y_x000D_</v></c></row><row r="9"><c r="XFD9"/></row></sheetData>`,
		`<x:sheetData><x:row r="2"><x:c r="C2" t="inlineStr"><x:is><x:t><![CDATA[<a>]]></x:t></x:is></x:c><x:c r="Z2"><x:v>3</x:v></x:c></x:row></x:sheetData>`,
		`<sheetData><row r="1"><c r="B1"/><c r="A1"/></row></sheetData>`,
		`<?xml version="1.0" encoding="ISO-8859-1"?><sheetData/>`,
		`<sst><si><t>a</t></si><si/><si><r><t>b</t></r><rPh><t>x</t></rPh></si></sst>`,
		"\xFF\xFE<\x00r\x00o\x00w\x00>\x00",
	} {
		f.Add([]byte(s), uint8(5))
	}
	f.Fuzz(func(t *testing.T, b []byte, cols uint8) {
		opts := testLimits
		opts.MaxTextBytes, opts.MaxSharedStrings, opts.MaxSharedStringBytes = 1<<16, 100, 1<<16
		bk := &Book{lim: opts}
		bk.sst = sharedStrings{text: "NIPx", ends: []uint32{3, 4}}
		maxCol := int(cols%20) + 1
		r := newUTF8Reader(bytes.NewReader(b))
		rows := &Rows{bk: bk, rc: io.NopCloser(r), sc: newScanner(r), maxCol: maxCol}
		last, text := 0, 0
		for n := 0; rows.Next(); n++ {
			if rows.num <= last || rows.num > MaxRows {
				t.Fatalf("row %d after %d", rows.num, last)
			}
			last = rows.num
			if len(rows.cells) > maxCol || len(rows.nums) != len(rows.cells) {
				t.Fatalf("row %d: %d cells, %d flags; want at most %d", rows.num, len(rows.cells), len(rows.nums), maxCol)
			}
			for _, c := range rows.cells {
				if tooLong(c) {
					t.Fatalf("row %d: a cell of %d bytes", rows.num, len(c))
				}
				text += len(c)
			}
		}
		if text > int(opts.MaxTextBytes) {
			t.Fatalf("%d bytes of text handed on; budget %d", text, opts.MaxTextBytes)
		}
		checkReaderError(t, rows.Err())

		sb := &Book{lim: opts}
		err := sb.readSSTFrom(newScanner(newUTF8Reader(bytes.NewReader(b))), 0, false)
		checkReaderError(t, err)
		if err == nil {
			if sb.sst.len() > opts.MaxSharedStrings || int64(len(sb.sst.text)) > opts.MaxSharedStringBytes {
				t.Fatalf("shared strings: %d of %d bytes", sb.sst.len(), len(sb.sst.text))
			}
			for i := 0; i < sb.sst.len(); i++ {
				if tooLong(sb.sst.at(i)) {
					t.Fatalf("shared string %d too long", i)
				}
			}
		}
	})
}

// checkReaderError fails unless err is nil or one of the reader's own.
func checkReaderError(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, known := range []error{ErrCorrupt, ErrTooLarge, ErrTooManyRows, ErrCellTooLong, ErrSharedStringIndex,
		ErrCellOrder, ErrEncoding, ErrText, ErrSharedStrings} {
		if errors.Is(err, known) {
			return
		}
	}
	t.Fatalf("reader error %v is none of its own", err)
}

// FuzzUTF16 decodes arbitrary UTF-16LE and UTF-16BE (after a byte-order
// mark, shifted by pad units so that chunk boundaries fall anywhere) and
// compares with unicode/utf16.Decode.
func FuzzUTF16(f *testing.F) {
	f.Add([]byte("<\x00?\x00x\x00"), uint16(0), false)
	f.Add([]byte{0x3D, 0xD8, 0x00, 0xDE}, uint16(2046), false) // a surrogate pair at a chunk edge
	f.Add([]byte{0xD8, 0x3D, 0xDE, 0x00, 0x41}, uint16(2047), true)
	f.Add([]byte{0x00, 0xDC, 0x00, 0xD8}, uint16(5), false)
	f.Fuzz(func(t *testing.T, b []byte, pad uint16, big bool) {
		n := int(pad % 4200)
		var in []byte
		units := make([]uint16, 0, n+len(b)/2)
		for i := 0; i < n; i++ {
			units = append(units, 'a')
		}
		if big {
			in = append(in, 0xFE, 0xFF)
			for i := 0; i < n; i++ {
				in = append(in, 0, 'a')
			}
		} else {
			in = append(in, 0xFF, 0xFE)
			for i := 0; i < n; i++ {
				in = append(in, 'a', 0)
			}
		}
		in = append(in, b...)
		for i := 0; i+1 < len(b); i += 2 {
			if big {
				units = append(units, uint16(b[i])<<8|uint16(b[i+1]))
			} else {
				units = append(units, uint16(b[i])|uint16(b[i+1])<<8)
			}
		}
		want := string(utf16.Decode(units))
		if len(b)%2 == 1 {
			want += string(utf8.RuneError)
		}
		got, err := io.ReadAll(newUTF8Reader(bytes.NewReader(in)))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Fatalf("decoded %q; want %q", clipRunes(string(got), 80), clipRunes(want, 80))
		}
		if len(got) > 3*len(in)/2+3 {
			t.Fatalf("decoded %d bytes from %d", len(got), len(in))
		}
	})
}
