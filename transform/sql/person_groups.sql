-- Stage: person_jp counted and summed per group of persons the coverage,
-- attention and impact tables count — district, agency and unit of the
-- span including P (a NULL code is its own group, as in GROUP BY), with
-- the district's remote flag: some thousands of rows where person_jp has
-- one per person. Counts are BIGINT; the JP are summed per group first,
-- then per table (exact for whole and half JP; params.jp_tolerance absorbs
-- a last bit otherwise, as between runs of DuckDB's parallel SUM). The
-- person pass (person.go) computes it in Go.
SELECT district_code, agency_code, unit_layanan, remote,
       COUNT(*) AS n,
       CAST(count_if(jp_ytd > 0) AS BIGINT) AS trained,
       CAST(count_if(target_met) AS BIGINT) AS target_met,
       CAST(count_if(on_track) AS BIGINT) AS on_track,
       CAST(count_if(pelayanan_publik_w12) AS BIGINT) AS pelayanan_publik_w12,
       SUM(jp_ytd) AS jp_ytd, SUM(jp_klasikal) AS jp_klasikal, SUM(jp_nonklasikal) AS jp_nonklasikal,
       SUM(jp_luring) AS jp_luring, SUM(jp_daring) AS jp_daring, SUM(jp_campuran) AS jp_campuran
FROM person_jp
GROUP BY district_code, agency_code, unit_layanan, remote
