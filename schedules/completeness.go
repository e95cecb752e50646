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
	StateLate     = "terlambat" // a current upload exists, received after the deadline
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
// monthly, the state of its upload for p against the deadline. Agencies
// come sorted by code, kinds in domain.Kinds order.
func Completeness(l *lake.Ledger, ref *domain.Reference, p domain.Period, deadline time.Time) []Expected {
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
			if cur, ok := l.CurrentFor(a.Code, k, p); ok {
				e.ReceivedAt = cur.ReceivedAt
				e.State = StateReceived
				if cur.ReceivedAt.After(deadline) {
					e.State = StateLate
				}
			} else if anyRejected(l, a.Code, k, p) {
				e.State = StateRejected
			}
			out = append(out, e)
		}
	}
	return out
}

func anyRejected(l *lake.Ledger, agency string, k domain.Kind, p domain.Period) bool {
	for _, e := range l.Entries {
		if e.Agency == agency && e.Kind == k && e.Period == p.String() && e.Status == lake.Rejected {
			return true
		}
	}
	return false
}

// LastDuePeriod is the latest period whose upload deadline has passed at now.
func (r ReportConfig) LastDuePeriod(now time.Time) domain.Period {
	p := domain.PeriodOf(now).Add(-1)
	for !now.After(r.Deadline(p)) {
		p = p.Add(-1)
	}
	return p
}
