-- Stage: the active staff as of P, one row per NIP. A person in two
-- agencies' rosters counts once, in the roster with the later period, then
-- the later ingest — and only if that row is active. Only NIPs listed more
-- than once go through the ranking (a window over millions of single NIPs
-- would dominate the run time); the others are kept by an outer join
-- against those few (NOT EXISTS here costs a join over every NIP).
WITH c AS (
  SELECT * FROM roster_rows WHERE to_idx = 11
),
multi AS (
  SELECT nip_key FROM c GROUP BY nip_key HAVING COUNT(*) > 1
)
SELECT c.nip, c.nip_key, c.nama, c.jenis_asn, c.agency_code, c.unit_kerja, c.unit_layanan, c.district_code, c.roster_period
FROM c
LEFT JOIN multi m ON m.nip_key = c.nip_key
WHERE c.active AND m.nip_key IS NULL
UNION ALL
SELECT nip, nip_key, nama, jenis_asn, agency_code, unit_kerja, unit_layanan, district_code, roster_period
FROM (
  SELECT c.*, row_number() OVER (PARTITION BY c.nip_key
                                 ORDER BY c.roster_period DESC, c.ingested_at DESC,
                                          c.agency_code, c.source_row) AS rn
  FROM c JOIN multi m ON m.nip_key = c.nip_key
) t
WHERE rn = 1 AND active
