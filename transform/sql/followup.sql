-- followup: cohort = persons with an evaluation ending at E in W12 whose
-- predikat needs follow-up (Butuh Perbaikan, Kurang/Misconduct, Sangat
-- Kurang); a person counts once, at their earliest such E, under the agency
-- that uploaded it (the lowest code if two agencies did). Followed up =
-- attended (Hadir) any training starting in (E, E + followup_days]. Only persons whose window is complete
-- (E + followup_days <= end(P)) count in complete, followed_up and rate;
-- the others are pending. One row per agency and a province row
-- (agency_code and level 'provinsi').
WITH weak AS (
  SELECT e.nip, e.agency, e.periode_selesai
  FROM evaluasi e
  JOIN predikat p ON p.predikat = e.predikat AND p.weak
  CROSS JOIN params prm
  WHERE e.period <= prm.period
    AND e.periode_selesai >= prm.w12_start AND e.periode_selesai <= prm.period_end
),
first AS (
  SELECT nip, MIN(periode_selesai) AS e_date FROM weak GROUP BY nip
),
cohort AS (
  SELECT f.nip, MIN(w.agency) AS agency_code, f.e_date,
         f.e_date + prm.followup_days AS window_end,
         f.e_date + prm.followup_days <= prm.period_end AS complete
  FROM first f
  JOIN weak w ON w.nip = f.nip AND w.periode_selesai = f.e_date
  CROSS JOIN params prm
  GROUP BY f.nip, f.e_date, prm.followup_days, prm.period_end
),
fu AS (
  SELECT c.nip, c.agency_code, c.complete,
         MAX(CASE WHEN a.nip IS NULL THEN 0 ELSE 1 END) AS followed
  FROM cohort c
  LEFT JOIN att a ON a.nip = c.nip AND a.tanggal_mulai > c.e_date AND a.tanggal_mulai <= c.window_end
  GROUP BY c.nip, c.agency_code, c.complete
),
lv AS (
  SELECT agency_code, 'instansi' AS level, complete, followed FROM fu
  UNION ALL
  SELECT 'provinsi', 'provinsi', complete, followed FROM fu
  UNION ALL
  SELECT 'provinsi', 'provinsi', CAST(NULL AS BOOLEAN), CAST(NULL AS INTEGER) -- the province row always exists
)
SELECT agency_code, level,
       SUM(CASE WHEN complete IS NULL THEN 0 ELSE 1 END) AS cohort,
       SUM(CASE WHEN complete THEN 1 ELSE 0 END) AS complete,
       SUM(CASE WHEN complete AND followed = 1 THEN 1 ELSE 0 END) AS followed_up,
       CAST(SUM(CASE WHEN complete AND followed = 1 THEN 1 ELSE 0 END) AS DOUBLE)
         / NULLIF(SUM(CASE WHEN complete THEN 1 ELSE 0 END), 0) AS rate,
       SUM(CASE WHEN NOT complete THEN 1 ELSE 0 END) AS pending
FROM lv
GROUP BY agency_code, level
ORDER BY CASE WHEN level = 'provinsi' THEN 1 ELSE 0 END, agency_code
