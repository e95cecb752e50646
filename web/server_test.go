package web

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pantau-asn/pantau/internal/config"
	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/schedules"
)

// reportPage is a report file with an inline script, as pantau report
// writes them.
const reportPage = "<!doctype html><html><head><style>b{color:red}</style></head><body><b>Laporan</b>" +
	"<script>var chart = 1;</script></body></html>"

// TestRolePages opens every page as nobody and as each role: nobody is
// sent to the login page (coming back to the page asked for), a role the
// page is not for gets 404 — the same as a page that does not exist — and
// the page's own roles get it.
func TestRolePages(t *testing.T) {
	s := newSite(t)
	s.writeFile("reports/index.html", "<html>indeks</html>")
	s.writeFile("reports/2026-10/laporan-2026-10.html", reportPage)
	s.writeFile("reports/2026-10/data/coverage_agency.csv", "agency_code\nkota-ambon\n")
	pages := []struct {
		path  string
		roles []string // who gets 200
	}{
		{"/agency", []string{ambon, aru}},
		{"/agency/history", []string{ambon, aru}},
		{"/agency/templates", []string{ambon, aru}},
		{"/agency/template/pegawai", []string{ambon, aru}},
		{"/agency/staff", []string{ambon, aru}},
		{"/reports/", []string{pimpinan, operator}},
		{"/reports/2026-10/laporan-2026-10.html", []string{pimpinan, operator}},
		{"/reports/2026-10/data/coverage_agency.csv", []string{pimpinan, operator}},
		{"/status", []string{operator}},
		{"/password", []string{ambon, aru, pimpinan, operator}},
	}
	clients := map[string]*http.Client{}
	for _, n := range []string{ambon, aru, pimpinan, operator} {
		clients[n] = s.login(n)
	}
	for _, p := range pages {
		res := s.get(s.client(), p.path)
		if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != "/login?next="+url.QueryEscape(p.path) {
			t.Errorf("nobody GET %s = %d, Location %q; want 303 to the login page", p.path, res.StatusCode, loc)
		}
		for _, n := range []string{ambon, aru, pimpinan, operator} {
			want := http.StatusNotFound
			for _, r := range p.roles {
				if r == n {
					want = http.StatusOK
				}
			}
			if res := s.get(clients[n], p.path); res.StatusCode != want {
				t.Errorf("%s GET %s = %d; want %d", n, p.path, res.StatusCode, want)
			}
		}
	}
	// The one form of the agency pages: other roles get 404 and keep nothing.
	files := map[string][]byte{"pegawai 2026-10.xlsx": rosterXLSX(t, false)}
	for _, n := range []string{pimpinan, operator} {
		if res := s.uploadFiles(clients[n], files, "pegawai 2026-10.xlsx"); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s POST /agency/upload = %d; want 404", n, res.StatusCode)
		}
	}
	if res := s.uploadFiles(s.client(), files, "pegawai 2026-10.xlsx"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("nobody POST /agency/upload = %d; want 303 to the login page", res.StatusCode)
	}
	if got, _ := filepath.Glob(s.dir.Abs("inbox/*/*.xlsx")); len(got) != 0 {
		t.Errorf("uploads kept from accounts that may not upload: %q", got)
	}
	// The home page sends each role to its first page.
	for n, want := range map[string]string{ambon: "/agency", pimpinan: "/reports/", operator: "/status"} {
		if res := s.get(clients[n], "/"); res.Header.Get("Location") != want {
			t.Errorf("%s GET / → %q; want %q", n, res.Header.Get("Location"), want)
		}
	}
	// The operator page is what pantau status prints.
	if res := s.get(clients[operator], "/status"); !strings.Contains(res.body, "Berkas menunggu di inbox") {
		t.Errorf("status page lacks the status text:\n%s", res.body)
	}
}

// TestReportFilesOnlyWhatReportWrites: under /reports/ only the report's
// own files are served; other names, traversal and symlinks are 404, and a
// report page's CSP allows exactly its inline script by hash.
func TestReportFilesOnlyWhatReportWrites(t *testing.T) {
	s := newSite(t)
	s.writeFile("reports/2026-10/laporan-2026-10.html", reportPage)
	s.writeFile("reports/2026-10/secret.txt", "no")
	s.writeFile("outbox/kota-ambon/daftar.xlsx", "names")
	if err := os.Symlink(s.dir.Abs("outbox/kota-ambon/daftar.xlsx"), s.dir.Abs("reports/2026-10/ringkasan-2026-10.xlsx")); err != nil {
		t.Fatal(err)
	}
	c := s.login(pimpinan)
	for _, p := range []string{"/reports/2026-10/secret.txt", "/reports/2026-10/ringkasan-2026-10.xlsx",
		"/reports/../outbox/kota-ambon/daftar.xlsx", "/reports/2026-10/laporan-2026-09.html", "/reports/%2e%2e/state/ledger.json",
		"/reports/2026-10/data/../../../state/ledger.json"} {
		res := s.get(c, p)
		if res.StatusCode == http.StatusTemporaryRedirect || res.StatusCode == http.StatusMovedPermanently {
			// The mux cleans ".." by redirecting; the clean path must be 404 too.
			res = s.get(c, res.Header.Get("Location"))
		}
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d; want 404", p, res.StatusCode)
		}
	}
	res := s.get(c, "/reports/2026-10/laporan-2026-10.html")
	if res.StatusCode != http.StatusOK || res.body != reportPage {
		t.Fatalf("report = %d %q; want the file byte for byte", res.StatusCode, res.body)
	}
	sum := sha256.Sum256([]byte("var chart = 1;"))
	want := "script-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "';"
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, want) || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("report CSP = %q; want %q and frame-ancestors 'none'", csp, want)
	}
}

// TestSecurityHeaders: every page carries the CSP (own script and style
// only), nosniff, no framing; the session cookie is HttpOnly, SameSite.
func TestSecurityHeaders(t *testing.T) {
	s := newSite(t)
	res := s.get(s.client(), "/login")
	for h, want := range map[string]string{"Content-Security-Policy": pageCSP, "X-Content-Type-Options": "nosniff",
		"X-Frame-Options": "DENY"} {
		if got := res.Header.Get(h); got != want {
			t.Errorf("%s = %q; want %q", h, got, want)
		}
	}
	if !strings.Contains(pageCSP, "frame-ancestors 'none'") || strings.Contains(pageCSP, "unsafe") {
		t.Errorf("page CSP %q: want frame-ancestors 'none' and nothing unsafe", pageCSP)
	}
	c := s.client()
	res = s.post(c, "/login", url.Values{"name": {ambon}, "password": {s.pw[ambon]}})
	ck := res.Cookies()
	if len(ck) != 1 || ck[0].Name != sessionCookie || !ck[0].HttpOnly || ck[0].SameSite != http.SameSiteLaxMode || len(ck[0].Value) < 20 {
		t.Errorf("session cookie = %+v; want one HttpOnly SameSite=Lax random id", ck)
	}
}

// TestAgencySeesOnlyItsOwn: with two agencies, neither reaches the
// other's receipt by id, by a path, or in its history; an upload lands in
// the uploader's own inbox folder only.
func TestAgencySeesOnlyItsOwn(t *testing.T) {
	s := newSite(t)
	s.addEntry("u-ambon-1", "kota-ambon")
	s.addEntry("u-aru-1", "kab-kepulauan-aru")
	c := s.login(ambon)
	if res := s.get(c, "/agency/receipt/u-ambon-1"); res.StatusCode != http.StatusOK || res.body != "receipt of u-ambon-1" {
		t.Errorf("own receipt = %d %q", res.StatusCode, res.body)
	}
	for _, p := range []string{"/agency/receipt/u-aru-1", "/agency/receipt/..%2F..%2Foutbox%2Fkab-kepulauan-aru%2Ftanda-terima-u-aru-1.xlsx",
		"/agency/receipt/nope", "/agency/template/..%2F..%2Fstate%2Fledger.json"} {
		if res := s.get(c, p); res.StatusCode != http.StatusNotFound {
			t.Errorf("ambon GET %s = %d; want 404", p, res.StatusCode)
		}
	}
	h := s.get(c, "/agency/history")
	if !strings.Contains(h.body, "u-ambon-1.xlsx") || strings.Contains(h.body, "u-aru-1") {
		t.Errorf("ambon's history: want its own upload only:\n%s", h.body)
	}
	res := s.uploadFiles(c, map[string][]byte{"pegawai 2026-10.xlsx": rosterXLSX(t, false)}, "pegawai 2026-10.xlsx")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("upload = %d\n%s", res.StatusCode, res.body)
	}
	if got := s.inbox("kota-ambon"); len(got) != 1 || got[0] != "pegawai 2026-10.xlsx" {
		t.Errorf("inbox/kota-ambon = %q; want the upload", got)
	}
	if got := s.inbox("kab-kepulauan-aru"); len(got) != 0 {
		t.Errorf("inbox/kab-kepulauan-aru = %q; want nothing", got)
	}
	// Both agencies' rosters in the lake: each staff page lists its own.
	cu := s.login(aru)
	if res := s.uploadFiles(cu, map[string][]byte{"pegawai 2026-10.xlsx": aruRosterXLSX(t)}, "pegawai 2026-10.xlsx"); res.StatusCode != http.StatusOK {
		t.Fatalf("aru upload = %d\n%s", res.StatusCode, res.body)
	}
	if _, err := schedules.RealPipeline().Ingest(context.Background(), s.dir, s.srv.cfg, time.Now().Add(time.Hour),
		slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	mine, theirs := s.get(c, "/agency/staff").body, s.get(cu, "/agency/staff").body
	if !strings.Contains(mine, "198609262015051001") || strings.Contains(mine, "197703032003121004") {
		t.Errorf("ambon's staff page: want its NIP 198609262015051001 and not aru's:\n%s", mine)
	}
	if !strings.Contains(theirs, "197703032003121004") || strings.Contains(theirs, "198609262015051001") {
		t.Errorf("aru's staff page: want its NIP 197703032003121004 and not ambon's:\n%s", theirs)
	}
}

// TestUploadShowsTheReceipt: a roster with one bad row is checked at once;
// the page says what its receipt will — partly accepted, 3 read, 2
// accepted, the bad row 4 and its NIP message, what it does to the month
// — and the file waits in the inbox under its own name; a second file of
// the same name gets "(2)".
func TestUploadShowsTheReceipt(t *testing.T) {
	s := newSite(t)
	c := s.login(ambon)
	files := map[string][]byte{"pegawai 2026-10.xlsx": rosterXLSX(t, true)}
	res := s.uploadFiles(c, files, "pegawai 2026-10.xlsx")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("upload = %d\n%s", res.StatusCode, res.body)
	}
	for _, want := range []string{"diterima sebagian", "3 dibaca, 2 diterima, 1 ditolak", `data-label="Baris">4</td>`, "19900101201903100",
		"NIP", "Oktober 2026", "pegawai 2026-10.xlsx"} {
		if !strings.Contains(res.body, want) {
			t.Errorf("result page lacks %q:\n%s", want, res.body)
		}
	}
	res = s.uploadFiles(c, files, "pegawai 2026-10.xlsx")
	if got := s.inbox("kota-ambon"); len(got) != 2 || got[0] != "pegawai 2026-10 (2).xlsx" || got[1] != "pegawai 2026-10.xlsx" {
		t.Errorf("inbox after two uploads = %q; want both, the second as (2)", got)
	}
	if !strings.Contains(res.body, "pegawai 2026-10 (2).xlsx") {
		t.Errorf("second result page does not name its inbox file")
	}
}

// TestUploadNameIsNeverAPath: names that try to leave the agency folder
// are cut to their last element; anything but .xlsx is refused; nothing
// is written outside inbox/kota-ambon/.
func TestUploadNameIsNeverAPath(t *testing.T) {
	s := newSite(t)
	c := s.login(ambon)
	good := rosterXLSX(t, false)
	names := []string{"../../state/ledger.json.xlsx", `..\..\kab-kepulauan-aru\x.xlsx`, "../../../etc/passwd", ".hidden.xlsx", "/abs/evil.xlsx"}
	files := map[string][]byte{}
	for _, n := range names {
		files[n] = good
	}
	res := s.uploadFiles(c, files, names...)
	got := s.inbox("kota-ambon")
	want := []string{"evil.xlsx", "hidden.xlsx", "ledger.json.xlsx", "x.xlsx"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("inbox/kota-ambon = %q; want %q", got, want)
	}
	if !strings.Contains(res.body, "harus berakhiran .xlsx") {
		t.Errorf("the passwd upload is not refused on the page:\n%s", res.body)
	}
	for _, p := range []string{"state/ledger.json.xlsx", "inbox/kab-kepulauan-aru/x.xlsx", "etc/passwd"} {
		if _, err := os.Stat(s.dir.Abs(p)); err == nil {
			t.Errorf("%s written", p)
		}
	}
}

// countingReader yields n bytes of a zip-looking stream and counts what
// was read from it.
type countingReader struct {
	n, read atomic.Int64
}

func (r *countingReader) Read(p []byte) (int, error) {
	left := r.n.Load() - r.read.Load()
	if left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > left {
		p = p[:left]
	}
	for i := range p {
		p[i] = 'x'
	}
	r.read.Add(int64(len(p)))
	return len(p), nil
}

// TestUploadOverLimitCutOff: a 64 MB file against a 1 MB limit is cut off
// while streaming — the server stops reading after about the limit, keeps
// nothing and says why.
func TestUploadOverLimitCutOff(t *testing.T) {
	s := newSite(t)
	s.srv.cfg.Ingest.MaxFileMB = 1
	s.srv.cfg.Serve.MaxFiles = 1
	c := s.login(ambon)
	body := &countingReader{}
	body.n.Store(64 << 20)
	head := "--B\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n"
	pr, pw := io.Pipe()
	go func() {
		pw.Write([]byte(head))
		io.Copy(pw, body)
		pw.Write([]byte("\r\n--B--\r\n"))
		pw.Close()
	}()
	req, _ := http.NewRequest(http.MethodPost, s.ts.URL+"/agency/upload", pr)
	req.Header.Set("Content-Type", "multipart/form-data; boundary=B")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := c.Do(req)
	if err == nil {
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusUnprocessableEntity && res.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("over-limit upload = %d; want 422 or 413", res.StatusCode)
		}
		if !strings.Contains(string(b), "lebih besar dari 1 MB") && !strings.Contains(string(b), "terlalu besar") {
			t.Errorf("over-limit page does not say why:\n%s", b)
		}
	} // else the server closed the connection after answering: also a cut-off
	time.Sleep(100 * time.Millisecond)
	if read := body.read.Load(); read > 8<<20 {
		t.Errorf("server read %d MB of a 64 MB over-limit upload; want it cut off near 1 MB", read>>20)
	}
	if got := s.inbox("kota-ambon"); len(got) != 0 {
		t.Errorf("inbox = %q; want nothing kept", got)
	}
}

// TestCrossOriginPostRefused: a form posted from another site — login or
// upload, with a valid session cookie — is refused with 403 before any
// handler runs.
func TestCrossOriginPostRefused(t *testing.T) {
	s := newSite(t)
	c := s.login(ambon)
	for _, path := range []string{"/login", "/agency/upload", "/logout", "/password"} {
		req, _ := http.NewRequest(http.MethodPost, s.ts.URL+path, strings.NewReader("name=ambon&password=x"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		req.Header.Set("Origin", "https://evil.example")
		if res := s.do(c, req); res.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site POST %s = %d; want 403", path, res.StatusCode)
		}
		req, _ = http.NewRequest(http.MethodPost, s.ts.URL+path, strings.NewReader("x=1"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "https://evil.example") // an older browser: Origin only
		if res := s.do(c, req); res.StatusCode != http.StatusForbidden {
			t.Errorf("cross-origin (Origin only) POST %s = %d; want 403", path, res.StatusCode)
		}
	}
	if res := s.get(c, "/agency"); res.StatusCode != http.StatusOK {
		t.Errorf("the session survived? GET /agency = %d; want 200 (logout was refused)", res.StatusCode)
	}
}

// TestLoginThrottled: after login_attempts (3) failures an account waits
// the window even with the right password; an address that fails 4× that
// over many names waits too; the window passing lets them in.
func TestLoginThrottled(t *testing.T) {
	s := newSite(t)
	bad := url.Values{"name": {ambon}, "password": {"salah"}}
	for i := 0; i < 3; i++ {
		if res := s.post(s.client(), "/login", bad); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d = %d; want 401", i+1, res.StatusCode)
		}
	}
	right := url.Values{"name": {ambon}, "password": {s.pw[ambon]}}
	res := s.post(s.client(), "/login", right)
	if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(res.body, "Terlalu banyak percobaan") {
		t.Errorf("right password after 3 failures = %d; want 429 and the wait", res.StatusCode)
	}
	s.clock.add(16 * time.Minute)
	if res := s.post(s.client(), "/login", right); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after the window = %d; want 303 (logged in)", res.StatusCode)
	}
	// One address guessing many names.
	for i := 0; i < 12; i++ {
		s.post(s.client(), "/login", url.Values{"name": {"tebak" + string(rune('a'+i))}, "password": {"x"}})
	}
	if res := s.post(s.client(), "/login", url.Values{"name": {aru}, "password": {s.pw[aru]}}); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("login from an address with 12 failures = %d; want 429", res.StatusCode)
	}
}

// TestSessionEnds: a session is refused after logout, after the account
// is disabled, after its password is reset by the operator, and after its
// lifetime.
func TestSessionEnds(t *testing.T) {
	s := newSite(t)
	gone := func(name string, c *http.Client) {
		t.Helper()
		if res := s.get(c, "/agency"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("%s: GET /agency = %d → %q; want the login page", name, res.StatusCode, res.Header.Get("Location"))
		}
	}
	c := s.login(ambon)
	cookie := c.Jar.Cookies(mustURL(s.ts.URL))
	s.post(c, "/logout", nil)
	old := s.client()
	old.Jar.SetCookies(mustURL(s.ts.URL), cookie)
	gone("after logout (the old cookie)", old)

	c = s.login(ambon)
	if err := s.srv.users.Disable(ambon, s.clock.now()); err != nil {
		t.Fatal(err)
	}
	gone("after disable", c)

	c = s.login(aru)
	s.clock.add(time.Second)
	if _, err := s.srv.users.Reset(aru, s.clock.now()); err != nil {
		t.Fatal(err)
	}
	s.clock.add(time.Second)
	gone("after reset", c)

	c = s.login(pimpinan)
	s.clock.add(13 * time.Hour)
	if res := s.get(c, "/reports/"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after the 12-hour lifetime: GET /reports/ = %d; want 303 to login", res.StatusCode)
	}
}

// TestFirstPasswordMustChange: an account with its one-time password
// reaches only the password page until it sets its own.
func TestFirstPasswordMustChange(t *testing.T) {
	s := newSite(t)
	first, err := s.srv.users.Add("baru", "agency", "kota-ambon", s.clock.now())
	if err != nil {
		t.Fatal(err)
	}
	s.clock.add(time.Second)
	c := s.client()
	res := s.post(c, "/login", url.Values{"name": {"baru"}, "password": {first}})
	if res.Header.Get("Location") != "/password" {
		t.Fatalf("first login → %q; want /password", res.Header.Get("Location"))
	}
	if res := s.get(c, "/agency"); res.Header.Get("Location") != "/password" {
		t.Errorf("GET /agency with a one-time password → %q; want /password", res.Header.Get("Location"))
	}
	res = s.post(c, "/password", url.Values{"old": {first}, "new": {"rahasia-panjang-1"}, "again": {"rahasia-panjang-1"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change password = %d %s", res.StatusCode, res.body)
	}
	if res := s.get(c, "/agency"); res.StatusCode != http.StatusOK {
		t.Errorf("GET /agency after the change = %d; want 200", res.StatusCode)
	}
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

var (
	_ = filepath.Join
	_ = config.Default
	_ = lake.Accepted
)

// TestAuditLog: logins (ok and failed), an upload, a download, a refused
// page and a logout are each one JSON line of state/audit.log naming who,
// from where and what.
func TestAuditLog(t *testing.T) {
	s := newSite(t)
	s.addEntry("u-ambon-1", "kota-ambon")
	s.post(s.client(), "/login", url.Values{"name": {ambon}, "password": {"salah"}})
	c := s.login(ambon)
	s.uploadFiles(c, map[string][]byte{"pegawai 2026-10.xlsx": rosterXLSX(t, false)}, "pegawai 2026-10.xlsx")
	s.get(c, "/agency/receipt/u-ambon-1")
	s.get(c, "/status")
	s.post(c, "/logout", nil)
	b, err := os.ReadFile(filepath.Join(s.dir.State(), "audit.log"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var e struct{ User, Addr, Action, Target, Outcome string }
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("audit line %q: %v", line, err)
		}
		if e.Addr != "127.0.0.1" {
			t.Errorf("audit line %q: addr %q; want 127.0.0.1", line, e.Addr)
		}
		got = append(got, e.User+" "+e.Action+" "+e.Target+" "+e.Outcome)
	}
	want := []string{
		"ambon login  fail",
		"ambon login  ok",
		"ambon upload pegawai 2026-10.xlsx ok",
		"ambon download receipt u-ambon-1 ok",
		"ambon denied /status refused",
		"ambon logout  ok",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("audit log:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if st, err := os.Stat(filepath.Join(s.dir.State(), "audit.log")); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("audit.log mode = %v, %v; want 0600", st.Mode().Perm(), err)
	}
}

// TestEnglishPages: ?lang=en switches the page language and a cookie keeps
// it for the next page.
func TestEnglishPages(t *testing.T) {
	s := newSite(t)
	c := s.client()
	if res := s.get(c, "/login?lang=en"); !strings.Contains(res.body, "Account name") || !strings.Contains(res.body, `lang="en"`) {
		t.Errorf("login?lang=en is not in English:\n%s", res.body)
	}
	res := s.post(c, "/login", url.Values{"name": {ambon}, "password": {s.pw[ambon]}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", res.StatusCode)
	}
	if res := s.get(c, "/agency"); !strings.Contains(res.body, "Upload files") || !strings.Contains(res.body, "Staff roster") {
		t.Errorf("the agency page after ?lang=en is not in English:\n%s", res.body)
	}
	if res := s.get(s.login(aru), "/agency"); !strings.Contains(res.body, "Unggah berkas") {
		t.Errorf("without ?lang the page is not Indonesian")
	}
}

// TestSecureBehindTLS: with an https public_url the session cookie is
// Secure and HSTS is sent; a form from the public origin is accepted.
func TestSecureBehindTLS(t *testing.T) {
	s := newSite(t)
	cfg := s.srv.cfg
	cfg.Serve.PublicURL = "https://pantau.example.go.id"
	srv, err := New(s.dir, cfg, Options{Now: s.clock.now})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/login", strings.NewReader(url.Values{"name": {ambon}, "password": {s.pw[ambon]}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://pantau.example.go.id") // through the proxy: the public origin
	res := s.do(s.client(), req)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login from the public origin = %d; want 303", res.StatusCode)
	}
	ck := res.Cookies()
	if len(ck) != 1 || !ck[0].Secure || !ck[0].HttpOnly {
		t.Errorf("session cookie behind TLS = %+v; want Secure and HttpOnly", ck)
	}
	if h := res.Header.Get("Strict-Transport-Security"); h == "" {
		t.Errorf("no HSTS header behind TLS")
	}
}
