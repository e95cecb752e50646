package reports

import (
	"math"
	"sort"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// headline is a month's headline figures: what the report's first cards
// show, what the index lists and what state/reports.json keeps.
type headline struct {
	ASN              int     `json:"asn"`
	Trained          int     `json:"trained"`
	Coverage         float64 `json:"coverage"`
	OnTrack          int     `json:"on_track"`
	OnTrackShare     float64 `json:"on_track_share"`
	TargetMet        int     `json:"target_met"`
	TargetMetShare   float64 `json:"target_met_share"`
	JPPerASN         float64 `json:"jp_per_asn"`
	IKM              opt     `json:"ikm"`
	IKMCategory      string  `json:"ikm_category,omitempty"`
	FollowupRate     opt     `json:"followup_rate"`
	FollowedUp       int     `json:"followed_up"`
	FollowupComplete int     `json:"followup_complete"`
	UploadsReceived  int     `json:"uploads_received"` // of the expected ones
	UploadsExpected  int     `json:"uploads_expected"` // due this month per the reference data
	// Gaps counts the expected uploads the month's figures depend on that
	// are missing, this month's or earlier ones' (Data.Gaps).
	Gaps int `json:"gaps,omitempty"`
}

// UploadsShare is the share of the month's expected uploads received, and
// false when none was expected.
func (h headline) UploadsShare() (float64, bool) {
	if h.UploadsExpected == 0 {
		return 0, false
	}
	return float64(h.UploadsReceived) / float64(h.UploadsExpected), true
}

// headlineOf computes the headline figures of d's month.
func headlineOf(d *data) headline {
	h := headline{ASN: d.Province.Headcount, Trained: d.Province.Trained, Coverage: d.Province.Coverage,
		OnTrack: d.Province.OnTrack, OnTrackShare: d.Province.OnTrackShare, TargetMet: d.Province.TargetMet,
		TargetMetShare: d.Province.TargetMetShare, JPPerASN: d.Province.JPPerASN}
	for _, g := range d.Groups {
		if g.Level == "provinsi" {
			h.IKM, h.IKMCategory = g.IKM, g.Category
		}
	}
	if !h.IKM.OK {
		if p, ok := d.ikmProvinceAt(d.Period); ok {
			h.IKM, h.IKMCategory = p.IKM, p.Category
		}
	}
	if h.IKM.OK && h.IKMCategory == "" {
		h.IKMCategory = domain.IKMCategory(h.IKM.V)
	}
	for _, f := range d.Followups {
		if f.Level == "provinsi" || f.Agency == "provinsi" {
			h.FollowupRate, h.FollowedUp, h.FollowupComplete = f.Rate, f.FollowedUp, f.Complete
		}
	}
	for _, c := range d.Completeness {
		if !c.Expected {
			continue // sent unasked (a changed roster): neither due nor counted
		}
		h.UploadsExpected++
		if c.Status == string(lake.Accepted) || c.Status == string(lake.Partial) {
			h.UploadsReceived++
		}
	}
	h.Gaps = len(d.Gaps())
	return h
}

// prevHeadline is the previous month's figures as far as d's trend tables
// know them (coverage and IKM); stored holds the previous month's recorded
// headline when it was reported, for follow-up and uploads. ok is false
// when nothing is known about the previous month.
func prevHeadline(d *data, stored *headline) (headline, bool) {
	prev := d.Period.Add(-1)
	var h headline
	ok := false
	if stored != nil {
		h, ok = *stored, true
	}
	for _, t := range d.Trend {
		if t.Level == "provinsi" && t.Period == prev {
			h.ASN, h.Trained, h.Coverage = t.Headcount, t.Trained, t.Coverage
			h.OnTrack, h.OnTrackShare, h.TargetMet, h.TargetMetShare = t.OnTrack, t.OnTrackShare, t.TargetMet, t.TargetMetShare
			h.JPPerASN = t.JPPerASN
			ok = true
		}
	}
	if p, found := d.ikmProvinceAt(prev); found {
		h.IKM, h.IKMCategory = p.IKM, p.Category
		ok = true
	}
	return h, ok
}

func (d *data) ikmProvinceAt(p domain.Period) (ikmPoint, bool) {
	for _, x := range d.IKMTrend {
		if x.Level == "provinsi" && x.Period == p {
			return x, true
		}
	}
	return ikmPoint{}, false
}

// highlights writes 3–6 sentences about what stands out in d, most
// important first. When an expected upload the figures depend on is
// missing (Data.Gaps), the first sentence says which, before any ranking.
func highlights(d *data, prev *headline, lang string) []string {
	t, f := textFor(lang), Format{Lang: lang}
	var out []string
	gaps := d.Gaps()
	if len(gaps) > 0 {
		out = append(out, gapSentence(d, t, f, gaps))
	}
	if len(d.Districts) > 0 {
		worst := d.Districts[0]
		for _, x := range d.Districts {
			if x.OnTrackShare < worst.OnTrackShare {
				worst = x
			}
		}
		name := worst.Name
		if g := d.gapsOf(gaps, worst.Code, coverageKinds...); len(g) > 0 {
			name += " (" + t.S("mark.incomplete") + ")"
		}
		out = append(out, t.Sf("hl.behind", name, f.Pct(worst.OnTrackShare),
			f.Gap(d.Province.OnTrackShare-worst.OnTrackShare), f.Pct(d.Province.OnTrackShare)))
		flagged, remote := 0, 0
		for _, a := range d.Attention {
			if a.Flagged {
				flagged++
				if a.Remote {
					remote++
				}
			}
		}
		if flagged > 0 {
			out = append(out, t.Sf("hl.flagged", flagged, len(d.Districts), remote))
		}
	}
	if d.Remote.Headcount > 0 && d.Other.Headcount > 0 {
		out = append(out, t.Sf("hl.remote", f.Pct(d.Remote.OnTrackShare), f.Pct(d.Other.OnTrackShare), f.Pct(d.Remote.DaringJPShare)))
	}
	var moved *unitIKM
	for i, u := range d.Units {
		if u.DeltaPrev.OK && u.IKM.OK && (moved == nil || math.Abs(u.DeltaPrev.V) > math.Abs(moved.DeltaPrev.V)) {
			moved = &d.Units[i]
		}
	}
	if moved != nil && math.Abs(moved.DeltaPrev.V) >= 0.005 {
		out = append(out, t.Sf("hl.ikmmove", moved.Name, f.Signed(moved.DeltaPrev.V, 2), f.Dec(moved.IKM.V, 2),
			moved.Category+" "+domain.IKMCategoryLabel(moved.Category, t.lang)))
	}
	if low := d.unitsBelowB(); len(low) > 0 {
		out = append(out, t.Sf("hl.ikmlow", len(low), low[0].Name, f.Dec(low[0].IKM.V, 2)))
	}
	h := headlineOf(d)
	if h.FollowupRate.OK && h.FollowupComplete > 0 {
		out = append(out, t.Sf("hl.followup", f.Int(h.FollowedUp), f.Int(h.FollowupComplete), f.Pct(h.FollowupRate.V)))
	}
	missing, late := 0, 0
	for _, c := range d.Completeness {
		if !c.Expected {
			continue
		}
		switch {
		case c.Status != string(lake.Accepted) && c.Status != string(lake.Partial):
			missing++
		case c.Late:
			late++
		}
	}
	if missing+late > 0 {
		out = append(out, t.Sf("hl.uploads", missing, late))
	}
	if len(out) < 3 && prev != nil {
		out = append(out, t.Sf("hl.coverage", f.Points(h.OnTrackShare-prev.OnTrackShare), f.Pct(h.OnTrackShare)))
	}
	if len(out) > 6 {
		out = out[:6]
	}
	return out
}

// unitsBelowB are the units with an IKM in category C or D this month, lowest first.
func (d *data) unitsBelowB() []unitIKM {
	var out []unitIKM
	for _, u := range d.Units {
		if u.IKM.OK && u.N > 0 && u.IKM.V < domain.IKMThresholdB {
			out = append(out, u)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].IKM.V < out[j].IKM.V })
	return out
}
