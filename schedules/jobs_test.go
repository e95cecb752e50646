package schedules

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/config"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

func TestReportMonths(t *testing.T) {
	m := domain.MustPeriod
	tests := []struct {
		p           string
		revised     []domain.Period
		want        []domain.Period
		wantRevised int
	}{
		{"2025-12", nil, []domain.Period{m("2025-12")}, 0},
		// p itself revised is reported once and is not counted as a revision.
		{"2025-12", []domain.Period{m("2025-12"), m("2025-10")}, []domain.Period{m("2025-10"), m("2025-12")}, 1},
		{"2025-12", []domain.Period{m("2025-11"), m("2025-03")}, []domain.Period{m("2025-03"), m("2025-11"), m("2025-12")}, 2},
	}
	for _, tt := range tests {
		got, n := reportMonths(m(tt.p), tt.revised)
		if diff := cmp.Diff(tt.want, got); diff != "" || n != tt.wantRevised {
			t.Errorf("reportMonths(%s, %v) = %v, %d; want %v, %d", tt.p, tt.revised, got, n, tt.want, tt.wantRevised)
		}
	}
}

func TestSetupJobs(t *testing.T) {
	var reported []string
	s := Setup{
		Dir: lake.Dir(t.TempDir()), Config: config.Default(), Location: domain.WIT,
		Clock: func() time.Time { return wit(2026, 1, 11, 7, 0) },
		Log:   slog.New(slog.NewTextHandler(io.Discard, nil)),
		Pipeline: Pipeline{
			Report: func(_ context.Context, _ lake.Dir, _ config.Config, p domain.Period, _ time.Time, _ *slog.Logger) error {
				reported = append(reported, p.String())
				return nil
			},
			Revised: func(lake.Dir) ([]domain.Period, error) { return []domain.Period{domain.MustPeriod("2025-06")}, nil },
		},
	}
	s.Config.Jobs.Reminder.Disabled = true
	var names []string
	var report Job
	for _, j := range s.Jobs() {
		names = append(names, j.Name)
		if j.Name == config.JobReport {
			report = j
		}
	}
	if diff := cmp.Diff([]string{config.JobIngest, config.JobReport}, names); diff != "" {
		t.Errorf("jobs with the reminder disabled (-want +got):\n%s", diff)
	}
	if !report.Monthly {
		t.Error("the report job is not monthly")
	}
	out, err := report.Run(context.Background(), Call{Job: config.JobReport, Trigger: OnSchedule, Due: wit(2026, 1, 11, 7, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"2025-06", "2025-12"}, reported); diff != "" {
		t.Errorf("reported (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]int{"reports": 2, "revised": 1, "failed": 0}, out.Counts); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
}
