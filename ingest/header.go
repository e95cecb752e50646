package ingest

import "strings"

// headerKey normalises a header for matching: text in parentheses and a
// required-marker "*" dropped, accents folded, case, spaces and
// punctuation ignored ("Kabupaten / Kota*" → "kabupatenkota").
func headerKey(s string) string {
	s = cleanText(s)
	if i := strings.IndexByte(s, '('); i > 0 {
		if j := strings.IndexByte(s[i:], ')'); j > 0 {
			s = s[:i] + s[i+j+1:]
		}
	}
	k := normKey(s)
	if k == strings.TrimSpace(s) && k != "" && !isKeyChars(k) {
		return "" // only symbols: not a header
	}
	return k
}

func isKeyChars(s string) bool {
	for i := 0; i < len(s); i++ {
		if !(s[i] >= 'a' && s[i] <= 'z' || s[i] >= '0' && s[i] <= '9') {
			return false
		}
	}
	return true
}
