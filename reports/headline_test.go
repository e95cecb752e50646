package reports

import (
	"regexp"
	"strings"
	"testing"

	"github.com/pantau-asn/pantau/internal/domain"
)

// cardNamed returns the card with label, or fails.
func cardNamed(t *testing.T, cs []card, label string) card {
	t.Helper()
	for _, c := range cs {
		if c.Label == label {
			return c
		}
	}
	t.Fatalf("no card %q among %+v", label, cs)
	return card{}
}

func pageFor(t *testing.T, d *data, prev *headline, lang string) *page {
	t.Helper()
	p, err := buildPage(d, prev, lang, fixtureNow, false)
	if err != nil {
		t.Fatalf("BuildPage: %v", err)
	}
	return p
}

// TestUploadsCardIsShareOfExpected: 11 of the 12 expected uploads is
// 91,7 %; a roster sent unasked is neither due nor counted; the change is
// in points of that share, not in files.
func TestUploadsCardIsShareOfExpected(t *testing.T) {
	d := smallData()
	d.Completeness = append(d.Completeness, completenessRow{Agency: "kota-ambon", Kind: domain.Pegawai,
		Status: "diterima", Expected: false}) // a second roster row, unasked
	h := headlineOf(d)
	if h.UploadsReceived != 11 || h.UploadsExpected != 12 {
		t.Fatalf("HeadlineOf uploads = %d of %d; want 11 of 12", h.UploadsReceived, h.UploadsExpected)
	}
	prev := &headline{UploadsReceived: 25, UploadsExpected: 25} // a month expecting other uploads
	c := cardNamed(t, pageFor(t, d, prev, "id").Cards, "Unggahan wajib diterima")
	if c.Value != "91,7 %" || c.Sub != "11 dari 12 unggahan wajib bulan ini" || c.Delta != "-8,3 poin vs bulan lalu" {
		t.Errorf("uploads card = %+v; want 91,7 %% / 11 dari 12 unggahan wajib bulan ini / -8,3 poin vs bulan lalu", c)
	}
	c = cardNamed(t, pageFor(t, d, prev, "en").Cards, "Expected uploads received")
	if c.Value != "91.7%" || c.Delta != "-8.3 pp vs last month" {
		t.Errorf("English uploads card = %+v; want 91.7%% and -8.3 pp vs last month", c)
	}
}

// TestUnchangedCardSaysSame: a figure equal to last month's, to the digits
// shown, says so in words: "0 vs bulan lalu" reads as a figure of zero.
// Uploads 11 of 12 both months: +0,0 poin → "sama dengan bulan lalu"; ASN
// 1.000 against the trend's September 1.000 likewise; JP per ASN 14,25
// against 14,25 × 11/12 = 13,06: still "+1,2 vs bulan lalu".
func TestUnchangedCardSaysSame(t *testing.T) {
	d := smallData()
	prev := &headline{ASN: 990, UploadsReceived: 11, UploadsExpected: 12}
	for lang, want := range map[string][2]string{"id": {"sama dengan bulan lalu", "+1,2 vs bulan lalu"}, "en": {"same as last month", "+1.2 vs last month"}} {
		cs := pageFor(t, d, prev, lang).Cards
		if c := cardNamed(t, cs, textFor(lang).S("kpi.uploads")); c.Delta != want[0] || c.Trend != "flat" {
			t.Errorf("%s: unchanged uploads card delta = %q (%s); want %q", lang, c.Delta, c.Trend, want[0])
		}
		if c := cardNamed(t, cs, textFor(lang).S("kpi.asn")); c.Delta != want[0] {
			t.Errorf("%s: unchanged ASN card delta = %q; want %q", lang, c.Delta, want[0])
		}
		if c := cardNamed(t, cs, textFor(lang).S("kpi.jp")); c.Delta != want[1] || c.Trend != "up" {
			t.Errorf("%s: JP card delta = %q (%s); want %q, up", lang, c.Delta, c.Trend, want[1])
		}
	}
}

// TestJanuaryCardsSayNewYear: in January the year-to-date figures restart
// and December had no roster: no "+1.000 vs bulan lalu".
func TestJanuaryCardsSayNewYear(t *testing.T) {
	d := smallData()
	d.Period = domain.MustPeriod("2026-01")
	d.Uploads = nil
	d.Trend = []trendPoint{{Period: domain.MustPeriod("2025-12"), Level: "provinsi"}} // nothing known in December
	cs := pageFor(t, d, nil, "id").Cards
	for _, c := range cs {
		if strings.Contains(c.Delta, "+1.000") || strings.Contains(c.Delta, "vs bulan lalu") && c.Label != "Unggahan wajib diterima" && c.Label != "IKM provinsi" {
			t.Errorf("January card %q delta = %q; want no change against December", c.Label, c.Delta)
		}
	}
	if c := cardNamed(t, cs, "ASN aktif"); c.Delta != "tidak ada pembanding" {
		t.Errorf("January ASN card delta = %q; want tidak ada pembanding", c.Delta)
	}
	for _, l := range []string{"ASN terlatih (JP > 0)", "Sesuai jalur menuju 20 JP", "Target 20 JP tercapai", "JP per ASN (tahun berjalan)"} {
		if c := cardNamed(t, cs, l); c.Delta != "awal tahun: dihitung lagi sejak 1 Januari" {
			t.Errorf("January card %q delta = %q; want the new-year note", l, c.Delta)
		}
	}
	if c := cardNamed(t, cs, "Sesuai jalur menuju 20 JP"); c.Note != "sudah ≥ 1,7 JP tahun ini (1/12 dari 20 JP)" || c.Sub != "600 dari 1.000 ASN aktif" {
		t.Errorf("January on-track card = %+v; want the 1,7 JP note and 600 dari 1.000 ASN aktif", c)
	}
}

// TestDecemberCardsDistinct: in December on track is target met (20 × 12 ÷
// 12 JP): one card, not the same one twice.
func TestDecemberCardsDistinct(t *testing.T) {
	d := smallData()
	d.Period = domain.MustPeriod("2026-12")
	d.Province.OnTrack, d.Province.OnTrackShare = d.Province.TargetMet, d.Province.TargetMetShare
	for _, lang := range []string{"id", "en"} {
		cs := pageFor(t, d, &headline{ASN: 990}, lang).Cards
		seen := map[string]string{}
		for _, c := range cs {
			k := c.Value + "|" + c.Sub
			if c.Value != "–" {
				if l, dup := seen[k]; dup {
					t.Errorf("%s: cards %q and %q both show %s", lang, l, c.Label, k)
				}
				seen[k] = c.Label
			}
			if c.Label == textFor(lang).S("kpi.ontrack") {
				t.Errorf("%s: December shows the on-track card beside target met", lang)
			}
		}
	}
}

// TestIncompleteMarked: Aru's August attendance is missing; the October
// figures of Aru (district 81.07, agency kab-kepulauan-aru) depend on it:
// the page model lists both, the attention table marks Aru's row, and the
// first highlight names the missing upload.
func TestIncompleteMarked(t *testing.T) {
	d := smallData()
	var kept = d.Uploads[:0]
	for _, e := range d.Uploads {
		if !(e.Agency == "kab-kepulauan-aru" && e.Kind == domain.Kehadiran && e.Period == "2026-08") {
			kept = append(kept, e)
		}
	}
	d.Uploads = kept
	p := pageFor(t, d, nil, "id")
	if got := p.Incomplete["81.07"]; got != "kab-kepulauan-aru kehadiran 2026-08; kab-kepulauan-aru survei 2026-10" {
		t.Errorf("Incomplete[81.07] = %q", got)
	}
	if got := p.Incomplete["kab-kepulauan-aru"]; got != "kehadiran 2026-08; survei 2026-10" {
		t.Errorf("Incomplete[kab-kepulauan-aru] = %q", got)
	}
	if _, ok := p.Incomplete["81.71"]; ok {
		t.Errorf("Incomplete lists Kota Ambon, whose uploads all came: %v", p.Incomplete)
	}
	var aru *tableRow
	for i, r := range p.Attention.Rows {
		if r.Cells[1] == "Kab. Kepulauan Aru" {
			aru = &p.Attention.Rows[i]
		}
	}
	if aru == nil || aru.Mark != "data belum lengkap: Kehadiran Agustus 2026 belum masuk" || aru.MarkCol != 1 {
		t.Errorf("attention row of Aru = %+v; want marked data belum lengkap: Kehadiran Agustus 2026 belum masuk", aru)
	}
	if want := "Sesuai jalur: JP tahun ini ≥ 16,7 (10/12 dari 20 JP)."; !strings.HasPrefix(p.Attention.Note, want) || !strings.Contains(p.Attention.Note, `Tanda "data belum lengkap"`) {
		t.Errorf("attention note = %q; want it to start %q and explain the mark", p.Attention.Note, want)
	}
	for _, r := range p.UnitsLow.Rows {
		if r.Cells[0] == xss && r.Mark != "data belum lengkap: Survei Oktober 2026 belum masuk" {
			t.Errorf("units row of Aru's unit: mark %q; want its missing survey", r.Mark)
		}
		if r.Cells[0] == "RSUD Masohi" && r.Mark != "" {
			t.Errorf("RSUD Masohi marked %q; its surveys all came", r.Mark)
		}
	}
	want := "Data belum lengkap — belum masuk: Kehadiran Agustus 2026, Survei Oktober 2026 dari " + xss + "."
	if len(p.Highlights) == 0 || !strings.HasPrefix(p.Highlights[0], want) {
		t.Errorf("first highlight = %q; want it to start %q", p.Highlights[0], want)
	}
	if len(p.Highlights) < 2 || !strings.HasPrefix(p.Highlights[1], "Kab. Kepulauan Aru (data belum lengkap) paling tertinggal") {
		t.Errorf("second highlight = %q; want the ranking, Aru marked", p.Highlights[1])
	}
	html := renderHTML(t, d, "en")
	if !strings.Contains(html, `Kab. Kepulauan Aru <span class="incomplete">data incomplete: Attendance August 2026 missing</span>`) {
		t.Errorf("English HTML does not mark Aru's row")
	}
}

// strayVerb finds what a fmt or template mistake leaves in text.
var strayVerb = regexp.MustCompile(`%%|%!|%[sdvqfx]\b|\{\{|\}\}`)

// visibleText drops scripts and styles (ECharts and CSS are not text).
var scriptOrStyle = regexp.MustCompile(`(?s)<script\b.*?</script>|<style\b.*?</style>`)

// checkNoStrayVerbs fails for every stray format verb in html's text.
func checkNoStrayVerbs(t *testing.T, name, html string) {
	t.Helper()
	text := scriptOrStyle.ReplaceAllString(html, "")
	for _, m := range strayVerb.FindAllStringIndex(text, -1) {
		t.Errorf("%s: stray %q in %q", name, text[m[0]:m[1]], text[max(0, m[0]-60):min(len(text), m[1]+20)])
	}
}

// TestNoStrayFormatVerbs renders the fixture month in both languages (and
// December, January) and finds no %%, %!, %s, %d, %v or {{ in its text.
func TestNoStrayFormatVerbs(t *testing.T) {
	for _, p := range []string{"2026-10", "2026-01", "2026-12"} {
		for _, lang := range []string{"id", "en"} {
			d := smallData()
			d.Period = domain.MustPeriod(p)
			checkNoStrayVerbs(t, p+"/"+lang, renderHTML(t, d, lang))
		}
	}
	if strayVerb.FindString("sekitar 1 %% lebih rendah") == "" || strayVerb.FindString("%!d(string=x)") == "" {
		t.Errorf("strayVerb misses the bugs it is for")
	}
}

// TestIncompleteMarkedOnEveryRankingChart: with Aru's August attendance
// and October survey missing (the fixture's survey gap plus the removed
// attendance), every chart that ranks a district, agency, service type or
// unit marks what rests on a missing upload of a kind its figure uses, and
// nothing else:
//   - on track, JP (roster + attendance): Aru's district;
//   - predikat (evaluations only): nobody — Aru's evaluations came;
//   - follow-up (evaluations + attendance): Aru's agency;
//   - IKM trend (surveys): Perizinan, the service type of Aru's unit;
//   - elements, impact (surveys): Aru's unit.
//
// A marked item carries "(!)" on its chart label (in the option) and the
// badge on its table row, and the chart's legend explains the sign.
func TestIncompleteMarkedOnEveryRankingChart(t *testing.T) {
	d := smallData()
	kept := d.Uploads[:0]
	for _, e := range d.Uploads {
		if !(e.Agency == "kab-kepulauan-aru" && e.Kind == domain.Kehadiran && e.Period == "2026-08") {
			kept = append(kept, e)
		}
	}
	d.Uploads = kept
	d.Impact[2].IKMChange = some(1.5) // so Aru's unit is on the scatter
	cs, err := buildCharts(d, "id")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{ // chart → the table row (first cell) marked, "" for none
		"chart-ontrack":  "Kab. Kepulauan Aru",
		"chart-jp":       "Kab. Kepulauan Aru",
		"chart-predikat": "",
		"chart-followup": xss,
		"chart-impact":   xss,
		"chart-ikm":      "Perizinan (!)", // a column of the table, not a row
		"chart-elements": xss + " (!)",    // likewise
	}
	for _, c := range cs {
		w, ok := want[c.ID]
		if !ok {
			continue
		}
		var marked []string
		for _, r := range c.Table.Rows {
			if r.Mark != "" {
				if r.Mark != "data belum lengkap" {
					t.Errorf("%s: row %q mark %q", c.ID, r.Cells[0], r.Mark)
				}
				marked = append(marked, r.Cells[r.MarkCol])
			}
		}
		for _, h := range c.Table.Head {
			if strings.HasSuffix(h, incompleteSign) {
				marked = append(marked, h)
			}
		}
		if w == "" && len(marked) > 0 || w != "" && (len(marked) != 1 || marked[0] != w) {
			t.Errorf("%s: marked %q; want %q", c.ID, marked, w)
		}
		signs := strings.Count(string(c.Option), incompleteSign)
		legendSays := false
		for _, l := range c.Legend {
			legendSays = legendSays || l.Label == "(!) data belum lengkap"
		}
		if (w != "") != legendSays || (w != "") != (signs > 0) {
			t.Errorf("%s: %d %q in the option, legend explains it: %v; want both only when marked", c.ID, signs, incompleteSign, legendSays)
		}
	}
}
