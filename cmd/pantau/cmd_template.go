package main

import (
	"fmt"
	"io"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// runTemplate writes the Excel template of an upload kind:
// pantau template KIND [--out FILE] (default template-<kind>.xlsx).
func runTemplate(e *env, args []string) error {
	fs := newFlags(e, "template")
	out := fs.String("out", "", "output file (default template-<kind>.xlsx)")
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
	path := *out
	if path == "" {
		path = "template-" + string(kind) + ".xlsx"
	}
	ref := ingest.LoadReference(e.dir)
	if err := lake.WriteWith(path, 0o644, func(w io.Writer) error { return ingest.WriteTemplate(w, kind, ref) }); err != nil {
		return fmt.Errorf("template %s: %w", path, err)
	}
	fmt.Fprintf(e.stdout, "template %s ditulis: %s\n", kind, path)
	return nil
}
