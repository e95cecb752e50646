package ingest

import (
	"fmt"
	"hash/maphash"
	"path/filepath"
	"sort"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/internal/xlsx"
)

// reader reads one workbook into an Upload.
type reader struct {
	bk        *xlsx.Book
	u         *Upload
	opts      Options
	file      string
	sheet     string
	sheetPath string
	s         *Schema
	date1904  bool
	period    domain.Period
	header    []string
	colIdx    []int
	top       [][]string // the rows up to and including the header
	topCut    []bool     // of each of top: it had cells past MaxColumns, not read

	districts []domain.District
	distMemo  map[string]string // cell → district code ("" when unknown)
	units     map[string]string // lower-case unit code → code
	unitNames map[string]string // normalised unit name → code
	unitOwner map[string]string // unit code → agency code
	seed      maphash.Seed
	keys      map[uint64]int32
	keySlots  []int
	repeated  int        // rows rejected by Options.Repeats
	kept      int        // rejected rows kept for the receipt
	keptBytes int64      // their text, and the warnings', against maxKeptBytes
	memo      []cellMemo // by column: the last cell parsed without error
}

// cellMemo is a cell parsed without error: its text, whether it was a
// number cell, its value.
type cellMemo struct {
	raw string
	num bool
	v   Value
	ok  bool
}

func newReader(bk *xlsx.Book, u *Upload, opts Options) *reader {
	rd := &reader{bk: bk, u: u, opts: opts, file: u.File, distMemo: map[string]string{}, seed: maphash.MakeSeed(), keys: map[uint64]int32{}}
	rd.districts = domain.MalukuDistricts()
	if ref := opts.Reference; ref != nil {
		if len(ref.Districts) > 0 {
			rd.districts = ref.Districts
		}
		if len(ref.Units) > 0 {
			rd.units, rd.unitNames, rd.unitOwner = map[string]string{}, map[string]string{}, map[string]string{}
			for _, un := range ref.Units {
				rd.units[strings.ToLower(un.Code)] = un.Code
				rd.unitNames[normKey(un.Name)] = un.Code
				rd.unitOwner[un.Code] = un.Agency
			}
		}
	}
	return rd
}

// read does the whole job: sheet, kind, period, rows.
func (rd *reader) read() {
	u := rd.u
	rd.date1904 = rd.bk.Date1904()
	u.Date1904 = rd.date1904
	hint := kindInName(rd.opts.FileName)
	var matches []headerMatch
	var closest headerMatch
	var matchTop [][][]string
	var matchCut []bool
	empty := true
	var matchSheets []xlsx.Sheet
	for _, sheet := range rd.bk.Sheets() {
		top, err := rd.topRows(sheet)
		if err != nil {
			u.reject(rowsError(err, rd.opts))
			return
		}
		for _, row := range top {
			if !isBlank(row) {
				empty = false
			}
		}
		best, near := findHeader(top, hint)
		if best.ok {
			matches = append(matches, best)
			matchTop = append(matchTop, top)
			matchCut = append(matchCut, best.row < len(rd.topCut) && rd.topCut[best.row])
			matchSheets = append(matchSheets, sheet)
		} else if near.s != nil && (closest.s == nil || near.matched > closest.matched) {
			closest = near
		}
	}
	switch {
	case len(matches) == 0 && empty:
		u.reject(ErrEmpty, msgWorkbookEmpty)
		return
	case len(matches) == 0:
		msg := msgUnknownHeaders
		if closest.s != nil && closest.matched >= 2 {
			msg += msgClosestKind(closest.s.Kind.Label(), strings.Join(closest.missing, ", "))
		}
		if found := firstHeaderLike(closest.header); found != "" {
			msg += msgHeadersRead(found)
		}
		u.reject(ErrUnknownHeaders, msg+msgRequiredPerKind(expectedColumns(), templateAdvice(rd.opts.Agency)))
		return
	case len(matches) > 1:
		var names []string
		for _, sh := range matchSheets {
			names = append(names, "\""+sh.Name+"\"")
		}
		u.reject(ErrAmbiguousSheet, msgAmbiguousSheet(strings.Join(names, ", ")))
		return
	}
	m := matches[0]
	rd.top = matchTop[0]
	rd.sheet, rd.sheetPath = matchSheets[0].Name, matchSheets[0].Path
	rd.s, rd.header, rd.colIdx = m.s, m.header, m.colIdx
	u.Sheet, u.Kind, u.HeaderRow, u.Header, u.Extra = rd.sheet, m.s.Kind, m.row+1, m.header, m.extra
	u.Notes = append(u.Notes, m.notes...)
	if matchCut[0] {
		u.Notes = append(u.Notes, msgHeaderCut(rd.opts.MaxColumns))
	}
	if len(m.extra) > 0 {
		u.Extra = clipList(m.extra, len(m.extra), 100)
		u.Notes = append(u.Notes, msgUnknownColumns(strings.Join(clipList(m.extra, 30, 60), ", ")))
	}
	if hint != "" && hint != m.s.Kind {
		u.Notes = append(u.Notes, msgKindMismatch(string(hint), string(m.s.Kind)))
	}
	if rd.s.Kind == domain.Survei && rd.units == nil {
		u.Notes = append(u.Notes, msgNoUnits)
	}
	if !rd.findPeriod() {
		return
	}
	u.Period = rd.period
	rd.readRows()
}

// topRows returns the first headerScanRows rows of a sheet, by row number
// (blank rows included so that indexes are row numbers - 1).
func (rd *reader) topRows(sheet xlsx.Sheet) ([][]string, error) {
	rows, err := rd.bk.Rows(sheet.Path, rd.opts.MaxColumns)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var top [][]string
	rd.topCut = rd.topCut[:0]
	for rows.Next() && rows.Num() <= headerScanRows {
		for len(top) < rows.Num()-1 {
			top, rd.topCut = append(top, nil), append(rd.topCut, false)
		}
		top, rd.topCut = append(top, append([]string(nil), rows.Cells()...)), append(rd.topCut, rows.Truncated())
	}
	return top, rows.Err()
}

func rowsError(err error, opts Options) (error, string) { return openError(err, opts) }

// findPeriod sets rd.period from the file name, a title above the header,
// or the rows' dates; false when the file was rejected.
func (rd *reader) findPeriod() bool {
	name := strings.TrimSuffix(filepath.Base(rd.opts.FileName), filepath.Ext(rd.opts.FileName))
	fromName := periodsInText(name)
	var fromTitle []domain.Period
	for i := 0; i < rd.u.HeaderRow-1 && i < len(rd.top); i++ {
		row := rd.top[i]
		if rd.u.HeaderRow >= 2 && i == rd.u.HeaderRow-2 && len(rd.header) > 0 && !isBlank(row) && rowIsHeaderPart(row, rd.header) {
			continue // the parent row of a merged header
		}
		for j, c := range row {
			c = cleanText(c)
			if c == "" {
				continue
			}
			if len(rd.u.Title) < maxTitle {
				rd.u.Title = append(rd.u.Title, c)
			}
			ps := periodsInText(c)
			if len(ps) == 0 {
				if k := headerKey(c); strings.HasPrefix(k, "periode") || strings.HasPrefix(k, "bulan") {
					next := cellText(row, j+1)
					if d, err := parseDate(next, rd.date1904); err == nil && isSerial(next) {
						y, mo, _ := civilFromDays(d)
						ps = []domain.Period{{Year: y, Month: monthOf(mo)}}
					}
				}
			}
			fromTitle = appendPeriods(fromTitle, ps...)
		}
	}
	all := appendPeriods(append([]domain.Period(nil), fromName...), fromTitle...)
	sortPeriods(all)
	switch {
	case len(all) == 1:
		rd.period = all[0]
		return true
	case len(all) > 1:
		var ps []string
		for _, p := range all {
			ps = append(ps, domain.PeriodLabel(p, "id"))
		}
		where := msgWhereName
		if len(fromName) > 0 && len(fromTitle) > 0 {
			where = msgWhereNameAndTitle
		} else if len(fromTitle) > 0 {
			where = msgWhereTitle
		}
		rd.u.reject(ErrPeriodConflict, msgPeriodConflict(where, strings.Join(ps, ", ")))
		return false
	}
	// From the rows: every date in one month.
	ps, err := rd.rowPeriods()
	if err != nil {
		rd.u.reject(rowsError(err, rd.opts))
		return false
	}
	sortPeriods(ps)
	switch {
	case len(ps) == 1:
		rd.period = ps[0]
		rd.u.Notes = append(rd.u.Notes, msgPeriodFromRows(domain.PeriodLabel(ps[0], "id")))
		return true
	case len(ps) > 1:
		var s []string
		for _, p := range ps {
			s = append(s, domain.PeriodLabel(p, "id"))
		}
		rd.u.reject(ErrNoPeriod, msgPeriodManyMonths(strings.Join(s, ", ")))
		return false
	}
	rd.u.reject(ErrNoPeriod, msgNoPeriod)
	return false
}

func monthOf(m int) (mo timeMonth) { return timeMonth(m) }

func appendPeriods(to []domain.Period, ps ...domain.Period) []domain.Period {
next:
	for _, p := range ps {
		for _, q := range to {
			if p == q {
				continue next
			}
		}
		to = append(to, p)
	}
	return to
}

// rowIsHeaderPart reports whether row's texts all appear in the header
// (the parent row of a two-row header).
func rowIsHeaderPart(row, header []string) bool {
	for j, c := range row {
		c = cleanText(c)
		if c != "" && (j >= len(header) || !strings.HasPrefix(header[j], c)) {
			return false
		}
	}
	return true
}

// rowPeriods collects the distinct months of the PeriodFrom column.
func (rd *reader) rowPeriods() ([]domain.Period, error) {
	if rd.s.PeriodFrom == "" {
		return nil, nil
	}
	slot := rd.s.slot[rd.s.PeriodFrom]
	j := rd.colIdx[slot]
	if j < 0 {
		return nil, nil
	}
	second := false
	for _, f := range rd.s.fields {
		if f.slot == slot && rd.s.arrow.Field(indexOfField(rd.s, f)).Name == rd.s.PeriodFrom {
			second = f.second
		}
	}
	rows, err := rd.bk.Rows(rd.sheetPath, len(rd.header))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Period
	read := 0
	for rows.Next() {
		if rows.Num() <= rd.u.HeaderRow {
			continue
		}
		if read++; read > rd.opts.MaxRows {
			break
		}
		raw := cellAt(rows.Cells(), j)
		if raw == "" {
			continue
		}
		v, _, _ := rd.parse(slot, raw, j < len(rows.Numeric()) && rows.Numeric()[j])
		if !v.Valid {
			continue
		}
		d := v.D
		if second {
			d = v.D2
		}
		y, m, _ := civilFromDays(d)
		out = appendPeriods(out, domain.Period{Year: y, Month: monthOf(m)})
	}
	return out, rows.Err()
}

func indexOfField(s *Schema, f field) int {
	for i, g := range s.fields {
		if g == f {
			return i
		}
	}
	return 0
}

// readRows is the main pass: parse, check and build the Arrow record.
func (rd *reader) readRows() {
	u, s := rd.u, rd.s
	for _, k := range s.Key {
		rd.keySlots = append(rd.keySlots, s.slot[k])
	}
	b := array.NewRecordBuilder(memory.DefaultAllocator, s.arrow)
	defer b.Release()
	rows, err := rd.bk.Rows(rd.sheetPath, len(rd.header))
	if err != nil {
		u.reject(rowsError(err, rd.opts))
		return
	}
	defer rows.Close()
	rd.memo = make([]cellMemo, len(s.Columns))
	row := &Row{s: s, ctx: rd, Values: make([]Value, len(s.Columns)), Raw: make([]string, len(s.Columns)),
		Has: make([]bool, len(s.Columns)), num: make([]bool, len(s.Columns))}
	for i := range s.Columns {
		row.Has[i] = rd.colIdx[i] >= 0
	}
	for rows.Next() {
		n := rows.Num()
		if n <= u.HeaderRow {
			continue
		}
		cells := rows.Cells()
		if n == u.HeaderRow+1 && isNumberingRow(cells) {
			u.Notes = append(u.Notes, msgNumberingRow(n))
			continue
		}
		blank := true
		for i, j := range rd.colIdx {
			row.Raw[i], row.num[i] = "", false
			if j >= 0 && j < len(cells) {
				row.num[i] = rows.Numeric()[j]
				if c := cells[j]; c != "" {
					row.Raw[i] = cleanText(c)
					if row.Raw[i] != "" {
						blank = false
					}
				}
			}
		}
		if blank {
			continue // trailing and spacer rows
		}
		u.RowsRead++
		if u.RowsRead > rd.opts.MaxRows {
			u.Problems, u.Raw = nil, nil
			u.reject(ErrTooManyRows, msgTooManyRows(rd.opts.MaxRows))
			return
		}
		row.Num = n
		row.problems, row.warnings = row.problems[:0], row.warnings[:0]
		rd.parseRow(row)
		if !row.Failed() {
			rd.checkDuplicate(row)
		}
		if msg, ok := rd.opts.Repeats[n]; ok && !row.Failed() {
			// Not a bad row: nothing to fix. It is left out and listed
			// among the warnings, saying where it was first sent.
			u.RowsRejected++
			u.Repeated++
			rd.repeated++
			if len(u.Warnings) < maxKeptProblems {
				u.Warnings = append(u.Warnings, row.rowError(rd.s.Columns[rd.repeatColumn()].Name, ErrRepeated, msg))
			}
			continue
		}
		if len(u.Warnings) < maxKeptProblems && rd.keptBytes < maxKeptBytes {
			for _, w := range row.warnings {
				rd.keptBytes += clipProblem(w)
			}
			u.Warnings = append(u.Warnings, row.warnings...)
		}
		if row.Failed() {
			u.RowsRejected++
			if rd.kept < maxKeptProblems && rd.keptBytes < maxKeptBytes {
				rd.kept++
				for _, p := range row.problems {
					rd.keptBytes += clipProblem(p)
				}
				u.Problems = append(u.Problems, row.problems...)
				if u.Raw == nil {
					u.Raw = map[int][]string{}
				}
				raw := append([]string(nil), cells...)
				for _, c := range raw {
					rd.keptBytes += int64(len(c)) + 16
				}
				u.Raw[n] = raw
			}
			continue
		}
		rd.append(b, row)
		u.RowsAccepted++
	}
	if err := rows.Err(); err != nil {
		u.reject(rowsError(err, rd.opts))
		return
	}
	if bad := u.RowsRejected - rd.repeated; rd.kept < bad {
		u.Notes = append(u.Notes, msgProblemsClipped(rd.kept, bad))
	}
	switch {
	case u.RowsRead == 0:
		u.reject(ErrEmpty, msgNoDataRows(u.HeaderRow))
		return
	case float64(u.RowsRejected-rd.repeated) > rd.opts.MaxBadShare*float64(u.RowsRead-rd.repeated) && u.RowsRejected-rd.repeated >= rd.opts.MinBadRows:
		// Rows that only repeat the month's current rows are not bad rows.
		bad, read := u.RowsRejected-rd.repeated, u.RowsRead-rd.repeated
		u.reject(ErrTooManyBadRows, msgTooManyBadRows(bad, read, percent(float64(bad)/float64(read)), percent(rd.opts.MaxBadShare)))
		return
	case u.RowsAccepted == 0:
		// Fewer bad rows than MinBadRows, but no good one either.
		u.reject(ErrTooManyBadRows, msgAllRowsBad(u.RowsRead))
		return
	}
	if u.RowsAccepted > 0 {
		u.Record = b.NewRecordBatch()
	}
	u.Status = lake.Accepted
	if u.RowsRejected > 0 {
		u.Status = lake.Partial
	}
}

// percent formats a share the Indonesian way: "12,5 %".
func percent(x float64) string {
	s := fmt.Sprintf("%.1f", 100*x)
	s = strings.TrimSuffix(s, ".0")
	return strings.Replace(s, ".", ",", 1) + " %"
}

// parseRow parses every cell of row and runs the kind's checks.
func (rd *reader) parseRow(r *Row) {
	s := rd.s
	for i := range s.Columns {
		c := &s.Columns[i]
		raw := r.Raw[i]
		if raw == "" {
			r.Values[i] = Value{}
			if c.Default != "" {
				r.Values[i] = Value{Valid: true, S: c.Default}
			}
			if c.Required {
				r.Fail(c.Name, ErrRequired, msgRequired(c.Name))
			}
			continue
		}
		// A cell as the one above it (dates, codes, a status down a
		// column) has its value: parsing depends on nothing else.
		m := &rd.memo[i]
		if m.ok && m.num == r.num[i] && m.raw == raw {
			r.Values[i] = m.v
			continue
		}
		v, err, msg := rd.parse(i, raw, r.num[i])
		r.Values[i] = v
		*m = cellMemo{raw: raw, num: r.num[i], v: v, ok: err == nil}
		if err != nil {
			r.Fail(c.Name, err, msg)
		}
	}
	if isExample(s, r) {
		r.problems = r.problems[:0]
		r.Fail(s.Columns[0].Name, ErrExample, msgExampleRow)
		return
	}
	rd.checkAgency(r)
	if s.Check != nil {
		s.Check(r)
	}
	rd.checkRoster(r)
}

// parse converts one cleaned, non-blank cell of schema column i, by its
// type (types.go).
func (rd *reader) parse(i int, raw string, number bool) (Value, error, string) {
	c := &rd.s.Columns[i]
	return typeOf(c.Type).parse(rd, c, raw, number)
}

// checkAgency rejects a row whose Kode Instansi, or whose service unit,
// belongs to another agency.
func (rd *reader) checkAgency(r *Row) {
	if rd.opts.Agency != "" && rd.unitOwner != nil {
		for i := range rd.s.Columns {
			c := &rd.s.Columns[i]
			if v := r.Values[i]; c.Type == TypeUnit && v.Valid {
				if owner := rd.unitOwner[v.S]; owner != "" && owner != rd.opts.Agency {
					r.Fail(c.Name, ErrOtherAgency, msgOtherAgencyUnit(v.S, owner, rd.opts.Agency))
				}
			}
		}
	}
	v := r.Get("Kode Instansi")
	if v.Valid && rd.opts.Agency == "" {
		rd.u.nameAgency(v.S)
	}
	if !v.Valid || rd.opts.Agency == "" {
		return
	}
	if strings.EqualFold(v.S, rd.opts.Agency) {
		return
	}
	if ref := rd.opts.Reference; ref != nil {
		if a, ok := ref.Agency(rd.opts.Agency); ok && normKey(a.Name) == normKey(v.S) {
			return
		}
	}
	r.Fail("Kode Instansi", ErrOtherAgency, msgOtherAgencyRow(v.S, rd.opts.Agency))
}

// checkRoster warns when a name differs from the roster's.
func (rd *reader) checkRoster(r *Row) {
	if rd.opts.Roster == nil || rd.s.Kind == domain.Pegawai || rd.s.Kind == domain.Survei {
		return
	}
	nip, nama := r.Get("nip"), r.Get("nama")
	if !nip.Valid {
		return
	}
	want, ok := rd.opts.Roster(nip.S)
	switch {
	case !ok:
		r.Warn("nip", ErrRoster, msgNotInRoster(nip.S))
	case nama.Valid && normKey(want) != normKey(nama.S):
		r.Warn("nama", ErrRoster, msgRosterName(nama.S, want, nip.S))
	}
}

// checkDuplicate rejects a row whose key equals an earlier accepted row's.
func (rd *reader) checkDuplicate(r *Row) {
	if len(rd.keySlots) == 0 {
		return
	}
	k := uint64(len(rd.keySlots))
	for _, sl := range rd.keySlots {
		v := r.Values[sl]
		k = k*0x9E3779B97F4A7C15 ^ maphash.String(rd.seed, v.S)
		k = k*0x9E3779B97F4A7C15 ^ (uint64(uint32(v.D))<<32 | uint64(uint32(v.D2)))
	}
	if first, ok := rd.keys[k]; ok {
		var names []string
		for _, key := range rd.s.Key {
			names = append(names, rd.s.Columns[rd.s.slot[key]].Name)
		}
		r.Fail(rd.s.Columns[rd.keySlots[0]].Name, ErrDuplicate, msgDuplicateRow(int(first), strings.Join(names, ", ")))
		return
	}
	rd.keys[k] = int32(r.Num)
}

// repeatColumn is the column an ErrRepeated problem names: the first of
// the kind's key, else (survei: the whole response is the key) the first.
func (rd *reader) repeatColumn() int {
	if len(rd.keySlots) > 0 {
		return rd.keySlots[0]
	}
	return 0
}

// append adds an accepted row to the record builder.
func (rd *reader) append(b *array.RecordBuilder, r *Row) {
	for fi, f := range rd.s.fields {
		v := r.Values[f.slot]
		fb := b.Field(fi)
		if !v.Valid {
			fb.AppendNull()
			continue
		}
		switch f.typ.ID() {
		case arrow.STRING:
			s := v.S
			if f.second {
				s = v.S2
			}
			fb.(*array.StringBuilder).Append(s)
		case arrow.DATE32:
			d := v.D
			if f.second {
				d = v.D2
			}
			fb.(*array.Date32Builder).Append(arrow.Date32(d))
		case arrow.FLOAT64:
			fb.(*array.Float64Builder).Append(v.F)
		case arrow.INT32:
			fb.(*array.Int32Builder).Append(int32(v.F))
		case arrow.INT8:
			fb.(*array.Int8Builder).Append(int8(v.F))
		default:
			fb.AppendNull()
		}
	}
	n := len(rd.s.fields)
	b.Field(n).(*array.StringBuilder).Append(rd.opts.UploadID)
	b.Field(n + 1).(*array.Int32Builder).Append(int32(r.Num))
}

// inPeriod reports whether date32 d falls in the reporting period.
func (r *Row) inPeriod(d int32) bool {
	if r.ctx == nil || r.ctx.period.IsZero() {
		return true
	}
	y, m, _ := civilFromDays(d)
	return y == r.ctx.period.Year && monthOf(m) == r.ctx.period.Month
}

func (r *Row) periodLabel() string {
	if r.ctx == nil {
		return ""
	}
	return domain.PeriodLabel(r.ctx.period, "id")
}

// unitByName finds a unit code by the unit's name (or code).
func (r *Row) unitByName(name string) (string, bool) {
	if r.ctx == nil || r.ctx.units == nil {
		return name, true
	}
	if c, ok := r.ctx.unitNames[normKey(name)]; ok {
		return c, true
	}
	c, ok := r.ctx.units[strings.ToLower(name)]
	return c, ok
}

// isExample reports whether the row is the template's example, copied in or
// left in by mistake: every column with a fixed example holds exactly it.
// Columns whose example comes from the agency's reference data (Ref) are
// not compared: they differ from one agency's template to another's.
func isExample(s *Schema, r *Row) bool {
	n := 0
	for i, c := range s.Columns {
		if c.Example == "" || c.Ref != RefNone {
			continue
		}
		if r.Raw[i] != c.Example && r.Has[i] {
			return false
		}
		if r.Has[i] {
			n++
		}
	}
	return n >= 3
}

// maxShownValue bounds, in runes, a cell value quoted in a problem: the
// receipt's Nilai column and the sentence that quotes it. The whole cell is
// still in the copy of the row beside it.
const maxShownValue = 100

// clipProblem shortens a long value, and the message that quotes it, and
// returns the bytes p keeps.
func clipProblem(p *RowError) int64 {
	if len(p.Value) > maxShownValue {
		short := clipRunes(p.Value, maxShownValue)
		if short != p.Value {
			p.Message = strings.ReplaceAll(p.Message, p.Value, short)
			p.Value = short
		}
	}
	p.Column = clipRunes(p.Column, maxShownValue)
	p.Message = clipRunes(p.Message, 4*maxShownValue) // a message may quote other long text (a roster name)
	return int64(len(p.Value)+len(p.Message)+len(p.Column)) + 128
}

// clipList returns at most n items of list, each at most width runes, and
// "… (k lainnya)" for the rest.
func clipList(list []string, n, width int) []string {
	out := make([]string, 0, min(len(list), n+1))
	for i, s := range list {
		if i == n {
			out = append(out, fmt.Sprintf("… (%d lainnya)", len(list)-n))
			break
		}
		out = append(out, clipRunes(s, width))
	}
	return out
}

// firstHeaderLike lists the non-blank cells of a header row, for messages.
func firstHeaderLike(header []string) string {
	var out []string
	for _, h := range header {
		if h = cleanText(h); h != "" {
			out = append(out, clipRunes(h, 60))
		}
		if len(out) == 15 {
			out = append(out, "…")
			break
		}
	}
	return strings.Join(out, ", ")
}

func sortPeriods(ps []domain.Period) {
	sort.Slice(ps, func(i, j int) bool { return ps[i].Before(ps[j]) })
}

// isNumberingRow reports whether a row under the header only numbers the
// columns — "1 2 3 …" or "(1) (2) (3) …", as government forms often do.
func isNumberingRow(cells []string) bool {
	n, last := 0, 0
	for _, c := range cells {
		c = strings.TrimSuffix(strings.TrimPrefix(cleanText(c), "("), ")")
		if c == "" {
			continue
		}
		v := atoiOK(c)
		if v <= last {
			return false
		}
		last = v
		n++
	}
	return n >= 3
}
