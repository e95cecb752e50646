-- Stage (view): survey responses of W12 and of the month before it (by
-- tanggal; that month, idx -1, only gives ikm_trend's first delta_prev),
-- from uploads of periods up to P, with their month. u1..u9 are the lake
-- columns by name: the U8/U9 swap of some forms is resolved at ingest. The
-- month is found by an equality on its index (year * 12 + month - 1;
-- ikm_months.idx 11 = P), not a date-range join, which on millions of
-- responses is several times slower.
SELECT m.period AS month_period, m.idx, s.unit_code, s.jenis_layanan,
       s.u1, s.u2, s.u3, s.u4, s.u5, s.u6, s.u7, s.u8, s.u9
FROM survei s
CROSS JOIN params prm
JOIN ikm_months m
  ON m.idx = EXTRACT(YEAR FROM s.tanggal) * 12 + EXTRACT(MONTH FROM s.tanggal) - 1 - prm.period_index + 11
WHERE s.period <= prm.period
