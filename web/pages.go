package web

import (
	"bytes"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/auth"
	"github.com/pantau-asn/pantau/internal/domain"
)

// pageNames are the page templates; each defines "content" inside
// base.html.
var pageNames = []string{"login", "password", "agency", "result", "history", "templates", "staff", "status", "error"}

// parsePages parses every page with the layout.
func parsePages() (map[string]*template.Template, error) {
	out := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New("base.html").Funcs(template.FuncMap{
			"stamp":  func(t time.Time) string { return t.In(domain.WIT).Format("02-01-2006 15.04") },
			"rowsOf": func(t text, rows []*ingest.RowError) rowTable { return rowTable{T: t, Rows: rows} },
		}).ParseFS(templateFS, "templates/base.html", "templates/"+name+".html")
		if err != nil {
			return nil, err
		}
		out[name] = t
	}
	return out, nil
}

// rowTable is a table of row problems or warnings on the result page.
type rowTable struct {
	T    text
	Rows []*ingest.RowError
}

// page is what the layout shows around a page's own content.
type page struct {
	T     text
	Lang  string
	Title string
	User  *who
	Nav   []navItem
	Path  string // the page's path, for the language link
	Error string
	Note  string
	Body  any
}

// navItem is one link of the page's menu.
type navItem struct {
	Href, Label string
	Here        bool
}

// render writes page name with status; the page is built in memory
// first, so a template error is a clean 500, never half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, titleKey string, p page) {
	l := lang(w, r)
	p.T, p.Lang, p.Title, p.Path = text(l), l, text(l).S(titleKey), r.URL.Path
	if u, ok := r.Context().Value(whoKey{}).(who); ok {
		p.User = &u
		if !u.MustChange { // until the password is changed only its page opens
			p.Nav = navFor(p.T, u.Role, r.URL.Path)
		}
	}
	var b bytes.Buffer
	if err := s.pages[name].Execute(&b, p); err != nil {
		s.log.Error("page not rendered", "page", name, "err", err)
		http.Error(w, text(l).S("err.internal"), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

// navFor is the menu of role.
func navFor(t text, role auth.Role, here string) []navItem {
	var items []navItem
	add := func(href, key string) {
		items = append(items, navItem{Href: href, Label: t.S(key), Here: here == href})
	}
	switch role {
	case auth.RoleAgency:
		add("/agency", "nav.agency")
		add("/agency/history", "nav.history")
		add("/agency/templates", "nav.templates")
		add("/agency/staff", "nav.staff")
	case auth.RoleOperator:
		add("/status", "nav.status")
		add("/reports/", "nav.reports")
	case auth.RoleLeadership:
		add("/reports/", "nav.reports")
	}
	return items
}

// notFound is the answer to what does not exist and to what is not the
// caller's: the same page, so that the two cannot be told apart.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, http.StatusNotFound, "err.notfound")
}

// fail shows a short error page.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, key string, args ...any) {
	l := text(lang(w, r))
	s.render(w, r, status, "error", "app", page{Error: l.F(key, args...)})
}

// loginPage shows the login form.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.current(r); ok {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login", "login.title", page{Body: localNext(r.URL.Query().Get("next"))})
}

// login checks a name and password. Failures are counted per account and
// per address; past the limit even a right password waits for the window
// to pass, so guessing costs hours, not seconds.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	name := strings.ToLower(strings.TrimSpace(r.PostFormValue("name")))
	password := r.PostFormValue("password")
	next := localNext(r.PostFormValue("next"))
	now := s.now()
	addr := clientAddr(r)
	okUser, waitUser := s.byUser.Allowed("user:"+name, now)
	okAddr, waitAddr := s.byAddr.Allowed("addr:"+addr, now)
	t := text(lang(w, r))
	if !okUser || !okAddr {
		wait := max(waitUser, waitAddr)
		s.event(r, name, "login", "", "throttled", "")
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		s.render(w, r, http.StatusTooManyRequests, "login", "login.title",
			page{Error: t.F("login.throttled", int(wait.Minutes())+1), Body: next})
		return
	}
	u, err := s.users.Authenticate(name, password)
	if err != nil {
		msg := "login.bad"
		if errors.Is(err, auth.ErrDisabled) {
			msg = "login.disabled"
		}
		s.byUser.Fail("user:"+name, now)
		s.byAddr.Fail("addr:"+addr, now)
		s.event(r, name, "login", "", "fail", err.Error())
		s.render(w, r, http.StatusUnauthorized, "login", "login.title", page{Error: t.S(msg), Body: next})
		return
	}
	s.byUser.Reset("user:" + name)
	s.startSession(w, u.Name)
	s.event(r, u.Name, "login", "", "ok", "")
	if u.MustChange {
		next = "/password"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// startSession gives the browser a new session cookie for user.
func (s *Server) startSession(w http.ResponseWriter, user string) {
	id := s.sessions.Create(user, s.now())
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: id, Path: "/", HttpOnly: true, Secure: s.secure,
		SameSite: http.SameSiteLaxMode, MaxAge: int(s.cfg.Serve.SessionLifetime().Seconds())})
}

// localNext keeps a "come back to" path only when it is a path on this
// server ("/x", never "//host" or "https://…").
func localNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return "/"
	}
	return next
}

// logout ends the session.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if u, ok := s.current(r); ok {
		s.sessions.Delete(u.session)
		s.event(r, u.Name, "logout", "", "ok", "")
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.secure, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// passwordPage shows the change-password form.
func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "password", "password.title", page{})
}

// changePassword sets a new password; the account's other sessions end
// (their start is before the change) and this browser gets a new one.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	u := userOf(r)
	t := text(lang(w, r))
	old, nw, again := r.PostFormValue("old"), r.PostFormValue("new"), r.PostFormValue("again")
	if nw != again {
		s.render(w, r, http.StatusBadRequest, "password", "password.title", page{Error: t.S("password.mismatch")})
		return
	}
	now := s.now()
	if ok, wait := s.byUser.Allowed("user:"+u.Name, now); !ok {
		s.render(w, r, http.StatusTooManyRequests, "password", "password.title",
			page{Error: t.F("login.throttled", int(wait.Minutes())+1)})
		return
	}
	err := s.users.SetPassword(u.Name, old, nw, now)
	switch {
	case errors.Is(err, auth.ErrWeakPassword):
		s.render(w, r, http.StatusBadRequest, "password", "password.title", page{Error: t.S("password.weak")})
		return
	case errors.Is(err, auth.ErrBadLogin):
		s.byUser.Fail("user:"+u.Name, now)
		s.event(r, u.Name, "password", "", "fail", "wrong current password")
		s.render(w, r, http.StatusBadRequest, "password", "password.title", page{Error: t.S("password.wrong")})
		return
	case err != nil:
		s.log.Error("password not changed", "user", u.Name, "err", err)
		s.fail(w, r, http.StatusInternalServerError, "err.internal")
		return
	}
	s.sessions.DeleteUser(u.Name)
	// The new session must start after the change, or current() voids it.
	s.startSession(w, u.Name)
	s.event(r, u.Name, "password", "", "ok", "")
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
