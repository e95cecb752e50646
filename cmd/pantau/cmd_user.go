package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/auth"
	"github.com/pantau-asn/pantau/internal/domain"
)

// userOptions are the flags of pantau user add.
type userOptions struct {
	role   string // agency, leadership or operator
	agency string // the agency code of role agency
}

// runUser manages the accounts of pantau serve:
//
//	pantau user add NAME --role agency|leadership|operator [--agency CODE]
//	pantau user list
//	pantau user disable|enable|reset NAME
//
// add and reset print the one-time password alone as their last line, so
// `| tail -1` gives it. Every change is written to state/audit.log.
func runUser(e *env, args []string) error {
	var o userOptions
	fs := newFlags(e, "user")
	fs.StringVar(&o.role, "role", "", "add: the account's `ROLE`: agency, leadership or operator")
	fs.StringVar(&o.agency, "agency", "", "add: the agency `CODE` from referensi.xlsx (role agency only)")
	var pos []string // flags may come before, between or after the words
	for rest := args; ; {
		if err := parseFlags(fs, rest); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		pos, rest = append(pos, fs.Arg(0)), fs.Args()[1:]
	}
	if len(pos) == 0 {
		return fmt.Errorf("%w: sebutkan perintahnya: add, list, disable, enable atau reset", errUsage)
	}
	sub, names := pos[0], pos[1:]
	if sub != "add" {
		var set []string
		fs.Visit(func(f *flag.Flag) { set = append(set, "--"+f.Name) })
		if len(set) > 0 {
			return fmt.Errorf("%w: %s hanya untuk pantau user add", errUsage, strings.Join(set, ", "))
		}
	}
	switch sub {
	case "list":
		if len(names) > 0 {
			return fmt.Errorf("%w: argumen tak terduga %q", errUsage, names[0])
		}
	case "add", "disable", "enable", "reset":
		if len(names) != 1 {
			return fmt.Errorf("%w: pantau user %s perlu satu NAMA pengguna", errUsage, sub)
		}
		if !auth.ValidName(names[0]) {
			return fmt.Errorf("%w: nama pengguna %q tidak sah: 2–40 huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf atau angka",
				errUsage, names[0])
		}
	default:
		return fmt.Errorf("%w: perintah %q tidak dikenal: add, list, disable, enable atau reset", errUsage, sub)
	}

	store, err := auth.OpenStore(filepath.Join(e.dir.State(), "users.json"))
	if err != nil {
		return err
	}
	if sub == "list" {
		return listUsers(e, store)
	}
	name := names[0]
	if sub == "add" {
		return addUser(e, store, name, o)
	}
	now := e.now()
	var pw string
	switch sub {
	case "disable":
		err = store.Disable(name, now)
	case "enable":
		err = store.Enable(name, now)
	case "reset":
		pw, err = store.Reset(name, now)
	}
	if errors.Is(err, auth.ErrUnknownUser) {
		err = fmt.Errorf("pengguna %q tidak ada (lihat: pantau user list)", name)
	}
	// Audited whatever the outcome; a failed audit still lets the output,
	// the one-time password included, be printed first.
	aerr := audit(e, auth.Event{Action: "user-" + sub, Target: name, Outcome: outcome(err)})
	if err != nil {
		return err
	}
	switch sub {
	case "disable":
		fmt.Fprintf(e.stdout, "Pengguna %s dinonaktifkan: tidak bisa masuk lagi, sesinya berakhir pada permintaan berikutnya.\n", name)
	case "enable":
		fmt.Fprintf(e.stdout, "Pengguna %s diaktifkan kembali.\n", name)
	case "reset":
		fmt.Fprintf(e.stdout, "Sandi %s diatur ulang; sesinya berakhir. Sandi sekali pakai (harus diganti saat masuk):\n%s\n", name, pw)
	}
	return aerr
}

// addUser creates an account after checking an agency's code against the
// reference data, and prints its one-time password as the last line.
func addUser(e *env, store *auth.Store, name string, o userOptions) error {
	if o.role == "" {
		return fmt.Errorf("%w: pantau user add perlu --role agency, leadership atau operator", errUsage)
	}
	role, err := auth.ParseRole(o.role)
	if err != nil {
		return fmt.Errorf("%w: --role %q tidak dikenal: agency, leadership atau operator", errUsage, o.role)
	}
	switch {
	case role == auth.RoleAgency && o.agency == "":
		return fmt.Errorf("%w: --role agency perlu --agency KODE", errUsage)
	case role != auth.RoleAgency && o.agency != "":
		return fmt.Errorf("%w: --agency hanya untuk --role agency", errUsage)
	case role == auth.RoleAgency:
		ref := ingest.LoadReference(e.dir)
		if _, ok := ref.Agency(o.agency); !ok {
			return fmt.Errorf("%w: instansi %q tidak ada di data referensi; %s", errUsage, o.agency, agencyCodes(ref, e))
		}
	}
	pw, err := store.Add(name, role, o.agency, e.now())
	if errors.Is(err, auth.ErrUserExists) {
		err = fmt.Errorf("pengguna %q sudah ada (atur ulang sandinya dengan: pantau user reset %s)", name, name)
	}
	detail := "role " + string(role)
	if o.agency != "" {
		detail += ", agency " + o.agency
	}
	aerr := audit(e, auth.Event{Action: "user-add", Target: name, Outcome: outcome(err), Detail: detail})
	if err != nil {
		return err
	}
	what := "peran " + string(role)
	if o.agency != "" {
		what += ", instansi " + o.agency
	}
	fmt.Fprintf(e.stdout, "Pengguna %s dibuat (%s). Sandi sekali pakai (harus diganti saat masuk pertama):\n%s\n", name, what, pw)
	return aerr
}

// agencyCodes says which agency codes the reference data has, in Indonesian.
func agencyCodes(ref *domain.Reference, e *env) string {
	if len(ref.Agencies) == 0 {
		return fmt.Sprintf("%s belum mencantumkan instansi (lembar Instansi)", e.dir.Reference())
	}
	codes := make([]string, len(ref.Agencies))
	for i, a := range ref.Agencies {
		codes[i] = a.Code
	}
	return "kode yang dikenal: " + strings.Join(codes, ", ")
}

// listUsers prints the accounts as a table, times in the province's zone.
func listUsers(e *env, store *auth.Store) error {
	users := store.List()
	if len(users) == 0 {
		fmt.Fprintln(e.stdout, "Belum ada pengguna. Tambahkan dengan: pantau user add NAMA --role agency|leadership|operator [--agency KODE]")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "nama\tperan\tinstansi\tstatus\tdibuat")
	for _, u := range users {
		agency := u.Agency
		if agency == "" {
			agency = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Name, u.Role, agency, userStatus(u), u.Created.In(domain.WIT).Format("2006-01-02 15:04"))
	}
	return tw.Flush()
}

// userStatus is an account's state as pantau user list shows it.
func userStatus(u auth.User) string {
	switch {
	case u.Disabled:
		return "nonaktif"
	case u.MustChange:
		return "harus ganti sandi"
	}
	return "aktif"
}

// outcome is an audit event's outcome for err.
func outcome(err error) string {
	if err != nil {
		return "fail"
	}
	return "ok"
}

// audit appends e to state/audit.log, marked as done through the CLI by the
// operating-system user running it.
func audit(e *env, ev auth.Event) error {
	a, err := auth.OpenAudit(filepath.Join(e.dir.State(), "audit.log"))
	if err != nil {
		return err
	}
	ev.Time = e.now()
	ev.Addr = "cli"
	by := "cli, os user " + osUser()
	if ev.Detail != "" {
		by = ev.Detail + "; " + by
	}
	ev.Detail = by
	if err := a.Log(ev); err != nil {
		a.Close()
		return err
	}
	return a.Close()
}

// osUser names the operating-system user running the command.
func osUser() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	if s := os.Getenv("USER"); s != "" {
		return s
	}
	return fmt.Sprint(os.Getuid())
}
