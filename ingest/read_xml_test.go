package ingest

import (
	"archive/zip"
	"bytes"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/xlsx"
)

// sheetCells reads every row of the first sheet with the scanner, indexed
// by row number - 1 like excelize's GetRows.
func sheetCells(t *testing.T, b []byte) ([][]string, [][]bool) {
	t.Helper()
	bk, err := xlsx.Open(b, DefaultOptions().limits())
	if err != nil {
		t.Fatal(err)
	}
	rows, err := bk.Rows(bk.Sheets()[0].Path, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][]string
	var nums [][]bool
	for rows.Next() {
		for len(out) < rows.Num()-1 {
			out, nums = append(out, nil), append(nums, nil)
		}
		out = append(out, append([]string(nil), rows.Cells()...))
		nums = append(nums, append([]bool(nil), rows.Numeric()...))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out, nums
}

// TestScannerMatchesExcelize compares the scanner with excelize's GetRows
// (raw values) on workbooks written by excelize.
func TestScannerMatchesExcelize(t *testing.T) {
	oct := time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)
	books := map[string][]byte{
		"mixed": buildWorkbook(t, false, map[string][][]any{"Data": {
			{"Judul & <laporan>"},
			{},
			{"NIP", "Nama", nil, "JP", "Tanggal", "Benar"},
			{"198609262015051001", "Ma'ria \"A\"", nil, 8.5, oct, "ya"},
			{nil, nil, nil, nil, nil, nil},
			{"x", "baris\nbaru", "tab\tdi", -1, "=SUM(A1)", 0.125},
		}}),
		"bench": kehadiranWorkbook(t, 50),
	}
	for name, b := range books {
		t.Run(name, func(t *testing.T) {
			f, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			want, err := f.GetRows(f.GetSheetList()[0], excelize.Options{RawCellValue: true})
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			got, _ := sheetCells(t, b)
			// excelize drops trailing empty rows; so may we.
			for len(got) > len(want) && len(got[len(got)-1]) == 0 {
				got = got[:len(got)-1]
			}
			norm := func(rows [][]string) [][]string {
				out := make([][]string, len(rows))
				for i, r := range rows {
					for len(r) > 0 && r[len(r)-1] == "" {
						r = r[:len(r)-1]
					}
					out[i] = r
				}
				return out
			}
			if diff := cmp.Diff(norm(want), norm(got)); diff != "" {
				t.Errorf("scanner vs excelize (-want +got):\n%s", diff)
			}
		})
	}
}

// TestScannerHandWritten reads XML as other writers produce it: namespace
// prefixes, inline and rich-text strings, entities, _xHHHH_ escapes,
// formulas with cached values, CDATA, cells and rows without r.
func TestScannerHandWritten(t *testing.T) {
	files := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
			`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:workbookPr date1904="1"/>` +
			`<x:sheets><x:sheet name="Lembar &amp; 1" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		"xl/sharedStrings.xml": `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
			`<si><t>NIP</t></si><si><r><rPr><b/></rPr><t>Na</t></r><r><t xml:space="preserve">ma </t></r><rPh><t>ignored</t></rPh></si>` +
			`<si><t>a&amp;b_x000D_c</t></si></sst>`,
		"xl/worksheets/sheet1.xml": `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
			`<x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="C2" t="s"><x:v>1</x:v></x:c></x:row>` +
			`<!-- a comment <row> -->` +
			`<x:row><x:c t="inlineStr"><x:is><x:t>19860926 &#50;01505 1 001</x:t></x:is></x:c><x:c t="s"><x:v>2</x:v></x:c>` +
			`<x:c r="C3"><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c r="D3" t="str"><x:f>A1&amp;"x"</x:f><x:v>hasil</x:v></x:c>` +
			`<x:c r="E3" t="b"><x:v>1</x:v></x:c><x:c r="F3" t="inlineStr"><x:is><x:t><![CDATA[<cdata>]]></x:t></x:is></x:c><x:c r="G3" s="1"/></x:row>` +
			`<x:row r="5" hidden="1"><x:c r="B5"><x:v>1.98609262015051E+17</x:v></x:c></x:row>` +
			`</x:sheetData></x:worksheet>`,
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	bk, err := xlsx.Open(buf.Bytes(), limits(1<<20, 1<<20))
	if err != nil {
		t.Fatal(err)
	}
	if sh := bk.Sheets(); !bk.Date1904() || len(sh) != 1 || sh[0].Name != "Lembar & 1" || sh[0].Path != "xl/worksheets/sheet1.xml" {
		t.Errorf("book = date1904 %v sheets %+v", bk.Date1904(), sh)
	}
	got, nums := sheetCells(t, buf.Bytes())
	want := [][]string{
		nil,
		{"NIP", "", "Nama "},
		{"19860926 201505 1 001", "a&b\rc", "2", "hasil", "TRUE", "<cdata>"},
		nil,
		{"", "1.98609262015051E+17"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if !nums[2][2] || nums[2][0] || !nums[4][1] {
		t.Errorf("number flags = %v", nums)
	}
}

func TestScannerCorrupt(t *testing.T) {
	good := buildWorkbook(t, false, map[string][][]any{"Data": {{"NIP", "Nama"}, {"1", "2"}}})
	for _, cut := range []int{10, len(good) / 3, len(good) - 30} {
		if _, err := xlsx.Open(good[:cut], limits(1<<20, 1<<20)); err == nil {
			// a cut that keeps the directory is fine; reading must still fail or succeed cleanly
			continue
		}
	}
	if _, err := xlsx.Open([]byte("PK\x03\x04"), limits(1<<20, 1<<20)); err == nil {
		t.Error("xlsx.Open(truncated) succeeded")
	}
	if _, err := xlsx.Open(good, limits(100, 100)); err != xlsx.ErrTooLarge {
		t.Errorf("xlsx.Open over the limit = %v; want xlsx.ErrTooLarge", err)
	}
}

// limits are the default limits with the unzip and XML limits set.
func limits(unzip, xml int64) xlsx.Limits {
	o := DefaultOptions()
	o.MaxUnzipSize, o.MaxXMLSize = unzip, xml
	return o.limits()
}
