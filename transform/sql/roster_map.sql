-- Stage: for each month of W12 and each agency, the agency's roster as of
-- that month = every current pegawai upload of its latest period <= the
-- month (a month is a set of uploads: a roster may come in several files,
-- one per OPD). A person listed in two of them is decided in seg by the
-- upload received later — its drop time —, then file name, then upload id;
-- never the ingest time, which uploads of one scan share. Small: 12 x
-- agencies x files rows.
SELECT month_period, idx, upload_id, agency_code, roster_period, received_at, file
FROM (
  SELECT m.period AS month_period, m.idx, u.id AS upload_id, u.agency AS agency_code,
         u.period AS roster_period, u.received_at, u.file,
         dense_rank() OVER (PARTITION BY m.period, u.agency ORDER BY u.period DESC) AS rn
  FROM months m
  JOIN uploads u ON u.kind = 'pegawai' AND u.is_current AND u.period <= m.period
) t
WHERE rn = 1
