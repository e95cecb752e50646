package reports

import (
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// Data is everything one monthly report shows, in plain Go values. It is
// filled from transform's Arrow tables by FromTables (model.go, the only
// code that touches Arrow), or built by hand in tests; every renderer reads
// only Data.
type Data struct {
	Period   domain.Period
	AsOf     time.Time    // latest ingest time of the uploads used
	Uploads  []lake.Entry // current uploads that fed the result
	Rules    Rules
	Province Coverage // remote_group 'semua'
	Remote   Coverage // 'terpencil'
	Other    Coverage // 'lainnya'

	Districts    []Coverage // coverage_district (Code, Name, Remote set)
	Agencies     []Coverage // coverage_agency (Code, Name, District set)
	Trend        []TrendPoint
	Attention    []AttentionRow
	Units        []UnitIKM
	Groups       []IKMGroup
	IKMTrend     []IKMPoint
	Elements     []ElementProfile
	Evaluations  []EvalCount
	Followups    []FollowupRow
	Impact       []ImpactRow
	Completeness []CompletenessRow
	// Shorts are the reference workbook's short names (Nama Singkat) by
	// full name of district, agency or unit; charts on a phone use them.
	Shorts map[string]string
	// Persons is transform's private person_progress table: it holds names
	// and NIPs and is read only by the agency workbooks (never the HTML,
	// the summary workbook or the CSV exports).
	Persons []PersonProgress
}

// Rules are the thresholds the figures were computed with (from
// transform.Params), quoted in the methodology note.
type Rules struct {
	TargetJP         float64 // 20
	OnTrackThreshold float64 // 0.50
	GapPoints        float64 // 0.10
	FollowupDays     int     // 180
	DeadlineDay      int     // 10
}

// DefaultRules are transform's defaults.
func DefaultRules() Rules {
	return Rules{TargetJP: 20, OnTrackThreshold: 0.50, GapPoints: 0.10, FollowupDays: 180, DeadlineDay: 10}
}

// Coverage is one row of coverage_district, coverage_agency or
// coverage_province. Shares are fractions 0..1.
type Coverage struct {
	Code, Name     string
	District       string // agency rows: the agency's district code
	Remote         bool   // district rows
	Headcount      int
	Trained        int
	Coverage       float64
	TargetMet      int
	TargetMetShare float64
	OnTrack        int
	OnTrackShare   float64
	JPPerASN       float64
	JPKlasikal     float64
	JPNonklasikal  float64
	JPLuring       float64
	JPDaring       float64
	JPCampuran     float64 // mixed mode (Campuran): counted in neither luring nor daring
	DaringJPShare  float64
}

// TrendPoint is one month of coverage_trend.
type TrendPoint struct {
	Period         domain.Period
	Level          string // "provinsi" | "kabupaten"
	District       string // "" for provinsi
	Headcount      int
	Trained        int
	Coverage       float64
	TargetMet      int
	TargetMetShare float64
	OnTrack        int
	OnTrackShare   float64
	JPPerASN       float64
}

// AttentionRow is one district of the attention table.
type AttentionRow struct {
	Rank                 int
	District, Name       string
	Remote               bool
	OnTrackShare         float64
	ProvinceOnTrackShare float64
	Flagged              bool
	WorstAgency          string
	DaringJPShare        float64
}

// Opt is an optional number (a NULL in the metric table).
type Opt struct {
	V  float64
	OK bool
}

// Some returns a present Opt.
func Some(v float64) Opt { return Opt{V: v, OK: true} }

// UnitIKM is one row of ikm_unit.
type UnitIKM struct {
	Code, Name, Agency, District string
	ServiceType                  string
	N                            int
	IKM                          Opt
	Category                     string
	IKM3M                        Opt
	DeltaPrev                    Opt
	SampleOK                     *bool // nil: users per month unknown
	LowestElement                string
}

// IKMGroup is one row of ikm_group.
type IKMGroup struct {
	Level, Code, Name string // level: jenis_layanan | kabupaten | provinsi
	N                 int
	IKM               Opt
	Category          string
	IKM3M             Opt
	DeltaPrev         Opt
}

// IKMPoint is one month of ikm_trend; IKM is absent in months without responses.
type IKMPoint struct {
	Level, Code, Name string // level: unit | jenis_layanan | provinsi
	Period            domain.Period
	N                 int
	IKM               Opt
	Category          string
	DeltaPrev         Opt
}

// ElementProfile is one row of ikm_elements: NRR per element U1..U9.
type ElementProfile struct {
	Level, Code string // level: unit | provinsi
	N           int
	NRR         [9]Opt
	Lowest      string
}

// EvalCount is one row of evaluation_dist.
type EvalCount struct {
	Level, Code, Predikat string // level: instansi | kabupaten
	Persons               int
}

// FollowupRow is one row of followup; Level "provinsi" is the total.
type FollowupRow struct {
	Agency, Level                         string
	Cohort, Complete, FollowedUp, Pending int
	Rate                                  Opt
}

// ImpactRow is one row of impact.
type ImpactRow struct {
	Unit, Name                     string
	Staff                          int
	TrainedShare                   float64
	IKMFirst3, IKMLast3, IKMChange Opt
}

// CompletenessRow is one row of completeness.
type CompletenessRow struct {
	Agency       string
	Kind         domain.Kind
	Status       string // diterima | diterima sebagian | ditolak | tidak ada
	ReceivedAt   time.Time
	Late         bool
	RowsRead     int
	RowsAccepted int
	RowsRejected int
	Revisions    int
	UnmatchedNIP int
	Stale        bool
	Expected     bool // due monthly per the reference data; false for a kind sent unasked
}

// PersonProgress is one row of the private person_progress table.
type PersonProgress struct {
	Agency, NIP, Name, UnitKerja, District string
	JPYTD                                  float64
	OnTrack, TargetMet                     bool
}

// agencyName returns the agency's name from coverage_agency, else its code.
func (d *Data) agencyName(code string) string {
	for _, a := range d.Agencies {
		if a.Code == code && a.Name != "" {
			return a.Name
		}
	}
	return code
}

// unitAgency returns the agency a service unit belongs to, else "".
func (d *Data) unitAgency(code string) string {
	for _, u := range d.Units {
		if u.Code == code {
			return u.Agency
		}
	}
	return ""
}

// districtName returns the district's name, else its code.
func (d *Data) districtName(code string) string {
	for _, x := range d.Districts {
		if x.Code == code && x.Name != "" {
			return x.Name
		}
	}
	for _, x := range domain.MalukuDistricts() {
		if x.Code == code {
			return x.Name
		}
	}
	return code
}

// unitName returns the unit's name, else its code.
func (d *Data) unitName(code string) string {
	for _, u := range d.Units {
		if u.Code == code && u.Name != "" {
			return u.Name
		}
	}
	for _, u := range d.Impact {
		if u.Unit == code && u.Name != "" {
			return u.Name
		}
	}
	return code
}
