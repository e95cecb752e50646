-- Stage: attended JP per NIP in one pass over the attendance:
-- c0..c11 = jp_ytd as of the end of each month of W12 (c11 = P; each from
-- 1 January of that month's year, so YTD resets each January), the YTD(P)
-- splits by form and mode (Campuran kept apart), and whether the person
-- attended a Pelayanan Publik training ending in W12 (impact).
SELECT TRY_CAST(k.nip AS BIGINT) AS nip_key,
       SUM(CASE WHEN k.tanggal_selesai >= w.ytd0 AND k.tanggal_selesai <= w.end0 THEN k.jp ELSE 0 END) AS c0,
       SUM(CASE WHEN k.tanggal_selesai >= w.ytd1 AND k.tanggal_selesai <= w.end1 THEN k.jp ELSE 0 END) AS c1,
       SUM(CASE WHEN k.tanggal_selesai >= w.ytd2 AND k.tanggal_selesai <= w.end2 THEN k.jp ELSE 0 END) AS c2,
       SUM(CASE WHEN k.tanggal_selesai >= w.ytd3 AND k.tanggal_selesai <= w.end3 THEN k.jp ELSE 0 END) AS c3,
       SUM(CASE WHEN k.tanggal_selesai >= w.ytd4 AND k.tanggal_selesai <= w.end4 THEN k.jp ELSE 0 END) AS c4,
       SUM(CASE WHEN k.tanggal_selesai >= w.ytd5 AND k.tanggal_selesai <= w.end5 THEN k.jp ELSE 0 END) AS c5,
       SUM(CASE WHEN k.tanggal_selesai >= w.ytd6 AND k.tanggal_selesai <= w.end6 THEN k.jp ELSE 0 END) AS c6,
       SUM(CASE WHEN k.tanggal_selesai >= w.ytd7 AND k.tanggal_selesai <= w.end7 THEN k.jp ELSE 0 END) AS c7,
       SUM(CASE WHEN k.tanggal_selesai >= w.ytd8 AND k.tanggal_selesai <= w.end8 THEN k.jp ELSE 0 END) AS c8,
       SUM(CASE WHEN k.tanggal_selesai >= w.ytd9 AND k.tanggal_selesai <= w.end9 THEN k.jp ELSE 0 END) AS c9,
       SUM(CASE WHEN k.tanggal_selesai >= w.ytd10 AND k.tanggal_selesai <= w.end10 THEN k.jp ELSE 0 END) AS c10,
       SUM(CASE WHEN k.tanggal_selesai >= w.ytd11 AND k.tanggal_selesai <= w.end11 THEN k.jp ELSE 0 END) AS c11,
       SUM(CASE WHEN k.tanggal_selesai >= w.ytd11 AND k.bentuk = 'klasikal' THEN k.jp ELSE 0 END) AS jp_klasikal,
       SUM(CASE WHEN k.tanggal_selesai >= w.ytd11 AND k.bentuk = 'nonklasikal' THEN k.jp ELSE 0 END) AS jp_nonklasikal,
       SUM(CASE WHEN k.tanggal_selesai >= w.ytd11 AND k.mode = 'Luring' THEN k.jp ELSE 0 END) AS jp_luring,
       SUM(CASE WHEN k.tanggal_selesai >= w.ytd11 AND k.mode = 'Daring' THEN k.jp ELSE 0 END) AS jp_daring,
       SUM(CASE WHEN k.tanggal_selesai >= w.ytd11 AND k.mode = 'Campuran' THEN k.jp ELSE 0 END) AS jp_campuran,
       MAX(CASE WHEN k.tanggal_selesai >= w.start0 AND k.kategori = 'Pelayanan Publik' THEN 1 ELSE 0 END) AS pelayanan_publik_w12
FROM att k
CROSS JOIN months_wide w
WHERE k.tanggal_selesai >= w.ytd0 AND k.tanggal_selesai <= w.end11
GROUP BY TRY_CAST(k.nip AS BIGINT)
