package reports

import (
	"fmt"

	"github.com/pantau-asn/pantau/internal/domain"
)

// Text gives the report's labels in one language: Indonesian by default,
// English for "en". Every label a reader sees comes from labels below.
type Text struct {
	lang string
}

// TextFor returns the labels for lang ("id" or "en"; anything else is "id").
func TextFor(lang string) Text {
	if lang == "en" {
		return Text{lang: "en"}
	}
	return Text{lang: "id"}
}

// Lang is "id" or "en".
func (t Text) Lang() string { return t.lang }

// S returns the label for key; an unknown key is returned as is so a
// missing label is visible rather than blank.
func (t Text) S(key string) string {
	l, ok := labels[key]
	if !ok {
		return key
	}
	if t.lang == "en" {
		return l[1]
	}
	return l[0]
}

// Sf formats the label for key with fmt verbs.
func (t Text) Sf(key string, args ...any) string { return fmt.Sprintf(t.S(key), args...) }

// Kind is an upload kind's name.
func (t Text) Kind(k domain.Kind) string { return t.S("kind." + string(k)) }

// labels maps a key to its Indonesian and English text.
var labels = map[string][2]string{
	"report.title":    {"Laporan Bulanan Pengembangan Kompetensi dan Pelayanan ASN", "Monthly Report on ASN Competency Development and Public Service"},
	"report.region":   {"Provinsi Maluku", "Maluku Province"},
	"report.asof":     {"Data per %s · disusun %s", "Data as of %s · generated %s"},
	"report.footer":   {"Dibuat oleh Pantau dari unggahan instansi. Hanya angka agregat; tidak memuat NIP atau nama pegawai.", "Produced by Pantau from agency uploads. Aggregates only; no NIP or staff names."},
	"report.revised":  {"Bulan ini direvisi setelah pertama kali dilaporkan.", "This month was revised after it was first reported."},
	"nav.summary":     {"Ringkasan", "Summary"},
	"nav.training":    {"Pengembangan kompetensi", "Competency development"},
	"nav.ikm":         {"Kepuasan masyarakat", "Public satisfaction"},
	"nav.performance": {"Kinerja pegawai", "Staff performance"},
	"nav.impact":      {"Pelatihan dan mutu layanan", "Training and service quality"},
	"nav.data":        {"Kelengkapan data", "Data completeness"},
	"nav.method":      {"Metodologi", "Methodology"},
	"nav.highlights":  {"Sorotan bulan ini", "Highlights of the month"},

	"kpi.asn":        {"ASN aktif", "Active ASN"},
	"kpi.trained":    {"ASN terlatih (JP > 0)", "ASN trained (JP > 0)"},
	"kpi.ontrack":    {"Sesuai jalur 20 JP", "On track for 20 JP"},
	"kpi.targetmet":  {"Target 20 JP tercapai", "20 JP target met"},
	"kpi.jp":         {"JP per ASN (tahun berjalan)", "JP per ASN (year to date)"},
	"kpi.ikm":        {"IKM provinsi", "Province IKM"},
	"kpi.followup":   {"Tindak lanjut kinerja", "Performance follow-up"},
	"kpi.uploads":    {"Unggahan diterima", "Uploads received"},
	"kpi.prev":       {"vs bulan lalu", "vs last month"},
	"kpi.noprev":     {"tidak ada pembanding", "no comparison"},
	"kpi.of":         {"dari %s", "of %s"},
	"kpi.persons":    {"%s orang", "%s people"},
	"kpi.uploads.of": {"%s dari %s yang wajib", "%s of %s expected"},

	"chart.ontrack":           {"Persentase ASN sesuai jalur 20 JP per kabupaten/kota", "Share of ASN on track for 20 JP by district"},
	"chart.ontrack.note":      {"Terendah di atas. Garis merah: ambang %s dan rata-rata provinsi. * dan batang oranye: daerah terpencil.", "Lowest first. Red lines: the %s threshold and the province average. * and orange bars: remote districts."},
	"chart.trend":             {"Cakupan pelatihan 12 bulan terakhir (provinsi)", "Training coverage over the last 12 months (province)"},
	"chart.trend.note":        {"Posisi akhir tiap bulan, tahun berjalan (kembali ke nol setiap Januari).", "Position at the end of each month, year to date (resets each January)."},
	"chart.jp":                {"JP menurut moda dan bentuk per kabupaten/kota", "JP by mode and form by district"},
	"chart.jp.note":           {"Total JP tahun berjalan: luring/daring (moda) dan klasikal/nonklasikal (bentuk).", "Total JP year to date: in person/online (mode) and classroom/non-classroom (form)."},
	"chart.ikm":               {"IKM bulanan per jenis layanan", "Monthly IKM by service type"},
	"chart.ikm.note":          {"Pita warna: kategori mutu A–D. Bulan tanpa responden dibiarkan kosong.", "Coloured bands: quality categories A–D. Months without responses are left empty."},
	"chart.elements":          {"Profil unsur U1–U9: provinsi dan unit terlemah", "Element profile U1–U9: province and weakest units"},
	"chart.elements.note":     {"Nilai rata-rata (NRR, skala 1–4) per unsur, bulan ini.", "Mean score (NRR, scale 1–4) per element, this month."},
	"chart.predikat":          {"Sebaran predikat kinerja per instansi", "Performance rating distribution by agency"},
	"chart.predikat.note":     {"Evaluasi yang periodenya berakhir dalam 12 bulan terakhir.", "Evaluations whose period ends in the last 12 months."},
	"chart.followup":          {"Tingkat tindak lanjut pelatihan per instansi", "Training follow-up rate by agency"},
	"chart.followup.note":     {"Pegawai berpredikat Butuh Perbaikan, Kurang/Misconduct atau Sangat Kurang yang mengikuti pelatihan dalam %d hari.", "Staff rated Needs Improvement, Poor/Misconduct or Very Poor who attended training within %d days."},
	"chart.impact":            {"Pelatihan pelayanan publik vs perubahan IKM per unit layanan", "Public-service training vs IKM change by service unit"},
	"chart.impact.note":       {"Tiap titik satu unit: porsi pegawai terlatih (12 bulan) dan IKM 3 bulan terakhir dikurangi 3 bulan pertama.", "Each dot a unit: share of staff trained (12 months) and IKM of the last 3 months minus the first 3."},
	"chart.completeness":      {"Kelengkapan unggahan per instansi dan jenis data", "Upload completeness by agency and kind"},
	"chart.completeness.note": {"Status unggahan untuk bulan laporan.", "Upload status for the report month."},
	"chart.nodata":            {"Belum ada data untuk grafik ini.", "No data for this chart yet."},
	"series.ontrack":          {"Sesuai jalur 20 JP (%)", "On track for 20 JP (%)"},
	"series.coverage":         {"Terlatih (%)", "Trained (%)"},
	"series.targetmet":        {"Target 20 JP tercapai (%)", "20 JP target met (%)"},
	"series.luring":           {"Luring", "In person"},
	"series.daring":           {"Daring", "Online"},
	"series.klasikal":         {"Klasikal", "Classroom"},
	"series.nonklasikal":      {"Nonklasikal", "Non-classroom"},
	"series.province":         {"Provinsi", "Province"},
	"series.followup":         {"Tindak lanjut (%)", "Follow-up (%)"},
	"series.units":            {"Unit layanan", "Service units"},
	"mark.threshold":          {"Ambang", "Threshold"},
	"mark.province":           {"Provinsi", "Province"},
	"axis.persons":            {"Orang", "People"},
	"axis.trainedshare":       {"Pegawai terlatih pelayanan publik (%)", "Staff trained in public service (%)"},
	"axis.ikmchange":          {"Perubahan IKM", "IKM change"},
	"status.missing":          {"Tidak ada", "Missing"},
	"status.rejected":         {"Ditolak", "Rejected"},
	"status.partial":          {"Diterima sebagian", "Partly accepted"},
	"status.late":             {"Diterima terlambat", "Received late"},
	"status.ok":               {"Diterima tepat waktu", "Received on time"},
	"kind.pegawai":            {"Pegawai", "Staff roster"},
	"kind.kehadiran":          {"Kehadiran", "Attendance"},
	"kind.evaluasi":           {"Evaluasi", "Evaluation"},
	"kind.survei":             {"Survei", "Survey"},
	"table.attention":         {"Kabupaten/kota yang perlu perhatian", "Districts needing attention"},
	"table.attention.note":    {"Ditandai bila sesuai jalur di bawah %s atau lebih dari %s di bawah provinsi.", "Flagged when on track is below %s or more than %s below the province."},
	"table.attention.none":    {"Tidak ada kabupaten/kota yang ditandai bulan ini.", "No district is flagged this month."},
	"table.units":             {"Unit layanan di bawah kategori B", "Service units below category B"},
	"table.units.none":        {"Semua unit yang disurvei bulan ini berkategori A atau B.", "Every unit surveyed this month is in category A or B."},
	"table.uploads":           {"Unggahan yang belum masuk atau terlambat", "Missing and late uploads"},
	"table.uploads.none":      {"Semua unggahan wajib masuk tepat waktu.", "Every expected upload arrived on time."},
	"col.rank":                {"Peringkat", "Rank"},
	"col.district":            {"Kabupaten/kota", "District"},
	"col.ontrack":             {"Sesuai jalur", "On track"},
	"col.gap":                 {"Selisih dari provinsi", "Gap to province"},
	"col.worstagency":         {"Instansi penyumbang terbesar", "Largest contributing agency"},
	"col.daring":              {"Porsi JP daring", "Online JP share"},
	"col.remote":              {"Terpencil", "Remote"},
	"col.unit":                {"Unit layanan", "Service unit"},
	"col.agency":              {"Instansi", "Agency"},
	"col.service":             {"Jenis layanan", "Service type"},
	"col.n":                   {"Responden", "Responses"},
	"col.ikm":                 {"IKM", "IKM"},
	"col.category":            {"Kategori", "Category"},
	"col.delta":               {"Perubahan", "Change"},
	"col.lowest":              {"Unsur terendah", "Lowest element"},
	"col.sample":              {"Sampel cukup", "Sample adequate"},
	"col.kind":                {"Jenis data", "Kind"},
	"col.status":              {"Status", "Status"},
	"col.received":            {"Diterima", "Received"},
	"yes":                     {"Ya", "Yes"},
	"no":                      {"Tidak", "No"},
	"unknown":                 {"tidak diketahui", "unknown"},
	"hl.behind":               {"%s paling tertinggal: %s ASN sesuai jalur 20 JP, %s di bawah provinsi (%s).", "%s is furthest behind: %s of ASN on track for 20 JP, %s below the province (%s)."},
	"hl.flagged":              {"%d dari %d kabupaten/kota perlu perhatian; %d di antaranya daerah terpencil.", "%d of %d districts need attention; %d of them remote."},
	"hl.remote":               {"Daerah terpencil: %s sesuai jalur, dibanding %s di daerah lainnya; porsi JP daring di daerah terpencil %s.", "Remote districts: %s on track, against %s elsewhere; online share of JP in remote districts %s."},
	"hl.ikmmove":              {"IKM %s paling banyak berubah: %s poin dibanding bulan lalu, kini %s (kategori %s).", "The IKM of %s moved most: %s points from last month, now %s (category %s)."},
	"hl.ikmlow":               {"%d unit layanan di bawah kategori B; terendah %s dengan IKM %s.", "%d service units are below category B; lowest %s with IKM %s."},
	"hl.followup":             {"Tindak lanjut kinerja: %s dari %s pegawai berkinerja rendah sudah mengikuti pelatihan (%s).", "Performance follow-up: %s of %s low-rated staff attended training (%s)."},
	"hl.uploads":              {"%d unggahan wajib belum masuk dan %d terlambat.", "%d expected uploads are missing and %d were late."},
	"hl.coverage":             {"Sesuai jalur 20 JP naik/turun %s dibanding bulan lalu, kini %s.", "On track for 20 JP changed by %s from last month, now %s."},
	"method.title":            {"Metodologi", "Methodology"},
	"method.jp":               {"Setiap PNS berhak dan wajib mengikuti pengembangan kompetensi paling sedikit %s JP per tahun (PP 11/2017 Pasal 203 ayat 4, diubah PP 17/2020). JP dihitung dari kehadiran berstatus Hadir menurut tanggal selesai pelatihan, tahun berjalan 1 Januari sampai akhir bulan laporan. \"Sesuai jalur\" berarti JP tahun berjalan ≥ %s × bulan ÷ 12. Kabupaten/kota adalah kabupaten/kota pegawai menurut data pegawai, bukan lokasi pelatihan.", "Every PNS has the right and duty to at least %s JP of competency development a year (PP 11/2017 art. 203(4), amended by PP 17/2020). JP counts attendance with status Hadir by the training's end date, year to date from 1 January to the end of the report month. \"On track\" means JP year to date ≥ %s × month ÷ 12. The district is the staff member's roster district, not the training location."},
	"method.ikm":              {"IKM = 25 × Σ NRR unsur ÷ 9 dengan bobot tepat 1/9 untuk tiap unsur U1–U9 (PermenPANRB 14/2017 mencetak bobot 0,11 yang dibulatkan; itu membuat hasil sekitar 1 %% lebih rendah). Kategori: A ≥ 88,31; B ≥ 76,61; C ≥ 65,00; selain itu D, diklasifikasi dari nilai yang belum dibulatkan. Kecukupan sampel menurut tabel Krejcie–Morgan.", "IKM = 25 × Σ element NRR ÷ 9 with the exact 1/9 weight for each element U1–U9 (PermenPANRB 14/2017 prints the weight rounded to 0.11, which makes results about 1%% low). Categories: A ≥ 88.31; B ≥ 76.61; C ≥ 65.00; otherwise D, classified from the unrounded value. Sample adequacy by the Krejcie–Morgan table."},
	"method.followup":         {"Tindak lanjut: pegawai dengan predikat Butuh Perbaikan, Kurang/Misconduct atau Sangat Kurang yang mengikuti pelatihan dalam %d hari setelah akhir periode penilaian; hanya yang jendela waktunya sudah lengkap yang dihitung.", "Follow-up: staff rated Butuh Perbaikan, Kurang/Misconduct or Sangat Kurang who attended training within %d days after the end of the evaluation period; only complete windows count."},
	"method.asof":             {"Data per %s. Laporan ini memakai %d unggahan yang berlaku (revisi terakhir tiap instansi, jenis dan bulan) untuk 12 bulan s.d. bulan laporan; batas unggah tanggal %d bulan berikutnya pukul 23.59 WIT.", "Data as of %s. This report uses %d current uploads (the latest revision per agency, kind and month) for the 12 months up to the report month; uploads are due by day %d of the next month, 23:59 WIT."},
	"method.uploads":          {"Unggahan yang dipakai", "Uploads used"},
	"method.csv":              {"Tabel angka lengkap ada di folder data/ di samping laporan ini (CSV) dan di ringkasan Excel.", "The full figure tables are in the data/ folder beside this report (CSV) and in the Excel summary."},
	"index.title":             {"Laporan Pantau — semua bulan", "Pantau reports — all months"},
	"index.period":            {"Bulan", "Month"},
	"index.generated":         {"Disusun", "Generated"},
	"index.revised":           {"Direvisi", "Revised"},
	"index.revised.mark":      {"data berubah sejak dilaporkan", "data changed since reported"},
	"index.note":              {"Tanda ● direvisi: unggahan yang mendasari bulan itu berubah setelah laporannya disusun; susun ulang dengan pantau report --period.", "Mark ● revised: the uploads behind that month changed after its report was generated; regenerate with pantau report --period."},
	"index.none":              {"Belum ada laporan.", "No reports yet."},
	"xlsx.summary":            {"Ringkasan", "Summary"},
	"xlsx.figure":             {"Indikator", "Indicator"},
	"xlsx.value":              {"Nilai", "Value"},
	"xlsx.prev":               {"Bulan lalu", "Last month"},
	"xlsx.change":             {"Perubahan", "Change"},
	"xlsx.period":             {"Bulan laporan", "Report month"},
	"xlsx.asof":               {"Data per", "Data as of"},
	"agency.title":            {"Pegawai belum sesuai jalur 20 JP — %s — %s", "Staff not on track for 20 JP — %s — %s"},
	"agency.note":             {"Daftar ini hanya untuk instansi yang bersangkutan (memuat data pribadi, UU 27/2022). Sesuai jalur = JP tahun berjalan ≥ %s.", "This list is for the agency concerned only (personal data, UU 27/2022). On track = JP year to date ≥ %s."},
	"agency.nip":              {"NIP", "NIP"},
	"agency.name":             {"Nama", "Name"},
	"agency.unit":             {"Unit kerja", "Work unit"},
	"agency.district":         {"Kabupaten/kota", "District"},
	"agency.jp":               {"JP tahun berjalan", "JP year to date"},
	"agency.need":             {"Kekurangan JP untuk jalur", "JP short of track"},
	"agency.needyear":         {"Kekurangan JP untuk 20 JP", "JP short of 20 JP"},
}
