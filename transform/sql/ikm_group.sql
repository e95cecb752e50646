-- ikm_group: responses pooled per service type (the response's jenis
-- layanan), per district (its units' district) and for the province, for P;
-- with ikm_3m and delta_prev as in ikm_unit.
WITH k AS (
  SELECT 'jenis_layanan' AS level, service_type AS code, service_type AS name, 1 AS ord
  FROM unit_service_type
  UNION
  SELECT 'jenis_layanan', code, code, 1 FROM ikm_pool WHERE level = 'jenis_layanan'
  UNION
  SELECT 'kabupaten', u.district_code, kb.district_name, 2
  FROM unit_layanan u LEFT JOIN kabupaten kb ON kb.district_code = u.district_code
  UNION
  SELECT 'kabupaten', p.code, kb.district_name, 2
  FROM ikm_pool p LEFT JOIN kabupaten kb ON kb.district_code = p.code
  WHERE p.level = 'kabupaten'
  UNION
  SELECT 'provinsi', 'provinsi', 'Provinsi', 3
),
cur AS (SELECT * FROM ikm_pool WHERE win = 'm11'),
prev AS (SELECT * FROM ikm_pool WHERE win = 'm10'),
m3 AS (SELECT * FROM ikm_pool WHERE win = '3m')
SELECT k.level, k.code, k.name, coalesce(cur.n, 0) AS n, cur.ikm, cur.category,
       m3.ikm AS ikm_3m, cur.ikm - prev.ikm AS delta_prev
FROM k
LEFT JOIN cur ON cur.level = k.level AND cur.code = k.code
LEFT JOIN prev ON prev.level = k.level AND prev.code = k.code
LEFT JOIN m3 ON m3.level = k.level AND m3.code = k.code
ORDER BY k.ord, k.code
