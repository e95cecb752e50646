package auth

import (
	"errors"
	"fmt"
	"regexp"
	"time"
)

// Role is what an account may do in pantau serve.
type Role string

// The roles.
const (
	RoleAgency     Role = "agency" // bound to one agency code
	RoleLeadership Role = "leadership"
	RoleOperator   Role = "operator"
)

// Roles lists every role, in the order they are offered.
var Roles = []Role{RoleAgency, RoleLeadership, RoleOperator}

// ParseRole returns the role named s.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if s == string(r) {
			return r, nil
		}
	}
	return "", fmt.Errorf("auth: unknown role %q (agency, leadership or operator): %w", s, ErrBadRole)
}

// User is one account, as stored in users.json.
type User struct {
	Name       string    `json:"name"`
	Role       Role      `json:"role"`
	Agency     string    `json:"agency,omitempty"` // RoleAgency only
	Hash       string    `json:"hash"`             // argon2id, PHC string
	MustChange bool      `json:"must_change"`      // a first or reset password: change it before anything else
	Disabled   bool      `json:"disabled"`
	Created    time.Time `json:"created"`
	// Changed is when the password was last set (or the account disabled or
	// enabled); a session older than this is void.
	Changed time.Time `json:"changed"`
}

// The errors of the accounts. Callers test them with errors.Is.
var (
	// ErrBadLogin is an unknown user or a wrong password: one error for
	// both, so a login form tells a guesser nothing about which names exist.
	ErrBadLogin = errors.New("auth: unknown user or wrong password")
	// ErrDisabled is a right password for a disabled account.
	ErrDisabled = errors.New("auth: account disabled")
	// ErrUnknownUser is an operation on a name that has no account.
	ErrUnknownUser = errors.New("auth: unknown user")
	// ErrUserExists is Add of a name that has an account already.
	ErrUserExists = errors.New("auth: user exists")
	// ErrWeakPassword is a new password that is too short (under
	// MinPassword characters), the old one again or the user's name.
	ErrWeakPassword = errors.New("auth: password too weak")
	// ErrBadName is a user name that does not match ValidName.
	ErrBadName = errors.New("auth: invalid user name")
	// ErrBadRole is a role that is not one of Roles.
	ErrBadRole = errors.New("auth: invalid role")
	// ErrBadAgency is an agency code missing for RoleAgency, given for
	// another role, or not of lower-case letters, digits and hyphens.
	ErrBadAgency = errors.New("auth: invalid agency")
)

// MinPassword is the fewest characters a password chosen by its user may have.
const MinPassword = 10

// nameRE is what a user name may be: it is written in logs and URLs.
var nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,39}$`)

// agencyRE is what an agency code may be (the inbox folder name).
var agencyRE = regexp.MustCompile(`^[a-z0-9-]+$`)

// ValidName reports whether s can be a user name: 2 to 40 lower-case
// letters, digits, dots, underscores and hyphens, starting with a letter or
// digit.
func ValidName(s string) bool { return nameRE.MatchString(s) }

// checkAccount validates a new account's name, role and agency.
func checkAccount(name string, role Role, agency string) error {
	if !ValidName(name) {
		return fmt.Errorf("%w %q: 2 to 40 of a-z 0-9 . _ -, starting with a letter or digit", ErrBadName, name)
	}
	if _, err := ParseRole(string(role)); err != nil {
		return err
	}
	switch {
	case role == RoleAgency && agency == "":
		return fmt.Errorf("%w: role agency needs an agency code", ErrBadAgency)
	case role != RoleAgency && agency != "":
		return fmt.Errorf("%w: only role agency has an agency code, not %s", ErrBadAgency, role)
	case agency != "" && !agencyRE.MatchString(agency):
		return fmt.Errorf("%w %q: lower-case letters, digits and hyphens", ErrBadAgency, agency)
	}
	return nil
}
