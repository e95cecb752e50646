-- ikm_trend: monthly ikm over W12 per unit, service type and the province:
-- a row for every month; a month without responses has n = 0 and ikm NULL
-- (a gap, never a zero). delta_prev is against the previous month (NULL for
-- the first month of W12 and next to a gap).
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
  CROSS JOIN months m
  LEFT JOIN windows w ON w.idx = m.idx AND w.win LIKE 'm%'
  LEFT JOIN ikm_pool p ON p.level = k.level AND p.code = k.code AND p.win = w.win
)
SELECT level, code, name, period, n, ikm, category,
       ikm - lag(ikm) OVER (PARTITION BY level, code ORDER BY idx) AS delta_prev
FROM t
ORDER BY ord, code, period
