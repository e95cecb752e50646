-- Stage: the active staff as of P, one row per NIP. Active = status Aktif
-- or blank. A person active in two agencies' rosters counts once, in the
-- roster with the later period, then the later ingest.
SELECT nip, nama, jenis_asn, agency_code, unit_kerja, unit_layanan,
       coalesce(district_code, '') AS district_code, roster_period
FROM (
  SELECT p.nip, p.nama, p.jenis_asn, rm.agency_code, p.unit_kerja, p.unit_layanan,
         p.district_code, rm.roster_period,
         row_number() OVER (PARTITION BY p.nip
                            ORDER BY rm.roster_period DESC, rm.ingested_at DESC,
                                     rm.agency_code, p.source_row) AS rn
  FROM pegawai p
  JOIN roster_map rm ON rm.upload_id = p.upload_id AND rm.idx = 11
  WHERE p.status IS NULL OR trim(p.status) = '' OR p.status = 'Aktif'
) t
WHERE rn = 1
ORDER BY nip
