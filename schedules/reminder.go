package schedules

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// ReminderResult counts what a reminder run did.
type ReminderResult struct {
	Period   domain.Period
	Agencies int      // agencies still owing an upload
	Written  int      // notes written or updated
	Removed  int      // notes of agencies that have since sent everything
	Summary  string   // path of the operator summary
	Notes    []string // paths of the agencies' notes
}

// ReminderName is the note's file name in an agency's outbox.
func ReminderName(p domain.Period) string { return "pengingat-" + p.String() + ".txt" }

// SummaryPath is the operator's summary of a reminder run for p.
func SummaryPath(dir lake.Dir, p domain.Period) string {
	return filepath.Join(dir.State(), "pengingat-"+p.String()+".txt")
}

// Remind writes, for each agency of ref still owing an expected upload for
// p after its deadline, a note in outbox/<agency>/pengingat-<P>.txt
// (Indonesian: which kinds, the deadline, what to do), and the operator's
// summary in state/pengingat-<P>.txt. Files are written atomically and only
// when their text changes, so re-runs never duplicate a note; the note of an
// agency that has since sent everything is removed.
func Remind(dir lake.Dir, l *lake.Ledger, ref *domain.Reference, p domain.Period, deadline, now time.Time) (ReminderResult, error) {
	res := ReminderResult{Period: p, Summary: SummaryPath(dir, p)}
	exp := Completeness(l, ref, p, deadline, now)
	owing := map[string][]Expected{}
	var order []string
	for _, e := range exp {
		if _, seen := owing[e.Agency]; !seen {
			order = append(order, e.Agency)
			owing[e.Agency] = nil
		}
		if e.Outstanding() {
			owing[e.Agency] = append(owing[e.Agency], e)
		}
	}
	for _, a := range order {
		path := filepath.Join(dir.OutboxOf(a), ReminderName(p))
		if len(owing[a]) == 0 {
			err := os.Remove(path)
			if err == nil {
				res.Removed++
			} else if !errors.Is(err, fs.ErrNotExist) {
				return res, fmt.Errorf("remind %s: %w", a, err)
			}
			continue
		}
		res.Agencies++
		res.Notes = append(res.Notes, path)
		changed, err := writeIfChanged(path, reminderText(owing[a], p, deadline, now))
		if err != nil {
			return res, fmt.Errorf("remind %s: %w", a, err)
		}
		if changed {
			res.Written++
		}
	}
	if _, err := writeIfChanged(res.Summary, summaryText(exp, p, deadline, now)); err != nil {
		return res, fmt.Errorf("remind summary: %w", err)
	}
	return res, nil
}

func writeIfChanged(path string, text string) (bool, error) {
	old, err := os.ReadFile(path)
	if err == nil && bytes.Equal(old, []byte(text)) {
		return false, nil
	}
	return true, lake.WriteFile(path, []byte(text), 0o644)
}

// dateID formats a date the Indonesian way: "10 November 2026".
func dateID(t time.Time) string {
	t = t.In(domain.WIT)
	return fmt.Sprintf("%d %s %d", t.Day(), domain.MonthNames[t.Month()-1], t.Year())
}

func reminderText(owed []Expected, p domain.Period, deadline, now time.Time) string {
	a := owed[0]
	name := a.AgencyName
	if name == "" {
		name = a.Agency
	}
	var b strings.Builder
	fmt.Fprintf(&b, "PENGINGAT PENGIRIMAN DATA — %s\n\n", domain.PeriodLabel(p, "id"))
	fmt.Fprintf(&b, "Kepada: %s (%s)\n\n", name, a.Agency)
	fmt.Fprintf(&b, "Batas waktu pengiriman data bulan %s adalah %s pukul 23.59 WIT.\n",
		domain.PeriodLabel(p, "id"), dateID(deadline))
	fmt.Fprintf(&b, "Sampai pemeriksaan tanggal %s, data berikut belum kami terima:\n\n", dateID(now))
	for _, e := range owed {
		fmt.Fprintf(&b, "  - %s (%s)", e.Kind.Label(), e.Kind)
		if e.State == StateRejected {
			b.WriteString(": berkas yang dikirim ditolak — lihat tanda terima (receipt) di folder ini, perbaiki, lalu kirim ulang")
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "\nMohon simpan berkasnya (dibuat dari template; nama berkas memuat jenis dan periode,\n"+
		"misalnya %s_%s.xlsx) ke folder inbox/%s/ secepatnya. Tanda terima akan muncul\n"+
		"di folder ini beberapa menit kemudian.\n\n", owed[0].Kind, p, a.Agency)
	b.WriteString("Pesan ini dibuat otomatis oleh Pantau dan diperbarui setiap minggu sampai datanya lengkap.\n")
	return b.String()
}

func summaryText(exp []Expected, p domain.Period, deadline, now time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Ringkasan kelengkapan data %s (batas waktu %s 23.59 WIT), diperiksa %s\n\n",
		domain.PeriodLabel(p, "id"), dateID(deadline), dateID(now))
	if len(exp) == 0 {
		b.WriteString("Tidak ada instansi wajib lapor di referensi.xlsx (lembar Instansi).\n")
		return b.String()
	}
	counts := map[string]int{}
	for _, e := range exp {
		counts[e.State]++
	}
	fmt.Fprintf(&b, "diterima tepat waktu: %d · terlambat: %d · ditolak (belum ada pengganti): %d · tidak ada: %d\n\n",
		counts[StateReceived], counts[StateLate], counts[StateRejected], counts[StateMissing])
	fmt.Fprintf(&b, "%-28s %-10s %-10s %s\n", "instansi", "jenis", "status", "diterima")
	for _, e := range exp {
		at := ""
		if !e.ReceivedAt.IsZero() {
			at = e.ReceivedAt.In(domain.WIT).Format("2006-01-02 15:04")
		}
		b.WriteString(strings.TrimRight(fmt.Sprintf("%-28s %-10s %-10s %s", e.Agency, e.Kind, e.State, at), " ") + "\n")
	}
	return b.String()
}
