package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestReportSummaryLanguage: report's summary lines follow --lang, like the
// report itself (an empty data directory gives a report of empty tables).
func TestReportSummaryLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang  string
		heads []string
	}{
		{"", []string{"laporan:", "ringkasan:", "data:", "indeks:", "daftar instansi: 0 berkas di outbox/"}},
		{"en", []string{"report:", "summary:", "data:", "index:", "agency lists: 0 files in outbox/"}},
	} {
		e, out := queryEnv(t)
		args := []string{"--period", "2026-03"}
		if tc.lang != "" {
			args = append(args, "--lang", tc.lang)
		}
		if err := runReport(e, args); err != nil {
			t.Fatalf("report %v: %v", args, err)
		}
		var heads []string
		for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
			if i := strings.Index(line, " "+string(e.dir)); i >= 0 {
				line = strings.TrimSpace(line[:i])
			}
			heads = append(heads, line)
		}
		if diff := cmp.Diff(tc.heads, heads); diff != "" {
			t.Errorf("report %v summary (-want +got):\n%s", args, diff)
		}
		if !strings.Contains(out.String(), filepath.Join(string(e.dir), "reports", "2026-03", "laporan-2026-03.html")) {
			t.Errorf("summary does not name the report file:\n%s", out.String())
		}
	}
}
