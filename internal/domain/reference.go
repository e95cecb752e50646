package domain

import (
	"fmt"
	"regexp"
	"strings"
)

// District is a kabupaten/kota with its Kemendagri code ("81.71").
type District struct {
	Code   string // Kemendagri code "81.71"; never the BPS 4-digit code
	Name   string // "Kota Ambon"
	Remote bool   // daerah tertinggal / terpencil, editable in reference data
	Short  string // short name for charts on a phone ("Malteng"); "" = none
}

// Agency is an instansi that submits uploads.
type Agency struct {
	Code     string // the inbox folder name, see ValidAgencyCode
	Name     string
	District string // district code of its seat
	Expects  []Kind // kinds it must submit monthly
	Short    string // short name for charts on a phone; "" = none
}

// ExpectsKind reports whether a must submit k monthly.
func (a Agency) ExpectsKind(k Kind) bool {
	for _, e := range a.Expects {
		if e == k {
			return true
		}
	}
	return false
}

// Unit is a public-service unit (unit layanan) surveyed for IKM.
type Unit struct {
	Code          string
	Name          string
	Agency        string   // agency code
	District      string   // district code
	ServiceTypes  []string // "Akta Kelahiran", "KTP-el", ...
	UsersPerMonth int      // N for sample adequacy; 0 when unknown
	Short         string   // short name for charts on a phone; "" = none
}

// Reference is the operator-maintained reference data (referensi.xlsx).
type Reference struct {
	Districts []District
	Agencies  []Agency
	Units     []Unit
}

// District returns the district with the given code.
func (r *Reference) District(code string) (District, bool) {
	for _, d := range r.Districts {
		if d.Code == code {
			return d, true
		}
	}
	return District{}, false
}

// Agency returns the agency with the given code.
func (r *Reference) Agency(code string) (Agency, bool) {
	for _, a := range r.Agencies {
		if a.Code == code {
			return a, true
		}
	}
	return Agency{}, false
}

// Unit returns the service unit with the given code.
func (r *Reference) Unit(code string) (Unit, bool) {
	for _, u := range r.Units {
		if u.Code == code {
			return u, true
		}
	}
	return Unit{}, false
}

var agencyCode = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)

// ValidAgencyCode reports whether s can be an agency code: lower-case letters,
// digits and hyphens, as used for inbox folder names ("kota-ambon").
func ValidAgencyCode(s string) bool { return agencyCode.MatchString(s) }

// MalukuDistricts returns the built-in default districts: the 11 of Maluku
// (province 81) with Kemendagri codes. Remote marks the daerah tertinggal of
// Perpres 63/2020; the operator can change the flags in the reference workbook.
func MalukuDistricts() []District {
	return []District{
		{"81.01", "Kabupaten Maluku Tengah", false, "Malteng"},
		{"81.02", "Kabupaten Maluku Tenggara", false, "Malra"},
		{"81.03", "Kabupaten Kepulauan Tanimbar", true, "KKT"},
		{"81.04", "Kabupaten Buru", false, "Buru"},
		{"81.05", "Kabupaten Seram Bagian Timur", true, "SBT"},
		{"81.06", "Kabupaten Seram Bagian Barat", true, "SBB"},
		{"81.07", "Kabupaten Kepulauan Aru", true, "Aru"},
		{"81.08", "Kabupaten Maluku Barat Daya", true, "MBD"},
		{"81.09", "Kabupaten Buru Selatan", true, "Bursel"},
		{"81.71", "Kota Ambon", false, "Ambon"},
		{"81.72", "Kota Tual", false, "Tual"},
	}
}

// districtAliases are extra names people write for a district.
var districtAliases = map[string]string{
	"maluku tenggara barat": "81.03", "mtb": "81.03", "malteng": "81.01",
	"malra": "81.02", "sbt": "81.05", "sbb": "81.06", "mbd": "81.08",
	"bursel": "81.09", "ambon": "81.71", "tual": "81.72",
}

var districtCode = regexp.MustCompile(`^\d{2}\.\d{2}$`)

// ResolveDistrict maps a cell ("Kota Ambon", "Ambon", "Kab. Buru", "81.71")
// to a district code among ds. A 4-digit BPS-style code ("8171") is not
// accepted: the BPS set numbers some districts differently.
func ResolveDistrict(ds []District, s string) (string, error) {
	s = strings.TrimSpace(s)
	if districtCode.MatchString(s) {
		for _, d := range ds {
			if d.Code == s {
				return s, nil
			}
		}
		return "", fmt.Errorf("unknown district code %q", s)
	}
	key := normalizeName(s)
	for _, d := range ds {
		if normalizeName(d.Name) == key || normalizeName(stripDistrictPrefix(d.Name)) == key {
			return d.Code, nil
		}
	}
	if c, ok := districtAliases[key]; ok {
		for _, d := range ds {
			if d.Code == c {
				return c, nil
			}
		}
	}
	return "", fmt.Errorf("unknown district %q", s)
}

func stripDistrictPrefix(name string) string {
	n := normalizeName(name)
	for _, p := range []string{"kabupaten ", "kab ", "kota "} {
		if strings.HasPrefix(n, p) {
			return n[len(p):]
		}
	}
	return n
}

// normalizeName lower-cases, drops punctuation and folds spaces, and strips a
// leading "kabupaten"/"kab" so that "Kab. Buru" and "Kabupaten Buru" agree.
func normalizeName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	n := b.String()
	if strings.HasPrefix(n, "kab ") {
		n = "kabupaten " + n[4:]
	}
	return n
}
