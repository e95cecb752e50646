package transform

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// canonicalValues are, for each enumerated column the metric SQL compares
// with literals, the values it may be compared with (internal/domain; the
// ledger's statuses for uploads.status).
func canonicalValues() map[string][]string {
	var kinds []string
	for _, k := range domain.Kinds {
		kinds = append(kinds, string(k))
	}
	uploadStatus := []string{string(lake.Accepted), string(lake.Partial), string(lake.Rejected), string(lake.Duplicate),
		"tidak ada"} // completeness: nothing received
	return map[string][]string{
		"status_kehadiran":   domain.AttendanceStatuses,
		"mode":               domain.TrainingModes,
		"bentuk":             domain.TrainingForms,
		"kategori":           domain.TrainingCategories,
		"jenis_asn":          domain.ASNTypes,
		"jenis_kelamin":      domain.Sexes,
		"predikat":           domain.Predikats,
		"rating_hasil_kerja": domain.Ratings,
		"rating_perilaku":    domain.Ratings,
		"tindak_lanjut":      domain.FollowUps,
		"jenis_periode":      domain.EvalPeriodTypes,
		"kind":               kinds,
		// pegawai.status (roster_rows.sql) and uploads.status
		// (completeness.sql) share the name; either set is accepted.
		"status": append(append([]string{""}, domain.StaffStatuses...), uploadStatus...),
	}
}

var (
	sqlComment = regexp.MustCompile(`--[^\n]*`)
	// x.col = 'v', col <> 'v'
	litCompare = regexp.MustCompile(`(?:\w+\.)?(\w+)\)?\s*(?:=|<>|!=)\s*'([^']*)'`)
	// x.col [NOT] IN ('a', 'b')
	litIn = regexp.MustCompile(`(?i)(?:\w+\.)?(\w+)\s+(?:NOT\s+)?IN\s*\(\s*('[^)]*)\)`)
	// 'v' AS col
	litAs = regexp.MustCompile(`(?i)'([^']*)'\s+AS\s+(\w+)`)
	// coalesce(x.col, 'v')
	litCoalesce = regexp.MustCompile(`(?i)coalesce\(\s*(?:\w+\.)?(\w+)\s*,\s*'([^']*)'\s*\)`)
	// CASE … THEN 'a' ELSE 'b' END AS col (innermost CASE)
	litCase     = regexp.MustCompile(`(?is)\bCASE\b((?:[^C]|C[^A]|CA[^S]|CAS[^E])*?)\bEND\s+AS\s+(\w+)`)
	litThenElse = regexp.MustCompile(`(?i)\b(?:THEN|ELSE)\s+'([^']*)'`)
	quoted      = regexp.MustCompile(`'([^']*)'`)
	// kind = 'k' AND x.expects_k
	kindExpects = regexp.MustCompile(`kind\s*=\s*'(\w+)'\s+AND\s+\w+\.expects_(\w+)`)
	// the kinds CTE: WITH kinds AS ( SELECT 'pegawai' AS kind, 1 AS ord UNION ALL … )
	kindsCTE = regexp.MustCompile(`(?s)kinds AS \((.*?)\n\)`)
)

// TestSQLLiteralsAreCanonical: every string literal transform/sql/*.sql
// compares an enumerated column with (=, <>, IN, coalesce, CASE … AS, 'v'
// AS col) is one of internal/domain's values for that column; the kinds
// listed in completeness.sql are domain.Kinds in order, each paired with
// its own expects_ column.
func TestSQLLiteralsAreCanonical(t *testing.T) {
	allowed := canonicalValues()
	files, err := fs.Glob(sqlFiles, "sql/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatal(files, err)
	}
	checked := map[string]int{}
	for _, name := range files {
		b, err := sqlFiles.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		q := sqlComment.ReplaceAllString(string(b), "")
		problems := checkSQLLiterals(q, allowed, checked)
		for _, p := range problems {
			t.Errorf("%s: %s", name, p)
		}
	}
	t.Logf("literals checked by column: %v", checked)
	// The patterns find the literals that are there: a pattern that stopped
	// matching would let every literal through.
	for _, col := range []string{"status_kehadiran", "bentuk", "mode", "kategori", "jenis_asn", "status", "kind"} {
		if checked[col] == 0 {
			t.Errorf("no literal compared with %s found in transform/sql; the test's patterns no longer match", col)
		}
	}
	b, _ := sqlFiles.ReadFile("sql/completeness.sql")
	m := kindsCTE.FindStringSubmatch(string(b))
	if m == nil {
		t.Fatal("completeness.sql: no kinds CTE")
	}
	var listed []string
	for _, l := range quoted.FindAllStringSubmatch(m[1], -1) {
		listed = append(listed, l[1])
	}
	if !slices.Equal(listed, allowed["kind"]) {
		t.Errorf("completeness.sql lists kinds %v; domain.Kinds is %v", listed, allowed["kind"])
	}
	pairs := kindExpects.FindAllStringSubmatch(string(b), -1)
	var paired []string
	for _, p := range pairs {
		if p[1] != p[2] {
			t.Errorf("completeness.sql pairs kind %s with expects_%s", p[1], p[2])
		}
		paired = append(paired, p[1])
	}
	if !slices.Equal(paired, allowed["kind"]) {
		t.Errorf("completeness.sql pairs kinds %v with expects_ columns; want %v", paired, allowed["kind"])
	}
}

// checkSQLLiterals returns the literals of q compared with an enumerated
// column that are not among its allowed values, counting those checked.
func checkSQLLiterals(q string, allowed map[string][]string, checked map[string]int) []string {
	var problems []string
	check := func(col, v, how string) {
		vals, ok := allowed[col]
		if !ok {
			return
		}
		checked[col]++
		if !slices.Contains(vals, v) {
			problems = append(problems, how+": '"+v+"' is not a value of "+col+" ("+strings.Join(vals, ", ")+")")
		}
	}
	for _, m := range litCompare.FindAllStringSubmatch(q, -1) {
		check(m[1], m[2], m[0])
	}
	for _, m := range litIn.FindAllStringSubmatch(q, -1) {
		for _, l := range quoted.FindAllStringSubmatch(m[2], -1) {
			check(m[1], l[1], m[0])
		}
	}
	for _, m := range litAs.FindAllStringSubmatch(q, -1) {
		check(m[2], m[1], m[0])
	}
	for _, m := range litCoalesce.FindAllStringSubmatch(q, -1) {
		check(m[1], m[2], m[0])
	}
	for _, m := range litCase.FindAllStringSubmatch(q, -1) {
		for _, l := range litThenElse.FindAllStringSubmatch(m[1], -1) {
			check(m[2], l[1], "CASE … END AS "+m[2])
		}
	}
	return problems
}

// TestSQLLiteralCheckCatches: the check finds a literal outside the
// canonical values in each form it reads.
func TestSQLLiteralCheckCatches(t *testing.T) {
	for _, q := range []string{
		"WHERE k.status_kehadiran = 'hadir'",
		"WHERE k.mode IN ('Luring', 'Online')",
		"SELECT 'absen' AS status_kehadiran",
		"SELECT coalesce(s.status, 'kosong') AS status",
		"SELECT CASE WHEN x THEN 'Luring' ELSE 'Hybrid' END AS mode",
		"WHERE u.kind <> 'pelatihan'",
	} {
		if p := checkSQLLiterals(q, canonicalValues(), map[string]int{}); len(p) != 1 {
			t.Errorf("%s: problems %v; want one", q, p)
		}
	}
}
