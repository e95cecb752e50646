-- Stage (view): attended training = kehadiran rows with status Hadir, from
-- uploads of periods up to P. A row belongs to the month of tanggal_selesai;
-- each metric filters the dates it needs.
SELECT k.nip, k.jp, k.bentuk, k.kategori, k.mode, k.tanggal_mulai, k.tanggal_selesai,
       k.agency, k.period
FROM kehadiran k
CROSS JOIN params prm
WHERE k.status_kehadiran = 'Hadir' AND k.jp IS NOT NULL AND k.period <= prm.period
