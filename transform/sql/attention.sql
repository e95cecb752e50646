-- attention: districts with staff ranked by on_track_share ascending (ties
-- by code); flagged when below the threshold or more than gap_points below
-- the province ('semua'); worst_agency_code = the agency in the district
-- with the most not-on-track staff (ties: lowest code). Differences are
-- rounded to 9 decimals so 0.60 - 0.50 counts as exactly 10 points.
WITH prov AS (
  SELECT on_track_share FROM coverage_province WHERE remote_group = 'semua'
),
worst AS (
  SELECT district_code, agency_code
  FROM (
    SELECT district_code, agency_code,
           row_number() OVER (PARTITION BY district_code ORDER BY SUM(n - on_track) DESC, agency_code) AS rn
    FROM person_groups
    GROUP BY district_code, agency_code
    HAVING SUM(n - on_track) > 0 -- the groups with a person not on track
  ) t
  WHERE rn = 1
)
SELECT row_number() OVER (ORDER BY c.on_track_share, c.district_code) AS rank,
       c.district_code, c.district_name, c.remote, c.on_track_share,
       prov.on_track_share AS province_on_track_share,
       (round(prm.on_track_threshold - c.on_track_share, 9) > 0
        OR round(prov.on_track_share - c.on_track_share, 9) > prm.gap_points) AS flagged,
       w.agency_code AS worst_agency_code,
       c.daring_jp_share
FROM coverage_district c
CROSS JOIN prov
CROSS JOIN params prm
LEFT JOIN worst w ON w.district_code = c.district_code
WHERE c.headcount > 0
ORDER BY rank
