package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/schedules"
)

// reportFile is what under reports/ a leader may open: the index and,
// per month, the report, its PDF, the planners' workbook and the metric
// tables (aggregates: no person is in any of them). Anything else —
// another name, a subfolder, a symlink — is 404.
var reportFile = regexp.MustCompile(`^(index\.html|(\d{4}-\d{2})/(laporan-\d{4}-\d{2}\.(html|pdf)|ringkasan-\d{4}-\d{2}\.xlsx|data/[a-z_0-9]+\.csv))$`)

// reports serves the files `pantau report` wrote, byte for byte. An HTML
// page gets a CSP naming the hashes of exactly its own inline scripts.
func (s *Server) reports(w http.ResponseWriter, r *http.Request) {
	u := userOf(r)
	rel := r.PathValue("path")
	if rel == "" {
		rel = "index.html"
	}
	m := reportFile.FindStringSubmatch(rel)
	if m == nil || (m[2] != "" && !strings.HasPrefix(m[3], "data/") && !strings.Contains(m[3], m[2])) {
		s.notFound(w, r)
		return
	}
	path := filepath.Join(s.dir.Reports(), filepath.FromSlash(rel))
	st, err := os.Lstat(path)
	if err != nil || !st.Mode().IsRegular() {
		s.notFound(w, r)
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	switch filepath.Ext(rel) {
	case ".html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", reportCSP(b))
	case ".csv":
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", attachment(filepath.Base(rel)))
	case ".xlsx":
		w.Header().Set("Content-Type", xlsxType)
		w.Header().Set("Content-Disposition", attachment(filepath.Base(rel)))
	case ".pdf":
		w.Header().Set("Content-Type", "application/pdf")
	}
	w.Header().Set("Cache-Control", "private, no-cache")
	if filepath.Ext(rel) != ".html" {
		s.event(r, u.Name, "download", "reports/"+rel, "ok", "")
	}
	http.ServeContent(w, r, filepath.Base(rel), st.ModTime(), bytes.NewReader(b))
}

// inlineScript finds the inline scripts of a page (the report's own: the
// chart library and its options).
var inlineScript = regexp.MustCompile(`(?s)<script>(.*?)</script>`)

// reportCSP allows a report page its inline scripts by hash and nothing
// else to run; its inline styles and the charts' data: images are
// allowed, nothing is loaded from elsewhere.
func reportCSP(page []byte) string {
	var hashes []string
	for _, m := range inlineScript.FindAllSubmatch(page, -1) {
		sum := sha256.Sum256(m[1])
		hashes = append(hashes, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
	}
	script := "'none'"
	if len(hashes) > 0 {
		script = strings.Join(hashes, " ")
	}
	return "default-src 'none'; script-src " + script + "; style-src 'unsafe-inline'; img-src 'self' data:; " +
		"form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
}

// statusBody is the operator page: the status text.
type statusBody struct {
	Text string
}

// status shows the operator what `pantau status` prints.
func (s *Server) status(w http.ResponseWriter, r *http.Request) {
	var b bytes.Buffer
	if err := schedules.WriteStatus(&b, s.dir, schedules.RealPipeline(), s.cfg, s.now().In(s.loc), domain.Period{}); err != nil {
		s.internal(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "status", "status.title", page{Body: statusBody{Text: b.String()}})
}
