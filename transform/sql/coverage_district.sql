-- coverage_district: training reach per district (the person's roster
-- district) for P. Shares are fractions of headcount (NULL when 0 staff);
-- daring_jp_share = daring JP / all JP (Campuran counts in neither).
WITH d AS (
  SELECT district_code, district_name, remote FROM kabupaten
  UNION ALL
  SELECT DISTINCT p.district_code, CAST(NULL AS VARCHAR), CAST(NULL AS BOOLEAN)
  FROM person_jp p
  WHERE NOT EXISTS (SELECT 1 FROM kabupaten k WHERE k.district_code = p.district_code)
),
g AS (
  SELECT district_code,
         COUNT(*) AS headcount,
         SUM(CASE WHEN jp_ytd > 0 THEN 1 ELSE 0 END) AS trained,
         SUM(CASE WHEN target_met THEN 1 ELSE 0 END) AS target_met,
         SUM(CASE WHEN on_track THEN 1 ELSE 0 END) AS on_track,
         SUM(jp_ytd) AS jp_total, SUM(jp_klasikal) AS jp_klasikal, SUM(jp_nonklasikal) AS jp_nonklasikal,
         SUM(jp_luring) AS jp_luring, SUM(jp_daring) AS jp_daring, SUM(jp_campuran) AS jp_campuran
  FROM person_jp
  GROUP BY district_code
)
SELECT d.district_code, d.district_name, d.remote,
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
FROM d
LEFT JOIN g ON g.district_code = d.district_code
ORDER BY d.district_code
