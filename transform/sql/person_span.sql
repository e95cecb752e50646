-- Stage: each month span of seg with the person's attended JP (att_person):
-- c0..c11 = jp_ytd as of the end of each month of W12 (0 when none), the
-- YTD(P) splits and the Pelayanan Publik flag. One join feeds both the
-- figures for P (person_jp) and the trend (coverage_trend). Kept narrow: no
-- names. JP sums are rounded to 6 decimals: JP carry at most a few, and the
-- float noise of summing in another order (19.999999999999996) must not
-- decide the 20 JP target.
SELECT s.nip_key, s.agency_code, s.unit_layanan, s.district_code, coalesce(kb.remote, false) AS remote,
       s.from_idx, s.to_idx,
       round(coalesce(a.c0, 0), 6) AS c0, round(coalesce(a.c1, 0), 6) AS c1, round(coalesce(a.c2, 0), 6) AS c2, round(coalesce(a.c3, 0), 6) AS c3,
       round(coalesce(a.c4, 0), 6) AS c4, round(coalesce(a.c5, 0), 6) AS c5, round(coalesce(a.c6, 0), 6) AS c6, round(coalesce(a.c7, 0), 6) AS c7,
       round(coalesce(a.c8, 0), 6) AS c8, round(coalesce(a.c9, 0), 6) AS c9, round(coalesce(a.c10, 0), 6) AS c10, round(coalesce(a.c11, 0), 6) AS c11,
       round(coalesce(a.jp_klasikal, 0), 6) AS jp_klasikal,
       round(coalesce(a.jp_nonklasikal, 0), 6) AS jp_nonklasikal,
       round(coalesce(a.jp_luring, 0), 6) AS jp_luring,
       round(coalesce(a.jp_daring, 0), 6) AS jp_daring,
       round(coalesce(a.jp_campuran, 0), 6) AS jp_campuran,
       coalesce(a.pelayanan_publik_w12, 0) = 1 AS pelayanan_publik_w12
FROM seg s
LEFT JOIN att_person a ON a.nip_key = s.nip_key
LEFT JOIN kabupaten kb ON kb.district_code = s.district_code
