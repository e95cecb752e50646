-- coverage_district: training reach per district (the person's roster
-- district) for P; the figures come from the coverage_groups stage.
SELECT g.key AS district_code, k.district_name, k.remote,
       g.headcount, g.trained, g.coverage, g.target_met, g.target_met_share, g.on_track, g.on_track_share,
       g.jp_per_asn, g.jp_klasikal, g.jp_nonklasikal, g.jp_luring, g.jp_daring, g.daring_jp_share,
       g.jp_campuran, g.jp_total
FROM coverage_groups g
LEFT JOIN kabupaten k ON k.district_code = g.key
WHERE g.scope = 'kabupaten'
ORDER BY g.key
