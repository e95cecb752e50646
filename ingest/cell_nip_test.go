package ingest

import (
	"errors"
	"reflect"
	"testing"

	"github.com/pantau-asn/pantau/internal/domain"
)

// plainNIPMatches checks plainNIP against domain.ParseNIP: when it
// answers, it is ParseNIP's NIP exactly; when ParseNIP accepts 18 digits
// with a sequence other than 000, plainNIP answers.
func plainNIPMatches(t *testing.T, s string) {
	t.Helper()
	got, ok := plainNIP(s)
	want, err := domain.ParseNIP(s)
	if ok && (err != nil || !reflect.DeepEqual(got, want) || !got.Birth.Equal(want.Birth)) {
		t.Fatalf("plainNIP(%q) = %+v; ParseNIP %+v, %v", s, got, want, err)
	}
	if !ok && err == nil && len(s) == 18 && allDigits(s) && want.Sequence != "000" {
		t.Fatalf("plainNIP(%q) refuses what ParseNIP reads: %+v", s, want)
	}
	// And the cell reader answers as it did before the fast path.
	n, cerr := parseNIPCell(s)
	if cerr == nil && ok && !reflect.DeepEqual(n, got) {
		t.Fatalf("parseNIPCell(%q) = %+v; plainNIP %+v", s, n, got)
	}
	if cerr != nil && ok && !errors.Is(cerr, ErrNIPNumber) {
		t.Fatalf("parseNIPCell(%q) fails with %v where plainNIP reads %+v", s, cerr, got)
	}
}

func TestPlainNIPMatchesParseNIP(t *testing.T) {
	for _, s := range []string{
		"198609262015051001", "198609262015052001", "198609262015053001", "198609262015051000",
		"193912312015051001", "194001012015051001", "200002292020121001", "190002292020121001",
		"200102292020121001", "198604312015051001", "198613012015051001", "198600012015051001",
		"198609002015051001", "198609262015001001", "198609262015131001", "198609262021211001",
		"198609262018211001", "198609262019291001", "198609262019301001", "208609262101051001",
		"198609262100121001", "198609262101121001", "199012312005121001", "199012312006011002",
		"19860926201505100", "1986092620150510011", "19860926201505100a", " 98609262015051001",
	} {
		plainNIPMatches(t, s)
	}
	// Every birth day of a leap and a common year, and many appointments.
	for _, y := range []string{"1996", "1997", "2000", "1900"} {
		for m := 1; m <= 13; m++ {
			for d := 0; d <= 32; d++ {
				plainNIPMatches(t, y+twoDigits(m)+twoDigits(d)+"2015051001")
			}
		}
	}
	for ym := 200000; ym < 210100; ym += 7 {
		plainNIPMatches(t, "19800101"+itoa(ym)+"2"+twoDigits(ym%100)+"7")
	}
}

func FuzzPlainNIP(f *testing.F) {
	f.Add("198609262015051001")
	f.Add("199602292021221002")
	f.Fuzz(func(t *testing.T, s string) { plainNIPMatches(t, s) })
}

// TestTrainingExactMatchesFolded: the exact spellings answer as their
// folded forms do.
func TestTrainingExactMatchesFolded(t *testing.T) {
	for s, i := range trainingExact {
		if j, ok := trainingKeys[normKey(s)]; !ok || i != j {
			t.Errorf("%q: exact %d, folded %d %v", s, i, j, ok)
		}
	}
}
