package schedules

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/config"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// reminderFixture: three agencies for December 2025 (deadline 10 January
// 2026 23:59:59 WIT). kota-ambon sent both kinds on time; kab-buru sent its
// roster late and its attendance was rejected; bkn-upt-ambon sent nothing.
func reminderFixture() (*lake.Ledger, *domain.Reference) {
	ref := &domain.Reference{Agencies: []domain.Agency{
		{Code: "kota-ambon", Name: "Pemerintah Kota Ambon", Expects: []domain.Kind{domain.Pegawai, domain.Kehadiran}},
		{Code: "kab-buru", Name: "Pemerintah Kabupaten Buru", Expects: []domain.Kind{domain.Pegawai, domain.Kehadiran}},
		{Code: "bkn-upt-ambon", Name: "UPT BKN Ambon", Expects: []domain.Kind{domain.Pegawai}},
	}}
	l := &lake.Ledger{}
	add := func(id, agency string, k domain.Kind, st lake.Status, at time.Time) {
		l.Add(lake.Entry{ID: id, Agency: agency, Kind: k, Period: "2025-12", Status: st, ReceivedAt: at})
	}
	add("u1", "kota-ambon", domain.Pegawai, lake.Accepted, wit(2026, 1, 5, 10, 0))
	add("u2", "kota-ambon", domain.Kehadiran, lake.Partial, wit(2026, 1, 10, 23, 0))
	add("u3", "kab-buru", domain.Pegawai, lake.Accepted, wit(2026, 1, 11, 9, 0))
	add("u4", "kab-buru", domain.Kehadiran, lake.Rejected, wit(2026, 1, 8, 9, 0))
	l.Add(lake.Entry{ID: "u5", Agency: "bkn-upt-ambon", Kind: domain.Pegawai, Period: "2025-11", // not December's
		Status: lake.Accepted, ReceivedAt: wit(2025, 12, 3, 9, 0)})
	return l, ref
}

func TestCompleteness(t *testing.T) {
	l, ref := reminderFixture()
	p := domain.MustPeriod("2025-12")
	got := Completeness(l, ref, p, config.Default().Report.Deadline(p), wit(2026, 1, 12, 8, 0))
	want := []Expected{
		{Agency: "bkn-upt-ambon", AgencyName: "UPT BKN Ambon", Kind: domain.Pegawai, State: StateMissing},
		{Agency: "kab-buru", AgencyName: "Pemerintah Kabupaten Buru", Kind: domain.Pegawai, State: StateLate, ReceivedAt: wit(2026, 1, 11, 9, 0), Files: 1},
		{Agency: "kab-buru", AgencyName: "Pemerintah Kabupaten Buru", Kind: domain.Kehadiran, State: StateRejected},
		{Agency: "kota-ambon", AgencyName: "Pemerintah Kota Ambon", Kind: domain.Pegawai, State: StateReceived, ReceivedAt: wit(2026, 1, 5, 10, 0), Files: 1},
		{Agency: "kota-ambon", AgencyName: "Pemerintah Kota Ambon", Kind: domain.Kehadiran, State: StateReceived, ReceivedAt: wit(2026, 1, 10, 23, 0), Files: 1},
	}
	if diff := cmp.Diff(want, got, cmpTimes); diff != "" {
		t.Errorf("Completeness (-want +got):\n%s", diff)
	}

	// As of 9 January 2026 only kota-ambon's roster and kab-buru's rejected
	// attendance had arrived.
	got = Completeness(l, ref, p, config.Default().Report.Deadline(p), wit(2026, 1, 9, 0, 0))
	var states []string
	for _, e := range got {
		states = append(states, e.Agency+" "+string(e.Kind)+" "+e.State)
	}
	wantStates := []string{"bkn-upt-ambon pegawai tidak ada", "kab-buru pegawai tidak ada", "kab-buru kehadiran ditolak",
		"kota-ambon pegawai diterima", "kota-ambon kehadiran tidak ada"}
	if diff := cmp.Diff(wantStates, states); diff != "" {
		t.Errorf("Completeness as of 9 January (-want +got):\n%s", diff)
	}

	// The current upload decides, as in the report's completeness table: a
	// correction after the deadline is late (still received: no reminder).
	l.Add(lake.Entry{ID: "u7", Agency: "kota-ambon", Kind: domain.Pegawai, Period: "2025-12", Status: lake.Accepted,
		Replaces: lake.IDs{"u1"}, ReceivedAt: wit(2026, 1, 11, 8, 0)})
	got = Completeness(l, ref, p, config.Default().Report.Deadline(p), wit(2026, 1, 12, 8, 0))
	if got[3].State != StateLate || !got[3].ReceivedAt.Equal(wit(2026, 1, 11, 8, 0)) || got[3].Outstanding() {
		t.Errorf("after a late correction: %+v; want late, 11 January, not outstanding", got[3])
	}
}

func TestRemind(t *testing.T) {
	dir := lake.Dir(t.TempDir())
	l, ref := reminderFixture()
	p := domain.MustPeriod("2025-12")
	deadline := config.Default().Report.Deadline(p)
	now := wit(2026, 1, 12, 8, 0)

	res, err := Remind(dir, l, ref, p, deadline, now)
	if err != nil {
		t.Fatal(err)
	}
	if res.Agencies != 2 || res.Written != 2 || res.Removed != 0 {
		t.Errorf("Remind = %d agencies, %d written, %d removed; want 2, 2, 0", res.Agencies, res.Written, res.Removed)
	}
	for _, a := range []string{"bkn-upt-ambon", "kab-buru"} {
		b, err := os.ReadFile(filepath.Join(dir.OutboxOf(a), "pengingat-2025-12.txt"))
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "reminder/"+a+".txt", string(b))
	}
	if _, err := os.Stat(filepath.Join(dir.OutboxOf("kota-ambon"), "pengingat-2025-12.txt")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("kota-ambon, complete, got a reminder (stat: %v)", err)
	}
	b, err := os.ReadFile(SummaryPath(dir, p))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "reminder/summary.txt", string(b))

	// A re-run the same day changes nothing and adds no file.
	res, err = Remind(dir, l, ref, p, deadline, now.Add(time.Hour))
	if err != nil || res.Written != 0 {
		t.Errorf("re-run: Remind = %+v, %v; want nothing written", res, err)
	}
	entries, _ := os.ReadDir(dir.OutboxOf("kab-buru"))
	if len(entries) != 1 {
		t.Errorf("kab-buru outbox has %d files after a re-run; want 1", len(entries))
	}

	// kab-buru re-sends its attendance: its note goes away.
	l.Add(lake.Entry{ID: "u6", Agency: "kab-buru", Kind: domain.Kehadiran, Period: "2025-12", Status: lake.Accepted, ReceivedAt: wit(2026, 1, 13, 9, 0)})
	res, err = Remind(dir, l, ref, p, deadline, wit(2026, 1, 19, 8, 0))
	if err != nil || res.Agencies != 1 || res.Removed != 1 {
		t.Errorf("after the re-send: Remind = %+v, %v; want 1 agency owing, 1 note removed", res, err)
	}
}
