package reports_test

import (
	"fmt"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/reports"
)

func ExampleFormat() {
	id, en := reports.Format{Lang: "id"}, reports.Format{Lang: "en"}
	at := time.Date(2026, 2, 5, 7, 0, 0, 0, domain.WIT)
	fmt.Println(id.Int(12345), id.Dec(88.31, 2), id.Pct(0.634), id.Date(at), id.Time(at))
	fmt.Println(en.Int(12345), en.Dec(88.31, 2), en.Pct(0.634), en.Date(at), en.Time(at))
	// Output:
	// 12.345 88,31 63,4 % 5 Februari 2026 07.00 WIT
	// 12,345 88.31 63.4% 5 February 2026 07:00 WIT
}
