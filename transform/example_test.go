package transform_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/transform"
)

// Run computes the metric tables of a month; WriteCSV exports the public
// ones beside the report. An empty data directory still gives every table
// (the built-in Maluku districts with no staff).
func ExampleRun() {
	tmp, _ := os.MkdirTemp("", "pantau-example-")
	defer os.RemoveAll(tmp)
	dir := lake.Dir(tmp)
	p := transform.DefaultParams(domain.MustPeriod("2026-03"))
	res, err := transform.Run(context.Background(), dir, p)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer res.Release()
	fmt.Println(res.Table("coverage_district").NumRows(), "districts")
	if err := res.WriteCSV(filepath.Join(dir.ReportDir(p.Period), "data")); err != nil {
		fmt.Println(err)
	}
	files, _ := os.ReadDir(filepath.Join(dir.ReportDir(p.Period), "data"))
	fmt.Println(len(files), "CSV files")
	// Output:
	// 11 districts
	// 14 CSV files
}
