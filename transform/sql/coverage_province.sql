-- coverage_province: the province ('semua') and its split into remote
-- districts ('terpencil', kabupaten.remote) and the others ('lainnya');
-- the figures come from the coverage_groups stage.
SELECT g.key AS remote_group,
       g.headcount, g.trained, g.coverage, g.target_met, g.target_met_share, g.on_track, g.on_track_share,
       g.jp_per_asn, g.jp_klasikal, g.jp_nonklasikal, g.jp_luring, g.jp_daring, g.daring_jp_share,
       g.jp_campuran, g.jp_total
FROM coverage_groups g
WHERE g.scope = 'provinsi'
ORDER BY CASE g.key WHEN 'semua' THEN 1 WHEN 'terpencil' THEN 2 ELSE 3 END
