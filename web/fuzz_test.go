package web

import (
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCleanName: whatever name a browser sends, the inbox name is one
// plain element — no separator, no "..", no leading dot, valid UTF-8, at
// most 120 characters — ending in .xlsx, or the file is refused.
func FuzzCleanName(f *testing.F) {
	for _, s := range []string{"pegawai 2026-10.xlsx", "../../state/ledger.json.xlsx", `..\..\x.xlsx`, ".xlsx", "a.XLSX",
		"/etc/passwd", "\x00.xlsx", "~$tmp.xlsx", strings.Repeat("é", 300) + ".xlsx", "a\nb.xlsx", "C:\\Users\\x\\data.xlsx"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sent string) {
		name, ok := cleanName(sent)
		if !ok {
			if name != "" {
				t.Fatalf("cleanName(%q) refused but named %q", sent, name)
			}
			return
		}
		if strings.ContainsAny(name, `/\`) || name == "." || name == ".." || strings.HasPrefix(name, ".") ||
			filepath.Base(name) != name || !utf8.ValidString(name) {
			t.Fatalf("cleanName(%q) = %q: not one plain file name", sent, name)
		}
		if !strings.EqualFold(filepath.Ext(name), ".xlsx") || utf8.RuneCountInString(name) > 120 {
			t.Fatalf("cleanName(%q) = %q: want .xlsx and at most 120 characters", sent, name)
		}
		for _, c := range name {
			if c < 0x20 || c == 0x7f {
				t.Fatalf("cleanName(%q) = %q keeps a control character", sent, name)
			}
		}
	})
}

// FuzzLocalNext: the page to come back to after login is always a path
// on this server, never another site.
func FuzzLocalNext(f *testing.F) {
	for _, s := range []string{"/agency", "//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:alert(1)",
		"/%2F%2Fevil.example", "", "agency", "/reports/2026-10/laporan-2026-10.html"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, next string) {
		got := localNext(next)
		if !strings.HasPrefix(got, "/") || strings.HasPrefix(got, "//") || strings.HasPrefix(got, "/\\") {
			t.Fatalf("localNext(%q) = %q: not a local path", next, got)
		}
		u, err := url.Parse(got)
		if err != nil || u.Host != "" || u.Scheme != "" {
			t.Fatalf("localNext(%q) = %q leaves the server (%v)", next, got, err)
		}
		// What a browser makes of the Location header stays on the server.
		base, _ := url.Parse("http://pantau.test/login")
		if r := base.ResolveReference(u); r.Host != "pantau.test" {
			t.Fatalf("localNext(%q) = %q resolves to host %q", next, got, r.Host)
		}
	})
}

// FuzzClientAddr: the throttled address is the peer's, or — only behind a
// loopback proxy — an IP the proxy appended; never arbitrary header text.
func FuzzClientAddr(f *testing.F) {
	f.Add("127.0.0.1:5000", "10.1.2.3")
	f.Add("127.0.0.1:5000", "1.1.1.1, 10.1.2.3")
	f.Add("203.0.113.9:443", "10.1.2.3")
	f.Add("[::1]:80", "garbage, <script>")
	f.Fuzz(func(t *testing.T, remote, xff string) {
		r := &http.Request{RemoteAddr: remote, Header: http.Header{"X-Forwarded-For": {xff}}}
		got := clientAddr(r)
		host := remote
		if h, _, err := splitHostPort(remote); err == nil {
			host = h
		}
		if got != host && !isIP(got) {
			t.Fatalf("clientAddr(%q, XFF %q) = %q: neither the peer nor an IP", remote, xff, got)
		}
		if got != host && !isLoopback(host) {
			t.Fatalf("clientAddr(%q, XFF %q) = %q: trusted a header from a peer that is no local proxy", remote, xff, got)
		}
	})
}

func splitHostPort(s string) (string, string, error) { return net.SplitHostPort(s) }

func isIP(s string) bool { return net.ParseIP(s) != nil }

func isLoopback(s string) bool { ip := net.ParseIP(s); return ip != nil && ip.IsLoopback() }
