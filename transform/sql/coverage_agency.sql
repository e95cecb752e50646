-- coverage_agency: training reach per agency (the roster the person counts
-- in) for P; district_code is the agency's seat from reference data. The
-- figures come from the coverage_groups stage.
SELECT g.key AS agency_code, i.agency_name, i.district_code,
       g.headcount, g.trained, g.coverage, g.target_met, g.target_met_share, g.on_track, g.on_track_share,
       g.jp_per_asn, g.jp_klasikal, g.jp_nonklasikal, g.jp_luring, g.jp_daring, g.daring_jp_share,
       g.jp_campuran, g.jp_total
FROM coverage_groups g
LEFT JOIN instansi i ON i.agency_code = g.key
WHERE g.scope = 'instansi'
ORDER BY g.key
