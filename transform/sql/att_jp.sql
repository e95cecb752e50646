-- Stage (view): attended JP per NIP and month of tanggal_selesai (view
-- kehadiran_jp: the JP aggregates Compact keeps beside the compacted
-- attendance, or the same sums over the rows of the other uploads), from
-- uploads of periods up to P: the rows of att, summed per upload period,
-- NIP and month.
SELECT k.nip_key, k.month, k.jp, k.jp_klasikal, k.jp_nonklasikal, k.jp_luring, k.jp_daring, k.jp_campuran,
       k.pelayanan_publik
FROM kehadiran_jp k
CROSS JOIN params prm
WHERE k.period <= prm.period
