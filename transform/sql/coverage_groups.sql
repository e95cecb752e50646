-- Stage: the training-reach figures of every group the coverage tables
-- report, computed in one place — per district (scope 'kabupaten', every
-- district of the reference data plus any roster district not in it), per
-- agency ('instansi', every agency of the reference data plus any roster
-- agency), and the province ('provinsi': 'semua', 'terpencil', 'lainnya').
-- Shares are fractions of headcount (NULL when 0 staff); daring_jp_share =
-- daring JP / all JP (Campuran counts in neither). It reads person_jp's
-- groups (person_groups), not its persons.
WITH p AS (
  SELECT district_code, agency_code, CASE WHEN remote THEN 'terpencil' ELSE 'lainnya' END AS remote_group,
         n, trained, target_met, on_track, jp_ytd, jp_klasikal, jp_nonklasikal, jp_luring, jp_daring, jp_campuran
  FROM person_groups
),
g AS (
  -- One pass with grouping sets: () is the whole province.
  SELECT CASE WHEN GROUPING(district_code) = 0 THEN 'kabupaten'
              WHEN GROUPING(agency_code) = 0 THEN 'instansi'
              ELSE 'provinsi' END AS scope,
         CASE WHEN GROUPING(district_code) = 0 THEN district_code
              WHEN GROUPING(agency_code) = 0 THEN agency_code
              WHEN GROUPING(remote_group) = 0 THEN remote_group
              ELSE 'semua' END AS key,
         CAST(SUM(n) AS BIGINT) AS headcount,
         SUM(trained) AS trained,
         SUM(target_met) AS target_met,
         SUM(on_track) AS on_track,
         SUM(jp_ytd) AS jp_total, SUM(jp_klasikal) AS jp_klasikal, SUM(jp_nonklasikal) AS jp_nonklasikal,
         SUM(jp_luring) AS jp_luring, SUM(jp_daring) AS jp_daring, SUM(jp_campuran) AS jp_campuran
  FROM p
  GROUP BY GROUPING SETS ((district_code), (agency_code), (remote_group), ())
),
keys AS (
  SELECT 'kabupaten' AS scope, district_code AS key FROM kabupaten
  UNION SELECT 'instansi', agency_code FROM instansi
  UNION SELECT 'provinsi', 'semua'
  UNION SELECT 'provinsi', 'terpencil'
  UNION SELECT 'provinsi', 'lainnya'
  UNION SELECT scope, key FROM g
)
SELECT k.scope, k.key,
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
FROM keys k
LEFT JOIN g ON g.scope = k.scope AND g.key = k.key
