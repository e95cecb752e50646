package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// Summary counts what one Run did. Seen is every candidate file in the
// agency folders (ready or pending); Ignored counts lock, hidden and temp
// files, symlinks and files outside agency folders.
type Summary struct {
	Seen, Accepted, Partial, Rejected, Duplicates, Pending, Ignored int
	// Failed counts the files this run could not finish (unreadable, or a
	// lake file, receipt or move that could not be written); each stays in
	// the inbox for the next run. FailedFiles names them "<agency>/<file>",
	// in the order they failed.
	Failed      int
	FailedFiles []string
}

// FileFailure is one file a Run could not finish, and why.
type FileFailure struct {
	Agency, File string
	Err          error
}

// FailedError is Run's error when files failed on their own: the other
// files were ingested, and these stay in the inbox for the next run.
type FailedError struct {
	Files []FileFailure
}

func (e *FailedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "ingest: %d file(s) not finished, left in the inbox for the next run:", len(e.Files))
	for i, f := range e.Files {
		if i > 0 {
			b.WriteString(";")
		}
		fmt.Fprintf(&b, " %s/%s (%v)", f.Agency, f.File, f.Err)
	}
	return b.String()
}

// Unwrap returns each file's error.
func (e *FailedError) Unwrap() []error {
	errs := make([]error, len(e.Files))
	for i, f := range e.Files {
		errs[i] = f.Err
	}
	return errs
}

// Run ingests every stable file in the inbox. It takes the "ingest" lock
// (lake.ErrLocked if another process holds it), sweeps what an interrupted
// run left, refreshes the reference tables, then parses files with a
// bounded worker pool while one goroutine commits them in (agency, mtime,
// name) order: lake file, receipt, ledger, then the move of the original to
// archive/ or rejected/ and the removal of a replaced lake file. The files
// are written as each file is committed and made durable a batch at a time
// (flush: their fsyncs at once, each directory once), always before the
// ledger entries that name them, records before their originals move. A crash
// between any two steps is repaired by the next Run: the lake file is
// invisible until the ledger names it, and an original still in the inbox
// whose ledger entry exists is moved without being counted twice.
func Run(ctx context.Context, dir lake.Dir, cfg Config, now time.Time, log *slog.Logger) (Summary, error) {
	var sum Summary
	if err := cfg.Validate(); err != nil {
		return sum, err
	}
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if err := dir.Init(); err != nil {
		return sum, err
	}
	lock, err := dir.TryLock("ingest")
	if err != nil {
		return sum, fmt.Errorf("ingest %s: %w", dir, err)
	}
	defer lock.Unlock()

	ledger, err := dir.LoadLedger()
	if err != nil {
		return sum, fmt.Errorf("ingest: %w", err)
	}
	unknown, err := dir.Unknown(ledger)
	if err != nil {
		return sum, fmt.Errorf("ingest sweep: %w", err)
	}
	for _, u := range unknown {
		log.Warn("lake file not in the ledger: kept, not counted; `pantau repair` shows what it holds", "path", u)
	}
	removed, err := dir.Sweep(ledger)
	temps, terr := dir.SweepTemps()
	for _, r := range append(removed, temps...) {
		log.Info("sweep: removed leftover", "path", r)
	}
	if terr != nil {
		// A temp that stays costs only disk space (no reader opens one).
		log.Warn("sweep: temp files left", "err", terr)
	}
	if err != nil {
		return sum, fmt.Errorf("ingest sweep: %w", err)
	}
	ref, err := refreshReference(dir, func(msg string, args ...any) { log.Info(msg, args...) })
	if err != nil {
		return sum, fmt.Errorf("ingest reference: %w", err)
	}
	scan, err := ScanInbox(dir, now, cfg.StableFor)
	if err != nil {
		return sum, fmt.Errorf("ingest scan %s: %w", dir.Inbox(), err)
	}
	for _, r := range scan.Refused {
		log.Warn("inbox: "+r.What+" refused, left in place; put uploads in inbox/<agency-code>/ as plain files", "path", r.Path)
	}
	if err := saveSeen(dir, scan.seen); err != nil {
		return sum, fmt.Errorf("ingest: %w", err)
	}
	sum.Seen = len(scan.Ready) + len(scan.Pending)
	sum.Ignored = scan.Ignored
	for _, f := range scan.Pending {
		log.Info("file pending: still being copied", "file", f.Name, "agency", f.Agency, "size", f.Size, "mtime", f.ModTime)
	}
	sum.Pending = len(scan.Pending)

	r := &runner{dir: dir, cfg: cfg, now: now, log: log, ref: ref, ledger: ledger,
		snapshot: ledger.Clone(), recovering: map[string]bool{}}
	err = r.process(ctx, scan.Ready, &sum)
	if r.journaled && !r.unsaved {
		// Fold the journal into a new snapshot, once a run (its cost grows
		// with the ledger; appending did not).
		if serr := dir.SaveLedger(r.ledger); serr != nil {
			err = errors.Join(err, fmt.Errorf("ingest: ledger snapshot: %w", serr))
		}
	}
	// Each agency's templates follow the reference data; a failure is only logged.
	keepTemplates(dir, ref, log)
	if len(r.failures) > 0 {
		// A *FailedError alone says the run went through: the other files
		// are done and only these wait (callers still compact the lake).
		return sum, errors.Join(err, &FailedError{Files: r.failures})
	}
	return sum, err
}

// OnlyFilesFailed reports whether err, from Run, is a *FailedError and
// nothing else: every other file was handled.
func OnlyFilesFailed(err error) bool {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		if errs := j.Unwrap(); len(errs) == 1 {
			err = errs[0]
		}
	}
	_, ok := err.(*FailedError)
	return ok
}

// runner holds one Run's state. Only the commit goroutine touches ledger;
// workers read snapshot, the ledger as it was at the start.
type runner struct {
	dir      lake.Dir
	cfg      Config
	now      time.Time
	log      *slog.Logger
	ref      *domain.Reference
	ledger   *lake.Ledger
	snapshot *lake.Ledger

	months     map[string]*monthSet    // current rows of the months this run's files met (month)
	recovering map[string]bool         // entry ids whose interrupted move this run completes
	staged     map[string]*lake.Staged // lake files committed but not yet published (flush), by LakeFile
	failures   []FileFailure           // files not finished, left in the inbox
	journaled  bool                    // entries were appended to the ledger journal
	unsaved    bool                    // a batch's entries are in ledger but were not saved, nor will be: ledger is not written whole
}

// parsed is a worker's result for one file.
type parsed struct {
	file    InboxFile
	start   time.Time
	hash    string
	id      string  // the upload id the rows were stamped with
	upload  *Upload // nil when not parsed (duplicate, recovery, too large, unknown agency)
	pending bool    // the file changed while being read
	gone    bool    // the file vanished before it was read
	readErr error   // the file is there but could not be read (permissions, I/O)
	fileErr *FileError
}

func (r *runner) process(ctx context.Context, files []InboxFile, sum *Summary) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make([]chan *parsed, len(files))
	for i := range results {
		results[i] = make(chan *parsed, 1)
	}
	// window bounds how many parsed-but-uncommitted uploads are held in
	// memory: a worker slot is only handed out when an earlier file has
	// been committed.
	window := make(chan struct{}, r.cfg.Workers+1)
	var g errgroup.Group
	g.SetLimit(r.cfg.Workers)
	launched := make(chan struct{})
	go func() {
		defer close(launched)
		for i, f := range files {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			g.Go(func() error {
				results[i] <- r.parse(f)
				return nil
			})
		}
	}()
	var err error
	var batch []*done
	var batchStart time.Time
	var next *parsed // file i's result, received while the batch waited for it
	for i := range files {
		var p *parsed
		if next != nil {
			p, next = next, nil
		} else {
			select {
			case p = <-results[i]:
			case <-ctx.Done():
			}
		}
		if p == nil {
			err = ctx.Err()
			break
		}
		var d *done
		d, err = r.commit(ctx, p, sum)
		if p.upload != nil && p.upload.Record != nil {
			p.upload.Record.Release()
			p.upload.Record = nil
		}
		if err != nil {
			break
		}
		if d != nil {
			if len(batch) == 0 {
				batchStart = time.Now()
			}
			batch = append(batch, d)
		}
		<-window
		if r.cfg.Progress != nil {
			r.cfg.Progress(i+1, len(files))
		}
		// Save the ledger once for a batch of files, and publish the
		// batch's files together, but never hold a batch longer than
		// flushEvery (a crash loses at most that much work, and a receipt
		// waits no longer): when the next result is not ready, wait for it
		// only that long.
		if len(batch) >= maxBatch || i == len(files)-1 || time.Since(batchStart) >= flushEvery ||
			len(batch) > 0 && !r.ready(ctx, results[i+1], flushEvery-time.Since(batchStart), &next) {
			err = r.flush(ctx, batch, sum)
			batch = batch[:0] // flushed, or failed for good: never flushed again
			if err != nil {
				break
			}
		}
	}
	if len(batch) > 0 {
		err = errors.Join(err, r.flush(ctx, batch, sum))
	}
	cancel()
	<-launched
	g.Wait()
	return err
}

// ready reports whether the next result arrives within wait, received
// into next when it does.
func (r *runner) ready(ctx context.Context, result chan *parsed, wait time.Duration, next **parsed) bool {
	select {
	case *next = <-result:
		return true
	default:
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case *next = <-result:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	return false
}

// parse reads and hashes one file and, unless the ledger as of the start
// shows it needs no parsing, reads it as an upload.
func (r *runner) parse(f InboxFile) (p *parsed) {
	p = &parsed{file: f, start: time.Now()}
	defer func() {
		if v := recover(); v != nil {
			r.log.Error("reader panicked; file rejected as unreadable", "file", f.Name, "agency", f.Agency, "panic", v, "stack", string(debug.Stack()))
			p.upload = nil
			p.fileErr = &FileError{File: f.Path, Err: ErrCorrupt, Message: msgCorrupt}
		}
	}()
	h, err := lake.HashFile(f.Path) // streamed: memory stays bounded whatever the size
	if err != nil {
		p.gone, p.readErr = vanished(f, err)
		return p
	}
	p.hash = h
	if _, ok := r.leftover(f, p.hash); ok {
		return p // recovery: the entry exists, only the move is missing
	}
	if f.Size > r.cfg.MaxFileSize {
		p.fileErr = &FileError{File: f.Path, Err: ErrTooLarge, Message: msgTooLarge(f.Size, r.cfg.MaxFileSize)}
		return p
	}
	if msg := r.agencyProblem(f.Agency); msg != "" {
		p.fileErr = &FileError{File: f.Path, Err: ErrUnknownAgency, Message: msg}
		return p
	}
	// Duplicates are read too: their receipt repeats the counts and rejected
	// rows of the upload they duplicate, which it may replace in the outbox.
	p.id = uploadID(r.snapshot, f.Agency, p.hash)
	prior, dup := dataByHash(r.snapshot, f.Agency, p.hash)
	if dup {
		p.id = prior.ID
	}
	u, err := r.readUpload(f, p.id, nil)
	switch {
	case errors.Is(err, errChanged):
		p.pending = true
	case err != nil:
		p.gone, p.readErr = vanished(f, err)
	default:
		p.upload = u
		if !dup && u.Record != nil && u.Record.NumRows() > 0 && u.Err == nil && u.Status.HasData() {
			// The lake file's encoding, here in parallel rather than in
			// the commit (parquetDraft). A failed draft is no failure:
			// the commit writes the file whole and reports what fails.
			if d, err := draftParquet(u.Record); err == nil {
				u.draft = d
			}
		}
	}
	return p
}

// read reads an upload from r with the run's options.
func (r *runner) read(rd io.Reader, f InboxFile, id string, repeats map[int]string) *Upload {
	opts := r.cfg.Read
	opts.Repeats = repeats
	opts.Agency = f.Agency
	opts.Reference = r.ref
	opts.UploadID = id
	opts.FileName = f.Name
	u := Read(rd, opts)
	u.File = f.Path
	return u
}

var errChanged = errors.New("file changed while being read")

// vanished tells a file that is gone (err is not-exist and nothing is at
// its path) from one that is there but unreadable: readErr wraps err.
func vanished(f InboxFile, err error) (gone bool, readErr error) {
	if _, serr := os.Lstat(f.Path); errors.Is(err, fs.ErrNotExist) && errors.Is(serr, fs.ErrNotExist) {
		return true, nil
	}
	return false, fmt.Errorf("read: %w", err)
}

// readUpload reads the inbox file f and checks that its size and mtime did
// not change meanwhile (a copy still in progress that kept an old mtime).
func (r *runner) readUpload(f InboxFile, id string, repeats map[int]string) (*Upload, error) {
	fh, err := os.Open(f.Path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	u := r.read(io.LimitReader(fh, r.cfg.MaxFileSize+1), f, id, repeats)
	info, err := fh.Stat()
	if err == nil && (info.Size() != f.Size || !info.ModTime().Equal(f.ModTime)) {
		err = errChanged
	}
	if err != nil {
		if u.Record != nil {
			u.Record.Release()
		}
		return nil, err
	}
	return u, nil
}

// dataByHash is the earlier upload of agency with these bytes whose rows
// went into the lake (current or since replaced): the same bytes again
// change nothing. Bytes that were rejected before are read again, since the
// reference data may have changed meanwhile.
func dataByHash(l *lake.Ledger, agency, hash string) (lake.Entry, bool) {
	for _, e := range l.WithHash(agency, hash) {
		if e.Status.HasData() {
			return e, true
		}
	}
	return lake.Entry{}, false
}

// agencyProblem is the Indonesian reason an agency folder cannot submit, or "".
func (r *runner) agencyProblem(agency string) string {
	if !domain.ValidAgencyCode(agency) {
		return msgBadAgencyFolder(agency)
	}
	if r.ref != nil && len(r.ref.Agencies) > 0 {
		if _, ok := r.ref.Agency(agency); !ok {
			return msgUnknownAgencyFolder(agency)
		}
	}
	return ""
}

// pause sleeps cfg.CommitDelay between commit steps (fault-injection tests).
func (r *runner) pause(ctx context.Context) error {
	if r.cfg.CommitDelay <= 0 {
		return nil
	}
	t := time.NewTimer(r.cfg.CommitDelay)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// A batch of committed files shares one ledger save: at most maxBatch
// files, held at most flushEvery. The ledger is rewritten whole on each
// save, so saving it per file would cost O(files × ledger size).
const (
	maxBatch   = 64
	flushEvery = 200 * time.Millisecond
)

// done is a committed file whose ledger entry is in memory and whose
// original still has to move (after the ledger is saved).
type done struct {
	p         *parsed
	e         lake.Entry
	replaced  []lake.Entry   // the uploads e replaced, whose lake files go
	recovered bool           // the entry was saved by an earlier, interrupted run
	staged    []*lake.Staged // its lake file and receipt, for flush to publish
}

// commit does the first steps for one parsed file: its lake file, its
// receipt and its ledger entry (in memory). flush then saves the ledger,
// moves the original and removes the replaced lake file. It returns nil
// when the file is left for a later run.
//
// It skips the files with nothing to commit (unreadable, vanished or
// pending) and completes an upload an interrupted run left (recover);
// otherwise decide settles everything the file writes, without writing,
// and write writes it.
//
// A failure of this file alone (it cannot be read; its lake file or receipt
// cannot be written: a name too long, a folder that is not writable, a full
// disk) is recorded by fileFailed and commit returns nil, nil: the run goes
// on with the other files. Only cancellation is returned as an error.
func (r *runner) commit(ctx context.Context, p *parsed, sum *Summary) (*done, error) {
	f := p.file
	switch {
	case p.readErr != nil:
		r.fileFailed(sum, f, p.readErr)
		return nil, nil
	case p.gone:
		r.log.Warn("file vanished before it was read", "file", f.Name, "agency", f.Agency)
		sum.Seen--
		return nil, nil
	case p.pending:
		r.log.Info("file pending: changed while being read", "file", f.Name, "agency", f.Agency)
		sum.Pending++
		return nil, nil
	}
	// Only entries saved before this run can be leftovers; an entry is
	// recovered by one file only.
	if prior, ok := r.leftover(f, p.hash); ok && !r.recovering[prior.ID] {
		r.recovering[prior.ID] = true
		d, err := r.recover(p, prior)
		if err != nil {
			r.fileFailed(sum, f, err)
			return nil, nil
		}
		return d, nil
	}
	pn, ok := r.decide(p, sum)
	if !ok {
		return nil, nil
	}
	return r.write(ctx, pn, sum)
}

// plan is everything commit writes for one file, decided before anything
// is written, so that the writes (write) only carry it out.
type plan struct {
	p        *parsed
	e        lake.Entry   // the ledger entry, complete but for ReplacedBy (set when a later upload replaces it)
	u        *Upload      // the file as read: the lake file's rows (when e has data) and the receipt's problems
	rc       *receipt     // the receipt
	pl       *placement   // what the file does to its month; nil unless e has data
	replaced []lake.Entry // the entries e replaces, as the ledger has them before e is added
}

// decisionOutcome is what decideEntry tells its caller besides the entry:
// whether the entry is decided, or what the caller must do first.
type decisionOutcome int

const (
	// decided: the entry is decided (before its month placement).
	decided decisionOutcome = iota
	// needsRead: the file was not read with the entry's ID (the ledger
	// moved on during this run, or it was not read at all): read it again
	// with that ID, then decide with uploadEntry.
	needsRead
	// noKindPeriod: decided, rejected with msgCorrupt because the reader
	// accepted rows without a kind or period (a reader bug, to be logged).
	noKindPeriod
)

// decideEntry is the ledger entry of the parsed file p with the ledger l,
// ingested at now, before its month placement: its id, status, reason,
// kind, period and row counts, or the earlier upload it duplicates. It
// reads no file and changes neither p nor l, so it is tested without a
// data directory; what needs I/O it leaves to the caller (needsRead).
func decideEntry(p *parsed, l *lake.Ledger, now time.Time) (lake.Entry, decisionOutcome) {
	f := p.file
	e := lake.Entry{
		ID:         uploadID(l, f.Agency, p.hash),
		Hash:       p.hash,
		Agency:     f.Agency,
		File:       f.Name,
		ReceivedAt: f.ModTime.In(domain.WIT),
		IngestedAt: now,
	}
	switch prior, dup := dataByHash(l, f.Agency, p.hash); {
	case p.fileErr != nil:
		e.Status = lake.Rejected
		e.Reason = p.fileErr.Message
	case dup:
		e.Status = lake.Duplicate
		e.DuplicateOf = prior.ID
		e.Kind, e.Period = prior.Kind, prior.Period
		e.Reason = msgDuplicate(prior.File, witStamp(prior.ReceivedAt), prior.ReplacedBy != "")
	case p.upload == nil || e.ID != p.id:
		// The ledger moved on during this run (e.g. the upload these bytes
		// duplicated was replaced meanwhile): read again with the right id.
		return e, needsRead
	default:
		return uploadEntry(e, p.upload)
	}
	return e, decided
}

// uploadEntry is e completed from u, the file read with e.ID: its kind,
// period, row counts and status. It is rejected when the reader rejected
// the file, when no row was accepted, or when rows were accepted without a
// kind or period (noKindPeriod); a status without data is a rejection.
func uploadEntry(e lake.Entry, u *Upload) (lake.Entry, decisionOutcome) {
	out := decided
	e.Kind = u.Kind
	if !u.Period.IsZero() {
		e.Period = u.Period.String()
	}
	e.RowsRead, e.RowsAccepted, e.RowsRejected = u.RowsRead, u.RowsAccepted, u.RowsRejected
	e.Status = u.Status
	if u.Err != nil {
		e.Status = lake.Rejected
		e.Reason = u.Err.Message
	}
	if e.Status.HasData() && (u.Record == nil || u.Record.NumRows() == 0) {
		e.Status = lake.Rejected
		e.Reason = msgNoRowsAccepted
	}
	if e.Status.HasData() {
		if _, err := domain.ParsePeriod(e.Period); err != nil || e.Kind == "" {
			e.Status = lake.Rejected
			e.Reason = msgCorrupt
			out = noKindPeriod
		}
	} else if e.Status != lake.Rejected {
		e.Status = lake.Rejected
	}
	return e, out
}

// decide settles everything commit writes for p, writing nothing and
// leaving the ledger as it is: the entry (decideEntry, with the file read
// again when the ledger moved on since it was read), what it does to its
// month (placeFile, which may read the file again), the receipt, and the
// entry's revision, lake file, seq and stored path. ok is false when the
// file was left for a later run (pending, or recorded by fileFailed).
func (r *runner) decide(p *parsed, sum *Summary) (pn *plan, ok bool) {
	f := p.file
	e, out := decideEntry(p, r.ledger, r.now)
	u := p.upload
	if out == needsRead {
		if u != nil && u.Record != nil {
			u.Record.Release()
		}
		var err error
		if u, err = r.readUpload(f, e.ID, nil); err != nil {
			r.log.Info("file pending: changed while being read", "file", f.Name, "agency", f.Agency, "err", err)
			p.upload = nil
			sum.Pending++
			return nil, false
		}
		p.upload = u
		e, out = uploadEntry(e, u)
	}
	if out == noKindPeriod {
		r.log.Error("reader accepted rows without a kind or period; file rejected", "file", f.Name, "kind", e.Kind, "period", e.Period)
	}
	// What the file does to its month: added, replaces it, or held back.
	var pl *placement
	if e.Status.HasData() {
		if pl, u, ok = r.placeFile(f, &e, u, sum); !ok {
			return nil, false
		}
		p.upload = u
	}
	rc := &receipt{File: f.Name, Agency: f.Agency, AgencyName: r.agencyName(f.Agency), ReceivedAt: f.ModTime, Limit: r.cfg.MaxProblems}
	rc.Status, rc.Kind, rc.Period, rc.Reason, rc.Upload = e.Status, e.Kind, e.Period, e.Reason, u
	rc.Month = monthSentence(e, pl, r.after(e, pl), r.deadline(e.Period))
	rc.Held = pl != nil && pl.held

	if e.Status.HasData() {
		pp, err := domain.ParsePeriod(e.Period)
		if err != nil {
			r.fileFailed(sum, f, fmt.Errorf("period %q: %w", e.Period, err))
			return nil, false
		}
		e.Revision = revisionOf(r.ledger, f.Agency, e.Kind, e.Period, e.Decision)
		e.LakeFile = lake.LakeFile(e.Kind, pp, f.Agency, e.ID)
	}
	// The entry is complete but for ReplacedBy before anything is written:
	// the lake file and the archived original keep a copy (lake.EntryKey,
	// lake.WriteRecord) from which a lost ledger is rebuilt.
	e.Seq = r.ledger.NextSeq()
	e.Receipt = receiptRel(r.dir, f.Agency, f.Name)
	storeAs := e.Status
	if e.Status == lake.Duplicate {
		if orig, ok := r.ledger.Find(e.DuplicateOf); ok {
			storeAs = orig.Status
		}
	}
	e.Stored = r.uniqueStored(storeAs, f.Agency, storedName(r.now, e.ID, f.Name))
	return &plan{p: p, e: e, u: u, rc: rc, pl: pl, replaced: r.replacedBy(e)}, true
}

// write carries out pn: 1. the lake file, invisible until the ledger names
// it; 2. the receipt; 3. the ledger entry (in memory: flush saves it), from
// which on the upload counts. A lake file written here is removed on any
// way out before the ledger names it, so nothing half-done remains. The
// pauses before the writes are the kill test's.
func (r *runner) write(ctx context.Context, pn *plan, sum *Summary) (*done, error) {
	f, e := pn.p.file, pn.e
	// staged are the files this call wrote, under temp names until flush
	// publishes them; on any way out before the entry is added they go.
	var staged []*lake.Staged
	defer func() {
		for _, s := range staged {
			s.Discard()
		}
	}()
	// 1. the lake file (invisible until the ledger names it)
	if e.Status.HasData() {
		meta, err := lake.EntryJSON(e)
		if err != nil {
			return nil, err
		}
		if err := r.pause(ctx); err != nil {
			return nil, err
		}
		write := func(w io.Writer) error { return writeParquet(w, pn.u.Record, meta) }
		if d := pn.u.draft; d != nil {
			pn.u.draft = nil
			write = func(w io.Writer) error {
				b, err := d.finish(meta)
				if err == nil {
					_, err = w.Write(b)
				}
				return err
			}
		}
		s, err := lake.Stage(r.dir.Abs(e.LakeFile), 0o644, write)
		if err != nil {
			r.fileFailed(sum, f, fmt.Errorf("lake file: %w", err))
			return nil, nil
		}
		staged = append(staged, s)
		defer func() {
			if staged == nil { // committed: the month reads it from there until flush
				if r.staged == nil {
					r.staged = map[string]*lake.Staged{}
				}
				r.staged[e.LakeFile] = s
			}
		}()
	}
	// 2. the receipt
	if err := r.pause(ctx); err != nil {
		return nil, err
	}
	s, err := lake.Stage(r.dir.Abs(e.Receipt), 0o644, func(w io.Writer) error { return writeReceipt(w, pn.rc) })
	if err != nil {
		r.fileFailed(sum, f, fmt.Errorf("receipt: %w", err))
		return nil, nil
	}
	staged = append(staged, s)
	// 3. the ledger entry, saved by flush (after it publishes the files):
	// from then on the upload counts
	r.ledger.Add(e)
	if e.Status.HasData() {
		r.settle(e, pn.pl)
	}
	d := &done{p: pn.p, e: e, replaced: pn.replaced, staged: staged}
	staged = nil
	return d, nil
}

// fileFailed records that f could not be finished this run: logged,
// counted and named in Run's error. The original stays in the inbox, so
// the next run tries it again.
func (r *runner) fileFailed(sum *Summary, f InboxFile, err error) {
	r.log.Error("file not finished; it stays in the inbox and the next run retries it", "file", f.Name, "agency", f.Agency, "err", err)
	sum.Failed++
	sum.FailedFiles = append(sum.FailedFiles, f.key())
	r.failures = append(r.failures, FileFailure{Agency: f.Agency, File: f.Name, Err: err})
}

// removeFresh removes a lake file this run wrote for a file that failed
// (or was stopped) before the ledger named it: nothing half-done remains.
func (r *runner) removeFresh(rel string) {
	if err := os.Remove(r.dir.Abs(rel)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		r.log.Warn("lake file of an unfinished upload not removed", "path", rel, "err", err)
	}
}

// flush saves the ledger for a batch of committed files, then moves their
// originals out of the inbox and removes the lake files they replaced. The
// pauses of the kill test are not cut short by cancellation: a stopped run
// still saves what it has prepared.
func (r *runner) flush(ctx context.Context, batch []*done, sum *Summary) error {
	if len(batch) == 0 {
		return nil
	}
	var added []lake.Entry
	for _, d := range batch {
		if !d.recovered {
			added = append(added, d.e)
		}
	}
	if err := r.publish(batch); err != nil {
		return err
	}
	if len(added) > 0 {
		r.pause(context.WithoutCancel(ctx))
		if err := r.dir.AppendLedger(r.ledger, added); err != nil {
			r.unsaved = true
			return fmt.Errorf("ingest: ledger: %w", err)
		}
		r.journaled = true
	}
	errs := r.finish(ctx, batch)
	for i, d := range batch {
		if errs[i] != nil {
			// The upload's entry is saved, so its rows count; the original
			// stays in the inbox and the next run finishes the move (and
			// counts the file then). Other files go on.
			r.fileFailed(sum, d.p.file, fmt.Errorf("move of the original (its rows already count): %w", errs[i]))
			continue
		}
		r.removeReplaced(d.e, d.replaced)
		if d.recovered {
			r.log.Info("recovered: finished an upload interrupted after its ledger entry", "file", d.p.file.Name, "agency", d.e.Agency, "id", d.e.ID)
		}
		r.count(d.e.Status, sum)
		r.logFile(d.p, d.e)
	}
	return nil
}

// publish makes the lake files and receipts of a batch durable, together
// (lake.Publish), before the ledger names them. A failure stops the run,
// as a failed ledger save does: the batch's entries, already in the
// ledger in memory, were never saved, so none of its uploads counts, their
// originals stay in the inbox for the next run, and the files already
// renamed into place are no more than a crash would leave (lake files no
// entry names, which Sweep removes; receipts the next run writes again).
// An fsync that failed leaves the kernel's copy of the file in doubt, so
// the batch is not retried within the run.
func (r *runner) publish(batch []*done) error {
	var staged []*lake.Staged
	for _, d := range batch {
		staged = append(staged, d.staged...)
		d.staged = nil
		delete(r.staged, d.e.LakeFile)
	}
	if len(staged) == 0 {
		return nil
	}
	if beforePublish != nil {
		beforePublish()
	}
	if err := lake.Publish(staged); err != nil {
		// The journal stays as saved; Run does not write ledger whole.
		r.unsaved = true
		return fmt.Errorf("ingest: lake files and receipts of %d files: %w", len(batch), err)
	}
	return nil
}

// beforePublish, when set (by tests), runs just before publish publishes.
var beforePublish func()

// leftover is the entry an interrupted run saved for this very file (same
// agency, name and bytes) but whose original it did not move yet. The name
// matters: an exact copy under another name has its own (duplicate) entry.
func (r *runner) leftover(f InboxFile, hash string) (lake.Entry, bool) {
	es := r.snapshot.WithHash(f.Agency, hash)
	for i := len(es) - 1; i >= 0; i-- {
		if e := es[i]; e.File == f.Name {
			return e, e.Stored != "" && !exists(r.dir.Abs(e.Stored))
		}
	}
	return lake.Entry{}, false
}

// recover completes an upload whose ledger entry was saved but whose
// original was not yet moved when the previous run stopped: its receipt is
// written again if missing, and flush moves it. No new entry is added.
func (r *runner) recover(p *parsed, e lake.Entry) (*done, error) {
	if e.Receipt != "" && !exists(r.dir.Abs(e.Receipt)) {
		rc := &receipt{File: e.File, Agency: e.Agency, AgencyName: r.agencyName(e.Agency), ReceivedAt: e.ReceivedAt, Status: e.Status,
			Kind: e.Kind, Period: e.Period, Reason: e.Reason, Upload: p.upload, Limit: r.cfg.MaxProblems,
			Month: monthSentence(e, nil, totals(r.ledger, e.Agency, e.Kind, e.Period), r.deadline(e.Period))}
		if rc.Upload == nil {
			rc.Upload = &Upload{RowsRead: e.RowsRead, RowsAccepted: e.RowsAccepted, RowsRejected: e.RowsRejected}
		}
		if err := lake.WriteWith(r.dir.Abs(e.Receipt), 0o644, func(w io.Writer) error { return writeReceipt(w, rc) }); err != nil {
			return nil, fmt.Errorf("receipt: %w", err)
		}
	}
	return &done{p: p, e: e, replaced: r.replacedBy(e), recovered: true}, nil
}

// finish writes the record of each file of a batch beside where its
// original goes (e.Stored), then moves the originals there: the records
// first, all durable, then the moves, each set's fsyncs run together and a
// directory fsynced once (lake.Publish, lake.SyncDirs) — per file the
// order of before, record then move. It returns each file's error.
func (r *runner) finish(ctx context.Context, batch []*done) []error {
	errs := make([]error, len(batch))
	recs := make([]*lake.Staged, len(batch))
	var staged []*lake.Staged
	for i, d := range batch {
		r.pause(context.WithoutCancel(ctx))
		s, err := r.dir.StageRecord(d.e)
		if err != nil {
			errs[i] = fmt.Errorf("ingest %s: record: %w", d.p.file.Path, err)
		} else if s != nil {
			recs[i] = s
			staged = append(staged, s)
		}
	}
	if err := lake.Publish(staged); err != nil {
		for i, s := range recs {
			if s != nil {
				errs[i] = fmt.Errorf("ingest %s: record: %w", batch[i].p.file.Path, err)
			}
		}
	}
	moved := make([]bool, len(batch))
	var dirs []string // SyncDirs fsyncs each once
	for i, d := range batch {
		if errs[i] != nil {
			continue
		}
		r.pause(context.WithoutCancel(ctx))
		src, dst := d.p.file.Path, r.dir.Abs(d.e.Stored)
		created, err := renameNew(src, dst)
		if err != nil {
			errs[i] = fmt.Errorf("ingest %s: archive: %w", src, err)
			continue
		}
		moved[i] = true
		dirs = append(dirs, moveDirs(src, dst, created)...)
	}
	if err := lake.SyncDirs(dirs); err != nil {
		for i := range batch {
			if moved[i] {
				errs[i] = fmt.Errorf("ingest %s: archive: %w", batch[i].p.file.Path, err)
			}
		}
	}
	return errs
}

// removeReplaced removes the lake files of the uploads e replaced — unless
// a reader (a report, a query) is open, which may still read them; then
// the next sweep removes them.
func (r *runner) removeReplaced(e lake.Entry, replaced []lake.Entry) {
	var gone []string
	for _, old := range replaced {
		if old.LakeFile != "" && old.LakeFile != e.LakeFile {
			gone = append(gone, old.LakeFile)
		}
	}
	if len(gone) == 0 {
		return
	}
	rl, err := r.dir.TryLock(lake.ReaderLock)
	if err != nil {
		r.log.Info("replaced lake files kept while readers are open; the next sweep removes them", "paths", gone)
		return
	}
	defer rl.Unlock()
	for _, path := range gone {
		if err := os.Remove(r.dir.Abs(path)); err != nil && !errors.Is(err, os.ErrNotExist) {
			r.log.Warn("replaced lake file not removed; the next sweep removes it", "path", path, "err", err)
		}
	}
}

// replacedBy is the entries e replaces, as the ledger has them.
func (r *runner) replacedBy(e lake.Entry) []lake.Entry {
	var out []lake.Entry
	for _, id := range e.Replaces {
		if old, ok := r.ledger.Find(id); ok {
			out = append(out, old)
		}
	}
	return out
}

// uniqueStored is a relative archive/rejected path no file or entry uses yet.
func (r *runner) uniqueStored(status lake.Status, agency, name string) string {
	rel := storedPath(r.dir, status, agency, name)
	for n := 2; exists(r.dir.Abs(rel)) || r.storedUsed(rel); n++ {
		rel = storedPath(r.dir, status, agency, fmt.Sprintf("%d_%s", n, name))
	}
	return rel
}

func (r *runner) storedUsed(rel string) bool { return r.ledger.StoredUsed(rel) }

func receiptRel(dir lake.Dir, agency, name string) string {
	rel, _ := filepath.Rel(dir.Root(), filepath.Join(dir.OutboxOf(agency), receiptName(name)))
	return rel
}

func (r *runner) count(s lake.Status, sum *Summary) {
	switch s {
	case lake.Accepted:
		sum.Accepted++
	case lake.Partial:
		sum.Partial++
	case lake.Duplicate:
		sum.Duplicates++
	default:
		sum.Rejected++
	}
}

func (r *runner) logFile(p *parsed, e lake.Entry) {
	r.log.Info("ingested file", "file", p.file.Name, "agency", e.Agency, "kind", string(e.Kind), "period", e.Period,
		"status", string(e.Status), "rows_read", e.RowsRead, "rows_accepted", e.RowsAccepted, "rows_rejected", e.RowsRejected,
		"id", e.ID, "replaces", e.Replaces, "reason", e.Reason, "duration", time.Since(p.start).Round(time.Millisecond))
}

// Check reads one file exactly as Run would (size limit, agency check, the
// reader with cfg.Read) and returns what its receipt would say, writing
// nothing. `pantau validate` prints it. An empty agency means the file is
// not in an agency's inbox folder: the agency is then the one the rows name
// in Kode Instansi (every kind has the column), when they name exactly one;
// otherwise the file is rejected with ErrNoAgency and a message saying to
// pass --agency. The Upload's Agency is the agency it was checked as.
func Check(path, agency string, cfg Config, ref *domain.Reference) *Upload {
	reject := func(err error, msg string) *Upload {
		return &Upload{File: path, Agency: agency, Status: lake.Rejected, Err: &FileError{File: path, Err: err, Message: msg}}
	}
	info, err := os.Stat(path)
	if err != nil {
		return reject(ErrCorrupt, msgPathOpen(err.Error()))
	}
	if info.Size() > cfg.MaxFileSize {
		return reject(ErrTooLarge, msgTooLarge(info.Size(), cfg.MaxFileSize))
	}
	r := &runner{cfg: cfg, ref: ref}
	if agency == "" {
		u, err := r.readPath(path, "")
		if err != nil {
			return reject(ErrCorrupt, msgPathOpen(err.Error()))
		}
		if u.Err != nil { // the file's own problem comes first
			return u
		}
		if u.Record != nil {
			u.Record.Release()
			u.Record = nil
		}
		var msg string
		if agency, msg = agencyNamed(u.Named, ref); agency == "" {
			return u.reject(ErrNoAgency, msg)
		}
	}
	if msg := r.agencyProblem(agency); msg != "" {
		return reject(ErrUnknownAgency, msg)
	}
	u, err := r.readPath(path, agency)
	if err != nil {
		return reject(ErrCorrupt, msgPathOpen(err.Error()))
	}
	return u
}

// readPath reads the file at path as an upload of agency ("" for none).
func (r *runner) readPath(path, agency string) (*Upload, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	return r.read(fh, InboxFile{Agency: agency, Name: filepath.Base(path), Path: path}, "validate", nil), nil
}
