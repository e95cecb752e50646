package domain

import (
	"errors"
	"strings"
	"time"
)

// ASN types, derived from the NIP.
const (
	PNS  = "PNS"
	PPPK = "PPPK"
)

// NIP errors; ParseNIP wraps exactly one of them.
var (
	ErrNIPScientific = errors.New("nip: cell read as a number in scientific notation")
	ErrNIPLength     = errors.New("nip: not 18 digits")
	ErrNIPDigits     = errors.New("nip: contains characters other than digits")
	ErrNIPBirthDate  = errors.New("nip: digits 1-8 are not a valid birth date")
	ErrNIPAppoint    = errors.New("nip: digits 9-14 are not a valid appointment")
	ErrNIPSex        = errors.New("nip: sex digit is not 1 or 2")
)

// NIP is a parsed civil-servant number.
type NIP struct {
	Number   string    // the 18 digits
	Type     string    // PNS or PPPK
	Birth    time.Time // birth date
	Appoint  int       // PNS: YYYYMM of first appointment; PPPK: YYYY
	Female   bool      // sex digit 2
	Sequence string
}

// ParseNIP reads an NIP as typed in a cell. Spaces, dots and a leading
// apostrophe are formatting and are removed; anything that looks like a
// number printed in scientific notation (1.98609262015051e+17) is refused
// with ErrNIPScientific, since its last digits are already lost.
//
// PNS:  YYYYMMDD (birth) YYYYMM (appointment) S (sex 1/2) NNN.
// PPPK: YYYYMMDD (birth) YYYY (appointment year) 2 C (contracts 1-9) S NNN;
// digits 13-14 are 21..29, never a month, which tells the two apart.
func ParseNIP(s string) (NIP, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "'")
	if strings.ContainsAny(s, "eE") && strings.ContainsAny(s, "+.") {
		return NIP{}, ErrNIPScientific
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '\u00a0' || r == '-':
		default:
			return NIP{}, ErrNIPDigits
		}
	}
	d := b.String()
	if len(d) != 18 {
		return NIP{}, ErrNIPLength
	}
	n := NIP{Number: d}
	birth, err := time.ParseInLocation("20060102", d[:8], WIT)
	if err != nil || birth.Year() < 1940 {
		return NIP{}, ErrNIPBirthDate
	}
	n.Birth = birth
	year := atoi(d[8:12])
	mm := atoi(d[12:14])
	switch {
	case mm >= 1 && mm <= 12:
		n.Type = PNS
		n.Appoint = year*100 + mm
		if year < birth.Year()+15 || year > 2100 {
			return NIP{}, ErrNIPAppoint
		}
		n.Female = d[14] == '2'
		if d[14] != '1' && d[14] != '2' {
			return NIP{}, ErrNIPSex
		}
		n.Sequence = d[15:]
	case mm >= 21 && mm <= 29:
		n.Type = PPPK
		n.Appoint = year
		if year < birth.Year()+15 || year < 2019 || year > 2100 {
			return NIP{}, ErrNIPAppoint
		}
		n.Female = d[14] == '2'
		if d[14] != '1' && d[14] != '2' {
			return NIP{}, ErrNIPSex
		}
		n.Sequence = d[15:]
	default:
		return NIP{}, ErrNIPAppoint
	}
	return n, nil
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}
