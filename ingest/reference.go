package ingest

import (
	"errors"
	"fmt"
	"io"

	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/officezip"
)

// Reference workbook sheets and their headers (docs/uploads.md, "Reference data").
const (
	SheetKabupaten = "Kabupaten"
	SheetInstansi  = "Instansi"
	SheetUnit      = "Unit Layanan"
)

var (
	// The last column of each sheet, Nama Singkat, is optional: the short
	// name charts use on a phone (Malteng, SBB, Disdukcapil Ambon).
	refKabupatenHeader = []string{"Kode Kabupaten/Kota", "Nama Kabupaten/Kota", "Terpencil", "Nama Singkat"}
	refInstansiHeader  = []string{"Kode Instansi", "Nama Instansi", "Kabupaten/Kota", "Wajib Pegawai", "Wajib Kehadiran", "Wajib Evaluasi", "Wajib Survei", "Nama Singkat"}
	refUnitHeader      = []string{"Kode Unit Layanan", "Nama Unit Layanan", "Kode Instansi", "Kabupaten/Kota", "Jenis Layanan", "Pengguna per Bulan", "Nama Singkat"}
)

// DefaultReference is the built-in reference data: Maluku's 11 districts
// with their remote flags, no agencies or units yet.
func DefaultReference() *domain.Reference {
	return &domain.Reference{Districts: domain.MalukuDistricts()}
}

// WriteReference writes ref as the reference workbook (referensi.xlsx):
// sheets Kabupaten, Instansi and Unit Layanan with Indonesian headers.
func WriteReference(w io.Writer, ref *domain.Reference) error {
	if ref == nil {
		ref = DefaultReference()
	}
	f := officezip.Use(excelize.NewFile())
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetKabupaten); err != nil {
		return fmt.Errorf("write reference: %w", err)
	}
	for _, s := range []string{SheetInstansi, SheetUnit} {
		if _, err := f.NewSheet(s); err != nil {
			return fmt.Errorf("write reference: %w", err)
		}
	}
	var rows [][]any
	for _, d := range ref.Districts {
		rows = append(rows, []any{d.Code, d.Name, yaTidak(d.Remote), d.Short})
	}
	if err := writeSheet(f, SheetKabupaten, refKabupatenHeader, rows); err != nil {
		return err
	}
	rows = nil
	for _, a := range ref.Agencies {
		rows = append(rows, []any{a.Code, a.Name, a.District, yaTidak(a.ExpectsKind(domain.Pegawai)),
			yaTidak(a.ExpectsKind(domain.Kehadiran)), yaTidak(a.ExpectsKind(domain.Evaluasi)), yaTidak(a.ExpectsKind(domain.Survei)), a.Short})
	}
	if err := writeSheet(f, SheetInstansi, refInstansiHeader, rows); err != nil {
		return err
	}
	rows = nil
	for _, u := range ref.Units {
		var users any = ""
		if u.UsersPerMonth > 0 {
			users = u.UsersPerMonth
		}
		rows = append(rows, []any{u.Code, u.Name, u.Agency, u.District, strings.Join(u.ServiceTypes, "; "), users, u.Short})
	}
	if err := writeSheet(f, SheetUnit, refUnitHeader, rows); err != nil {
		return err
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write reference: %w", err)
	}
	return nil
}

// writeSheet writes a header row (bold, frozen) and rows of values, all
// text cells formatted as text so codes like 81.71 stay text.
func writeSheet(f *excelize.File, sheet string, header []string, rows [][]any) error {
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: 49,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return fmt.Errorf("write sheet %s: %w", sheet, err)
	}
	textStyle, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return fmt.Errorf("write sheet %s: %w", sheet, err)
	}
	for i, h := range header {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(sheet, cell, h); err != nil {
			return fmt.Errorf("write sheet %s: %w", sheet, err)
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		_ = f.SetColWidth(sheet, col, col, float64(max(14, len(h)+4)))
		_ = f.SetColStyle(sheet, col, textStyle)
	}
	last, _ := excelize.CoordinatesToCellName(len(header), 1)
	if err := f.SetCellStyle(sheet, "A1", last, bold); err != nil {
		return fmt.Errorf("write sheet %s: %w", sheet, err)
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
			var err error
			if s, ok := v.(string); ok {
				err = f.SetCellStr(sheet, cell, s)
			} else {
				err = f.SetCellValue(sheet, cell, v)
			}
			if err != nil {
				return fmt.Errorf("write sheet %s: %w", sheet, err)
			}
		}
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

func yaTidak(b bool) string {
	if b {
		return "Ya"
	}
	return "Tidak"
}

var enumYa = newEnum("Ya/Tidak", []string{"Ya", "Tidak"}, map[string][]string{
	"Ya": {"Y", "True", "Benar", "1", "✓", "v", "Wajib"}, "Tidak": {"T", "N", "No", "False", "0", "-", "Tidak Wajib"}})

// ReadReference reads the reference workbook. Problems in rows are returned
// as RowErrors (the row is skipped); a workbook that cannot be read or has
// no Kabupaten sheet is an error.
func ReadReference(path string) (*domain.Reference, []*RowError, error) {
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 32 << 20})
	if err != nil {
		return nil, nil, fmt.Errorf("read reference %s: %w", path, err)
	}
	defer f.Close()
	rr := &refReader{f: f, file: path}
	ref := &domain.Reference{}
	// Kabupaten
	rows, col, err := rr.sheet(SheetKabupaten, refKabupatenHeader, true)
	if err != nil {
		return nil, nil, err
	}
	seen := map[string]bool{}
	shorts := newShortNames(SheetKabupaten, refKabupatenHeader[3], rr)
	builtin := map[string]string{}
	for _, d := range domain.MalukuDistricts() {
		builtin[d.Code] = d.Short
	}
	for i, row := range rows {
		n := i + 2
		code, name := cellAt(row, col[0]), cellAt(row, col[1])
		if code == "" && name == "" {
			continue
		}
		if len(code) != 5 || code[2] != '.' || !allDigits(code[:2]) || !allDigits(code[3:]) {
			rr.fail(SheetKabupaten, n, refKabupatenHeader[0], code, ErrUnknownDistrict,
				"Kode kabupaten/kota harus kode Kemendagri dua angka, titik, dua angka (mis. 81.71); kode BPS 4 digit tidak dipakai")
			continue
		}
		if name == "" {
			rr.fail(SheetKabupaten, n, refKabupatenHeader[1], name, ErrRequired, "Nama kabupaten/kota wajib diisi")
			continue
		}
		if seen[code] {
			rr.fail(SheetKabupaten, n, refKabupatenHeader[0], code, ErrDuplicate, "Kode "+code+" sudah ada di baris sebelumnya")
			continue
		}
		remote, ok := rr.yes(SheetKabupaten, n, refKabupatenHeader[2], cellAt(row, col[2]))
		if !ok {
			continue
		}
		short, given := cellAt(row, col[3]), true
		if short == "" && col[3] < 0 { // a workbook from before Nama Singkat: Maluku's usual ones
			short, given = builtin[code], false
		}
		if !shorts.take(n, short, given) {
			if given {
				continue
			}
			short = ""
		}
		seen[code] = true
		ref.Districts = append(ref.Districts, domain.District{Code: code, Name: name, Remote: remote, Short: short})
	}
	// Instansi
	rows, col, err = rr.sheet(SheetInstansi, refInstansiHeader, false)
	if err != nil {
		return nil, nil, err
	}
	seen = map[string]bool{}
	shorts = newShortNames(SheetInstansi, refInstansiHeader[7], rr)
rowsInstansi:
	for i, row := range rows {
		n := i + 2
		code := strings.ToLower(cellAt(row, col[0]))
		if code == "" && cellAt(row, col[1]) == "" {
			continue
		}
		if !domain.ValidAgencyCode(code) {
			rr.fail(SheetInstansi, n, refInstansiHeader[0], code, ErrRequired,
				"Kode instansi hanya huruf kecil, angka dan tanda hubung (nama folder kiriman), mis. kota-ambon")
			continue
		}
		if seen[code] {
			rr.fail(SheetInstansi, n, refInstansiHeader[0], code, ErrDuplicate, "Kode instansi "+code+" sudah ada di baris sebelumnya")
			continue
		}
		a := domain.Agency{Code: code, Name: cellAt(row, col[1])}
		if a.Name == "" {
			a.Name = code
		}
		if d := cellAt(row, col[2]); d != "" {
			dc, err := domain.ResolveDistrict(ref.Districts, d)
			if err != nil {
				rr.fail(SheetInstansi, n, refInstansiHeader[2], d, ErrUnknownDistrict, districtMessage(d))
				continue
			}
			a.District = dc
		}
		for k, kind := range domain.Kinds {
			yes, ok := rr.yes(SheetInstansi, n, refInstansiHeader[3+k], cellAt(row, col[3+k]))
			if !ok {
				continue rowsInstansi
			}
			if yes {
				a.Expects = append(a.Expects, kind)
			}
		}
		if a.Short = cellAt(row, col[7]); !shorts.take(n, a.Short, true) {
			continue
		}
		seen[code] = true
		ref.Agencies = append(ref.Agencies, a)
	}
	// Unit Layanan
	rows, col, err = rr.sheet(SheetUnit, refUnitHeader, false)
	if err != nil {
		return nil, nil, err
	}
	seen = map[string]bool{}
	shorts = newShortNames(SheetUnit, refUnitHeader[6], rr)
	for i, row := range rows {
		n := i + 2
		u := domain.Unit{Code: cellAt(row, col[0]), Name: cellAt(row, col[1]), Agency: strings.ToLower(cellAt(row, col[2]))}
		if u.Code == "" && u.Name == "" {
			continue
		}
		if u.Code == "" {
			rr.fail(SheetUnit, n, refUnitHeader[0], "", ErrRequired, "Kode unit layanan wajib diisi")
			continue
		}
		if seen[u.Code] {
			rr.fail(SheetUnit, n, refUnitHeader[0], u.Code, ErrDuplicate, "Kode unit layanan "+u.Code+" sudah ada di baris sebelumnya")
			continue
		}
		if u.Name == "" {
			u.Name = u.Code
		}
		if u.Agency != "" {
			if _, ok := ref.Agency(u.Agency); !ok {
				rr.fail(SheetUnit, n, refUnitHeader[2], u.Agency, ErrOtherAgency, "Kode instansi "+u.Agency+" tidak ada di lembar Instansi")
				continue
			}
		}
		if d := cellAt(row, col[3]); d != "" {
			dc, err := domain.ResolveDistrict(ref.Districts, d)
			if err != nil {
				rr.fail(SheetUnit, n, refUnitHeader[3], d, ErrUnknownDistrict, districtMessage(d))
				continue
			}
			u.District = dc
		} else if a, ok := ref.Agency(u.Agency); ok {
			u.District = a.District
		}
		for _, t := range strings.Split(cellAt(row, col[4]), ";") {
			if t = cleanText(t); t != "" {
				u.ServiceTypes = append(u.ServiceTypes, t)
			}
		}
		if s := cellAt(row, col[5]); s != "" {
			v, err := parseNumber(s)
			if err != nil || v < 0 || v != float64(int(v)) {
				rr.fail(SheetUnit, n, refUnitHeader[5], s, ErrNumber, "Pengguna per Bulan harus bilangan bulat, atau kosong bila tidak diketahui")
				continue
			}
			u.UsersPerMonth = int(v)
		}
		if u.Short = cellAt(row, col[6]); !shorts.take(n, u.Short, true) {
			continue
		}
		seen[u.Code] = true
		ref.Units = append(ref.Units, u)
	}
	return ref, rr.problems, nil
}

// shortNames keeps one sheet's short names apart: two rows may not share
// one, as two items of a chart would then carry the same label.
type shortNames struct {
	sheet, column string
	rr            *refReader
	rows          map[string]int // folded short name → row
}

func newShortNames(sheet, column string, rr *refReader) *shortNames {
	return &shortNames{sheet: sheet, column: column, rr: rr, rows: map[string]int{}}
}

// take records row n's short name s; a name an earlier row has is a
// problem of row n (reported when given: typed in the workbook) and false.
func (sn *shortNames) take(n int, s string, given bool) bool {
	if s == "" {
		return true
	}
	k := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if prev, ok := sn.rows[k]; ok {
		if given {
			sn.rr.fail(sn.sheet, n, sn.column, s, ErrDuplicate,
				fmt.Sprintf("Nama singkat %q sudah dipakai di baris %d; dua baris tidak boleh bernama singkat sama (grafik akan menampilkan label yang sama)", s, prev))
		}
		return false
	}
	sn.rows[k] = n
	return true
}

// refReader reads the reference workbook's sheets.
type refReader struct {
	f        *excelize.File
	file     string
	problems []*RowError
}

// sheet returns a sheet's data rows and where each expected header is
// (-1 when absent). A missing optional sheet has no rows.
func (rr *refReader) sheet(name string, header []string, required bool) ([][]string, []int, error) {
	col := make([]int, len(header))
	for i := range col {
		col[i] = -1
	}
	idx, _ := rr.f.GetSheetIndex(name)
	if idx < 0 {
		if required {
			return nil, nil, fmt.Errorf("read reference %s: %w", rr.file, errors.New("lembar \""+name+"\" tidak ada"))
		}
		return nil, col, nil
	}
	rows, err := rr.f.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, nil, fmt.Errorf("read reference %s sheet %s: %w", rr.file, name, err)
	}
	if len(rows) == 0 {
		return nil, col, nil
	}
	for j, h := range rows[0] {
		k := headerKey(h)
		for i, want := range header {
			if k == headerKey(want) || i == 2 && name == SheetKabupaten && k == "terpencil" {
				col[i] = j
			}
		}
	}
	if col[0] < 0 {
		return nil, nil, fmt.Errorf("read reference %s: lembar %q tidak punya kolom %q", rr.file, name, header[0])
	}
	return rows[1:], col, nil
}

func (rr *refReader) fail(sheet string, row int, column, value string, err error, msg string) {
	rr.problems = append(rr.problems, &RowError{File: rr.file, Sheet: sheet, Row: row, Column: column, Value: value, Err: err, Message: msg})
}

// yes reads a Ya/Tidak cell; blank is Tidak.
func (rr *refReader) yes(sheet string, row int, column, s string) (bool, bool) {
	if s == "" {
		return false, true
	}
	v, ok := enumYa.Parse(s)
	if !ok {
		rr.fail(sheet, row, column, s, ErrEnum, column+" harus Ya atau Tidak")
		return false, false
	}
	return v == "Ya", true
}

func cellAt(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return cleanText(row[i])
}

// districtMessage is the Indonesian sentence for an unknown district.
func districtMessage(s string) string {
	if len(s) == 4 && allDigits(s) {
		return "Kode " + s + " adalah kode BPS 4 digit yang tidak dipakai; tulis kode Kemendagri (mis. 81.71) atau nama kabupaten/kota"
	}
	return "Kabupaten/kota \"" + s + "\" tidak dikenal; tulis nama (mis. Kota Ambon) atau kode Kemendagri (mis. 81.71)"
}
