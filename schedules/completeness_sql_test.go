package schedules

import (
	"context"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/config"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/transform"
)

// TestCompletenessMatchesReportTable: the reminders and `pantau status` use
// Completeness (Go, on the ledger); the report uses transform's
// completeness table (SQL). The rule exists twice, so the two must agree
// on every expected (agency, kind): received, late, rejected or missing.
// Cases for P = 2026-03, deadline 10 April 23:59:59 WIT:
//
//	kota-ambon pegawai on time · kehadiran late · evaluasi only rejected · survei nothing
//	kab-buru   pegawai on time, then a late revision (the revision decides: late)
//	           kehadiran partial at the deadline second (on time)
//	kab-aru    kehadiran late, then a rejected file (the current upload decides: late)
//	           evaluasi a duplicate of nothing current (missing)
//	kab-sbb    pegawai late, then a revision whose file time is before the
//	           deadline (copied with its old mtime): the current upload decides — on time
//	kab-malteng kehadiran in two files, on time then a late addition: the
//	           month arrived with its first current file — on time;
//	           pegawai in two late files replaced at once by an on-time
//	           revision (file time before the deadline) — on time
func TestCompletenessMatchesReportTable(t *testing.T) {
	p := domain.MustPeriod("2026-03")
	dir := lake.Dir(t.TempDir())
	if err := dir.Init(); err != nil {
		t.Fatal(err)
	}
	ref := &domain.Reference{Districts: domain.MalukuDistricts(), Agencies: []domain.Agency{
		{Code: "kota-ambon", Name: "Pemkot Ambon", District: "81.71", Expects: domain.Kinds},
		{Code: "kab-buru", Name: "Pemkab Buru", District: "81.04", Expects: []domain.Kind{domain.Pegawai, domain.Kehadiran}},
		{Code: "kab-aru", Name: "Pemkab Kepulauan Aru", District: "81.07", Expects: []domain.Kind{domain.Kehadiran, domain.Evaluasi}},
		{Code: "kab-sbb", Name: "Pemkab Seram Bagian Barat", District: "81.06", Expects: []domain.Kind{domain.Pegawai}},
		{Code: "kab-malteng", Name: "Pemkab Maluku Tengah", District: "81.01", Expects: []domain.Kind{domain.Pegawai, domain.Kehadiran}},
	}}
	f, err := os.Create(dir.Reference())
	if err != nil {
		t.Fatal(err)
	}
	if err := ingest.WriteReference(f, ref); err != nil {
		t.Fatal(err)
	}
	f.Close()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := ingest.Run(context.Background(), dir, ingest.DefaultConfig(), time.Now(), log); err != nil {
		t.Fatal(err) // writes lake/referensi from referensi.xlsx
	}
	deadline := config.Default().Report.Deadline(p)
	at := func(d time.Duration) time.Time { return deadline.Add(d) }
	l := &lake.Ledger{}
	n := 0
	add := func(agency string, k domain.Kind, st lake.Status, received time.Time, replaces ...string) string {
		n++
		id := string(rune('a'+n)) + "-" + agency
		var rs lake.IDs
		for _, r := range replaces {
			if r != "" {
				rs = append(rs, r)
			}
		}
		l.Add(lake.Entry{ID: id, Agency: agency, Kind: k, Period: p.String(), Status: st, ReceivedAt: received,
			IngestedAt: received.Add(time.Minute), Replaces: rs})
		return id
	}
	add("kota-ambon", domain.Pegawai, lake.Accepted, at(-72*time.Hour), "")
	add("kota-ambon", domain.Kehadiran, lake.Accepted, at(time.Second), "")
	add("kota-ambon", domain.Evaluasi, lake.Rejected, at(-time.Hour), "")
	first := add("kab-buru", domain.Pegawai, lake.Accepted, at(-time.Hour), "")
	add("kab-buru", domain.Pegawai, lake.Accepted, at(time.Hour), first)
	add("kab-buru", domain.Kehadiran, lake.Partial, at(0), "")
	add("kab-aru", domain.Kehadiran, lake.Accepted, at(24*time.Hour), "")
	add("kab-aru", domain.Kehadiran, lake.Rejected, at(48*time.Hour), "")
	add("kab-aru", domain.Evaluasi, lake.Duplicate, at(-time.Hour), "")
	lateFirst := add("kab-sbb", domain.Pegawai, lake.Accepted, at(2*time.Hour), "")
	add("kab-sbb", domain.Pegawai, lake.Accepted, at(-2*time.Hour), lateFirst)
	add("kab-malteng", domain.Kehadiran, lake.Accepted, at(-5*time.Hour), "")
	add("kab-malteng", domain.Kehadiran, lake.Accepted, at(5*time.Hour), "")
	m1 := add("kab-malteng", domain.Pegawai, lake.Accepted, at(3*time.Hour), "")
	m2 := add("kab-malteng", domain.Pegawai, lake.Accepted, at(4*time.Hour), "")
	add("kab-malteng", domain.Pegawai, lake.Accepted, at(-3*time.Hour), m1, m2)
	if err := dir.SaveLedger(l); err != nil {
		t.Fatal(err)
	}

	goStates := map[string]string{}
	for _, e := range Completeness(l, ref, p, deadline, at(1000*time.Hour)) {
		goStates[e.Agency+"/"+string(e.Kind)] = e.State
	}
	res, err := transform.Run(context.Background(), dir, config.Default().Report.Params(p))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Release()
	sqlStates := map[string]string{}
	rec := res.Table("completeness")
	col := func(name string) int {
		for i, f := range rec.Schema().Fields() {
			if f.Name == name {
				return i
			}
		}
		t.Fatalf("completeness has no column %s", name)
		return -1
	}
	ag, kind, status, late := col("agency_code"), col("kind"), col("status"), col("late")
	for i := 0; i < int(rec.NumRows()); i++ {
		s := transform.FormatValue(rec.Column(status), i)
		switch {
		case s == "diterima" || s == "diterima sebagian":
			s = StateReceived
			if transform.FormatValue(rec.Column(late), i) == "true" {
				s = StateLate
			}
		case s == "ditolak":
			s = StateRejected
		case s == "tidak ada":
			s = StateMissing
		}
		key := transform.FormatValue(rec.Column(ag), i) + "/" + transform.FormatValue(rec.Column(kind), i)
		if _, expected := goStates[key]; expected {
			sqlStates[key] = s
		}
	}
	want := map[string]string{
		"kota-ambon/pegawai": StateReceived, "kota-ambon/kehadiran": StateLate,
		"kota-ambon/evaluasi": StateRejected, "kota-ambon/survei": StateMissing,
		"kab-buru/pegawai": StateLate, "kab-buru/kehadiran": StateReceived,
		"kab-aru/kehadiran": StateLate, "kab-aru/evaluasi": StateMissing,
		"kab-sbb/pegawai":       StateReceived,
		"kab-malteng/kehadiran": StateReceived, "kab-malteng/pegawai": StateReceived,
	}
	if diff := cmp.Diff(want, goStates); diff != "" {
		t.Errorf("Completeness (Go) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, sqlStates); diff != "" {
		t.Errorf("completeness table (SQL) (-want +got):\n%s", diff)
	}
}
