package main

import (
	"fmt"
	"time"

	"github.com/pantau-asn/pantau/internal/lake"
	sampledata "github.com/pantau-asn/pantau/sample-data"
)

// nationalASN is the national scale's headcount: about 5.5 million ASN (Nov 2025).
const nationalASN = 5_500_000

// sampleOptions are the flags of pantau sample.
type sampleOptions struct {
	Out   string
	Scale string
	Seed  int64
	ASN   int
}

// runSample writes deterministic sample uploads: for demo and province
// scale DIR/inbox/<agency>/*.xlsx and DIR/referensi.xlsx, each file's mtime
// its planned drop time (WIT); for national scale a lake (Parquet and
// ledger, no workbooks) in DIR, which is then a Pantau data directory.
func runSample(e *env, args []string) error {
	var o sampleOptions
	fs := newFlags(e, "sample")
	fs.StringVar(&o.Out, "out", "", "`DIR` to write the sample into (required)")
	fs.StringVar(&o.Scale, "scale", string(sampledata.Demo), "`SCALE`: demo, province or national")
	fs.Int64Var(&o.Seed, "seed", 1, "random seed `N`; the same seed gives the same cell values")
	fs.IntVar(&o.ASN, "asn", nationalASN, "national scale only: `N`, the number of ASN")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if o.Out == "" {
		return fmt.Errorf("%w: --out DIR is required", errUsage)
	}
	scale, err := sampledata.ParseScale(o.Scale)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	// The demo and province generators take no context: a signal stops the
	// command before they start or once they are done (their files are
	// whole); the national one honours it throughout.
	if err := e.context().Err(); err != nil {
		return err
	}
	start := e.now()
	if scale == sampledata.National {
		if err := sampledata.WriteNationalLake(e.context(), lake.Dir(o.Out), o.Seed, o.ASN); err != nil {
			return fmt.Errorf("sample %s: %w", o.Out, err)
		}
		e.log.Info("national lake written", "dir", o.Out, "seed", o.Seed, "asn", o.ASN,
			"elapsed", e.now().Sub(start).Round(time.Millisecond).String())
		fmt.Fprintf(e.stdout, "lake nasional (%d ASN) ditulis ke %s\n", o.ASN, o.Out)
		return nil
	}
	st, err := sampledata.Generate(o.Out, scale, o.Seed)
	if err != nil {
		return err
	}
	if err := e.context().Err(); err != nil {
		return fmt.Errorf("sample %s: stopped after writing %d files: %w", o.Out, st.Files, err)
	}
	e.log.Info("sample written", "out", o.Out, "scale", string(scale), "seed", o.Seed, "files", st.Files,
		"bytes", st.Bytes, "asn", st.ASN, "agencies", st.Agencies, "pegawai_rows", st.Rows["pegawai"],
		"kehadiran_rows", st.Rows["kehadiran"], "evaluasi_rows", st.Rows["evaluasi"], "survei_rows", st.Rows["survei"],
		"elapsed", e.now().Sub(start).Round(time.Millisecond).String())
	fmt.Fprintf(e.stdout, "%d berkas (%.1f MB), %d ASN, %d instansi ditulis ke %s\n",
		st.Files, float64(st.Bytes)/1e6, st.ASN, st.Agencies, o.Out)
	return nil
}
