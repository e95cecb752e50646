package sampledata

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"strings"
	"unicode/utf16"
)

// HostileCase is one file built to make the reader spend memory or time out
// of all proportion to its size, or to be read two ways. Each is otherwise a
// plain attendance upload of October 2026 for kota-ambon, so that it fails
// (or passes) for its one reason only. The files are written on demand
// (some inflate to gigabytes) and never stored in the repository.
type HostileCase struct {
	Name    string // short slug; the file is "kehadiran_2026-10_<Name>.xlsx" unless File says otherwise
	File    string
	Problem string // what is hostile about it, in English
	Status  string // "ditolak", "diterima" or "diterima sebagian"
	Expect  string // the ingest sentinel of a rejection ("ErrCorrupt", …); "" when accepted
	Message string // a phrase the Indonesian message must contain
	Note    string // a phrase one of the receipt's notes must contain, if any
	write   func(w io.Writer) error
}

// Write writes the case's file to w.
func (c HostileCase) Write(w io.Writer) error { return c.write(w) }

// WriteFile writes the case's file to path.
func (c HostileCase) WriteFile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	if err := c.write(bw); err != nil {
		f.Close()
		return fmt.Errorf("hostile %s: %w", c.Name, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// hostileHeader is the attendance header every hostile sheet starts with.
var hostileHeader = []string{"NIP", "Nama Pelatihan", "Jenis Pengembangan", "Tanggal Mulai", "Tanggal Selesai", "JP", "Status Kehadiran"}

// octSerial is 5 October 2026 as an Excel serial (1900 date system).
const octSerial = 46300

// HostileCases lists the hostile files in a fixed order.
func HostileCases() []HostileCase {
	const mb = 1 << 20
	return []HostileCase{
		{Name: "string-bersama-raksasa", Problem: "one 50 MB shared string used in Nama Pelatihan of every one of 2,000 rows (61 KB file)",
			Status: "ditolak", Expect: "ErrCorrupt", Message: "32.767 karakter",
			write: func(w io.Writer) error {
				huge := strings.Repeat("x", 50*mb)
				return hostileBook(w, bookSpec{sst: append(append([]string{}, hostileHeader...), huge), rows: 2000, cell: func(row, col int) string {
					if col == 1 && row > 1 {
						return sstCell(row, col, len(hostileHeader))
					}
					return goodCell(row, col)
				}})
			}},
		{Name: "string-bersama-kosong", Problem: "27.7 million empty shared strings (a 0.5 MB file)",
			Status: "ditolak", Expect: "ErrTooLarge", Message: "teks bersama",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 10, sstRaw: func(w io.Writer) error {
					if _, err := io.WriteString(w, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`); err != nil {
						return err
					}
					chunk := strings.Repeat("<si/>", 100_000)
					for i := 0; i < 277; i++ {
						if _, err := io.WriteString(w, chunk); err != nil {
							return err
						}
					}
					_, err := io.WriteString(w, `</sst>`)
					return err
				}})
			}},
		{Name: "string-bersama-panjang-berulang", Problem: "one shared string of exactly 32,767 characters (Excel's limit) in Nama Pelatihan of 200,000 rows: 6.5 GB of text from a small file",
			Status: "ditolak", Expect: "ErrTooLarge", Message: "teks",
			write: func(w io.Writer) error {
				long := strings.Repeat("y", 32767)
				return hostileBook(w, bookSpec{sst: []string{long}, rows: 200_000, cell: func(row, col int) string {
					if col == 1 && row > 1 {
						return sstCell(row, col, 0)
					}
					return goodCell(row, col)
				}})
			}},
		{Name: "string-bersama-banyak-besar", Problem: "20,000 distinct shared strings of 32,767 characters each (655 MB of shared strings, a few MB compressed)",
			Status: "ditolak", Expect: "ErrTooLarge", Message: "teks bersama",
			write: func(w io.Writer) error {
				base := strings.Repeat("z", 32760)
				return hostileBook(w, bookSpec{rows: 10, sstRaw: func(w io.Writer) error {
					if _, err := io.WriteString(w, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`); err != nil {
						return err
					}
					for i := 0; i < 20_000; i++ {
						if _, err := fmt.Fprintf(w, "<si><t>%s%07d</t></si>", base, i); err != nil {
							return err
						}
					}
					_, err := io.WriteString(w, `</sst>`)
					return err
				}})
			}},
		{Name: "teks-sebaris-raksasa", Problem: "one inline string of 50 MB in a cell",
			Status: "ditolak", Expect: "ErrCorrupt", Message: "32.767 karakter",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 10, cell: func(row, col int) string {
					if row == 3 && col == 1 {
						return inlineCell(row, col, strings.Repeat("x", 50*mb))
					}
					return goodCell(row, col)
				}})
			}},
		{Name: "sel-32768", Problem: "one cell of 32,768 characters, one more than Excel allows",
			Status: "ditolak", Expect: "ErrCorrupt", Message: "32.767 karakter",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 10, cell: func(row, col int) string {
					if row == 3 && col == 1 {
						return inlineCell(row, col, strings.Repeat("a", 32768))
					}
					return goodCell(row, col)
				}})
			}},
		{Name: "sel-32767", Problem: "Nama Pelatihan of 32,767 characters (é, two bytes each) in each of 10 rows: at Excel's limit, so accepted",
			Status: "diterima", Expect: "",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 10, cell: func(row, col int) string {
					if col == 1 && row > 1 {
						return inlineCell(row, col, strings.Repeat("é", 32766)+fmt.Sprint(row%10))
					}
					return goodCell(row, col)
				}})
			}},
		{Name: "kolom-banyak", Problem: "10,000 columns × 2,000 rows, every row bad (NIP not 18 digits) and every column filled",
			Status: "ditolak", Expect: "ErrTooManyBadRows", Message: "bermasalah", Note: "lebih dari 256 kolom",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 2000, cols: 10_000, cell: func(row, col int) string {
					switch {
					case col >= len(hostileHeader) && row == 1:
						return inlineCell(row, col, fmt.Sprintf("Kolom %d", col+1))
					case col >= len(hostileHeader):
						return "<c><v>1</v></c>"
					case col == 0 && row > 1:
						return inlineCell(row, col, "12345")
					}
					return goodCell(row, col)
				}})
			}},
		{Name: "baris-salah-banyak", Problem: "200,000 rows, every one bad (NIP not 18 digits)",
			Status: "ditolak", Expect: "ErrTooManyBadRows", Message: "bermasalah",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 200_000, cell: func(row, col int) string {
					if col == 0 && row > 1 {
						return inlineCell(row, col, "12345")
					}
					return goodCell(row, col)
				}})
			}},
		{Name: "rujukan-maks", Problem: "10 good rows, then a cell at XFD1048576 (the last cell Excel has) and 1,000,000 rows that each hold only a cell in column XFD",
			Status: "diterima", Expect: "",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 11, cell: goodCell, tail: func(w io.Writer) error {
					for r := 100; r < 1_000_100; r++ {
						if _, err := fmt.Fprintf(w, `<row r="%d"><c r="XFD%d" t="inlineStr"><is><t>x</t></is></c></row>`, r, r); err != nil {
							return err
						}
					}
					_, err := io.WriteString(w, `<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>akhir</t></is></c></row>`)
					return err
				}})
			}},
		{Name: "rujukan-lewat", Problem: "a row numbered 1048577, one past Excel's last row",
			Status: "ditolak", Expect: "ErrTooManyRows", Message: "1.048.576",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 11, cell: goodCell, tail: func(w io.Writer) error {
					_, err := io.WriteString(w, `<row r="1048577"><c r="A1048577" t="inlineStr"><is><t>x</t></is></c></row>`)
					return err
				}})
			}},
		{Name: "sel-ganda", Problem: "two cells with the same reference (B3) in one row: which value holds is a guess",
			Status: "ditolak", Expect: "ErrCorrupt", Message: "rusak",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 11, cell: func(row, col int) string {
					if row == 3 && col == 1 {
						return goodCell(row, col) + inlineCell(row, col, "Pelatihan Lain")
					}
					return goodCell(row, col)
				}})
			}},
		{Name: "atribut-raksasa", Problem: "a cell whose attribute value is 100 MB long",
			Status: "ditolak", Expect: "ErrCorrupt", Message: "rusak",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 11, cell: func(row, col int) string {
					if row == 3 && col == 1 {
						return `<c r="B3" x="` + strings.Repeat("a", 100*mb) + `"/>`
					}
					return goodCell(row, col)
				}})
			}},
		{Name: "sarang-dalam-lembar", Problem: "5 million nested elements before the sheet data (the sheet scanner keeps no stack)",
			Status: "diterima", Expect: "",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 11, cell: goodCell, head: func(w io.Writer) error {
					if err := repeat(w, "<x>", 5_000_000); err != nil {
						return err
					}
					return repeat(w, "</x>", 5_000_000)
				}})
			}},
		{Name: "sarang-dalam-workbook", Problem: "workbook.xml with 1 million nested elements",
			Status: "ditolak", Expect: "ErrCorrupt", Message: "rusak",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 11, cell: goodCell, workbookPad: func(w io.Writer) error {
					if err := repeat(w, "<x>", 1_000_000); err != nil {
						return err
					}
					return repeat(w, "</x>", 1_000_000)
				}})
			}},
		{Name: "workbook-besar", Problem: "workbook.xml padded with 200 MB of comments",
			Status: "ditolak", Expect: "ErrTooLarge", Message: "batas",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 11, cell: goodCell, workbookPad: func(w io.Writer) error {
					return repeat(w, "<!-- "+strings.Repeat("p", 1000)+" -->", 200_000)
				}})
			}},
		{Name: "bom-zip", Problem: "a sheet that inflates to 4 GiB of cells, its size declared honestly (the file is 4 MB)",
			Status: "ditolak", Expect: "ErrTooLarge", Message: "zip bomb",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 11, cell: goodCell, bomb: 4 << 30})
			}},
		{Name: "bom-zip-bohong", Problem: "a sheet that inflates to 4 GiB while its zip header says 100 KB",
			Status: "ditolak", Expect: "ErrCorrupt", Message: "rusak",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 11, cell: goodCell, bomb: 4 << 30, lieSize: 100 << 10})
			}},
		{Name: "sel-kosong-600mb", Problem: "a header, 10 good rows and then 600 MB of empty cells (within the 1 GiB unzip limit)",
			Status: "diterima", Expect: "",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 11, cell: goodCell, bomb: 600 << 20})
			}},
		{Name: "lembar-banyak", Problem: "5,000 sheets, each with 20 rows of 10 text cells",
			Status: "ditolak", Expect: "ErrTooLarge", Message: "lembar",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 20, cols: 10, sheets: 5000, cell: filler})
			}},
		{Name: "lembar-250", Problem: "250 sheets of 20 rows × 500 text cells that are not headers, then one good sheet",
			Status: "diterima", Expect: "",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 20, cols: 500, sheets: 250, cell: filler, lastGood: true})
			}},
		{Name: "styles-besar", Problem: "a 900 MB styles.xml (the reader never needs styles)",
			Status: "diterima", Expect: "",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 11, cell: goodCell, extra: map[string]func(io.Writer) error{
					"xl/styles.xml": func(w io.Writer) error {
						if _, err := io.WriteString(w, `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`); err != nil {
							return err
						}
						if err := repeat(w, `<numFmt numFmtId="164" formatCode="0"/>`, 900<<20/40); err != nil {
							return err
						}
						_, err := io.WriteString(w, `</styleSheet>`)
						return err
					}}})
			}},
		{Name: "nama-ganda", Problem: "two zip entries named xl/worksheets/sheet1.xml, with different rows",
			Status: "ditolak", Expect: "ErrAmbiguousPackage", Message: "dua bagian",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 11, cell: goodCell, twin: "xl/worksheets/sheet1.xml"})
			}},
		{Name: "nama-beda-huruf", Problem: "zip entries xl/worksheets/sheet1.xml and XL/Worksheets/Sheet1.xml",
			Status: "ditolak", Expect: "ErrAmbiguousPackage", Message: "dua bagian",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 11, cell: goodCell, twin: "XL/Worksheets/Sheet1.xml"})
			}},
		{Name: "indeks-string-lewat", Problem: "a cell that points at shared string 99 of a table of 7",
			Status: "ditolak", Expect: "ErrCorrupt", Message: "teks bersama",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{sst: hostileHeader, rows: 11, cell: func(row, col int) string {
					if row == 3 && col == 1 {
						return sstCell(row, col, 99)
					}
					return goodCell(row, col)
				}})
			}},
		{Name: "utf16", Problem: "the sheet and shared strings saved as UTF-16 (with byte-order mark); read like UTF-8",
			Status: "diterima", Expect: "",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{sst: hostileHeader, rows: 11, utf16: true, cell: func(row, col int) string {
					if row == 1 {
						return sstCell(row, col, col)
					}
					return goodCell(row, col)
				}})
			}},
		{Name: "latin1", Problem: "a sheet declaring encoding=\"ISO-8859-1\"",
			Status: "ditolak", Expect: "ErrCorrupt", Message: "ISO-8859-1",
			write: func(w io.Writer) error {
				return hostileBook(w, bookSpec{rows: 11, cell: goodCell, encoding: "ISO-8859-1"})
			}},
		{Name: "pdf", Problem: "a PDF document renamed .xlsx",
			Status: "ditolak", Expect: "ErrFormat", Message: "PDF",
			write: func(w io.Writer) error {
				_, err := io.WriteString(w, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
				return err
			}},
		{Name: "png", Problem: "a PNG picture (a photo of the sheet) renamed .xlsx",
			Status: "ditolak", Expect: "ErrFormat", Message: "gambar",
			write: func(w io.Writer) error {
				_, err := w.Write(append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...))
				return err
			}},
		{Name: "jpeg", Problem: "a JPEG picture renamed .xlsx",
			Status: "ditolak", Expect: "ErrFormat", Message: "gambar",
			write: func(w io.Writer) error {
				_, err := w.Write(append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), make([]byte, 64)...))
				return err
			}},
		{Name: "doc-word-lama", Problem: "an old Word document (.doc, OLE2) renamed .xlsx",
			Status: "ditolak", Expect: "ErrFormat", Message: "Word",
			write: func(w io.Writer) error {
				b := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1016)...)
				b = append(b, utf16le("WordDocument")...)
				_, err := w.Write(append(b, make([]byte, 512)...))
				return err
			}},
		{Name: "docx", Problem: "a Word document (.docx: a zip with word/, no xl/) renamed .xlsx",
			Status: "ditolak", Expect: "ErrFormat", Message: "Word",
			write: func(w io.Writer) error {
				return writeZip(w, []zipPart{
					{name: "[Content_Types].xml", text: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
					{name: "_rels/.rels", text: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
					{name: "word/document.xml", text: `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>NIP</w:t></w:r></w:p></w:body></w:document>`},
				})
			}},
		{Name: "zip-biasa", Problem: "a plain zip archive holding a CSV file, renamed .xlsx",
			Status: "ditolak", Expect: "ErrFormat", Message: "ZIP",
			write: func(w io.Writer) error {
				return writeZip(w, []zipPart{{name: "kehadiran.csv", text: strings.Join(hostileHeader, ";") + "\n"}})
			}},
		{Name: "html", Problem: "an HTML table saved by a web application under an .xlsx name",
			Status: "ditolak", Expect: "ErrFormat", Message: "HTML",
			write: func(w io.Writer) error {
				_, err := io.WriteString(w, "<html><body><table><tr><td>NIP</td></tr></table></body></html>\n")
				return err
			}},
	}
}

// filler is a cell that matches no header.
func filler(row, col int) string {
	return inlineCell(row, col, fmt.Sprintf("isi %d.%d", row, col))
}

func repeat(w io.Writer, s string, n int) error {
	chunk := strings.Repeat(s, 1000)
	for ; n >= 1000; n -= 1000 {
		if _, err := io.WriteString(w, chunk); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, strings.Repeat(s, n))
	return err
}

// nipOf is a valid, distinct PNS NIP for row i (2 ≤ i < 359,000).
func nipOf(i int) string {
	return fmt.Sprintf("19%02d%02d01201505%d%03d", 60+(i/999)%30, 1+(i/(999*30))%12, 1+i%2, 1+i%999)
}

// goodCell is the cell of a valid attendance row (row 1 is the header).
func goodCell(row, col int) string {
	if row == 1 {
		if col < len(hostileHeader) {
			return inlineCell(row, col, hostileHeader[col])
		}
		return ""
	}
	switch col {
	case 0:
		return inlineCell(row, col, nipOf(row))
	case 1:
		return inlineCell(row, col, fmt.Sprintf("Pelatihan %d", row))
	case 2:
		return inlineCell(row, col, "Bimbingan Teknis")
	case 3, 4:
		return numberCell(row, col, octSerial)
	case 5:
		return numberCell(row, col, 8)
	case 6:
		return inlineCell(row, col, "Hadir")
	}
	return ""
}

func ref(row, col int) string {
	name := ""
	for c := col + 1; c > 0; c = (c - 1) / 26 {
		name = string(rune('A'+(c-1)%26)) + name
	}
	return fmt.Sprintf("%s%d", name, row)
}

func inlineCell(row, col int, s string) string {
	return `<c r="` + ref(row, col) + `" t="inlineStr"><is><t>` + xmlText.Replace(s) + `</t></is></c>`
}

var xmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func numberCell(row, col int, v int) string {
	return fmt.Sprintf(`<c r="%s"><v>%d</v></c>`, ref(row, col), v)
}

func sstCell(row, col, i int) string {
	return fmt.Sprintf(`<c r="%s" t="s"><v>%d</v></c>`, ref(row, col), i)
}

// bookSpec describes a hand-written workbook: one or more sheets of rows ×
// cols cells, and whatever is hostile about it.
type bookSpec struct {
	sst         []string              // shared strings
	sstRaw      func(io.Writer) error // or the whole sharedStrings.xml
	rows, cols  int                   // cols 0: the header's width
	cell        func(row, col int) string
	head, tail  func(io.Writer) error // written before <sheetData>, and after its rows
	sheets      int                   // copies of the sheet (0: one)
	lastGood    bool                  // with sheets: add a sheet of good rows at the end
	workbookPad func(io.Writer) error // written inside <workbook>
	bomb        int64                 // after the rows, about this many bytes of empty cells (a zip bomb)
	lieSize     uint64                // with bomb: declare this uncompressed size for the sheet
	extra       map[string]func(io.Writer) error
	twin        string // a second sheet1 part under this name, with other rows
	utf16       bool   // sheet and shared strings in UTF-16LE with a BOM
	encoding    string // the sheet's XML declaration says this encoding
}

const (
	nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkg  = "http://schemas.openxmlformats.org/package/2006/relationships"
)

// hostileBook writes the workbook of spec to w.
func hostileBook(w io.Writer, spec bookSpec) error {
	if spec.cols == 0 {
		spec.cols = len(hostileHeader)
	}
	if spec.cell == nil {
		spec.cell = goodCell
	}
	nSheets := max(spec.sheets, 1)
	total := nSheets
	if spec.lastGood {
		total++
	}
	var wb, rels strings.Builder
	wb.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="` + nsPkg + `">`)
	var sheets strings.Builder
	for i := 1; i <= total; i++ {
		fmt.Fprintf(&sheets, `<sheet name="Lembar%d" sheetId="%d" r:id="rId%d"/>`, i, i, i)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="`+nsRel+`/worksheet" Target="worksheets/sheet%d.xml"/>`, i, i)
	}
	fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="`+nsRel+`/sharedStrings" Target="sharedStrings.xml"/>`, total+1)
	rels.WriteString(`</Relationships>`)
	parts := []zipPart{
		{name: "[Content_Types].xml", text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`},
		{name: "_rels/.rels", text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="` + nsPkg + `">` +
			`<Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{name: "xl/workbook.xml", write: func(w io.Writer) error {
			if _, err := io.WriteString(w, wb.String()); err != nil {
				return err
			}
			if spec.workbookPad != nil {
				if err := spec.workbookPad(w); err != nil {
					return err
				}
			}
			_, err := io.WriteString(w, `<sheets>`+sheets.String()+`</sheets></workbook>`)
			return err
		}},
		{name: "xl/_rels/workbook.xml.rels", text: rels.String()},
	}
	sst := func(w io.Writer) error {
		if spec.sstRaw != nil {
			return spec.sstRaw(w)
		}
		if _, err := fmt.Fprintf(w, `<?xml version="1.0" encoding="%s" standalone="yes"?><sst xmlns="`+nsMain+`" count="%d" uniqueCount="%d">`, encodingOf(spec), len(spec.sst), len(spec.sst)); err != nil {
			return err
		}
		for _, s := range spec.sst {
			if _, err := io.WriteString(w, "<si><t>"+xmlText.Replace(s)+"</t></si>"); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, `</sst>`)
		return err
	}
	parts = append(parts, zipPart{name: "xl/sharedStrings.xml", write: transcode(spec.utf16, sst)})
	for i := 1; i <= total; i++ {
		cell := spec.cell
		rows, cols := spec.rows, spec.cols
		if spec.lastGood && i == total {
			cell, rows, cols = goodCell, 11, len(hostileHeader)
		}
		name, write := fmt.Sprintf("xl/worksheets/sheet%d.xml", i), transcode(spec.utf16, sheetWriter(spec, cell, rows, cols, 0))
		if spec.bomb > 0 {
			parts = append(parts, bombPart(name, write, spec.bomb, spec.lieSize))
			continue
		}
		parts = append(parts, zipPart{name: name, write: write})
	}
	if spec.twin != "" {
		parts = append(parts, zipPart{name: spec.twin, write: sheetWriter(spec, goodCell, 5, len(hostileHeader), 1000)})
	}
	for name, write := range spec.extra {
		parts = append(parts, zipPart{name: name, write: write})
	}
	return writeZip(w, parts)
}

func encodingOf(spec bookSpec) string {
	switch {
	case spec.encoding != "":
		return spec.encoding
	case spec.utf16:
		return "UTF-16"
	}
	return "UTF-8"
}

// sheetWriter writes a worksheet of rows × cols cells; shift is added to
// the row numbers in NIPs and training names (a twin part has other rows).
func sheetWriter(spec bookSpec, cell func(row, col int) string, rows, cols, shift int) func(io.Writer) error {
	return func(w io.Writer) error {
		if _, err := fmt.Fprintf(w, `<?xml version="1.0" encoding="%s" standalone="yes"?><worksheet xmlns="`+nsMain+`" xmlns:r="`+nsRel+`">`, encodingOf(spec)); err != nil {
			return err
		}
		if spec.head != nil {
			if err := spec.head(w); err != nil {
				return err
			}
		}
		if _, err := io.WriteString(w, "<sheetData>"); err != nil {
			return err
		}
		var b strings.Builder
		for r := 1; r <= rows; r++ {
			b.Reset()
			fmt.Fprintf(&b, `<row r="%d">`, r)
			for c := 0; c < cols; c++ {
				rr := r
				if r > 1 {
					rr = r + shift
				}
				s := cell(rr, c)
				if rr != r {
					s = strings.ReplaceAll(s, `r="`+ref(rr, c)+`"`, `r="`+ref(r, c)+`"`)
				}
				b.WriteString(s)
			}
			b.WriteString("</row>")
			if _, err := io.WriteString(w, b.String()); err != nil {
				return err
			}
		}
		if spec.tail != nil {
			if err := spec.tail(w); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, "</sheetData></worksheet>")
		return err
	}
}

// transcode writes what write writes, in UTF-16LE with a byte-order mark
// when on.
func transcode(on bool, write func(io.Writer) error) func(io.Writer) error {
	if !on {
		return write
	}
	return func(w io.Writer) error {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return err
		}
		out := []byte{0xFF, 0xFE}
		for _, u := range utf16.Encode([]rune(buf.String())) {
			out = append(out, byte(u), byte(u>>8))
		}
		_, err := w.Write(out)
		return err
	}
}

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// zipPart is one entry of a hand-written zip: text, or what write writes,
// or already deflated data.
type zipPart struct {
	name  string
	text  string
	write func(io.Writer) error
	raw   *rawEntry
}

// rawEntry is a deflated entry and what its headers declare.
type rawEntry struct {
	data []byte
	crc  uint32
	size uint64 // declared uncompressed size
}

// writeZip writes parts as a zip, deflated at the best compression.
func writeZip(w io.Writer, parts []zipPart) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestCompression)
	})
	for _, p := range parts {
		write := p.write
		if write == nil {
			text := p.text
			write = func(w io.Writer) error { _, err := io.WriteString(w, text); return err }
		}
		if p.raw != nil {
			fw, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: p.raw.crc,
				CompressedSize64: uint64(len(p.raw.data)), UncompressedSize64: p.raw.size})
			if err != nil {
				return err
			}
			if _, err := fw.Write(p.raw.data); err != nil {
				return err
			}
			continue
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
		if err != nil {
			return err
		}
		if err := write(fw); err != nil {
			return err
		}
	}
	return zw.Close()
}

// bombPart is the sheet write writes with about size bytes of empty cells
// inserted before </sheetData>. The cells are one deflated chunk of rows
// repeated, so the file stays small and is written in a moment: each copy
// is deflated without history and ends on a byte boundary (a sync flush),
// so the copies can simply be concatenated. The headers declare the true
// size, or declared when it is not 0.
func bombPart(name string, write func(io.Writer) error, size int64, declared uint64) zipPart {
	var sheet bytes.Buffer
	if err := write(&sheet); err != nil {
		panic(err) // writes to a bytes.Buffer never fail
	}
	end := bytes.LastIndex(sheet.Bytes(), []byte("</sheetData>"))
	prefix, suffix := sheet.Bytes()[:end], sheet.Bytes()[end:]
	row := "<row>" + strings.Repeat("<c/>", 16384) + "</row>"
	chunk := []byte(strings.Repeat(row, 16))
	n := int(size / int64(len(chunk)))
	var out bytes.Buffer
	deflate := func(b []byte, final bool) {
		fl, _ := flate.NewWriter(&out, flate.BestCompression)
		fl.Write(b)
		if final {
			fl.Close()
		} else {
			fl.Flush()
		}
	}
	deflate(prefix, false)
	start := out.Len()
	deflate(chunk, false)
	copyOf := append([]byte(nil), out.Bytes()[start:]...)
	crc := crc32.Update(crc32.Update(0, crc32.IEEETable, prefix), crc32.IEEETable, chunk)
	for i := 1; i < n; i++ {
		out.Write(copyOf)
		crc = crc32.Update(crc, crc32.IEEETable, chunk)
	}
	deflate(suffix, true)
	crc = crc32.Update(crc, crc32.IEEETable, suffix)
	total := uint64(len(prefix) + n*len(chunk) + len(suffix))
	if declared == 0 {
		declared = total
	}
	return zipPart{name: name, raw: &rawEntry{data: out.Bytes(), crc: crc, size: declared}}
}
