package ingest

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/internal/workbook"
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
	Agency     string // the agency's code (its inbox folder)
	AgencyName string // the agency's name in the reference data; "" when it has none
	ReceivedAt time.Time
	Status     lake.Status
	Kind       domain.Kind
	Period     string // YYYY-MM or ""
	Reason     string // why the whole file was rejected, or the duplicate sentence
	Upload     *Upload
	Limit      int // rejected rows listed at most
	// Month says in one plain sentence what happened to the month of the
	// upload (added to it, replaced it, held back; late or not). It is the
	// first line of the Ringkasan (monthSentence); "" shows nothing.
	Month string
	// Held is set when the file was rejected for what it would do to its
	// month (held back, or every row already current), not for bad rows:
	// its rows are all counted rejected, and only its bad rows are listed.
	Held bool
}

// agencyName is the name of the agency with code in the run's reference
// data, or "" (no reference, or the agency is not in it).
func (r *runner) agencyName(code string) string {
	if r.ref == nil {
		return ""
	}
	a, _ := r.ref.Agency(code)
	return a.Name
}

// agencyText names the agency for people: "Pemerintah Kota Ambon (kota-ambon)".
func agencyText(r *receipt) string {
	switch {
	case r.AgencyName == "" || r.AgencyName == r.Agency:
		return r.Agency
	case r.Agency == "":
		return r.AgencyName
	}
	return r.AgencyName + " (" + r.Agency + ")"
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

// writeReceipt writes the receipt workbook to w: Ringkasan (what happened,
// on one printed page), then Baris Ditolak and Peringatan (see
// writeRowSheets). Every value that came from an upload is written as a
// string or number cell, never a formula, whatever its first character.
func writeReceipt(w io.Writer, r *receipt) error {
	styles, st := newReceiptStyles()
	b := workbook.New(styles...)
	if err := writeSummary(b.Sheet(sheetSummary), st, r); err != nil {
		return fmt.Errorf("receipt %s: %w", sheetSummary, err)
	}
	if err := writeRowSheets(b, st, r); err != nil {
		return err
	}
	return b.Write(w)
}

// writeRowSheets adds Baris Ditolak (the rejected rows laid out like the
// upload's own sheet, to be corrected there and sent back) when rows were
// rejected, and Peringatan (remarks that rejected nothing) when there are
// any: a sheet with nothing to show would print an empty page.
func writeRowSheets(b *workbook.Workbook, st *receiptStyles, r *receipt) error {
	rejected := layoutRejected(r)
	if rejected.any() {
		if rejected.sendBack {
			// The operator opens the receipt on the rows to correct.
			b.Active = 1
		}
		if err := rejected.write(b.Sheet(sheetProblems), st); err != nil {
			return fmt.Errorf("receipt %s: %w", sheetProblems, err)
		}
	}
	if u := r.Upload; u != nil && len(u.Warnings) > 0 {
		if err := writeWarnings(b.Sheet(sheetWarnings), st, u.Warnings, r.Limit); err != nil {
			return fmt.Errorf("receipt %s: %w", sheetWarnings, err)
		}
	}
	return nil
}

// statusSentence says in one line what happened to the file and what to
// do next.
func statusSentence(r *receipt) string {
	switch r.Status {
	case lake.Accepted:
		return "Semua baris diterima. Terima kasih."
	case lake.Partial:
		if u := r.Upload; u != nil && u.Repeated > 0 && u.Repeated == u.RowsRejected {
			return fmt.Sprintf("Baris baru sudah ditambahkan. %d baris sudah pernah dikirim untuk bulan ini dan tidak dihitung dua kali "+
				"(lihat lembar \"%s\"); tidak ada yang perlu diperbaiki.", u.Repeated, sheetWarnings)
		}
		return "Baris yang benar sudah diterima. Baris di lembar \"" + sheetProblems + "\" belum masuk: perbaiki sel yang berwarna merah " +
			"langsung di lembar itu (alasannya ada di kolom Alasan), simpan tanda terima ini dengan nama yang memuat kata \"tambahan\" " +
			"(mis. " + tambahanName(r) + "), lalu kirim seperti biasa. Baris itu akan ditambahkan ke data bulan ini; " +
			"berkas lengkap tidak perlu dikirim ulang."
	case lake.Duplicate:
		return "Berkas ini sama persis dengan unggahan sebelumnya; tidak ada perubahan."
	}
	if r.Held {
		return "Berkas tidak dimasukkan; data bulan ini tidak berubah. Baris yang sudah ada di kiriman sebelumnya tercantum di lembar \"" +
			sheetWarnings + "\"; lihat Alasan untuk nama berkas yang harus dipakai, lalu kirim ulang."
	}
	switch r.Status {
	default:
		return "Berkas ditolak; tidak ada baris yang masuk. Lihat alasan di bawah, perbaiki berkas asli, lalu kirim ulang seluruh berkas."
	}
}

// tambahanName is the name to save the corrected receipt as:
// "kehadiran_2026-10_tambahan.xlsx". It is made from the kind and period,
// not from the upload's name, which may say "revisi".
func tambahanName(r *receipt) string {
	k, p := string(r.Kind), r.Period
	if k == "" {
		k = "data"
	}
	if p == "" {
		return k + "_tambahan.xlsx"
	}
	return k + "_" + p + "_tambahan.xlsx"
}

// templateWhere says where an agency finds the empty templates, for the
// reader's messages (shown in receipts and by pantau validate): Pantau
// keeps them in outbox/<agency>/template/, beside the receipts. Agencies
// cannot run `pantau template`; only the operator can.
const templateWhere = "template kosong ada di folder template/ di samping tanda terima (outbox/<kode-instansi>/template/template-<jenis>.xlsx)"

// templateText points to the empty templates Pantau keeps beside the
// receipts, in outbox/<agency>/template/.
func templateText(k domain.Kind) string {
	name := "template-<jenis>.xlsx (pegawai, kehadiran, evaluasi, survei)"
	if k != "" {
		name = "template-" + string(k) + ".xlsx"
	}
	return "di folder template/ di samping tanda terima ini: " + name
}

// Ringkasan columns: labels, then values wrapped to fit one portrait page.
const (
	summaryLabelWidth = 22
	summaryValueWidth = 70
)

// summaryLine is one line of the Ringkasan: a label and its value, or (no
// label) a sentence across both columns.
type summaryLine struct {
	label string
	value any // string or int
	style int // of a sentence
}

// summaryLines is what the Ringkasan says, in order.
func summaryLines(st *receiptStyles, r *receipt) []summaryLine {
	var read, acc, rej int
	var notes, extra []string
	if u := r.Upload; u != nil {
		read, acc, rej, notes, extra = u.RowsRead, u.RowsAccepted, u.RowsRejected, u.Notes, u.Extra
	}
	var out []summaryLine
	if r.Month != "" {
		out = append(out, summaryLine{value: r.Month, style: st.month})
	}
	out = append(out, summaryLine{value: statusSentence(r), style: st.sentence}, summaryLine{},
		summaryLine{label: "Berkas", value: r.File},
		summaryLine{label: "Instansi", value: agencyText(r)},
		summaryLine{label: "Status", value: string(r.Status)},
		summaryLine{label: "Jenis data", value: kindText(r.Kind)},
		summaryLine{label: "Periode", value: periodText(r.Period)},
		summaryLine{label: "Diterima pada", value: witStamp(r.ReceivedAt)},
		summaryLine{label: "Baris dibaca", value: read},
		summaryLine{label: "Baris diterima", value: acc},
		summaryLine{label: "Baris ditolak", value: rej},
	)
	if r.Reason != "" {
		out = append(out, summaryLine{label: "Alasan", value: r.Reason})
	}
	for _, n := range notes {
		out = append(out, summaryLine{label: "Catatan", value: n})
	}
	if len(extra) > 0 {
		out = append(out, summaryLine{label: "Kolom diabaikan", value: strings.Join(extra, ", ")})
	}
	if r.Status == lake.Rejected && !strings.Contains(r.Reason, "folder template/") {
		// A file rejected whole is sent again: the template helps.
		out = append(out, summaryLine{label: "Template kosong", value: templateText(r.Kind)})
	}
	return out
}

// writeSummary writes the Ringkasan: labels and values side by side,
// values wrapped, on one portrait page.
func writeSummary(sh *workbook.Sheet, st *receiptStyles, r *receipt) error {
	sh.Widths = []float64{summaryLabelWidth, summaryValueWidth}
	sh.Print = printSetup(false, 1, 0)
	for i, l := range summaryLines(st, r) {
		if err := putSummaryLine(sh, st, i+1, l); err != nil {
			return err
		}
	}
	return nil
}

// putSummaryLine writes line l at row n of the Ringkasan and sets its
// height from the wrapped text (Excel does not size merged cells itself).
func putSummaryLine(sh *workbook.Sheet, st *receiptStyles, n int, l summaryLine) error {
	if l.label == "" {
		s, _ := l.value.(string)
		if s == "" {
			return nil
		}
		sh.Merge(n, 1, 2)
		return sh.Row(n, rowHeight(lines(s, summaryLabelWidth+summaryValueWidth))+2,
			workbook.Cell{Style: l.style, Value: s}, workbook.Cell{Style: l.style})
	}
	height := 0.0 // the default: one line
	if v, ok := l.value.(string); ok {
		if h := max(lines(v, summaryValueWidth), lines(l.label, summaryLabelWidth)); h > 1 {
			height = rowHeight(h)
		}
	}
	return sh.Row(n, height, workbook.Cell{Style: st.label, Value: l.label}, workbook.Cell{Style: st.value, Value: l.value})
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

func cell(col, row int) string { return workbook.CellName(col, row) }
