package config

import (
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

func TestDefaultTextIsDefault(t *testing.T) {
	got, err := Parse(DefaultText())
	if err != nil {
		t.Fatalf("Parse(DefaultText()): %v", err)
	}
	if diff := cmp.Diff(Default(), got); diff != "" {
		t.Errorf("DefaultText decodes differently from Default (-want +got):\n%s", diff)
	}
}

func TestLoad(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	got, err := Load(dir)
	if err != nil {
		t.Fatalf("Load(no file): %v", err)
	}
	if diff := cmp.Diff(Default(), got); diff != "" {
		t.Errorf("Load(no file) (-want +got):\n%s", diff)
	}
	text := "time_zone = \"Asia/Makassar\"\n[jobs.report]\nspec = \"30 6 12 * *\"\n[report]\nmax_catch_up = 6\n"
	if err := os.WriteFile(dir.Config(), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err = Load(dir)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := Default()
	want.TimeZone = "Asia/Makassar"
	want.Jobs.Report.Spec = "30 6 12 * *"
	want.Report.MaxCatchUp = 6
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Load (-want +got):\n%s", diff)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"spec fields", "[jobs.report]\nspec = \"0 7 11\"\n",
			`jobs.report.spec: expected 5 fields (minute hour day month weekday), got 3: "0 7 11"`},
		{"spec range", "[jobs.reminder]\nspec = \"0 8 * * 8\"\n",
			`jobs.reminder.spec: weekday field "8": 8 is above the maximum 6`},
		{"time zone", "time_zone = \"Asia/Ambon\"\n",
			`time_zone "Asia/Ambon" is not a known IANA time zone (Ambon and Maluku use "Asia/Jayapura"; there is no Asia/Ambon)`},
		{"empty time zone", "time_zone = \"\"\n",
			`time_zone is empty: use an IANA name such as "Asia/Jayapura"`},
		{"unknown key", "[jobs.reprot]\nspec = \"0 7 11 * *\"\n",
			`unknown key jobs.reprot, jobs.reprot.spec`},
		{"several", "[ingest]\nworkers = 0\nmax_bad_share = 10\n[report]\ndeadline_day = 31\nlang = \"jv\"\n",
			"ingest.workers = 0: want 1..64\n" +
				"ingest.max_bad_share = 10: want a fraction 0..1 (0.10 is 10%)\n" +
				"report.deadline_day = 31: want 1..28 (a day every month has)\n" +
				"report.lang = \"jv\": want \"id\" or \"en\""},
		{"disabled empty spec is fine, bad catch-up is not", "[jobs.reminder]\ndisabled = true\nspec = \"\"\n[report]\nmax_catch_up = -1\n",
			`report.max_catch_up = -1: want 0..24 months`},
		{"toml syntax", "time_zone = Asia/Jayapura\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.text)
			if err == nil {
				t.Fatalf("Parse(%q) = nil; want an error", tt.text)
			}
			if tt.want != "" && err.Error() != tt.want {
				t.Errorf("Parse(%q) = %q; want %q", tt.text, err, tt.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add(DefaultText())
	f.Add("time_zone = \"UTC\"\n[jobs.ingest]\nspec = \"TZ=UTC\"\n")
	f.Add("[report]\nmax_catch_up = 1e400\n")
	f.Fuzz(func(t *testing.T, text string) {
		c, err := Parse(text)
		if err == nil {
			if verr := c.Validate(); verr != nil {
				t.Errorf("Parse(%q) returned a config that fails Validate: %v", text, verr)
			}
		}
	})
}

func TestLastDuePeriod(t *testing.T) {
	r := Default().Report
	tests := []struct {
		now  time.Time
		want string
	}{
		{time.Date(2026, 1, 10, 23, 59, 0, 0, domain.WIT), "2025-11"}, // December's deadline (10 Jan 23:59:59) not passed yet
		{time.Date(2026, 1, 10, 23, 59, 59, 0, domain.WIT), "2025-11"},
		{time.Date(2026, 1, 11, 0, 0, 0, 0, domain.WIT), "2025-12"},
		{time.Date(2026, 1, 12, 8, 0, 0, 0, domain.WIT), "2025-12"},
		{time.Date(2026, 3, 1, 0, 0, 0, 0, domain.WIT), "2026-01"},
	}
	for _, tt := range tests {
		if got := r.LastDuePeriod(tt.now).String(); got != tt.want {
			t.Errorf("LastDuePeriod(%v) = %s; want %s", tt.now, got, tt.want)
		}
	}
}
