package auth

import (
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"
)

// idKey is argon2.IDKey over a string password, for tests.
func idKey(pw string, salt []byte, t, m uint32, p uint8, n uint32) []byte {
	return argon2.IDKey([]byte(pw), salt, t, m, p, n)
}

// FuzzCheckPassword: CheckPassword on arbitrary encoded strings never
// panics, and a string that is not a well-formed hash matches nothing.
func FuzzCheckPassword(f *testing.F) {
	h, _ := HashPassword("sandi-benar")
	f.Add(h, "sandi-benar")
	f.Add(h, "salah")
	f.Add(strings.Replace(h, "m=19456", "m=8", 1), "x")
	f.Add("$argon2id$v=19$m=8,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAA", "")
	f.Add("$argon2id$v=19$m=4294967295,t=1,p=255$AAAA$AAAA", "x")
	f.Add("$$$$$", "")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, encoded, pw string) {
		got := CheckPassword(encoded, pw)
		if _, ok := parsePHC(encoded); !ok && got {
			t.Errorf("CheckPassword(%q, %q) = true for a malformed hash", encoded, pw)
		}
		if got && encoded != h && !strings.HasPrefix(encoded, "$argon2id$v=19$") {
			t.Errorf("CheckPassword(%q, %q) = true", encoded, pw)
		}
	})
}
