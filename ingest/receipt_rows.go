package ingest

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/internal/workbook"
)

// Columns the receipt adds to the right of the upload's own, so that the
// "Baris Ditolak" sheet, sent back, reads as an upload: the reader ignores
// them, as it ignores any column it does not know, and names them among the
// extra columns. Being on the right, they leave the upload's columns where
// they were, so corrected rows can also be pasted back into the original.
const (
	colSourceRow = "Baris asal"
	colReason    = "Alasan"
)

// The rows of the "Baris Ditolak" sheet: a title naming kind, period and
// what to do, a hint, then the header and the rejected rows.
const (
	rejectedTitleRow  = 1
	rejectedNoteRow   = 2
	rejectedHeaderRow = 3
)

// maxComments bounds the cell comments of one receipt (each is a shape in
// the workbook); past it a bad cell is still red and its reason is still
// in the Alasan column.
const maxComments = 1000

// excelEpoch is the Excel serial (1900 date system) of 1970-01-01, day 0
// of a date32.
const excelEpoch = 25569

// cellKind is how the receipt writes a column's cells.
type cellKind int

const (
	cellTextKind   cellKind = iota // a string cell formatted as Text
	cellDateKind                   // a date cell when the upload had a serial
	cellNumberKind                 // a number cell when the text is a plain number
)

// rejectedSheet is the "Baris Ditolak" sheet: one line per rejected row,
// under the upload's own headers in the upload's column order, then the
// row's number in the upload and the reasons it was rejected.
type rejectedSheet struct {
	title, note string
	sendBack    bool       // the sheet is meant to come back as a "tambahan" file
	header      []string   // the upload's headers shown, then colSourceRow, colReason
	cols        []int      // for each upload header shown, its column in the upload
	kinds       []cellKind // for each upload header shown
	date1904    bool       // the upload's date system, for its serials
	lines       []rejectedLine
	more        string    // the line saying how many rows are not listed; "" when all are
	widths      []float64 // of each column of header
}

// rejectedLine is one rejected row.
type rejectedLine struct {
	row    int            // its row in the upload; 0 for a problem of no row
	cells  []string       // the upload's cells of the row, by upload column
	bad    map[int]string // shown column → the reasons its cell is wrong
	reason string         // all the row's reasons, one a line
}

// layoutRejected lays out the rejected rows of r, at most r.Limit of them.
func layoutRejected(r *receipt) *rejectedSheet {
	s := &rejectedSheet{sendBack: r.Status == lake.Partial || r.Status == lake.Duplicate}
	u := r.Upload
	if u == nil {
		u = &Upload{}
	}
	s.date1904 = u.Date1904
	kinds := columnKinds(u.Kind, u.Header)
	at := map[string]int{} // header text → shown column
	for j, h := range u.Header {
		if ownColumn(h) {
			continue // a receipt sent back: its own columns are made anew
		}
		if _, dup := at[h]; !dup {
			at[h] = len(s.cols)
		}
		s.cols = append(s.cols, j)
		s.kinds = append(s.kinds, kinds[j])
		s.header = append(s.header, h)
	}
	s.header = append(s.header, colSourceRow, colReason)
	listed := s.group(u, at, r.Limit)
	bad := max(u.RowsRejected-u.Repeated, distinctRows(u.Problems))
	if r.Held { // every row counts rejected; only the bad ones are listed
		bad = distinctRows(u.Problems)
	}
	if left := bad - listed; left > 0 {
		s.more = moreRowsLine(left, s.sendBack)
	}
	s.title, s.note = rejectedTitle(r, s.sendBack, len(s.lines) > 0)
	s.measure()
	return s
}

// any reports whether the sheet has anything to list.
func (s *rejectedSheet) any() bool { return len(s.lines) > 0 || s.more != "" }

// ownColumn reports whether an upload header is one of the columns a
// receipt adds (the upload is a corrected receipt).
func ownColumn(h string) bool {
	k := headerKey(h)
	return k == headerKey(colSourceRow) || k == headerKey(colReason)
}

// columnKinds tells, from the kind's schema, how each upload column is
// written: dates as dates, numbers as numbers, everything else (NIP and
// every other code among it) as text.
func columnKinds(k domain.Kind, header []string) []cellKind {
	out := make([]cellKind, len(header))
	s := SchemaOf(k)
	if s == nil {
		return out
	}
	m := matchHeaderKeys(s, header, headerKeysOf(header))
	for i, j := range m.colIdx {
		if j < 0 || j >= len(out) {
			continue
		}
		out[j] = typeOf(s.Columns[i].Type).copyAs
	}
	return out
}

// group makes one line per rejected row, in row order, from u's problems
// (several per row are common), at most limit lines; it returns how many
// rejected rows (row > 0) it listed.
func (s *rejectedSheet) group(u *Upload, at map[string]int, limit int) int {
	sorted := append([]*RowError(nil), u.Problems...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Row < sorted[j].Row })
	if limit <= 0 {
		limit = len(sorted)
	}
	listed := 0
	var reasons []string
	for i, p := range sorted {
		if i == 0 || p.Row != sorted[i-1].Row || p.Row == 0 {
			if len(s.lines) == limit {
				break
			}
			s.lines = append(s.lines, rejectedLine{row: p.Row, cells: u.Raw[p.Row], bad: map[int]string{}})
			reasons = reasons[:0]
			if p.Row > 0 {
				listed++
			}
		}
		l := &s.lines[len(s.lines)-1]
		msg := message(p)
		if k, ok := at[p.Column]; ok {
			l.bad[k] = joinReason(l.bad[k], msg)
		}
		if !contains(reasons, msg) {
			reasons = append(reasons, msg)
			l.reason = joinReason(l.reason, msg)
		}
	}
	return listed
}

// joinReason adds msg to the reasons in to, one a line.
func joinReason(to, msg string) string {
	switch {
	case to == "":
		return msg
	case msg == "" || strings.Contains("\n"+to+"\n", "\n"+msg+"\n"):
		return to
	}
	return to + "\n" + msg
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// distinctRows counts the rows (row > 0) problems name.
func distinctRows(problems []*RowError) int {
	seen := map[int]bool{}
	for _, p := range problems {
		if p.Row > 0 {
			seen[p.Row] = true
		}
	}
	return len(seen)
}

// moreRowsLine says that n rejected rows are not listed. It stands in the
// Alasan column, which the reader ignores, so the sheet still reads back.
func moreRowsLine(n int, sendBack bool) string {
	if sendBack {
		return fmt.Sprintf("… dan %d baris ditolak lainnya tidak tercantum di sini. Betulkan semuanya di berkas asli, "+
			"lalu kirim ulang berkas lengkap dengan kata \"revisi\" pada namanya.", n)
	}
	return fmt.Sprintf("… dan %d baris bermasalah lainnya tidak tercantum di sini. Betulkan yang di atas dahulu, lalu kirim ulang.", n)
}

// rejectedTitle is the sheet's title and hint. The title names the kind
// and the period, so the sheet sent back is read for that period, and,
// when the rows are to come back on their own, says "tambahan", so they are
// added to the month. Neither says "revisi" or a word like it (the title
// would then say both), nor names another month.
func rejectedTitle(r *receipt, sendBack, rows bool) (title, note string) {
	what := strings.TrimSpace(kindLabel(r.Kind) + " " + periodLabel(r.Period))
	if what != "" {
		what += " — "
	}
	switch {
	case !rows:
		return what + "tidak ada baris yang ditolak.", ""
	case sendBack:
		return what + "baris ditolak. Betulkan sel yang merah, lalu kirim berkas ini sebagai tambahan.",
			"Sel merah berisi nilai yang salah; alasannya ada di catatan sel dan di kolom Alasan. " +
				"Jangan ubah judul kolom. Kolom Baris asal dan Alasan tidak ikut dibaca."
	}
	return what + "baris bermasalah. Berkas ditolak seluruhnya: betulkan baris ini di berkas asli, lalu kirim ulang seluruh berkas.",
		"Sel merah berisi nilai yang salah; alasannya ada di catatan sel dan di kolom Alasan."
}

func kindLabel(k domain.Kind) string {
	if k == "" {
		return ""
	}
	return k.Label()
}

// periodLabel is "Oktober 2026", or "" for no period.
func periodLabel(p string) string {
	pp, err := domain.ParsePeriod(p)
	if err != nil {
		return ""
	}
	return domain.PeriodLabel(pp, "id")
}

// shown is the text cell k of line l shows, for measuring.
func (s *rejectedSheet) shown(l *rejectedLine, k int) string {
	raw := rawAt(l.cells, s.cols[k])
	if s.kinds[k] == cellDateKind && raw != "" {
		if _, ok := s.serialDate(raw); ok {
			return "00/00/0000"
		}
	}
	return raw
}

// measure sets the column widths from the header and the cells listed.
func (s *rejectedSheet) measure() {
	n := len(s.cols)
	widest := make([]float64, n+2)
	for i := range s.lines {
		l := &s.lines[i]
		for k := 0; k < n; k++ {
			widest[k] = max(widest[k], textWidth(s.shown(l, k)))
		}
		widest[n] = max(widest[n], textWidth(strconv.Itoa(l.row)))
		for _, part := range strings.Split(l.reason, "\n") {
			widest[n+1] = max(widest[n+1], textWidth(part))
		}
	}
	s.widths = make([]float64, n+2)
	for k := 0; k < n; k++ {
		s.widths[k] = colWidth(widest[k], s.header[k], minColWidth, maxColWidth)
	}
	s.widths[n] = colWidth(widest[n], colSourceRow, minColWidth, minColWidth+2)
	s.widths[n+1] = colWidth(widest[n+1], colReason, minReasonWidth, maxReasonWidth)
}

// rawAt is cell j of an upload row as written (cellAt cleans it).
func rawAt(cells []string, j int) string {
	if j < 0 || j >= len(cells) {
		return ""
	}
	return cells[j]
}

// serialDate is the date a raw cell of a date column holds when it is an
// Excel serial of the upload's date system.
func (s *rejectedSheet) serialDate(raw string) (int32, bool) {
	if !isSerial(raw) {
		return 0, false
	}
	d, err := parseDate(raw, s.date1904)
	return d, err == nil
}

// write writes the sheet: print setup (landscape, fit to width, the
// header row on every page), frozen under the header, the rows, and a
// comment on each bad cell with its reasons.
func (s *rejectedSheet) write(sh *workbook.Sheet, st *receiptStyles) error {
	sh.Widths = s.widths
	sh.Freeze = rejectedHeaderRow
	sh.Print = printSetup(true, 0, rejectedHeaderRow)
	total := 0.0
	for _, w := range s.widths {
		total += w
	}
	if err := s.banner(sh, rejectedTitleRow, s.title, st.title, total, 20); err != nil {
		return err
	}
	if s.note != "" {
		if err := s.banner(sh, rejectedNoteRow, s.note, st.note, total, lineHeight); err != nil {
			return err
		}
	}
	if err := s.writeHeader(sh, st); err != nil {
		return err
	}
	n := rejectedHeaderRow
	comments := 0
	for i := range s.lines {
		n++
		l := &s.lines[i]
		if err := s.writeLine(sh, st, n, l); err != nil {
			return err
		}
		for k := 0; k < len(s.cols) && comments < maxComments; k++ {
			if reason, bad := l.bad[k]; bad {
				comments++
				text := xmlSafe(reason)
				sh.AddComment(workbook.Comment{Col: k + 1, Row: n, Author: "Pantau", Text: text,
					Width: 240, Height: float64(max(45, 12*lines(text, 48)+18))})
			}
		}
	}
	if s.more != "" {
		n++
		vals := make([]workbook.Cell, len(s.header))
		vals[len(vals)-1] = workbook.Cell{Style: st.reason, Value: s.more}
		if err := sh.Row(n, rowHeight(lines(s.more, s.widths[len(s.widths)-1])), vals...); err != nil {
			return err
		}
	}
	return nil
}

// banner writes text across the sheet's width at row n, wrapped.
func (s *rejectedSheet) banner(sh *workbook.Sheet, n int, text string, style int, width, perLine float64) error {
	if len(s.header) >= 2 {
		sh.Merge(n, 1, len(s.header))
	}
	return sh.Row(n, perLine*float64(lines(text, width*0.9)), workbook.Cell{Style: style, Value: text})
}

func (s *rejectedSheet) writeHeader(sh *workbook.Sheet, st *receiptStyles) error {
	vals := make([]workbook.Cell, len(s.header))
	height := 1
	for k, h := range s.header {
		vals[k] = workbook.Cell{Style: st.head, Value: h}
		height = max(height, lines(h, s.widths[k]-1))
	}
	return sh.Row(rejectedHeaderRow, rowHeight(height), vals...)
}

// writeLine writes one rejected row at sheet row n.
func (s *rejectedSheet) writeLine(sh *workbook.Sheet, st *receiptStyles, n int, l *rejectedLine) error {
	vals := make([]workbook.Cell, len(s.header))
	height := 1
	for k := range s.cols {
		raw := rawAt(l.cells, s.cols[k])
		_, bad := l.bad[k]
		vals[k] = s.value(st, k, raw, bad)
		height = max(height, lines(s.shown(l, k), s.widths[k]))
	}
	c := len(s.cols)
	vals[c] = workbook.Cell{Style: st.number}
	if l.row > 0 {
		vals[c].Value = l.row
	}
	vals[c+1] = workbook.Cell{Style: st.reason, Value: l.reason}
	height = max(height, lines(l.reason, s.widths[c+1]))
	return sh.Row(n, rowHeight(height), vals...)
}

// value is the cell written for raw in shown column k: a date cell for a
// serial in a date column, a number cell for a plain number in a number
// column, else a string cell formatted as Text. A bad date is written as
// dd/mm/yyyy text: what the operator types over it stays text, which the
// reader reads day first whatever the computer's locale.
func (s *rejectedSheet) value(st *receiptStyles, k int, raw string, bad bool) workbook.Cell {
	text, date, number := st.text, st.date, st.number
	if bad {
		text, date, number = st.textBad, st.dateBad, st.numberBad
	}
	if raw == "" {
		return workbook.Cell{Style: text}
	}
	switch s.kinds[k] {
	case cellDateKind:
		if d, ok := s.serialDate(raw); ok {
			if bad {
				return workbook.Cell{Style: text, Value: formatDate(d)}
			}
			return workbook.Cell{Style: date, Value: int(d) + excelEpoch}
		}
	case cellNumberKind:
		if f, ok := plainNumber(raw); ok {
			return workbook.Cell{Style: number, Value: f}
		}
	}
	return workbook.Cell{Style: text, Value: raw}
}

// plainNumber is raw as a number when it reads back as the same number:
// "8", "8.5" (not "1.250", which the reader takes as 1250).
func plainNumber(raw string) (float64, bool) {
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	g, err := parseNumber(raw)
	return f, err == nil && g == f
}

// xmlSafe drops the characters XML cannot hold (controls but tab and
// newline) from text written outside a cell.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n':
			return r
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF, r == utf8.RuneError:
			return -1
		}
		return r
	}, s)
}

// writeWarnings lists warnings one per line: Baris, Kolom, Nilai, Alasan.
// Its headers are no upload kind's, so the sheet never competes with
// "Baris Ditolak" when the receipt is sent back.
func writeWarnings(sh *workbook.Sheet, st *receiptStyles, warnings []*RowError, limit int) error {
	sorted := append([]*RowError(nil), warnings...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Row < sorted[j].Row })
	if limit <= 0 || limit > len(sorted) {
		limit = len(sorted)
	}
	widest := []float64{0, 0, 0, 0}
	for _, p := range sorted[:limit] {
		widest[1], widest[2], widest[3] = max(widest[1], textWidth(p.Column)), max(widest[2], textWidth(p.Value)), max(widest[3], textWidth(message(p)))
	}
	head := []string{"Baris", "Kolom", "Nilai", "Alasan"}
	sh.Widths = []float64{minColWidth, colWidth(widest[1], head[1], minColWidth+4, maxColWidth),
		colWidth(widest[2], head[2], minColWidth+4, maxColWidth), colWidth(widest[3], head[3], minReasonWidth+16, maxReasonWidth+30)}
	sh.Freeze = 1
	sh.Print = printSetup(true, 0, 1)
	vals := make([]workbook.Cell, len(head))
	for k, h := range head {
		vals[k] = workbook.Cell{Style: st.head, Value: h}
	}
	if err := sh.Row(1, 0, vals...); err != nil {
		return err
	}
	for i, p := range sorted[:limit] {
		row := workbook.Cell{Style: st.number}
		if p.Row > 0 {
			row.Value = p.Row
		}
		height := max(lines(p.Column, sh.Widths[1]), lines(p.Value, sh.Widths[2]), lines(message(p), sh.Widths[3]))
		err := sh.Row(i+2, rowHeight(height), row, workbook.Cell{Style: st.text, Value: p.Column},
			workbook.Cell{Style: st.text, Value: p.Value}, workbook.Cell{Style: st.remark, Value: message(p)})
		if err != nil {
			return err
		}
	}
	if limit < len(sorted) {
		msg := fmt.Sprintf("… dan %d peringatan lain tidak dicantumkan.", len(sorted)-limit)
		if err := sh.Row(limit+2, 0, workbook.Cell{}, workbook.Cell{}, workbook.Cell{}, workbook.Cell{Value: msg}); err != nil {
			return err
		}
	}
	return nil
}
