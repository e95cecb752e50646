-- coverage_trend: the coverage figures as of the end of each month of W12
-- for the province, each district and each agency within each district.
-- For month M the roster is as of M (seg: each agency's latest roster with
-- period <= M, the roster rule applied month by month) and jp_ytd runs
-- from 1 January of M's year to end(M), so YTD resets each January
-- (person_span's c0 to c11), compared with the thresholds as person_jp
-- does (with jp_tolerance). The 'kabupaten_instansi' rows are the person's
-- roster district and agency, only pairs with staff that month: the
-- finest grain, whose counts and jp_total sum to the district's and, over
-- districts, to the agency's (coverage_agency in the period). It reads the
-- month spans grouped by district, agency and span (coverage_spans, few
-- groups) and matches them to the months they include.
WITH g AS ( -- per district, agency and month M: the spans that include M
  SELECT district_code, agency_code,
         SUM(CASE WHEN from_idx <= 0 AND to_idx >= 0 THEN n ELSE 0 END) AS hc0,
         SUM(CASE WHEN from_idx <= 0 AND to_idx >= 0 THEN tr0 ELSE 0 END) AS tr0,
         SUM(CASE WHEN from_idx <= 0 AND to_idx >= 0 THEN tm0 ELSE 0 END) AS tm0,
         SUM(CASE WHEN from_idx <= 0 AND to_idx >= 0 THEN ot0 ELSE 0 END) AS ot0,
         SUM(CASE WHEN from_idx <= 0 AND to_idx >= 0 THEN jp0 ELSE 0 END) AS jp0,
         SUM(CASE WHEN from_idx <= 1 AND to_idx >= 1 THEN n ELSE 0 END) AS hc1,
         SUM(CASE WHEN from_idx <= 1 AND to_idx >= 1 THEN tr1 ELSE 0 END) AS tr1,
         SUM(CASE WHEN from_idx <= 1 AND to_idx >= 1 THEN tm1 ELSE 0 END) AS tm1,
         SUM(CASE WHEN from_idx <= 1 AND to_idx >= 1 THEN ot1 ELSE 0 END) AS ot1,
         SUM(CASE WHEN from_idx <= 1 AND to_idx >= 1 THEN jp1 ELSE 0 END) AS jp1,
         SUM(CASE WHEN from_idx <= 2 AND to_idx >= 2 THEN n ELSE 0 END) AS hc2,
         SUM(CASE WHEN from_idx <= 2 AND to_idx >= 2 THEN tr2 ELSE 0 END) AS tr2,
         SUM(CASE WHEN from_idx <= 2 AND to_idx >= 2 THEN tm2 ELSE 0 END) AS tm2,
         SUM(CASE WHEN from_idx <= 2 AND to_idx >= 2 THEN ot2 ELSE 0 END) AS ot2,
         SUM(CASE WHEN from_idx <= 2 AND to_idx >= 2 THEN jp2 ELSE 0 END) AS jp2,
         SUM(CASE WHEN from_idx <= 3 AND to_idx >= 3 THEN n ELSE 0 END) AS hc3,
         SUM(CASE WHEN from_idx <= 3 AND to_idx >= 3 THEN tr3 ELSE 0 END) AS tr3,
         SUM(CASE WHEN from_idx <= 3 AND to_idx >= 3 THEN tm3 ELSE 0 END) AS tm3,
         SUM(CASE WHEN from_idx <= 3 AND to_idx >= 3 THEN ot3 ELSE 0 END) AS ot3,
         SUM(CASE WHEN from_idx <= 3 AND to_idx >= 3 THEN jp3 ELSE 0 END) AS jp3,
         SUM(CASE WHEN from_idx <= 4 AND to_idx >= 4 THEN n ELSE 0 END) AS hc4,
         SUM(CASE WHEN from_idx <= 4 AND to_idx >= 4 THEN tr4 ELSE 0 END) AS tr4,
         SUM(CASE WHEN from_idx <= 4 AND to_idx >= 4 THEN tm4 ELSE 0 END) AS tm4,
         SUM(CASE WHEN from_idx <= 4 AND to_idx >= 4 THEN ot4 ELSE 0 END) AS ot4,
         SUM(CASE WHEN from_idx <= 4 AND to_idx >= 4 THEN jp4 ELSE 0 END) AS jp4,
         SUM(CASE WHEN from_idx <= 5 AND to_idx >= 5 THEN n ELSE 0 END) AS hc5,
         SUM(CASE WHEN from_idx <= 5 AND to_idx >= 5 THEN tr5 ELSE 0 END) AS tr5,
         SUM(CASE WHEN from_idx <= 5 AND to_idx >= 5 THEN tm5 ELSE 0 END) AS tm5,
         SUM(CASE WHEN from_idx <= 5 AND to_idx >= 5 THEN ot5 ELSE 0 END) AS ot5,
         SUM(CASE WHEN from_idx <= 5 AND to_idx >= 5 THEN jp5 ELSE 0 END) AS jp5,
         SUM(CASE WHEN from_idx <= 6 AND to_idx >= 6 THEN n ELSE 0 END) AS hc6,
         SUM(CASE WHEN from_idx <= 6 AND to_idx >= 6 THEN tr6 ELSE 0 END) AS tr6,
         SUM(CASE WHEN from_idx <= 6 AND to_idx >= 6 THEN tm6 ELSE 0 END) AS tm6,
         SUM(CASE WHEN from_idx <= 6 AND to_idx >= 6 THEN ot6 ELSE 0 END) AS ot6,
         SUM(CASE WHEN from_idx <= 6 AND to_idx >= 6 THEN jp6 ELSE 0 END) AS jp6,
         SUM(CASE WHEN from_idx <= 7 AND to_idx >= 7 THEN n ELSE 0 END) AS hc7,
         SUM(CASE WHEN from_idx <= 7 AND to_idx >= 7 THEN tr7 ELSE 0 END) AS tr7,
         SUM(CASE WHEN from_idx <= 7 AND to_idx >= 7 THEN tm7 ELSE 0 END) AS tm7,
         SUM(CASE WHEN from_idx <= 7 AND to_idx >= 7 THEN ot7 ELSE 0 END) AS ot7,
         SUM(CASE WHEN from_idx <= 7 AND to_idx >= 7 THEN jp7 ELSE 0 END) AS jp7,
         SUM(CASE WHEN from_idx <= 8 AND to_idx >= 8 THEN n ELSE 0 END) AS hc8,
         SUM(CASE WHEN from_idx <= 8 AND to_idx >= 8 THEN tr8 ELSE 0 END) AS tr8,
         SUM(CASE WHEN from_idx <= 8 AND to_idx >= 8 THEN tm8 ELSE 0 END) AS tm8,
         SUM(CASE WHEN from_idx <= 8 AND to_idx >= 8 THEN ot8 ELSE 0 END) AS ot8,
         SUM(CASE WHEN from_idx <= 8 AND to_idx >= 8 THEN jp8 ELSE 0 END) AS jp8,
         SUM(CASE WHEN from_idx <= 9 AND to_idx >= 9 THEN n ELSE 0 END) AS hc9,
         SUM(CASE WHEN from_idx <= 9 AND to_idx >= 9 THEN tr9 ELSE 0 END) AS tr9,
         SUM(CASE WHEN from_idx <= 9 AND to_idx >= 9 THEN tm9 ELSE 0 END) AS tm9,
         SUM(CASE WHEN from_idx <= 9 AND to_idx >= 9 THEN ot9 ELSE 0 END) AS ot9,
         SUM(CASE WHEN from_idx <= 9 AND to_idx >= 9 THEN jp9 ELSE 0 END) AS jp9,
         SUM(CASE WHEN from_idx <= 10 AND to_idx >= 10 THEN n ELSE 0 END) AS hc10,
         SUM(CASE WHEN from_idx <= 10 AND to_idx >= 10 THEN tr10 ELSE 0 END) AS tr10,
         SUM(CASE WHEN from_idx <= 10 AND to_idx >= 10 THEN tm10 ELSE 0 END) AS tm10,
         SUM(CASE WHEN from_idx <= 10 AND to_idx >= 10 THEN ot10 ELSE 0 END) AS ot10,
         SUM(CASE WHEN from_idx <= 10 AND to_idx >= 10 THEN jp10 ELSE 0 END) AS jp10,
         SUM(CASE WHEN from_idx <= 11 AND to_idx >= 11 THEN n ELSE 0 END) AS hc11,
         SUM(CASE WHEN from_idx <= 11 AND to_idx >= 11 THEN tr11 ELSE 0 END) AS tr11,
         SUM(CASE WHEN from_idx <= 11 AND to_idx >= 11 THEN tm11 ELSE 0 END) AS tm11,
         SUM(CASE WHEN from_idx <= 11 AND to_idx >= 11 THEN ot11 ELSE 0 END) AS ot11,
         SUM(CASE WHEN from_idx <= 11 AND to_idx >= 11 THEN jp11 ELSE 0 END) AS jp11
  FROM coverage_spans
  GROUP BY district_code, agency_code
),
long AS (
  SELECT district_code, agency_code, 0 AS idx, hc0 AS headcount, tr0 AS trained, tm0 AS target_met, ot0 AS on_track, jp0 AS jp_total FROM g
  UNION ALL
  SELECT district_code, agency_code, 1 AS idx, hc1 AS headcount, tr1 AS trained, tm1 AS target_met, ot1 AS on_track, jp1 AS jp_total FROM g
  UNION ALL
  SELECT district_code, agency_code, 2 AS idx, hc2 AS headcount, tr2 AS trained, tm2 AS target_met, ot2 AS on_track, jp2 AS jp_total FROM g
  UNION ALL
  SELECT district_code, agency_code, 3 AS idx, hc3 AS headcount, tr3 AS trained, tm3 AS target_met, ot3 AS on_track, jp3 AS jp_total FROM g
  UNION ALL
  SELECT district_code, agency_code, 4 AS idx, hc4 AS headcount, tr4 AS trained, tm4 AS target_met, ot4 AS on_track, jp4 AS jp_total FROM g
  UNION ALL
  SELECT district_code, agency_code, 5 AS idx, hc5 AS headcount, tr5 AS trained, tm5 AS target_met, ot5 AS on_track, jp5 AS jp_total FROM g
  UNION ALL
  SELECT district_code, agency_code, 6 AS idx, hc6 AS headcount, tr6 AS trained, tm6 AS target_met, ot6 AS on_track, jp6 AS jp_total FROM g
  UNION ALL
  SELECT district_code, agency_code, 7 AS idx, hc7 AS headcount, tr7 AS trained, tm7 AS target_met, ot7 AS on_track, jp7 AS jp_total FROM g
  UNION ALL
  SELECT district_code, agency_code, 8 AS idx, hc8 AS headcount, tr8 AS trained, tm8 AS target_met, ot8 AS on_track, jp8 AS jp_total FROM g
  UNION ALL
  SELECT district_code, agency_code, 9 AS idx, hc9 AS headcount, tr9 AS trained, tm9 AS target_met, ot9 AS on_track, jp9 AS jp_total FROM g
  UNION ALL
  SELECT district_code, agency_code, 10 AS idx, hc10 AS headcount, tr10 AS trained, tm10 AS target_met, ot10 AS on_track, jp10 AS jp_total FROM g
  UNION ALL
  SELECT district_code, agency_code, 11 AS idx, hc11 AS headcount, tr11 AS trained, tm11 AS target_met, ot11 AS on_track, jp11 AS jp_total FROM g
),
lv AS (
  SELECT m.period AS month_period, 'provinsi' AS level, '' AS district_code, '' AS agency_code,
         SUM(l.headcount) AS headcount, SUM(l.trained) AS trained, SUM(l.target_met) AS target_met,
         SUM(l.on_track) AS on_track, SUM(l.jp_total) AS jp_total
  FROM long l JOIN months m ON m.idx = l.idx
  GROUP BY m.period
  UNION ALL
  SELECT m.period, 'kabupaten', l.district_code, '',
         SUM(l.headcount), SUM(l.trained), SUM(l.target_met), SUM(l.on_track), SUM(l.jp_total)
  FROM long l JOIN months m ON m.idx = l.idx
  GROUP BY m.period, l.district_code
  HAVING SUM(l.headcount) > 0
  UNION ALL
  SELECT m.period, 'kabupaten_instansi', l.district_code, l.agency_code, l.headcount, l.trained, l.target_met,
         l.on_track, l.jp_total
  FROM long l JOIN months m ON m.idx = l.idx
  WHERE l.headcount > 0
),
keys AS (
  SELECT m.period AS month_period, 'provinsi' AS level, '' AS district_code, '' AS agency_code, 0 AS ord FROM months m
  UNION ALL
  SELECT m.period, 'kabupaten', k.district_code, '', 1 FROM months m CROSS JOIN kabupaten k
  UNION
  SELECT month_period, level, district_code, agency_code, CASE level WHEN 'kabupaten' THEN 1 ELSE 2 END
  FROM lv WHERE level <> 'provinsi'
)
SELECT keys.month_period AS period, keys.level, keys.district_code, keys.agency_code,
       CAST(coalesce(lv.headcount, 0) AS BIGINT) AS headcount,
       CAST(coalesce(lv.trained, 0) AS BIGINT) AS trained,
       CAST(lv.trained AS DOUBLE) / NULLIF(lv.headcount, 0) AS coverage,
       CAST(coalesce(lv.target_met, 0) AS BIGINT) AS target_met,
       CAST(lv.target_met AS DOUBLE) / NULLIF(lv.headcount, 0) AS target_met_share,
       CAST(coalesce(lv.on_track, 0) AS BIGINT) AS on_track,
       CAST(lv.on_track AS DOUBLE) / NULLIF(lv.headcount, 0) AS on_track_share,
       lv.jp_total / NULLIF(lv.headcount, 0) AS jp_per_asn,
       CAST(coalesce(lv.jp_total, 0) AS DOUBLE) AS jp_total
FROM keys
LEFT JOIN lv ON lv.month_period = keys.month_period AND lv.level = keys.level
            AND lv.district_code = keys.district_code AND lv.agency_code = keys.agency_code
ORDER BY period, keys.ord, keys.district_code, keys.agency_code
