package reports

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	sampledata "github.com/pantau-asn/pantau/sample-data"
	"github.com/pantau-asn/pantau/transform"
)

// demoLake generates the demo sample into a fresh data directory and
// ingests it, as `make demo` does.
func demoLake(t *testing.T) lake.Dir {
	t.Helper()
	root := t.TempDir()
	if _, err := sampledata.Generate(root, sampledata.Demo, 1); err != nil {
		t.Fatalf("sample: %v", err)
	}
	dir := lake.Dir(root)
	if err := dir.Init(); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := ingest.Run(context.Background(), dir, ingest.DefaultConfig(), time.Now(), log); err != nil {
		t.Fatalf("ingest: %v", err)
	}
	return dir
}

// TestDemoReport runs the whole pipeline on the demo sample: two months'
// reports (the second with PDF), checked in Chromium, the index and state.
func TestDemoReport(t *testing.T) {
	dir := demoLake(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	now := time.Date(2026, 1, 11, 7, 0, 0, 0, domain.WIT)
	var out *Output
	for _, p := range []string{"2025-11", "2025-12"} {
		var err error
		out, err = Generate(context.Background(), dir, Options{Params: transform.DefaultParams(domain.MustPeriod(p)),
			Now: now, PDF: p == "2025-12"}, log)
		if err != nil {
			t.Fatalf("Generate(%s): %v", p, err)
		}
	}
	html, err := os.ReadFile(out.HTML)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("demo report: %s (%d bytes)", out.HTML, len(html))
	if len(html) > 2<<20 {
		t.Errorf("HTML is %d bytes; want under 2 MB", len(html))
	}
	for _, want := range []string{"Desember 2025", "vs bulan lalu", "PP 11/2017"} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("demo HTML lacks %q", want)
		}
	}
	// No NIP or staff name of the private table leaks into the HTML or the CSVs.
	res, err := transform.Run(context.Background(), dir, transform.DefaultParams(domain.MustPeriod("2025-12")))
	if err != nil {
		t.Fatal(err)
	}
	d, err := fromTables(res.Tables)
	res.Release()
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Persons) == 0 {
		t.Fatal("person_progress is empty")
	}
	csvs, _ := filepath.Glob(filepath.Join(out.Data, "*.csv"))
	for _, p := range d.Persons[:min(50, len(d.Persons))] {
		if bytes.Contains(html, []byte(p.NIP)) || (len(p.Name) > 5 && bytes.Contains(html, []byte(p.Name))) {
			t.Errorf("HTML contains personal data of %s", p.NIP)
		}
		for _, c := range csvs {
			b, _ := os.ReadFile(c)
			if bytes.Contains(b, []byte(p.NIP)) {
				t.Errorf("%s contains NIP %s", c, p.NIP)
			}
		}
	}
	if len(out.Agencies) == 0 {
		t.Errorf("no agency lists written")
	}
	for _, a := range out.Agencies {
		if !strings.Contains(a, string(filepath.Separator)+"outbox"+string(filepath.Separator)) {
			t.Errorf("agency list %s is not under outbox/", a)
		}
	}
	pdf, err := os.ReadFile(out.PDF)
	if err != nil {
		t.Fatalf("PDF: %v", err)
	}
	if n := len(pdfPage.FindAll(pdf, -1)); n == 0 {
		t.Errorf("demo PDF has no pages")
	}
	if title := pdfTitle(pdf); !strings.Contains(title, "Desember 2025") {
		t.Errorf("demo PDF title = %q; want Desember 2025", title)
	}
	d.Period, d.Rules = domain.MustPeriod("2025-12"), defaultRules() // as Generate sets them
	cs, err := buildCharts(d, "id")
	if err != nil {
		t.Fatal(err)
	}
	legends, titles := chartTexts(cs)
	checkPDFPages(t, pdf, "laporan-demo", legends, titles, textFor("id").S("report.footer"))
	idx, err := os.ReadFile(out.Index)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href="2025-12/laporan-2025-12.html"`, `href="2025-11/laporan-2025-11.html"`} {
		if !bytes.Contains(idx, []byte(want)) {
			t.Errorf("index lacks %s", want)
		}
	}
	if rev, err := Revised(dir); err != nil || len(rev) != 0 {
		t.Errorf("Revised = %v, %v; want none right after reporting", rev, err)
	}
	checkReportInBrowser(t, out.HTML, 9)
}

// TestDemoHonestHeadlines reports the demo year's January, July, August
// and December (August also in English) and checks what a reader sees:
// Kepulauan Aru's missing August attendance is named first and marks its
// ranked row; January compares nothing with an empty December; uploads are
// a share of those due; December shows no card twice; no text carries a
// stray format verb.
func TestDemoHonestHeadlines(t *testing.T) {
	dir := demoLake(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	now := time.Date(2026, 1, 11, 7, 0, 0, 0, domain.WIT)
	pages, files := map[string]string{}, map[string]string{}
	for _, run := range []struct{ period, lang string }{
		{"2025-01", "id"}, {"2025-07", "id"}, {"2025-08", "en"}, {"2025-08", "id"}, {"2025-11", "id"}, {"2025-12", "en"}, {"2025-12", "id"}, // the index last written in Indonesian
	} {
		out, err := Generate(context.Background(), dir, Options{Params: transform.DefaultParams(domain.MustPeriod(run.period)),
			Lang: run.lang, Now: now}, log)
		if err != nil {
			t.Fatalf("Generate(%s, %s): %v", run.period, run.lang, err)
		}
		b, err := os.ReadFile(out.HTML)
		if err != nil {
			t.Fatal(err)
		}
		key := run.period + "/" + run.lang
		pages[key], files[key] = string(b), out.HTML
		checkNoStrayVerbs(t, key, string(b))
	}
	firstHighlight := func(key string) string {
		_, rest, _ := strings.Cut(pages[key], `<ul class="highlights"><li`)
		_, rest, _ = strings.Cut(rest, ">")
		h, _, _ := strings.Cut(rest, "</li>")
		return h
	}
	for key, want := range map[string]string{
		"2025-08/id": "Data belum lengkap — belum masuk: Kehadiran Agustus 2025 dari Pemerintah Kabupaten Kepulauan Aru.",
		"2025-08/en": "Data incomplete — missing: Attendance August 2025 from Pemerintah Kabupaten Kepulauan Aru.",
		"2025-12/id": "Data belum lengkap — belum masuk: Kehadiran Agustus 2025 dari Pemerintah Kabupaten Kepulauan Aru.",
	} {
		if h := firstHighlight(key); !strings.HasPrefix(h, want) {
			t.Errorf("%s: first highlight = %q; want it to start %q", key, h, want)
		}
	}
	for key, want := range map[string]string{
		"2025-08/id": `<td>Kabupaten Kepulauan Aru <span class="incomplete">data belum lengkap: Kehadiran Agustus 2025 belum masuk</span></td>`,
		"2025-08/en": `<td>Kabupaten Kepulauan Aru <span class="incomplete">data incomplete: Attendance August 2025 missing</span></td>`,
	} {
		if !strings.Contains(pages[key], want) {
			t.Errorf("%s: the attention table does not mark Aru: want %q", key, want)
		}
	}
	// The on-track chart ranks Aru second-worst: its label and its data
	// table row say the ranking rests on incomplete data, and the chart's
	// legend explains the sign.
	for key, want := range map[string][]string{
		"2025-08/id": {`Kab. Kepulauan Aru * (!)`, `(!) data belum lengkap`, `<th scope="row">Kabupaten Kepulauan Aru <span class="incomplete">data belum lengkap</span></th>`},
		"2025-08/en": {`(!) data incomplete`},
	} {
		for _, w := range want {
			if !strings.Contains(pages[key], w) {
				t.Errorf("%s: the on-track chart does not mark Aru: want %q", key, w)
			}
		}
	}
	// August's 12 months start in September 2024, before the first roster:
	// those months are gaps in the trend and dashes in its table, not 0 %.
	if !strings.Contains(pages["2025-08/id"], `<th scope="row">September 2024</th><td class="num">–</td>`) {
		t.Errorf("2025-08: the trend table does not show September 2024 as no data")
	}
	if strings.Contains(pages["2025-08/id"], `<td class="num">0,0 %</td><td class="num">0,0 %</td><td class="num">0,0 %</td>`) {
		t.Errorf("2025-08: the trend table shows a month before the data as 0,0 %%")
	}
	if strings.Contains(pages["2025-07/id"], `(!) data belum lengkap`) {
		t.Errorf("July's on-track chart marks a district incomplete")
	}
	if h := firstHighlight("2025-07/id"); strings.HasPrefix(h, "Data belum lengkap") {
		t.Errorf("July, when every upload came, starts with %q", h)
	}
	if strings.Contains(pages["2025-07/id"], `class="incomplete"`) {
		t.Errorf("July marks a row incomplete")
	}
	jan := pages["2025-01/id"]
	for _, notWant := range []string{"+2.331", "Survei Desember 2024"} {
		if strings.Contains(jan, notWant) {
			t.Errorf("January report contains %q", notWant)
		}
	}
	for _, want := range []string{"awal tahun: dihitung lagi sejak 1 Januari", "25 dari 25 unggahan wajib bulan ini"} {
		if !strings.Contains(jan, want) {
			t.Errorf("January report lacks %q", want)
		}
	}
	// August: 24 of the 25 due (Aru's attendance missing) against July's 25 of 25.
	if want := `<div class="value">96,0 %</div><div class="sub">24 dari 25 unggahan wajib bulan ini</div><div class="delta down">-4,0 poin vs bulan lalu</div>`; !strings.Contains(pages["2025-08/id"], want) {
		t.Errorf("August uploads card: want %q", want)
	}
	for _, key := range []string{"2025-12/id", "2025-12/en"} {
		cards := regexp.MustCompile(`<div class="value">([^<]*)</div>(?:<div class="sub">([^<]*)</div>)?`).FindAllStringSubmatch(pages[key], -1)
		seen := map[string]bool{}
		for _, c := range cards {
			if c[1] != "–" && seen[c[1]+c[2]] {
				t.Errorf("%s: two cards show %s %s", key, c[1], c[2])
			}
			seen[c[1]+c[2]] = true
		}
		if strings.Contains(pages[key], `<div class="label">Sesuai jalur`) || strings.Contains(pages[key], `<div class="label">On track`) {
			t.Errorf("%s: December shows on track beside target met", key)
		}
	}
	if !strings.Contains(pages["2025-12/id"], "81 dari 190 pegawai berkinerja rendah") {
		t.Errorf("December follow-up card does not say of what")
	}

	// The index: uploads as a share of those due, August (and December,
	// whose year includes August) marked, July not.
	idx, err := os.ReadFile(filepath.Join(dir.Reports(), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, r := range regexp.MustCompile(`(?s)<tr><td><a[^>]*>([^<]*)</a>.*?</tr>`).FindAllStringSubmatch(string(idx), -1) {
		rows[r[1]] = r[0]
	}
	for month, want := range map[string]string{
		"Agustus 2025":  `<td>24 dari 25 (96,0 %) <span class="incomplete">data belum lengkap</span></td>`,
		"Desember 2025": `<span class="incomplete">data belum lengkap</span>`,
		"Juli 2025":     `<td>25 dari 25 (100,0 %)</td>`,
	} {
		if !strings.Contains(rows[month], want) {
			t.Errorf("index row %s lacks %q:\n%s", month, want, rows[month])
		}
	}
	if strings.Contains(rows["Juli 2025"], "incomplete") {
		t.Errorf("index marks July, when every upload came")
	}
	// In Chromium and as a PDF: the August report (Aru marked) — or the
	// report named by PANTAU_REPORT_HTML, to check any written report —
	// and the index at both widths.
	path, charts := files["2025-08/id"], 8
	if !strings.Contains(pages["2025-08/id"], "Belum ada unit dengan survei di 3 bulan pertama") {
		// August's 12 months start in September 2024, before the first
		// survey: no unit has an IKM change, so the scatter is a note.
		t.Errorf("2025-08: the impact chart is not the note saying why it is empty")
	}
	if p := os.Getenv("PANTAU_REPORT_HTML"); p != "" {
		path, charts = p, 9
		if !filepath.IsAbs(path) {
			path = filepath.Join("..", path)
		}
	}
	checkReportFile(t, path, charts)
	checkIndexInBrowser(t, filepath.Join(dir.Reports(), "index.html"))
}
