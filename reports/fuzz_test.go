package reports

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// tagCount counts the start tags of a page as a browser's tokenizer sees them.
func tagCount(page string) map[string]int {
	n := map[string]int{}
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return n
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			n[string(name)]++
		}
	}
}

// FuzzUploadText renders the report with agency, unit, district and
// service names taken from the fuzzer: whatever they hold, the page has
// exactly the tags it has with a harmless name (no markup is injected).
func FuzzUploadText(f *testing.F) {
	for _, s := range []string{xss, `"><script>alert(1)</script>`, "</SCRIPT >", "<!--", "]]>", "\u2028</script>",
		"=SUM(A1)", "a&b", "<style>", "'; alert(1); '", "{{.}}", "</textarea>"} {
		f.Add(s)
	}
	render := func(t testing.TB, name string) string {
		d := smallData()
		d.Agencies[0].Name = name
		d.Units[1].Name = name
		d.Units[1].ServiceType = name
		d.Districts[0].Name = name
		d.Attention[2].Name = name
		for i := range d.IKMTrend {
			if d.IKMTrend[i].Code == "KTP-el" {
				d.IKMTrend[i].Name = name
			}
		}
		return renderHTML(t, d, "id")
	}
	want := tagCount(render(f, "Nama Biasa"))
	f.Fuzz(func(t *testing.T, name string) {
		got := tagCount(render(t, name))
		for tag, n := range got {
			if n != want[tag] {
				t.Errorf("name %q: page has %d <%s> tags; want %d", name, n, tag, want[tag])
			}
		}
		for tag, n := range want {
			if got[tag] != n {
				t.Errorf("name %q: page has %d <%s> tags; want %d", name, got[tag], tag, n)
			}
		}
	})
}
