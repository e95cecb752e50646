package xlsx

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
)

// readAll reads every row of sheet XML b, fast path on or off, with a
// bufio buffer of size bytes (small ones put buffer ends everywhere),
// and returns what Next handed on, row by row, and the error.
func readAll(bk *Book, b []byte, maxCol, size int, slow bool) ([]string, string) {
	r := bytes.NewReader(b)
	sc := &scanner{br: bufio.NewReaderSize(r, size), name: map[string]string{}}
	rows := &Rows{bk: bk, rc: io.NopCloser(r), sc: sc, maxCol: maxCol, slow: slow}
	var out []string
	for n := 0; rows.Next() && n < 10000; n++ {
		out = append(out, fmt.Sprintf("%d %q %v %v", rows.Num(), rows.Cells(), rows.Numeric(), rows.Truncated()))
	}
	err := "<nil>"
	if rows.Err() != nil {
		err = rows.Err().Error()
	}
	return out, err
}

var fastSeeds = []string{
	// LibreOffice
	`<sheetData><row r="1" customFormat="false" ht="15" hidden="false"><c r="A1" s="0" t="s"><v>0</v></c><c r="B1" s="2" t="n"><v>45737</v></c><c r="C1" s="0" t="n"><v>2</v></c></row><row r="3" ht="15"><c r="B3" s="0" t="s"><v>1</v></c></row></sheetData>`,
	// Excel
	`<sheetData><row r="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>1</v></c><c r="C1"><v>1.98609262015051E+17</v></c></row><row r="2"><c r="A2" t="b"><v>0</v></c><c r="B2" t="e"><v>#N/A</v></c><c r="C2" t="str"><f>A1</f><v>x&amp;y_x000D_</v></c></row></sheetData>`,
	// excelize stream writer: no r on cells, inline strings
	`<sheetData><row r="1"><c t="inlineStr"><is><t>NIP</t></is></c><c><v>7</v></c><c t="s"><v>0</v></c></row><row r="2"><c/><c></c><c><v></v></c><c><v>3</v></c></row></sheetData>`,
	// odd: self-closing rows, prefixes, whitespace, out of order, beyond the columns, stuck flags
	`<sheetData><row r="1"/><row r="2"/><x:row r="3"><x:c r="A3"><x:v>1</x:v></x:c></x:row></sheetData>`,
	"<sheetData>\n <row r=\"1\">\n  <c r=\"A1\" t=\"s\"><v>1</v></c>\n  <c r=\"B1\"><v> 2 </v></c>\n </row>\n</sheetData>",
	`<sheetData><row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row></sheetData>`,
	`<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="Z1"><v>2</v></c><c r="AA1"><v>3</v></c></row><row r="2"><c r="A2"><v>4</v></c></row></sheetData>`,
	`<sheetData><row r="1"><c><v>1</c><c><v>2</v></c></row><row r="2"><f><c><v>3</v></c></f></row></sheetData>`,
	`<sheetData><row r="2"><c r="A2"><v>1</v></c></row><row r="1"><c r="A1"><v>2</v></c></row></sheetData>`,
	`<sheetData><row r="x"><c><v>1</v></c></row><row r="1234567890"><c><v>2</v></c></row></sheetData>`,
	`<sheetData><row r="1"><c r="A1" t="s"><v>9</v></c></row></sheetData>`,
	`<sheetData><row r="1"><c r="A1" t="s"><v>+1</v></c><c r="B1" t='s' ><v>01</v></c><c r = "C1" t="s"><v>0</v></c></row></sheetData>`,
	`<sheetData><row r="1"><c r="A1" a=">" t="s"><v>1</v></c><c r="B1" t="s"/><c r="XFE1"><v>1</v></c></row></sheetData>`,
	`<sheetData><row r="1"><c r="A1"><v><![CDATA[5]]></v></c><c r="B1"><!-- x --><v>6</v></c></row><row><c><v>7</v></c></row></sheetData>`,
	`<sheetData><row r="1048576"><c><v>1</v></c></row><row r="1048577"><c><v>2</v></c></row></sheetData>`,
	`<sheetData><row r="1"><c r="A1"><v>1</v></c>`,
	`<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a&lt;b</t></is></c><c r="B1" t="inlineStr"><is><t>x_x0041_</t></is></c><c r="C1" t="inlineStr"><is><t></t></is></c><c r="D1"><is><t>5</t></is></c><c r="E1" t="inlineStr"><is><t>p</t><t>q</t></is></c></row></sheetData>`,
	`<sheetData><row r="1"><c r="A1"><v>1</v></c></row><c r="A2"><v>2</v></c></sheetData>`,
}

// FuzzFastMatchesTokens: Next reads every sheet as the token loop alone
// reads it — the same rows, cells, number flags, cuts and error —
// whatever the bytes, the columns asked for and where the buffer ends.
func FuzzFastMatchesTokens(f *testing.F) {
	for _, s := range fastSeeds {
		f.Add([]byte(s), uint8(3), uint8(0))
		f.Add([]byte(s), uint8(26), uint8(5))
	}
	f.Fuzz(func(t *testing.T, b []byte, cols, size uint8) {
		bk := &Book{lim: testLimits}
		bk.sst = sharedStrings{text: "NIPxy", ends: []uint32{3, 4, 5}}
		bk.lim.MaxTextBytes = 1 << 12
		maxCol, bufSize := int(cols%40)+1, 72+int(size)*8 // skipRow keeps 64 bytes
		want, werr := readAll(bk, b, maxCol, bufSize, true)
		got, gerr := readAll(bk, b, maxCol, bufSize, false)
		if !reflect.DeepEqual(got, want) || gerr != werr {
			t.Fatalf("%q (cols %d, buffer %d):\nfast   %q %s\ntokens %q %s", b, maxCol, bufSize, got, gerr, want, werr)
		}
	})
}

// TestFastLargeSheet: a sheet of many rows, the way LibreOffice and Excel
// write them, read through the default buffer (rows cross its ends), is
// read alike with and without the fast path, and the values are the
// shared strings and numbers written.
func TestFastLargeSheet(t *testing.T) {
	var sst strings.Builder
	var ends []uint32
	for i := 0; i < 1000; i++ {
		sst.WriteString(fmt.Sprintf("s%d", i))
		ends = append(ends, uint32(sst.Len()))
	}
	bk := &Book{lim: testLimits, sst: sharedStrings{text: sst.String(), ends: ends}}
	var x strings.Builder
	x.WriteString(`<worksheet><sheetData>`)
	for r := 1; r <= 5000; r++ {
		fmt.Fprintf(&x, `<row r="%d" customFormat="false" ht="15" hidden="false">`, r)
		fmt.Fprintf(&x, `<c r="A%d" s="1" t="s"><v>%d</v></c>`, r, r%1000)
		fmt.Fprintf(&x, `<c r="B%d" s="2" t="n"><v>%d</v></c>`, r, 45000+r%28)
		if r%7 != 0 {
			fmt.Fprintf(&x, `<c r="D%d" t="str"><v>t&amp;%d</v></c>`, r, r)
		}
		fmt.Fprintf(&x, `<c r="E%d"><v>%d.5</v></c><c r="F%d" t="b"><v>1</v></c>`, r, r, r)
		fmt.Fprintf(&x, `<c r="G%d" t="inlineStr"><is><t>i%d</t></is></c></row>`, r, r)
	}
	x.WriteString(`</sheetData></worksheet>`)
	b := []byte(x.String())
	want, werr := readAll(bk, b, 7, 64<<10, true)
	got, gerr := readAll(bk, b, 7, 64<<10, false)
	if !reflect.DeepEqual(got, want) || gerr != werr {
		t.Fatalf("fast and token reads differ (%d and %d rows, errors %s, %s)", len(got), len(want), gerr, werr)
	}
	if len(got) != 5000 || gerr != "<nil>" {
		t.Fatalf("%d rows, error %s", len(got), gerr)
	}
	for _, r := range []int{1, 7, 999, 1000, 5000} {
		d := fmt.Sprintf(`"t&%d" `, r)
		if r%7 == 0 {
			d = `"" `
		}
		w := fmt.Sprintf(`%d ["s%d" "%d" "" %s"%d.5" "TRUE" "i%d"] [false true false false true false false] false`, r, r%1000, 45000+r%28, d, r, r)
		if got[r-1] != w {
			t.Errorf("row %d:\n got %s\nwant %s", r, got[r-1], w)
		}
	}
}

// readSST reads shared strings XML b, fast path on or off, with a bufio
// buffer of size bytes, and returns the strings and the error.
func readSST(b []byte, lim Limits, size int, slow bool) ([]string, string) {
	bk := &Book{lim: lim}
	err := bk.readSSTFrom(&scanner{br: bufio.NewReaderSize(bytes.NewReader(b), size), name: map[string]string{}}, 0, slow)
	out := make([]string, bk.sst.len())
	for i := range out {
		out[i] = bk.sst.at(i)
	}
	if err != nil {
		return out, err.Error()
	}
	return out, "<nil>"
}

var sstSeeds = []string{
	// LibreOffice
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<sst xmlns="x" count="3" uniqueCount="3"><si><t xml:space="preserve">NIP</t></si><si><t xml:space="preserve">Pegawai 0</t></si><si><t xml:space="preserve"></t></si></sst>`,
	// Excel: plain, rich text, phonetics, escapes, entities
	`<sst count="5"><si><t>NIP</t></si><si><r><rPr><b/></rPr><t>a</t></r><r><t xml:space="preserve"> b</t></r></si><si><t>x</t><rPh sb="0" eb="1"><t>y</t></rPh></si><si><t>a_x000D_b</t></si><si><t>a&amp;b</t></si><si/></sst>`,
	"<sst>\n  <si><t>a</t></si>\n  <si><t>b</t></si>\n</sst>",
	`<sst><si><t>a</t></si><si><t>b</t></si><si><t>c</t></si><si><t>d</t></si></sst>`,
	`<sst><si><t>a</t></si><x:si><x:t>b</x:t></x:si><si><t>unclosed</sst>`,
}

// FuzzFastSSTMatchesTokens: readSSTFrom reads every shared strings part as
// its token loop alone reads it — the same strings and the same error —
// whatever the bytes, the limits and where the buffer ends.
func FuzzFastSSTMatchesTokens(f *testing.F) {
	for _, s := range sstSeeds {
		f.Add([]byte(s), uint8(0), uint8(0))
		f.Add([]byte(s), uint8(3), uint8(2))
	}
	f.Fuzz(func(t *testing.T, b []byte, size, limit uint8) {
		lim := testLimits
		if limit > 0 { // limits the strings reach
			lim.MaxSharedStrings, lim.MaxSharedStringBytes = int(limit%8)+1, int64(limit)
		}
		bufSize := 16 + int(size)*4
		want, werr := readSST(b, lim, bufSize, true)
		got, gerr := readSST(b, lim, bufSize, false)
		if !reflect.DeepEqual(got, want) || gerr != werr {
			t.Fatalf("%q (buffer %d, limits %d strings %d bytes):\nfast   %q %s\ntokens %q %s", b, bufSize,
				lim.MaxSharedStrings, lim.MaxSharedStringBytes, got, gerr, want, werr)
		}
	})
}

// TestFastSSTLargeTable: a LibreOffice-shaped table of many strings, read
// through the default buffer (strings cross its ends), is read alike with
// and without the fast path, and holds the strings written.
func TestFastSSTLargeTable(t *testing.T) {
	var x strings.Builder
	x.WriteString(`<sst count="20000" uniqueCount="20000">`)
	for i := range 20000 {
		switch {
		case i%1000 == 7:
			fmt.Fprintf(&x, `<si><t>k&amp;%d</t></si>`, i) // an entity: the token loop's
		case i%2 == 0:
			fmt.Fprintf(&x, `<si><t xml:space="preserve">s %d</t></si>`, i)
		default:
			fmt.Fprintf(&x, `<si><t>s %d</t></si>`, i)
		}
	}
	x.WriteString(`</sst>`)
	b := []byte(x.String())
	want, werr := readSST(b, testLimits, 64<<10, true)
	got, gerr := readSST(b, testLimits, 64<<10, false)
	if !reflect.DeepEqual(got, want) || gerr != werr {
		t.Fatalf("fast and token reads differ (%d and %d strings, errors %s, %s)", len(got), len(want), gerr, werr)
	}
	if len(got) != 20000 || gerr != "<nil>" {
		t.Fatalf("%d strings, error %s", len(got), gerr)
	}
	for _, i := range []int{0, 1, 7, 1007, 19999} {
		w := fmt.Sprintf("s %d", i)
		if i%1000 == 7 {
			w = fmt.Sprintf("k&%d", i)
		}
		if got[i] != w {
			t.Errorf("string %d = %q, want %q", i, got[i], w)
		}
	}
}
