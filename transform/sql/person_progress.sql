-- person_progress (PRIVATE: named persons; only for the agency's own list,
-- never exported beside the report). Ordered by agency and NIP: nip_key
-- (the 18-digit NIP as a BIGINT) sorts as the NIP does and much faster.
SELECT p.agency_code, r.nip, r.nama, r.unit_kerja, p.district_code, p.jp_ytd, p.on_track, p.target_met
FROM person_jp p
JOIN roster r ON r.nip_key = p.nip_key
ORDER BY p.agency_code, p.nip_key
