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
	ReceivedAt time.Time // when the month's first current upload arrived, when there is one
	Files      int       // current uploads of the month (a month may come in several files)
	Rows       int       // their accepted rows
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
			if m := monthAsOf(l, a.Code, k, p, now); m.files > 0 {
				e.ReceivedAt, e.Files, e.Rows = m.first, m.files, m.rows
				e.State = StateReceived
				if m.first.After(deadline) {
					e.State = StateLate
				}
			} else if m.rejected {
				e.State = StateRejected
			}
			out = append(out, e)
		}
	}
	return out
}

// monthState is what (agency, kind, period) held as of a time.
type monthState struct {
	first    time.Time // when its first current upload arrived
	files    int       // its current uploads
	rows     int       // their accepted rows
	rejected bool      // rejected uploads arrived
}

// monthAsOf is the month (agency, k, p) as of now: the uploads with data
// received up to now that no upload received up to now replaced (a month
// is a set of uploads). The month arrived when the first of them did: that
// time decides lateness, as in the report's completeness table
// (transform/sql/completeness.sql) — a late addition does not make an
// on-time month late; a revision's time does, even when its file carries an
// older time than the uploads it replaced.
func monthAsOf(l *lake.Ledger, agency string, k domain.Kind, p domain.Period, now time.Time) monthState {
	var m monthState
	es := l.Month(agency, k, p.String())
	seen := map[string]bool{}
	for _, e := range es {
		if !e.ReceivedAt.After(now) {
			seen[e.ID] = true
		}
	}
	for _, e := range es {
		if !seen[e.ID] {
			continue
		}
		switch {
		case e.Status.HasData() && (e.ReplacedBy == "" || !seen[e.ReplacedBy]):
			if m.files == 0 || e.ReceivedAt.Before(m.first) {
				m.first = e.ReceivedAt
			}
			m.files++
			m.rows += e.RowsAccepted
		case e.Status == lake.Rejected:
			m.rejected = true
		}
	}
	return m
}
