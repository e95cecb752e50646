package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"testing"
)

// zipOf packs parts (name, content, name, content, …) into a zip.
func zipOf(t testing.TB, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.Create(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[i+1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const (
	seedWorkbook = `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`
	seedRels     = `<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
	seedSST      = `<sst><si><t>NIP</t></si><si><t>Nama</t></si></sst>`
	seedSheet    = `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="str"><v>198609262015051001</v></c><c r="B2"><v>45200</v></c></row></sheetData></worksheet>`
)

// seedBook is a small, whole workbook: one sheet, shared strings, 1904 dates.
func seedBook(t testing.TB) []byte {
	return zipOf(t, "xl/workbook.xml", seedWorkbook, "xl/_rels/workbook.xml.rels", seedRels,
		"xl/sharedStrings.xml", seedSST, "xl/worksheets/sheet1.xml", seedSheet)
}

// TestOpenSeed: the fuzz seed is a workbook Open reads whole — one sheet
// "Data", 1904 dates, the shared strings resolved — so fuzzing starts from
// a file that reaches the sheet scanner, not one refused at the zip.
func TestOpenSeed(t *testing.T) {
	bk, err := Open(seedBook(t), testLimits)
	if err != nil {
		t.Fatal(err)
	}
	if s := bk.Sheets(); len(s) != 1 || s[0].Name != "Data" || s[0].Path != "xl/worksheets/sheet1.xml" || !bk.Date1904() {
		t.Fatalf("sheets %+v, 1904 %v; want one sheet Data at xl/worksheets/sheet1.xml, 1904 dates", s, bk.Date1904())
	}
	rows, err := bk.Rows(bk.Sheets()[0].Path, 5)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got [][]string
	for rows.Next() {
		got = append(got, append([]string(nil), rows.Cells()...))
	}
	if rows.Err() != nil || len(got) != 2 || got[0][0] != "NIP" || got[0][1] != "Nama" || got[1][0] != "198609262015051001" || got[1][1] != "45200" {
		t.Fatalf("rows %q, err %v", got, rows.Err())
	}
}

// FuzzOpen feeds whole zips to Open and then every sheet to the row
// iterator: no panic, only the reader's own errors (or the zip-level ones
// Open names), and the bounds of FuzzSheetScanner hold on what comes out.
// The seeds are the good workbook, the same with each part corrupted, and
// zips that are not workbooks.
func FuzzOpen(f *testing.F) {
	good := seedBook(f)
	f.Add(good)
	f.Add(good[:len(good)/2]) // truncated
	f.Add(zipOf(f, "xl/workbook.xml", seedWorkbook, "xl/_rels/workbook.xml.rels", seedRels,
		"xl/sharedStrings.xml", "<sst><si><t>a", "xl/worksheets/sheet1.xml", seedSheet))
	f.Add(zipOf(f, "xl/workbook.xml", seedWorkbook, "xl/_rels/workbook.xml.rels", seedRels,
		"xl/sharedStrings.xml", seedSST, "xl/worksheets/sheet1.xml", `<sheetData><row r="2"/><row r="1"/></sheetData>`))
	f.Add(zipOf(f, "word/document.xml", "<w/>"))
	f.Add(zipOf(f, "mimetype", "application/vnd.oasis.opendocument.spreadsheet", "content.xml", "<x/>"))
	f.Add(zipOf(f, "xl/workbook.xml", seedWorkbook, "XL/Workbook.xml", seedWorkbook))
	f.Fuzz(func(t *testing.T, b []byte) {
		lim := testLimits
		lim.MaxUnzipSize, lim.MaxXMLSize, lim.MaxTextBytes, lim.MaxSharedStrings, lim.MaxSharedStringBytes, lim.MaxSheets = 1<<20, 1<<20, 1<<16, 100, 1<<16, 8
		bk, err := Open(b, lim)
		if err != nil {
			checkOpenError(t, err)
			return
		}
		if len(bk.Sheets()) == 0 || len(bk.Sheets()) > lim.MaxSheets {
			t.Fatalf("Open gave %d sheets; want 1..%d", len(bk.Sheets()), lim.MaxSheets)
		}
		for _, s := range bk.Sheets() {
			rows, err := bk.Rows(s.Path, 8)
			if err != nil {
				checkOpenError(t, err)
				continue
			}
			last := 0
			for rows.Next() {
				if rows.Num() <= last || rows.Num() > MaxRows || len(rows.Cells()) > 8 {
					t.Fatalf("sheet %s: row %d after %d with %d cells", s.Name, rows.Num(), last, len(rows.Cells()))
				}
				last = rows.Num()
			}
			checkOpenError(t, rows.Err())
			rows.Close()
		}
	})
}

// checkOpenError fails unless err is nil or one of the reader's errors.
func checkOpenError(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, known := range []error{ErrCorrupt, ErrTooLarge, ErrTooManyRows, ErrODS, ErrWord, ErrSlides, ErrZip,
		ErrAmbiguous, ErrTooManySheets, ErrSharedStrings, ErrText, ErrCellTooLong, ErrSharedStringIndex,
		ErrCellOrder, ErrEncoding} {
		if errors.Is(err, known) {
			return
		}
	}
	t.Fatalf("Open error %v is none of the reader's own", err)
}
