package sampledata_test

import (
	"fmt"
	"os"

	sampledata "github.com/pantau-asn/pantau/sample-data"
)

// Generate writes a year of uploads for 15 Maluku agencies; the same seed
// always gives the same workbooks.
func ExampleGenerate() {
	dir, err := os.MkdirTemp("", "pantau-sample-example-*")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	st, err := sampledata.Generate(dir, sampledata.Demo, 1)
	if err != nil {
		panic(err)
	}
	fmt.Println(st.Files, "workbooks,", st.ASN, "ASN,", st.Agencies, "agencies")
	fmt.Println(st.Rows["pegawai"], "roster rows,", st.Rows["kehadiran"], "attendance rows")
	// Output:
	// 424 workbooks, 2460 ASN, 15 agencies
	// 8362 roster rows, 4309 attendance rows
}

// BadCases lists the files of sample-data/bad and what the ingest must say.
func ExampleBadCases() {
	for _, c := range sampledata.BadCases()[:3] {
		fmt.Printf("%s/%s: %s %s\n", c.Agency, c.File, c.Status, c.Expect)
	}
	// Output:
	// kota-ambon/kehadiran_2026-01_kolom-tak-dikenal.xlsx: ditolak ErrUnknownHeaders
	// kota-ambon/kehadiran_pelatihan.xlsx: ditolak ErrNoPeriod
	// kota-ambon/kehadiran_2026-01_periode-beda.xlsx: ditolak ErrPeriodConflict
}
