package reports

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// envChromium names the Chromium binary when Options.Chromium is empty.
const envChromium = "PANTAU_CHROMIUM"

// errNoChromium is returned when no Chromium binary can be found.
var errNoChromium = errors.New("chromium not found (install the chromium package, or set PANTAU_CHROMIUM)")

// findChromium returns the browser to use: path if set, else
// $PANTAU_CHROMIUM, else chromium (or chromium-browser, google-chrome) on PATH.
func findChromium(path string) (string, error) {
	if path == "" {
		path = os.Getenv(envChromium)
	}
	if path != "" {
		if _, err := os.Stat(path); err != nil {
			return "", fmt.Errorf("chromium %s: %w", path, err)
		}
		return path, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errNoChromium
}

// NewBrowser starts headless Chromium with flags that keep it off the
// network (this machine has none, and without them Chromium waits on
// connections) and a fresh profile directory. cancel stops the browser and
// removes the profile.
func NewBrowser(ctx context.Context, chromium string) (context.Context, context.CancelFunc, error) {
	path, err := findChromium(chromium)
	if err != nil {
		return nil, nil, err
	}
	profile, err := os.MkdirTemp("", "pantau-chromium-")
	if err != nil {
		return nil, nil, fmt.Errorf("chromium profile: %w", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	cancel := func() {
		bcancel()
		acancel()
		os.RemoveAll(profile)
	}
	return bctx, cancel, nil
}

// FileURL is the file:// URL of a local path.
func FileURL(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), nil
}

// chartsReady waits until the report's script has drawn its charts.
var chartsReady = chromedp.Poll[chromedp.Void](`document.documentElement.hasAttribute("data-charts-ready")`,
	chromedp.WithPollingTimeout(30*time.Second))

// pdfWriter prints report pages to A4 PDF with headless Chromium. Its first
// error is sticky: later calls do nothing and Close returns it.
type pdfWriter struct {
	w        io.Writer
	chromium string
	err      error
}

// newPDFWriter returns a writer of PDF output to w, printing with the given
// Chromium binary ("" = FindChromium's lookup).
func newPDFWriter(w io.Writer, chromium string) *pdfWriter {
	return &pdfWriter{w: w, chromium: chromium}
}

// WriteReport prints the HTML report at htmlPath: it opens the page, waits
// for the charts, narrows the viewport to A4's printable width, switches to
// print media and redraws the charts with their print options, and prints
// A4 with backgrounds.
func (pw *pdfWriter) WriteReport(ctx context.Context, htmlPath string) {
	if pw.err != nil {
		return
	}
	pw.err = func() error {
		u, err := FileURL(htmlPath)
		if err != nil {
			return err
		}
		ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		bctx, bcancel, err := NewBrowser(ctx, pw.chromium)
		if err != nil {
			return err
		}
		defer bcancel()
		// 186 mm printable width (A4 210 mm − 2 × 12 mm) ≈ 703 CSS px. The
		// page is switched to print media and its charts drawn again with
		// their print options (legends in full, A4 width) before printing:
		// printToPDF itself fires no beforeprint.
		err = chromedp.Do(bctx, chromedp.EmulateViewport(703, 1000), chromedp.Navigate(u), chartsReady,
			chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
				_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
				return err
			}),
			chromedp.Evaluate[chromedp.Void](`window.pantauPrint && window.pantauPrint(true)`))
		if err != nil {
			return fmt.Errorf("open %s: %w", htmlPath, err)
		}
		pdf, err := chromedp.Run(bctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4),
			chromedp.PDFPrintBackground(), chromedp.PDFPreferCSSPageSize(), chromedp.PDFOutlineAndTagged()))
		if err != nil {
			return fmt.Errorf("print %s: %w", htmlPath, err)
		}
		_, err = pw.w.Write(pdf)
		return err
	}()
}

// Close returns the first error.
func (pw *pdfWriter) Close() error { return pw.err }
