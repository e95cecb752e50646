package web

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/pantau-asn/pantau/internal/auth"
	"github.com/pantau-asn/pantau/internal/config"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// sessionCookie and langCookie are the cookies the server sets.
const (
	sessionCookie = "pantau_session"
	langCookie    = "pantau_lang"
)

// Server serves one data directory. It holds no state of its own but the
// sessions (in memory) and the login throttles; accounts are in
// state/users.json, shared with `pantau user`.
type Server struct {
	dir      lake.Dir
	cfg      config.Config
	loc      *time.Location
	users    *auth.Store
	sessions *auth.Sessions
	byUser   *auth.Throttle // failed logins per account
	byAddr   *auth.Throttle // failed logins per client address
	audit    *auth.Audit
	log      *slog.Logger
	pages    map[string]*template.Template
	secure   bool // cookies Secure: public_url is https
	now      func() time.Time
	origin   *http.CrossOriginProtection // refuses cross-origin form posts

}

// Options are what New needs besides the data directory and its
// configuration.
type Options struct {
	Log *slog.Logger
	Now func() time.Time // nil: time.Now
}

// New opens the accounts and the audit log of dir and parses the pages.
func New(dir lake.Dir, cfg config.Config, opt Options) (*Server, error) {
	loc, err := cfg.Location()
	if err != nil {
		return nil, err
	}
	users, err := auth.OpenStore(filepath.Join(dir.State(), "users.json"))
	if err != nil {
		return nil, err
	}
	audit, err := auth.OpenAudit(filepath.Join(dir.State(), "audit.log"))
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir, cfg: cfg, loc: loc, users: users, audit: audit, log: opt.Log, now: opt.Now,
		sessions: auth.NewSessions(cfg.Serve.SessionLifetime()),
		byUser:   auth.NewThrottle(cfg.Serve.LoginAttempts, cfg.Serve.LoginWindow()),
		byAddr:   auth.NewThrottle(4*cfg.Serve.LoginAttempts, cfg.Serve.LoginWindow()),
		secure:   strings.HasPrefix(cfg.Serve.PublicURL, "https://"),
		origin:   http.NewCrossOriginProtection(),
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if u := strings.TrimSuffix(cfg.Serve.PublicURL, "/"); u != "" {
		if err := s.origin.AddTrustedOrigin(u); err != nil {
			return nil, fmt.Errorf("serve.public_url: %w", err)
		}
	}
	s.origin.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.event(r, "", "denied", r.URL.Path, "refused", "cross-origin request")
		s.fail(w, r, http.StatusForbidden, "err.crossorigin")
	}))
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	s.sweepTemp()
	return s, nil
}

// Close closes the audit log.
func (s *Server) Close() error { return s.audit.Close() }

// Handler is every page behind the security headers and the cross-origin
// check (a form posted from another site is refused before any handler).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("GET /login", s.loginPage)
	mux.HandleFunc("POST /login", s.login)
	mux.HandleFunc("POST /logout", s.logout)
	mux.HandleFunc("GET /password", s.require(s.passwordPage, anyRole...))
	mux.HandleFunc("POST /password", s.require(s.changePassword, anyRole...))

	mux.HandleFunc("GET /agency", s.require(s.agencyHome, auth.RoleAgency))
	mux.HandleFunc("POST /agency/upload", s.require(s.upload, auth.RoleAgency))
	mux.HandleFunc("GET /agency/history", s.require(s.history, auth.RoleAgency))
	mux.HandleFunc("GET /agency/receipt/{id}", s.require(s.receipt, auth.RoleAgency))
	mux.HandleFunc("GET /agency/templates", s.require(s.templates, auth.RoleAgency))
	mux.HandleFunc("GET /agency/template/{kind}", s.require(s.template, auth.RoleAgency))
	mux.HandleFunc("GET /agency/staff", s.require(s.staff, auth.RoleAgency))

	mux.HandleFunc("GET /reports/{path...}", s.require(s.reports, auth.RoleLeadership, auth.RoleOperator))
	mux.HandleFunc("GET /status", s.require(s.status, auth.RoleOperator))
	return s.headers(s.origin.Handler(mux))
}

// anyRole is every role: pages every account may open.
var anyRole = []auth.Role{auth.RoleAgency, auth.RoleLeadership, auth.RoleOperator}

// ListenAndServe serves on addr until ctx is cancelled, then shuts down,
// letting requests in flight finish for a few seconds.
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	hs := &http.Server{Addr: addr, Handler: s.Handler(), ReadHeaderTimeout: 20 * time.Second,
		IdleTimeout: 2 * time.Minute, ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelWarn)}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.log.Info("serving", "addr", ln.Addr().String(), "dir", s.dir.Root())
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// headers sets the security headers of every answer. The pages' CSP
// allows only the server's own script and stylesheet; a report page gets
// its own (reportCSP), allowing exactly its inline scripts.
func (s *Server) headers(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", pageCSP)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		if s.secure {
			hd.Set("Strict-Transport-Security", "max-age=31536000")
		}
		h.ServeHTTP(w, r)
	})
}

// pageCSP is the Content-Security-Policy of the server's own pages.
const pageCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// who is the account behind a request.
type who struct {
	auth.User
	session string
}

type whoKey struct{}

// require lets through a request with a live session of an enabled
// account of one of roles; an account that must change its password only
// reaches the password page. Without a session the answer is the login
// page (303, with the page asked for to come back to); with the wrong role
// it is 404, as for a page that does not exist.
func (s *Server) require(h http.HandlerFunc, roles ...auth.Role) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u, ok := s.current(r)
		if !ok {
			next := r.URL.Path
			if r.Method != http.MethodGet {
				next = "/"
			}
			http.Redirect(w, r, "/login?next="+url.QueryEscape(next), http.StatusSeeOther)
			return
		}
		if u.MustChange && r.URL.Path != "/password" {
			http.Redirect(w, r, "/password", http.StatusSeeOther)
			return
		}
		allowed := false
		for _, role := range roles {
			allowed = allowed || u.Role == role
		}
		if !allowed {
			s.event(r, u.Name, "denied", r.URL.Path, "refused", "role "+string(u.Role))
			s.notFound(w, r)
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), whoKey{}, u)))
	}
}

// current is the request's account: a session that is live, of an account
// that exists, is enabled and has not had its password set since the
// session began (an operator's reset or a change elsewhere ends it).
func (s *Server) current(r *http.Request) (who, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return who{}, false
	}
	name, created, ok := s.sessions.Lookup(c.Value, s.now())
	if !ok {
		return who{}, false
	}
	u, ok := s.users.Get(name)
	if !ok || u.Disabled || created.Before(u.Changed) {
		s.sessions.Delete(c.Value)
		return who{}, false
	}
	return who{User: u, session: c.Value}, true
}

// userOf is the account require put in the request.
func userOf(r *http.Request) who {
	u, _ := r.Context().Value(whoKey{}).(who)
	return u
}

// home sends each role to its first page.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	u, ok := s.current(r)
	switch {
	case !ok:
		http.Redirect(w, r, "/login", http.StatusSeeOther)
	case u.MustChange:
		http.Redirect(w, r, "/password", http.StatusSeeOther)
	case u.Role == auth.RoleAgency:
		http.Redirect(w, r, "/agency", http.StatusSeeOther)
	case u.Role == auth.RoleOperator:
		http.Redirect(w, r, "/status", http.StatusSeeOther)
	default:
		http.Redirect(w, r, "/reports/", http.StatusSeeOther)
	}
}

// clientAddr is the address a request came from: the peer, or — when the
// peer is a reverse proxy on this machine — the address the proxy appended
// to X-Forwarded-For, so that one bad client behind the proxy does not
// throttle everyone.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			if last := strings.TrimSpace(parts[len(parts)-1]); net.ParseIP(last) != nil {
				return last
			}
		}
	}
	return host
}

// event writes one line of the audit log; a failure to write it is logged.
func (s *Server) event(r *http.Request, user, action, target, outcome, detail string) {
	err := s.audit.Log(auth.Event{Time: s.now().UTC(), User: user, Addr: clientAddr(r), Action: action,
		Target: target, Outcome: outcome, Detail: detail})
	if err != nil {
		s.log.Error("audit log not written", "action", action, "user", user, "err", err)
	}
}

// period is the month being collected at now: the one before now's month.
func (s *Server) period() domain.Period {
	return domain.PeriodOf(s.now().In(s.loc)).Add(-1)
}
