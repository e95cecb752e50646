package domain

import (
	"strconv"
	"strings"
	"time"
)

// MonthNames are the Indonesian month names, January first.
var MonthNames = [12]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni",
	"Juli", "Agustus", "September", "Oktober", "November", "Desember"}

// MonthShort are the Indonesian month abbreviations, January first.
var MonthShort = [12]string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun",
	"Jul", "Agu", "Sep", "Okt", "Nov", "Des"}

// monthWords maps every accepted lower-case spelling, including older ones
// (Pebruari, Nopember, Agt, Agust, Peb, Nop) and English names, to its month.
var monthWords = func() map[string]time.Month {
	m := map[string]time.Month{
		"pebruari": time.February, "peb": time.February, "nopember": time.November,
		"nop": time.November, "agt": time.August, "agust": time.August, "agus": time.August,
		"okt": time.October, "des": time.December, "sept": time.September,
	}
	for i := 0; i < 12; i++ {
		mo := time.Month(i + 1)
		m[strings.ToLower(MonthNames[i])] = mo
		m[strings.ToLower(MonthShort[i])] = mo
		m[strings.ToLower(mo.String())] = mo
		m[strings.ToLower(mo.String()[:3])] = mo
	}
	return m
}()

// ParseMonth returns the month named by word (Indonesian or English, full or
// short, any case, older spellings accepted).
func ParseMonth(word string) (time.Month, bool) {
	m, ok := monthWords[strings.ToLower(strings.TrimSuffix(strings.TrimSpace(word), "."))]
	return m, ok
}

// PeriodLabel formats p for people: "Oktober 2026", or "October 2026" in English.
func PeriodLabel(p Period, lang string) string {
	if lang == "en" {
		return p.Month.String() + " " + strconv.Itoa(p.Year)
	}
	return MonthNames[p.Month-1] + " " + strconv.Itoa(p.Year)
}
