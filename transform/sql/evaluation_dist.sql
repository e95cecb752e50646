-- evaluation_dist: evaluations whose period ends in W12 (from uploads up to
-- P), the latest per person and period type (of the same end date, the
-- upload received later — its drop time —, then by file name, agency code,
-- upload id: never the ingest time, which uploads of one scan share);
-- persons per predikat per agency (the uploading agency) and per district
-- (the person's roster district as of P; NIPs in no roster are left out
-- here and counted in completeness.unmatched_nip). A person with latest
-- evaluations of two period types and two predikat counts under both.
-- Persons are keyed by the NIP as a BIGINT (nip_key elsewhere): the
-- groupings over millions of evaluations run on integers. The latest is
-- arg_max of one BIGINT that orders rows as that ranking does (an upload's
-- place among the uploads stands for drop time, file name, agency and id),
-- a hash aggregation where a window over every evaluation sorted them: at
-- national scale nearly every person has several quarters, and the step
-- fell from 1.28 to 0.81 s (BenchmarkMetricsNational, 8 Dec 2026), with the
-- same table (TestEvaluationDistTies, TestEvaluationDistTieByReceipt).
WITH e AS (
  SELECT TRY_CAST(e.nip AS BIGINT) AS nip, e.agency, e.predikat, e.jenis_periode, e.periode_selesai, e.upload_id, e.source_row
  FROM evaluasi e
  CROSS JOIN params prm
  WHERE e.period <= prm.period AND e.predikat IS NOT NULL
    AND e.periode_selesai >= prm.w12_start AND e.periode_selesai <= prm.period_end
),
ur AS ( -- each upload's place in the ranking's ties after the end date: 1 wins
  SELECT id, row_number() OVER (ORDER BY received_at DESC, file, agency, id) AS urank FROM uploads
),
ev AS ( -- the latest per person and period type: the row of the largest k, a
        -- BIGINT that orders as the ranking does (end date, then upload,
        -- then the later sheet row), so a hash aggregation picks it
  SELECT nip, arg_max(agency, k) AS agency, arg_max(predikat, k) AS predikat
  FROM (
    SELECT e.nip, e.jenis_periode, e.agency, e.predikat,
           date_diff('day', DATE '1970-01-01', e.periode_selesai) * 4398046511104 -- 2^42
           + (2097152 - ur.urank) * 2097152 + e.source_row AS k              -- 2^21 each
    FROM e JOIN ur ON ur.id = e.upload_id
    WHERE e.nip IS NOT NULL
  ) t
  GROUP BY nip, jenis_periode
  UNION ALL
  SELECT nip, agency, predikat FROM e WHERE nip IS NULL
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
