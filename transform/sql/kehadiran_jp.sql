-- kehadiran_jp: attended JP per upload period, NIP and month of tanggal_selesai (its first day) — the
-- Hadir rows with a JP of view kehadiran, summed, split by form and mode, and whether one is a
-- Pelayanan Publik training. Not a step: Compact writes it per compacted kehadiran set
-- (lake.CompactSet.JPFile, over that set's rows) and view kehadiran_jp reads those files and
-- computes it over the other uploads' rows (__rows__ is the FROM item, transform/jp.go).
SELECT period, TRY_CAST(nip AS BIGINT) AS nip_key,
       CAST(date_trunc('month', tanggal_selesai) AS DATE) AS month,
       SUM(jp) AS jp,
       SUM(CASE WHEN bentuk = 'klasikal' THEN jp ELSE 0 END) AS jp_klasikal,
       SUM(CASE WHEN bentuk = 'nonklasikal' THEN jp ELSE 0 END) AS jp_nonklasikal,
       SUM(CASE WHEN mode = 'Luring' THEN jp ELSE 0 END) AS jp_luring,
       SUM(CASE WHEN mode = 'Daring' THEN jp ELSE 0 END) AS jp_daring,
       SUM(CASE WHEN mode = 'Campuran' THEN jp ELSE 0 END) AS jp_campuran,
       MAX(CASE WHEN kategori = 'Pelayanan Publik' THEN 1 ELSE 0 END) AS pelayanan_publik
FROM __rows__
WHERE status_kehadiran = 'Hadir' AND jp IS NOT NULL
GROUP BY period, TRY_CAST(nip AS BIGINT), CAST(date_trunc('month', tanggal_selesai) AS DATE)
