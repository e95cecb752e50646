-- Stage (view): the active staff as of P, one row per NIP: the month spans
-- of seg that include P (idx 11). seg applies the roster rule — the later
-- roster first, then its status.
SELECT nip, nip_key, nama, jenis_asn, agency_code, unit_kerja, unit_layanan, district_code, roster_period,
       upload_id, source_row
FROM seg
WHERE from_idx <= 11 AND to_idx >= 11
