package reports

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/pantau-asn/pantau/internal/domain"
)

// chart labels come in three lengths: the full name (tables, tooltips),
// the medium one of short (prefixes abbreviated: "Pemkab Seram Bagian
// Barat", axis labels on a laptop) and the short one of shortLabel (the
// local district abbreviations and the usual agency acronyms: "Pemkab SBB",
// axis labels on a phone and point labels). uniqueLabels makes sure no two
// items of one chart end up with the same label.

// districtShort is a built-in district's name without its Kabupaten/Kota
// prefix and its short name, longest name first so "Buru Selatan" is
// replaced before "Buru".
var districtShort = func() [][2]string {
	var out [][2]string
	for _, d := range domain.MalukuDistricts() {
		base := strings.TrimPrefix(strings.TrimPrefix(d.Name, "Kabupaten "), "Kota ")
		out = append(out, [2]string{base, d.Short})
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i][0]) > len(out[j][0]) })
	return out
}()

// agencyAcronyms are the acronyms Maluku's agencies go by.
var agencyAcronyms = strings.NewReplacer(
	"Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil",
	"Dinas Penanaman Modal dan PTSP", "DPMPTSP",
	"Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP",
	"Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas PUPR",
	"Dinas Pendidikan", "Disdik", "Dinas Kesehatan", "Dinkes",
	"Kementerian Agama", "Kemenag", "Provinsi ", "Prov. ")

// hospital drops a hospital's patron ("RSUD dr. P.P. Magretti Saumlaki" →
// "RSUD Saumlaki"), keeping the type and the town.
var hospital = regexp.MustCompile(`^(RSU[DP]?|RS) dr\. (?:\S+ )+?(\S+)$`)

// aside is a trailing parenthesis ("SAMSAT Maluku (Bapenda Prov. Maluku)").
var aside = regexp.MustCompile(` \([^()]*\)$`)

// shortLabel is the shortest usual name of an agency, unit or district.
func shortLabel(name string) string {
	s := agencyAcronyms.Replace(short(name))
	s = hospital.ReplaceAllString(s, "$1 $2")
	s = aside.ReplaceAllString(s, "")
	for _, d := range districtShort {
		for _, p := range []string{"Kab. ", "Kota ", ""} {
			if s == p+d[0] {
				return d[1]
			}
		}
	}
	for _, d := range districtShort {
		for _, p := range []string{"Kab. ", "Kota ", ""} {
			s = replaceWords(s, p+d[0], d[1])
		}
	}
	return s
}

// replaceWords replaces old in s where it is a whole run of words.
func replaceWords(s, old, new string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, old)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := i + len(old)
		if (i == 0 || s[i-1] == ' ') && (end == len(s) || s[end] == ' ') {
			b.WriteString(s[:i] + new)
		} else {
			b.WriteString(s[:end])
		}
		s = s[end:]
	}
}

// uniqueLabels labels each full name at level (0 short, 1 medium, 2 full);
// items whose labels collide are labelled one level longer until none do,
// and full names that are themselves equal get " (2)", " (3)", ….
func uniqueLabels(full []string, level int) []string { return uniqueLabelsBy(full, level, shortLabel) }

// shortName is the reference workbook's short name of a district, agency
// or unit (Nama Singkat) when it has one, else shortLabel's.
func (d *data) shortName(full string) string {
	if s := d.Shorts[full]; s != "" {
		return s
	}
	return shortLabel(full)
}

// labels are uniqueLabels with the reference workbook's short names.
func (b chartBuilder) labels(full []string, level int) []string {
	return uniqueLabelsBy(full, level, b.d.shortName)
}

// uniqueLabelsBy is uniqueLabels with shortest making the short labels.
func uniqueLabelsBy(full []string, level int, shortest func(string) string) []string {
	labelLevels := []func(string) string{shortest, short, func(s string) string { return s }}
	lv := make([]int, len(full))
	out := make([]string, len(full))
	for i := range lv {
		lv[i] = level
	}
	for {
		for i, n := range full {
			out[i] = labelLevels[lv[i]](n)
		}
		seen := map[string][]int{}
		for i, l := range out {
			seen[l] = append(seen[l], i)
		}
		changed := false
		for _, idx := range seen {
			if len(idx) < 2 {
				continue
			}
			for _, i := range idx {
				if lv[i] < len(labelLevels)-1 {
					lv[i]++
					changed = true
				}
			}
		}
		if !changed {
			break
		}
	}
	count := map[string]int{}
	for i, l := range out {
		count[l]++
		if count[l] > 1 {
			out[i] = fmt.Sprintf("%s (%d)", l, count[l])
		}
	}
	return out
}
