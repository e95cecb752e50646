package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pantau-asn/pantau/internal/auth"
	"github.com/pantau-asn/pantau/internal/lake"
)

// userDir is a data directory whose reference data has kota-ambon and
// prov-maluku, and the store pantau user writes there.
func userDir(t *testing.T) (string, *auth.Store) {
	t.Helper()
	data := filepath.Join(t.TempDir(), "data")
	templateRef(t, data)
	if err := lake.Dir(data).Init(); err != nil {
		t.Fatal(err)
	}
	s, err := auth.OpenStore(filepath.Join(lake.Dir(data).State(), "users.json"))
	if err != nil {
		t.Fatal(err)
	}
	return data, s
}

// lastLine is the last line of out.
func lastLine(out string) string {
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	return lines[len(lines)-1]
}

// onetime is what a one-time password looks like.
var onetime = regexp.MustCompile(`^[a-km-zA-HJ-NP-Z2-9]{16}$`)

// TestUserAddAgency: an agency user needs an agency of the reference data
// (else exit 2 naming the known codes); once added, the last line of the
// output is its one-time password, which logs in and must be changed.
func TestUserAddAgency(t *testing.T) {
	data, s := userDir(t)
	code, out, errs := pantauRun("--dir", data, "user", "add", "ambon.op", "--role", "agency", "--agency", "kota-amboina")
	if code != exitUsage || !strings.Contains(errs, `instansi "kota-amboina" tidak ada`) || !strings.Contains(errs, "kota-ambon, prov-maluku") {
		t.Errorf("user add with an unknown agency: exit %d, stderr %q; want %d naming kota-ambon, prov-maluku", code, errs, exitUsage)
	}
	if _, ok := s.Get("ambon.op"); ok {
		t.Errorf("the refused user was created")
	}
	for _, args := range [][]string{
		{"add", "ambon.op", "--role", "agency"},
		{"add", "pimpinan", "--role", "leadership", "--agency", "kota-ambon"},
		{"add", "pimpinan", "--role", "admin"},
		{"add", "pimpinan"},
		{"add", "Pimpinan", "--role", "leadership"},
		{"list", "--role", "operator"},
		{"remove", "pimpinan"},
		{"disable"},
		{},
	} {
		if code, _, errs := pantauRun(append([]string{"--dir", data, "user"}, args...)...); code != exitUsage {
			t.Errorf("pantau user %v: exit %d; want %d\n%s", args, code, exitUsage, errs)
		}
	}

	code, out, errs = pantauRun("--dir", data, "user", "add", "ambon.op", "--role", "agency", "--agency", "kota-ambon")
	if code != exitOK {
		t.Fatalf("user add: exit %d\n%s", code, errs)
	}
	pw := lastLine(out)
	if !onetime.MatchString(pw) {
		t.Fatalf("user add: last line %q; want a 16-character password\n%s", pw, out)
	}
	if !strings.Contains(out, "ambon.op") || !strings.Contains(out, "kota-ambon") {
		t.Errorf("user add output %q does not say what was created", out)
	}
	u, err := s.Authenticate("ambon.op", pw)
	if err != nil {
		t.Fatalf("Authenticate(printed password) = %v", err)
	}
	if u.Role != auth.RoleAgency || u.Agency != "kota-ambon" || !u.MustChange {
		t.Errorf("added %+v; want role agency, kota-ambon, MustChange", u)
	}
	if code, _, errs := pantauRun("--dir", data, "user", "add", "ambon.op", "--role", "operator"); code != exitFailure || !strings.Contains(errs, "sudah ada") {
		t.Errorf("user add of an existing name: exit %d, stderr %q; want %d, sudah ada", code, errs, exitFailure)
	}
}

// TestUserListDisableReset: list shows each account with its status;
// disable refuses its logins; reset gives a new one-time password that
// replaces the old; unknown users exit 1; each change is audited.
func TestUserListDisableReset(t *testing.T) {
	data, s := userDir(t)
	code, out, errs := pantauRun("--dir", data, "user", "list")
	if code != exitOK || !strings.Contains(out, "Belum ada pengguna") {
		t.Errorf("user list with none: exit %d, %q", code, out+errs)
	}
	_, out, _ = pantauRun("--dir", data, "user", "add", "pimpinan", "--role", "leadership")
	pw := lastLine(out)
	_, out, _ = pantauRun("--dir", data, "user", "add", "--role", "operator", "admin.pantau")
	oppw := lastLine(out)
	if err := s.SetPassword("admin.pantau", oppw, "pala-dan-cengkeh", s.List()[0].Created); err != nil {
		t.Fatal(err)
	}

	code, out, errs = pantauRun("--dir", data, "user", "list")
	if code != exitOK {
		t.Fatalf("user list: exit %d\n%s", code, errs)
	}
	row := regexp.MustCompile(`(?m)^(\S+) +(\S+) +(\S+) +(\S.*?) +(\d{4}-\d\d-\d\d \d\d:\d\d)$`)
	rows := row.FindAllStringSubmatch(out, -1)
	if !strings.HasPrefix(out, "nama ") || len(rows) != 2 ||
		rows[0][1] != "admin.pantau" || rows[0][2] != "operator" || rows[0][3] != "-" || rows[0][4] != "aktif" ||
		rows[1][1] != "pimpinan" || rows[1][2] != "leadership" || rows[1][4] != "harus ganti sandi" {
		t.Errorf("user list:\n%s\nwant a header, admin.pantau aktif, then pimpinan harus ganti sandi", out)
	}

	if code, _, errs := pantauRun("--dir", data, "user", "disable", "pimpinan"); code != exitOK {
		t.Fatalf("user disable: exit %d\n%s", code, errs)
	}
	if _, err := s.Authenticate("pimpinan", pw); !errors.Is(err, auth.ErrDisabled) {
		t.Errorf("Authenticate after user disable = %v; want ErrDisabled", err)
	}
	if _, out, _ := pantauRun("--dir", data, "user", "list"); !strings.Contains(out, "nonaktif") {
		t.Errorf("user list after disable lacks nonaktif:\n%s", out)
	}
	if code, _, errs := pantauRun("--dir", data, "user", "enable", "pimpinan"); code != exitOK {
		t.Fatalf("user enable: exit %d\n%s", code, errs)
	}

	code, out, errs = pantauRun("--dir", data, "user", "reset", "admin.pantau")
	if code != exitOK {
		t.Fatalf("user reset: exit %d\n%s", code, errs)
	}
	npw := lastLine(out)
	if !onetime.MatchString(npw) {
		t.Fatalf("user reset: last line %q; want a 16-character password", npw)
	}
	if _, err := s.Authenticate("admin.pantau", "pala-dan-cengkeh"); !errors.Is(err, auth.ErrBadLogin) {
		t.Errorf("Authenticate(old password) after reset = %v; want ErrBadLogin", err)
	}
	if u, err := s.Authenticate("admin.pantau", npw); err != nil || !u.MustChange {
		t.Errorf("Authenticate(new password) = %+v, %v; want MustChange, no error", u, err)
	}

	for _, sub := range []string{"disable", "enable", "reset"} {
		code, out, errs := pantauRun("--dir", data, "user", sub, "nobody")
		if code != exitFailure || !strings.Contains(errs, `pengguna "nobody" tidak ada`) || out != "" {
			t.Errorf("user %s nobody: exit %d, stdout %q, stderr %q; want %d, tidak ada", sub, code, out, errs, exitFailure)
		}
	}

	f, err := os.Open(filepath.Join(data, "state", "audit.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got []string
	for sc := bufio.NewScanner(f); sc.Scan(); {
		var ev auth.Event
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatalf("audit line %q: %v", sc.Text(), err)
		}
		got = append(got, ev.Action+" "+ev.Target+" "+ev.Outcome)
	}
	want := []string{"user-add pimpinan ok", "user-add admin.pantau ok", "user-disable pimpinan ok", "user-enable pimpinan ok",
		"user-reset admin.pantau ok", "user-disable nobody fail", "user-enable nobody fail", "user-reset nobody fail"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("audit log:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
