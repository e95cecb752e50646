package auth

import (
	"regexp"
	"strings"
	"testing"
)

// TestHashRoundTrip: a hash checks against its password and no other.
func TestHashRoundTrip(t *testing.T) {
	h, err := HashPassword("kopi-pala-banda")
	if err != nil {
		t.Fatal(err)
	}
	if !CheckPassword(h, "kopi-pala-banda") {
		t.Errorf("CheckPassword(%q, right password) = false; want true", h)
	}
	for _, pw := range []string{"kopi-pala-bandA", "", "kopi-pala-banda "} {
		if CheckPassword(h, pw) {
			t.Errorf("CheckPassword(%q, %q) = true; want false", h, pw)
		}
	}
}

// TestHashFormat: the PHC string names argon2id v19 with OWASP's minimum
// parameters, a 16-byte salt and a 32-byte key.
func TestHashFormat(t *testing.T) {
	h, err := HashPassword("x")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$([A-Za-z0-9+/]{22})\$([A-Za-z0-9+/]{43})$`)
	if !re.MatchString(h) {
		t.Fatalf("HashPassword = %q; want %s", h, re)
	}
	p, ok := parsePHC(h)
	if !ok || p.memory != 19456 || p.time != 2 || p.threads != 1 || len(p.salt) != 16 || len(p.key) != 32 {
		t.Errorf("parsePHC(%q) = %+v, %v; want m=19456 t=2 p=1, 16-byte salt, 32-byte key", h, p, ok)
	}
}

// TestHashSalted: two hashes of one password differ, and both check.
func TestHashSalted(t *testing.T) {
	a, _ := HashPassword("sama")
	b, _ := HashPassword("sama")
	if a == b {
		t.Fatalf("two hashes of one password are equal: %q", a)
	}
	if !CheckPassword(a, "sama") || !CheckPassword(b, "sama") {
		t.Errorf("salted hashes do not check")
	}
}

// TestCheckPasswordParams: the parameters are read from the string, and
// strings out of bounds or malformed match nothing.
func TestCheckPasswordParams(t *testing.T) {
	// Known argon2id output for other parameters (m=64, t=1, p=2).
	h, _ := HashPassword("pw")
	p, _ := parsePHC(h)
	other := "$argon2id$v=19$m=64,t=1,p=2$" + b64.EncodeToString(p.salt) + "$"
	key := idKey("pw", p.salt, 1, 64, 2, 32)
	if !CheckPassword(other+b64.EncodeToString(key), "pw") {
		t.Errorf("CheckPassword with m=64,t=1,p=2 = false; want true")
	}
	salt := b64.EncodeToString(p.salt)
	for _, bad := range []string{
		"",
		"$argon2i$v=19$m=19456,t=2,p=1$" + salt + "$" + b64.EncodeToString(p.key),
		"$argon2id$v=16$m=19456,t=2,p=1$" + salt + "$" + b64.EncodeToString(p.key),
		"$argon2id$v=19$m=99999999,t=2,p=1$" + salt + "$" + b64.EncodeToString(p.key),
		"$argon2id$v=19$m=19456,t=0,p=1$" + salt + "$" + b64.EncodeToString(p.key),
		"$argon2id$v=19$m=19456,t=2,p=0$" + salt + "$" + b64.EncodeToString(p.key),
		"$argon2id$v=19$m=019456,t=2,p=1$" + salt + "$" + b64.EncodeToString(p.key),
		"$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$",
		"$argon2id$v=19$m=19456,t=2,p=1$" + salt + "=$" + b64.EncodeToString(p.key),
		h + "$",
		strings.Replace(h, "p=1", "p=1,x=2", 1),
	} {
		if CheckPassword(bad, "pw") {
			t.Errorf("CheckPassword(%q, pw) = true; want false", bad)
		}
	}
}

// TestNewPassword: 16 characters of the unambiguous alphabet, distinct.
func TestNewPassword(t *testing.T) {
	seen := map[string]bool{}
	for range 200 {
		pw := NewPassword()
		if len(pw) != 16 || strings.ContainsAny(pw, "0O1lI") || strings.Trim(pw, passwordAlphabet) != "" {
			t.Fatalf("NewPassword() = %q; want 16 characters of %q", pw, passwordAlphabet)
		}
		if seen[pw] {
			t.Fatalf("NewPassword() repeated %q", pw)
		}
		seen[pw] = true
	}
	if len(passwordAlphabet) != 57 {
		t.Errorf("alphabet has %d symbols; want 57", len(passwordAlphabet))
	}
}
