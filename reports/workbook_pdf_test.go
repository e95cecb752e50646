package reports

import (
	"context"
	"io"
	"log/slog"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/transform"
)

// libreOffice is the LibreOffice binary; the print tests fail without it
// (.ci/run installs libreoffice-calc and poppler-utils).
func libreOffice(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"libreoffice", "soffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("libreoffice is not on PATH: install libreoffice-calc (see .ci/run)")
	return ""
}

// toPDF prints xlsx with LibreOffice, in a private profile so parallel
// runs don't clash, and returns the PDF's path.
func toPDF(t *testing.T, xlsx string) string {
	t.Helper()
	lo := libreOffice(t)
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, lo, "-env:UserInstallation=file://"+filepath.ToSlash(t.TempDir()),
		"--headless", "--convert-to", "pdf", "--outdir", out, xlsx)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice %s: %v\n%s", xlsx, err, b)
	}
	pdf := filepath.Join(out, strings.TrimSuffix(filepath.Base(xlsx), ".xlsx")+".pdf")
	if _, err := os.Stat(pdf); err != nil {
		t.Fatalf("libreoffice wrote no PDF: %v", err)
	}
	return pdf
}

// pdfPageTexts are the text of each page (pdftotext separates pages by
// form feeds), in the order LibreOffice drew it: a cell's wrapped lines
// stay together.
func pdfPageTexts(t *testing.T, pdf string) []string {
	t.Helper()
	b, err := exec.Command("pdftotext", "-raw", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v (install poppler-utils)", pdf, err)
	}
	pages := strings.Split(string(b), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages
}

// pagePNGs writes the PDF's pages as PNG under testdata-out/workbook/ to
// look at.
func pagePNGs(t *testing.T, pdf, name string) {
	t.Helper()
	dir := filepath.Join("..", "testdata-out", "workbook")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command("pdftoppm", "-png", "-r", "60", pdf, filepath.Join(dir, name)).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, b)
	}
}

// squash drops all white space, so text wrapped in a cell still matches.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// sheetPages maps each page to its sheet by the header, which ends with
// the sheet's name (&A), and returns the sheets' pages in order.
func sheetPages(t *testing.T, pages, sheets []string) map[string][]int {
	t.Helper()
	out := map[string][]int{}
	for i, p := range pages {
		first := ""
		for _, l := range strings.Split(p, "\n") {
			if strings.TrimSpace(l) != "" {
				first = strings.TrimSpace(l)
				break
			}
		}
		best := ""
		for _, s := range sheets {
			if strings.HasSuffix(first, s) && len(s) > len(best) {
				best = s
			}
		}
		if best == "" {
			t.Errorf("page %d: header %q names no sheet", i+1, first)
			continue
		}
		out[best] = append(out[best], i)
	}
	return out
}

// TestWorkbookPDF prints the demo's December summary (the month of issue
// 13: 53 pages before) and an agency list with LibreOffice and checks the
// pages: every sheet fits the page width (its last column's header is on
// its first page, its header row on every page), the Ringkasan is one page
// holding the title and every highlight, and the whole summary is at most
// 30 pages. The fixture's English summary prints one page per sheet.
func TestWorkbookPDF(t *testing.T) {
	libreOffice(t)
	dir := demoLake(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	out, err := Generate(context.Background(), dir, Options{Params: transform.DefaultParams(domain.MustPeriod("2025-12")),
		Now: time.Date(2026, 1, 11, 7, 0, 0, 0, domain.WIT)}, log)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	t.Run("summary", func(t *testing.T) {
		pdf := toPDF(t, out.XLSX)
		pagePNGs(t, pdf, "ringkasan-2025-12")
		f, err := excelize.OpenFile(out.XLSX)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		pages := pdfPageTexts(t, pdf)
		sheets := f.GetSheetList()
		bySheet := sheetPages(t, pages, sheets)
		for _, s := range sheets {
			rows, _ := f.GetRows(s)
			t.Logf("%-14s %3d rows, %d pages", s, len(rows), len(bySheet[s]))
			ps := bySheet[s]
			if len(ps) == 0 {
				t.Errorf("sheet %s printed no page", s)
				continue
			}
			// Rows fit at least 25 to a page, so the pages are the rows'
			// (nothing split across the width).
			if maxPages := max(1, int(math.Ceil(float64(len(rows))/25))); len(ps) > maxPages {
				t.Errorf("sheet %s: %d pages for %d rows; want at most %d", s, len(ps), len(rows), maxPages)
			}
			if s == "Ringkasan" || len(rows) == 0 {
				continue
			}
			head := rows[0]
			for _, p := range ps {
				if last := squash(head[len(head)-1]); !strings.Contains(squash(pages[p]), last) {
					t.Errorf("sheet %s page %d lacks the last column's header %q (not fitted to width, or no repeated header)", s, p+1, head[len(head)-1])
				}
			}
		}
		if len(pages) > 30 {
			t.Errorf("summary prints %d pages; want at most 30", len(pages))
		}
		// Ringkasan: one page with the title and every highlight; the next
		// page is the next sheet's.
		if got := bySheet["Ringkasan"]; len(got) != 1 || got[0] != 0 {
			t.Fatalf("Ringkasan pages = %v; want just the first", got)
		}
		first := squash(pages[0])
		rows, _ := f.GetRows("Ringkasan")
		var highlights []string
		for i, r := range rows {
			if len(r) > 0 && r[0] == "Sorotan bulan ini" {
				for _, h := range rows[i+1:] {
					if len(h) > 0 && h[0] != "" {
						highlights = append(highlights, h[0])
					}
				}
			}
		}
		if len(highlights) < 3 {
			t.Fatalf("Ringkasan has %d highlights; want the month's (at least 3)", len(highlights))
		}
		for _, want := range append([]string{"Laporan Bulanan Pengembangan Kompetensi dan Pelayanan ASN", "Sorotan bulan ini"}, highlights...) {
			if !strings.Contains(first, squash(want)) {
				t.Errorf("Ringkasan page lacks %q", want)
			}
		}
		if strings.Contains(squash(pages[1]), squash("Sorotan bulan ini")) || !strings.Contains(pages[1], "Kode kab/kota") {
			t.Errorf("page 2 is not the Kabupaten sheet alone:\n%s", pages[1])
		}
	})
	t.Run("agency list", func(t *testing.T) {
		var list string
		for _, a := range out.Agencies {
			if strings.Contains(a, "kab-kepulauan-aru") {
				list = a
			}
		}
		if list == "" {
			t.Fatalf("no list for kab-kepulauan-aru among %v", out.Agencies)
		}
		pdf := toPDF(t, list)
		pagePNGs(t, pdf, "belum-sesuai-jalur-aru")
		pages := pdfPageTexts(t, pdf)
		bySheet := sheetPages(t, pages, []string{"Belum Sesuai Jalur", "Keterangan"})
		if len(bySheet["Keterangan"]) != 1 || len(bySheet["Belum Sesuai Jalur"]) == 0 {
			t.Errorf("list pages by sheet = %v; want the list, then one page Keterangan", bySheet)
		}
		for _, p := range bySheet["Belum Sesuai Jalur"] {
			for _, h := range []string{"NIP", "Kekurangan JP untuk 20 JP"} {
				if !strings.Contains(squash(pages[p]), squash(h)) {
					t.Errorf("list page %d lacks the header %q", p+1, h)
				}
			}
			if !strings.Contains(pages[p], "Halaman") {
				t.Errorf("list page %d has no page number", p+1)
			}
		}
	})
	t.Run("fixture en", func(t *testing.T) {
		f, raw := writeSummary(t, smallData(), "en")
		path := filepath.Join(t.TempDir(), "summary-fixture-en.xlsx")
		if err := os.WriteFile(path, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		pdf := toPDF(t, path)
		pagePNGs(t, pdf, "summary-fixture-en")
		pages := pdfPageTexts(t, pdf)
		sheets := f.GetSheetList()
		if len(pages) != len(sheets) {
			t.Errorf("fixture summary prints %d pages; want one per sheet (%d)", len(pages), len(sheets))
		}
		bySheet := sheetPages(t, pages, sheets)
		for _, s := range sheets {
			if len(bySheet[s]) != 1 {
				t.Errorf("sheet %s pages = %v; want one", s, bySheet[s])
			}
		}
		if !strings.Contains(pages[0], "Highlights of the month") || !strings.Contains(pages[0], "Page 1 of") {
			t.Errorf("first page is not the English Summary:\n%s", pages[0])
		}
	})
}
