-- coverage_agency: training reach per agency (the roster the person counts
-- in) for P; district_code is the agency's seat from reference data.
WITH a AS (
  SELECT agency_code FROM instansi
  UNION
  SELECT DISTINCT agency_code FROM person_jp
),
g AS (
  SELECT agency_code,
         COUNT(*) AS headcount,
         SUM(CASE WHEN jp_ytd > 0 THEN 1 ELSE 0 END) AS trained,
         SUM(CASE WHEN target_met THEN 1 ELSE 0 END) AS target_met,
         SUM(CASE WHEN on_track THEN 1 ELSE 0 END) AS on_track,
         SUM(jp_ytd) AS jp_total, SUM(jp_klasikal) AS jp_klasikal, SUM(jp_nonklasikal) AS jp_nonklasikal,
         SUM(jp_luring) AS jp_luring, SUM(jp_daring) AS jp_daring, SUM(jp_campuran) AS jp_campuran
  FROM person_jp
  GROUP BY agency_code
)
SELECT a.agency_code, i.agency_name, i.district_code,
       coalesce(g.headcount, 0) AS headcount,
       coalesce(g.trained, 0) AS trained,
       CAST(g.trained AS DOUBLE) / g.headcount AS coverage,
       coalesce(g.target_met, 0) AS target_met,
       CAST(g.target_met AS DOUBLE) / g.headcount AS target_met_share,
       coalesce(g.on_track, 0) AS on_track,
       CAST(g.on_track AS DOUBLE) / g.headcount AS on_track_share,
       g.jp_total / g.headcount AS jp_per_asn,
       coalesce(g.jp_klasikal, 0) AS jp_klasikal,
       coalesce(g.jp_nonklasikal, 0) AS jp_nonklasikal,
       coalesce(g.jp_luring, 0) AS jp_luring,
       coalesce(g.jp_daring, 0) AS jp_daring,
       CASE WHEN g.jp_total > 0 THEN g.jp_daring / g.jp_total END AS daring_jp_share,
       coalesce(g.jp_campuran, 0) AS jp_campuran,
       coalesce(g.jp_total, 0) AS jp_total
FROM a
LEFT JOIN instansi i ON i.agency_code = a.agency_code
LEFT JOIN g ON g.agency_code = a.agency_code
ORDER BY a.agency_code
