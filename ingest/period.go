package ingest

import (
	"strings"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
)

// Evaluation period kinds (jenis_periode in the lake).
const (
	Bulanan  = "bulanan"
	Triwulan = "triwulan"
	Semester = "semester"
	Tahunan  = "tahunan"
)

var romans = []string{"i", "ii", "iii", "iv"}

// evalPeriod is a parsed Periode Penilaian.
type evalPeriod struct {
	Text       string // canonical: "Oktober 2026", "Triwulan III 2026", "Semester I 2026", "Tahunan 2025"
	Kind       string
	Start, End int32 // first and last day (date32)
}

// parseEvalPeriod reads an evaluation period: "2026-09", "09/2026",
// "September 2026", "Triwulan III 2026", "TW 3 2026", "Q3 2026",
// "Semester I 2026", "Semester 2 2026", "Tahunan 2025", "Tahun 2025", "2025".
func parseEvalPeriod(s string) (evalPeriod, bool) {
	words := splitWords(strings.ToLower(s))
	if len(words) == 0 {
		return evalPeriod{}, false
	}
	year := atoiOK(words[len(words)-1])
	if len(words[len(words)-1]) != 4 || year < 1990 || year > 2200 {
		// "2026-09" reads as [2026 09]
		if len(words) == 2 && len(words[0]) == 4 {
			if y, m := atoiOK(words[0]), atoiOK(words[1]); y >= 1990 && y <= 2200 && m >= 1 && m <= 12 {
				return monthly(y, m), true
			}
		}
		return evalPeriod{}, false
	}
	head := words[:len(words)-1]
	switch len(head) {
	case 0:
		return yearly(year), true
	case 1:
		w := head[0]
		if m := atoiOK(w); m >= 1 && m <= 12 {
			return monthly(year, m), true
		}
		if mo, ok := domain.ParseMonth(w); ok {
			return monthly(year, int(mo)), true
		}
		switch {
		case w == "tahunan" || w == "tahun" || w == "annual" || w == "th":
			return yearly(year), true
		case len(w) == 2 && w[0] == 'q' && w[1] >= '1' && w[1] <= '4':
			return quarter(year, int(w[1]-'0')), true
		case len(w) == 3 && w[:2] == "tw" && w[2] >= '1' && w[2] <= '4':
			return quarter(year, int(w[2]-'0')), true
		case len(w) == 2 && w[0] == 's' && w[1] >= '1' && w[1] <= '2':
			return half(year, int(w[1]-'0')), true
		}
	case 2:
		n := ordinal(head[1])
		switch head[0] {
		case "triwulan", "tw", "kuartal", "quarter", "q", "trimester":
			if n >= 1 && n <= 4 {
				return quarter(year, n), true
			}
		case "semester", "smt", "sem", "s":
			if n >= 1 && n <= 2 {
				return half(year, n), true
			}
		case "bulan":
			if mo, ok := domain.ParseMonth(head[1]); ok {
				return monthly(year, int(mo)), true
			}
		}
	}
	return evalPeriod{}, false
}

func ordinal(w string) int {
	if n := atoiOK(w); n > 0 {
		return n
	}
	for i, r := range romans {
		if w == r {
			return i + 1
		}
	}
	return -1
}

func monthly(y, m int) evalPeriod {
	return evalPeriod{domain.MonthNames[m-1] + " " + itoa(y), Bulanan,
		daysFromCivil(y, m, 1), daysFromCivil(y, m, daysIn(y, m))}
}

func quarter(y, q int) evalPeriod {
	return evalPeriod{"Triwulan " + strings.ToUpper(romans[q-1]) + " " + itoa(y), Triwulan,
		daysFromCivil(y, 3*q-2, 1), daysFromCivil(y, 3*q, daysIn(y, 3*q))}
}

func half(y, h int) evalPeriod {
	return evalPeriod{"Semester " + strings.ToUpper(romans[h-1]) + " " + itoa(y), Semester,
		daysFromCivil(y, 6*h-5, 1), daysFromCivil(y, 6*h, daysIn(y, 6*h))}
}

func yearly(y int) evalPeriod {
	return evalPeriod{"Tahunan " + itoa(y), Tahunan, daysFromCivil(y, 1, 1), daysFromCivil(y, 12, 31)}
}

// splitWords splits s at anything that is not a letter or digit.
func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
}

// periodInText finds a reporting period in a file name or title:
// "2026-10", "2026_10", "10-2026", or a month name followed by a year
// ("Oktober 2026", "okt_2026"). It returns every distinct period found.
func periodsInText(s string) []domain.Period {
	words := splitWords(s)
	var out []domain.Period
	add := func(p domain.Period) {
		for _, q := range out {
			if q == p {
				return
			}
		}
		out = append(out, p)
	}
	for i := 0; i+1 < len(words); i++ {
		a, b := words[i], words[i+1]
		switch {
		case len(a) == 4 && allDigits(a) && len(b) == 2 && allDigits(b):
			if y, m := atoiOK(a), atoiOK(b); plausibleYear(y) && m >= 1 && m <= 12 {
				add(domain.Period{Year: y, Month: time.Month(m)})
				i++
			}
		case len(a) <= 2 && allDigits(a) && len(b) == 4 && allDigits(b):
			if m, y := atoiOK(a), atoiOK(b); plausibleYear(y) && m >= 1 && m <= 12 {
				// "10-2026" but not the day of "05-10-2026": a preceding number makes it a date.
				if i == 0 || !allDigits(words[i-1]) {
					add(domain.Period{Year: y, Month: time.Month(m)})
					i++
				}
			}
		case !allDigits(a) && len(b) == 4 && allDigits(b):
			// "Oktober 2026", but not the month of a full date ("dicetak 5 November 2026").
			if mo, ok := domain.ParseMonth(a); ok && plausibleYear(atoiOK(b)) && (i == 0 || len(words[i-1]) > 2 || !allDigits(words[i-1])) {
				add(domain.Period{Year: atoiOK(b), Month: mo})
				i++
			}
		}
	}
	// "202610" written together.
	if len(out) == 0 {
		for _, w := range words {
			if len(w) == 6 && allDigits(w) {
				if y, m := atoiOK(w[:4]), atoiOK(w[4:]); plausibleYear(y) && m >= 1 && m <= 12 {
					add(domain.Period{Year: y, Month: time.Month(m)})
				}
			}
		}
	}
	return out
}

func plausibleYear(y int) bool { return y >= 2000 && y <= 2100 }
