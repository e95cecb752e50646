package reports

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
)

// Format writes numbers, dates and times for the report's readers:
// Indonesian by default (12.345 ; 88,31 ; 63,4 % ; 5 Februari 2026 ; 07.00 WIT),
// English with Lang "en" (12,345 ; 88.31 ; 63.4% ; 5 February 2026 ; 07:00 WIT).
type Format struct {
	Lang string // "id" (default) or "en"
}

func (f Format) en() bool { return f.Lang == "en" }

// Int formats n with thousands separators: 12.345.
func (f Format) Int(n int) string {
	s := strconv.Itoa(abs(n))
	sep := "."
	if f.en() {
		sep = ","
	}
	var b strings.Builder
	if n < 0 {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Dec formats v with exactly digits decimals and thousands separators: 88,31.
func (f Format) Dec(v float64, digits int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', digits, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.Atoi(intPart)
	out := f.Int(n)
	if frac != "" {
		if f.en() {
			out += "." + frac
		} else {
			out += "," + frac
		}
	}
	if v < 0 && strings.Trim(s, "0.") != "" {
		out = "-" + out
	}
	return out
}

// Pct formats a share 0..1 as a percentage with one decimal: 63,4 % (en: 63.4%).
func (f Format) Pct(share float64) string {
	if f.en() {
		return f.Dec(share*100, 1) + "%"
	}
	return f.Dec(share*100, 1) + " %"
}

// Points formats a change in shares as signed percentage points: +2,5 poin.
func (f Format) Points(delta float64) string {
	unit := " poin"
	if f.en() {
		unit = " pp"
	}
	return signed(f.Dec(delta*100, 1), delta) + unit
}

// gap formats the size of a difference in shares, unsigned: 12,3 poin.
func (f Format) Gap(delta float64) string {
	unit := " poin"
	if f.en() {
		unit = " pp"
	}
	return f.Dec(math.Abs(delta)*100, 1) + unit
}

// Signed formats v with digits decimals and an explicit sign: +1,25.
func (f Format) Signed(v float64, digits int) string { return signed(f.Dec(v, digits), v) }

func signed(s string, v float64) string {
	if v > 0 && strings.Trim(s, "0.,") != "" {
		return "+" + s
	}
	return s
}

// opt formats an optional number with digits decimals, "–" when absent.
func (f Format) Opt(o opt, digits int) string {
	if !o.OK {
		return "–"
	}
	return f.Dec(o.V, digits)
}

// Date formats the calendar date of t in WIT: 5 Februari 2026.
func (f Format) Date(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	t = t.In(domain.WIT)
	name := domain.MonthNames[t.Month()-1]
	if f.en() {
		name = t.Month().String()
	}
	return strconv.Itoa(t.Day()) + " " + name + " " + strconv.Itoa(t.Year())
}

// Time formats the clock time of t in WIT: 07.00 WIT (en: 07:00 WIT).
func (f Format) Time(t time.Time) string {
	t = t.In(domain.WIT)
	if f.en() {
		return t.Format("15:04") + " WIT"
	}
	return t.Format("15.04") + " WIT"
}

// DateTime is Date and Time: 5 Februari 2026 07.00 WIT.
func (f Format) DateTime(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return f.Date(t) + " " + f.Time(t)
}

// Period formats a month for people: Oktober 2026.
func (f Format) Period(p domain.Period) string { return domain.PeriodLabel(p, f.lang()) }

// Month is a month's short label for chart axes: Okt 2026 (en: Oct 2026).
func (f Format) Month(p domain.Period) string {
	if f.en() {
		return p.Month.String()[:3] + " " + strconv.Itoa(p.Year)
	}
	return domain.MonthShort[p.Month-1] + " " + strconv.Itoa(p.Year)
}

func (f Format) lang() string {
	if f.en() {
		return "en"
	}
	return "id"
}
