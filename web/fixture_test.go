package web

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/auth"
	"github.com/pantau-asn/pantau/internal/config"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// testNow is the fixture's clock: 5 November 2026, 10:00 WIT, so the
// month being collected is October 2026.
var testNow = time.Date(2026, 11, 5, 10, 0, 0, 0, time.FixedZone("WIT", 9*3600))

// clock is a settable clock for the server under test.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// site is a server on a fresh data directory with one account per role
// (two agencies), each with its password already changed.
type site struct {
	t     *testing.T
	dir   lake.Dir
	srv   *Server
	ts    *httptest.Server
	clock *clock
	pw    map[string]string
}

// Accounts of the fixture.
const (
	ambon    = "ambon"    // agency kota-ambon
	aru      = "aru"      // agency kab-kepulauan-aru
	pimpinan = "pimpinan" // leadership
	operator = "operator" // operator
)

func newSite(t *testing.T) *site {
	t.Helper()
	dir := lake.Dir(t.TempDir())
	if err := dir.Init(); err != nil {
		t.Fatal(err)
	}
	ref := ingest.DefaultReference()
	ref.Agencies = []domain.Agency{
		{Code: "kota-ambon", Name: "Pemerintah Kota Ambon", District: "81.71", Expects: []domain.Kind{domain.Pegawai, domain.Kehadiran}},
		{Code: "kab-kepulauan-aru", Name: "Pemerintah Kab. Kepulauan Aru", District: "81.07", Expects: []domain.Kind{domain.Pegawai}},
	}
	var rb bytes.Buffer
	if err := ingest.WriteReference(&rb, ref); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir.Reference(), rb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.Serve.LoginAttempts = 3
	c := &clock{t: testNow}
	srv, err := New(dir, cfg, Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	s := &site{t: t, dir: dir, srv: srv, clock: c, pw: map[string]string{}}
	for _, a := range []struct {
		name   string
		role   auth.Role
		agency string
	}{{ambon, auth.RoleAgency, "kota-ambon"}, {aru, auth.RoleAgency, "kab-kepulauan-aru"},
		{pimpinan, auth.RoleLeadership, ""}, {operator, auth.RoleOperator, ""}} {
		first, err := srv.users.Add(a.name, a.role, a.agency, c.now())
		if err != nil {
			t.Fatal(err)
		}
		pw := "sandi-baru-" + a.name
		if err := srv.users.SetPassword(a.name, first, pw, c.now()); err != nil {
			t.Fatal(err)
		}
		s.pw[a.name] = pw
	}
	c.add(time.Second)
	s.ts = httptest.NewServer(srv.Handler())
	t.Cleanup(s.ts.Close)
	return s
}

// client is a browser without redirects followed, so tests see each 303.
func (s *site) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// login logs name in with its password and returns its browser.
func (s *site) login(name string) *http.Client {
	s.t.Helper()
	c := s.client()
	res := s.post(c, "/login", url.Values{"name": {name}, "password": {s.pw[name]}})
	if res.StatusCode != http.StatusSeeOther {
		s.t.Fatalf("login %s: %d %s", name, res.StatusCode, res.body)
	}
	return c
}

// response is a read answer.
type response struct {
	*http.Response
	body string
}

func (s *site) get(c *http.Client, path string) response {
	s.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.ts.URL+path, nil)
	return s.do(c, req)
}

// post sends a same-origin form (as a browser does: Sec-Fetch-Site).
func (s *site) post(c *http.Client, path string, form url.Values) response {
	s.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return s.do(c, req)
}

func (s *site) do(c *http.Client, req *http.Request) response {
	s.t.Helper()
	res, err := c.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{res, string(b)}
}

// uploadFiles posts files (name → content) to /agency/upload.
func (s *site) uploadFiles(c *http.Client, files map[string][]byte, names ...string) response {
	s.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, n := range names {
		fw, err := mw.CreateFormFile("files", n)
		if err != nil {
			s.t.Fatal(err)
		}
		fw.Write(files[n])
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, s.ts.URL+"/agency/upload", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return s.do(c, req)
}

// inbox lists the files placed in inbox/<agency>/ (temp folders excluded).
func (s *site) inbox(agency string) []string {
	es, _ := os.ReadDir(s.dir.InboxOf(agency))
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// rosterXLSX is a staff roster workbook of kota-ambon for October 2026:
// two good rows and, when bad, a third whose NIP has 17 digits (sheet
// row 4).
func rosterXLSX(t *testing.T, bad bool) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := "Data"
	f.SetSheetName("Sheet1", sh)
	rows := [][]any{
		{"NIP", "Nama", "Jenis ASN", "Jenis Kelamin", "Unit Kerja", "Kabupaten/Kota", "Jabatan", "Golongan", "Status"},
		{"198609262015051001", "Maria Latuconsina", "PNS", "P", "Disdukcapil", "Kota Ambon", "Analis", "III/b", "Aktif"},
		{"199001012019031002", "Johan Pattikawa", "PNS", "L", "Disdukcapil", "Kota Ambon", "Pengelola", "III/a", "Aktif"},
	}
	if bad {
		rows = append(rows, []any{"19900101201903100", "Salah Nip", "PNS", "L", "Bappeda", "Kota Ambon", "Staf", "II/c", "Aktif"})
	}
	text, _ := f.NewStyle(&excelize.Style{NumFmt: 49})
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	f.SetColStyle(sh, "A", text)
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// aruRosterXLSX is kab-kepulauan-aru's October 2026 roster: one person.
func aruRosterXLSX(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Data")
	text, _ := f.NewStyle(&excelize.Style{NumFmt: 49})
	f.SetColStyle("Data", "A", text)
	for i, r := range [][]any{
		{"NIP", "Nama", "Unit Kerja", "Kabupaten/Kota", "Status"},
		{"197703032003121004", "Yosef Ubro", "Dinas Kesehatan", "Kepulauan Aru", "Aktif"},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Data", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// writeFile writes rel under the data directory.
func (s *site) writeFile(rel, content string) {
	s.t.Helper()
	p := s.dir.Abs(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// addEntry records an upload of agency in the ledger, with a receipt file.
func (s *site) addEntry(id, agency string) {
	s.t.Helper()
	l, err := s.dir.LoadLedger()
	if err != nil {
		s.t.Fatal(err)
	}
	rel := filepath.Join("outbox", agency, "tanda-terima-"+id+".xlsx")
	s.writeFile(rel, "receipt of "+id)
	l.Add(lake.Entry{ID: id, Hash: id, Agency: agency, Kind: "pegawai", Period: "2026-10", File: id + ".xlsx",
		ReceivedAt: testNow, IngestedAt: testNow, Status: lake.Rejected, Receipt: rel, Seq: l.NextSeq()})
	if err := s.dir.SaveLedger(l); err != nil {
		s.t.Fatal(err)
	}
}
