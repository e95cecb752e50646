package config

import (
	"testing"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
)

func TestParseSpecErrors(t *testing.T) {
	tests := []struct {
		spec, want string
	}{
		{"", `empty spec: want 5 fields (minute hour day month weekday), e.g. "*/5 * * * *"`},
		{"0 7 11", `expected 5 fields (minute hour day month weekday), got 3: "0 7 11"`},
		{"0 0 7 11 * * *", `expected 5 fields (minute hour day month weekday), got 7: "0 0 7 11 * * *"`},
		{"0 25 11 * *", `hour field "25": 25 is above the maximum 23`},
		{"0 7 0 * *", `day field "0": 0 is below the minimum 1`},
		{"0 7 11 13 *", `month field "13": 13 is above the maximum 12`},
		{"0 8 * * 7", `weekday field "7": 7 is above the maximum 6`},
		{"0 8 * * senin", `weekday field "senin": "senin" is not a number (or a month/weekday name like jan, mon)`},
		{"*/0 * * * *", `minute field "*/0": the step after / must be at least 1`},
		{"0 9-5 * * *", `hour field "9-5": range 9-5 runs backwards`},
		{"0 1-2-3 * * *", `hour field "1-2-3": too many '-' in a range`},
		{"70 * * * * *", `second field "70": 70 is above the maximum 59`},
		{"0 0 30 2 *", `"0 0 30 2 *" never fires: no such date`},
		{"@fortnightly", `"@fortnightly": unknown @-descriptor (want @yearly, @monthly, @weekly, @daily, @hourly or @every <duration>)`},
		{"@every 5 minutes", `"@every 5 minutes": bad duration after @every (e.g. @every 5m)`},
		// "TZ=UTC" with no space panics robfig/cron's parser (slice bounds).
		{"TZ=UTC", `"TZ=UTC": a time zone prefix is not allowed here; set time_zone at the top of pantau.toml`},
		{"CRON_TZ=Asia/Jayapura 0 7 11 * *", `"CRON_TZ=Asia/Jayapura 0 7 11 * *": a time zone prefix is not allowed here; set time_zone at the top of pantau.toml`},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			_, err := ParseSpec(tt.spec, domain.WIT)
			if err == nil || err.Error() != tt.want {
				t.Errorf("ParseSpec(%q) = %v; want %q", tt.spec, err, tt.want)
			}
		})
	}
}

func TestParseSpecValid(t *testing.T) {
	from := time.Date(2026, 1, 31, 23, 59, 30, 0, domain.WIT)
	tests := []struct {
		spec string
		want time.Time
	}{
		{"*/5 * * * *", time.Date(2026, 2, 1, 0, 0, 0, 0, domain.WIT)},
		{"0 7 11 * *", time.Date(2026, 2, 11, 7, 0, 0, 0, domain.WIT)},
		{"0 8 * * 1", time.Date(2026, 2, 2, 8, 0, 0, 0, domain.WIT)},
		{"0 8 * * mon", time.Date(2026, 2, 2, 8, 0, 0, 0, domain.WIT)},
		{"*/2 * * * * *", time.Date(2026, 1, 31, 23, 59, 32, 0, domain.WIT)},
		{"0 0 29 2 *", time.Date(2028, 2, 29, 0, 0, 0, 0, domain.WIT)},
		{"@daily", time.Date(2026, 2, 1, 0, 0, 0, 0, domain.WIT)},
		{"@every 10m", from.Add(10 * time.Minute)},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			s, err := ParseSpec(tt.spec, domain.WIT)
			if err != nil {
				t.Fatalf("ParseSpec(%q): %v", tt.spec, err)
			}
			// The instant is given in UTC: the schedule must still be read in WIT.
			if got := s.Next(from.UTC()); !got.Equal(tt.want) {
				t.Errorf("ParseSpec(%q).Next(%v) = %v; want %v", tt.spec, from, got, tt.want)
			}
		})
	}
}

func FuzzParseSpec(f *testing.F) {
	for _, s := range []string{"*/5 * * * *", "0 7 11 * *", "TZ=UTC", "TZ=", "CRON_TZ=", "@every -1s",
		"@every 0s", "1-2/0 * * * *", "*/5 * * * * *", "0 0 31 2 *", "a-b/c * * * *", ",,, * * * *", "-1 * * * *"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		s, err := ParseSpec(spec, domain.WIT)
		if err == nil && s.Next(time.Date(2026, 1, 1, 0, 0, 0, 0, domain.WIT)).IsZero() {
			t.Errorf("ParseSpec(%q) accepted a schedule that never fires", spec)
		}
	})
}
