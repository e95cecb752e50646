package sampledata

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/xuri/excelize/v2"
)

// dateCell is a date to be written as a real Excel date cell (a serial
// number with a dd/mm/yyyy format).
type dateCell time.Time

// excelSerial is the 1900-system serial number of a calendar date.
func excelSerial(t time.Time) float64 {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return float64(d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

// writeUpload writes upload u's table in its agency's style: optional
// "Catatan" sheet, title rows (merged across the table), the header in the agency's spelling and
// column order, the rows, and formatted empty rows after them.
func writeUpload(path string, u upload, t *table) error {
	st := t.Style
	f := excelize.NewFile()
	defer f.Close()
	sheet := st.Sheet
	if sheet == "" {
		sheet = "Sheet1"
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if st.ExtraSheet {
		// A notes sheet placed first, as clerks do; it matches no kind.
		idx, err := f.NewSheet("Catatan")
		if err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		f.SetCellStr("Catatan", "A1", "Catatan")
		f.SetCellStr("Catatan", "A2", "Data diisi oleh pengelola kepegawaian; mohon hubungi bagian kepegawaian bila ada koreksi.")
		f.SetCellStr("Catatan", "A3", "Dikirim: "+u.Drop.Format("02/01/2006"))
		f.MoveSheet("Catatan", sheet)
		f.SetActiveSheet(idx)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("dd/mm/yyyy")})
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	headStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	blankStyle, err := f.NewStyle(&excelize.Style{Border: []excelize.Border{{Type: "bottom", Color: "BFBFBF", Style: 1}}})
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	row := 1
	put := func(vals []any) error {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return sw.SetRow(cell, vals)
	}
	for _, tr := range t.Titles {
		if len(tr) > 0 && len(t.Header) > 1 {
			// Title rows are merged across the table, as clerks format them.
			from, _ := excelize.CoordinatesToCellName(1, row)
			to, _ := excelize.CoordinatesToCellName(len(t.Header), row)
			if err := sw.MergeCell(from, to); err != nil {
				return fmt.Errorf("write %s: %w", path, err)
			}
		}
		if err := put(tr); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	order := t.Order
	head := make([]any, len(order))
	for i, c := range order {
		head[i] = excelize.Cell{StyleID: headStyle, Value: st.headerText(t.Header[c])}
	}
	if err := put(head); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	vals := make([]any, len(order))
	for _, rw := range t.Rows {
		for i, c := range order {
			switch v := rw[c].(type) {
			case dateCell:
				vals[i] = excelize.Cell{StyleID: dateStyle, Value: excelSerial(time.Time(v))}
			default:
				vals[i] = v
			}
		}
		if err := put(vals); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	blank := make([]any, len(order))
	for i := range blank {
		blank[i] = excelize.Cell{StyleID: blankStyle}
	}
	for i := 0; i < st.Trailing; i++ {
		if err := put(blank); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return saveAs(f, path)
}

// saveAs writes f to path through a temporary name, so an interrupted run
// never leaves a half-written workbook under the final name.
func saveAs(f *excelize.File, path string, opts ...excelize.Options) error {
	tmp := filepath.Join(filepath.Dir(path), ".tmp-"+filepath.Base(path))
	if err := f.SaveAs(tmp, opts...); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func ptr[T any](v T) *T { return &v }
