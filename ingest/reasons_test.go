package ingest

import (
	"bytes"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
)

// TestReadOneReasonPerProblem: a cell that holds a wrong value gets the
// reason for that value and no second one saying it is empty. Before, an
// unknown survey unit code was also told "Kode Unit Layanan atau Unit
// Layanan wajib diisi", and an unknown predikat "Predikat kosong".
func TestReadOneReasonPerProblem(t *testing.T) {
	t.Run("survei", func(t *testing.T) {
		oct := time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)
		ref := DefaultReference()
		ref.Units = []domain.Unit{{Code: "ambon-dukcapil", Name: "Disdukcapil Kota Ambon", Agency: "kota-ambon"}}
		rows := [][]any{
			{"Tanggal", "Kode Unit Layanan", "Unit Layanan", "Jenis Layanan", "U1", "U2"},
			{oct, "ambon-dukcapl", nil, "KTP-el", 4, 3},                   // 2: unknown code only
			{oct, nil, nil, "KTP-el", 4, 3},                               // 3: neither given
			{oct, "ambon-dukcapil", nil, "KTP-el", 4, 3},                  // 4: good
			{oct, nil, "Kantor Lain", "KTP-el", 4, 3},                     // 5: unknown name only
			{oct, nil, "Disdukcapil Kota Ambon", "KTP-el", 4, 3},          // 6: good, by name
			{oct, "ambon-dukcapl", "Disdukcapil Kota Ambon", "KTP-el", 4}, // 7: the code is still wrong
		}
		opts := DefaultOptions()
		opts.FileName, opts.Reference, opts.MaxBadShare, opts.Agency = "survei_2026-10.xlsx", ref, 1, "kota-ambon"
		u := Read(bytes.NewReader(buildWorkbook(t, false, map[string][][]any{"SKM": rows})), opts)
		if u.Err != nil {
			t.Fatalf("Read: %v %s", u.Err, u.Err.Message)
		}
		defer u.Record.Release()
		want := []problem{
			{2, "Kode Unit Layanan", ErrUnknownUnit},
			{3, "Kode Unit Layanan", ErrRequired},
			{5, "Unit Layanan", ErrUnknownUnit},
			{7, "Kode Unit Layanan", ErrUnknownUnit},
		}
		if d := cmp.Diff(want, problems(u), errCmp); d != "" {
			t.Errorf("problems (-want +got):\n%s", d)
		}
		if u.RowsAccepted != 2 {
			t.Errorf("rows accepted = %d; want 2 (rows 4 and 6)", u.RowsAccepted)
		}
	})
	t.Run("evaluasi", func(t *testing.T) {
		rows := [][]any{
			{"NIP", "Nama", "Periode Penilaian", "Rating Hasil Kerja", "Rating Perilaku", "Predikat"},
			{"198609262015051001", "A", "2026-09", "", "", "Luar Biasa"},             // 2: unknown predikat
			{"198609262015051002", "B", "2026-09", "Sesuai", "Hebat", ""},            // 3: unknown rating
			{"198609262015051003", "C", "2026-09", "Sesuai", "", ""},                 // 4: one rating only
			{"198609262015051004", "D", "2026-09", "", "", ""},                       // 5: nothing
			{"198609262015051005", "E", "2026-09", "Sesuai", "Sesuai", "Luar Biasa"}, // 6: unknown predikat, ratings fine
			{"198609262015051006", "F", "2026-09", "", "", "Baik"},                   // 7: fine (a file with no good row is rejected whole)
		}
		opts := DefaultOptions()
		opts.FileName, opts.Agency, opts.MaxBadShare = "evaluasi_2026-09.xlsx", "kota-ambon", 1
		u := Read(bytes.NewReader(buildWorkbook(t, false, map[string][][]any{"SKP": rows})), opts)
		if u.Err != nil {
			t.Fatalf("Read: %v %s", u.Err, u.Err.Message)
		}
		want := []problem{
			{2, "Predikat", ErrEnum},
			{3, "Rating Perilaku", ErrEnum},
			{4, "Predikat", ErrRequired},
			{5, "Predikat", ErrRequired},
			{6, "Predikat", ErrEnum},
		}
		if d := cmp.Diff(want, problems(u), errCmp); d != "" {
			t.Errorf("problems (-want +got):\n%s", d)
		}
	})
}
