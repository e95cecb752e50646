-- Stage: pooled IKM per level (unit, jenis_layanan, kabupaten = the unit's
-- district, provinsi) and window (m0..m11 = each month of W12, m11 = P;
-- 3m = P and the two months before; first3 / last3 = the first / last three
-- months of W12; m-1 = the month before W12, only for ikm_trend's first
-- delta_prev and only kept for a level and code with responses in m0, so
-- every level and code here still has responses in W12, as the key lists
-- of ikm_unit, ikm_group, ikm_elements and ikm_trend assume).
-- nrr_u = mean of non-blank scores; ikm = 25 * sum(nrr) / 9
-- with the exact 1/9 weight; NULL when there are no responses (a gap) or
-- an element has no answer at all. category classifies the unrounded
-- value (rounded to 9 decimals only to drop float noise) by the
-- thresholds of domain.md (params ikm_a/b/c: 88.31, 76.61, 65.00).
WITH b AS (
  SELECT 'unit' AS level, st.unit_code AS code, w.win, st.*
  FROM ikm_stats st JOIN windows w ON w.idx = st.idx
  UNION ALL
  SELECT 'jenis_layanan', st.jenis_layanan, w.win, st.*
  FROM ikm_stats st JOIN windows w ON w.idx = st.idx
  WHERE st.jenis_layanan <> ''
  UNION ALL
  SELECT 'kabupaten', coalesce(u.district_code, ''), w.win, st.*
  FROM ikm_stats st JOIN windows w ON w.idx = st.idx
  LEFT JOIN unit_layanan u ON u.unit_code = st.unit_code
  UNION ALL
  SELECT 'provinsi', 'provinsi', w.win, st.*
  FROM ikm_stats st JOIN windows w ON w.idx = st.idx
),
n AS (
  SELECT level, code, win, SUM(n) AS n,
         CAST(SUM(s1) AS DOUBLE) / NULLIF(SUM(c1), 0) AS u1,
         CAST(SUM(s2) AS DOUBLE) / NULLIF(SUM(c2), 0) AS u2,
         CAST(SUM(s3) AS DOUBLE) / NULLIF(SUM(c3), 0) AS u3,
         CAST(SUM(s4) AS DOUBLE) / NULLIF(SUM(c4), 0) AS u4,
         CAST(SUM(s5) AS DOUBLE) / NULLIF(SUM(c5), 0) AS u5,
         CAST(SUM(s6) AS DOUBLE) / NULLIF(SUM(c6), 0) AS u6,
         CAST(SUM(s7) AS DOUBLE) / NULLIF(SUM(c7), 0) AS u7,
         CAST(SUM(s8) AS DOUBLE) / NULLIF(SUM(c8), 0) AS u8,
         CAST(SUM(s9) AS DOUBLE) / NULLIF(SUM(c9), 0) AS u9
  FROM b
  GROUP BY level, code, win
),
i AS (
  SELECT n.*, 25 * (u1 + u2 + u3 + u4 + u5 + u6 + u7 + u8 + u9) / 9 AS ikm
  FROM n
)
SELECT level, code, win, CAST(n AS BIGINT) AS n, u1, u2, u3, u4, u5, u6, u7, u8, u9, ikm,
       CASE WHEN ikm IS NULL THEN NULL
            WHEN round(ikm, 9) >= prm.ikm_a THEN 'A'
            WHEN round(ikm, 9) >= prm.ikm_b THEN 'B'
            WHEN round(ikm, 9) >= prm.ikm_c THEN 'C'
            ELSE 'D' END AS category,
       CASE least(u1, u2, u3, u4, u5, u6, u7, u8, u9)
            WHEN u1 THEN 'U1' WHEN u2 THEN 'U2' WHEN u3 THEN 'U3' WHEN u4 THEN 'U4'
            WHEN u5 THEN 'U5' WHEN u6 THEN 'U6' WHEN u7 THEN 'U7' WHEN u8 THEN 'U8'
            WHEN u9 THEN 'U9' END AS lowest_element
FROM i
CROSS JOIN params prm
QUALIFY win <> 'm-1' OR COUNT(*) FILTER (WHERE win = 'm0') OVER (PARTITION BY level, code) > 0
