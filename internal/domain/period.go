package domain

import (
	"fmt"
	"time"
	_ "time/tzdata" // Asia/Jayapura must resolve on machines without a zoneinfo database.
)

// TimeZone is the IANA name of WIT (UTC+9, no daylight saving), Ambon's time zone.
// There is no Asia/Ambon.
const TimeZone = "Asia/Jayapura"

// WIT is the Asia/Jayapura location; every date in Pantau is read in it.
var WIT = mustLoad(TimeZone)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // embedded tzdata makes this unreachable
	}
	return loc
}

// Period is a reporting month. The zero Period is invalid.
type Period struct {
	Year  int
	Month time.Month
}

// ParsePeriod parses "YYYY-MM".
func ParsePeriod(s string) (Period, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil || len(s) != 7 {
		return Period{}, fmt.Errorf("invalid period %q: want YYYY-MM", s)
	}
	return Period{t.Year(), t.Month()}, nil
}

// MustPeriod is ParsePeriod for literals in tests and tables; it panics on error.
func MustPeriod(s string) Period {
	p, err := ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}

// PeriodOf is the period containing t, read in WIT.
func PeriodOf(t time.Time) Period {
	t = t.In(WIT)
	return Period{t.Year(), t.Month()}
}

// String formats p as "YYYY-MM".
func (p Period) String() string { return fmt.Sprintf("%04d-%02d", p.Year, int(p.Month)) }

// IsZero reports whether p is the zero Period.
func (p Period) IsZero() bool { return p.Year == 0 && p.Month == 0 }

// Add returns p moved by n months (n may be negative).
func (p Period) Add(n int) Period {
	m := p.Year*12 + int(p.Month) - 1 + n
	return Period{m / 12, time.Month(m%12 + 1)}
}

// Index is a month count usable for differences: b.Index()-a.Index() months.
func (p Period) Index() int { return p.Year*12 + int(p.Month) - 1 }

// Before reports whether p is earlier than q.
func (p Period) Before(q Period) bool { return p.Index() < q.Index() }

// Start is the first instant of p in WIT.
func (p Period) Start() time.Time { return time.Date(p.Year, p.Month, 1, 0, 0, 0, 0, WIT) }

// FirstDay is the first calendar day of p (a date at midnight WIT).
func (p Period) FirstDay() time.Time { return p.Start() }

// LastDay is end(P): the last calendar day of p, at midnight WIT.
func (p Period) LastDay() time.Time { return p.Add(1).Start().AddDate(0, 0, -1) }

// Contains reports whether the calendar date of t (read in WIT) falls in p.
func (p Period) Contains(t time.Time) bool { return PeriodOf(t) == p }

// YearStart is 1 January of p's year: the start of YTD.
func (p Period) YearStart() Period { return Period{p.Year, time.January} }

// Window returns the n periods ending with p, oldest first (W12 is Window(12)).
func (p Period) Window(n int) []Period {
	out := make([]Period, n)
	for i := range out {
		out[i] = p.Add(i - n + 1)
	}
	return out
}

// Date returns the calendar date y-m-d at midnight WIT.
func Date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, WIT) }

// Deadline is when uploads for p are due: the end (23:59:59 WIT) of day
// day of the month after p.
func Deadline(p Period, day int) time.Time {
	n := p.Add(1)
	return time.Date(n.Year, n.Month, day, 23, 59, 59, 0, WIT)
}
