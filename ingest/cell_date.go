package ingest

import (
	"errors"
	"strings"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
)

var errDate = errors.New("not a date")

// daysFromCivil is the number of days from 1970-01-01 to y-m-d in the
// proleptic Gregorian calendar (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int) int32 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int32(era*146097 + doe - 719468)
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int32) (y, m, d int) {
	t := time.Unix(int64(z)*86400, 0).UTC()
	return t.Year(), int(t.Month()), t.Day()
}

// dateTime turns a date32 into midnight WIT of that day.
func dateTime(z int32) time.Time {
	y, m, d := civilFromDays(z)
	return domain.Date(y, time.Month(m), d)
}

func validDate(y, m, d int) bool {
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= daysIn(y, m)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// serialDate converts an Excel date serial to days since 1970-01-01. In the
// 1900 system serial 1 is 1900-01-01 and serial 60 is the 29 February 1900
// that never was (Lotus's leap-year bug, kept by Excel): it is refused, and
// serials after it are one day late. In the 1904 system serial 0 is
// 1904-01-01. A time of day (the fraction) is dropped.
func serialDate(serial float64, date1904 bool) (int32, bool) {
	if serial != serial || serial < 0 || serial > 2958465 {
		return 0, false
	}
	n := int32(serial)
	if date1904 {
		return daysFromCivil(1904, 1, 1) + n, true
	}
	switch {
	case n < 1 || n == 60:
		return 0, false
	case n < 60:
		return daysFromCivil(1899, 12, 31) + n, true
	}
	return daysFromCivil(1899, 12, 30) + n, true
}

// parseDate reads a date cell: an Excel serial (a raw date cell), or text
// "05/10/2026", "5-10-2026", "5.10.2026", "2026-10-05", "5 Oktober 2026",
// "5 Okt 2026", "05-Okt-26". Day first, always: "03/04/2026" is 3 April.
// A time after the date ("2026-10-05 08:00:00", "…T08:00") is ignored.
func parseDate(s string, date1904 bool) (int32, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, errDate
	}
	if isSerial(s) {
		f, err := parseNumber(s)
		if err != nil {
			return 0, errDate
		}
		// A bare year ("2026") is serial 2026, a day in 1905: no date in
		// these uploads is that old, so serials before 1920 (or after 2200) are refused.
		if d, ok := serialDate(f, date1904); ok && d >= daysFromCivil(1920, 1, 1) && d <= daysFromCivil(2200, 12, 31) {
			return d, nil
		}
		return 0, errDate
	}
	s = stripWeekday(s)
	if i := strings.IndexAny(s, "T "); i == 10 && s[4] == '-' {
		s = s[:10] // ISO date with a time
	}
	var parts [3]string
	n := 0
	start := -1
	alpha := false
	for i := 0; i <= len(s); i++ {
		sep := i == len(s) || s[i] == '/' || s[i] == '-' || s[i] == '.' || s[i] == ' ' || s[i] == ','
		if !sep {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if n == 3 {
				if isClock(s[start:]) {
					break // "5/10/2026 08:00"
				}
				return 0, errDate
			}
			parts[n] = s[start:i]
			n++
			start = -1
		}
	}
	if n != 3 {
		return 0, errDate
	}
	var y, m, d int
	for _, p := range parts {
		if !allDigits(p) {
			alpha = true
		}
	}
	switch {
	case len(parts[0]) == 4 && allDigits(parts[0]): // yyyy-mm-dd
		y, m, d = atoiOK(parts[0]), atoiOK(parts[1]), atoiOK(parts[2])
		if alpha {
			return 0, errDate
		}
	default: // dd mm yyyy, month maybe a word
		d, y = atoiOK(parts[0]), atoiOK(parts[2])
		if allDigits(parts[1]) {
			m = atoiOK(parts[1])
		} else if mo, ok := domain.ParseMonth(parts[1]); ok {
			m = int(mo)
		} else {
			return 0, errDate
		}
		if len(parts[2]) == 2 && y >= 0 {
			y += 2000
		} else if len(parts[2]) != 4 {
			return 0, errDate
		}
		if len(parts[0]) > 2 {
			return 0, errDate
		}
	}
	if !validDate(y, m, d) {
		return 0, errDate
	}
	return daysFromCivil(y, m, d), nil
}

// stripWeekday drops a leading day name: "Senin, 5 Oktober 2026".
func stripWeekday(s string) string {
	i := strings.IndexAny(s, ", ")
	if i <= 0 {
		return s
	}
	switch strings.ToLower(s[:i]) {
	case "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
		return strings.TrimLeft(s[i:], ", ")
	}
	return s
}

// isSerial reports whether s looks like a raw numeric cell: digits with an
// optional fraction, no other separators.
func isSerial(s string) bool {
	dot := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && i > 0:
			dot = true
		default:
			return false
		}
	}
	// "5.10.2026" has two dots and is text; "2026" alone is not a date.
	return len(s) > 0 && (dot || len(s) <= 7) && !(len(s) == 8 && !dot)
}

func isClock(s string) bool {
	return len(s) >= 4 && s[0] >= '0' && s[0] <= '9' && strings.ContainsAny(s, ":.")
}

// atoiOK parses a short run of digits; -1 when it is not one.
func atoiOK(s string) int {
	if len(s) == 0 || len(s) > 9 {
		return -1
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// formatDate writes a date32 as dd/mm/yyyy for messages.
func formatDate(z int32) string {
	y, m, d := civilFromDays(z)
	return twoDigits(d) + "/" + twoDigits(m) + "/" + itoa(y)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + itoa(n)
	}
	return itoa(n)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// timeMonth is time.Month, named here to keep conversions short.
type timeMonth = time.Month
