package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// templateOptions are the flags of pantau template.
type templateOptions struct {
	out    string // output file
	agency string // agency code: its own template; "" for the generic one
}

// runTemplate writes the Excel template of an upload kind:
// pantau template KIND [--agency CODE] [--out FILE]. With --agency it is
// that agency's template (its code, its own service units), the one
// ingest keeps in outbox/<agency>/template/; the default file is
// template-<kind>.xlsx, template-<kind>-<agency>.xlsx for an agency.
func runTemplate(e *env, args []string) error {
	var o templateOptions
	fs := newFlags(e, "template")
	fs.StringVar(&o.out, "out", "", "output `FILE` (default template-<kind>.xlsx, or template-<kind>-<agency>.xlsx with --agency)")
	fs.StringVar(&o.agency, "agency", "", "agency `CODE` from referensi.xlsx: the agency's own template (its code, its service units)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: name a kind: pegawai, kehadiran, evaluasi or survei", errUsage)
	}
	kind, err := domain.ParseKind(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if err := parseFlags(fs, fs.Args()[1:]); err != nil { // flags after the kind
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	ref := ingest.LoadReference(e.dir)
	if o.agency != "" {
		if _, ok := ref.Agency(o.agency); !ok {
			return fmt.Errorf("%w: unknown agency %q: %s", errUsage, o.agency, knownAgencies(ref, e.dir))
		}
	}
	path := o.out
	if path == "" {
		path = "template-" + string(kind) + ".xlsx"
		if o.agency != "" {
			path = "template-" + string(kind) + "-" + o.agency + ".xlsx"
		}
	}
	if err := lake.WriteWith(path, 0o644, func(w io.Writer) error { return ingest.WriteAgencyTemplate(w, kind, ref, o.agency) }); err != nil {
		return fmt.Errorf("template %s: %w", path, err)
	}
	if o.agency != "" {
		fmt.Fprintf(e.stdout, "template %s untuk %s ditulis: %s\n", kind, o.agency, path)
	} else {
		fmt.Fprintf(e.stdout, "template %s ditulis: %s\n", kind, path)
	}
	return nil
}

// knownAgencies says which agency codes the reference data has.
func knownAgencies(ref *domain.Reference, dir lake.Dir) string {
	if len(ref.Agencies) == 0 {
		return fmt.Sprintf("%s lists no agency yet (sheet Instansi)", dir.Reference())
	}
	var codes []string
	for i, a := range ref.Agencies {
		if i == 10 {
			codes = append(codes, fmt.Sprintf("and %d more", len(ref.Agencies)-i))
			break
		}
		codes = append(codes, a.Code)
	}
	return fmt.Sprintf("%s lists %s", dir.Reference(), strings.Join(codes, ", "))
}
