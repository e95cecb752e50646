package main

import (
	"fmt"
	"io"

	"github.com/pantau-asn/pantau/internal/lake"
)

// repairOptions are the flags of `pantau repair`.
type repairOptions struct {
	Apply bool
}

// runRepair rebuilds the ledger from the entries every upload keeps in its
// lake file and beside its original in archive/ or rejected/ (lake.Repair).
// By default it only prints what it found and what it would change; with
// --apply it writes the rebuilt ledger as a new generation (the previous
// ones stay as state/ledger.json.1 …). It takes the ingest lock, so no
// ingest runs meanwhile.
func runRepair(e *env, args []string) error {
	var o repairOptions
	fs := newFlags(e, "repair")
	fs.BoolVar(&o.Apply, "apply", false, "write the rebuilt ledger (default: a dry run that writes nothing)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	lock, err := e.dir.TryLock("ingest")
	if err != nil {
		return err
	}
	defer lock.Unlock()
	plan, err := e.dir.Repair()
	if err != nil {
		return err
	}
	printRepair(e.stdout, e.dir, plan)
	switch {
	case !plan.Changed():
		fmt.Fprintln(e.stdout, "the ledger already holds every upload found; nothing to do")
	case !o.Apply:
		fmt.Fprintln(e.stdout, "dry run: nothing written; run `pantau repair --apply` to write the rebuilt ledger")
	case e.context().Err() != nil:
		// A signal during the scan: stop before anything is written.
		return fmt.Errorf("repair: %w; nothing written", e.context().Err())
	default:
		if err := e.dir.ApplyRepair(plan); err != nil {
			return fmt.Errorf("repair: %w", err)
		}
		fmt.Fprintf(e.stdout, "ledger written: %d entries, generation %d (the previous ledger is %s)\n",
			len(plan.Ledger.Entries), plan.Ledger.Generation, e.dir.LedgerGeneration(1))
	}
	return nil
}

func printRepair(w io.Writer, dir lake.Dir, p *lake.RepairPlan) {
	if p.BeforeErr != nil {
		fmt.Fprintf(w, "ledger now: unreadable (%v)\n", p.BeforeErr)
	} else {
		fmt.Fprintf(w, "ledger now: %d entries\n", p.Before)
	}
	fmt.Fprintf(w, "found: %d lake files carrying their entry, %d entry records in archive/ and rejected/\n", p.FromLake, p.FromRecords)
	current := 0
	for _, e := range p.Ledger.Entries {
		if e.Current() {
			current++
		}
	}
	fmt.Fprintf(w, "rebuilt ledger: %d entries (%d current uploads); %d added:\n", len(p.Ledger.Entries), current, len(p.Added))
	const show = 20
	for i, e := range p.Added {
		if i == show {
			fmt.Fprintf(w, "  … and %d more\n", len(p.Added)-show)
			break
		}
		fmt.Fprintf(w, "  + %s %s %s %s %s (%s, %d rows)\n", e.ID, e.Agency, e.Kind, e.Period, e.File, e.Status, e.RowsAccepted)
	}
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(w, "%s (%d):\n", title, len(items))
		for i, s := range items {
			if i == show {
				fmt.Fprintf(w, "  … and %d more\n", len(items)-show)
				break
			}
			fmt.Fprintf(w, "  %s\n", s)
		}
	}
	list("lake files and records that disagree (the lake file's entry is used)", p.Disagree)
	list("not added: another entry already names the lake file", p.Conflicts)
	list("lake files without an entry (written before Pantau kept one; left as they are — re-send the original to count them)", p.NoEntry)
	list("stored originals without a record (likewise; put them back in inbox/<agency>/ to ingest them again)", p.Bare)
}
