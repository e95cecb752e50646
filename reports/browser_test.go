package reports

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
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
	name := strings.TrimSuffix(baseName(path), ".html")
	// At a laptop's and a phone's width, every chart is readable.
	for _, w := range []struct {
		width, height int64
		mode, suffix  string
		mobile        bool
	}{{1366, 900, "wide", "-1366", false}, {390, 844, "phone", "-390", true}} {
		var vo []chromedp.EmulateViewportOption
		if w.mobile {
			vo = append(vo, chromedp.EmulateMobile)
		}
		if err := chromedp.Do(bctx, chromedp.EmulateViewport(w.width, w.height, vo...),
			chromedp.Evaluate[chromedp.Void](`window.dispatchEvent(new Event("resize"))`), chromedp.Sleep(300*time.Millisecond)); err != nil {
			t.Fatalf("viewport %d: %v", w.width, err)
		}
		checkCharts(t, bctx, w.width, w.mode, wantCharts)
		if w.mobile {
			wide, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth <= window.innerWidth + 1`))
			if err != nil || !wide {
				t.Errorf("phone layout scrolls sideways (err %v)", err)
			}
		}
		shot, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		t.Logf("screenshot %d px: %s", w.width, writeShot(t, name+w.suffix+".png", shot))
		for _, sec := range []string{"pelatihan", "ikm", "kinerja", "dampak", "data"} {
			if shot, err := chromedp.Run(bctx, chromedp.Screenshot(chromedp.ID(sec))); err == nil {
				writeShot(t, name+w.suffix+"-"+sec+".png", shot)
			}
		}
	}
	// The browser's own print: on beforeprint the charts are drawn again
	// with their print options at A4 width.
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(1366, 900), printMedia(true),
		chromedp.Evaluate[chromedp.Void](`window.dispatchEvent(new Event("beforeprint"))`)); err != nil {
		t.Fatalf("print mode: %v", err)
	}
	checkCharts(t, bctx, 700, "print", wantCharts)
	if err := chromedp.Do(bctx, printMedia(false), chromedp.Evaluate[chromedp.Void](`window.dispatchEvent(new Event("afterprint"))`)); err != nil {
		t.Fatalf("screen mode: %v", err)
	}
	time.Sleep(200 * time.Millisecond) // let late console events arrive
	lcancel()
	<-done
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("console: %s", p)
	}
	checkWithoutJS(t, path, wantCharts)
}

// chartCheck is what chartsProbe reads about one drawn chart.
type chartCheck struct {
	ID        string   `json:"id"`
	Mode      string   `json:"mode"`
	Width     float64  `json:"width"`
	Paged     []string `json:"paged"`
	Dupes     []string `json:"dupes"`
	Overlaps  []string `json:"overlaps"`
	Labels    int      `json:"labels"`
	Table     bool     `json:"table"`
	TableOpen bool     `json:"tableOpen"`
}

// chartsProbe reads every chart's ECharts option and its SVG drawing: a
// legend that pages (type scroll, or a "1/3" pager drawn), category labels
// that are equal, text whose boxes overlap, and the chart's data table.
const chartsProbe = `(function () {
  var out = [];
  Object.keys(window.pantauCharts).forEach(function (id) {
    var ch = window.pantauCharts[id], o = ch.getOption(), el = document.getElementById(id);
    var svg = el.querySelector("svg");
    var r = {id: id, mode: el.getAttribute("data-mode") || "", width: svg ? svg.getBoundingClientRect().width : 0,
      paged: [], dupes: [], overlaps: [], labels: 0, table: false, tableOpen: false};
    [].concat(o.legend || []).forEach(function (l) { if (l.show !== false && l.type === "scroll") { r.paged.push("legend.type scroll"); } });
    var texts = [].slice.call(el.querySelectorAll("svg text")).map(function (t) {
      var b = t.getBoundingClientRect();
      return {t: t.textContent.trim(), l: b.left, r: b.right, tp: b.top, b: b.bottom};
    }).filter(function (x) { return x.t !== "" && x.r - x.l > 0; });
    r.labels = texts.length;
    texts.forEach(function (x) { if (/^\d+\s*\/\s*\d+$/.test(x.t)) { r.paged.push("pager " + x.t); } });
    ["xAxis", "yAxis"].forEach(function (k) {
      [].concat(o[k] || []).forEach(function (a) {
        if (!a || a.type !== "category" || !a.data) { return; }
        var seen = {};
        a.data.forEach(function (d) { var v = (d && typeof d === "object") ? d.value : d; if (seen[v]) { r.dupes.push(v); } seen[v] = true; });
      });
    });
    (o.series || []).forEach(function (s) {
      if (s.type !== "scatter") { return; }
      var seen = {};
      (s.data || []).forEach(function (d) { if (!d.name) { r.dupes.push("unnamed point"); } else if (seen[d.name]) { r.dupes.push(d.name); } seen[d.name] = true; });
      if (!s.label || !s.label.show) { r.dupes.push("scatter without labels"); }
    });
    for (var i = 0; i < texts.length; i++) {
      for (var j = i + 1; j < texts.length; j++) {
        var a = texts[i], b = texts[j];
        var iw = Math.min(a.r, b.r) - Math.max(a.l, b.l), ih = Math.min(a.b, b.b) - Math.max(a.tp, b.tp);
        if (iw > 1 && ih > 1) { r.overlaps.push(JSON.stringify(a.t) + " × " + JSON.stringify(b.t)); }
      }
    }
    var d = document.getElementById(id + "-data");
    r.table = !!(d && d.querySelector("table tbody tr"));
    r.tableOpen = !!(d && d.open);
    out.push(r);
  });
  return out;
})()`

// checkCharts checks every drawn chart at the current layout.
func checkCharts(t *testing.T, ctx context.Context, width int64, mode string, want int) {
	t.Helper()
	cs, err := chromedp.Run(ctx, chromedp.Evaluate[[]chartCheck](chartsProbe))
	if err != nil {
		t.Fatalf("probe charts at %d px: %v", width, err)
	}
	if len(cs) != want {
		t.Errorf("%d px: %d charts drawn; want %d", width, len(cs), want)
	}
	for _, c := range cs {
		at := fmt.Sprintf("%d px %s", width, c.ID)
		if c.Mode != mode {
			t.Errorf("%s: drawn for %q; want %q", at, c.Mode, mode)
		}
		if len(c.Paged) > 0 {
			t.Errorf("%s: paged legend: %v", at, c.Paged)
		}
		if len(c.Dupes) > 0 {
			t.Errorf("%s: labels not distinct: %v", at, c.Dupes)
		}
		if len(c.Overlaps) > 0 {
			t.Errorf("%s: %d overlapping labels: %v", at, len(c.Overlaps), c.Overlaps)
		}
		if c.Labels == 0 {
			t.Errorf("%s: no text drawn", at)
		}
		if !c.Table || c.TableOpen {
			t.Errorf("%s: data table present %v, open %v; want present and folded away", at, c.Table, c.TableOpen)
		}
		if mode == "print" && (c.Width < 690 || c.Width > 710) {
			t.Errorf("%s: print width %.0f px; want A4's 700", at, c.Width)
		}
	}
}

// printMedia switches CSS media emulation to print and back.
func printMedia(on bool) chromedp.Action[chromedp.Void] {
	m := ""
	if on {
		m = "print"
	}
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
		return err
	})
}

// browserTab starts headless Chromium for at most timeout and returns its
// context, the file URL of path, and the function that stops it.
func browserTab(t *testing.T, path string, timeout time.Duration) (context.Context, string, func()) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	bctx, bcancel, err := NewBrowser(ctx, "")
	if err != nil {
		cancel()
		t.Fatalf("NewBrowser: %v", err)
	}
	u, err := FileURL(path)
	if err != nil {
		bcancel()
		cancel()
		t.Fatal(err)
	}
	return bctx, u, func() { bcancel(); cancel() }
}

// checkWithoutJS opens the page with JavaScript off (a phone's HTML viewer):
// every chart's numbers are there as a visible table.
func checkWithoutJS(t *testing.T, path string, wantCharts int) {
	t.Helper()
	bctx, u, done := browserTab(t, path, 60*time.Second)
	defer done()
	noJS := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	if err := chromedp.Do(bctx, noJS, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(u)); err != nil {
		t.Fatalf("open without JS: %v", err)
	}
	type tableState struct {
		ID      string  `json:"id"`
		Open    bool    `json:"open"`
		Rows    int     `json:"rows"`
		Height  float64 `json:"height"`
		Drawn   bool    `json:"drawn"`
		Headers int     `json:"headers"`
		Area    float64 `json:"area"`
	}
	ts, err := chromedp.Run(bctx, chromedp.Evaluate[[]tableState](`[].slice.call(document.querySelectorAll(".chart")).map(function (el) {
  var d = document.getElementById(el.id + "-data"), tb = d && d.querySelector("table");
  return {id: el.id, open: !!(d && d.open), rows: tb ? tb.tBodies[0].rows.length : 0,
    height: tb ? tb.getBoundingClientRect().height : 0, drawn: !!el.querySelector("svg, canvas"),
    headers: tb ? tb.querySelectorAll("thead th[scope=col]").length : 0, area: el.getBoundingClientRect().height};
})`))
	if err != nil {
		t.Fatalf("probe without JS: %v", err)
	}
	if len(ts) != wantCharts {
		t.Errorf("without JS: %d chart areas; want %d", len(ts), wantCharts)
	}
	for _, s := range ts {
		if s.Drawn || s.Area != 0 || !s.Open || s.Rows == 0 || s.Height <= 0 || s.Headers < 2 {
			t.Errorf("without JS, %s: %+v; want no drawing or empty box and an open table with a header and rows", s.ID, s)
		}
	}
	wide, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth <= window.innerWidth + 1`))
	if err != nil || !wide {
		t.Errorf("without JS, the phone layout scrolls sideways (err %v)", err)
	}
	shot, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
	if err == nil {
		t.Logf("no-JS screenshot: %s", writeShot(t, strings.TrimSuffix(baseName(path), ".html")+"-nojs-390.png", shot))
	}
	for _, sec := range []string{"pelatihan", "ikm", "kinerja", "dampak", "data"} {
		if shot, err := chromedp.Run(bctx, chromedp.Screenshot(chromedp.ID(sec))); err == nil {
			writeShot(t, strings.TrimSuffix(baseName(path), ".html")+"-nojs-390-"+sec+".png", shot)
		}
	}
}

// writeShot saves a picture under testdata-out/report/ (git-ignored).
func writeShot(t testing.TB, name string, b []byte) string {
	t.Helper()
	dir := filepath.Join("..", "testdata-out", "report")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path, _ := filepath.Abs(filepath.Join(dir, name))
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

func TestReportInBrowser(t *testing.T) {
	html := renderHTML(t, smallData(), "id")
	checkReportFile(t, writeOut(t, "laporan-browser.html", []byte(html)), 9)
}

// In English too: axis numbers read 3k, labels the same checks.
func TestReportInBrowserEnglish(t *testing.T) {
	html := renderHTML(t, smallData(), "en")
	path := writeOut(t, "report-browser-en.html", []byte(html))
	checkReportInBrowser(t, path, 9)
}

var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

func TestPDF(t *testing.T) {
	html := renderHTML(t, smallData(), "id")
	path := writeOut(t, "laporan-pdf.html", []byte(html))
	var buf bytes.Buffer
	pw := newPDFWriter(&buf, "")
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
	cs, err := buildCharts(smallData(), "id")
	if err != nil {
		t.Fatal(err)
	}
	legends, titles := chartTexts(cs)
	checkPDFPages(t, pdf, "laporan-fixture", legends, titles, textFor("id").S("report.footer"))
}

// chartTexts are the legend labels and titles of the drawn charts.
func chartTexts(cs []chart) (legends, titles []string) {
	for _, c := range cs {
		titles = append(titles, c.Title)
		if !c.Missing {
			for _, l := range c.Legend {
				legends = append(legends, l.Label)
			}
		}
	}
	return legends, titles
}

var (
	htmlLegend = regexp.MustCompile(`(?s)<div class="legend"[^>]*>(.*?)</div>`)
	htmlSpan   = regexp.MustCompile(`<span[^>]*>([^<]*)</span>`)
	htmlH3     = regexp.MustCompile(`<h3>([^<]*)</h3>`)
)

// pageTexts are the legend labels and box titles of a written report.
func pageTexts(page string) (legends, titles []string) {
	for _, m := range htmlLegend.FindAllStringSubmatch(page, -1) {
		for _, sp := range htmlSpan.FindAllStringSubmatch(m[1], -1) {
			legends = append(legends, html.UnescapeString(sp[1]))
		}
	}
	for _, m := range htmlH3.FindAllStringSubmatch(page, -1) {
		titles = append(titles, html.UnescapeString(m[1]))
	}
	return legends, titles
}

// checkPDFPages reads a report's PDF with poppler (pdfinfo, pdftotext,
// pdftoppm): A4 pages; every chart's title and legend text is in it (the
// legends print in full); no page ends on a heading; the last page holds
// more than the footer. Each page is saved as PNG under testdata-out/report/.
func checkPDFPages(t *testing.T, pdf []byte, name string, legends, titles []string, footer string) {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command("pdfinfo", file).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	var pages int
	var pw, ph float64
	for _, l := range strings.Split(string(info), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			fmt.Sscan(strings.TrimSpace(v), &pages)
		}
		if v, ok := strings.CutPrefix(l, "Page size:"); ok {
			fmt.Sscanf(strings.TrimSpace(v), "%f x %f", &pw, &ph)
		}
	}
	if pages < 2 || pages > 40 {
		t.Errorf("PDF has %d pages; want a handful", pages)
	}
	if math.Abs(pw-595) > 2 || math.Abs(ph-842) > 2 {
		t.Errorf("PDF page %.0f × %.0f pt; want A4 595 × 842", pw, ph)
	}
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	var text []string
	for p := 1; p <= pages; p++ {
		out, err := exec.Command("pdftotext", "-f", fmt.Sprint(p), "-l", fmt.Sprint(p), "-layout", file, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext page %d: %v", p, err)
		}
		text = append(text, string(out))
	}
	all := norm(strings.Join(text, " "))
	var headings []string
	for _, h := range titles {
		headings = append(headings, norm(h))
	}
	for _, l := range legends {
		if !strings.Contains(all, norm(l)) {
			t.Errorf("PDF lacks the legend text %q", l)
		}
	}
	if len(legends) == 0 {
		t.Errorf("no legend text to look for")
	}
	for _, k := range []string{"nav.summary", "nav.training", "nav.ikm", "nav.performance", "nav.impact", "nav.data", "nav.method"} {
		headings = append(headings, norm(textFor("id").S(k)))
	}
	for p, tx := range text[:len(text)-1] {
		lines := strings.Split(strings.TrimRight(tx, "\n\f "), "\n")
		last := norm(lines[len(lines)-1])
		for _, h := range headings {
			if last != "" && strings.HasPrefix(h, last) {
				t.Errorf("page %d ends on the heading %q", p+1, last)
			}
		}
	}
	if rest := strings.Replace(norm(text[len(text)-1]), norm(footer), "", 1); len(rest) < 20 {
		t.Errorf("last page holds only %q (and the footer); want more", rest)
	}
	out := filepath.Join("..", "testdata-out", "report")
	if err := os.MkdirAll(out, 0o755); err == nil {
		prefix, _ := filepath.Abs(filepath.Join(out, name+"-pdf"))
		if err := exec.Command("pdftoppm", "-png", "-r", "60", file, prefix).Run(); err != nil {
			t.Errorf("pdftoppm: %v", err)
		} else {
			t.Logf("PDF pages: %s-*.png (%d pages)", prefix, pages)
		}
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

// checkReportFile checks a report already written in Chromium and as a
// PDF: the charts at both widths, the no-JS tables, the PDF pages.
func checkReportFile(t *testing.T, path string, charts int) {
	t.Helper()
	checkReportInBrowser(t, path, charts)
	var buf bytes.Buffer
	pw := newPDFWriter(&buf, "")
	pw.WriteReport(context.Background(), path)
	if err := pw.Close(); err != nil {
		t.Fatalf("PDF: %v", err)
	}
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	legends, titles := pageTexts(string(page))
	checkPDFPages(t, buf.Bytes(), strings.TrimSuffix(baseName(path), ".html"), legends, titles, textFor("id").S("report.footer"))
}

// checkIndexInBrowser opens reports/index.html at a laptop's and a phone's
// width: at 1366 px every column is in view (the table does not scroll);
// at 390 px the page itself does not scroll sideways, the table does, and
// the hint above it says so. Screenshots go to testdata-out/report/.
func checkIndexInBrowser(t *testing.T, path string) {
	t.Helper()
	bctx, u, done := browserTab(t, path, 60*time.Second)
	defer done()
	if err := chromedp.Do(bctx, chromedp.Navigate(u)); err != nil {
		t.Fatalf("open %s: %v", u, err)
	}
	type layout struct {
		PageFits, TableScrolls, HintShown bool
	}
	const probe = `(function () {
  var s = document.querySelector(".scroll"), h = document.querySelector(".hint");
  return {PageFits: document.documentElement.scrollWidth <= window.innerWidth + 1,
    TableScrolls: s.scrollWidth > s.clientWidth + 1,
    HintShown: getComputedStyle(h).display !== "none"};
})()`
	for _, w := range []struct {
		width, height int64
		mobile        bool
		want          layout
	}{{1366, 900, false, layout{true, false, false}}, {390, 844, true, layout{true, true, true}}} {
		var vo []chromedp.EmulateViewportOption
		if w.mobile {
			vo = append(vo, chromedp.EmulateMobile)
		}
		if err := chromedp.Do(bctx, chromedp.EmulateViewport(w.width, w.height, vo...), chromedp.Sleep(200*time.Millisecond)); err != nil {
			t.Fatalf("viewport %d: %v", w.width, err)
		}
		got, err := chromedp.Run(bctx, chromedp.Evaluate[layout](probe))
		if err != nil {
			t.Fatalf("probe index: %v", err)
		}
		if got != w.want {
			t.Errorf("index at %d px: %+v; want %+v", w.width, got, w.want)
		}
		if shot, err := chromedp.Run(bctx, chromedp.FullScreenshot(100)); err == nil {
			t.Logf("index screenshot: %s", writeShot(t, fmt.Sprintf("index-%d.png", w.width), shot))
		}
	}
}
