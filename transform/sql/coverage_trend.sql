-- coverage_trend: the coverage figures as of the end of each month M of W12,
-- with the roster as of M (roster_map) and jp_ytd from 1 January of M's year
-- to end(M): YTD resets each January.
WITH r AS (
  SELECT month_period, nip, district_code
  FROM (
    SELECT rm.month_period, p.nip, coalesce(p.district_code, '') AS district_code,
           row_number() OVER (PARTITION BY rm.month_period, p.nip
                              ORDER BY rm.roster_period DESC, rm.ingested_at DESC,
                                       rm.agency_code, p.source_row) AS rn
    FROM pegawai p
    JOIN roster_map rm ON rm.upload_id = p.upload_id
    WHERE p.status IS NULL OR trim(p.status) = '' OR p.status = 'Aktif'
  ) t
  WHERE rn = 1
),
mj AS ( -- JP per person and month M: attendance from ytd_start(M) to end(M)
  SELECT m.period AS month_period, k.nip, SUM(k.jp) AS jp
  FROM months m
  JOIN att k ON k.tanggal_selesai >= m.ytd_start AND k.tanggal_selesai <= m.end_date
  GROUP BY m.period, k.nip
),
pm AS (
  SELECT r.month_period, r.district_code, coalesce(mj.jp, 0) AS jp,
         coalesce(mj.jp, 0) >= m.on_track_jp AS on_track
  FROM r
  JOIN months m ON m.period = r.month_period
  LEFT JOIN mj ON mj.month_period = r.month_period AND mj.nip = r.nip
),
g AS (
  SELECT month_period, district_code,
         COUNT(*) AS headcount,
         SUM(CASE WHEN jp > 0 THEN 1 ELSE 0 END) AS trained,
         SUM(CASE WHEN jp >= prm.target_jp THEN 1 ELSE 0 END) AS target_met,
         SUM(CASE WHEN on_track THEN 1 ELSE 0 END) AS on_track,
         SUM(jp) AS jp_total
  FROM pm CROSS JOIN params prm
  GROUP BY month_period, district_code, prm.target_jp
),
lv AS (
  SELECT month_period, 'provinsi' AS level, '' AS district_code,
         SUM(headcount) AS headcount, SUM(trained) AS trained, SUM(target_met) AS target_met,
         SUM(on_track) AS on_track, SUM(jp_total) AS jp_total
  FROM g GROUP BY month_period
  UNION ALL
  SELECT month_period, 'kabupaten', district_code, headcount, trained, target_met, on_track, jp_total
  FROM g
),
keys AS (
  SELECT m.period AS month_period, 'provinsi' AS level, '' AS district_code, 0 AS ord FROM months m
  UNION ALL
  SELECT m.period, 'kabupaten', k.district_code, 1 FROM months m CROSS JOIN kabupaten k
  UNION
  SELECT month_period, 'kabupaten', district_code, 1 FROM g
)
SELECT keys.month_period AS period, keys.level, keys.district_code,
       CAST(coalesce(lv.headcount, 0) AS BIGINT) AS headcount,
       CAST(coalesce(lv.trained, 0) AS BIGINT) AS trained,
       CAST(lv.trained AS DOUBLE) / lv.headcount AS coverage,
       CAST(coalesce(lv.target_met, 0) AS BIGINT) AS target_met,
       CAST(lv.target_met AS DOUBLE) / lv.headcount AS target_met_share,
       CAST(coalesce(lv.on_track, 0) AS BIGINT) AS on_track,
       CAST(lv.on_track AS DOUBLE) / lv.headcount AS on_track_share,
       lv.jp_total / lv.headcount AS jp_per_asn
FROM keys
LEFT JOIN lv ON lv.month_period = keys.month_period AND lv.level = keys.level
            AND lv.district_code = keys.district_code
ORDER BY period, keys.ord, keys.district_code
