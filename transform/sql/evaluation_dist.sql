-- evaluation_dist: evaluations whose period ends in W12 (from uploads up to
-- P), the latest per person and period type (of the same end date, the
-- upload received later — its drop time —, then by file name, agency code,
-- upload id: never the ingest time, which uploads of one scan share);
-- persons per predikat per agency (the uploading agency) and per district
-- (the person's roster district as of P; NIPs in no roster are left out
-- here and counted in completeness.unmatched_nip). A person with latest
-- evaluations of two period types and two predikat counts under both.
-- Persons are keyed by the NIP as a BIGINT (nip_key elsewhere): the
-- groupings over millions of evaluations run on integers.
WITH e AS (
  SELECT TRY_CAST(e.nip AS BIGINT) AS nip, e.agency, e.predikat, e.jenis_periode, e.periode_selesai, e.upload_id, e.source_row
  FROM evaluasi e
  CROSS JOIN params prm
  WHERE e.period <= prm.period AND e.predikat IS NOT NULL
    AND e.periode_selesai >= prm.w12_start AND e.periode_selesai <= prm.period_end
),
multi AS ( -- only persons with several evaluations of a period type need ranking
  SELECT nip, jenis_periode FROM e GROUP BY nip, jenis_periode HAVING COUNT(*) > 1
),
ev AS (
  SELECT e.nip, e.agency, e.predikat FROM e
  LEFT JOIN multi m ON m.nip = e.nip AND m.jenis_periode = e.jenis_periode
  WHERE m.nip IS NULL
  UNION ALL
  SELECT nip, agency, predikat
  FROM (
    SELECT e.nip, e.agency, e.predikat,
           row_number() OVER (PARTITION BY e.nip, e.jenis_periode
                              ORDER BY e.periode_selesai DESC, u.received_at DESC, u.file, e.agency,
                                       e.upload_id, e.source_row DESC) AS rn
    FROM e
    JOIN multi m ON m.nip = e.nip AND m.jenis_periode = e.jenis_periode
    JOIN uploads u ON u.id = e.upload_id
  ) t
  WHERE rn = 1
),
rows AS (
  SELECT 'instansi' AS level, agency AS code, predikat, nip FROM ev
  UNION ALL
  SELECT 'kabupaten', r.district_code, ev.predikat, ev.nip
  FROM ev JOIN roster r ON r.nip_key = ev.nip
),
codes AS (SELECT DISTINCT level, code FROM rows)
SELECT c.level, c.code, p.predikat, COUNT(DISTINCT r.nip) AS persons
FROM codes c
CROSS JOIN predikat p
LEFT JOIN rows r ON r.level = c.level AND r.code = c.code AND r.predikat = p.predikat
GROUP BY c.level, c.code, p.predikat, p.ord
ORDER BY c.level, c.code, p.ord
