package reports

import (
	"testing"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
)

func TestFormat(t *testing.T) {
	at := time.Date(2026, 2, 4, 22, 0, 0, 0, time.UTC) // 5 Feb 2026 07.00 WIT
	id, en := Format{Lang: "id"}, Format{Lang: "en"}
	tests := []struct {
		name      string
		got, want string
	}{
		{"Int id", id.Int(12345), "12.345"},
		{"Int id million", id.Int(1234567), "1.234.567"},
		{"Int id small", id.Int(999), "999"},
		{"Int id negative", id.Int(-1234), "-1.234"},
		{"Int en", en.Int(12345), "12,345"},
		{"Dec id", id.Dec(88.31, 2), "88,31"},
		{"Dec id thousands", id.Dec(12345.678, 1), "12.345,7"},
		{"Dec id negative", id.Dec(-4.25, 2), "-4,25"},
		{"Dec id negative zero", id.Dec(-0.001, 2), "0,00"},
		{"Dec en", en.Dec(88.31, 2), "88.31"},
		{"Pct id", id.Pct(0.634), "63,4 %"},
		{"Pct en", en.Pct(0.634), "63.4%"},
		{"Points id", id.Points(0.025), "+2,5 poin"},
		{"Points id negative", id.Points(-0.3), "-30,0 poin"},
		{"Gap id", id.Gap(-0.3), "30,0 poin"},
		{"Signed zero", id.Signed(0, 2), "0,00"},
		{"Date id", id.Date(at), "5 Februari 2026"},
		{"Date en", en.Date(at), "5 February 2026"},
		{"Time id", id.Time(at), "07.00 WIT"},
		{"Time en", en.Time(at), "07:00 WIT"},
		{"DateTime zero", id.DateTime(time.Time{}), "–"},
		{"Period id", id.Period(domain.MustPeriod("2026-10")), "Oktober 2026"},
		{"Month id", id.Month(domain.MustPeriod("2026-08")), "Agu 2026"},
		{"Month en", en.Month(domain.MustPeriod("2026-08")), "Aug 2026"},
		{"Opt absent", id.Opt(opt{}, 2), "–"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("%s = %q; want %q", tt.name, tt.got, tt.want)
			}
		})
	}
}

func TestTextHasEveryLabelInBothLanguages(t *testing.T) {
	for k, v := range labels {
		if v[0] == "" || v[1] == "" {
			t.Errorf("label %q = %q; want Indonesian and English", k, v)
		}
	}
	if got := textFor("fr").S("kpi.asn"); got != "ASN aktif" {
		t.Errorf(`TextFor("fr").S("kpi.asn") = %q; want the Indonesian default`, got)
	}
}
