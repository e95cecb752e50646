package lake

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// The ledger on disk is a snapshot and a journal:
//
//   - state/ledger.json, the snapshot: {"generation": G, "entries": […]},
//     replaced atomically by SaveLedger, which keeps the previous
//     Generations snapshots as state/ledger.json.1 (newest) … .N;
//   - state/ledger.journal, the entries added since snapshot G: a header
//     line {"base": G} and one JSON entry a line, appended and fsynced by
//     AppendLedger.
//
// Appending costs the same whatever the ledger's size, so ingesting a file
// does not get slower as the ledger grows; ingest folds the journal into a
// new snapshot once a run (SaveLedger). Readers read the journal before the
// snapshot: a journal whose base is older than the snapshot is already in
// it, one whose base is newer means the snapshot was replaced by an older
// or empty one (ErrLedgerDamaged). A torn last line — a crash in the middle
// of an append — is an entry that was never committed and is ignored.
const Generations = 5

// ErrLedgerLost is returned by LoadLedger when the ledger is missing or
// empty while the lake holds uploads: reading on would report on nothing,
// and sweeping would treat every upload as garbage. `pantau repair`
// rebuilds the ledger from the lake and archive/.
var ErrLedgerLost = errors.New("ledger missing or empty while the lake holds uploads")

// ErrLedgerDamaged is returned by LoadLedger when the snapshot and the
// journal do not fit together or cannot be parsed.
var ErrLedgerDamaged = errors.New("ledger damaged")

// Journal is state/ledger.journal.
func (d Dir) Journal() string { return filepath.Join(d.State(), "ledger.journal") }

// LedgerGeneration is state/ledger.json.<n>, the n-th previous snapshot.
func (d Dir) LedgerGeneration(n int) string { return d.Ledger() + "." + strconv.Itoa(n) }

type journalHeader struct {
	Base *int `json:"base"`
}

// LoadLedger reads the ledger: the snapshot plus the journal. A data
// directory with neither is an empty ledger — unless its lake holds uploads
// that no interrupted run is still bringing in (ErrLedgerLost): the lake
// files carry their ledger entries, and `pantau repair` rebuilds from them.
func (d Dir) LoadLedger() (*Ledger, error) {
	l, err := d.readLedger()
	if err != nil {
		return nil, err
	}
	if len(l.Entries) == 0 {
		n, err := d.unaccounted(l)
		if err != nil {
			return nil, fmt.Errorf("ledger check: %w", err)
		}
		if n > 0 {
			return nil, &LostError{Dir: d, Files: n}
		}
	}
	return l, nil
}

// LostError is ErrLedgerLost with what was found; its message says what to run.
type LostError struct {
	Dir   Dir
	Files int // upload lake files that no ledger entry names
}

func (e *LostError) Error() string {
	return fmt.Sprintf("%s: %s is missing or empty, but lake/ holds %d upload files; nothing was changed. "+
		"Run `pantau --dir %s repair` to see what the lake and archive/ hold, then `pantau --dir %s repair --apply` to rebuild the ledger "+
		"(earlier ledgers, if any, are kept as state/ledger.json.1 …)",
		e.Dir, e.Dir.Ledger(), e.Files, e.Dir, e.Dir)
}

func (e *LostError) Unwrap() error { return ErrLedgerLost }

// readLedger reads snapshot and journal without the lost-ledger check.
func (d Dir) readLedger() (*Ledger, error) {
	jb, jerr := os.ReadFile(d.Journal()) // first: see the type's comment
	if jerr != nil && !errors.Is(jerr, fs.ErrNotExist) {
		return nil, jerr
	}
	l := &Ledger{}
	b, err := os.ReadFile(d.Ledger())
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, err
	default:
		if err := json.Unmarshal(b, l); err != nil {
			return nil, fmt.Errorf("%w: %s: %v; earlier ledgers are kept as %s.1 …, or run `pantau repair`", ErrLedgerDamaged, d.Ledger(), err, d.Ledger())
		}
	}
	if jerr == nil {
		if err := l.replay(d, jb); err != nil {
			return nil, err
		}
	}
	for i := range l.Entries {
		if l.Entries[i].Seq == 0 { // written before entries had one
			l.Entries[i].Seq = i + 1
		}
	}
	l.idx = nil
	l.index()
	return l, nil
}

// replay adds the journal's entries to the snapshot l.
func (l *Ledger) replay(d Dir, jb []byte) error {
	if len(jb) == 0 {
		return nil
	}
	lines := bytes.Split(jb, []byte("\n"))
	var h journalHeader
	if err := json.Unmarshal(lines[0], &h); err != nil || h.Base == nil {
		if len(lines) == 1 {
			return nil // a header torn by a crash: nothing was journaled
		}
		return fmt.Errorf("%w: %s: no header", ErrLedgerDamaged, d.Journal())
	}
	switch {
	case *h.Base < l.Generation:
		return nil // folded into the snapshot already
	case *h.Base > l.Generation:
		return fmt.Errorf("%w: %s continues snapshot %d, but %s is snapshot %d (was it replaced by an older or empty copy?); "+
			"earlier ledgers are kept as %s.1 …, or run `pantau repair`", ErrLedgerDamaged, d.Journal(), *h.Base, d.Ledger(), l.Generation, d.Ledger())
	}
	body := lines[1:]
	for i, line := range body {
		if len(line) == 0 {
			continue
		}
		var e Entry
		if err := json.Unmarshal(line, &e); err != nil {
			if i == len(body)-1 {
				break // torn by a crash: never committed
			}
			return fmt.Errorf("%w: %s line %d: %v", ErrLedgerDamaged, d.Journal(), i+2, err)
		}
		l.Add(e)
	}
	return nil
}

// SaveLedger atomically replaces the snapshot with l as generation
// l.Generation+1, keeps the previous snapshots (state/ledger.json.1 …
// .Generations) and starts an empty journal. A crash at any instant leaves
// a readable ledger: the old snapshot with its journal, or the new one.
func (d Dir) SaveLedger(l *Ledger) error {
	out := *l
	out.Generation = l.Generation + 1
	out.idx = nil
	b, err := json.MarshalIndent(&out, "", " ")
	if err != nil {
		return err
	}
	if err := d.keepGenerations(); err != nil {
		return fmt.Errorf("ledger generations: %w", err)
	}
	if err := WriteFile(d.Ledger(), append(b, '\n'), 0o644); err != nil {
		return err
	}
	l.Generation = out.Generation
	return d.resetJournal(l.Generation)
}

// keepGenerations shifts ledger.json.k to .k+1 and hard-links the current
// snapshot as .1, so the snapshot itself is never absent.
func (d Dir) keepGenerations() error {
	if _, err := os.Stat(d.Ledger()); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	for n := Generations - 1; n >= 1; n-- {
		if err := os.Rename(d.LedgerGeneration(n), d.LedgerGeneration(n+1)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if err := os.Link(d.Ledger(), d.LedgerGeneration(1)); err != nil {
		return err
	}
	return SyncDir(d.State())
}

func (d Dir) resetJournal(base int) error {
	return WriteFile(d.Journal(), []byte(`{"base":`+strconv.Itoa(base)+"}\n"), 0o644)
}

// AppendLedger makes entries — already added to l — durable by appending
// them to the journal in one write and fsyncing it. Its cost does not
// depend on the ledger's size.
func (d Dir) AppendLedger(l *Ledger, entries []Entry) error {
	if len(entries) == 0 {
		return nil
	}
	if err := os.MkdirAll(d.State(), 0o755); err != nil {
		return err
	}
	if err := d.trimJournal(l.Generation); err != nil {
		return fmt.Errorf("ledger journal: %w", err)
	}
	var buf bytes.Buffer
	for _, e := range entries {
		b, err := json.Marshal(e)
		if err != nil {
			return err
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	f, err := os.OpenFile(d.Journal(), os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(buf.Bytes()); err != nil {
		f.Close()
		return fmt.Errorf("ledger journal: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// trimJournal makes sure the journal exists with the right base and ends
// with a whole line (cutting a line torn by a crash, which was never
// committed), so the next append starts a line of its own.
func (d Dir) trimJournal(base int) error {
	f, err := os.OpenFile(d.Journal(), os.O_RDWR, 0o644)
	if errors.Is(err, fs.ErrNotExist) {
		return d.resetJournal(base)
	}
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if info.Size() == 0 {
		f.Close()
		return d.resetJournal(base)
	}
	// A journal of an older base is folded into the snapshot already (a
	// run stopped inside SaveLedger, between the snapshot and the reset):
	// readers ignore it, so appending to it would lose the new entries.
	var h journalHeader
	if line, _ := bufio.NewReader(io.NewSectionReader(f, 0, info.Size())).ReadBytes('\n'); json.Unmarshal(line, &h) == nil && h.Base != nil {
		switch {
		case *h.Base < base:
			f.Close()
			return d.resetJournal(base)
		case *h.Base > base:
			return fmt.Errorf("%w: %s continues snapshot %d, but the ledger being appended to is snapshot %d", ErrLedgerDamaged, d.Journal(), *h.Base, base)
		}
	}
	last := make([]byte, 1)
	if _, err := f.ReadAt(last, info.Size()-1); err != nil {
		return err
	}
	if last[0] == '\n' {
		return nil
	}
	// Rare (after a crash): find the last newline and cut after it.
	r := bufio.NewReader(f)
	var keep, pos int64
	for {
		line, err := r.ReadBytes('\n')
		pos += int64(len(line))
		if err != nil {
			break
		}
		keep = pos
	}
	if keep == 0 {
		f.Close()
		return d.resetJournal(base)
	}
	if err := f.Truncate(keep); err != nil {
		return err
	}
	return f.Sync()
}
