package ingest

import (
	"io"
	"testing"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// BenchmarkReceipt writes the two receipts an ingest writes most: one for
// a file accepted whole (Ringkasan only) and one for a partial file (ten
// rejected rows with a bad cell each, and a warning).
//
//	go test ./ingest -run '^$' -bench BenchmarkReceipt -benchmem
func BenchmarkReceipt(b *testing.B) {
	at := time.Date(2026, 11, 3, 1, 5, 0, 0, time.UTC)
	accepted := &receipt{File: "kehadiran_2026-10.xlsx", Agency: "kota-ambon", AgencyName: "Pemerintah Kota Ambon",
		Status: lake.Accepted, Kind: domain.Kehadiran, Period: "2026-10", ReceivedAt: at, Limit: 100,
		Upload: &Upload{Kind: domain.Kehadiran, RowsRead: 1500, RowsAccepted: 1500}, Month: "Data Oktober 2026 kini 1 berkas, 1500 baris."}
	u := &Upload{Kind: domain.Kehadiran, Period: domain.MustPeriod("2026-10"), Header: []string{"NIP", "Nama", "JP"},
		RowsRead: 1500, RowsAccepted: 1490, RowsRejected: 10, Raw: map[int][]string{},
		Warnings: []*RowError{{Row: 5, Column: "Nama", Value: "Budi", Err: errTestCause, Message: "Nama berbeda dengan data pegawai."}}}
	for r := 2; r < 12; r++ {
		u.Problems = append(u.Problems, &RowError{Row: r, Column: "JP", Value: "0", Err: errTestCause, Message: "JP harus lebih dari 0"})
		u.Raw[r] = []string{"198609262015051004", "Pegawai", "0"}
	}
	partial := &receipt{File: "kehadiran_2026-10.xlsx", Agency: "kota-ambon", Status: lake.Partial, Kind: domain.Kehadiran,
		Period: "2026-10", ReceivedAt: at, Upload: u, Limit: 100}
	for _, bc := range []struct {
		name string
		r    *receipt
	}{{"accepted", accepted}, {"partial", partial}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := writeReceipt(io.Discard, bc.r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
