-- ikm_trend: monthly ikm over W12 per unit, service type and the province:
-- a row for every month; a month without responses has n = 0 and ikm NULL
-- (a gap, never a zero). delta_prev is against the previous month (NULL
-- next to a gap); for the first month of W12 that is the month before W12
-- (ikm_months idx -1, window m-1), read only for this and not a row here.
WITH k AS (
  SELECT 'unit' AS level, unit_code AS code, unit_name AS name, 1 AS ord FROM unit_layanan
  UNION
  SELECT 'unit', p.code, ul.unit_name, 1
  FROM ikm_pool p LEFT JOIN unit_layanan ul ON ul.unit_code = p.code
  WHERE p.level = 'unit'
  UNION
  SELECT 'jenis_layanan', service_type, service_type, 2 FROM unit_service_type
  UNION
  SELECT 'jenis_layanan', code, code, 2 FROM ikm_pool WHERE level = 'jenis_layanan'
  UNION
  SELECT 'provinsi', 'provinsi', 'Provinsi', 3
),
t AS (
  SELECT k.level, k.code, k.name, k.ord, m.period, m.idx,
         coalesce(p.n, 0) AS n, p.ikm, p.category
  FROM k
  CROSS JOIN ikm_months m
  LEFT JOIN windows w ON w.idx = m.idx AND w.win LIKE 'm%'
  LEFT JOIN ikm_pool p ON p.level = k.level AND p.code = k.code AND p.win = w.win
),
d AS (
  SELECT t.*, ikm - lag(ikm) OVER (PARTITION BY level, code ORDER BY idx) AS delta_prev
  FROM t
)
SELECT level, code, name, period, n, ikm, category, delta_prev
FROM d
WHERE idx >= 0
ORDER BY ord, code, period
