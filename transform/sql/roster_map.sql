-- Stage: for each month of W12 and each agency, the agency's roster as of
-- that month = its latest current pegawai upload with period <= the month
-- (ties: the one received later — its drop time —, then by file name, then
-- upload id; never the ingest time, which uploads of one scan share, so the
-- choice would depend on how the scans fell). Small: 12 x agencies rows.
SELECT month_period, idx, upload_id, agency_code, roster_period, received_at, file
FROM (
  SELECT m.period AS month_period, m.idx, u.id AS upload_id, u.agency AS agency_code,
         u.period AS roster_period, u.received_at, u.file,
         row_number() OVER (PARTITION BY m.period, u.agency
                            ORDER BY u.period DESC, u.received_at DESC, u.file, u.id) AS rn
  FROM months m
  JOIN uploads u ON u.kind = 'pegawai' AND u.is_current AND u.period <= m.period
) t
WHERE rn = 1
