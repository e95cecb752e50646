package transform

import (
	"context"
	"strings"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
)

// setParams creates the one-row table params and the helper tables months
// (W12, idx 0 oldest … 11 = P), ikm_months (the survey months: W12 and the
// month before it, idx -1, which only ikm_trend's first delta_prev reads),
// windows (IKM pooling windows) and predikat
// (the SKP predikat in order, weak = domain.NeedsFollowUp). Values are bound
// as SQL parameters, never formatted into SQL text.
func (d *DB) setParams(ctx context.Context, p Params) error {
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	P := p.Period
	deadline := time.Date(P.Year, P.Month+1, p.DeadlineDay, 23, 59, 59, 0, domain.WIT)
	err := d.exec(ctx, `CREATE OR REPLACE TABLE params AS SELECT
 CAST(? AS VARCHAR) AS period, CAST(? AS INTEGER) AS period_index,
 CAST(? AS DATE) AS period_start, CAST(? AS DATE) AS period_end,
 CAST(? AS DATE) AS ytd_start, CAST(? AS DATE) AS w12_start, CAST(? AS VARCHAR) AS w12_first,
 CAST(? AS INTEGER) AS month_of_year, CAST(? AS DOUBLE) AS target_jp, CAST(? AS DOUBLE) AS on_track_jp,
 CAST(? AS DOUBLE) AS on_track_threshold, CAST(? AS DOUBLE) AS gap_points,
 CAST(? AS INTEGER) AS followup_days, CAST(? AS TIMESTAMP) AS deadline, CAST(? AS INTEGER) AS stale_months,
 CAST(? AS DOUBLE) AS ikm_a, CAST(? AS DOUBLE) AS ikm_b, CAST(? AS DOUBLE) AS ikm_c,
 CAST(? AS DOUBLE) AS jp_tolerance`,
		P.String(), P.Index(), day(P.FirstDay()), day(P.LastDay()), day(P.YearStart().FirstDay()),
		day(P.Add(-11).FirstDay()), P.Add(-11).String(), int(P.Month), p.TargetJP,
		p.TargetJP*float64(P.Month)/12, p.OnTrackThreshold, p.GapPoints, p.FollowupDays,
		deadline.UTC(), p.StaleMonths, domain.IKMThresholdA, domain.IKMThresholdB, domain.IKMThresholdC, jpTolerance)
	if err != nil {
		return err
	}
	if err := d.exec(ctx, `CREATE OR REPLACE TABLE months (period VARCHAR, idx INTEGER, start_date DATE,
 end_date DATE, ytd_start DATE, month_of_year INTEGER, on_track_jp DOUBLE)`); err != nil {
		return err
	}
	if err := d.exec(ctx, `CREATE OR REPLACE TABLE windows (win VARCHAR, idx INTEGER)`); err != nil {
		return err
	}
	for i, m := range P.Window(12) {
		err := d.exec(ctx, `INSERT INTO months VALUES (?, ?, CAST(? AS DATE), CAST(? AS DATE), CAST(? AS DATE), ?, ?)`,
			m.String(), i, day(m.FirstDay()), day(m.LastDay()), day(m.YearStart().FirstDay()), int(m.Month),
			p.TargetJP*float64(m.Month)/12)
		if err != nil {
			return err
		}
		wins := []string{"m" + itoa(i)}
		switch {
		case i < 3:
			wins = append(wins, "first3")
		case i >= 9:
			wins = append(wins, "last3", "3m")
		}
		for _, w := range wins {
			if err := d.exec(ctx, `INSERT INTO windows VALUES (?, ?)`, w, i); err != nil {
				return err
			}
		}
	}
	// The month before W12 (P-12): its own pooling window m-1, so that
	// ikm_trend's delta_prev of W12's first month has a previous month.
	if err := d.exec(ctx, `INSERT INTO windows VALUES ('m-1', -1)`); err != nil {
		return err
	}
	if err := d.exec(ctx, `CREATE OR REPLACE TABLE ikm_months (period VARCHAR, idx INTEGER)`); err != nil {
		return err
	}
	for i, m := range P.Window(13) {
		if err := d.exec(ctx, `INSERT INTO ikm_months VALUES (?, ?)`, m.String(), i-1); err != nil {
			return err
		}
	}
	// months_wide: the same months as one row (ytdI, startI, endI, ontrackI
	// for idx I), so per-person figures for all 12 months come from one pass.
	cols := []string{"(SELECT target_jp FROM params) AS target_jp", "(SELECT jp_tolerance FROM params) AS jp_tolerance"}
	for i := 0; i < 12; i++ {
		n := itoa(i)
		cols = append(cols, "MAX(CASE WHEN idx = "+n+" THEN ytd_start END) AS ytd"+n,
			"MAX(CASE WHEN idx = "+n+" THEN start_date END) AS start"+n,
			"MAX(CASE WHEN idx = "+n+" THEN end_date END) AS end"+n,
			"MAX(CASE WHEN idx = "+n+" THEN on_track_jp END) AS ontrack"+n)
	}
	if err := d.exec(ctx, "CREATE OR REPLACE TABLE months_wide AS SELECT "+strings.Join(cols, ", ")+" FROM months"); err != nil {
		return err
	}
	if err := d.exec(ctx, `CREATE OR REPLACE TABLE predikat (predikat VARCHAR, ord INTEGER, weak BOOLEAN)`); err != nil {
		return err
	}
	for i, pr := range domain.Predikats {
		if err := d.exec(ctx, `INSERT INTO predikat VALUES (?, ?, ?)`, pr, i, domain.NeedsFollowUp(pr)); err != nil {
			return err
		}
	}
	return nil
}

// jpTolerance (params.jp_tolerance) is added to a person's JP sum before it
// is compared with a threshold: a sum of binary floats can land a hair
// below the exact decimal total (50 × 0,4 JP sums to 19.999999999999993),
// and that noise must not decide whether the 20 JP target is met. JP carry
// at most a few decimals, so 1e-9 JP never changes a real answer.
const jpTolerance = 1e-9

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return string(rune('0'+i/10)) + string(rune('0'+i%10))
}
