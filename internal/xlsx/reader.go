// Package xlsx reads the cells of .xlsx and .xlsm workbooks: it opens the
// zip package, reads the workbook's sheet list and its shared strings, and
// streams each worksheet's rows with a small hand-written XML scanner.
//
// It reads instead of excelize's Rows because it is several times faster
// (excelize decodes every cell through encoding/xml reflection), holds only
// the current row in memory (excelize keeps each worksheet part,
// decompressed, in memory up to UnzipXMLSizeLimit), bounds every
// decompressed byte (Limits), and it keeps each cell's type — which is what
// tells an NIP typed as a number from one typed as text.
//
// Values are handed on raw: numbers (and dates, which are numbers) as
// written in the XML, shared strings looked up, booleans as TRUE or FALSE.
// What a value means is the caller's business.
package xlsx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/klauspost/compress/flate"
)

// The errors of Open and of reading rows. Each says what is wrong with the
// file; an *Error wraps one of them with what it is about.
var (
	ErrCorrupt           = errors.New("workbook xml is not valid")
	ErrTooLarge          = errors.New("workbook exceeds the unzip size limit")
	ErrTooManyRows       = errors.New("row number beyond the sheet limit")
	ErrODS               = errors.New("an OpenDocument spreadsheet, not a workbook")
	ErrWord              = errors.New("a Word document, not a workbook")
	ErrSlides            = errors.New("a PowerPoint presentation, not a workbook")
	ErrZip               = errors.New("a zip archive, not a workbook")
	ErrAmbiguous         = errors.New("two zip entries with one name")
	ErrTooManySheets     = errors.New("more sheets than the limit")
	ErrSharedStrings     = errors.New("shared-string table beyond the limit")
	ErrText              = errors.New("cell text beyond the limit")
	ErrCellTooLong       = errors.New("cell text longer than Excel allows")
	ErrSharedStringIndex = errors.New("shared-string index out of range")
	ErrCellOrder         = errors.New("cell reference out of order")
	ErrEncoding          = errors.New("unsupported xml encoding")
)

// Error is a workbook error with what it is about, for the message: the
// two part names of ErrAmbiguous, the sheet count of ErrTooManySheets,
// "count" or "bytes" for ErrSharedStrings, the cell ("B3") of
// ErrCellOrder, ErrSharedStringIndex (with the index) and ErrCellTooLong
// (or "sst N" for the Nth shared string), the label of ErrEncoding.
type Error struct {
	Err    error
	Detail string
}

func (e *Error) Error() string { return e.Err.Error() + ": " + e.Detail }
func (e *Error) Unwrap() error { return e.Err }

// MaxRows and MaxColumns are Excel's limits; cells beyond them are
// corrupt.
const (
	MaxRows    = 1 << 20
	MaxColumns = 16384
)

// maxCellChars is Excel's limit on the text of one cell, in UTF-16 code
// units; longer text is a broken file (docs/uploads.md). maxCellBytes bounds the
// raw XML text of one cell before it is decoded: a character is at most
// seven bytes there (an _xHHHH_ escape).
const (
	maxCellChars = 32767
	maxCellBytes = 7 * maxCellChars
)

// maxTextToken bounds one run of text between two tags; a cell's own
// limit is far lower, and nothing else in a sheet is long text.
const maxTextToken = 1 << 20

// MaxStructPart bounds the parts decoded with encoding/xml (workbook and
// relationships): they list sheets, names and links, kilobytes even in a
// workbook of hundreds of sheets, and encoding/xml is slow enough that a
// part of MaxXMLSize would take many seconds.
const MaxStructPart = 16 << 20

// Limits bound what reading one workbook can cost, whatever its bytes.
// Every field must be positive.
type Limits struct {
	// MaxUnzipSize bounds the declared uncompressed size of the whole
	// package and the bytes decompressed from any one opening of a part;
	// MaxXMLSize the parts held in memory (shared strings, and, with
	// MaxStructPart, workbook and relationships).
	MaxUnzipSize, MaxXMLSize int64

	// MaxSharedStrings and MaxSharedStringBytes bound the shared-string
	// table: its number of strings and their total length in bytes.
	MaxSharedStrings     int
	MaxSharedStringBytes int64

	// MaxTextBytes bounds the cell text one Rows hands on, counted after
	// shared strings are looked up (ErrText).
	MaxTextBytes int64

	// MaxSheets bounds the sheets of a workbook (ErrTooManySheets).
	MaxSheets int
}

// Book is an opened .xlsx/.xlsm package.
type Book struct {
	files    map[string]*zip.File // by normalised name (partKey)
	sheets   []Sheet
	date1904 bool
	sst      sharedStrings
	lim      Limits
}

// Sheet is a worksheet of a Book: its name on the tab and its part.
type Sheet struct {
	Name, Path string
}

// Sheets returns the worksheets in workbook order.
func (bk *Book) Sheets() []Sheet { return bk.sheets }

// Date1904 reports whether the workbook counts date serials from 1904
// (old Mac Excel) rather than 1900.
func (bk *Book) Date1904() bool { return bk.date1904 }

// partKey normalises a part name as Excel compares them: case, backslashes
// and a leading slash do not matter.
func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, "\\", "/"), "/"))
}

// Open reads a workbook's structure and shared strings from the bytes of
// its package, within lim.
func Open(b []byte, lim Limits) (*Book, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, ErrCorrupt
	}
	// klauspost's inflate reads a sheet in about two thirds of the time of
	// compress/flate's, byte for byte the same.
	zr.RegisterDecompressor(zip.Deflate, func(r io.Reader) io.ReadCloser { return flate.NewReader(r) })
	bk := &Book{files: map[string]*zip.File{}, lim: lim}
	var declared uint64
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue // a directory entry
		}
		k := partKey(f.Name)
		if g, dup := bk.files[k]; dup {
			// Which of the two Excel would read is not ours to guess.
			return nil, &Error{ErrAmbiguous, g.Name + " dan " + f.Name}
		}
		bk.files[k] = f
		declared += f.UncompressedSize64
	}
	if declared > uint64(lim.MaxUnzipSize) {
		return nil, ErrTooLarge
	}
	if _, ok := bk.files["content.xml"]; ok {
		if _, ok := bk.files["mimetype"]; ok {
			return nil, ErrODS // .ods renamed to .xlsx
		}
	}
	wbPath := "xl/workbook.xml"
	if rels, err := bk.rels("_rels/.rels", ""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = r.Target
			}
		}
	}
	if _, ok := bk.files[partKey(wbPath)]; !ok || strings.HasPrefix(partKey(wbPath), "word/") || strings.HasPrefix(partKey(wbPath), "ppt/") {
		return nil, notWorkbook(bk.files)
	}
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := bk.unmarshal(wbPath, &wb); err != nil {
		return nil, err
	}
	if len(wb.Sheets) > lim.MaxSheets {
		return nil, &Error{ErrTooManySheets, strconv.Itoa(len(wb.Sheets))}
	}
	bk.date1904 = wb.Pr.Date1904 == "1" || strings.EqualFold(wb.Pr.Date1904, "true")
	rels, err := bk.rels(path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels"), path.Dir(wbPath))
	if err != nil {
		return nil, err
	}
	byID := map[string]string{}
	for _, r := range rels {
		byID[r.ID] = r.Target
	}
	for _, s := range wb.Sheets {
		for _, a := range s.Attrs {
			if a.Name.Local == "id" && a.Name.Space != "" {
				if p, ok := byID[a.Value]; ok {
					bk.sheets = append(bk.sheets, Sheet{Name: s.Name, Path: p})
				}
			}
		}
	}
	if len(bk.sheets) == 0 {
		return nil, ErrCorrupt
	}
	for _, r := range rels {
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			if err := bk.readSST(r.Target); err != nil {
				return nil, err
			}
		}
	}
	return bk, nil
}

// notWorkbook says what a zip without a workbook part is.
func notWorkbook(files map[string]*zip.File) error {
	has := func(name string) bool { _, ok := files[name]; return ok }
	switch {
	case has("word/document.xml"):
		return ErrWord
	case has("ppt/presentation.xml"):
		return ErrSlides
	case !has("[content_types].xml"):
		return ErrZip
	}
	return ErrCorrupt
}

type rel struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
	Mode   string `xml:"TargetMode,attr"`
}

// rels reads a relationships part; targets are resolved against base.
func (bk *Book) rels(name, base string) ([]rel, error) {
	var r struct {
		Rels []rel `xml:"Relationship"`
	}
	if err := bk.unmarshal(name, &r); err != nil {
		return nil, err
	}
	out := r.Rels[:0]
	for _, x := range r.Rels {
		if x.Mode == "External" {
			continue
		}
		if strings.HasPrefix(x.Target, "/") {
			x.Target = strings.TrimPrefix(x.Target, "/")
		} else {
			x.Target = path.Clean(path.Join(base, x.Target))
		}
		out = append(out, x)
	}
	return out, nil
}

// The kinds of part, for the bound on the bytes decompressed from each.
const (
	partSheet  = iota // streamed: MaxUnzipSize per opening (a sheet may be read twice)
	partSST           // held in memory: MaxXMLSize
	partStruct        // decoded by encoding/xml: MaxStructPart
)

// open returns a reader of a part, bounded by the limit of its kind and
// decoded to UTF-8 when the part is UTF-16.
func (bk *Book) open(name string, kind int) (io.ReadCloser, error) {
	f, ok := bk.files[partKey(name)]
	if !ok {
		return nil, ErrCorrupt
	}
	rc, err := f.Open()
	if err != nil {
		return nil, ErrCorrupt
	}
	left := bk.lim.MaxUnzipSize
	switch kind {
	case partSST:
		left = bk.lim.MaxXMLSize
	case partStruct:
		left = min(bk.lim.MaxXMLSize, MaxStructPart)
	}
	br := &boundedReader{rc: rc, left: left}
	return readCloser{newUTF8Reader(br), br}, nil
}

type readCloser struct {
	io.Reader
	io.Closer
}

func (bk *Book) unmarshal(name string, v any) error {
	rc, err := bk.open(name, partStruct)
	if err != nil {
		return err
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return err
		}
		return ErrCorrupt
	}
	if err := checkDepth(b); err != nil {
		return err
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	var encErr error
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if !supportedEncoding(label) {
			encErr = &Error{ErrEncoding, label}
			return nil, encErr
		}
		return r, nil // UTF-16 is already decoded by open
	}
	if err := d.Decode(v); err != nil {
		switch {
		case encErr != nil:
			return encErr
		case errors.Is(err, ErrTooLarge):
			return err
		}
		return ErrCorrupt
	}
	return nil
}

// maxStructDepth bounds the nesting of elements in the parts decoded by
// encoding/xml, whose time and memory grow with it; Excel's nest a few
// levels deep.
const maxStructDepth = 64

// checkDepth scans an XML part with the reader's own scanner (which keeps
// no stack) and fails on nesting deeper than maxStructDepth or on an
// encoding that is not supported.
func checkDepth(b []byte) error {
	sc := newScanner(bytes.NewReader(b))
	depth := 0
	for {
		tok, err := sc.next()
		if err != nil {
			return err
		}
		switch tok.kind {
		case tokEOF:
			return nil
		case tokStart:
			if !tok.selfClose {
				if depth++; depth > maxStructDepth {
					return ErrCorrupt
				}
			}
		case tokEnd:
			depth--
		}
	}
}

// boundedReader fails with ErrTooLarge past its limit.
type boundedReader struct {
	rc   io.ReadCloser
	left int64
}

func (r *boundedReader) Read(p []byte) (int, error) {
	n, err := r.rc.Read(p)
	r.left -= int64(n)
	if r.left < 0 {
		return n, ErrTooLarge
	}
	if err != nil && err != io.EOF {
		err = ErrCorrupt // flate or checksum errors, or more bytes than the zip declares
	}
	return n, err
}

func (r *boundedReader) Close() error { return r.rc.Close() }

// sharedStrings is the shared-string table: every string in one, with the
// end offset of each. Looking a string up slices it, without allocating;
// each string costs 4 bytes beyond its text.
type sharedStrings struct {
	text string
	ends []uint32
}

func (t *sharedStrings) len() int { return len(t.ends) }

func (t *sharedStrings) at(i int) string {
	start := uint32(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	return t.text[start:t.ends[i]]
}

// readSST reads the shared strings table, within the count and byte
// limits and Excel's limit on one cell's text.
func (bk *Book) readSST(name string) error {
	rc, err := bk.open(name, partSST)
	if err != nil {
		if _, ok := bk.files[partKey(name)]; !ok {
			return nil // a dangling relationship: no shared strings
		}
		return err
	}
	defer rc.Close()
	return bk.readSSTFrom(newScanner(rc), int64(bk.files[partKey(name)].UncompressedSize64), false)
}

// readSSTFrom reads a shared strings part from sc into bk.sst: the strings
// as writers write them straight from the buffer (fastSST), the rest token
// by token — only so when slow (tests compare the two). size is the part's
// unzipped size as its zip entry says (0: unknown): the text is at most
// that, so the table's buffer is reserved once (up to the byte limit)
// instead of growing step by step, every step a copy and the old buffer
// garbage — for a table near the limit, a peak of about twice the text.
// A size that lies only costs growth as before, or an unused reservation
// within the limit.
func (bk *Book) readSSTFrom(sc *scanner, size int64, slow bool) error {
	var all strings.Builder
	if size > 0 {
		all.Grow(int(min(size, bk.lim.MaxSharedStringBytes)))
	}
	var ends []uint32
	var cur []byte
	inSI, inT, skip := false, false, 0
	for {
		if !slow && !inSI && !inT && skip == 0 {
			ends = bk.fastSST(sc.br, &all, ends)
		}
		tok, err := sc.next()
		if err != nil {
			return err
		}
		switch tok.kind {
		case tokEOF:
			bk.sst = sharedStrings{text: all.String(), ends: ends}
			return nil
		case tokStart:
			switch tok.name {
			case "si":
				inSI, cur = true, cur[:0]
				if tok.selfClose {
					inSI = false
					ends = append(ends, uint32(all.Len()))
				}
				if len(ends) > bk.lim.MaxSharedStrings {
					return &Error{ErrSharedStrings, "count"}
				}
			case "t":
				inT = inSI && skip == 0 && !tok.selfClose
			case "rPh", "phoneticPr":
				if !tok.selfClose {
					skip++
				}
			}
		case tokEnd:
			switch tok.name {
			case "si":
				if !inSI {
					continue
				}
				s := decodeOOXML(string(cur))
				if tooLong(s) {
					return &Error{ErrCellTooLong, "sst " + strconv.Itoa(len(ends))}
				}
				if int64(all.Len()+len(s)) > bk.lim.MaxSharedStringBytes {
					return &Error{ErrSharedStrings, "bytes"}
				}
				all.WriteString(s)
				ends = append(ends, uint32(all.Len()))
				if len(ends) > bk.lim.MaxSharedStrings {
					return &Error{ErrSharedStrings, "count"}
				}
				inSI = false
			case "t":
				inT = false
			case "rPh", "phoneticPr":
				skip--
			}
		case tokText:
			if inT {
				if len(cur)+len(tok.text) > maxCellBytes {
					return &Error{ErrCellTooLong, "sst " + strconv.Itoa(len(ends))}
				}
				cur = append(cur, tok.text...)
			}
		}
	}
}

// The shared-string forms fastSST reads: desktop Excel and LibreOffice
// write <si><t xml:space="preserve">…</t></si> or <si><t>…</t></si>.
const (
	siOpen, siOpenSpace = "<si><t>", `<si><t xml:space="preserve">`
	siClose             = "</t></si>"
)

// fastSST appends to all and ends, straight from br's buffer and without
// copying, the shared strings of the two forms above whose text has no
// markup, entity (plainValue) or _xHHHH_ escape and which no limit refuses — what the
// token loop of readSSTFrom would make of them. It stops before anything
// else (a rich-text run, phonetics, a string cut by the end of the
// buffered bytes, one a limit refuses), which the token loop then reads
// and, where a limit refuses it, reports (FuzzFastSSTMatchesTokens).
func (bk *Book) fastSST(br *bufio.Reader, all *strings.Builder, ends []uint32) []uint32 {
	buf, _ := br.Peek(br.Buffered())
	p := 0
	for {
		v, n, ok := plainValue(buf[p:], siOpen, siClose)
		if !ok {
			v, n, ok = plainValue(buf[p:], siOpenSpace, siClose)
		}
		if !ok || len(v) > maxCellChars || bytes.Contains(v, []byte("_x")) ||
			int64(all.Len()+len(v)) > bk.lim.MaxSharedStringBytes || len(ends) >= bk.lim.MaxSharedStrings {
			_, _ = br.Discard(p)
			return ends
		}
		all.Write(v)
		ends = append(ends, uint32(all.Len()))
		p += n
	}
}

// tooLong reports whether s is longer than Excel lets a cell be, counted
// in UTF-16 code units as Excel counts.
func tooLong(s string) bool {
	if len(s) <= maxCellChars {
		return false
	}
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n > maxCellChars
}

// Rows streams the rows of one worksheet:
//
//	rows, err := bk.Rows(sheet.Path, 0)
//	…
//	defer rows.Close()
//	for rows.Next() {
//		… rows.Num(), rows.Cells(), rows.Numeric()
//	}
//	if err := rows.Err(); err != nil { … }
type Rows struct {
	bk     *Book
	rc     io.ReadCloser
	sc     *scanner
	num    int      // current row number (1-based)
	cells  []string // current row's values by column (0-based)
	nums   []bool   // whether each cell is a number cell
	prev   []string // the previous value seen in each column, reused when repeated
	err    error
	done   bool
	maxCol int    // columns read; cells to the right are skipped unread
	cut    bool   // the current row had cells past maxCol
	text   int64  // bytes of cell text handed on so far
	val    []byte // the current cell's raw text, reused
	slow   bool   // token by token only, without fast (tests compare the two)
}

// Rows opens the worksheet part p (a Sheet's Path), reading at most maxCol
// columns of each row (all, when maxCol is 0). A sheet may be opened any
// number of times; each opening decompresses at most MaxUnzipSize bytes.
func (bk *Book) Rows(p string, maxCol int) (*Rows, error) {
	rc, err := bk.open(p, partSheet)
	if err != nil {
		return nil, err
	}
	if maxCol <= 0 || maxCol > MaxColumns {
		maxCol = MaxColumns
	}
	return &Rows{bk: bk, rc: rc, sc: newScanner(rc), maxCol: maxCol}, nil
}

// Close releases the worksheet part.
func (r *Rows) Close() error { return r.rc.Close() }

// Err is the error that stopped reading, if any.
func (r *Rows) Err() error { return r.err }

// Next advances to the next row element that exists in the sheet; Num is
// its row number (rows not in the XML are simply absent: blank). It
// returns false at the end of the sheet or on an error (Err).
func (r *Rows) Next() bool {
	if r.done || r.err != nil {
		return false
	}
	r.cells, r.nums, r.cut = r.cells[:0], r.nums[:0], false
	col := 0
	inRow, inCell, inV, inT, inIS, inF := false, false, false, false, false, false
	var typ string
	val := r.val[:0]
	defer func() { r.val = val[:0] }()
	cellCol := 0
	for {
		if !r.slow && !inCell && !inV && !inT && !inIS && !inF {
			// Outside a cell, nothing pending: the common markup straight
			// from the buffer, as the tokens below would read it.
			switch r.fast(&col, &inRow) {
			case fastRow:
				return true
			case fastErr:
				return false
			}
		}
		tok, err := r.sc.next()
		if err != nil {
			r.err = err
			return false
		}
		switch tok.kind {
		case tokEOF:
			r.done = true
			if inRow {
				r.err = ErrCorrupt
			}
			return false
		case tokStart:
			switch tok.name {
			case "row":
				n := r.num + 1
				if v, ok := tok.attrRaw("r"); ok {
					if x := atoiOK(string(v)); x > r.num {
						n = x
					} else if x < 0 && len(v) > 9 && allDigits(string(v)) {
						n = MaxRows + 1 // a row number too long to be one
					} else {
						r.err = ErrCorrupt
						return false
					}
				}
				if n > MaxRows {
					r.err = ErrTooManyRows
					return false
				}
				r.num, col = n, 0
				if tok.selfClose {
					return true
				}
				inRow = true
			case "c":
				if !inRow {
					continue
				}
				next := col + 1
				ref, okR, t, okT := tok.attrs2("r", "t")
				if okR {
					if c := refColumn(ref); c > 0 {
						next = c
					}
				}
				switch {
				case next > MaxColumns:
					r.err = ErrCorrupt
					return false
				case next <= col:
					// Two cells for one place (or out of order): which
					// value holds would be a guess.
					r.err = &Error{ErrCellOrder, cellName(next, r.num)}
					return false
				case next > r.maxCol:
					// Cells to the right of the limit are skipped unread,
					// with the rest of the row (cells are in column order).
					if err := r.sc.skipRow(); err != nil {
						r.err = err
						return false
					}
					r.cut = true
					return true
				}
				col = next
				typ = cellType(t, okT)
				cellCol, val = col, val[:0]
				inCell = !tok.selfClose
			case "v":
				inV = inCell && !tok.selfClose
			case "is":
				inIS = inCell && !tok.selfClose
			case "t":
				inT = inIS && !tok.selfClose
			case "f":
				inF = !tok.selfClose
			}
		case tokEnd:
			switch tok.name {
			case "v":
				inV = false
			case "t":
				inT = false
			case "is":
				inIS = false
			case "f":
				inF = false
			case "c":
				if inCell {
					if err := r.setCell(cellCol, typ, val); err != nil {
						r.err = err
						return false
					}
				}
				inCell = false
			case "row":
				if inRow { // an end tag without its start is no row
					return true
				}
			case "sheetData":
				r.done = true
				return false
			}
		case tokText:
			if (inV || inT) && !inF && inCell {
				if len(val)+len(tok.text) > maxCellBytes {
					r.err = &Error{ErrCellTooLong, cellName(cellCol, r.num)}
					return false
				}
				val = append(val, tok.text...)
			}
		}
	}
}

// What fast tells Next.
const (
	fastMore = iota // stopped: the next token is for the token loop
	fastRow         // a row ended: Next returns true
	fastErr         // a cell failed (r.err): Next returns false
)

// fast reads, straight from the scanner's buffer and without copying, the
// markup nearly every sheet is made of: a row's start tag (outside a row),
// cells <c …><v>text</v></c>, <c …><is><t>text</t></is></c>, <c …></c> and
// <c …/>, and </row>. It stops
// before anything else — a prefix, an inline string, a formula, an entity,
// whitespace, a cell out of order or past maxCol, a row number that is not
// one, markup cut by the end of the buffered bytes — and the token loop of
// Next reads that, so both read every sheet alike (FuzzFastMatchesTokens).
func (r *Rows) fast(col *int, inRow *bool) int {
	br := r.sc.br
	buf, _ := br.Peek(br.Buffered())
	p, res := 0, fastMore
scan:
	for len(buf)-p >= 4 {
		b := buf[p:]
		if b[0] != '<' {
			break
		}
		if !*inRow {
			if string(b[1:4]) != "row" || !nameEnds(b[4:]) {
				break
			}
			end := tagEndFast(b)
			if end < 0 {
				break
			}
			tag, self := b[4:end], b[end-1] == '/'
			if self {
				tag = tag[:len(tag)-1]
			}
			n := r.num + 1
			if v, ok := (&token{attrs: tag}).attrRaw("r"); ok {
				x := atoiBytes(v)
				if x <= r.num {
					break // not a row number, or not after the last: the token loop says which
				}
				n = x
			}
			if n > MaxRows {
				break
			}
			r.num, *col = n, 0
			p += end + 1
			if self {
				res = fastRow
				break
			}
			*inRow = true
			continue
		}
		if b[1] == '/' {
			if len(b) >= 6 && string(b[:6]) == "</row>" {
				p += 6
				res = fastRow
			}
			break
		}
		if b[1] != 'c' || !nameEnds(b[2:]) {
			break
		}
		ref, t, okR, okT, end, self, ok := cTag(b)
		if !ok {
			if end = tagEnd(b); end < 0 {
				break
			}
			tag := b[2:end]
			if self = b[end-1] == '/'; self {
				tag = tag[:len(tag)-1]
			}
			ref, okR, t, okT = (&token{attrs: tag}).attrs2("r", "t")
		}
		next := *col + 1
		if okR {
			if c := refColumn(ref); c > 0 {
				next = c
			}
		}
		if next > MaxColumns || next <= *col || next > r.maxCol {
			break
		}
		q := end + 1
		var val []byte
		if !self {
			rest := b[q:]
			switch {
			case len(rest) >= 4 && string(rest[:4]) == "</c>":
				q += 4
			default:
				// A value (<v>) or an inline string as excelize's stream
				// writer writes it; anything else takes the token loop.
				v, n, ok := plainValue(rest, "<v>", "</v></c>")
				if !ok {
					if v, n, ok = plainValue(rest, "<is><t>", "</t></is></c>"); !ok {
						break scan
					}
				}
				val, q = v, q+n
			}
		}
		if err := r.setCell(next, cellType(t, okT), val); err != nil {
			r.err, res = err, fastErr
			break
		}
		*col = next
		p += q
	}
	_, _ = br.Discard(p)
	return res
}

// plainValue reads open, text without markup or entities and close from
// the start of b: the text and the bytes read, or ok false when b holds
// anything else (or the text is longer than a cell's).
func plainValue(b []byte, open, close string) (val []byte, n int, ok bool) {
	if len(b) < len(open) || string(b[:len(open)]) != open {
		return nil, 0, false
	}
	v := b[len(open):]
	i := bytes.IndexByte(v, '<')
	if i < 0 || i > maxCellBytes || len(v)-i < len(close) || string(v[i:i+len(close)]) != close || bytes.IndexByte(v[:i], '&') >= 0 {
		return nil, 0, false
	}
	return v[:i], len(open) + i + len(close), true
}

// nameEnds reports whether b, just after a tag's name, starts with what
// ends the name there: a space, '>' or "/>".
func nameEnds(b []byte) bool {
	return len(b) > 0 && (isSpace(b[0]) || b[0] == '>') || len(b) > 1 && b[0] == '/' && b[1] == '>'
}

// cTag reads the <c> start tag at the start of b the way writers write
// it — attributes name="value", names of letters and digits, a space
// before each — and returns its r and t attributes, the index of its '>'
// and whether it closes itself, as attrRaw and tagEnd would; ok is false
// for any other form, which the caller reads with those.
func cTag(b []byte) (ref, typ []byte, okR, okT bool, end int, self, ok bool) {
	i := 2
	for i < len(b) {
		switch b[i] {
		case '>':
			return ref, typ, okR, okT, i, false, true
		case '/':
			if i+1 < len(b) && b[i+1] == '>' {
				return ref, typ, okR, okT, i + 1, true, true
			}
			return
		case ' ':
		default:
			return
		}
		i++
		j := i
		for j < len(b) && attrNameChar[b[j]] {
			j++
		}
		if j == i || j+1 >= len(b) || b[j] != '=' || b[j+1] != '"' {
			return
		}
		v := b[j+2:]
		k := 0
		for k < len(v) && v[k] != '"' {
			k++
		}
		if k == len(v) {
			return
		}
		if j-i == 1 {
			switch {
			case b[i] == 'r' && !okR:
				ref, okR = v[:k], true
			case b[i] == 't' && !okT:
				typ, okT = v[:k], true
			}
		}
		i = j + 3 + k
	}
	return
}

// attrNameChar are the bytes cTag takes in an attribute's name.
var attrNameChar = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	return t
}()

// tagEndFast is tagEnd, found with a vector search when no quote hides
// the first '>'.
func tagEndFast(b []byte) int {
	e := bytes.IndexByte(b, '>')
	if e < 0 {
		return -1
	}
	if bytes.IndexByte(b[:e], '\'') < 0 && bytes.Count(b[:e], []byte{'"'})%2 == 0 {
		return e
	}
	return tagEnd(b)
}

// tagEnd is the index in b (which starts with '<') of the '>' that ends
// the tag, outside quotes, as markup finds it; -1 when b holds none.
func tagEnd(b []byte) int {
	quote := byte(0)
	for i := 1; i < len(b); i++ {
		switch c := b[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

// atoiBytes is atoiOK of b.
func atoiBytes(b []byte) int {
	if len(b) == 0 || len(b) > 9 {
		return -1
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// Num is the current row's number, 1-based; row numbers increase.
func (r *Rows) Num() int { return r.num }

// Cells are the current row's values by column, 0-based, "" for a cell
// that is absent or empty; cells after the last value are left off. They
// are valid until the next call of Next.
func (r *Rows) Cells() []string { return r.cells }

// Numeric reports, for each of Cells, whether it is a number cell (its
// value as written, e.g. "1.98609262015051E+17" or a date serial) rather
// than text, a boolean or an error. Valid until the next call of Next.
func (r *Rows) Numeric() []bool { return r.nums }

// Truncated reports whether the current row had cells past maxCol, which
// were skipped unread.
func (r *Rows) Truncated() bool { return r.cut }

// cellName is "B3" for column 2 of row 3.
func cellName(col, row int) string {
	var b []byte
	for c := col; c > 0; c = (c - 1) / 26 {
		b = append([]byte{byte('A' + (c-1)%26)}, b...)
	}
	return string(b) + strconv.Itoa(row)
}

// setCell stores a cell's value as text: shared strings looked up, inline
// strings and formula results as written, numbers in their raw form. It
// fails on a shared string that is not in the table, on text longer than
// Excel allows, and past the sheet's text budget.
func (r *Rows) setCell(col int, typ string, raw []byte) error {
	if len(raw) == 0 {
		return nil
	}
	var v string
	num := false
	switch typ {
	case "s":
		i := atoiBytes(raw)
		if i < 0 {
			var err error
			if i, err = strconv.Atoi(string(raw)); err != nil {
				i = -1
			}
		}
		if i < 0 || i >= r.bk.sst.len() {
			return &Error{ErrSharedStringIndex, cellName(col, r.num) + " " + clipRunes(string(raw), 20)}
		}
		v = r.bk.sst.at(i)
	case "b":
		v = "TRUE"
		if string(raw) == "0" {
			v = "FALSE"
		}
	case "", "n":
		v, num = r.reuse(col, raw), true
	default: // str, inlineStr, e, d
		v = decodeOOXML(r.reuse(col, raw))
	}
	if tooLong(v) {
		return &Error{ErrCellTooLong, cellName(col, r.num)}
	}
	if r.text += int64(len(v)); r.text > r.bk.lim.MaxTextBytes {
		return ErrText
	}
	for len(r.cells) < col {
		r.cells = append(r.cells, "")
		r.nums = append(r.nums, false)
	}
	r.cells[col-1], r.nums[col-1] = v, num
	return nil
}

// cellType returns a cell's t attribute (v, when ok) without allocating
// for the usual ones.
func cellType(v []byte, ok bool) string {
	if !ok {
		return ""
	}
	switch string(v) {
	case "s":
		return "s"
	case "n":
		return "n"
	case "str":
		return "str"
	case "inlineStr":
		return "inlineStr"
	case "b":
		return "b"
	case "e":
		return "e"
	}
	return string(v)
}

// reuse returns raw as a string, without allocating when the column's
// previous value was the same (dates, JP, status repeat down a column).
func (r *Rows) reuse(col int, raw []byte) string {
	if col > 1024 {
		return string(raw)
	}
	for len(r.prev) < col {
		r.prev = append(r.prev, "")
	}
	if p := r.prev[col-1]; p == string(raw) {
		return p
	}
	v := string(raw)
	r.prev[col-1] = v
	return v
}

// refColumn returns the 1-based column of a cell reference ("AB12" → 28).
func refColumn(ref []byte) int {
	c := 0
	for i := 0; i < len(ref); i++ {
		ch := ref[i]
		switch {
		case ch >= 'A' && ch <= 'Z':
			c = c*26 + int(ch-'A'+1)
		case ch >= 'a' && ch <= 'z':
			c = c*26 + int(ch-'a'+1)
		default:
			return c
		}
		if c > 16384 {
			return 16385
		}
	}
	return c
}

// decodeOOXML turns the _xHHHH_ escapes of OOXML strings into characters.
func decodeOOXML(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && i+6 < len(s) && s[i+1] == 'x' && s[i+6] == '_' {
			if n, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				b.WriteRune(rune(n))
				i += 6
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// The scanner: just enough XML for worksheet and shared-string parts.

type tokKind int

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
)

type token struct {
	kind      tokKind
	name      string // local name, prefix dropped
	attrs     []byte // raw attribute text of a start tag
	selfClose bool
	text      []byte // decoded text (valid until the next call)
}

// attrRaw returns the raw value of the named attribute (prefix ignored),
// without entity decoding or allocation; the bytes are valid until the
// next token.
func (t *token) attrRaw(name string) ([]byte, bool) {
	a := t.attrs
	for len(a) > 0 {
		i := 0
		for i < len(a) && isSpace(a[i]) {
			i++
		}
		a = a[i:]
		eq := bytes.IndexByte(a, '=')
		if eq < 0 {
			return nil, false
		}
		key := bytes.TrimSpace(a[:eq])
		if c := bytes.LastIndexByte(key, ':'); c >= 0 {
			key = key[c+1:]
		}
		rest := trimXMLSpace(a[eq+1:])
		if len(rest) == 0 || rest[0] != '"' && rest[0] != '\'' {
			return nil, false
		}
		q := rest[0]
		end := bytes.IndexByte(rest[1:], q)
		if end < 0 {
			return nil, false
		}
		if string(key) == name {
			return rest[1 : 1+end], true
		}
		a = rest[end+2:]
	}
	return nil, false
}

// attrs2 is attrRaw of two names in one pass over the attributes: the
// same answers as two calls (each stops at the first match or at the
// first malformed attribute).
func (t *token) attrs2(n1, n2 string) (v1 []byte, ok1 bool, v2 []byte, ok2 bool) {
	a := t.attrs
	for len(a) > 0 && !(ok1 && ok2) {
		i := 0
		for i < len(a) && isSpace(a[i]) {
			i++
		}
		a = a[i:]
		eq := bytes.IndexByte(a, '=')
		if eq < 0 {
			return
		}
		key := bytes.TrimSpace(a[:eq])
		if c := bytes.LastIndexByte(key, ':'); c >= 0 {
			key = key[c+1:]
		}
		rest := trimXMLSpace(a[eq+1:])
		if len(rest) == 0 || rest[0] != '"' && rest[0] != '\'' {
			return
		}
		q := rest[0]
		end := bytes.IndexByte(rest[1:], q)
		if end < 0 {
			return
		}
		switch {
		case !ok1 && string(key) == n1:
			v1, ok1 = rest[1:1+end], true
		case !ok2 && string(key) == n2:
			v2, ok2 = rest[1:1+end], true
		}
		a = rest[end+2:]
	}
	return
}

// trimXMLSpace is bytes.TrimLeft(b, " \t\r\n") without building a set.
func trimXMLSpace(b []byte) []byte {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return b[i:]
}

type scanner struct {
	br   *bufio.Reader
	buf  []byte
	text []byte
	tok  token
	name map[string]string // interned tag names
}

func newScanner(r io.Reader) *scanner {
	return &scanner{br: bufio.NewReaderSize(r, 64<<10), name: map[string]string{}}
}

func (s *scanner) intern(b []byte) string {
	// The names of nearly every tag of a sheet and the shared strings, as
	// constants: no hashing on the hot path.
	switch string(b) {
	case "c":
		return "c"
	case "v":
		return "v"
	case "row":
		return "row"
	case "is":
		return "is"
	case "t":
		return "t"
	case "f":
		return "f"
	case "si":
		return "si"
	case "r":
		return "r"
	}
	if n, ok := s.name[string(b)]; ok {
		return n
	}
	n := string(b)
	if len(s.name) < 256 {
		s.name[n] = n
	}
	return n
}

// next returns the next start tag, end tag or non-empty text.
func (s *scanner) next() (*token, error) {
	for {
		c, err := s.br.ReadByte()
		if err == io.EOF {
			s.tok = token{kind: tokEOF}
			return &s.tok, nil
		}
		if err != nil {
			return nil, err
		}
		if c != '<' {
			// text up to the next '<'
			s.text = append(s.text[:0], c)
			for {
				chunk, err := s.br.ReadSlice('<')
				if err == nil {
					s.text = append(s.text, chunk[:len(chunk)-1]...)
					if err := s.br.UnreadByte(); err != nil {
						return nil, ErrCorrupt
					}
					break
				}
				if err == bufio.ErrBufferFull {
					s.text = append(s.text, chunk...)
					if len(s.text) > maxTextToken {
						return nil, ErrCellTooLong
					}
					continue
				}
				if err == io.EOF {
					s.text = append(s.text, chunk...)
					break
				}
				return nil, err
			}
			s.tok = token{kind: tokText, text: unescapeBytes(s.text)}
			return &s.tok, nil
		}
		// markup
		s.buf = s.buf[:0]
		first, err := s.br.ReadByte()
		if err != nil {
			return nil, ErrCorrupt
		}
		switch first {
		case '?':
			if err := s.declaration(); err != nil {
				return nil, err
			}
			continue
		case '!':
			if err := s.markupDecl(); err != nil {
				return nil, err
			}
			if s.tok.kind == tokText {
				return &s.tok, nil
			}
			continue
		}
		s.buf = append(s.buf, first)
		if err := s.markup(); err != nil {
			return nil, err
		}
		tag := s.buf
		t := token{kind: tokStart}
		if tag[0] == '/' {
			t.kind = tokEnd
			tag = tag[1:]
		}
		if n := len(tag); n > 0 && tag[n-1] == '/' {
			t.selfClose = true
			tag = tag[:n-1]
		}
		i := 0
		for i < len(tag) && !isSpace(tag[i]) {
			i++
		}
		name := tag[:i]
		if c := bytes.IndexByte(name, ':'); c >= 0 {
			name = name[c+1:]
		}
		if len(name) == 0 {
			return nil, ErrCorrupt
		}
		t.name = s.intern(name)
		t.attrs = tag[i:]
		s.tok = t
		return &s.tok, nil
	}
}

// markup appends the rest of a tag to s.buf, up to its closing '>' outside
// quotes, which it consumes. It scans the reader's buffer in place, a
// chunk at a time, rather than byte by byte.
func (s *scanner) markup() error {
	quote := byte(0)
	for {
		if s.br.Buffered() == 0 {
			if _, err := s.br.Peek(1); err != nil {
				return ErrCorrupt
			}
		}
		chunk, _ := s.br.Peek(s.br.Buffered())
		end := -1
		for i, c := range chunk {
			if quote != 0 {
				if c == quote {
					quote = 0
				}
			} else if c == '"' || c == '\'' {
				quote = c
			} else if c == '>' {
				end = i
				break
			}
		}
		if end >= 0 {
			s.buf = append(s.buf, chunk[:end]...)
			_, _ = s.br.Discard(end + 1)
		} else {
			s.buf = append(s.buf, chunk...)
			_, _ = s.br.Discard(len(chunk))
		}
		if len(s.buf) > 1<<20 {
			return ErrCorrupt
		}
		if end >= 0 {
			return nil
		}
	}
}

// markupDecl handles "<!": comments are skipped, CDATA becomes text.
func (s *scanner) markupDecl() error {
	s.tok = token{}
	head, err := s.br.Peek(2)
	if err != nil {
		return ErrCorrupt
	}
	if string(head) == "--" {
		return s.skipPast("-->")
	}
	if h, err := s.br.Peek(7); err == nil && string(h) == "[CDATA[" {
		_, _ = s.br.Discard(7)
		s.text = s.text[:0]
		for {
			c, err := s.br.ReadByte()
			if err != nil {
				return ErrCorrupt
			}
			s.text = append(s.text, c)
			if n := len(s.text); n >= 3 && string(s.text[n-3:]) == "]]>" {
				s.tok = token{kind: tokText, text: s.text[:n-3]}
				return nil
			}
			if len(s.text) > maxTextToken {
				return ErrCellTooLong
			}
		}
	}
	return s.skipPast(">")
}

// declaration reads a processing instruction ("<?" already read); in the
// XML declaration, an encoding other than UTF-8 or UTF-16 (which open has
// decoded) is refused rather than read as UTF-8.
func (s *scanner) declaration() error {
	s.buf = s.buf[:0]
	for {
		c, err := s.br.ReadByte()
		if err != nil || len(s.buf) > 1<<16 {
			return ErrCorrupt
		}
		if c == '>' && len(s.buf) > 0 && s.buf[len(s.buf)-1] == '?' {
			break
		}
		s.buf = append(s.buf, c)
	}
	pi := s.buf[:len(s.buf)-1]
	if !bytes.HasPrefix(pi, []byte("xml")) || len(pi) > 3 && !isSpace(pi[3]) {
		return nil
	}
	t := token{attrs: pi[3:]}
	if enc, ok := t.attrRaw("encoding"); ok && !supportedEncoding(string(enc)) {
		return &Error{ErrEncoding, clipRunes(string(enc), 40)}
	}
	return nil
}

// skipRow skips to the end of the current row element, without reading
// the cells in between one by one: cells past the columns read.
func (s *scanner) skipRow() error {
	const keep = 64 // enough of a buffer's end to hold a split "</x:row>"
	for {
		buf, _ := s.br.Peek(s.br.Buffered())
		var err error
		if len(buf) <= keep {
			buf, err = s.br.Peek(s.br.Size())
		}
		if i := rowEnd(buf); i >= 0 {
			_, _ = s.br.Discard(i)
			return nil
		}
		switch {
		case errors.Is(err, ErrTooLarge):
			return err
		case err != nil: // the end of the part inside a row, or a broken stream
			return ErrCorrupt
		}
		if _, err := s.br.Discard(len(buf) - keep); err != nil {
			return ErrCorrupt
		}
	}
}

// rowEnd returns the offset just past the first "</row>" (or
// "</prefix:row>") in b, or -1.
func rowEnd(b []byte) int {
	for from := 0; ; {
		j := bytes.Index(b[from:], []byte("row>"))
		if j < 0 {
			return -1
		}
		j += from
		if k := bytes.LastIndexByte(b[:j], '<'); k >= 0 && k+1 < j && b[k+1] == '/' &&
			(k+2 == j || b[j-1] == ':' && bytes.IndexByte(b[k+2:j], '>') < 0) {
			return j + 4
		}
		from = j + 4
	}
}

func (s *scanner) skipPast(end string) error {
	matched := 0
	for n := 0; ; n++ {
		c, err := s.br.ReadByte()
		if err != nil || n > 1<<20 {
			return ErrCorrupt
		}
		if c == end[matched] {
			matched++
			if matched == len(end) {
				return nil
			}
		} else if c == end[0] {
			matched = 1
		} else {
			matched = 0
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// unescapeBytes decodes XML entities in place.
func unescapeBytes(b []byte) []byte {
	if bytes.IndexByte(b, '&') < 0 {
		return b
	}
	out := b[:0]
	for i := 0; i < len(b); i++ {
		if b[i] != '&' {
			out = append(out, b[i])
			continue
		}
		end := bytes.IndexByte(b[i:], ';')
		if end < 0 || end > 12 {
			out = append(out, b[i])
			continue
		}
		ent := string(b[i+1 : i+end])
		var r rune = -1
		switch ent {
		case "amp":
			r = '&'
		case "lt":
			r = '<'
		case "gt":
			r = '>'
		case "quot":
			r = '"'
		case "apos":
			r = '\''
		default:
			if strings.HasPrefix(ent, "#x") || strings.HasPrefix(ent, "#X") {
				if n, err := strconv.ParseUint(ent[2:], 16, 32); err == nil && n <= 0x10FFFF {
					r = rune(n)
				}
			} else if strings.HasPrefix(ent, "#") {
				if n, err := strconv.ParseUint(ent[1:], 10, 32); err == nil && n <= 0x10FFFF {
					r = rune(n)
				}
			}
		}
		if r < 0 {
			out = append(out, b[i])
			continue
		}
		var tmp [4]byte
		n := encodeRune(tmp[:], r)
		// the encoded rune is never longer than the entity it replaces
		out = append(out, tmp[:n]...)
		i += end
	}
	return out
}

func encodeRune(p []byte, r rune) int {
	s := string(r)
	return copy(p, s)
}

// clipRunes shortens s to at most n runes, marking the cut with "…".
func clipRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}

// atoiOK parses a short run of digits; -1 when it is not one.
func atoiOK(s string) int {
	if len(s) == 0 || len(s) > 9 {
		return -1
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
