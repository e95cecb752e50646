-- impact: per service unit with active staff in the rosters of P
-- (pegawai.unit_layanan): trained_share = share of its staff who attended
-- (Hadir) a training of kategori Pelayanan Publik ending in W12;
-- ikm_change = pooled ikm of the last three months of W12 minus that of
-- the first three (NULL if either has no responses).
WITH g AS (
  SELECT unit_layanan AS unit_code, CAST(SUM(n) AS BIGINT) AS staff,
         SUM(pelayanan_publik_w12) AS trained
  FROM person_groups
  WHERE unit_layanan IS NOT NULL AND unit_layanan <> ''
  GROUP BY unit_layanan
)
SELECT g.unit_code, ul.unit_name, g.staff,
       CAST(g.trained AS DOUBLE) / g.staff AS trained_share,
       f.ikm AS ikm_first3, l.ikm AS ikm_last3, l.ikm - f.ikm AS ikm_change,
       g.trained AS trained_staff
FROM g
LEFT JOIN unit_layanan ul ON ul.unit_code = g.unit_code
LEFT JOIN ikm_pool f ON f.level = 'unit' AND f.code = g.unit_code AND f.win = 'first3'
LEFT JOIN ikm_pool l ON l.level = 'unit' AND l.code = g.unit_code AND l.win = 'last3'
ORDER BY g.unit_code
