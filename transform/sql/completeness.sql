-- completeness: per agency and kind it must submit monthly (reference
-- instansi.expects_*), plus any kind an agency sent for P unasked: the
-- status of P's uploads ('tidak ada' when none; 'ditolak' when only rejected
-- files came). A month is a set of current uploads: 'diterima sebagian'
-- when any of them is partial; it arrived when its first current file did,
-- late when that was after the deadline (day DeadlineDay of P+1, 23:59:59
-- WIT); rows are summed over its files. revisions counts
-- the times the month's set was replaced (one revision may replace several
-- files). Then NIPs of its kehadiran or evaluasi rows in no active roster,
-- and for pegawai the roster period used and whether it is stale (older
-- than stale_months). expected is false for a kind sent unasked (a roster
-- sent because it changed): it is listed but not counted as due.
WITH kinds AS (
  SELECT 'pegawai' AS kind, 1 AS ord UNION ALL SELECT 'kehadiran', 2
  UNION ALL SELECT 'evaluasi', 3 UNION ALL SELECT 'survei', 4
),
pairs AS ( -- expected: the reference data asks for it every month
  SELECT agency_code, kind, bool_or(expected) AS expected FROM (
    SELECT i.agency_code, k.kind, true AS expected
    FROM instansi i JOIN kinds k
      ON (k.kind = 'pegawai' AND i.expects_pegawai) OR (k.kind = 'kehadiran' AND i.expects_kehadiran)
      OR (k.kind = 'evaluasi' AND i.expects_evaluasi) OR (k.kind = 'survei' AND i.expects_survei)
    UNION ALL
    SELECT u.agency, u.kind, false FROM uploads u CROSS JOIN params prm
    WHERE u.period = prm.period AND u.kind IN ('pegawai', 'kehadiran', 'evaluasi', 'survei')
      AND u.status <> 'duplikat'
  ) x GROUP BY agency_code, kind
),
cur AS ( -- the month's current uploads, as one
  SELECT u.agency, u.kind,
         CASE WHEN bool_or(u.status = 'diterima sebagian') THEN 'diterima sebagian' ELSE 'diterima' END AS status,
         MIN(u.received_at) AS received_at, SUM(u.rows_read) AS rows_read, SUM(u.rows_accepted) AS rows_accepted,
         SUM(u.rows_rejected) AS rows_rejected, COUNT(*) AS files, true AS is_current
  FROM uploads u CROSS JOIN params prm
  WHERE u.period = prm.period AND u.is_current
  GROUP BY u.agency, u.kind
),
rej AS ( -- else the latest rejected file (the ledger is in ingest order: seq)
  SELECT * FROM (
    SELECT u.agency, u.kind, u.status, u.received_at, u.rows_read, u.rows_accepted, u.rows_rejected,
           0 AS files, false AS is_current,
           row_number() OVER (PARTITION BY u.agency, u.kind ORDER BY u.seq DESC, u.ingested_at DESC) AS rn
    FROM uploads u CROSS JOIN params prm
    WHERE u.period = prm.period AND u.status = 'ditolak'
  ) t WHERE rn = 1
),
shown AS (
  SELECT agency, kind, status, received_at, rows_read, rows_accepted, rows_rejected, files, is_current FROM cur
  UNION ALL
  SELECT r.agency, r.kind, r.status, r.received_at, r.rows_read, r.rows_accepted, r.rows_rejected, r.files, r.is_current
  FROM rej r ANTI JOIN cur c ON c.agency = r.agency AND c.kind = r.kind
),
rev AS (
  SELECT u.agency, u.kind, COUNT(DISTINCT CASE WHEN u.replaced_by <> '' THEN u.replaced_by END) AS revisions
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
ros AS (SELECT DISTINCT agency_code, roster_period FROM roster_map WHERE idx = 11)
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
       END AS stale,
       p.expected
FROM pairs p
JOIN kinds k ON k.kind = p.kind
CROSS JOIN params prm
LEFT JOIN shown s ON s.agency = p.agency_code AND s.kind = p.kind
LEFT JOIN rev ON rev.agency = p.agency_code AND rev.kind = p.kind
LEFT JOIN unmatched um ON um.agency = p.agency_code AND um.kind = p.kind
LEFT JOIN ros ON ros.agency_code = p.agency_code
ORDER BY p.agency_code, k.ord
