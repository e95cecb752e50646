package ingest

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
)

// templateRows is how many rows get the dropdowns and formats.
const templateRows = 5000

// Template sheet names.
const (
	SheetData      = "Data"
	SheetPetunjuk  = "Petunjuk"
	SheetDaftar    = "Daftar" // hidden lists behind the dropdowns
	maxPromptChars = 250      // Excel limits an input message to 255 characters
)

// WriteTemplate writes the Excel template of kind k: a Data sheet with the
// schema's headers (required ones in red), NIP columns formatted as text,
// dropdowns for every enumeration and the districts, input hints, one
// example row, and a Petunjuk sheet explaining how to fill and name it.
func WriteTemplate(w io.Writer, k domain.Kind, ref *domain.Reference) error {
	s := SchemaOf(k)
	if s == nil {
		return fmt.Errorf("write template %q: unknown kind", k)
	}
	if ref == nil {
		ref = DefaultReference()
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := writeTemplate(f, s, ref); err != nil {
		return fmt.Errorf("write template %s: %w", k, err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write template %s: %w", k, err)
	}
	return nil
}

func writeTemplate(f *excelize.File, s *Schema, ref *domain.Reference) error {
	if err := f.SetSheetName("Sheet1", SheetData); err != nil {
		return err
	}
	for _, sh := range []string{SheetPetunjuk, SheetDaftar} {
		if _, err := f.NewSheet(sh); err != nil {
			return err
		}
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	headReq, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	dateFmt := "dd/mm/yyyy"
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	lists := map[string]int{} // list name → Daftar column
	list := func(name string, values []string) (string, error) {
		c, ok := lists[name]
		if !ok {
			c = len(lists) + 1
			lists[name] = c
			for i, v := range values {
				cell, _ := excelize.CoordinatesToCellName(c, i+1)
				if err := f.SetCellStr(SheetDaftar, cell, v); err != nil {
					return "", err
				}
			}
		}
		col, _ := excelize.ColumnNumberToName(c)
		return fmt.Sprintf("%s!$%s$1:$%s$%d", SheetDaftar, col, col, len(values)), nil
	}
	var districts []string
	for _, d := range ref.Districts {
		districts = append(districts, d.Name)
	}
	for i, c := range s.Columns {
		col, _ := excelize.ColumnNumberToName(i + 1)
		cell := col + "1"
		if err := f.SetCellStr(SheetData, cell, c.Name); err != nil {
			return err
		}
		st := head
		if c.Required {
			st = headReq
		}
		if err := f.SetCellStyle(SheetData, cell, cell, st); err != nil {
			return err
		}
		if err := f.SetColWidth(SheetData, col, col, float64(min(40, max(12, len(c.Name)+4)))); err != nil {
			return err
		}
		rng := fmt.Sprintf("%s2:%s%d", col, col, templateRows+1)
		// Column styles (not 5000 styled cells): Excel gives a typed cell its column's format.
		switch c.Type {
		case TypeNIP, TypeText, TypeUnit, TypeEvalPeriod:
			if err := f.SetColStyle(SheetData, col, text); err != nil {
				return err
			}
		case TypeDate:
			if err := f.SetColStyle(SheetData, col, date); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(SheetData, cell, cell, st); err != nil { // the header keeps its own style
			return err
		}
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(rng)
		var values []string
		switch c.Type {
		case TypeEnum:
			values = c.Enum.Values
		case TypeDistrict:
			values = districts
		case TypeTraining:
			values = trainingNames()
		case TypeAnswer:
			values = []string{"1", "2", "3", "4"}
		}
		if values != nil {
			src, err := list(c.Name, values)
			if err != nil {
				return err
			}
			dv.SetSqrefDropList(src)
			// Synonyms are accepted too: warn, don't stop.
			dv.SetError(excelize.DataValidationErrorStyleWarning, "Nilai tidak ada di daftar", "Pilih dari daftar; nilai lain mungkin ditolak.")
		}
		hint := c.Hint
		if c.Required {
			hint = "Wajib. " + hint
		}
		if len(hint) > maxPromptChars {
			hint = hint[:maxPromptChars]
		}
		title := c.Name
		if len(title) > 32 {
			title = title[:32]
		}
		dv.SetInput(title, hint)
		if err := f.AddDataValidation(SheetData, dv); err != nil {
			return err
		}
		if c.Example != "" {
			if err := f.SetCellStr(SheetData, col+"2", c.Example); err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(SheetData, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := f.SetRowHeight(SheetData, 1, 32); err != nil {
		return err
	}
	if err := writePetunjuk(f, s); err != nil {
		return err
	}
	if err := f.SetSheetVisible(SheetDaftar, false); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return nil
}

// writePetunjuk writes the instructions sheet.
func writePetunjuk(f *excelize.File, s *Schema) error {
	lines := []string{
		"Petunjuk pengisian — " + s.Kind.Label(),
		"",
		"1. Isi data di lembar \"Data\" mulai baris 2. Baris 2 berisi contoh: timpa dengan data Anda (jangan kirim baris contoh).",
		"2. Satu baris untuk satu " + map[domain.Kind]string{domain.Pegawai: "pegawai", domain.Kehadiran: "pegawai per pelatihan",
			domain.Evaluasi: "pegawai per periode penilaian", domain.Survei: "responden"}[s.Kind] + ". Jangan mengubah judul kolom di baris 1.",
		"3. Kolom berjudul merah wajib diisi. Kolom lain boleh kosong.",
		"4. NIP ditulis 18 digit sebagai teks (kolom sudah berformat Teks); spasi boleh. Jangan ubah format kolom NIP menjadi Angka: digit terakhir akan hilang dan baris ditolak.",
		"5. Tanggal ditulis hari/bulan/tahun, mis. 05/10/2026 atau 5 Oktober 2026.",
		"6. Angka desimal boleh memakai koma (8,5).",
		"7. " + periodHow,
		"8. Simpan sebagai .xlsx (bukan .xls atau .csv), tanpa kata sandi, lalu taruh di folder kiriman instansi Anda. Tanda terima muncul di folder outbox beberapa menit kemudian.",
		"",
		"Kolom",
	}
	for i, l := range lines {
		if err := f.SetCellStr(SheetPetunjuk, fmt.Sprintf("A%d", i+1), l); err != nil {
			return err
		}
	}
	r := len(lines) + 1
	for _, h := range []struct{ cell, text string }{{"A", "Judul kolom"}, {"B", "Wajib"}, {"C", "Keterangan"}, {"D", "Judul lain yang diterima"}} {
		if err := f.SetCellStr(SheetPetunjuk, fmt.Sprintf("%s%d", h.cell, r), h.text); err != nil {
			return err
		}
	}
	for i, c := range s.Columns {
		row := r + 1 + i
		wajib := "tidak"
		if c.Required {
			wajib = "ya"
		} else if c.Group != "" {
			wajib = "salah satu (" + c.Group + ")"
		}
		vals := []string{c.Name, wajib, c.Hint, strings.Join(c.Aliases, "; ")}
		for j, v := range vals {
			cell, _ := excelize.CoordinatesToCellName(j+1, row)
			if err := f.SetCellStr(SheetPetunjuk, cell, v); err != nil {
				return err
			}
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	if err != nil {
		return err
	}
	_ = f.SetCellStyle(SheetPetunjuk, "A1", "A1", bold)
	_ = f.SetColWidth(SheetPetunjuk, "A", "A", 40)
	_ = f.SetColWidth(SheetPetunjuk, "C", "C", 70)
	return f.SetColWidth(SheetPetunjuk, "D", "D", 50)
}
