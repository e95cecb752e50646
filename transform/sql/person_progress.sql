-- person_progress (PRIVATE: named persons; only for the agency's own list,
-- never exported beside the report).
SELECT agency_code, nip, nama, unit_kerja, district_code, jp_ytd, on_track, target_met
FROM person_jp
ORDER BY agency_code, nip
