package reports

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chartState is what the browser test reads about each chart element.
type chartState struct {
	ID       string  `json:"id"`
	Instance bool    `json:"instance"`
	Width    float64 `json:"width"`
	Height   float64 `json:"height"`
}

const chartProbe = `Array.from(document.querySelectorAll(".chart")).map(function (el) {
  var g = el.querySelector("svg, canvas"), r = g ? g.getBoundingClientRect() : {width: 0, height: 0};
  return {id: el.id, instance: !!echarts.getInstanceByDom(el), width: r.width, height: r.height};
})`

// checkReportInBrowser opens the HTML file at path in headless Chromium,
// fails on console errors and exceptions, checks that every chart was drawn
// and saves a screenshot. It fails (never skips) without Chromium.
func checkReportInBrowser(t *testing.T, path string, wantCharts int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	bctx, bcancel, err := NewBrowser(ctx, "")
	if err != nil {
		t.Fatalf("NewBrowser: %v", err)
	}
	defer bcancel()
	if err := chromedp.Do(bctx); err != nil { // start the browser and its tab
		t.Fatalf("start chromium: %v", err)
	}
	lctx, lcancel := context.WithCancel(bctx)
	var mu sync.Mutex
	var problems []string
	done := make(chan struct{})
	msgs := chromedp.Console(lctx)
	go func() {
		defer close(done)
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				problems = append(problems, m.String())
				mu.Unlock()
			}
		}
	}()
	u, err := FileURL(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(bctx, chromedp.Navigate(u), chartsReady); err != nil {
		t.Fatalf("open %s: %v", u, err)
	}
	states, err := chromedp.Run(bctx, chromedp.Evaluate[[]chartState](chartProbe))
	if err != nil {
		t.Fatalf("probe charts: %v", err)
	}
	if len(states) != wantCharts {
		t.Errorf("page has %d chart elements; want %d", len(states), wantCharts)
	}
	for _, s := range states {
		if !s.Instance || s.Width <= 0 || s.Height <= 0 {
			t.Errorf("chart %s: instance %v, drawing %.0f×%.0f; want an instance and a non-empty drawing", s.ID, s.Instance, s.Width, s.Height)
		}
	}
	// Nothing was fetched: the page is self-contained.
	fetched, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`performance.getEntriesByType("resource").map(function (e) { return e.name; })`))
	if err != nil || len(fetched) != 0 {
		t.Errorf("page fetched %v (err %v); want nothing", fetched, err)
	}
	// The hostile name is text on the page, and nothing made an <img>.
	imgs, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll("img").length`))
	if err != nil || imgs != 0 {
		t.Errorf("page has %d <img> elements (err %v); want 0", imgs, err)
	}
	shot, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	t.Logf("screenshot: %s", writeOut(t, strings.TrimSuffix(baseName(path), ".html")+".png", shot))
	// Phone width: the page still draws every chart.
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
		chromedp.Evaluate[chromedp.Void](`window.dispatchEvent(new Event("resize"))`), chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatalf("phone viewport: %v", err)
	}
	wide, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth <= window.innerWidth + 1`))
	if err != nil || !wide {
		t.Errorf("phone layout scrolls sideways (err %v)", err)
	}
	shot, err = chromedp.Run(bctx, chromedp.FullScreenshot(100))
	if err == nil {
		t.Logf("phone screenshot: %s", writeOut(t, strings.TrimSuffix(baseName(path), ".html")+"-phone.png", shot))
	}
	time.Sleep(200 * time.Millisecond) // let late console events arrive
	lcancel()
	<-done
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("console: %s", p)
	}
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

func TestReportInBrowser(t *testing.T) {
	html := renderHTML(t, smallData(), "id")
	path := writeOut(t, "laporan-browser.html", []byte(html))
	checkReportInBrowser(t, path, 9)
}

var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

func TestPDF(t *testing.T) {
	html := renderHTML(t, smallData(), "id")
	path := writeOut(t, "laporan-pdf.html", []byte(html))
	var buf bytes.Buffer
	pw := NewPDFWriter(&buf, "")
	pw.WriteReport(context.Background(), path)
	if err := pw.Close(); err != nil {
		t.Fatalf("PDF: %v", err)
	}
	pdf := buf.Bytes()
	t.Logf("pdf: %s (%d bytes)", writeOut(t, "laporan-fixture.pdf", pdf), len(pdf))
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("output does not start with %%PDF-")
	}
	if n := len(pdfPage.FindAll(pdf, -1)); n == 0 {
		t.Errorf("PDF has %d pages; want > 0", n)
	}
	title := pdfTitle(pdf)
	if !strings.Contains(title, "Laporan Bulanan") || !strings.Contains(title, "Oktober 2026") {
		t.Errorf("PDF title = %q; want the report title and Oktober 2026", title)
	}
}

// pdfTitle reads the /Title of a PDF's document information: a literal
// (string) with escapes or a <hex> string, UTF-16BE when it starts with a BOM.
func pdfTitle(pdf []byte) string {
	i := bytes.Index(pdf, []byte("/Title"))
	if i < 0 {
		return ""
	}
	s := bytes.TrimLeft(pdf[i+len("/Title"):], " \r\n\t")
	var raw []byte
	switch {
	case len(s) > 0 && s[0] == '(':
		depth := 0
		for j := 1; j < len(s); j++ {
			c := s[j]
			if c == '\\' && j+1 < len(s) {
				j++
				switch e := s[j]; {
				case e >= '0' && e <= '7':
					v := 0
					for k := 0; k < 3 && j < len(s) && s[j] >= '0' && s[j] <= '7'; k++ {
						v = v*8 + int(s[j]-'0')
						j++
					}
					j--
					raw = append(raw, byte(v))
				case e == 'n':
					raw = append(raw, '\n')
				default:
					raw = append(raw, e)
				}
				continue
			}
			if c == '(' {
				depth++
			} else if c == ')' {
				if depth == 0 {
					break
				}
				depth--
			}
			raw = append(raw, c)
		}
	case len(s) > 0 && s[0] == '<':
		end := bytes.IndexByte(s, '>')
		if end < 0 {
			return ""
		}
		hex := string(bytes.Join(bytes.Fields(s[1:end]), nil))
		for j := 0; j+1 < len(hex); j += 2 {
			var v byte
			for _, h := range hex[j : j+2] {
				v <<= 4
				switch {
				case h >= '0' && h <= '9':
					v |= byte(h - '0')
				case h >= 'a' && h <= 'f':
					v |= byte(h-'a') + 10
				case h >= 'A' && h <= 'F':
					v |= byte(h-'A') + 10
				}
			}
			raw = append(raw, v)
		}
	}
	if len(raw) >= 2 && raw[0] == 0xFE && raw[1] == 0xFF {
		var rs []rune
		for j := 2; j+1 < len(raw); j += 2 {
			rs = append(rs, rune(raw[j])<<8|rune(raw[j+1]))
		}
		return string(rs)
	}
	return string(raw)
}
