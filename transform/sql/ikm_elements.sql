-- ikm_elements: nrr per element (u1..u9) for P per unit and for the
-- province, and the lowest element (ties: the lower U number).
WITH k AS (
  SELECT 'unit' AS level, unit_code AS code, 1 AS ord FROM unit_layanan
  UNION
  SELECT 'unit', code, 1 FROM ikm_pool WHERE level = 'unit'
  UNION
  SELECT 'provinsi', 'provinsi', 2
)
SELECT k.level, k.code, coalesce(p.n, 0) AS n,
       p.u1, p.u2, p.u3, p.u4, p.u5, p.u6, p.u7, p.u8, p.u9, p.lowest_element
FROM k
LEFT JOIN ikm_pool p ON p.level = k.level AND p.code = k.code AND p.win = 'm11'
ORDER BY k.ord, k.code
