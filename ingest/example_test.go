package ingest_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/ingest"
)

// ExampleReadFile reads an attendance workbook dropped by kota-ambon: one
// row is fine, one has an NIP typed as a number.
func ExampleReadFile() {
	dir, _ := os.MkdirTemp("", "pantau-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "kehadiran_2026-10.xlsx")

	f := excelize.NewFile()
	_ = f.SetSheetRow("Sheet1", "A1", &[]any{"NIP", "Nama", "Nama Pelatihan", "Jenis Pengembangan", "Tanggal Mulai", "Tanggal Selesai", "JP", "Status Kehadiran"})
	_ = f.SetSheetRow("Sheet1", "A2", &[]any{"19860926 201505 1 001", "Maria", "Pelayanan Prima", "Bimtek", "05/10/2026", "07/10/2026", "24 JP", "Hadir"})
	_ = f.SetSheetRow("Sheet1", "A3", &[]any{198609262015051002, "Budi", "Pelayanan Prima", "Bimtek", "05/10/2026", "07/10/2026", 24, "H"})
	_ = f.SaveAs(path)
	_ = f.Close()

	opts := ingest.DefaultOptions()
	opts.Agency, opts.UploadID, opts.MaxBadShare = "kota-ambon", "2026-10-kota-ambon-1", 0.5
	u := ingest.ReadFile(path, opts)
	defer func() {
		if u.Record != nil {
			u.Record.Release()
		}
	}()
	fmt.Println(u.Status, u.Kind, u.Period, u.RowsRead, u.RowsAccepted, u.RowsRejected)
	for _, p := range u.Problems {
		fmt.Printf("baris %d, kolom %s: %s\n", p.Row, p.Column, p.Message)
	}
	fmt.Println(u.Record.Schema().Field(3).Name, u.Record.Column(3))
	// Output:
	// diterima sebagian kehadiran 2026-10 2 1 1
	// baris 3, kolom NIP: NIP harus 18 digit; kolom ini terbaca sebagai angka — format kolom sebagai Teks, lalu ketik ulang NIP lengkap
	// jenis_pengembangan ["Bimbingan Teknis"]
}
