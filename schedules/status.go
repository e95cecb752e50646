package schedules

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/config"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// WriteStatus writes what `pantau status` prints (and the operator's web
// page shows): the daemon, the files waiting in dir's inbox, each job's last
// and next run, and the completeness of month p (zero: the month before
// now, the one being collected). now is in cfg's time zone.
func WriteStatus(w io.Writer, dir lake.Dir, pl Pipeline, cfg config.Config, now time.Time, p domain.Period) error {
	loc := now.Location()
	const stamp = "2006-01-02 15:04"
	fmt.Fprintf(w, "Direktori data: %s · zona waktu %s · sekarang %s\n", dir, cfg.TimeZone, now.Format(stamp+" MST"))
	if lk, err := dir.TryLock("daemon"); errors.Is(err, lake.ErrLocked) {
		pid, _ := os.ReadFile(filepath.Join(dir.State(), "daemon.lock"))
		fmt.Fprintf(w, "Daemon: berjalan (pid %s)\n", strings.TrimSpace(string(pid)))
	} else if err != nil {
		fmt.Fprintf(w, "Daemon: tidak diketahui (%v)\n", err)
	} else {
		lk.Unlock()
		fmt.Fprintln(w, "Daemon: tidak berjalan")
	}

	// Inbox.
	pending, refused, err := Inbox(dir, now, cfg.Ingest.StableFor())
	if err != nil {
		return fmt.Errorf("status inbox: %w", err)
	}
	fmt.Fprintf(w, "\nBerkas menunggu di inbox: %d\n", len(pending))
	byAgency := map[string][]PendingFile{}
	var agencies []string
	for _, f := range pending {
		if _, ok := byAgency[f.Agency]; !ok {
			agencies = append(agencies, f.Agency)
		}
		byAgency[f.Agency] = append(byAgency[f.Agency], f)
	}
	for _, a := range agencies {
		var unstable []string
		for _, f := range byAgency[a] {
			if !f.Stable {
				unstable = append(unstable, f.Name)
			}
		}
		line := fmt.Sprintf("  %-28s %d berkas", a, len(byAgency[a]))
		if len(unstable) > 0 {
			line += fmt.Sprintf(" (%d belum stabil, masih disalin: %s)", len(unstable), strings.Join(unstable, ", "))
		}
		fmt.Fprintln(w, line)
	}
	if len(refused) > 0 {
		fmt.Fprintf(w, "  %d entri tidak dibaca ingest dan dibiarkan di tempatnya; taruh berkas biasa langsung di inbox/<kode-instansi>/:\n", len(refused))
		for _, r := range refused {
			rel, err := filepath.Rel(dir.Inbox(), r.Path)
			if err != nil {
				rel = r.Path
			}
			fmt.Fprintf(w, "    %s (%s)\n", filepath.ToSlash(rel), refusedWhat[r.What])
		}
	}

	// Jobs.
	h, err := LoadHistory(dir)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nJadwal:")
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  tugas\tjadwal\tterakhir\thasil\tberikutnya")
	for _, name := range config.JobNames() {
		jc, _ := cfg.Job(name)
		last, result := "-", "-"
		if r, ok := h.Last(name); ok {
			last = r.Start.In(loc).Format(stamp) + " (" + string(r.Trigger) + ")"
			result = r.Outcome
			if r.Error != "" {
				result += ": " + firstLine(r.Error)
			}
		}
		next := "nonaktif"
		if !jc.Disabled {
			s, err := config.ParseSpec(jc.Spec, loc)
			if err != nil {
				return err
			}
			next = s.Next(now).In(loc).Format(stamp)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", name, jc.Spec, last, result, next)
	}
	tw.Flush()

	// Completeness of the period being collected now.
	ref, err := pl.Reference(dir)
	if err != nil {
		fmt.Fprintf(w, "\n(referensi.xlsx tidak terbaca: %v)\n", err)
		ref = &domain.Reference{}
	}
	l, err := dir.LoadLedger()
	if err != nil {
		return err
	}
	if unknown, err := dir.Unknown(l); err == nil && len(unknown) > 0 {
		// Kept, never swept: they may be uploads whose ledger entries were lost.
		fmt.Fprintf(w, "\n%d berkas lake tidak tercatat di ledger (disimpan, tidak dihitung); `pantau repair` menunjukkan isinya, mis. %s\n",
			len(unknown), unknown[0])
	}
	if p.IsZero() {
		p = domain.PeriodOf(now).Add(-1)
	}
	deadline := cfg.Report.Deadline(p)
	guessed := false
	if len(ref.Agencies) == 0 {
		ref = &domain.Reference{Agencies: agenciesFromLedger(l)}
		guessed = true
	}
	exp := Completeness(l, ref, p, deadline, now)
	passed := "belum lewat"
	if now.After(deadline) {
		passed = "sudah lewat"
	}
	fmt.Fprintf(w, "\nKelengkapan %s (batas waktu %s 23.59 WIT, %s):\n", domain.PeriodLabel(p, "id"),
		deadline.Format("2006-01-02"), passed)
	if guessed {
		fmt.Fprintln(w, "  (referensi.xlsx belum berisi instansi; daftar ini dari instansi dan jenis yang pernah dikirim)")
	}
	if len(exp) == 0 {
		fmt.Fprintln(w, "  belum ada instansi")
		return nil
	}
	printCompleteness(w, exp, !now.After(deadline))
	return nil
}

// refusedWhat names what ingest refuses in the inbox, for status.
var refusedWhat = map[string]string{
	ingest.RefusedSymlink:   "tautan simbolik, tidak diikuti",
	ingest.RefusedSubfolder: "subfolder",
	ingest.RefusedSpecial:   "bukan berkas biasa",
	ingest.RefusedOutside:   "di luar folder instansi",
}

// printCompleteness writes the agency × kind table of exp; open says the
// deadline has not passed (a missing upload is not late yet).
func printCompleteness(w io.Writer, exp []Expected, open bool) {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprint(tw, "  instansi")
	for _, k := range domain.Kinds {
		fmt.Fprintf(tw, "\t%s", k)
	}
	fmt.Fprintln(tw)
	cells := map[string]map[domain.Kind]string{}
	var order []string
	counts := map[string]int{}
	for _, x := range exp {
		if cells[x.Agency] == nil {
			cells[x.Agency] = map[domain.Kind]string{}
			order = append(order, x.Agency)
		}
		state := x.State
		if state == StateMissing && open {
			state = "belum" // not late yet
		}
		counts[state]++
		if x.Files > 1 { // a month sent in several files
			state += fmt.Sprintf(" (%d berkas)", x.Files)
		}
		cells[x.Agency][x.Kind] = state
	}
	for _, a := range order {
		fmt.Fprintf(tw, "  %s", a)
		for _, k := range domain.Kinds {
			s := cells[a][k]
			if s == "" {
				s = "·" // not expected
			}
			fmt.Fprintf(tw, "\t%s", s)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, counts[k]))
	}
	fmt.Fprintf(w, "  jumlah: %s\n", strings.Join(parts, " · "))
}

// agenciesFromLedger guesses the expected uploads when the reference lists
// no agencies: every agency that ever sent something, with the kinds it sent.
func agenciesFromLedger(l *lake.Ledger) []domain.Agency {
	kinds := map[string]map[domain.Kind]bool{}
	for _, x := range l.Entries {
		if x.Kind == "" || !x.Status.HasData() {
			continue
		}
		if kinds[x.Agency] == nil {
			kinds[x.Agency] = map[domain.Kind]bool{}
		}
		kinds[x.Agency][x.Kind] = true
	}
	var out []domain.Agency
	for a, ks := range kinds {
		ag := domain.Agency{Code: a}
		for _, k := range domain.Kinds {
			if ks[k] {
				ag.Expects = append(ag.Expects, k)
			}
		}
		out = append(out, ag)
	}
	return out
}

// firstLine shortens an error for the table: its first line, at most 48 runes.
func firstLine(s string) string {
	cut := false
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s, cut = s[:i], true
	}
	if r := []rune(s); len(r) > 48 {
		s, cut = string(r[:48]), true
	}
	if cut {
		s += " ..."
	}
	return s
}
