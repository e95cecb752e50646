package reports

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
)

var fixtureNow = time.Date(2026, 11, 6, 7, 0, 0, 0, domain.WIT)

// renderHTML renders d to a string.
func renderHTML(t testing.TB, d *data, lang string) string {
	t.Helper()
	p, err := buildPage(d, nil, lang, fixtureNow, false)
	if err != nil {
		t.Fatalf("BuildPage: %v", err)
	}
	var buf bytes.Buffer
	hw := newHTMLWriter(&buf)
	hw.WriteReport(p)
	if err := hw.Close(); err != nil {
		t.Fatalf("WriteReport: %v", err)
	}
	return buf.String()
}

// writeOut saves content under testdata-out (or a temp dir) and returns the path.
func writeOut(t testing.TB, name string, b []byte) string {
	t.Helper()
	dir := filepath.Join("..", "testdata-out", "reports")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		dir = t.TempDir()
	}
	path, _ := filepath.Abs(filepath.Join(dir, name))
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestHTMLEscapesUploadText(t *testing.T) {
	for _, lang := range []string{"id", "en"} {
		t.Run(lang, func(t *testing.T) {
			html := renderHTML(t, smallData(), lang)
			if strings.Contains(html, "<img src=x") {
				t.Errorf("HTML contains the hostile name as markup")
			}
			if n := strings.Count(strings.ToLower(html), "</script>"); n != 2 {
				t.Errorf("HTML has %d </script> tags; want 2 (ECharts and the page script)", n)
			}
			if !strings.Contains(html, "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;") {
				t.Errorf("HTML lacks the hostile name escaped as text")
			}
			if !strings.Contains(html, `\u003c/script\u003e\u003cimg src=x onerror=alert(1)\u003e`) {
				t.Errorf("chart JSON lacks the hostile name with < and > escaped")
			}
			if strings.Contains(html, "http://") || strings.Contains(html, "https://") {
				for _, line := range strings.Split(html, "\n") {
					if strings.Contains(line, "<script src") || strings.Contains(line, "<link") {
						t.Errorf("HTML loads something: %q", line)
					}
				}
			}
			for _, private := range []string{"198609262015051001", "Maria Latuconsina", "Yohanis"} {
				if strings.Contains(html, private) {
					t.Errorf("HTML contains personal data %q", private)
				}
			}
		})
	}
}

func TestHTMLContents(t *testing.T) {
	html := renderHTML(t, smallData(), "id")
	path := writeOut(t, "laporan-fixture.html", []byte(html))
	t.Logf("report: %s (%d bytes)", path, len(html))
	for _, want := range []string{
		`<html lang="id">`, "Oktober 2026", "5 November 2026 07.00 WIT", // as of
		"1.000",                               // ASN
		"60,0 %",                              // on track
		"81,37",                               // province IKM
		"B Baik",                              // its category
		"60,0 %",                              // follow-up 9/15
		"11 dari 12 unggahan wajib bulan ini", // uploads: 3 agencies × 4 kinds expected, Aru survei missing
		"Kab. Kepulauan Aru paling tertinggal: 30,0 % ASN sesuai jalur 20 JP, 30,0 poin di bawah provinsi (60,0 %).",
		"PP 11/2017", "1/9", "RSUD Masohi", "74,50", "C Kurang Baik", "-4,25",
		"@media print",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}

func TestHTMLEnglish(t *testing.T) {
	html := renderHTML(t, smallData(), "en")
	for _, want := range []string{`<html lang="en">`, "October 2026", "5 November 2026 07:00 WIT", "1,000", "60.0%", "81.37",
		"B Good", "Kab. Kepulauan Aru is furthest behind: 30.0% of ASN on track for 20 JP, 30.0 pp below the province (60.0%).",
		"exact 1/9 weight"} {
		if !strings.Contains(html, want) {
			t.Errorf("English HTML lacks %q", want)
		}
	}
	for _, notWant := range []string{"Oktober", "Sorotan", " poin "} {
		if strings.Contains(html, notWant) {
			t.Errorf("English HTML contains Indonesian %q", notWant)
		}
	}
}
