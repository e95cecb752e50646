package transform

import (
	"errors"
	"fmt"

	"github.com/pantau-asn/pantau/internal/domain"
)

// Params are the reporting period and the configurable thresholds of the
// metrics (docs/metrics.md). Build them with DefaultParams and change fields.
type Params struct {
	Period           domain.Period
	TargetJP         float64 // annual JP duty per person (20)
	OnTrackThreshold float64 // attention flag when a district's on_track_share is below this (0.50)
	GapPoints        float64 // ... or more than this many points below the province (0.10)
	FollowupDays     int     // follow-up window after a weak evaluation (180)
	DeadlineDay      int     // uploads for P are due by this day of P+1, 23:59:59 WIT (10)
	StaleMonths      int     // a roster older than this many months is flagged stale (12)
}

// DefaultParams returns the defaults of docs/metrics.md for period p.
func DefaultParams(p domain.Period) Params {
	return Params{Period: p, TargetJP: 20, OnTrackThreshold: 0.50, GapPoints: 0.10,
		FollowupDays: 180, DeadlineDay: 10, StaleMonths: 12}
}

// Validate reports the first field out of range.
func (p Params) Validate() error {
	switch {
	case p.Period.IsZero() || p.Period.Month < 1 || p.Period.Month > 12:
		return errors.New("transform params: period is not set")
	case p.TargetJP <= 0:
		return fmt.Errorf("transform params: TargetJP %v must be positive", p.TargetJP)
	case p.OnTrackThreshold < 0 || p.OnTrackThreshold > 1:
		return fmt.Errorf("transform params: OnTrackThreshold %v must be a share 0..1", p.OnTrackThreshold)
	case p.GapPoints < 0 || p.GapPoints > 1:
		return fmt.Errorf("transform params: GapPoints %v must be a share 0..1", p.GapPoints)
	case p.FollowupDays <= 0:
		return fmt.Errorf("transform params: FollowupDays %d must be positive", p.FollowupDays)
	case p.DeadlineDay < 1 || p.DeadlineDay > 28:
		return fmt.Errorf("transform params: DeadlineDay %d must be 1..28", p.DeadlineDay)
	case p.StaleMonths <= 0:
		return fmt.Errorf("transform params: StaleMonths %d must be positive", p.StaleMonths)
	}
	return nil
}
