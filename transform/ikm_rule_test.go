package transform

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/pantau-asn/pantau/internal/domain"
)

// ikmCase is one unit's month of survey answers as sufficient statistics
// (ikm_stats): per element the sum and count of non-blank scores, and the
// unit's users per month (0: unknown).
type ikmCase struct {
	n, users int
	s, c     [9]int
}

// ikmCases generates units: random answers, answers whose IKM is a
// category threshold exactly as a rational number (so that float noise
// lands on either side of it), one answer either side of each threshold,
// an element without answers (a gap), and sample sizes on and next to the
// Krejcie–Morgan minimum of a random population.
func ikmCases(r *rand.Rand) []ikmCase {
	var out []ikmCase
	random := func() ikmCase {
		var k ikmCase
		k.n = 1 + r.IntN(400)
		for i := range k.s {
			k.c[i] = 1 + r.IntN(k.n)
			k.s[i] = k.c[i] + r.IntN(3*k.c[i]+1)
		}
		return k
	}
	// exact spreads total over the nine elements of d answers each.
	exact := func(d, total int) ikmCase {
		k := ikmCase{n: d}
		left := total
		for i := range k.s {
			lo, hi := max(d, left-(8-i)*4*d), min(4*d, left-(8-i)*d)
			k.c[i], k.s[i] = d, lo+r.IntN(hi-lo+1)
			left -= k.s[i]
		}
		return k
	}
	for range 300 {
		out = append(out, random())
	}
	// IKM = 25/9 × Σ s/d = T  ⇔  Σ s = 9·T·d/25; d makes that whole.
	for _, th := range []struct {
		t float64
		d int
	}{{domain.IKMThresholdA, 2500}, {domain.IKMThresholdB, 2500}, {domain.IKMThresholdC, 5}, {100, 1}, {25, 3}} {
		total := int(9*th.t*float64(th.d)/25 + 0.5)
		for range 40 {
			out = append(out, exact(th.d, total))
			if total+1 <= 36*th.d {
				out = append(out, exact(th.d, total+1))
			}
			if total-1 >= 9*th.d {
				out = append(out, exact(th.d, total-1))
			}
		}
	}
	gap := random()
	gap.c[4], gap.s[4] = 0, 0
	out = append(out, gap)
	for i := range out {
		switch r.IntN(4) {
		case 0: // unknown population
		case 1:
			out[i].users = 1 + r.IntN(100000)
			out[i].n = domain.KrejcieMorgan(out[i].users)
		case 2:
			out[i].users = 1 + r.IntN(100000)
			out[i].n = max(domain.KrejcieMorgan(out[i].users)-1, 0)
		default:
			out[i].users = 1 + r.IntN(5000)
		}
	}
	return out
}

// TestIKMRuleSQLMatchesGo holds the two copies of the IKM rules equal:
// ikm_pool.sql and ikm_unit.sql (run by DuckDB over generated ikm_stats and
// unit_layanan rows) against internal/domain's IKM, IKMCategory and
// KrejcieMorgan — the IKM value, its category (both classify the value
// rounded to 9 decimals), and sample_ok.
func TestIKMRuleSQLMatchesGo(t *testing.T) {
	ctx := context.Background()
	cases := ikmCases(rand.New(rand.NewPCG(14, 2026)))
	d, err := Open(ctx, newFixture(t).dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.setParams(ctx, scenarioParams()); err != nil {
		t.Fatal(err)
	}
	var cols []string
	for i := 1; i <= 9; i++ {
		cols = append(cols, fmt.Sprintf("s%d HUGEINT, c%d BIGINT", i, i))
	}
	if err := d.exec(ctx, "CREATE TABLE ikm_stats (month_period VARCHAR, idx INTEGER, unit_code VARCHAR, jenis_layanan VARCHAR, n BIGINT, "+
		strings.Join(cols, ", ")+")"); err != nil {
		t.Fatal(err)
	}
	for i, k := range cases {
		args := []any{"2026-03", 11, fmt.Sprintf("u%04d", i), "", k.n}
		for e := range 9 {
			args = append(args, k.s[e], k.c[e])
		}
		if err := d.exec(ctx, "INSERT INTO ikm_stats VALUES (?"+strings.Repeat(", ?", len(args)-1)+")", args...); err != nil {
			t.Fatal(err)
		}
		var users any
		if k.users > 0 {
			users = k.users
		}
		if err := d.exec(ctx, "INSERT INTO unit_layanan VALUES (?, 'Unit', 'a', NULL, '', ?)", fmt.Sprintf("u%04d", i), users); err != nil {
			t.Fatal(err)
		}
	}
	for _, step := range []string{"ikm_pool", "ikm_unit"} {
		q, err := sqlFiles.ReadFile("sql/" + step + ".sql")
		if err != nil {
			t.Fatal(err)
		}
		if err := d.exec(ctx, "CREATE TABLE "+step+" AS\n"+string(q)); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := d.QueryContext(ctx, "SELECT unit_code, n, ikm, category, sample_ok FROM ikm_unit ORDER BY unit_code")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen, near := 0, 0
	for rows.Next() {
		var code string
		var n int
		var ikm sql.NullFloat64
		var cat sql.NullString
		var ok sql.NullBool
		if err := rows.Scan(&code, &n, &ikm, &cat, &ok); err != nil {
			t.Fatal(err)
		}
		var i int
		fmt.Sscanf(code, "u%d", &i)
		k := cases[i]
		seen++
		var nrr [9]float64
		gap := false
		for e := range 9 {
			if k.c[e] == 0 {
				gap = true
				continue
			}
			nrr[e] = float64(k.s[e]) / float64(k.c[e])
		}
		if gap {
			if ikm.Valid || cat.Valid {
				t.Errorf("%s: an element without answers gives ikm %v, category %v; want NULL", code, ikm, cat)
			}
		} else {
			want := domain.IKM(nrr)
			if !ikm.Valid || ikm.Float64 != want {
				t.Errorf("%s: SQL ikm %v, domain.IKM %v", code, ikm, want)
			}
			if wc := domain.IKMCategory(want); cat.String != wc {
				t.Errorf("%s: ikm %.17g: SQL category %q, domain.IKMCategory %q", code, want, cat.String, wc)
			}
			for _, th := range []float64{domain.IKMThresholdA, domain.IKMThresholdB, domain.IKMThresholdC} {
				if want != th && want > th-1e-9 && want < th+1e-9 {
					near++
				}
			}
		}
		switch {
		case k.users == 0 && ok.Valid:
			t.Errorf("%s: sample_ok %v without a users figure; want NULL", code, ok.Bool)
		case k.users > 0 && (!ok.Valid || ok.Bool != (k.n >= domain.KrejcieMorgan(k.users))):
			t.Errorf("%s: n %d, users %d: SQL sample_ok %v, domain.KrejcieMorgan %d", code, k.n, k.users, ok, domain.KrejcieMorgan(k.users))
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if seen != len(cases) {
		t.Errorf("ikm_unit has %d units; want %d", seen, len(cases))
	}
	t.Logf("%d units, %d with float noise next to a threshold", seen, near)
}
