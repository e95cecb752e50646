-- Stage (view): every row of the rosters used in W12, with the months
-- (idx from .. to, 11 = P) in which its upload is its agency's roster
-- (roster_map), and whether it is active (status Aktif or blank). Inactive
-- rows are kept: a person listed by two agencies counts in the later roster
-- first, and only then is that row's status looked at, so someone on leave
-- in a newer roster is not counted from an older one. nip_key is the
-- 18-digit NIP as a BIGINT (ingest guarantees the digits): joins and
-- groupings on millions of persons run on integers, not strings.
WITH span AS (
  SELECT upload_id, agency_code, roster_period, received_at, file,
         MIN(idx) AS from_idx, MAX(idx) AS to_idx
  FROM roster_map
  GROUP BY upload_id, agency_code, roster_period, received_at, file
)
SELECT p.nip, TRY_CAST(p.nip AS BIGINT) AS nip_key, p.upload_id, p.nama, p.jenis_asn, s.agency_code, p.unit_kerja, p.unit_layanan,
       coalesce(p.district_code, '') AS district_code, s.roster_period, s.received_at, s.file,
       p.source_row, s.from_idx, s.to_idx,
       (p.status IS NULL OR trim(p.status) = '' OR p.status = 'Aktif') AS active
FROM pegawai p
JOIN span s ON s.upload_id = p.upload_id
