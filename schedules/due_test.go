package schedules

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pantau-asn/pantau/internal/config"
	"github.com/pantau-asn/pantau/internal/domain"
)

// dueTimes lists the scheduled times of spec in (from, to], read in WIT
// although the walk starts from a UTC instant.
func dueTimes(t *testing.T, spec string, from, to time.Time) []time.Time {
	t.Helper()
	s, err := config.ParseSpec(spec, domain.WIT)
	if err != nil {
		t.Fatalf("config.ParseSpec(%q): %v", spec, err)
	}
	return Missed(s, from.UTC(), to, domain.WIT)
}

// TestDueGolden pins when the default jobs fire across the 2025/2026 month
// and year end (testdata/due/default.golden; go test -update rewrites it).
func TestDueGolden(t *testing.T) {
	cfg := config.Default()
	from := time.Date(2025, 12, 30, 0, 0, 0, 0, domain.WIT)
	to := time.Date(2026, 1, 12, 23, 59, 59, 0, domain.WIT)
	var b strings.Builder
	fmt.Fprintf(&b, "due runs in (%s, %s], WIT\n", from.Format("2006-01-02 15:04"), to.Format("2006-01-02 15:04"))

	ingest := dueTimes(t, cfg.Jobs.Ingest.Spec, from, to)
	fmt.Fprintf(&b, "\n[ingest %q] %d runs\n", cfg.Jobs.Ingest.Spec, len(ingest))
	perDay := map[string]int{}
	var days []string
	for _, d := range ingest {
		k := d.In(domain.WIT).Format("2006-01-02 Mon")
		if perDay[k] == 0 {
			days = append(days, k)
		}
		perDay[k]++
	}
	for _, d := range days {
		fmt.Fprintf(&b, "%s  %d\n", d, perDay[d])
	}
	b.WriteString("around the year end:\n")
	for _, d := range ingest {
		if d.After(time.Date(2025, 12, 31, 23, 44, 0, 0, domain.WIT)) && d.Before(time.Date(2026, 1, 1, 0, 16, 0, 0, domain.WIT)) {
			fmt.Fprintf(&b, "%s\n", d.In(domain.WIT).Format("2006-01-02 15:04 Mon MST"))
		}
	}

	for _, name := range []string{config.JobReport, config.JobReminder} {
		jc, _ := cfg.Job(name)
		due := dueTimes(t, jc.Spec, from, to)
		fmt.Fprintf(&b, "\n[%s %q] %d runs\n", name, jc.Spec, len(due))
		for _, d := range due {
			fmt.Fprintf(&b, "%s", d.In(domain.WIT).Format("2006-01-02 15:04 Mon MST"))
			if name == config.JobReport {
				fmt.Fprintf(&b, "  reports %s", ReportPeriod(d, domain.WIT))
			}
			fmt.Fprintf(&b, "  (%s UTC)\n", d.UTC().Format("2006-01-02 15:04"))
		}
	}

	yearFrom := time.Date(2025, 1, 1, 0, 0, 0, 0, domain.WIT)
	yearTo := time.Date(2027, 1, 31, 0, 0, 0, 0, domain.WIT)
	due := dueTimes(t, cfg.Jobs.Report.Spec, yearFrom, yearTo)
	fmt.Fprintf(&b, "\n[report %q] over (%s, %s]: %d runs\n", cfg.Jobs.Report.Spec,
		yearFrom.Format("2006-01-02"), yearTo.Format("2006-01-02"), len(due))
	for _, d := range due {
		p := ReportPeriod(d, domain.WIT)
		fmt.Fprintf(&b, "%s  reports %s  (deadline %s)\n", d.In(domain.WIT).Format("2006-01-02 15:04 Mon"),
			p, cfg.Report.Deadline(p).Format("2006-01-02 15:04:05 MST"))
	}
	golden(t, "due/default.golden", b.String())
}
