package ingest

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// Receipt sheet names.
const (
	sheetSummary  = "Ringkasan"
	sheetProblems = "Baris Ditolak"
	sheetWarnings = "Peringatan"
)

// receipt is what one receipt workbook says about one file.
type receipt struct {
	File       string // the original file name
	Agency     string
	ReceivedAt time.Time
	Status     lake.Status
	Kind       domain.Kind
	Period     string // YYYY-MM or ""
	Reason     string // why the whole file was rejected, or the duplicate sentence
	Month      string // what happened to the month, one sentence (monthSentence), shown first
	Upload     *Upload
	Limit      int // rejected-row lines listed at most
}

// receiptName is the receipt's file name in outbox/<agency>/ for an upload
// named name: "kehadiran_2026-10.xlsx" → "kehadiran_2026-10.receipt.xlsx".
// Only ".xlsx" is dropped, so "data.csv" and "data.xlsx" of one agency get
// different receipts ("data.csv.receipt.xlsx", "data.receipt.xlsx").
// A name too long for the outbox (its receipt's temp name would pass
// lake.MaxName bytes) is shortened by fitName: its start, a hash, its
// extension, then ".receipt.xlsx".
func receiptName(name string) string {
	if ext := extOf(name); strings.EqualFold(ext, ".xlsx") {
		name = strings.TrimSuffix(name, ext)
	}
	return fitName(name, lake.MaxWriteName-len(receiptSuffix)) + receiptSuffix
}

const receiptSuffix = ".receipt.xlsx"

func extOf(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[i:]
	}
	return ""
}

// witStamp formats t as "dd/mm/yyyy HH.MM WIT".
func witStamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(domain.WIT).Format("02/01/2006 15.04") + " WIT"
}

// periodText is "2026-10 (Oktober 2026)".
func periodText(p string) string {
	if p == "" {
		return "tidak diketahui"
	}
	pp, err := domain.ParsePeriod(p)
	if err != nil {
		return p
	}
	return p + " (" + domain.PeriodLabel(pp, "id") + ")"
}

func kindText(k domain.Kind) string {
	if k == "" {
		return "tidak diketahui"
	}
	return k.Label()
}

// writeReceipt writes the receipt workbook to w. Every value that came from
// an upload is written as a string cell (shared or inline string), never a
// formula, whatever its first character.
func writeReceipt(w io.Writer, r *receipt) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if err := f.SetSheetName("Sheet1", sheetSummary); err != nil {
		return err
	}
	if err := writeSummary(f, r); err != nil {
		return fmt.Errorf("receipt %s: %w", sheetSummary, err)
	}
	var problems, warnings []*RowError
	var header []string
	var raw map[int][]string
	if u := r.Upload; u != nil {
		problems, warnings, header, raw = u.Problems, u.Warnings, u.Header, u.Raw
	}
	if err := writeProblems(f, sheetProblems, problems, header, raw, r.Limit); err != nil {
		return fmt.Errorf("receipt %s: %w", sheetProblems, err)
	}
	if err := writeProblems(f, sheetWarnings, warnings, nil, nil, r.Limit); err != nil {
		return fmt.Errorf("receipt %s: %w", sheetWarnings, err)
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

// statusSentence says in one line what happened to the file.
func statusSentence(r *receipt) string {
	switch r.Status {
	case lake.Accepted:
		return "Semua baris diterima. Terima kasih."
	case lake.Partial:
		return "Baris yang benar sudah diterima. Baris di lembar \"Baris Ditolak\" tidak masuk: " +
			"perbaiki di berkas asli lalu unggah ulang berkas LENGKAP (unggahan baru menggantikan yang lama)."
	case lake.Duplicate:
		return "Berkas ini sama persis dengan unggahan sebelumnya; tidak ada perubahan."
	default:
		return "Berkas ditolak; tidak ada baris yang masuk. Lihat alasan di bawah, perbaiki, lalu unggah ulang."
	}
}

func writeSummary(f *excelize.File, r *receipt) error {
	sh := sheetSummary
	row := 1
	put := func(label, value string) error {
		if err := f.SetCellStr(sh, cell(1, row), label); err != nil {
			return err
		}
		if err := f.SetCellStr(sh, cell(2, row), value); err != nil {
			return err
		}
		row++
		return nil
	}
	putInt := func(label string, n int) error {
		if err := f.SetCellStr(sh, cell(1, row), label); err != nil {
			return err
		}
		if err := f.SetCellInt(sh, cell(2, row), int64(n)); err != nil {
			return err
		}
		row++
		return nil
	}
	var read, acc, rej int
	var notes, extra []string
	if u := r.Upload; u != nil {
		read, acc, rej, notes, extra = u.RowsRead, u.RowsAccepted, u.RowsRejected, u.Notes, u.Extra
	}
	steps := []func() error{
		func() error { return put("Tanda Terima Unggahan Pantau", "") },
		func() error { return put("Berkas", r.File) },
		func() error { return put("Instansi", r.Agency) },
		func() error { return put("Status", string(r.Status)) },
		func() error { return put("Keterangan", statusSentence(r)) },
		func() error { return put("Jenis data", kindText(r.Kind)) },
		func() error { return put("Periode", periodText(r.Period)) },
		func() error { return put("Diterima pada", witStamp(r.ReceivedAt)) },
		func() error { return putInt("Baris dibaca", read) },
		func() error { return putInt("Baris diterima", acc) },
		func() error { return putInt("Baris ditolak", rej) },
	}
	if r.Reason != "" {
		steps = append(steps, func() error { return put("Alasan", r.Reason) })
	}
	if r.Month != "" {
		steps = append(steps, func() error { return put("Bulan ini", r.Month) })
	}
	for _, n := range notes {
		steps = append(steps, func() error { return put("Catatan", n) })
	}
	if len(extra) > 0 {
		steps = append(steps, func() error {
			return put("Kolom diabaikan", strings.Join(extra, ", "))
		})
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(sh, "A", "A", 22); err != nil {
		return err
	}
	return f.SetColWidth(sh, "B", "B", 90)
}

// writeProblems lists problems one per line: Baris, Kolom, Nilai, Alasan,
// then (for the first problem of each row) the row's original cells under
// the upload's headers. It streams, so large receipts stay small in memory.
func writeProblems(f *excelize.File, sheet string, problems []*RowError, header []string, raw map[int][]string, limit int) error {
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": Excel keeps edits as text
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(3, 4, 40); err != nil {
		return err
	}
	head := []any{
		excelize.Cell{StyleID: bold, Value: "Baris"},
		excelize.Cell{StyleID: bold, Value: "Kolom"},
		excelize.Cell{StyleID: bold, Value: "Nilai"},
		excelize.Cell{StyleID: bold, Value: "Alasan"},
	}
	if len(header) > 0 {
		head = append(head, excelize.Cell{StyleID: bold, Value: "Isi baris asli →"})
		for _, h := range header {
			head = append(head, excelize.Cell{StyleID: bold, Value: h})
		}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	sorted := append([]*RowError(nil), problems...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Row < sorted[j].Row })
	if limit <= 0 {
		limit = len(sorted)
	}
	r := 2
	shownRow := map[int]bool{}
	for i, p := range sorted {
		if i == limit {
			msg := fmt.Sprintf("… dan %d masalah lain tidak dicantumkan. Perbaiki yang di atas dahulu, lalu unggah ulang.", len(sorted)-limit)
			if err := sw.SetRow(cell(1, r), []any{"", "", "", msg}); err != nil {
				return err
			}
			break
		}
		vals := []any{}
		if p.Row > 0 {
			vals = append(vals, p.Row)
		} else {
			vals = append(vals, "")
		}
		vals = append(vals, p.Column, excelize.Cell{StyleID: text, Value: p.Value}, message(p))
		if cells, ok := raw[p.Row]; ok && len(header) > 0 && !shownRow[p.Row] {
			shownRow[p.Row] = true
			vals = append(vals, "")
			for _, c := range cells {
				vals = append(vals, excelize.Cell{StyleID: text, Value: c})
			}
		}
		if err := sw.SetRow(cell(1, r), vals); err != nil {
			return err
		}
		r++
	}
	return sw.Flush()
}

// message is the Indonesian sentence of p, falling back to its cause.
func message(p *RowError) string {
	if p.Message != "" {
		return p.Message
	}
	if p.Err != nil {
		return p.Err.Error()
	}
	return ""
}

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}
