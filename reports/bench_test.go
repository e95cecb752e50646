package reports

import (
	"context"
	"io"
	"log/slog"
	"os"
	"testing"

	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/transform"
)

// BenchmarkRender times everything a month's report does after the
// metrics, on a province-size fixture (60.000 ASN, 11 districts, 60
// agencies, 40 units, 24.000 staff not on track): HTML, summary workbook,
// 60 agency workbooks, state and index. It reports the HTML size.
func BenchmarkRender(b *testing.B) {
	d := provinceData(1)
	dir := lake.Dir(b.TempDir())
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	opts := Options{Params: transform.DefaultParams(d.Period), Now: fixtureNow}
	var out *Output
	for b.Loop() {
		var err error
		if out, err = render(context.Background(), dir, d, opts, log); err != nil {
			b.Fatal(err)
		}
	}
	st, err := os.Stat(out.HTML)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(st.Size()), "html-bytes")
}

// BenchmarkHTML times the HTML page alone (charts, template, ECharts inlined).
func BenchmarkHTML(b *testing.B) {
	d := provinceData(1)
	for b.Loop() {
		p, err := buildPage(d, nil, "id", fixtureNow, false)
		if err != nil {
			b.Fatal(err)
		}
		hw := newHTMLWriter(io.Discard)
		hw.WriteReport(p)
		if err := hw.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
