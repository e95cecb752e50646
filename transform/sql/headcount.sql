-- headcount: active staff as of P per district (roster district) and agency.
SELECT district_code, agency_code,
       COUNT(*) AS headcount,
       SUM(CASE WHEN jenis_asn = 'PNS' THEN 1 ELSE 0 END) AS pns,
       SUM(CASE WHEN jenis_asn = 'PPPK' THEN 1 ELSE 0 END) AS pppk
FROM roster
GROUP BY district_code, agency_code
ORDER BY district_code, agency_code
