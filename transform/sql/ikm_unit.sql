-- ikm_unit: per service unit (reference units and any unit with responses
-- in W12) for P: n, ikm, category, ikm_3m (pooled over P and the two months
-- before), delta_prev (ikm of P minus ikm of P-1; NULL if either is a gap),
-- sample_ok (n >= Krejcie-Morgan(N), N = users per month; NULL when N is
-- unknown) and the lowest element.
WITH u AS (
  SELECT unit_code FROM unit_layanan
  UNION
  SELECT DISTINCT code FROM ikm_pool WHERE level = 'unit'
),
types AS (
  SELECT unit_code, string_agg(service_type, '; ' ORDER BY service_type) AS service_type
  FROM unit_service_type GROUP BY unit_code
),
cur AS (SELECT * FROM ikm_pool WHERE level = 'unit' AND win = 'm11'),
prev AS (SELECT * FROM ikm_pool WHERE level = 'unit' AND win = 'm10'),
m3 AS (SELECT * FROM ikm_pool WHERE level = 'unit' AND win = '3m')
SELECT u.unit_code, ul.unit_name, ul.agency_code, ul.district_code, t.service_type,
       coalesce(cur.n, 0) AS n, cur.ikm, cur.category, m3.ikm AS ikm_3m,
       cur.ikm - prev.ikm AS delta_prev,
       CASE WHEN ul.users_per_month > 0 THEN
         coalesce(cur.n, 0) >= ceil(3.841 * CAST(ul.users_per_month AS DOUBLE) * 0.25
                 / (0.0025 * (CAST(ul.users_per_month AS DOUBLE) - 1) + 3.841 * 0.25) - 1e-9)
       END AS sample_ok,
       cur.lowest_element,
       ul.users_per_month,
       m3.n AS n_3m
FROM u
LEFT JOIN unit_layanan ul ON ul.unit_code = u.unit_code
LEFT JOIN types t ON t.unit_code = u.unit_code
LEFT JOIN cur ON cur.code = u.unit_code
LEFT JOIN prev ON prev.code = u.unit_code
LEFT JOIN m3 ON m3.code = u.unit_code
ORDER BY u.unit_code
