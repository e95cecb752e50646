-- Stage: attended JP per NIP in one pass over the attendance by month
-- (att_jp: the rows of att summed per upload period, NIP and month of
-- tanggal_selesai; every bound here is a month's first or last day):
-- c0..c11 = jp_ytd as of the end of each month of W12 (c11 = P; each from
-- 1 January of that month's year, so YTD resets each January), the YTD(P)
-- splits by form and mode (Campuran kept apart), and whether the person
-- attended a Pelayanan Publik training ending in W12 (impact).
SELECT k.nip_key,
       SUM(CASE WHEN k.month >= w.ytd0 AND k.month <= w.end0 THEN k.jp ELSE 0 END) AS c0,
       SUM(CASE WHEN k.month >= w.ytd1 AND k.month <= w.end1 THEN k.jp ELSE 0 END) AS c1,
       SUM(CASE WHEN k.month >= w.ytd2 AND k.month <= w.end2 THEN k.jp ELSE 0 END) AS c2,
       SUM(CASE WHEN k.month >= w.ytd3 AND k.month <= w.end3 THEN k.jp ELSE 0 END) AS c3,
       SUM(CASE WHEN k.month >= w.ytd4 AND k.month <= w.end4 THEN k.jp ELSE 0 END) AS c4,
       SUM(CASE WHEN k.month >= w.ytd5 AND k.month <= w.end5 THEN k.jp ELSE 0 END) AS c5,
       SUM(CASE WHEN k.month >= w.ytd6 AND k.month <= w.end6 THEN k.jp ELSE 0 END) AS c6,
       SUM(CASE WHEN k.month >= w.ytd7 AND k.month <= w.end7 THEN k.jp ELSE 0 END) AS c7,
       SUM(CASE WHEN k.month >= w.ytd8 AND k.month <= w.end8 THEN k.jp ELSE 0 END) AS c8,
       SUM(CASE WHEN k.month >= w.ytd9 AND k.month <= w.end9 THEN k.jp ELSE 0 END) AS c9,
       SUM(CASE WHEN k.month >= w.ytd10 AND k.month <= w.end10 THEN k.jp ELSE 0 END) AS c10,
       SUM(CASE WHEN k.month >= w.ytd11 AND k.month <= w.end11 THEN k.jp ELSE 0 END) AS c11,
       SUM(CASE WHEN k.month >= w.ytd11 THEN k.jp_klasikal ELSE 0 END) AS jp_klasikal,
       SUM(CASE WHEN k.month >= w.ytd11 THEN k.jp_nonklasikal ELSE 0 END) AS jp_nonklasikal,
       SUM(CASE WHEN k.month >= w.ytd11 THEN k.jp_luring ELSE 0 END) AS jp_luring,
       SUM(CASE WHEN k.month >= w.ytd11 THEN k.jp_daring ELSE 0 END) AS jp_daring,
       SUM(CASE WHEN k.month >= w.ytd11 THEN k.jp_campuran ELSE 0 END) AS jp_campuran,
       MAX(CASE WHEN k.month >= w.start0 AND k.pelayanan_publik = 1 THEN 1 ELSE 0 END) AS pelayanan_publik_w12
FROM att_jp k
CROSS JOIN months_wide w
WHERE k.month >= w.ytd0 AND k.month <= w.end11
GROUP BY k.nip_key
