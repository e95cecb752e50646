package schedules_test

import (
	"fmt"
	"time"

	"github.com/pantau-asn/pantau/internal/config"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/schedules"
)

func ExampleReportPeriod() {
	s, err := config.ParseSpec("0 7 11 * *", domain.WIT)
	if err != nil {
		panic(err)
	}
	next := s.Next(time.Date(2025, 12, 20, 0, 0, 0, 0, domain.WIT))
	fmt.Println(next.Format("2006-01-02 15:04 MST"), "reports", schedules.ReportPeriod(next, domain.WIT))

	_, err = config.ParseSpec("0 7 11", domain.WIT)
	fmt.Println(err)
	// Output:
	// 2026-01-11 07:00 WIT reports 2025-12
	// expected 5 fields (minute hour day month weekday), got 3: "0 7 11"
}

func ExampleMissed() {
	s, _ := config.ParseSpec("0 8 * * 1", domain.WIT) // Mondays 08:00
	down := time.Date(2026, 1, 2, 17, 0, 0, 0, domain.WIT)
	up := time.Date(2026, 1, 13, 9, 0, 0, 0, domain.WIT)
	for _, t := range schedules.Missed(s, down, up, domain.WIT) {
		fmt.Println(t.Format("Mon 2006-01-02 15:04"))
	}
	// Output:
	// Mon 2026-01-05 08:00
	// Mon 2026-01-12 08:00
}
