-- Stage: every active person of P with jp_ytd (1 January .. end(P) =
-- att_person.c11) and its splits; on_track = jp_ytd >= 20 × month(P) / 12,
-- target_met = jp_ytd >= 20. Campuran (blended) JP is kept apart. Kept
-- narrow (no names): it has a row per person.
SELECT r.nip_key, r.agency_code, r.unit_layanan, r.district_code,
       coalesce(kb.remote, false) AS remote,
       coalesce(a.c11, 0) AS jp_ytd,
       coalesce(a.jp_klasikal, 0) AS jp_klasikal,
       coalesce(a.jp_nonklasikal, 0) AS jp_nonklasikal,
       coalesce(a.jp_luring, 0) AS jp_luring,
       coalesce(a.jp_daring, 0) AS jp_daring,
       coalesce(a.jp_campuran, 0) AS jp_campuran,
       coalesce(a.c11, 0) >= prm.on_track_jp AS on_track,
       coalesce(a.c11, 0) >= prm.target_jp AS target_met,
       coalesce(a.pelayanan_publik_w12, 0) = 1 AS pelayanan_publik_w12
FROM roster r
CROSS JOIN params prm
LEFT JOIN att_person a ON a.nip_key = r.nip_key
LEFT JOIN kabupaten kb ON kb.district_code = r.district_code
