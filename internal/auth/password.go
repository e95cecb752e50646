package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// The argon2id cost: OWASP's minimum (19 MiB, two passes, one lane), about
// 50 ms per hash here, which is what every login spends.
const (
	argonMemory  = 19456 // KiB
	argonTime    = 2
	argonThreads = 1
	saltLen      = 16
	keyLen       = 32
)

// Bounds CheckPassword accepts for the parameters of an encoded hash, so a
// hostile or corrupt string cannot make it spend gigabytes or minutes.
const (
	maxMemory  = 1 << 18 // KiB (256 MiB)
	maxTime    = 16
	maxThreads = 16
	minPart    = 8  // bytes of salt or key, at least
	maxPart    = 64 // bytes of salt or key, at most
)

// b64 is the PHC encoding of salt and key: standard base64 without padding.
var b64 = base64.RawStdEncoding

// HashPassword returns pw hashed with argon2id and a random 16-byte salt,
// as a PHC string: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: hash password: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, keyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether pw matches the PHC string encoded, hashing
// it with the parameters the string names and comparing in constant time.
// A string that is not such a hash, or names parameters out of bounds,
// matches nothing.
func CheckPassword(encoded, pw string) bool {
	p, ok := parsePHC(encoded)
	if !ok {
		return false
	}
	key := argon2.IDKey([]byte(pw), p.salt, p.time, p.memory, p.threads, uint32(len(p.key)))
	return subtle.ConstantTimeCompare(key, p.key) == 1
}

// phc is a parsed argon2id PHC string.
type phc struct {
	memory, time uint32
	threads      uint8
	salt, key    []byte
}

// parsePHC parses an argon2id PHC string, refusing anything unexpected.
func parsePHC(s string) (phc, bool) {
	var p phc
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, false
	}
	params := strings.Split(parts[3], ",")
	if len(params) != 3 {
		return p, false
	}
	m, ok1 := param(params[0], "m=", maxMemory)
	t, ok2 := param(params[1], "t=", maxTime)
	th, ok3 := param(params[2], "p=", maxThreads)
	if !ok1 || !ok2 || !ok3 || t < 1 || th < 1 || m < 8*th {
		return p, false
	}
	salt, err1 := b64.Strict().DecodeString(parts[4])
	key, err2 := b64.Strict().DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(salt) < minPart || len(salt) > maxPart || len(key) < minPart || len(key) > maxPart {
		return p, false
	}
	return phc{memory: uint32(m), time: uint32(t), threads: uint8(th), salt: salt, key: key}, true
}

// param parses one "k=N" parameter with 0 <= N <= limit.
func param(s, prefix string, limit uint64) (uint64, bool) {
	v, ok := strings.CutPrefix(s, prefix)
	if !ok || v == "" || (len(v) > 1 && v[0] == '0') {
		return 0, false
	}
	n, err := strconv.ParseUint(v, 10, 32)
	return n, err == nil && n <= limit
}

// passwordAlphabet leaves out the characters people confuse when they read
// a password aloud or copy it by hand: 0 O 1 l I.
const passwordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// passwordLen is the length of NewPassword's passwords: 16 of 57 symbols,
// about 93 bits.
const passwordLen = 16

// NewPassword returns a random one-time password: 16 characters from
// crypto/rand over an alphabet without 0, O, 1, l and I.
func NewPassword() string {
	const n = len(passwordAlphabet)
	const limit = 256 - 256%n // rejection sampling keeps every symbol equally likely
	out := make([]byte, 0, passwordLen)
	buf := make([]byte, 32)
	for len(out) < passwordLen {
		rand.Read(buf) // never fails (crypto/rand crashes the program instead)
		for _, b := range buf {
			if int(b) < limit && len(out) < passwordLen {
				out = append(out, passwordAlphabet[int(b)%n])
			}
		}
	}
	return string(out)
}
