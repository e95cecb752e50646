package sampledata

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
)

// writeReferenceFile writes the reference workbook (referensi.xlsx) with
// the sheets and headers of the team contract: Kabupaten, Instansi, Unit
// Layanan.
func writeReferenceFile(path string, ref *domain.Reference) error {
	f := excelize.NewFile()
	defer f.Close()
	yn := func(b bool) string {
		if b {
			return "Ya"
		}
		return "Tidak"
	}
	sheets := []struct {
		name string
		rows [][]any
	}{
		{"Kabupaten", [][]any{{"Kode Kabupaten/Kota", "Nama Kabupaten/Kota", "Terpencil"}}},
		{"Instansi", [][]any{{"Kode Instansi", "Nama Instansi", "Kabupaten/Kota", "Wajib Pegawai", "Wajib Kehadiran", "Wajib Evaluasi", "Wajib Survei"}}},
		{"Unit Layanan", [][]any{{"Kode Unit Layanan", "Nama Unit Layanan", "Kode Instansi", "Kabupaten/Kota", "Jenis Layanan", "Pengguna per Bulan"}}},
	}
	for _, d := range ref.Districts {
		sheets[0].rows = append(sheets[0].rows, []any{d.Code, d.Name, yn(d.Remote)})
	}
	for _, a := range ref.Agencies {
		sheets[1].rows = append(sheets[1].rows, []any{a.Code, a.Name, a.District, yn(a.ExpectsKind(domain.Pegawai)),
			yn(a.ExpectsKind(domain.Kehadiran)), yn(a.ExpectsKind(domain.Evaluasi)), yn(a.ExpectsKind(domain.Survei))})
	}
	for _, u := range ref.Units {
		var users any
		if u.UsersPerMonth > 0 {
			users = u.UsersPerMonth
		}
		sheets[2].rows = append(sheets[2].rows, []any{u.Code, u.Name, u.Agency, u.District, strings.Join(u.ServiceTypes, ";"), users})
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return fmt.Errorf("write %s: %w", path, err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				return fmt.Errorf("write %s: %w", path, err)
			}
		}
	}
	return saveAs(f, path)
}
