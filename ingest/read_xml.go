package ingest

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
)

// The workbook reader below streams a worksheet's XML straight out of the
// zip with a small hand-written scanner instead of excelize's Rows: it is
// several times faster (excelize decodes every cell through encoding/xml
// reflection), holds only the current row in memory (excelize keeps each
// worksheet part, decompressed, in memory up to UnzipXMLSizeLimit), bounds
// every decompressed byte, and it keeps each cell's type — which is what
// tells an NIP typed as a number from one typed as text.

var (
	errBookCorrupt = errors.New("workbook xml is not valid")
	errBookLarge   = errors.New("workbook exceeds the unzip size limit")
	errBookRows    = errors.New("row number beyond the sheet limit")
	errBookODS     = errors.New("an OpenDocument spreadsheet, not a workbook")
)

// maxSheetRows is Excel's row limit; row numbers beyond it are corrupt.
const maxSheetRows = 1 << 20

// book is an opened .xlsx/.xlsm package.
type book struct {
	files    map[string]*zip.File // by lower-case name
	sheets   []bookSheet
	date1904 bool
	sst      []string
	budget   int64 // decompressed bytes allowed per part read (MaxUnzipSize)
	maxPart  int64
}

type bookSheet struct {
	name, path string
}

// openBook reads the workbook's structure and shared strings.
func openBook(b []byte, maxUnzip, maxPart int64) (*book, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, errBookCorrupt
	}
	bk := &book{files: map[string]*zip.File{}, budget: maxUnzip, maxPart: maxPart}
	var declared uint64
	for _, f := range zr.File {
		bk.files[strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/"))] = f
		declared += f.UncompressedSize64
	}
	if declared > uint64(maxUnzip) {
		return nil, errBookLarge
	}
	if _, ok := bk.files["content.xml"]; ok {
		if _, ok := bk.files["mimetype"]; ok {
			return nil, errBookODS // .ods renamed to .xlsx
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
					bk.sheets = append(bk.sheets, bookSheet{name: s.Name, path: p})
				}
			}
		}
	}
	if len(bk.sheets) == 0 {
		return nil, errBookCorrupt
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

type rel struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
	Mode   string `xml:"TargetMode,attr"`
}

// rels reads a relationships part; targets are resolved against base.
func (bk *book) rels(name, base string) ([]rel, error) {
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

// open returns a reader of a part bounded by the unzip limit; parts
// held in memory (workbook, relationships, shared strings) are also bounded
// by maxPart. Worksheets are streamed and only count against the budget.
func (bk *book) open(name string, inMemory bool) (io.ReadCloser, error) {
	f, ok := bk.files[strings.ToLower(name)]
	if !ok {
		return nil, errBookCorrupt
	}
	rc, err := f.Open()
	if err != nil {
		return nil, errBookCorrupt
	}
	left := bk.budget // per opening: a sheet may be read twice (period from the rows)
	if inMemory {
		left = bk.maxPart
	}
	return &boundedReader{rc: rc, bk: bk, left: left}, nil
}

func (bk *book) unmarshal(name string, v any) error {
	rc, err := bk.open(name, true)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		if errors.Is(err, errBookLarge) {
			return err
		}
		return errBookCorrupt
	}
	return nil
}

// boundedReader fails with errBookLarge past its limit.
type boundedReader struct {
	rc   io.ReadCloser
	bk   *book
	left int64
}

func (r *boundedReader) Read(p []byte) (int, error) {
	n, err := r.rc.Read(p)
	r.left -= int64(n)
	if r.left < 0 {
		return n, errBookLarge
	}
	if err != nil && err != io.EOF {
		err = errBookCorrupt // flate or checksum errors
	}
	return n, err
}

func (r *boundedReader) Close() error { return r.rc.Close() }

// readSST reads the shared strings table.
func (bk *book) readSST(name string) error {
	rc, err := bk.open(name, true)
	if err != nil {
		if _, ok := bk.files[strings.ToLower(name)]; !ok {
			return nil // a dangling relationship: no shared strings
		}
		return err
	}
	defer rc.Close()
	sc := newScanner(rc)
	var cur []byte
	inSI, inT, skip := false, false, 0
	for {
		tok, err := sc.next()
		if err != nil {
			return err
		}
		switch tok.kind {
		case tokEOF:
			return nil
		case tokStart:
			switch tok.name {
			case "si":
				inSI, cur = true, cur[:0]
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
				bk.sst = append(bk.sst, decodeOOXML(string(cur)))
				inSI = false
			case "t":
				inT = false
			case "rPh", "phoneticPr":
				skip--
			}
		case tokText:
			if inT {
				cur = append(cur, tok.text...)
			}
		}
	}
}

// sheetRows streams the rows of one worksheet.
type sheetRows struct {
	bk    *book
	rc    io.ReadCloser
	sc    *scanner
	num   int      // current row number (1-based)
	cells []string // current row's values by column (0-based)
	nums  []bool   // whether each cell is a number cell
	prev  []string // the previous value seen in each column, reused when repeated
	err   error
	done  bool
	// a row element read ahead of its number (rows skip numbers)
	pending     bool
	pendingNum  int
	pendingRead bool
}

func (bk *book) rows(p string) (*sheetRows, error) {
	rc, err := bk.open(p, false)
	if err != nil {
		return nil, err
	}
	return &sheetRows{bk: bk, rc: rc, sc: newScanner(rc)}, nil
}

func (r *sheetRows) Close() error { return r.rc.Close() }

// Err is the error that stopped reading, if any.
func (r *sheetRows) Err() error { return r.err }

// Next advances to the next row element that exists in the sheet; Num is
// its row number (rows not in the XML are simply absent: blank).
func (r *sheetRows) Next() bool {
	if r.done || r.err != nil {
		return false
	}
	r.cells, r.nums = r.cells[:0], r.nums[:0]
	col := 0
	inRow, inCell, inV, inT, inIS, inF := false, false, false, false, false, false
	var typ string
	var val []byte
	cellCol := 0
	for {
		tok, err := r.sc.next()
		if err != nil {
			r.err = err
			return false
		}
		switch tok.kind {
		case tokEOF:
			r.done = true
			if inRow {
				r.err = errBookCorrupt
			}
			return false
		case tokStart:
			switch tok.name {
			case "row":
				n := r.num + 1
				if v, ok := tok.attrRaw("r"); ok {
					if x := atoiOK(string(v)); x > r.num {
						n = x
					} else {
						r.err = errBookCorrupt
						return false
					}
				}
				if n > maxSheetRows {
					r.err = errBookRows
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
				col++
				if ref, ok := tok.attrRaw("r"); ok {
					if c := refColumn(ref); c > 0 {
						col = c
					}
				}
				if col > 16384 {
					r.err = errBookCorrupt
					return false
				}
				typ = cellType(tok)
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
					r.setCell(cellCol, typ, val)
				}
				inCell = false
			case "row":
				return true
			case "sheetData":
				r.done = true
				return false
			}
		case tokText:
			if (inV || inT) && !inF {
				val = append(val, tok.text...)
			}
		}
	}
}

// setCell stores a cell's value as text: shared strings looked up, inline
// strings and formula results as written, numbers in their raw form.
func (r *sheetRows) setCell(col int, typ string, raw []byte) {
	if len(raw) == 0 {
		return
	}
	var v string
	num := false
	switch typ {
	case "s":
		i, err := strconv.Atoi(string(raw))
		if err != nil || i < 0 || i >= len(r.bk.sst) {
			return
		}
		v = r.bk.sst[i]
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
	for len(r.cells) < col {
		r.cells = append(r.cells, "")
		r.nums = append(r.nums, false)
	}
	r.cells[col-1], r.nums[col-1] = v, num
}

// cellType returns a cell's t attribute without allocating for the usual ones.
func cellType(tok *token) string {
	v, ok := tok.attrRaw("t")
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
func (r *sheetRows) reuse(col int, raw []byte) string {
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

// attr returns the value of the named attribute (prefix ignored).
func (t *token) attr(name string) (string, bool) {
	v, ok := t.attrRaw(name)
	if !ok {
		return "", false
	}
	return unescape(v), true
}

// attrRaw is attr without entity decoding or allocation; the bytes are
// valid until the next token.
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
		rest := bytes.TrimLeft(a[eq+1:], " \t\r\n")
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
						return nil, errBookCorrupt
					}
					break
				}
				if err == bufio.ErrBufferFull {
					s.text = append(s.text, chunk...)
					if len(s.text) > 32<<20 {
						return nil, errBookCorrupt
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
			return nil, errBookCorrupt
		}
		switch first {
		case '?':
			if err := s.skipPast("?>"); err != nil {
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
		quote := byte(0)
		for {
			c, err := s.br.ReadByte()
			if err != nil {
				return nil, errBookCorrupt
			}
			if quote != 0 {
				if c == quote {
					quote = 0
				}
			} else if c == '"' || c == '\'' {
				quote = c
			} else if c == '>' {
				break
			}
			s.buf = append(s.buf, c)
			if len(s.buf) > 1<<20 {
				return nil, errBookCorrupt
			}
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
			return nil, errBookCorrupt
		}
		t.name = s.intern(name)
		t.attrs = tag[i:]
		s.tok = t
		return &s.tok, nil
	}
}

// markupDecl handles "<!": comments are skipped, CDATA becomes text.
func (s *scanner) markupDecl() error {
	s.tok = token{}
	head, err := s.br.Peek(2)
	if err != nil {
		return errBookCorrupt
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
				return errBookCorrupt
			}
			s.text = append(s.text, c)
			if n := len(s.text); n >= 3 && string(s.text[n-3:]) == "]]>" {
				s.tok = token{kind: tokText, text: s.text[:n-3]}
				return nil
			}
			if len(s.text) > 32<<20 {
				return errBookCorrupt
			}
		}
	}
	return s.skipPast(">")
}

func (s *scanner) skipPast(end string) error {
	matched := 0
	for n := 0; ; n++ {
		c, err := s.br.ReadByte()
		if err != nil || n > 1<<20 {
			return errBookCorrupt
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

func unescape(b []byte) string { return string(unescapeBytes(append([]byte(nil), b...))) }

func encodeRune(p []byte, r rune) int {
	s := string(r)
	return copy(p, s)
}
