package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// A month of one agency and kind is a set of current uploads; a new file
// is added to it, replaces it, or is held back (docs/uploads.md, "Several files
// for one month"). What the file says of itself decides first — a word in
// its name, else in its title cells — and then the overlap of its row keys
// with the month's current rows (Config.ReplaceShare, Config.AddShare).

// Words that say what a file is. Matched as whole words, case-insensitive:
// "perbaiki" (fix, in the receipt's own title) is not "perbaikan".
var (
	replaceWords = []string{"revisi", "perbaikan", "pengganti", "koreksi"}
	addWords     = []string{"tambahan", "susulan"}
)

// intent is what a file's name or title says it is: Replaced, Added, or ""
// when it says neither (or both), and where it said so.
func intent(name string, title []string) (lake.Decision, string) {
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	if d := intentOf(base); d != "" {
		return d, msgSaidFileName
	}
	if d := intentOf(strings.Join(title, " ")); d != "" {
		return d, msgSaidSheetTitle
	}
	return "", ""
}

func intentOf(text string) lake.Decision {
	rep, add := false, false
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		for _, x := range replaceWords {
			rep = rep || w == x
		}
		for _, x := range addWords {
			add = add || w == x
		}
	}
	switch {
	case rep && !add:
		return lake.Replaced
	case add && !rep:
		return lake.Added
	}
	return ""
}

// origin is where a current row was sent: its upload and sheet row.
type origin struct {
	entry int // index into monthSet.entries
	row   int32
}

// monthSet is the current rows of one (agency, kind, period): each row
// key with every place it occurs (a multiset: survey responses may repeat).
type monthSet struct {
	entries []lake.Entry
	keys    map[string][]origin
	rows    int
}

// add puts the rows of e (keys and sheet rows, in order) into the set.
func (m *monthSet) add(e lake.Entry, keys []string, rows []int32) {
	m.entries = append(m.entries, e)
	for i, k := range keys {
		m.keys[k] = append(m.keys[k], origin{entry: len(m.entries) - 1, row: rows[i]})
	}
	m.rows += len(keys)
}

// keyColumns are the lake columns of kind s that identify a row for the
// month's overlap: the schema's key, or — survei, whose rows have none —
// every column of the response.
func keyColumns(s *Schema) []string {
	if len(s.Key) > 0 {
		return s.Key
	}
	var out []string
	for _, f := range s.arrow.Fields() {
		if f.Name != "upload_id" && f.Name != "source_row" {
			out = append(out, f.Name)
		}
	}
	return out
}

// recordKeys returns each row's key in rec (kind s) and its sheet row.
func recordKeys(rec arrow.RecordBatch, s *Schema) (keys []string, rows []int32, err error) {
	sch := rec.Schema()
	var cols []arrow.Array
	for _, name := range keyColumns(s) {
		idx := sch.FieldIndices(name)
		if len(idx) == 0 {
			return nil, nil, fmt.Errorf("row key column %q missing", name)
		}
		cols = append(cols, rec.Column(idx[0]))
	}
	ri := sch.FieldIndices("source_row")
	if len(ri) == 0 {
		return nil, nil, fmt.Errorf("column source_row missing")
	}
	src := rec.Column(ri[0])
	n := int(rec.NumRows())
	keys, rows = make([]string, n), make([]int32, n)
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.Reset()
		for j, c := range cols {
			if j > 0 {
				b.WriteByte(0x1f)
			}
			if c.IsValid(i) {
				b.WriteString(c.ValueStr(i))
			} else {
				b.WriteByte(0)
			}
		}
		keys[i] = b.String()
		if src.IsValid(i) {
			if v, ok := src.GetOneForMarshal(i).(int32); ok {
				rows[i] = v
			}
		}
	}
	return keys, rows, nil
}

// lakeKeys reads the row keys of a lake file of kind s.
func lakeKeys(path string, s *Schema) (keys []string, rows []int32, err error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer fh.Close()
	pf, err := file.NewParquetReader(fh)
	if err != nil {
		return nil, nil, err
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: 1 << 14}, memory.DefaultAllocator)
	if err != nil {
		return nil, nil, err
	}
	rr, err := fr.GetRecordReader(context.Background(), nil, nil)
	if err != nil {
		return nil, nil, err
	}
	defer rr.Release()
	for rr.Next() {
		k, r, err := recordKeys(rr.RecordBatch(), s)
		if err != nil {
			return nil, nil, err
		}
		keys, rows = append(keys, k...), append(rows, r...)
	}
	if err := rr.Err(); err != nil {
		return nil, nil, err
	}
	return keys, rows, nil
}

// month returns the current rows of (agency, kind, period), read from the
// lake files of its current uploads once per run and kept up to date by
// settle as this run's files are committed.
func (r *runner) month(agency string, k domain.Kind, p domain.Period) (*monthSet, error) {
	mk := monthKey(agency, k, p)
	if m, ok := r.months[mk]; ok {
		return m, nil
	}
	s := SchemaOf(k)
	m := &monthSet{keys: map[string][]origin{}}
	for _, e := range r.ledger.CurrentFor(agency, k, p) {
		path := r.dir.Abs(e.LakeFile)
		if st, ok := r.staged[e.LakeFile]; ok { // this run's, not yet published
			path = st.TempPath()
		}
		keys, rows, err := lakeKeys(path, s)
		if err != nil {
			return nil, fmt.Errorf("current rows of %s (%s): %w", e.LakeFile, e.File, err)
		}
		m.add(e, keys, rows)
	}
	if r.months == nil {
		r.months = map[string]*monthSet{}
	}
	r.months[mk] = m
	return m, nil
}

// monthKey keys runner.months.
func monthKey(agency string, k domain.Kind, p domain.Period) string {
	return agency + "\x00" + string(k) + "\x00" + p.String()
}

// placement is what a new file does to its month, decided before anything
// is written.
type placement struct {
	Decision lake.Decision
	Said     string       // where the file said so ("nama berkas", "judul lembar kerja"), "" when decided from rows
	Current  []lake.Entry // the month's current uploads before this file
	CurRows  int          // their rows
	Shared   int          // rows of the file whose key is already current
	NewRows  int          // the file's accepted rows
	// Overlap is the file's sheet rows that repeat a current row, with
	// the sentence naming where that row was sent: for an addition, they
	// are rejected (Options.Repeats).
	Overlap map[int]string
	// held is set when the file was rejected for what it would do to the
	// month (held back, or every row already current).
	held bool
	// keys and rows of the file, for settle.
	keys []string
	rows []int32
}

// outcome is what a placement means for the file's own rows.
type outcome int

const (
	keepRows    outcome = iota // added or replacing: every accepted row is kept
	dropRepeats                // added: its rows that repeat current ones are left out
	allRepeated                // added, but every row repeats a current one: nothing to add
	heldBack                   // neither: the file is rejected, nothing changes
)

func (pl *placement) outcome() outcome {
	switch {
	case pl.Decision == lake.HeldBack:
		return heldBack
	case pl.Decision != lake.Added || pl.Shared == 0:
		return keepRows
	case pl.Shared == pl.NewRows:
		return allRepeated
	}
	return dropRepeats
}

// place decides what the accepted rows of u (agency, kind, period of e)
// do to their month.
func (r *runner) place(e lake.Entry, u *Upload, p domain.Period) (*placement, error) {
	m, err := r.month(e.Agency, e.Kind, p)
	if err != nil {
		return nil, err
	}
	pl := &placement{Current: append([]lake.Entry(nil), m.entries...), CurRows: m.rows, NewRows: int(u.Record.NumRows())}
	said, where := intent(e.File, u.Title)
	if len(m.entries) == 0 || said == lake.Replaced {
		// The first of the month (whatever it says), or a revision by name:
		// nothing to match, so its row keys are not made (settle reads
		// them from its lake file if a later file of this run needs them).
		pl.Decision, pl.Said = lake.Added, where
		if len(m.entries) > 0 {
			pl.Decision = lake.Replaced
		}
		return pl, nil
	}
	keys, rows, err := recordKeys(u.Record, SchemaOf(e.Kind))
	if err != nil {
		return nil, err
	}
	pl.keys, pl.rows = keys, rows
	// Match the file's rows against the current ones, each current row at
	// most once.
	used := map[string]int{}
	for i, k := range keys {
		occ := m.keys[k]
		if used[k] >= len(occ) {
			continue
		}
		o := occ[used[k]]
		used[k]++
		pl.Shared++
		if pl.Overlap == nil {
			pl.Overlap = map[int]string{}
		}
		src := m.entries[o.entry]
		pl.Overlap[int(rows[i])] = msgAlreadySent(src.File, int(o.row), witStamp(src.ReceivedAt))
	}
	switch {
	case said != "":
		pl.Decision, pl.Said = said, where
	case float64(pl.Shared) >= r.cfg.ReplaceShare*float64(pl.CurRows):
		pl.Decision = lake.Replaced // a cumulative or corrected copy
	case float64(pl.Shared) <= r.cfg.AddShare*float64(pl.NewRows):
		pl.Decision = lake.Added
	default:
		pl.Decision = lake.HeldBack
	}
	return pl, nil
}

// settle records in the run's month sets that e (with pl) is now current.
func (r *runner) settle(e lake.Entry, pl *placement) {
	p, err := domain.ParsePeriod(e.Period)
	if err != nil {
		return
	}
	mk := monthKey(e.Agency, e.Kind, p)
	if pl.keys == nil { // its keys were not made: read them again when needed
		delete(r.months, mk)
		return
	}
	m := r.months[mk]
	if m == nil || e.Decision == lake.Replaced {
		m = &monthSet{keys: map[string][]origin{}}
		r.months[mk] = m
	}
	// Only the accepted rows are current: an addition's repeats were
	// rejected on the second read, so drop their keys.
	var keys []string
	var rows []int32
	for i, k := range pl.keys {
		if _, rep := pl.Overlap[int(pl.rows[i])]; !rep || e.Decision != lake.Added {
			keys, rows = append(keys, k), append(rows, pl.rows[i])
		}
	}
	m.add(e, keys, rows)
}

// heldBackReason is the receipt's reason for a held-back file: which rows
// overlap and how to rename it.
func heldBackReason(f InboxFile, pl *placement, u *Upload) string {
	files := len(pl.Current)
	var b strings.Builder
	b.WriteString(msgHeldBack(pl.Shared, pl.NewRows, files, pl.CurRows))
	if len(u.Warnings) > 0 {
		b.WriteString(msgSameRowsListed)
	}
	b.WriteString(msgHeldBackRename(renamed(f.Name, "revisi"), renamed(f.Name, "tambahan")))
	return b.String()
}

// renamed is name with "_word" before its extension.
func renamed(name, word string) string {
	ext := filepath.Ext(name)
	return strings.TrimSuffix(name, ext) + "_" + word + ext
}

// overlapWarnings lists in u's warnings each row of the file that is
// already current, and where it was sent (a held-back file's receipt).
func overlapWarnings(u *Upload, pl *placement) {
	rows := make([]int, 0, len(pl.Overlap))
	for row := range pl.Overlap {
		rows = append(rows, row)
	}
	sort.Ints(rows)
	for _, row := range rows {
		u.Warnings = append(u.Warnings, &RowError{File: u.File, Sheet: u.Sheet, Row: row, Err: ErrRepeated, Message: pl.Overlap[row] + "."})
	}
}

// placeFile decides what the file f, read as u with entry e (status with
// data), does to its month, and changes e (and u) to match: a replacement
// names the uploads it replaces; an addition whose rows repeat current
// ones is read again with those rows rejected (or rejected whole when every
// row repeats); a held-back file is rejected. ok is false when the file
// was left for a later run (fileFailed or pending).
func (r *runner) placeFile(f InboxFile, e *lake.Entry, u *Upload, sum *Summary) (*placement, *Upload, bool) {
	pp, err := domain.ParsePeriod(e.Period)
	if err != nil {
		r.fileFailed(sum, f, fmt.Errorf("period %q: %w", e.Period, err))
		return nil, u, false
	}
	pl, err := r.place(*e, u, pp)
	if err != nil {
		r.fileFailed(sum, f, fmt.Errorf("month: %w", err))
		return nil, u, false
	}
	e.Decision = pl.Decision
	reject := func(reason string) {
		pl.held = true
		overlapWarnings(u, pl)
		e.Status, e.Reason = lake.Rejected, reason
		e.RowsAccepted, e.RowsRejected = 0, e.RowsRead
		u.Status, u.RowsAccepted, u.RowsRejected = lake.Rejected, 0, u.RowsRead
		if u.Record != nil {
			u.Record.Release()
			u.Record = nil
		}
	}
	if pl.Decision == lake.Replaced {
		for _, c := range pl.Current {
			e.Replaces = append(e.Replaces, c.ID)
		}
	}
	switch pl.outcome() {
	case heldBack:
		reject(heldBackReason(f, pl, u))
	case allRepeated:
		e.Decision = ""
		reject(msgAllRepeated(pl.NewRows))
	case dropRepeats:
		// Read again with the repeated rows left out and listed, so the
		// receipt shows them.
		repeats := make(map[int]string, len(pl.Overlap))
		for row, where := range pl.Overlap {
			repeats[row] = where + msgNotCountedTwice
		}
		again, err := r.readUpload(f, e.ID, repeats)
		if err != nil {
			r.log.Info("file pending: changed while being read", "file", f.Name, "agency", f.Agency, "err", err)
			sum.Pending++
			return nil, u, false
		}
		if u.Record != nil {
			u.Record.Release()
		}
		u = again
		e.RowsRead, e.RowsAccepted, e.RowsRejected = u.RowsRead, u.RowsAccepted, u.RowsRejected
		e.Status = u.Status
		if u.Err != nil || u.Record == nil || u.Record.NumRows() == 0 {
			e.Status, e.Decision = lake.Rejected, ""
			e.Reason = msgNoRowsAccepted
			if u.Err != nil {
				e.Reason = u.Err.Message
			}
		}
	}
	return pl, u, true
}

// after is what e's month holds once e is in: its current files and rows.
func (r *runner) after(e lake.Entry, pl *placement) monthTotals {
	t := totals(r.ledger, e.Agency, e.Kind, e.Period)
	switch {
	case !e.Status.HasData():
	case e.Decision == lake.Replaced:
		t = monthTotals{files: 1, rows: e.RowsAccepted}
	default:
		t.files++
		t.rows += e.RowsAccepted
	}
	return t
}

// deadline is when uploads for period are due ("" or unreadable: zero).
func (r *runner) deadline(period string) time.Time {
	p, err := domain.ParsePeriod(period)
	if err != nil || r.cfg.DeadlineDay < 1 {
		return time.Time{}
	}
	return domain.Deadline(p, r.cfg.DeadlineDay)
}

// monthSentence is the receipt's first line: what happened to the month,
// in one sentence, and whether the file came after the deadline. month is
// what the month holds with e in; pl is nil when e was not placed this run
// (a duplicate, a rejected file, a receipt written again on recovery).
func monthSentence(e lake.Entry, pl *placement, month monthTotals, deadline time.Time) string {
	if pl == nil {
		pl = &placement{}
	}
	what := kindText(e.Kind)
	if pp, err := domain.ParsePeriod(e.Period); err == nil {
		what += " " + domain.PeriodLabel(pp, "id")
	}
	var s string
	switch {
	case e.Status == lake.Duplicate:
		s = msgSameAsBefore(what, month.text())
	case e.Decision == lake.HeldBack:
		s = msgHeldBackMonth(pl.Shared, e.RowsRead, what, month.text())
	case !e.Status.HasData():
		if e.Kind == "" || e.Period == "" {
			s = msgRejectedNoData
		} else {
			s = msgRejectedMonth(what, month.text())
		}
	case e.Decision == lake.Replaced:
		s = msgReplaces(replacedText(pl), month.text())
	case len(pl.Current) == 0:
		s = msgFirstUpload(what, month.text())
	default:
		s = msgAddedTo(what, month.text())
	}
	if !deadline.IsZero() && e.ReceivedAt.After(deadline) && e.Status != lake.Duplicate { // a duplicate changes nothing, late or not
		s += msgLate(witStamp(deadline))
	}
	return s
}

// replacedText names what a replacement replaced: "kiriman 12/01/2026
// 08.00 WIT (kehadiran_2025-12.xlsx, 11 baris)" or, for several, their
// number, the latest time and their rows.
func replacedText(pl *placement) string {
	switch len(pl.Current) {
	case 0:
		return msgPreviousUpload
	case 1:
		c := pl.Current[0]
		return msgReplacedOne(witStamp(c.ReceivedAt), c.File, pl.CurRows)
	}
	last := pl.Current[0].ReceivedAt
	for _, c := range pl.Current {
		if c.ReceivedAt.After(last) {
			last = c.ReceivedAt
		}
	}
	return msgReplacedMany(len(pl.Current), witStamp(last), pl.CurRows)
}

// monthTotals is what a month holds: its current files and rows.
type monthTotals struct{ files, rows int }

func (t monthTotals) text() string {
	if t.files == 0 {
		return msgNoCurrentUpload
	}
	return msgMonthTotals(t.files, t.rows)
}

// totals is what (agency, kind, period) holds in l.
func totals(l *lake.Ledger, agency string, k domain.Kind, period string) monthTotals {
	var t monthTotals
	p, err := domain.ParsePeriod(period)
	if err != nil || k == "" {
		return t
	}
	for _, e := range l.CurrentFor(agency, k, p) {
		t.files++
		t.rows += e.RowsAccepted
	}
	return t
}

// MonthDecision says, in the receipt's words (its first sentence), what
// ingesting the file at path — read by Check as u — would do to its month
// in dir now: added, replacing, held back, a duplicate, or rejected; and
// whether it would be late. It reads dir's ledger and lake files and writes
// nothing. A data directory with no uploads yet gives the first-upload
// sentence. The sentence for an addition whose rows repeat current ones
// counts the rows that would be kept.
func MonthDecision(dir lake.Dir, path string, u *Upload, cfg Config) (string, error) {
	l, err := dir.LoadLedger()
	if err != nil {
		return "", err
	}
	info, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	hash, err := lake.HashFile(path)
	if err != nil {
		return "", err
	}
	r := &runner{dir: dir, cfg: cfg, ledger: l}
	e := lake.Entry{Agency: u.Agency, File: filepath.Base(path), Kind: u.Kind, ReceivedAt: info.ModTime().In(domain.WIT),
		RowsRead: u.RowsRead, RowsAccepted: u.RowsAccepted, RowsRejected: u.RowsRejected, Status: u.Status}
	if !u.Period.IsZero() {
		e.Period = u.Period.String()
	}
	if prior, dup := dataByHash(l, u.Agency, hash); dup {
		e.Status, e.Kind, e.Period = lake.Duplicate, prior.Kind, prior.Period
	}
	var pl *placement
	switch {
	case e.Status == lake.Duplicate:
	case u.Err != nil || !u.Status.HasData() || u.Record == nil || u.Record.NumRows() == 0 || u.Period.IsZero():
		e.Status = lake.Rejected
	default:
		if pl, err = r.place(e, u, u.Period); err != nil {
			return "", err
		}
		e.Decision = pl.Decision
		switch pl.outcome() {
		case heldBack:
			e.Status = lake.Rejected
		case allRepeated:
			e.Status, e.Decision = lake.Rejected, ""
		case dropRepeats:
			e.RowsAccepted -= pl.Shared
		}
	}
	return monthSentence(e, pl, r.after(e, pl), r.deadline(e.Period)), nil
}
