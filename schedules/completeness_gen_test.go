package schedules

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
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

// completenessView is one expected (agency, kind) as both rules see it.
type completenessView struct {
	State    string
	Received string // the month's arrival (RFC 3339, UTC), "" when nothing current
	Rows     int    // accepted rows of its current uploads
}

// TestCompletenessMatchesReportTableGenerated holds the two copies of the
// completeness rule equal on generated ledgers: Completeness (Go, for
// reminders and `pantau status`) and transform's completeness table (SQL,
// for the report), on every expected (agency, kind) — its state, when the
// month arrived and its accepted rows. Each agency expects a random set of
// kinds and sends, per kind, up to five files: accepted, partial, rejected
// or duplicate, received around the deadline (on the second, just before
// and after, days either side), each data file added to the month or
// replacing it (a revision), some of a kind it was not asked for.
func TestCompletenessMatchesReportTableGenerated(t *testing.T) {
	p := domain.MustPeriod("2026-03")
	r := rand.New(rand.NewPCG(14, 3))
	dir := lake.Dir(t.TempDir())
	if err := dir.Init(); err != nil {
		t.Fatal(err)
	}
	ref := &domain.Reference{Districts: domain.MalukuDistricts()}
	for i := range 60 {
		a := domain.Agency{Code: fmt.Sprintf("ag-%02d", i), Name: fmt.Sprintf("Instansi %d", i), District: "81.71"}
		for _, k := range domain.Kinds {
			if r.IntN(4) > 0 {
				a.Expects = append(a.Expects, k)
			}
		}
		if len(a.Expects) == 0 {
			a.Expects = []domain.Kind{domain.Kehadiran}
		}
		ref.Agencies = append(ref.Agencies, a)
	}
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
	offsets := []time.Duration{0, time.Second, -time.Second, time.Hour, -time.Hour, 72 * time.Hour, -72 * time.Hour, 9 * 24 * time.Hour}
	statuses := []lake.Status{lake.Accepted, lake.Accepted, lake.Partial, lake.Rejected, lake.Duplicate}
	l := &lake.Ledger{}
	n := 0
	for _, a := range ref.Agencies {
		for _, k := range domain.Kinds {
			var current []string // the month's current uploads so far
			for range r.IntN(6) {
				n++
				st := statuses[r.IntN(len(statuses))]
				e := lake.Entry{ID: fmt.Sprintf("u%04d-%s-%s", n, a.Code, k), Agency: a.Code, Kind: k, Period: p.String(),
					Status: st, ReceivedAt: deadline.Add(offsets[r.IntN(len(offsets))])}
				e.IngestedAt = e.ReceivedAt.Add(time.Minute)
				e.RowsRead = r.IntN(500)
				if st.HasData() {
					e.RowsAccepted = e.RowsRead
					if len(current) > 0 && r.IntN(2) == 0 { // a revision replaces the month
						e.Replaces, e.Decision = append(lake.IDs(nil), current...), lake.Replaced
						current = nil
					} else {
						e.Decision = lake.Added
					}
					current = append(current, e.ID)
				} else {
					e.RowsRejected = e.RowsRead
				}
				l.Add(e)
			}
		}
	}
	if err := dir.SaveLedger(l); err != nil {
		t.Fatal(err)
	}
	goView := map[string]completenessView{}
	for _, e := range Completeness(l, ref, p, deadline, deadline.Add(1000*time.Hour)) {
		v := completenessView{State: e.State}
		if e.Files > 0 {
			v.Received, v.Rows = e.ReceivedAt.UTC().Format(time.RFC3339), e.Rows
		}
		goView[e.Agency+"/"+string(e.Kind)] = v
	}
	res, err := transform.Run(context.Background(), dir, config.Default().Report.Params(p))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Release()
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
	val := func(name string, i int) string { return transform.FormatValue(rec.Column(col(name)), i) }
	sqlView := map[string]completenessView{}
	for i := 0; i < int(rec.NumRows()); i++ {
		if val("expected", i) != "true" {
			continue
		}
		var v completenessView
		switch s := val("status", i); s {
		case "diterima", "diterima sebagian":
			v.State = StateReceived
			if val("late", i) == "true" {
				v.State = StateLate
			}
			at, err := time.Parse(time.RFC3339Nano, val("received_at", i))
			if err != nil {
				at, err = time.ParseInLocation("2006-01-02 15:04:05", val("received_at", i), time.UTC)
			}
			if err != nil {
				t.Fatalf("received_at %q: %v", val("received_at", i), err)
			}
			v.Received = at.UTC().Format(time.RFC3339)
			fmt.Sscan(val("rows_accepted", i), &v.Rows)
		case "ditolak":
			v.State = StateRejected
		case "tidak ada":
			v.State = StateMissing
		default:
			t.Errorf("completeness status %q", s)
		}
		sqlView[val("agency_code", i)+"/"+val("kind", i)] = v
	}
	if diff := cmp.Diff(goView, sqlView); diff != "" {
		t.Errorf("Completeness (Go) vs the completeness table (SQL) (-go +sql):\n%s", diff)
	}
	states := map[string]int{}
	for _, v := range goView {
		states[v.State]++
	}
	for _, s := range []string{StateReceived, StateLate, StateRejected, StateMissing} {
		if states[s] == 0 {
			t.Errorf("no generated case is %s; the generator no longer covers it", s)
		}
	}
	t.Logf("%d uploads, %d expected (agency, kind): %v", n, len(goView), states)
}
