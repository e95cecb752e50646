// Package sampledata generates realistic, deterministic sample uploads for a
// Maluku year — the files agencies would drop in the inbox, the reference
// workbook, and a set of bad files the ingest must explain. The committed
// demo sample (sample-data/demo) and bad files (sample-data/bad) are its
// output; tests regenerate both and compare every cell.
//
// The world (generate.go) is built once from the seed: 15 agencies
// (agencies.go: the province government, the 11 kabupaten/kota governments,
// UPT BKN Ambon, Kanwil Kemenag Maluku, RSUP dr. J. Leimena) with staff in
// work units across the districts (people.go, nip.go, names.go), their
// training courses and attendance (training.go), SKP evaluations
// (evaluation.go) and the SKM responses of 11 public-service units
// (survey.go). plan.go lists the uploads with their drop times; messy.go
// gives each agency its own way of filling workbooks (title rows, header
// spellings and synonyms, column order, dates as Excel dates or Indonesian
// text, spaced NIPs, an extra sheet, trailing empty rows, survey labels);
// write.go writes them with excelize's StreamWriter. Every random choice
// comes from a PCG generator seeded from the seed and the name of the part
// being drawn, never from map order, so a seed always gives the same cells.
//
// Planted patterns, measured from the written files by patterns_test.go:
//   - remote (tertinggal) districts: about 34 % of ASN reach 20 JP by
//     December against about 70 % elsewhere, and about 63 % of their JP is
//     daring against about 17 %;
//   - kab-kepulauan-aru's kehadiran for 2025-05 arrives on 16 June (after
//     the day-10 deadline) and its 2025-08 kehadiran never arrives; every
//     other upload is dropped on days 1–8 of the following month;
//   - kota-ambon uploads its 2025-09 kehadiran twice: the first (3 October)
//     has JP typed ×10 and missing rows, the second (9 October) is correct;
//   - CAPIL-AMBON's front-line staff (roster Kode Unit Layanan) take a
//     Pelayanan Publik training in May–June and its IKM rises by about 13
//     points; RSUD-SAUMLAKI's staff get none and its IKM falls by about 10;
//     RSUP-LEIMENA is A, DPMPTSP-BURU C, the others B;
//   - about 6 % weak predikat per round; of the weak evaluations whose
//     180-day window ends within 2025 about 45 % are followed by training;
//   - one PNS moves from kab-maluku-tengah to pemprov-maluku in July, new
//     PPPK and CPNS join mid-year, and staff turning 58 retire (Pensiun).
//
// Rosters are uploaded in January and when they change, most agencies
// evaluate quarterly (bkn-upt-ambon monthly), and the annual evaluation of
// 2024 is reported for period 2024-12 (dropped in January 2025); so the
// reference workbook marks only kehadiran (and survei for agencies with
// service units, evaluasi for bkn-upt-ambon) as due every month.
package sampledata
