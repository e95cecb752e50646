package config

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/transform"
)

// The defaults of pantau.toml are exactly the packages' own defaults.
func TestDefaultsMatchPackages(t *testing.T) {
	c := Default()
	if diff := cmp.Diff(ingest.DefaultConfig(), c.IngestConfig(), cmp.Comparer(func(a, b func(string) (string, bool)) bool { return a == nil && b == nil })); diff != "" {
		t.Errorf("IngestConfig() of the defaults (-ingest.DefaultConfig +got):\n%s", diff)
	}
	p := domain.MustPeriod("2025-12")
	if diff := cmp.Diff(transform.DefaultParams(p), c.Report.Params(p)); diff != "" {
		t.Errorf("Params() of the defaults (-transform.DefaultParams +got):\n%s", diff)
	}
	if err := c.IngestConfig().Validate(); err != nil {
		t.Errorf("IngestConfig().Validate() = %v", err)
	}
}

func TestMapping(t *testing.T) {
	c, err := Parse("[ingest]\nworkers = 4\nstable_seconds = 5\nmax_file_mb = 10\nmax_bad_share = 0.2\n" +
		"[report]\ntarget_jp = 24\ndeadline_day = 15\n")
	if err != nil {
		t.Fatal(err)
	}
	ic := c.IngestConfig()
	if ic.Workers != 4 || ic.StableFor != 5*time.Second || ic.MaxFileSize != 10<<20 || ic.Read.MaxBadShare != 0.2 {
		t.Errorf("IngestConfig() = %+v; want workers 4, 5s, 10 MiB, 0.2", ic)
	}
	p := c.Report.Params(domain.MustPeriod("2026-01"))
	if p.TargetJP != 24 || p.DeadlineDay != 15 || p.Period != domain.MustPeriod("2026-01") {
		t.Errorf("Params() = %+v; want target 24, deadline day 15, period 2026-01", p)
	}
}
