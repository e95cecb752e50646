package reports

import (
	"fmt"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/pantau-asn/pantau/internal/domain"
)

// This file is the only one in package reports that reads Arrow: it turns
// transform's metric tables (by table and column name, as docs/metrics.md
// lists them) into Data. Columns are looked up by name and converted from
// whatever numeric type DuckDB produced, so an extra column or an INT64
// that became a DECIMAL does not break the report. A missing table is
// empty data; a missing required column is an error.

// fromTables fills the table-derived fields of a Data from metric tables
// keyed by name. The caller sets Period, AsOf, Uploads and Rules.
func fromTables(tables map[string]arrow.RecordBatch) (*data, error) {
	d := &data{}
	var err error
	each := func(name string, fn func(r row)) {
		if err != nil {
			return
		}
		rec := tables[name]
		if rec == nil {
			return
		}
		t := table{name: name, rec: rec}
		for i := 0; i < int(rec.NumRows()); i++ {
			fn(row{t: &t, i: i})
			if t.err != nil {
				err = t.err
				return
			}
		}
	}
	cov := func(r row, code string) coverage {
		return coverage{Code: r.str(code), Headcount: r.int("headcount"), Trained: r.int("trained"),
			Coverage: r.f64("coverage"), TargetMet: r.int("target_met"), TargetMetShare: r.f64("target_met_share"),
			OnTrack: r.int("on_track"), OnTrackShare: r.f64("on_track_share"), JPPerASN: r.f64("jp_per_asn"),
			JPKlasikal: r.optF("jp_klasikal").V, JPNonklasikal: r.optF("jp_nonklasikal").V,
			JPLuring: r.optF("jp_luring").V, JPDaring: r.optF("jp_daring").V, JPCampuran: r.optF("jp_campuran").V,
			DaringJPShare: r.optF("daring_jp_share").V}
	}
	each("coverage_province", func(r row) {
		c := cov(r, "remote_group")
		switch c.Code {
		case "terpencil":
			d.Remote = c
		case "lainnya":
			d.Other = c
		default:
			d.Province = c
		}
	})
	each("coverage_district", func(r row) {
		c := cov(r, "district_code")
		c.Name, c.Remote = r.optStr("district_name"), r.bool("remote")
		d.Districts = append(d.Districts, c)
	})
	each("coverage_agency", func(r row) {
		c := cov(r, "agency_code")
		c.Name, c.District = r.optStr("agency_name"), r.optStr("district_code")
		d.Agencies = append(d.Agencies, c)
	})
	each("coverage_trend", func(r row) {
		d.Trend = append(d.Trend, trendPoint{Period: r.period("period"), Level: r.str("level"),
			District: r.optStr("district_code"), Agency: r.optStr("agency_code"), Headcount: r.int("headcount"),
			Trained: r.int("trained"), Coverage: r.f64("coverage"), TargetMet: r.int("target_met"),
			TargetMetShare: r.f64("target_met_share"), OnTrack: r.int("on_track"), OnTrackShare: r.f64("on_track_share"),
			JPPerASN: r.f64("jp_per_asn"), JPTotal: r.optF("jp_total").V})
	})
	each("attention", func(r row) {
		d.Attention = append(d.Attention, attentionRow{Rank: r.int("rank"), District: r.str("district_code"),
			Name: r.optStr("district_name"), Remote: r.bool("remote"), OnTrackShare: r.f64("on_track_share"),
			ProvinceOnTrackShare: r.f64("province_on_track_share"), Flagged: r.bool("flagged"),
			WorstAgency: r.optStr("worst_agency_code"), DaringJPShare: r.optF("daring_jp_share").V})
	})
	each("ikm_unit", func(r row) {
		u := unitIKM{Code: r.str("unit_code"), Name: r.optStr("unit_name"), Agency: r.optStr("agency_code"),
			District: r.optStr("district_code"), ServiceType: r.optStr("service_type"), N: r.int("n"),
			IKM: r.optF("ikm"), Category: r.optStr("category"), IKM3M: r.optF("ikm_3m"),
			DeltaPrev: r.optF("delta_prev"), LowestElement: r.optStr("lowest_element")}
		if v, ok := r.optBool("sample_ok"); ok {
			u.SampleOK = &v
		}
		d.Units = append(d.Units, u)
	})
	each("ikm_group", func(r row) {
		d.Groups = append(d.Groups, ikmGroup{Level: r.str("level"), Code: r.optStr("code"), Name: r.optStr("name"),
			N: r.int("n"), IKM: r.optF("ikm"), Category: r.optStr("category"), IKM3M: r.optF("ikm_3m"),
			DeltaPrev: r.optF("delta_prev")})
	})
	each("ikm_trend", func(r row) {
		d.IKMTrend = append(d.IKMTrend, ikmPoint{Level: r.str("level"), Code: r.optStr("code"), Name: r.optStr("name"),
			Period: r.period("period"), N: r.int("n"), IKM: r.optF("ikm"), Category: r.optStr("category"),
			DeltaPrev: r.optF("delta_prev")})
	})
	each("ikm_elements", func(r row) {
		e := elementProfile{Level: r.str("level"), Code: r.optStr("code"), N: r.int("n"), Lowest: r.optStr("lowest_element")}
		for k := range e.NRR {
			e.NRR[k] = r.optF(fmt.Sprintf("u%d", k+1))
		}
		d.Elements = append(d.Elements, e)
	})
	each("evaluation_dist", func(r row) {
		d.Evaluations = append(d.Evaluations, evalCount{Level: r.str("level"), Code: r.str("code"),
			Predikat: r.str("predikat"), Persons: r.int("persons")})
	})
	each("followup", func(r row) {
		d.Followups = append(d.Followups, followupRow{Agency: r.str("agency_code"), Level: r.optStr("level"),
			Cohort: r.int("cohort"), Complete: r.int("complete"), FollowedUp: r.int("followed_up"),
			Pending: r.int("pending"), Rate: r.optF("rate")})
	})
	each("impact", func(r row) {
		d.Impact = append(d.Impact, impactRow{Unit: r.str("unit_code"), Name: r.optStr("unit_name"),
			Staff: r.int("staff"), TrainedShare: r.optF("trained_share").V, IKMFirst3: r.optF("ikm_first3"),
			IKMLast3: r.optF("ikm_last3"), IKMChange: r.optF("ikm_change")})
	})
	each("completeness", func(r row) {
		d.Completeness = append(d.Completeness, completenessRow{Agency: r.str("agency_code"),
			Kind: domain.Kind(r.str("kind")), Status: r.str("status"), ReceivedAt: r.time("received_at"),
			Late: r.bool("late"), RowsRead: r.int("rows_read"), RowsAccepted: r.int("rows_accepted"),
			RowsRejected: r.int("rows_rejected"), Revisions: r.int("revisions"), UnmatchedNIP: r.int("unmatched_nip"),
			Stale: r.bool("stale"), Expected: r.expected()})
	})
	each("person_progress", func(r row) {
		d.Persons = append(d.Persons, personProgress{Agency: r.str("agency_code"), NIP: r.str("nip"),
			Name: r.optStr("nama"), UnitKerja: r.optStr("unit_kerja"), District: r.optStr("district_code"),
			JPYTD: r.f64("jp_ytd"), OnTrack: r.bool("on_track"), TargetMet: r.bool("target_met")})
	})
	if err != nil {
		return nil, fmt.Errorf("read metric tables: %w", err)
	}
	return d, nil
}

// table remembers the first conversion error of one metric table.
type table struct {
	name string
	rec  arrow.RecordBatch
	cols map[string]int
	err  error
}

func (t *table) col(name string, required bool) arrow.Array {
	if t.cols == nil {
		t.cols = map[string]int{}
		for i, f := range t.rec.Schema().Fields() {
			t.cols[strings.ToLower(f.Name)] = i
		}
	}
	i, ok := t.cols[name]
	if !ok {
		if required && t.err == nil {
			t.err = fmt.Errorf("table %s: missing column %s", t.name, name)
		}
		return nil
	}
	return t.rec.Column(i)
}

// row reads cells of one row by column name.
type row struct {
	t *table
	i int
}

// value returns the cell as string, float64, bool or time.Time, or nil for NULL.
func (r row) value(name string, required bool) any {
	a := r.t.col(name, required)
	if a == nil || a.IsNull(r.i) {
		return nil
	}
	return cellValue(a, r.i)
}

func cellValue(a arrow.Array, i int) any {
	switch c := a.(type) {
	case *array.String:
		return c.Value(i)
	case *array.LargeString:
		return c.Value(i)
	case *array.StringView:
		return c.Value(i)
	case *array.Binary:
		return string(c.Value(i))
	case *array.Dictionary:
		return cellValue(c.Dictionary(), c.GetValueIndex(i))
	case *array.Boolean:
		return c.Value(i)
	case *array.Int8:
		return float64(c.Value(i))
	case *array.Int16:
		return float64(c.Value(i))
	case *array.Int32:
		return float64(c.Value(i))
	case *array.Int64:
		return float64(c.Value(i))
	case *array.Uint8:
		return float64(c.Value(i))
	case *array.Uint16:
		return float64(c.Value(i))
	case *array.Uint32:
		return float64(c.Value(i))
	case *array.Uint64:
		return float64(c.Value(i))
	case *array.Float32:
		return float64(c.Value(i))
	case *array.Float64:
		return c.Value(i)
	case *array.Decimal128:
		dt := c.DataType().(*arrow.Decimal128Type)
		return decimal128.Num(c.Value(i)).ToFloat64(dt.Scale)
	case *array.Date32:
		return c.Value(i).ToTime().In(time.UTC)
	case *array.Timestamp:
		dt := c.DataType().(*arrow.TimestampType)
		return c.Value(i).ToTime(dt.Unit)
	}
	return a.ValueStr(i)
}

func (r row) str(name string) string {
	switch v := r.value(name, true).(type) {
	case string:
		return v
	case float64:
		return fmt.Sprint(v)
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

func (r row) optStr(name string) string {
	if r.t.col(name, false) == nil {
		return ""
	}
	return r.str(name)
}

func (r row) optF(name string) opt {
	switch v := r.value(name, false).(type) {
	case float64:
		return some(v)
	case bool:
		if v {
			return some(1)
		}
		return some(0)
	}
	return opt{}
}

func (r row) f64(name string) float64 {
	r.t.col(name, true)
	return r.optF(name).V
}

func (r row) int(name string) int {
	v := r.f64(name)
	if v < 0 {
		return int(v - 0.5)
	}
	return int(v + 0.5)
}

func (r row) optBool(name string) (bool, bool) {
	switch v := r.value(name, false).(type) {
	case bool:
		return v, true
	case float64:
		return v != 0, true
	case string:
		s := strings.ToLower(v)
		return s == "true" || s == "ya" || s == "1", true
	}
	return false, false
}

// expected reads completeness.expected; a table without the column (an
// older export) counts every row as expected, as before.
func (r row) expected() bool {
	v, ok := r.optBool("expected")
	return v || !ok
}

func (r row) bool(name string) bool {
	v, _ := r.optBool(name)
	return v
}

func (r row) time(name string) time.Time {
	if v, ok := r.value(name, false).(time.Time); ok {
		return v
	}
	return time.Time{}
}

// period reads a period column stored as "YYYY-MM" text or as a date.
func (r row) period(name string) domain.Period {
	switch v := r.value(name, true).(type) {
	case string:
		if len(v) >= 7 {
			if p, err := domain.ParsePeriod(v[:7]); err == nil {
				return p
			}
		}
		if r.t.err == nil {
			r.t.err = fmt.Errorf("table %s: column %s: bad period %q", r.t.name, name, v)
		}
	case time.Time:
		return domain.Period{Year: v.Year(), Month: v.Month()}
	}
	return domain.Period{}
}
