package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/config"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// runValidate prints, for each file, what its receipt would say, and writes
// nothing. It returns errInvalid (exit 3) when any file would be rejected or
// has rejected rows.
func runValidate(e *env, args []string) error {
	fs := newFlags(e, "validate")
	agency := fs.String("agency", "", "agency `CODE` (default: the agency folder when the file is in the data directory's inbox/<agency>/, else the one its Kode Instansi column names)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	files := fs.Args()
	if len(files) == 0 {
		return fmt.Errorf("%w: name at least one file", errUsage)
	}
	sc, err := config.Load(e.dir) // pantau.toml [ingest]; defaults when there is none
	if err != nil {
		return err
	}
	cfg := sc.IngestConfig()
	limitMemory()
	ref := ingest.LoadReference(e.dir)
	invalid := false
	for i, path := range files {
		ag, from := *agency, "--agency"
		if ag == "" {
			ag, from = inboxAgency(e.dir, path), "folder inbox"
		}
		u := ingest.Check(path, ag, cfg, ref)
		if ag == "" && u.Agency != "" {
			from = "kolom Kode Instansi"
		}
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		printCheck(e, path, u.Agency, from, u)
		if _, err := os.Stat(e.dir.State()); err == nil && u.Agency != "" {
			// What ingesting it now would do to the month, as its receipt will say.
			if s, err := ingest.MonthDecision(e.dir, path, u, cfg); err != nil {
				fmt.Fprintf(e.stdout, "  bulan ini: tidak dapat ditentukan (%v)\n", err)
			} else {
				fmt.Fprintf(e.stdout, "  bulan ini: %s\n", s)
			}
		}
		if u.Record != nil {
			u.Record.Release()
		}
		if u.Status != lake.Accepted || u.RowsRejected > 0 || u.Err != nil {
			invalid = true
		}
	}
	if invalid {
		return errInvalid
	}
	return nil
}

// inboxAgency is the agency folder of path when path is a file directly in
// dir's inbox/<agency>/, as the ingest would see it; "" elsewhere. Only
// there does the folder name an agency: a file checked in /tmp/x/op/ does
// not belong to agency "op".
func inboxAgency(dir lake.Dir, path string) string {
	file, inbox := realPath(path), realPath(dir.Inbox())
	if file == "" || inbox == "" {
		return ""
	}
	folder := filepath.Dir(file)
	if filepath.Dir(folder) != inbox {
		return ""
	}
	return filepath.Base(folder)
}

// realPath is path made absolute with symlinks resolved, or "" when it
// cannot be (a data directory that does not exist has no inbox file).
func realPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return ""
	}
	return real
}

// printCheck prints what u's receipt would say; from says where its
// agency came from.
func printCheck(e *env, path, agency, from string, u *ingest.Upload) {
	w := e.stdout
	status := u.Status
	if u.Err != nil {
		status = lake.Rejected
	}
	fmt.Fprintf(w, "%s\n", path)
	if agency == "" {
		fmt.Fprintf(w, "  instansi: tidak diketahui\n")
	} else {
		fmt.Fprintf(w, "  instansi: %s (dari %s)\n", agency, from)
	}
	fmt.Fprintf(w, "  status:   %s\n", status)
	kind, period := "tidak diketahui", "tidak diketahui"
	if u.Kind != "" {
		kind = u.Kind.Label()
	}
	if !u.Period.IsZero() {
		period = u.Period.String() + " (" + domain.PeriodLabel(u.Period, "id") + ")"
	}
	fmt.Fprintf(w, "  jenis:    %s\n  periode:  %s\n", kind, period)
	fmt.Fprintf(w, "  baris:    %d dibaca, %d diterima, %d ditolak\n", u.RowsRead, u.RowsAccepted, u.RowsRejected)
	if u.Err != nil {
		fmt.Fprintf(w, "  alasan:   %s\n", u.Err.Message)
		if errors.Is(u.Err, ingest.ErrUnknownAgency) {
			fmt.Fprintf(w, "  petunjuk: sebutkan kode instansi dengan --agency KODE bila berkas tidak berada di folder instansinya\n")
		}
	}
	for _, n := range u.Notes {
		fmt.Fprintf(w, "  catatan:  %s\n", n)
	}
	if len(u.Extra) > 0 {
		fmt.Fprintf(w, "  kolom diabaikan: %q\n", u.Extra)
	}
	for _, p := range u.Problems {
		fmt.Fprintf(w, "  ditolak:    baris %d, kolom %q, nilai %q: %s\n", p.Row, p.Column, p.Value, p.Message)
	}
	for _, p := range u.Warnings {
		fmt.Fprintf(w, "  peringatan: baris %d, kolom %q, nilai %q: %s\n", p.Row, p.Column, p.Value, p.Message)
	}
}
