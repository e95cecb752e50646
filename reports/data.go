package reports

import (
	"sync"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// data is everything one monthly report shows, in plain Go values. It is
// filled from transform's Arrow tables by FromTables (model.go, the only
// code that touches Arrow), or built by hand in tests; every renderer reads
// only Data.
type data struct {
	Period   domain.Period
	AsOf     time.Time    // latest ingest time of the uploads used
	Uploads  []lake.Entry // current uploads that fed the result
	Rules    rules
	Province coverage // remote_group 'semua'
	Remote   coverage // 'terpencil'
	Other    coverage // 'lainnya'

	Districts    []coverage // coverage_district (Code, Name, Remote set)
	Agencies     []coverage // coverage_agency (Code, Name, District set)
	Trend        []trendPoint
	Attention    []attentionRow
	Units        []unitIKM
	Groups       []ikmGroup
	IKMTrend     []ikmPoint
	Elements     []elementProfile
	Evaluations  []evalCount
	Followups    []followupRow
	Impact       []impactRow
	Completeness []completenessRow
	// Shorts are the reference workbook's short names (Nama Singkat) by
	// full name of district, agency or unit; charts on a phone use them.
	Shorts map[string]string
	// Persons is transform's private person_progress table: it holds names
	// and NIPs and is read only by the agency workbooks (never the HTML,
	// the summary workbook or the CSV exports).
	Persons []personProgress

	// districts is agencyDistricts, worked out once: every chart's marks
	// ask it, and it reads every person.
	districts struct {
		once sync.Once
		m    map[string][]string
	}
}

// rules are the thresholds the figures were computed with (from
// transform.Params), quoted in the methodology note.
type rules struct {
	TargetJP         float64 // 20
	OnTrackThreshold float64 // 0.50
	GapPoints        float64 // 0.10
	FollowupDays     int     // 180
	DeadlineDay      int     // 10
}

// defaultRules are transform's defaults.
func defaultRules() rules {
	return rules{TargetJP: 20, OnTrackThreshold: 0.50, GapPoints: 0.10, FollowupDays: 180, DeadlineDay: 10}
}

// coverage is one row of coverage_district, coverage_agency or
// coverage_province. Shares are fractions 0..1.
type coverage struct {
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

// trendPoint is one month of coverage_trend.
type trendPoint struct {
	Period         domain.Period
	Level          string // "provinsi" | "kabupaten" | "kabupaten_instansi"
	District       string // "" for provinsi
	Agency         string // only for kabupaten_instansi: the agency's staff in District
	Headcount      int
	Trained        int
	Coverage       float64
	TargetMet      int
	TargetMetShare float64
	OnTrack        int
	OnTrackShare   float64
	JPPerASN       float64
	JPTotal        float64
}

// attentionRow is one district of the attention table.
type attentionRow struct {
	Rank                 int
	District, Name       string
	Remote               bool
	OnTrackShare         float64
	ProvinceOnTrackShare float64
	Flagged              bool
	WorstAgency          string
	DaringJPShare        float64
}

// opt is an optional number (a NULL in the metric table).
type opt struct {
	V  float64
	OK bool
}

// some returns a present Opt.
func some(v float64) opt { return opt{V: v, OK: true} }

// unitIKM is one row of ikm_unit.
type unitIKM struct {
	Code, Name, Agency, District string
	ServiceType                  string
	N                            int
	IKM                          opt
	Category                     string
	IKM3M                        opt
	DeltaPrev                    opt
	SampleOK                     *bool // nil: users per month unknown
	LowestElement                string
}

// ikmGroup is one row of ikm_group.
type ikmGroup struct {
	Level, Code, Name string // level: jenis_layanan | kabupaten | provinsi
	N                 int
	IKM               opt
	Category          string
	IKM3M             opt
	DeltaPrev         opt
}

// ikmPoint is one month of ikm_trend; IKM is absent in months without responses.
type ikmPoint struct {
	Level, Code, Name string // level: unit | jenis_layanan | provinsi
	Period            domain.Period
	N                 int
	IKM               opt
	Category          string
	DeltaPrev         opt
}

// elementProfile is one row of ikm_elements: NRR per element U1..U9.
type elementProfile struct {
	Level, Code string // level: unit | provinsi
	N           int
	NRR         [9]opt
	Lowest      string
}

// evalCount is one row of evaluation_dist.
type evalCount struct {
	Level, Code, Predikat string // level: instansi | kabupaten
	Persons               int
}

// followupRow is one row of followup; Level "provinsi" is the total.
type followupRow struct {
	Agency, Level                         string
	Cohort, Complete, FollowedUp, Pending int
	Rate                                  opt
}

// impactRow is one row of impact.
type impactRow struct {
	Unit, Name                     string
	Staff                          int
	TrainedShare                   float64
	IKMFirst3, IKMLast3, IKMChange opt
}

// completenessRow is one row of completeness.
type completenessRow struct {
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

// personProgress is one row of the private person_progress table.
type personProgress struct {
	Agency, NIP, Name, UnitKerja, District string
	JPYTD                                  float64
	OnTrack, TargetMet                     bool
}

// agencyName returns the agency's name from coverage_agency, else its code.
func (d *data) agencyName(code string) string {
	for _, a := range d.Agencies {
		if a.Code == code && a.Name != "" {
			return a.Name
		}
	}
	return code
}

// unitAgency returns the agency a service unit belongs to, else "".
func (d *data) unitAgency(code string) string {
	for _, u := range d.Units {
		if u.Code == code {
			return u.Agency
		}
	}
	return ""
}

// districtName returns the district's name, else its code.
func (d *data) districtName(code string) string {
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
func (d *data) unitName(code string) string {
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
