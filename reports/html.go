package reports

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
)

// echartsJS is ECharts 5.6.0 (npm, pinned; `make assets` copies it here).
// It is inlined into every report so the page loads nothing from the network.
//
//go:embed assets/echarts.min.js
var echartsJS string

//go:embed templates/report.html
var reportTemplate string

var reportTmpl = template.Must(template.New("report").Parse(reportTemplate))

// htmlWriter writes report pages. Its first error is sticky: later calls do
// nothing and Close returns it.
type htmlWriter struct {
	w   *bufio.Writer
	err error
}

// newHTMLWriter returns a writer of report pages to w.
func newHTMLWriter(w io.Writer) *htmlWriter { return &htmlWriter{w: bufio.NewWriterSize(w, 256<<10)} }

// WriteReport renders p as one self-contained HTML document with ECharts inlined.
func (hw *htmlWriter) WriteReport(p *page) {
	if hw.err != nil {
		return
	}
	page := *p
	page.ECharts = template.JS(echartsJS)
	if err := reportTmpl.Execute(hw.w, &page); err != nil {
		hw.err = fmt.Errorf("render report: %w", err)
	}
}

// Close flushes the output and returns the first error.
func (hw *htmlWriter) Close() error {
	if hw.err == nil {
		hw.err = hw.w.Flush()
	}
	return hw.err
}
