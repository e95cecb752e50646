package web

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/pantau-asn/pantau/internal/config"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/reports"
	"github.com/pantau-asn/pantau/schedules"
)

// shots is where the end-to-end test leaves its screenshots to look at.
const shots = "../testdata-out/web"

// TestAgencyUploadToLeaderReport is the whole path in a real Chromium: an
// agency logs in, uploads a roster with one bad row through the file
// input, and sees the result page naming that row; the ingest job takes
// the file from the inbox and writes its receipt, which the agency's
// history then offers; the month's report is made; a leader logs in and
// opens it from the reports index. Screenshots of each page at 390 and
// 1366 px go to testdata-out/web/.
func TestAgencyUploadToLeaderReport(t *testing.T) {
	s := newSite(t)
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	upload := filepath.Join(t.TempDir(), "pegawai 2026-10.xlsx")
	if err := os.WriteFile(upload, rosterXLSX(t, true), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	bctx, bcancel, err := reports.NewBrowser(ctx, "")
	if err != nil {
		t.Fatalf("NewBrowser: %v", err)
	}
	defer bcancel()
	shoot := func(name string) {
		t.Helper()
		for _, w := range []int64{1366, 390} {
			if err := chromedp.Do(bctx, chromedp.EmulateViewport(w, 900)); err != nil {
				t.Fatal(err)
			}
			png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatalf("screenshot %s: %v", name, err)
			}
			if err := os.WriteFile(filepath.Join(shots, name+"-"+strconv.FormatInt(w, 10)+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := chromedp.Do(bctx, chromedp.EmulateViewport(1366, 900)); err != nil {
			t.Fatal(err)
		}
	}
	login := func(name string) {
		t.Helper()
		err := chromedp.Do(bctx, chromedp.Navigate(s.ts.URL+"/login"),
			chromedp.SendKeys(chromedp.CSS(`input[name=name]`), name),
			chromedp.SendKeys(chromedp.CSS(`input[name=password]`), s.pw[name]),
			chromedp.Click(chromedp.CSS(`button[type=submit]`)))
		if err == nil {
			err = waitFor(bctx, `location.pathname !== "/login"`)
		}
		if err != nil {
			t.Fatalf("log in %s: %v", name, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return v
	}

	// The login page, then the agency's home and its upload.
	if err := chromedp.Do(bctx, chromedp.Navigate(s.ts.URL+"/login"), chromedp.WaitVisible(chromedp.CSS(`form`))); err != nil {
		t.Fatal(err)
	}
	shoot("login")
	login(ambon)
	shoot("agency")
	if home := text("main"); !strings.Contains(home, "Pegawai") || !strings.Contains(home, "belum dikirim") {
		t.Errorf("agency home does not show what is due:\n%s", home)
	}
	err = chromedp.Do(bctx, chromedp.SetUploadFiles(chromedp.CSS(`input[type=file]`), []string{upload}),
		chromedp.Click(chromedp.CSS(`#upload button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`section.result`)))
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	shoot("result")
	res := text("section.result")
	for _, want := range []string{"diterima sebagian", "3 dibaca, 2 diterima, 1 ditolak", "19900101201903100", "pegawai 2026-10.xlsx"} {
		if !strings.Contains(res, want) {
			t.Errorf("result page lacks %q:\n%s", want, res)
		}
	}
	if row := text("section.result tbody tr td"); row != "4" {
		t.Errorf("first rejected row on the page = %q; want 4", row)
	}

	// The ingest job takes the file; its receipt appears in the history.
	cfg := s.srv.cfg
	pl := schedules.RealPipeline()
	counts, err := pl.Ingest(ctx, s.dir, cfg, time.Now().Add(time.Hour), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("ingest: %v", err)
	}
	if got := s.inbox("kota-ambon"); len(got) != 0 {
		t.Errorf("inbox after ingest = %q; want empty (counts %v)", got, counts)
	}
	if err := chromedp.Do(bctx, chromedp.Navigate(s.ts.URL+"/agency/history"), chromedp.WaitVisible(chromedp.CSS(`table`))); err != nil {
		t.Fatal(err)
	}
	shoot("history")
	if h := text("table"); !strings.Contains(h, "pegawai 2026-10.xlsx") || !strings.Contains(h, "diterima sebagian") {
		t.Errorf("history lacks the upload:\n%s", h)
	}
	href, err := chromedp.Run(bctx, chromedp.AttributeValue(chromedp.CSS(`table a`), "href"))
	if err != nil || !strings.HasPrefix(href.Value, "/agency/receipt/") {
		t.Errorf("history receipt link = %+v, %v", href, err)
	}
	if err := chromedp.Do(bctx, chromedp.Navigate(s.ts.URL+"/agency/staff"), chromedp.WaitVisible(chromedp.CSS(`table`))); err != nil {
		t.Fatal(err)
	}
	shoot("staff")
	if st := text("table"); !strings.Contains(st, "198609262015051001") || !strings.Contains(st, "Maria Latuconsina") {
		t.Errorf("staff list lacks the roster's rows:\n%s", st)
	}
	if err := chromedp.Do(bctx, chromedp.Navigate(s.ts.URL+"/agency/templates"), chromedp.WaitVisible(chromedp.CSS(`.links a`))); err != nil {
		t.Fatal(err)
	}
	shoot("templates")
	if err := chromedp.Do(bctx, chromedp.Click(chromedp.CSS(`.logout button`)), chromedp.WaitVisible(chromedp.CSS(`input[name=name]`))); err != nil {
		t.Fatal(err)
	}

	// The month's report, opened by a leader from the index.
	p := domain.MustPeriod("2026-10")
	if err := pl.Report(ctx, s.dir, config.Default(), p, time.Now(), slog.New(slog.DiscardHandler)); err != nil {
		t.Fatalf("report: %v", err)
	}
	login(pimpinan)
	if err := chromedp.Do(bctx, chromedp.WaitVisible(chromedp.CSS(`a[href*="laporan-2026-10.html"]`))); err != nil {
		t.Fatalf("reports index: %v", err)
	}
	shoot("reports-index")
	err = chromedp.Do(bctx, chromedp.Click(chromedp.CSS(`a[href*="laporan-2026-10.html"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.chart canvas, .chart svg`)))
	if err != nil {
		t.Fatalf("open the report: %v", err)
	}
	shoot("report")
	loc, err := chromedp.Run(bctx, chromedp.Location())
	if err != nil || !strings.HasSuffix(loc, "/reports/2026-10/laporan-2026-10.html") {
		t.Errorf("report location = %q, %v", loc, err)
	}
	if body := text("body"); strings.Contains(body, "198609262015051001") || strings.Contains(body, "Maria Latuconsina") {
		t.Errorf("the leaders' report shows a person")
	}

	// A new account's first login goes to the password page; then the
	// operator's status page.
	first, err := s.srv.users.Add("baru", "operator", "", s.clock.now())
	if err != nil {
		t.Fatal(err)
	}
	s.clock.add(time.Second)
	s.pw["baru"] = first
	// The report is the report's own file, without our menu: log out from
	// one of our pages.
	if err := chromedp.Do(bctx, chromedp.Navigate(s.ts.URL+"/password?lang=en"), chromedp.Click(chromedp.CSS(`.logout button`)),
		chromedp.WaitVisible(chromedp.CSS(`input[name=name]`))); err != nil {
		t.Fatal(err)
	}
	login("baru")
	if loc, _ := chromedp.Run(bctx, chromedp.Location()); !strings.HasSuffix(loc, "/password") {
		t.Fatalf("first login went to %q; want /password", loc)
	}
	shoot("password")
	err = chromedp.Do(bctx, chromedp.SendKeys(chromedp.CSS(`input[name=old]`), first),
		chromedp.SendKeys(chromedp.CSS(`input[name=new]`), "operator-sandi-1"),
		chromedp.SendKeys(chromedp.CSS(`input[name=again]`), "operator-sandi-1"),
		chromedp.Click(chromedp.CSS(`main button[type=submit]`)))
	if err == nil {
		err = waitFor(bctx, `location.pathname === "/status"`)
	}
	if err != nil {
		t.Fatalf("change the first password: %v", err)
	}
	shoot("status")
	if st := text("pre.status"); !strings.Contains(st, "Berkas menunggu di inbox") {
		t.Errorf("status page:\n%s", st)
	}
}

// waitFor waits until the JavaScript condition cond holds in the tab (the
// page may be navigating meanwhile, so each look may fail).
func waitFor(ctx context.Context, cond string) error {
	var last error
	for range 100 {
		done, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond+` && document.readyState === "complete"`))
		if err == nil && done {
			return nil
		}
		last = err
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("%s never held: %v", cond, last)
}
