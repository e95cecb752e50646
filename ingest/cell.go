package ingest

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pantau-asn/pantau/internal/domain"
)

// cleanText trims s and removes what spreadsheets hide in text:
// non-breaking spaces become spaces, zero-width characters and BOMs go.
// Plain ASCII text without outer spaces is returned as is, unallocated.
func cleanText(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] < ' ' {
			plain = false
			break
		}
	}
	if plain {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '\u00a0', '\u2007', '\u202f', '\t', '\r', '\n':
			b.WriteByte(' ')
		case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
		default:
			if r < ' ' {
				continue
			}
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// errNumber is parseNumber's failure; callers report ErrNumber.
var errNumber = errors.New("not a number")

// parseNumber reads a decimal number as Indonesians and spreadsheets write
// it: "8", "8,5", "8.5", "1.250" (thousands dot), "1.250,5", "1,250.5",
// "-2", "1.5E+3" (a raw numeric cell), with an optional unit word after it
// ("8 JP", "25 tahun").
func parseNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	// Drop a trailing unit word: letters after the digits.
	end := len(s)
	for end > 0 {
		c := s[end-1]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			end--
			continue
		}
		break
	}
	if end < len(s) {
		// "1.5E+3" has letters inside, not at the end; a unit follows a space or digit.
		s = strings.TrimSpace(s[:end])
	}
	if s == "" {
		return 0, errNumber
	}
	// Fast path: plain digits.
	var n float64
	plain := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			plain = false
			break
		}
		n = n*10 + float64(c-'0')
	}
	if plain && len(s) <= 15 {
		return n, nil
	}
	if strings.ContainsAny(s, "eE") {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return 0, errNumber
		}
		return f, nil
	}
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	lastDot, lastComma := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	var t string
	switch {
	case dots == 0 && commas == 0:
		t = s
	case dots > 0 && commas > 0:
		if lastComma > lastDot { // 1.250,5
			t = strings.ReplaceAll(s[:lastComma], ".", "") + "." + s[lastComma+1:]
			if !groupsOK(s[:lastComma], '.') {
				return 0, errNumber
			}
		} else { // 1,250.5
			t = strings.ReplaceAll(s[:lastDot], ",", "") + "." + s[lastDot+1:]
			if !groupsOK(s[:lastDot], ',') {
				return 0, errNumber
			}
		}
	case commas == 1: // 8,5: the Indonesian decimal comma
		t = strings.Replace(s, ",", ".", 1)
	case commas > 1: // 1,250,000
		if !groupsOK(s, ',') {
			return 0, errNumber
		}
		t = strings.ReplaceAll(s, ",", "")
	case dots > 1: // 1.250.000
		if !groupsOK(s, '.') {
			return 0, errNumber
		}
		t = strings.ReplaceAll(s, ".", "")
	default: // one dot: thousands when exactly three digits follow and the group before is not 0
		if len(s)-lastDot-1 == 3 && groupsOK(s, '.') {
			t = s[:lastDot] + s[lastDot+1:]
		} else {
			t = s
		}
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !(c >= '0' && c <= '9' || c == '.' || (c == '-' || c == '+') && i == 0) {
			return 0, errNumber
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, errNumber
	}
	return f, nil
}

// groupsOK reports whether s is digits grouped by sep in threes
// ("1.250.000"), with a first group of 1-3 digits not starting with 0.
func groupsOK(s string, sep byte) bool {
	s = strings.TrimLeft(s, "+-")
	parts := strings.Split(s, string(sep))
	for i, p := range parts {
		if i == 0 && (len(p) < 1 || len(p) > 3 || p[0] == '0' && len(p) > 0) {
			return false
		}
		if i > 0 && len(p) != 3 {
			return false
		}
		for j := 0; j < len(p); j++ {
			if p[j] < '0' || p[j] > '9' {
				return false
			}
		}
	}
	return true
}

// parseNIPCell reads an NIP cell. A cell that was a number in the workbook
// has lost its last digits (a double holds 15-17 significant digits):
// scientific notation, a decimal fraction or an 18-digit value ending in
// 000 (no NIP has sequence 000) are refused as ErrNIPNumber, never repaired.
func parseNIPCell(s string) (domain.NIP, error) {
	t := strings.TrimPrefix(s, "'")
	if strings.ContainsAny(t, "eE") && strings.ContainsAny(t, "+.") {
		return domain.NIP{}, ErrNIPNumber
	}
	if i := strings.IndexByte(t, '.'); i > 0 && strings.Trim(t[i:], ".0") == "" && allDigits(t[:i]) {
		return domain.NIP{}, ErrNIPNumber
	}
	if len(t) == 18 && allDigits(t) && strings.HasSuffix(t, "000") {
		return domain.NIP{}, ErrNIPNumber
	}
	if n, ok := plainNIP(t); ok {
		return n, nil
	}
	n, err := domain.ParseNIP(t)
	if errors.Is(err, domain.ErrNIPScientific) {
		return n, ErrNIPNumber
	}
	if err != nil {
		return n, err
	}
	if n.Sequence == "000" { // no NIP is numbered 000; typed with spaces it is simply wrong
		return domain.NIP{}, ErrNIP
	}
	return n, nil
}

// plainNIP is domain.ParseNIP of 18 digits that make a valid NIP — the
// same NIP, Number sharing t's bytes — without its allocation and time
// parsing; ok is false for anything else, which ParseNIP then reads and
// explains.
func plainNIP(t string) (domain.NIP, bool) {
	if len(t) != 18 || !allDigits(t) {
		return domain.NIP{}, false
	}
	y, m, d := atoiOK(t[:4]), atoiOK(t[4:6]), atoiOK(t[6:8])
	if y < 1940 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return domain.NIP{}, false
	}
	year, mm := atoiOK(t[8:12]), atoiOK(t[12:14])
	n := domain.NIP{Number: t, Female: t[14] == '2', Sequence: t[15:]}
	switch {
	case mm >= 1 && mm <= 12 && year >= y+15 && year <= 2100:
		n.Type, n.Appoint = domain.PNS, year*100+mm
	case mm >= 21 && mm <= 29 && year >= y+15 && year >= 2019 && year <= 2100:
		n.Type, n.Appoint = domain.PPPK, year
	default:
		return domain.NIP{}, false
	}
	if t[14] != '1' && t[14] != '2' || n.Sequence == "000" {
		return domain.NIP{}, false
	}
	n.Birth = time.Date(y, time.Month(m), d, 0, 0, 0, 0, domain.WIT)
	return n, true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
