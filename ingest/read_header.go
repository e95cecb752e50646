package ingest

import (
	"strings"

	"github.com/pantau-asn/pantau/internal/domain"
)

// headerScanRows is how many rows from the top are searched for the header.
const headerScanRows = 20

// headerMatch is how a row of headers maps onto a schema.
type headerMatch struct {
	s       *Schema
	row     int      // 0-based index of the (last) header row
	header  []string // header text per file column (merged parent + child)
	colIdx  []int    // schema column → file column, -1 when absent
	extra   []string // file headers not in the schema
	notes   []string
	matched int
	ok      bool
	missing []string // required columns absent
}

// headerKeys maps each schema's normalised names and aliases to its column.
var headerKeys = func() map[domain.Kind]map[string]int {
	out := map[domain.Kind]map[string]int{}
	for _, k := range domain.Kinds {
		s := SchemaOf(k)
		m := map[string]int{}
		for i, c := range s.Columns {
			for _, a := range c.Aliases {
				if _, dup := m[headerKey(a)]; !dup {
					m[headerKey(a)] = i
				}
			}
		}
		for i, c := range s.Columns { // names win over aliases
			m[headerKey(c.Name)] = i
		}
		out[k] = m
	}
	return out
}()

// headerKeysOf is headerKey of each header cell.
func headerKeysOf(header []string) []string {
	keys := make([]string, len(header))
	for j, h := range header {
		keys[j] = headerKey(h)
	}
	return keys
}

// allHeaderKeys is every kind's header keys together.
var allHeaderKeys = func() map[string]bool {
	out := map[string]bool{}
	for _, keys := range headerKeys {
		for k := range keys {
			out[k] = true
		}
	}
	return out
}()

// anyHeaderKey reports whether any of keys names a column of some kind.
func anyHeaderKey(keys []string) bool {
	for _, k := range keys {
		if allHeaderKeys[k] {
			return true
		}
	}
	return false
}

// matchHeaderKeys maps the header cells onto s; hkeys holds each cell's
// headerKey, computed once per row rather than once per kind.
func matchHeaderKeys(s *Schema, header, hkeys []string) headerMatch {
	m := headerMatch{s: s, header: header, colIdx: make([]int, len(s.Columns))}
	for i := range m.colIdx {
		m.colIdx[i] = -1
	}
	keys := headerKeys[s.Kind]
	var byName []int
	for j, h := range header {
		k := hkeys[j]
		if k == "" {
			continue
		}
		if i, ok := keys[k]; ok && m.colIdx[i] < 0 {
			if c := &s.Columns[i]; c.Type == TypeAnswer {
				// "U8 (Penanganan Pengaduan)": the element's name outranks its number.
				if el := elementOf(normKey(cleanText(h))); el > 0 && el != c.Element {
					byName = append(byName, j)
					continue
				}
			}
			m.colIdx[i] = j
			m.matched++
			continue
		}
		byName = append(byName, j)
	}
	// Survey answers by element name: "Sarana dan Prasarana", "U8 Penanganan Pengaduan".
	for _, j := range byName {
		el := 0
		if s.Kind == domain.Survei {
			el = elementOf(normKey(cleanText(header[j])))
		}
		if el > 0 {
			i := s.slot[answerLake[el-1]]
			if m.colIdx[i] < 0 {
				m.colIdx[i] = j
				m.matched++
				continue
			}
		}
		m.extra = append(m.extra, header[j])
	}
	if s.Kind == domain.Survei {
		m.notes = surveyNotes(s, m)
	}
	m.ok = true
	groups := map[string]bool{}
	for i, c := range s.Columns {
		switch {
		case c.Required && m.colIdx[i] < 0:
			m.ok = false
			m.missing = append(m.missing, c.Name)
		case c.Group != "":
			groups[c.Group] = groups[c.Group] || m.colIdx[i] >= 0
		}
	}
	for g, present := range groups {
		if !present {
			m.ok = false
			var names []string
			for _, c := range s.Columns {
				if c.Group == g {
					names = append(names, c.Name)
				}
			}
			m.missing = append(m.missing, strings.Join(names, " atau "))
		}
	}
	return m
}

// elementOf finds the SKM element a header names; 0 when none or several.
func elementOf(k string) int {
	found := 0
	for e, words := range elementKeywords {
		for _, w := range words {
			if strings.Contains(k, w) {
				if found != 0 && found != e+1 {
					return 0
				}
				found = e + 1
			}
		}
	}
	return found
}

// surveyNotes says, for the receipt, which column was read as each SKM
// element, and warns when a header's U-number disagrees with its name.
func surveyNotes(s *Schema, m headerMatch) []string {
	var parts, notes []string
	for e := 1; e <= 9; e++ {
		i := s.slot[answerLake[e-1]]
		j := m.colIdx[i]
		if j < 0 {
			continue
		}
		h := m.header[j]
		parts = append(parts, "U"+itoa(e)+" ← \""+cleanText(h)+"\"")
		k := headerKey(h)
		if len(k) >= 2 && k[0] == 'u' && k[1] >= '1' && k[1] <= '9' && (len(k) == 2 || k[2] < '0' || k[2] > '9') && int(k[1]-'0') != e {
			notes = append(notes, msgAnswerByName(cleanText(h), e, domain.SKMElements[e-1]))
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return append([]string{msgAnswerMapping(strings.Join(parts, "; "))}, notes...)
}

// mergeHeader combines a parent header row (merged cells spanning several
// columns keep their text only in the first) with the row below it:
// "Tanggal" over "Mulai" | "Selesai" gives "Tanggal Mulai" | "Tanggal Selesai".
func mergeHeader(parent, child []string) []string {
	n := max(len(parent), len(child))
	out := make([]string, n)
	last := ""
	for j := 0; j < n; j++ {
		p, c := cellText(parent, j), cellText(child, j)
		if p != "" {
			last = p
		}
		switch {
		case c == "":
			out[j] = p
		case p != "":
			out[j] = p + " " + c
		case last != "":
			out[j] = last + " " + c
		default:
			out[j] = c
		}
	}
	return out
}

func cellText(row []string, j int) string {
	if j < len(row) {
		return cleanText(row[j])
	}
	return ""
}

// findHeader searches the first rows for the header of any kind; the best
// match (all required columns, most columns matched) wins.
func findHeader(top [][]string, hint domain.Kind) (best headerMatch, closest headerMatch) {
	try := func(m headerMatch) {
		if m.ok && (!best.ok || m.matched > best.matched || m.matched == best.matched && m.s.Kind == hint && best.s.Kind != hint) {
			best = m
		}
		if !m.ok && (closest.s == nil || m.matched > closest.matched) {
			closest = m
		}
	}
	// The rows searched are at most MaxColumns wide (the reader reads no
	// further); each row is cleaned and keyed once for all kinds.
	for i, row := range top {
		if isBlank(row) {
			continue
		}
		clean := cleanRow(row)
		keys := headerKeysOf(clean)
		var merged, mergedKeys []string
		if i > 0 && !isBlank(top[i-1]) {
			merged = mergeHeader(top[i-1], row)
			mergedKeys = headerKeysOf(merged)
		}
		if !anyHeaderKey(keys) && !anyHeaderKey(mergedKeys) {
			// No cell names a column of any kind, so no kind can match:
			// the row only stands for "what was read" in the message.
			try(headerMatch{s: SchemaOf(domain.Kinds[0]), header: clean})
			continue
		}
		for _, k := range domain.Kinds {
			s := SchemaOf(k)
			m := matchHeaderKeys(s, clean, keys)
			m.row = i
			try(m)
			if merged != nil {
				m := matchHeaderKeys(s, merged, mergedKeys)
				m.row = i
				try(m)
			}
		}
	}
	return best, closest
}

func cleanRow(row []string) []string {
	out := make([]string, len(row))
	for j, c := range row {
		out[j] = cleanText(c)
	}
	return out
}

func isBlank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" && cleanText(c) != "" {
			return false
		}
	}
	return true
}

// kindInName finds an upload kind named in a file name.
func kindInName(name string) domain.Kind {
	n := strings.ToLower(name)
	for _, k := range domain.Kinds {
		if strings.Contains(n, string(k)) {
			return k
		}
	}
	switch {
	case strings.Contains(n, "skm"):
		return domain.Survei
	case strings.Contains(n, "skp"):
		return domain.Evaluasi
	case strings.Contains(n, "pelatihan") || strings.Contains(n, "diklat"):
		return domain.Kehadiran
	}
	return ""
}

// expectedColumns lists each kind's required columns for the message on
// unknown headers.
func expectedColumns() string {
	var parts []string
	for _, k := range domain.Kinds {
		s := SchemaOf(k)
		var req []string
		groups := map[string]bool{}
		for _, c := range s.Columns {
			if c.Required {
				req = append(req, c.Name)
			} else if c.Group != "" && !groups[c.Group] {
				groups[c.Group] = true
				var names []string
				for _, d := range s.Columns {
					if d.Group == c.Group {
						names = append(names, d.Name)
					}
				}
				req = append(req, strings.Join(names, " atau "))
			}
		}
		parts = append(parts, k.Label()+" ("+string(k)+"): "+strings.Join(req, ", "))
	}
	return strings.Join(parts, "; ")
}
