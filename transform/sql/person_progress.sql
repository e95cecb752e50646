-- person_progress (PRIVATE: named persons; only for the agency's own list,
-- never exported beside the report). One row per active person of P; the
-- row order is unspecified (the agency lists sort their own rows): sorting
-- millions of rows here cost more than a second at national scale.
SELECT p.agency_code, r.nip, r.nama, r.unit_kerja, p.district_code, p.jp_ytd, p.on_track, p.target_met
FROM person_jp p
JOIN roster r ON r.nip_key = p.nip_key
