package web

import (
	"errors"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// fileResult is what one uploaded file got: the check's verdict, as its
// receipt will say it, and where it was put.
type fileResult struct {
	Name     string // the name as sent (shown, never used as a path)
	Placed   string // its name in the inbox, "" when not kept
	Error    string // why it was not kept
	Status   string // text key "status.…"
	Kind     string
	Period   string
	Read     int
	Accepted int
	Rejected int
	Reason   string
	Month    string
	Notes    []string
	Problems []*ingest.RowError
	Warnings []*ingest.RowError
	More     int // problems not listed
}

// resultBody is the result page.
type resultBody struct {
	Files []fileResult
	Error string
}

// shownProblems is how many rejected rows the result page lists; the
// receipt lists them all.
const shownProblems = 50

// tmpPrefix starts the name of an upload's temp folder in inbox/<agency>/.
const tmpPrefix = ".tmp-web-"

// upload takes one or several files from a multipart form, streaming: each
// is written to a private temp folder (never to a path the browser chose) and cut off as soon as it passes the ingest's size
// limit; checked with the code of `pantau validate`; then renamed into
// inbox/<agency>/ under a cleaned, unused name — as a dropped file, so the
// ingest job takes it from there.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	u := userOf(r)
	t := text(lang(w, r))
	maxFile := int64(s.cfg.Ingest.MaxFileMB) << 20
	maxFiles := s.cfg.Serve.MaxFiles
	r.Body = http.MaxBytesReader(w, r.Body, int64(maxFiles)*(maxFile+64<<10)+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		s.render(w, r, http.StatusBadRequest, "result", "result.title", page{Body: resultBody{Error: t.S("result.none")}})
		return
	}
	// The temp folder is in the agency's own inbox folder — the same file
	// system as the file's place, and a dot name, which ingest ignores.
	if err := os.MkdirAll(s.dir.InboxOf(u.Agency), 0o755); err != nil {
		s.internal(w, r, err)
		return
	}
	tmp, err := os.MkdirTemp(s.dir.InboxOf(u.Agency), tmpPrefix)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	defer os.RemoveAll(tmp)
	cfg := s.cfg.IngestConfig()
	ref := ingest.LoadReference(s.dir)
	var body resultBody
	status := http.StatusOK
	for n := 0; ; {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				body.Error = t.F("err.toolarge", maxFiles, s.cfg.Ingest.MaxFileMB)
				status = http.StatusRequestEntityTooLarge
			} else {
				body.Error = t.S("result.none")
				status = http.StatusBadRequest
			}
			break
		}
		if part.FormName() != "files" || part.FileName() == "" {
			part.Close()
			continue
		}
		if n++; n > maxFiles {
			part.Close()
			body.Error = t.F("err.toomany", maxFiles)
			status = http.StatusRequestEntityTooLarge
			break
		}
		res := s.takeFile(r, u, t, part, tmp, maxFile, cfg, ref)
		part.Close()
		if res.Error != "" && status == http.StatusOK {
			status = http.StatusUnprocessableEntity
		}
		body.Files = append(body.Files, res.fileResult)
		if errors.Is(res.err, errCutOff) {
			// The rest of the body is unread: stop here rather than read on.
			break
		}
	}
	if len(body.Files) == 0 && body.Error == "" {
		body.Error = t.S("result.none")
		status = http.StatusBadRequest
	}
	s.render(w, r, status, "result", "result.title", page{Body: body})
}

// errCutOff marks a file cut off at the size limit.
var errCutOff = errors.New("upload over the size limit")

// taken is a fileResult with the error that stopped it, if any.
type taken struct {
	fileResult
	err error
}

// takeFile streams one part to tmp, checks it and places it in the inbox.
func (s *Server) takeFile(r *http.Request, u who, t text, part *multipart.Part, tmp string, maxFile int64,
	cfg ingest.Config, ref *domain.Reference) taken {
	sent := part.FileName()
	res := taken{fileResult: fileResult{Name: sent}}
	name, ok := cleanName(sent)
	if !ok {
		res.Error = t.S("err.badname")
		s.event(r, u.Name, "upload", sent, "refused", "name")
		return res
	}
	dir, err := os.MkdirTemp(tmp, "f")
	if err != nil {
		res.Error, res.err = t.S("err.internal"), err
		return res
	}
	path := filepath.Join(dir, name)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		res.Error, res.err = t.S("err.internal"), err
		return res
	}
	n, err := io.Copy(f, io.LimitReader(part, maxFile+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			res.Error, res.err = t.F("err.filetoolarge", s.cfg.Ingest.MaxFileMB), errCutOff
		} else {
			res.Error, res.err = t.S("result.none"), err
		}
		s.event(r, u.Name, "upload", sent, "fail", err.Error())
		return res
	case n > maxFile:
		res.Error, res.err = t.F("err.filetoolarge", s.cfg.Ingest.MaxFileMB), errCutOff
		s.event(r, u.Name, "upload", sent, "refused", "over the size limit")
		return res
	}
	up := ingest.Check(path, u.Agency, cfg, ref)
	res.fill(t, up)
	if up.Agency != "" {
		if m, err := ingest.MonthDecision(s.dir, path, up, cfg); err == nil {
			res.Month = m
		}
	}
	if up.Record != nil {
		up.Record.Release()
	}
	placed, err := s.place(u.Agency, path, name)
	if err != nil {
		s.log.Error("upload not placed in the inbox", "agency", u.Agency, "file", name, "err", err)
		res.Error, res.err = t.S("err.internal"), err
		s.event(r, u.Name, "upload", sent, "fail", err.Error())
		return res
	}
	res.Placed = placed
	s.event(r, u.Name, "upload", placed, "ok", res.Status)
	return res
}

// fill copies what the check found.
func (res *taken) fill(t text, up *ingest.Upload) {
	st := up.Status
	if up.Err != nil {
		st = lake.Rejected
	}
	res.Status = statusKey(st)
	if up.Kind != "" {
		res.Kind = kindLabel(t, up.Kind)
	}
	if !up.Period.IsZero() {
		res.Period = domain.PeriodLabel(up.Period, t.lang())
	}
	res.Read, res.Accepted, res.Rejected = up.RowsRead, up.RowsAccepted, up.RowsRejected
	if up.Err != nil {
		res.Reason = up.Err.Message
	}
	res.Notes = up.Notes
	res.Problems = up.Problems
	if len(res.Problems) > shownProblems {
		res.More = len(res.Problems) - shownProblems
		res.Problems = res.Problems[:shownProblems]
	}
	res.Warnings = up.Warnings
}

// place renames the checked file into inbox/<agency>/ under name, or
// "name (2).xlsx" … when a file of that name is already waiting, and
// returns the name it got. The rename is atomic: the ingest sees the
// whole file or none.
func (s *Server) place(agency, path, name string) (string, error) {
	dir := s.dir.InboxOf(agency)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for i := 1; i < 1000; i++ {
		cand := name
		if i > 1 {
			cand = stem + " (" + strconv.Itoa(i) + ")" + ext
		}
		dst := filepath.Join(dir, cand)
		// Link, then remove: unlike rename, link never replaces a file
		// another upload placed there a moment ago.
		err := os.Link(path, dst)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil { // a file system without hard links: rename into a free name
			if _, serr := os.Lstat(dst); serr == nil {
				continue
			}
			return cand, os.Rename(path, dst)
		}
		return cand, os.Remove(path)
	}
	return "", errors.New("no free name in the inbox")
}

// cleanName is the name an uploaded file gets in the inbox: the last
// element of what the browser sent (either slash), without control
// characters or a leading dot, at most 120 characters, ending in .xlsx.
// The browser's name is only ever a name: it never becomes a path.
func cleanName(sent string) (string, bool) {
	if i := strings.LastIndexAny(sent, `/\`); i >= 0 {
		sent = sent[i+1:]
	}
	var b strings.Builder
	for _, c := range sent {
		if c == utf8.RuneError || unicode.IsControl(c) || strings.ContainsRune(`<>:"|?*`, c) {
			continue
		}
		b.WriteRune(c)
	}
	name := strings.TrimLeft(strings.TrimSpace(b.String()), ". ~$")
	if !strings.EqualFold(filepath.Ext(name), ".xlsx") || len(name) <= len(".xlsx") {
		return "", false
	}
	if r := []rune(name); len(r) > 120 {
		name = string(r[:115]) + ".xlsx"
	}
	return name, true
}

// sweepTemp removes upload temp folders older than an hour that a crash
// left in the inboxes (a running upload's is younger).
func (s *Server) sweepTemp() {
	dirs, _ := filepath.Glob(filepath.Join(s.dir.Inbox(), "*", tmpPrefix+"*"))
	for _, d := range dirs {
		if st, err := os.Lstat(d); err == nil && st.IsDir() && s.now().Sub(st.ModTime()) > time.Hour {
			if err := os.RemoveAll(d); err != nil {
				s.log.Warn("upload temp folder not removed", "path", d, "err", err)
			}
		}
	}
}
