package schedules

import (
	"sort"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// Upload states of an expected (agency, kind) for a period, as the ledger
// tells them. The labels are the Indonesian ones used in reports.
const (
	StateReceived = "diterima"  // a current upload exists, on time
	StateLate     = "terlambat" // a current upload exists, received after the deadline (as the report counts it)
	StateRejected = "ditolak"   // only rejected uploads: still missing
	StateMissing  = "tidak ada" // nothing received
)

// Expected is one upload an agency owes for a period and where it stands.
type Expected struct {
	Agency     string
	AgencyName string
	Kind       domain.Kind
	State      string
	ReceivedAt time.Time // of the current upload, when there is one
}

// Outstanding reports whether the upload is still owed.
func (e Expected) Outstanding() bool { return e.State == StateRejected || e.State == StateMissing }

// Completeness lists, for every agency of ref and every kind it must submit
// monthly, the state of its upload for p against the deadline, as known at
// now: uploads received later are not counted (they matter when now is an
// as-of date in the past). Agencies come sorted by code, kinds in
// domain.Kinds order.
func Completeness(l *lake.Ledger, ref *domain.Reference, p domain.Period, deadline, now time.Time) []Expected {
	if ref == nil {
		return nil
	}
	agencies := append([]domain.Agency(nil), ref.Agencies...)
	sort.Slice(agencies, func(i, j int) bool { return agencies[i].Code < agencies[j].Code })
	var out []Expected
	for _, a := range agencies {
		for _, k := range domain.Kinds {
			if !a.ExpectsKind(k) {
				continue
			}
			e := Expected{Agency: a.Code, AgencyName: a.Name, Kind: k, State: StateMissing}
			if at, rejected := latestReceived(l, a.Code, k, p, now); !at.IsZero() {
				e.ReceivedAt = at
				e.State = StateReceived
				if at.After(deadline) {
					e.State = StateLate
				}
			} else if rejected {
				e.State = StateRejected
			}
			out = append(out, e)
		}
	}
	return out
}

// latestReceived is when the upload that counts for (agency, k, p) as of
// now arrived: the last one with data in ingest (ledger) order among those
// received up to now — the current upload, whose time decides lateness as
// in the report's completeness table (transform/sql/completeness.sql), even
// when a revision's file carries an older time than the upload it replaced.
// rejected reports whether rejected uploads arrived.
func latestReceived(l *lake.Ledger, agency string, k domain.Kind, p domain.Period, now time.Time) (latest time.Time, rejected bool) {
	for _, e := range l.Entries {
		if e.Agency != agency || e.Kind != k || e.Period != p.String() || e.ReceivedAt.After(now) {
			continue
		}
		switch {
		case e.Status.HasData():
			latest = e.ReceivedAt
		case e.Status == lake.Rejected:
			rejected = true
		}
	}
	return latest, rejected
}

// LastDuePeriod is the latest period whose upload deadline has passed at now.
func (r ReportConfig) LastDuePeriod(now time.Time) domain.Period {
	p := domain.PeriodOf(now).Add(-1)
	for !now.After(r.Deadline(p)) {
		p = p.Add(-1)
	}
	return p
}
