-- Stage: every active person of P with jp_ytd (1 January .. end(P) = c11)
-- and its splits; on_track = jp_ytd >= 20 × month(P) / 12, target_met =
-- jp_ytd >= 20, both with params.jp_tolerance (1e-9 JP) so the float
-- noise of a sum (50 × 0,4 = 19.999999999999993) never decides a threshold.
-- Campuran (blended) JP is kept apart. Kept narrow (no
-- names): it has a row per person.
SELECT p.nip_key, p.agency_code, p.unit_layanan, p.district_code, p.remote,
       p.c11 AS jp_ytd, p.jp_klasikal, p.jp_nonklasikal, p.jp_luring, p.jp_daring, p.jp_campuran,
       p.c11 + prm.jp_tolerance >= prm.on_track_jp AS on_track,
       p.c11 + prm.jp_tolerance >= prm.target_jp AS target_met,
       p.pelayanan_publik_w12
FROM person_span p
CROSS JOIN params prm
WHERE p.from_idx <= 11 AND p.to_idx >= 11
