-- completeness: per agency and kind it must submit monthly (reference
-- instansi.expects_*), plus any kind an agency sent for P unasked: the
-- status of P's upload ('tidak ada' when none; 'ditolak' when only rejected
-- files came), when it arrived and whether after the deadline (day
-- DeadlineDay of P+1, 23:59:59 WIT), its rows, revisions (earlier uploads
-- of the same agency, kind and P it replaced), NIPs of its kehadiran or
-- evaluasi rows in no active roster, and for pegawai the roster period used
-- and whether it is stale (older than stale_months).
WITH kinds AS (
  SELECT 'pegawai' AS kind, 1 AS ord UNION ALL SELECT 'kehadiran', 2
  UNION ALL SELECT 'evaluasi', 3 UNION ALL SELECT 'survei', 4
),
pairs AS (
  SELECT i.agency_code, k.kind
  FROM instansi i JOIN kinds k
    ON (k.kind = 'pegawai' AND i.expects_pegawai) OR (k.kind = 'kehadiran' AND i.expects_kehadiran)
    OR (k.kind = 'evaluasi' AND i.expects_evaluasi) OR (k.kind = 'survei' AND i.expects_survei)
  UNION
  SELECT u.agency, u.kind FROM uploads u CROSS JOIN params prm
  WHERE u.period = prm.period AND u.kind IN ('pegawai', 'kehadiran', 'evaluasi', 'survei')
    AND u.status <> 'duplikat'
),
shown AS ( -- the current upload, else the latest rejected one
  SELECT * FROM (
    SELECT u.*, row_number() OVER (PARTITION BY u.agency, u.kind
                                   ORDER BY CASE WHEN u.is_current THEN 0 ELSE 1 END, u.ingested_at DESC) AS rn
    FROM uploads u CROSS JOIN params prm
    WHERE u.period = prm.period AND (u.is_current OR u.status = 'ditolak')
  ) t WHERE rn = 1
),
rev AS (
  SELECT u.agency, u.kind, SUM(CASE WHEN u.replaced_by <> '' THEN 1 ELSE 0 END) AS revisions
  FROM uploads u CROSS JOIN params prm
  WHERE u.period = prm.period
  GROUP BY u.agency, u.kind
),
unmatched AS (
  SELECT k.agency, 'kehadiran' AS kind, COUNT(DISTINCT k.nip) AS n
  FROM kehadiran k CROSS JOIN params prm
  LEFT JOIN roster r ON r.nip_key = TRY_CAST(k.nip AS BIGINT)
  WHERE k.period = prm.period AND r.nip_key IS NULL
  GROUP BY k.agency
  UNION ALL
  SELECT e.agency, 'evaluasi', COUNT(DISTINCT e.nip)
  FROM evaluasi e CROSS JOIN params prm
  LEFT JOIN roster r ON r.nip_key = TRY_CAST(e.nip AS BIGINT)
  WHERE e.period = prm.period AND r.nip_key IS NULL
  GROUP BY e.agency
),
ros AS (SELECT agency_code, roster_period FROM roster_map WHERE idx = 11)
SELECT p.agency_code, p.kind,
       coalesce(s.status, 'tidak ada') AS status,
       s.received_at,
       s.received_at > prm.deadline AS late,
       s.rows_read, s.rows_accepted, s.rows_rejected,
       CAST(coalesce(rev.revisions, 0) AS BIGINT) AS revisions,
       CASE WHEN p.kind IN ('kehadiran', 'evaluasi') AND s.is_current
            THEN coalesce(um.n, 0) END AS unmatched_nip,
       CASE WHEN p.kind = 'pegawai' THEN ros.roster_period END AS roster_period,
       CASE WHEN p.kind = 'pegawai' AND ros.roster_period IS NOT NULL THEN
         prm.period_index - (CAST(substr(ros.roster_period, 1, 4) AS INTEGER) * 12
                             + CAST(substr(ros.roster_period, 6, 2) AS INTEGER) - 1) > prm.stale_months
       END AS stale
FROM pairs p
JOIN kinds k ON k.kind = p.kind
CROSS JOIN params prm
LEFT JOIN shown s ON s.agency = p.agency_code AND s.kind = p.kind
LEFT JOIN rev ON rev.agency = p.agency_code AND rev.kind = p.kind
LEFT JOIN unmatched um ON um.agency = p.agency_code AND um.kind = p.kind
LEFT JOIN ros ON ros.agency_code = p.agency_code
ORDER BY p.agency_code, k.ord
