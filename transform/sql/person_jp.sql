-- Stage: every active person of P with jp_ytd (1 January .. end(P)) and its
-- splits. Campuran (blended) JP is kept apart: neither luring nor daring.
WITH a AS (
  SELECT k.nip,
         SUM(k.jp) AS jp_ytd,
         SUM(CASE WHEN k.bentuk = 'klasikal' THEN k.jp ELSE 0 END) AS jp_klasikal,
         SUM(CASE WHEN k.bentuk = 'nonklasikal' THEN k.jp ELSE 0 END) AS jp_nonklasikal,
         SUM(CASE WHEN k.mode = 'Luring' THEN k.jp ELSE 0 END) AS jp_luring,
         SUM(CASE WHEN k.mode = 'Daring' THEN k.jp ELSE 0 END) AS jp_daring,
         SUM(CASE WHEN k.mode = 'Campuran' THEN k.jp ELSE 0 END) AS jp_campuran
  FROM att k
  CROSS JOIN params prm
  WHERE k.tanggal_selesai >= prm.ytd_start AND k.tanggal_selesai <= prm.period_end
  GROUP BY k.nip
)
SELECT r.nip, r.nama, r.jenis_asn, r.agency_code, r.unit_kerja, r.unit_layanan, r.district_code,
       coalesce(kb.remote, false) AS remote,
       coalesce(a.jp_ytd, 0) AS jp_ytd,
       coalesce(a.jp_klasikal, 0) AS jp_klasikal,
       coalesce(a.jp_nonklasikal, 0) AS jp_nonklasikal,
       coalesce(a.jp_luring, 0) AS jp_luring,
       coalesce(a.jp_daring, 0) AS jp_daring,
       coalesce(a.jp_campuran, 0) AS jp_campuran,
       coalesce(a.jp_ytd, 0) >= prm.on_track_jp AS on_track,
       coalesce(a.jp_ytd, 0) >= prm.target_jp AS target_met
FROM roster r
CROSS JOIN params prm
LEFT JOIN a ON a.nip = r.nip
LEFT JOIN kabupaten kb ON kb.district_code = r.district_code
