-- Stage (view): survey responses of W12 (by tanggal), from uploads of
-- periods up to P, with their month. u1..u9 are the lake columns by name:
-- the U8/U9 swap of some forms is resolved at ingest.
SELECT m.period AS month_period, m.idx, s.unit_code, s.jenis_layanan,
       s.u1, s.u2, s.u3, s.u4, s.u5, s.u6, s.u7, s.u8, s.u9
FROM survei s
JOIN months m ON s.tanggal >= m.start_date AND s.tanggal <= m.end_date
CROSS JOIN params prm
WHERE s.period <= prm.period
