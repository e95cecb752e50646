-- Stage: each month span of seg with the person's attended JP (att_person):
-- c0..c11 = jp_ytd as of the end of each month of W12 (0 when none), the
-- YTD(P) splits and the Pelayanan Publik flag. One join feeds both the
-- figures for P (person_jp) and the trend (coverage_trend). Kept narrow: no
-- names.
SELECT s.nip_key, s.agency_code, s.unit_layanan, s.district_code, coalesce(kb.remote, false) AS remote,
       s.from_idx, s.to_idx,
       coalesce(a.c0, 0) AS c0, coalesce(a.c1, 0) AS c1, coalesce(a.c2, 0) AS c2, coalesce(a.c3, 0) AS c3,
       coalesce(a.c4, 0) AS c4, coalesce(a.c5, 0) AS c5, coalesce(a.c6, 0) AS c6, coalesce(a.c7, 0) AS c7,
       coalesce(a.c8, 0) AS c8, coalesce(a.c9, 0) AS c9, coalesce(a.c10, 0) AS c10, coalesce(a.c11, 0) AS c11,
       coalesce(a.jp_klasikal, 0) AS jp_klasikal,
       coalesce(a.jp_nonklasikal, 0) AS jp_nonklasikal,
       coalesce(a.jp_luring, 0) AS jp_luring,
       coalesce(a.jp_daring, 0) AS jp_daring,
       coalesce(a.jp_campuran, 0) AS jp_campuran,
       coalesce(a.pelayanan_publik_w12, 0) = 1 AS pelayanan_publik_w12
FROM seg s
LEFT JOIN att_person a ON a.nip_key = s.nip_key
LEFT JOIN kabupaten kb ON kb.district_code = s.district_code
