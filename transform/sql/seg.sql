-- Stage: who counts where, month by month — the active staff of each
-- month M of W12 (idx 0..11, 11 = P) as month spans: a row counts in the
-- months from_idx..to_idx with its agency and district. For each month,
-- each agency's roster is its latest with period <= M (roster_map); a
-- person listed in two agencies' rosters (or twice in one) counts once, in
-- the roster with the later period, then the one received later (its drop
-- time, ledger received_at), then by file name, agency code and upload id,
-- and only if that row is active: someone on leave in a newer roster is not
-- counted from an older one. The ingest time is never a key: uploads of one
-- scan share it, so the same files would give other figures when they
-- happened to be ingested in two scans. NIPs listed by one agency once per
-- roster period need no per-month ranking (successive roster periods of one
-- agency cover disjoint months), so only the few others — in two agencies'
-- rosters, or twice in one period's files — are expanded to months. The
-- roster of P is the rows with from_idx <= 11 <= to_idx (stage roster).
-- upload_id and source_row name the winning roster row, so that `pantau
-- query --period` shows that row's upload columns as view pegawai.
WITH dup AS ( -- NIPs with more than one roster row: only they can be in multi
  SELECT nip_key FROM roster_rows GROUP BY nip_key HAVING COUNT(*) > 1
),
multi AS (
  SELECT r.nip_key FROM roster_rows r JOIN dup d ON d.nip_key = r.nip_key
  GROUP BY r.nip_key
  HAVING COUNT(DISTINCT r.agency_code) > 1 OR COUNT(*) > COUNT(DISTINCT r.roster_period)
)
SELECT r.nip, r.nip_key, r.nama, r.jenis_asn, r.agency_code, r.unit_kerja, r.unit_layanan, r.district_code,
       r.roster_period, r.from_idx, r.to_idx, r.upload_id, r.source_row
FROM roster_rows r
LEFT JOIN multi m ON m.nip_key = r.nip_key
WHERE r.active AND m.nip_key IS NULL
UNION ALL
SELECT nip, nip_key, nama, jenis_asn, agency_code, unit_kerja, unit_layanan, district_code,
       roster_period, idx, idx, upload_id, source_row
FROM (
  SELECT r.*, mo.idx,
         row_number() OVER (PARTITION BY r.nip_key, mo.idx
                            ORDER BY r.roster_period DESC, r.received_at DESC, r.file,
                                     r.agency_code, r.upload_id, r.source_row) AS rn
  FROM roster_rows r
  JOIN multi m ON m.nip_key = r.nip_key
  JOIN months mo ON mo.idx >= r.from_idx AND mo.idx <= r.to_idx
) t
WHERE rn = 1 AND active -- the winning roster row decides; on leave there means not counted
