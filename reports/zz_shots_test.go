package reports

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestZZShots(t *testing.T) {
	path := os.Getenv("SHOT_HTML")
	if path == "" {
		t.Skip()
	}
	w := int64(1280)
	if os.Getenv("SHOT_W") != "" {
		fmt.Sscan(os.Getenv("SHOT_W"), &w)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	bctx, bcancel, _ := NewBrowser(ctx, "")
	defer bcancel()
	u, _ := FileURL(path)
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(w, 1000), chromedp.Navigate(u), chartsReady); err != nil {
		t.Fatal(err)
	}
	h, _ := chromedp.Run(bctx, chromedp.Evaluate[int](`document.documentElement.scrollHeight`))
	for i := 0; i*1000 < h && i < 12; i++ {
		chromedp.Do(bctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`window.scrollTo(0,%d)`, i*1000)), chromedp.Sleep(200*time.Millisecond))
		b, err := chromedp.Run(bctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(fmt.Sprintf("/tmp/shot-%d.png", i), b, 0o644)
	}
	t.Logf("height %d", h)
}
