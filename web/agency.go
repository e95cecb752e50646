package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/schedules"
)

// dueItem is one kind the agency owes for the month being collected.
type dueItem struct {
	Kind  string
	State string // text key "state.…"
	When  time.Time
	Files int
}

// agencyBody is the agency home page: what is due, and the upload form.
type agencyBody struct {
	AgencyName string
	Period     string
	Deadline   string
	Due        []dueItem
	MaxFiles   int
	MaxMB      int64
}

// agencyHome shows what the agency still owes for the month being
// collected and the upload form.
func (s *Server) agencyHome(w http.ResponseWriter, r *http.Request) {
	u := userOf(r)
	l := text(lang(w, r))
	ref := ingest.LoadReference(s.dir)
	ledger, err := s.dir.LoadLedger()
	if err != nil {
		s.internal(w, r, err)
		return
	}
	p := s.period()
	deadline := s.cfg.Report.Deadline(p)
	now := s.now()
	body := agencyBody{AgencyName: agencyName(ref, u.Agency), Period: domain.PeriodLabel(p, l.lang()),
		Deadline: deadline.In(s.loc).Format("02-01-2006"), MaxFiles: s.cfg.Serve.MaxFiles, MaxMB: int64(s.cfg.Ingest.MaxFileMB)}
	one := &domain.Reference{Agencies: nil}
	if a, ok := ref.Agency(u.Agency); ok {
		one.Agencies = []domain.Agency{a}
	}
	for _, x := range schedules.Completeness(ledger, one, p, deadline, now) {
		key := "state.diterima"
		switch x.State {
		case schedules.StateLate:
			key = "state.terlambat"
		case schedules.StateRejected:
			key = "state.ditolak"
		case schedules.StateMissing:
			key = "state.belum"
			if now.After(deadline) {
				key = "state.terlambat"
			}
		}
		body.Due = append(body.Due, dueItem{Kind: kindLabel(l, x.Kind), State: key, When: x.ReceivedAt, Files: x.Files})
	}
	s.render(w, r, http.StatusOK, "agency", "nav.agency", page{Body: body})
}

// lang is the page language of t.
func (t text) lang() string { return string(t) }

// kindLabel is an upload kind's name in the page's language.
func kindLabel(t text, k domain.Kind) string {
	if t == "en" {
		return map[domain.Kind]string{domain.Pegawai: "Staff roster", domain.Kehadiran: "Training attendance",
			domain.Evaluasi: "Performance evaluation", domain.Survei: "Satisfaction survey"}[k]
	}
	return k.Label()
}

// agencyName is the agency's name from the reference data, else its code.
func agencyName(ref *domain.Reference, code string) string {
	if a, ok := ref.Agency(code); ok && a.Name != "" {
		return a.Name
	}
	return code
}

// historyRow is one upload of the agency.
type historyRow struct {
	ID, File, Kind, Period, Status string
	ReceivedAt                     time.Time
	Read, Accepted, Rejected       int
	Receipt, Replaced              bool
}

// historyBody is the history page: files waiting, then every upload.
type historyBody struct {
	Waiting []string
	Rows    []historyRow
}

// history lists the agency's uploads, newest first, each with its
// receipt, and the files of its inbox folder that wait for the ingest.
func (s *Server) history(w http.ResponseWriter, r *http.Request) {
	u := userOf(r)
	l := text(lang(w, r))
	ledger, err := s.dir.LoadLedger()
	if err != nil {
		s.internal(w, r, err)
		return
	}
	var body historyBody
	if in, err := ingest.ScanInbox(s.dir, s.now(), s.cfg.Ingest.StableFor()); err == nil {
		for _, f := range append(append([]ingest.InboxFile(nil), in.Ready...), in.Pending...) {
			if f.Agency == u.Agency {
				body.Waiting = append(body.Waiting, f.Name)
			}
		}
	}
	for _, e := range ledger.Entries {
		if e.Agency != u.Agency {
			continue
		}
		body.Rows = append(body.Rows, historyRow{ID: e.ID, File: e.File, Kind: kindLabel(l, e.Kind), Period: e.Period,
			Status: statusKey(e.Status), ReceivedAt: e.ReceivedAt, Read: e.RowsRead, Accepted: e.RowsAccepted,
			Rejected: e.RowsRejected, Receipt: e.Receipt != "", Replaced: e.ReplacedBy != ""})
	}
	sort.SliceStable(body.Rows, func(i, j int) bool { return body.Rows[i].ReceivedAt.After(body.Rows[j].ReceivedAt) })
	s.render(w, r, http.StatusOK, "history", "history.title", page{Body: body})
}

// receipt sends one of the agency's receipts. The id is looked up in the
// ledger among the agency's own entries only; the file served is the path
// the ledger recorded, never one built from the URL.
func (s *Server) receipt(w http.ResponseWriter, r *http.Request) {
	u := userOf(r)
	ledger, err := s.dir.LoadLedger()
	if err != nil {
		s.internal(w, r, err)
		return
	}
	e, ok := ledger.Find(r.PathValue("id"))
	if !ok || e.Agency != u.Agency || e.Receipt == "" {
		s.event(r, u.Name, "download", "receipt "+r.PathValue("id"), "refused", "")
		s.notFound(w, r)
		return
	}
	s.sendFile(w, r, u, s.dir.Abs(e.Receipt), filepath.Base(e.Receipt), "receipt "+e.ID)
}

// templatesBody lists the agency's templates.
type templatesBody struct {
	Kinds []templateLink
}

// templateLink is one template to download.
type templateLink struct {
	Kind, Label string
}

// templates lists the templates of the kinds the agency sends.
func (s *Server) templates(w http.ResponseWriter, r *http.Request) {
	u := userOf(r)
	l := text(lang(w, r))
	var body templatesBody
	for _, k := range agencyKinds(ingest.LoadReference(s.dir), u.Agency) {
		body.Kinds = append(body.Kinds, templateLink{Kind: string(k), Label: kindLabel(l, k)})
	}
	s.render(w, r, http.StatusOK, "templates", "templates.title", page{Body: body})
}

// agencyKinds are the kinds agency must send, else every kind.
func agencyKinds(ref *domain.Reference, agency string) []domain.Kind {
	if a, ok := ref.Agency(agency); ok && len(a.Expects) > 0 {
		return a.Expects
	}
	return domain.Kinds
}

// template sends the agency's template of one kind: the copy ingest keeps
// in its outbox, else one written now for the agency.
func (s *Server) template(w http.ResponseWriter, r *http.Request) {
	u := userOf(r)
	k, err := domain.ParseKind(r.PathValue("kind"))
	if err != nil {
		s.notFound(w, r)
		return
	}
	path := filepath.Join(s.dir.TemplatesOf(u.Agency), ingest.TemplateName(k))
	if _, err := os.Stat(path); err == nil {
		s.sendFile(w, r, u, path, ingest.TemplateName(k), "template "+string(k))
		return
	}
	var b bytes.Buffer
	if err := ingest.WriteAgencyTemplate(&b, k, ingest.LoadReference(s.dir), u.Agency); err != nil {
		s.internal(w, r, err)
		return
	}
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", attachment(ingest.TemplateName(k)))
	s.event(r, u.Name, "download", "template "+string(k), "ok", "")
	_, _ = w.Write(b.Bytes())
}

// xlsxType is the content type of a workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// attachment is a Content-Disposition that downloads as name.
func attachment(name string) string {
	return fmt.Sprintf("attachment; filename*=UTF-8''%s", url.PathEscape(name))
}

// sendFile sends path as a download named name, and audits it.
func (s *Server) sendFile(w http.ResponseWriter, r *http.Request, u who, path, name, what string) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		s.notFound(w, r)
		return
	}
	if filepath.Ext(name) == ".xlsx" {
		w.Header().Set("Content-Type", xlsxType)
	}
	w.Header().Set("Content-Disposition", attachment(name))
	s.event(r, u.Name, "download", what, "ok", "")
	http.ServeContent(w, r, name, st.ModTime(), f)
}

// staffBody is the staff page: the agency's latest roster.
type staffBody struct {
	Period string
	Rows   []staffRow
}

// staffRow is one person of the roster.
type staffRow struct {
	NIP, Name, Type, Unit, Job, Status string
}

// staff shows the agency's own staff list: the rows of its current roster
// uploads of the latest month it sent one. It is the only page with names
// and NIPs, and it reads only the agency's own lake files.
func (s *Server) staff(w http.ResponseWriter, r *http.Request) {
	u := userOf(r)
	ledger, err := s.dir.LoadLedger()
	if err != nil {
		s.internal(w, r, err)
		return
	}
	var latest string
	var files []string
	for _, e := range ledger.Current(domain.Pegawai) {
		if e.Agency != u.Agency {
			continue
		}
		if e.Period > latest {
			latest, files = e.Period, nil
		}
		if e.Period == latest {
			files = append(files, e.LakeFile)
		}
	}
	body := staffBody{Period: latest}
	for _, rel := range files {
		rows, err := readRoster(r.Context(), s.dir.Abs(rel))
		if err != nil {
			s.internal(w, r, err)
			return
		}
		body.Rows = append(body.Rows, rows...)
	}
	sort.SliceStable(body.Rows, func(i, j int) bool { return body.Rows[i].Name < body.Rows[j].Name })
	s.event(r, u.Name, "view", "staff "+latest, "ok", "")
	s.render(w, r, http.StatusOK, "staff", "staff.title", page{Body: body})
}

// readRoster reads the staff rows of one roster lake file.
func readRoster(ctx context.Context, path string) ([]staffRow, error) {
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		return nil, err
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: 1 << 14}, memory.DefaultAllocator)
	if err != nil {
		return nil, err
	}
	tbl, err := fr.ReadTable(ctx)
	if err != nil {
		return nil, err
	}
	defer tbl.Release()
	sch := tbl.Schema()
	col := func(name string) []string {
		idx := sch.FieldIndices(name)
		if len(idx) == 0 {
			return nil
		}
		var out []string
		for _, ch := range tbl.Column(idx[0]).Data().Chunks() {
			a, ok := ch.(*array.String)
			if !ok {
				return nil
			}
			for i := 0; i < a.Len(); i++ {
				if a.IsNull(i) {
					out = append(out, "")
				} else {
					out = append(out, a.Value(i))
				}
			}
		}
		return out
	}
	nip, name, typ, unit, job, status := col("nip"), col("nama"), col("jenis_asn"), col("unit_kerja"), col("jabatan"), col("status")
	at := func(v []string, i int) string {
		if i < len(v) {
			return v[i]
		}
		return ""
	}
	rows := make([]staffRow, len(nip))
	for i := range nip {
		rows[i] = staffRow{NIP: nip[i], Name: at(name, i), Type: at(typ, i), Unit: at(unit, i), Job: at(job, i), Status: at(status, i)}
	}
	return rows, nil
}

// internal logs err and shows the server-error page.
func (s *Server) internal(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("request failed", "path", r.URL.Path, "err", err)
	s.fail(w, r, http.StatusInternalServerError, "err.internal")
}
