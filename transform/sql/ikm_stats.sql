-- Stage: sufficient statistics per month, unit and service type: responses
-- n, and per element the sum and count of non-blank scores, so any set of
-- months or units can be pooled exactly.
SELECT month_period, idx, unit_code, coalesce(jenis_layanan, '') AS jenis_layanan,
       COUNT(*) AS n,
       SUM(u1) AS s1, COUNT(u1) AS c1, SUM(u2) AS s2, COUNT(u2) AS c2,
       SUM(u3) AS s3, COUNT(u3) AS c3, SUM(u4) AS s4, COUNT(u4) AS c4,
       SUM(u5) AS s5, COUNT(u5) AS c5, SUM(u6) AS s6, COUNT(u6) AS c6,
       SUM(u7) AS s7, COUNT(u7) AS c7, SUM(u8) AS s8, COUNT(u8) AS c8,
       SUM(u9) AS s9, COUNT(u9) AS c9
FROM skm
GROUP BY month_period, idx, unit_code, coalesce(jenis_layanan, '')
