package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/pantau-asn/pantau/internal/lake"
)

// lang is the page language: ?lang=en or ?lang=id sets it (and a cookie
// keeps it), else the cookie, else Indonesian.
func lang(w http.ResponseWriter, r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "en" || l == "id" {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: l, Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, SameSite: http.SameSiteLaxMode})
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil && (c.Value == "en" || c.Value == "id") {
		return c.Value
	}
	return "id"
}

// statusKey is the text key of an upload status ("status.diterima_sebagian").
func statusKey(st lake.Status) string { return "status." + strings.ReplaceAll(string(st), " ", "_") }

// text looks up a page text in one language.
type text string

// S is the text of key; a missing key shows itself rather than a blank.
func (t text) S(key string) string {
	l, ok := texts[key]
	if !ok {
		return key
	}
	if t == "en" {
		return l[1]
	}
	return l[0]
}

// F is S with fmt verbs filled.
func (t text) F(key string, args ...any) string { return fmt.Sprintf(t.S(key), args...) }

// texts maps a key to its Indonesian and English text.
var texts = map[string][2]string{
	"app":             {"Pantau", "Pantau"},
	"lang.other":      {"English", "Bahasa Indonesia"},
	"lang.other.code": {"en", "id"},
	"logout":          {"Keluar", "Log out"},
	"signed.in":       {"Masuk sebagai", "Signed in as"},

	"login.title":    {"Masuk", "Log in"},
	"login.name":     {"Nama akun", "Account name"},
	"login.password": {"Kata sandi", "Password"},
	"login.submit":   {"Masuk", "Log in"},
	"login.bad":      {"Nama akun atau kata sandi salah.", "Wrong account name or password."},
	"login.disabled": {"Akun ini dinonaktifkan. Hubungi operator BKN.", "This account is disabled. Contact the BKN operator."},
	"login.throttled": {"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %d menit.",
		"Too many failed logins. Try again in %d minutes."},
	"login.help": {"Akun dibuat oleh operator BKN. Lupa kata sandi? Minta operator mengaturnya ulang.",
		"Accounts are created by the BKN operator. Forgot your password? Ask the operator to reset it."},

	"password.title":    {"Ganti kata sandi", "Change password"},
	"password.first":    {"Kata sandi Anda adalah kata sandi sekali pakai. Gantilah sebelum melanjutkan.", "Your password is a one-time password. Change it before going on."},
	"password.old":      {"Kata sandi sekarang", "Current password"},
	"password.new":      {"Kata sandi baru (paling sedikit 10 karakter)", "New password (at least 10 characters)"},
	"password.again":    {"Ulangi kata sandi baru", "New password again"},
	"password.submit":   {"Simpan", "Save"},
	"password.mismatch": {"Kedua kata sandi baru tidak sama.", "The two new passwords differ."},
	"password.weak":     {"Kata sandi baru terlalu lemah: paling sedikit 10 karakter, tidak sama dengan yang lama atau nama akun.", "The new password is too weak: at least 10 characters, not the old one or the account name."},
	"password.wrong":    {"Kata sandi sekarang salah.", "The current password is wrong."},
	"password.done":     {"Kata sandi sudah diganti.", "Password changed."},

	"nav.agency":    {"Beranda", "Home"},
	"nav.history":   {"Riwayat unggahan", "Upload history"},
	"nav.templates": {"Template", "Templates"},
	"nav.staff":     {"Daftar pegawai", "Staff list"},
	"nav.reports":   {"Laporan", "Reports"},
	"nav.status":    {"Status", "Status"},

	"agency.due":      {"Kiriman %s (batas waktu %s pukul 23.59 WIT)", "Uploads for %s (due %s, 23:59 WIT)"},
	"agency.nodue":    {"Instansi Anda tidak wajib mengirim data bulanan.", "Your agency has no monthly uploads due."},
	"agency.upload":   {"Unggah berkas", "Upload files"},
	"agency.drop":     {"Seret berkas .xlsx ke sini, atau pilih berkas:", "Drag .xlsx files here, or choose files:"},
	"agency.send":     {"Unggah", "Upload"},
	"agency.limit":    {"Paling banyak %d berkas sekali unggah, masing-masing paling besar %d MB.", "At most %d files per upload, each at most %d MB."},
	"agency.progress": {"Mengunggah…", "Uploading…"},

	"state.diterima":   {"diterima", "received"},
	"state.sebagian":   {"diterima sebagian", "partly received"},
	"state.ditolak":    {"ditolak", "rejected"},
	"state.belum":      {"belum dikirim", "not sent yet"},
	"state.terlambat":  {"terlambat", "late"},
	"state.belum_tiba": {"belum tiba", "not arrived"},

	"result.title":     {"Hasil pemeriksaan", "Check result"},
	"result.placed":    {"Berkas sudah ditaruh di inbox sebagai %s. Tanda terima resmi dibuat oleh proses ingest berikutnya (biasanya dalam beberapa menit) dan muncul di riwayat.", "The file is in the inbox as %s. The official receipt is made by the next ingest run (usually within minutes) and appears in the history."},
	"result.notplaced": {"Berkas tidak disimpan.", "The file was not kept."},
	"result.status":    {"Status", "Status"},
	"result.kind":      {"Jenis", "Kind"},
	"result.period":    {"Periode", "Period"},
	"result.rows":      {"Baris", "Rows"},
	"result.rowsfmt":   {"%d dibaca, %d diterima, %d ditolak", "%d read, %d accepted, %d rejected"},
	"result.reason":    {"Alasan", "Reason"},
	"result.month":     {"Bulan ini", "This month"},
	"result.problems":  {"Baris yang ditolak", "Rejected rows"},
	"result.warnings":  {"Peringatan", "Warnings"},
	"result.row":       {"Baris", "Row"},
	"result.column":    {"Kolom", "Column"},
	"result.value":     {"Nilai", "Value"},
	"result.message":   {"Keterangan", "Message"},
	"result.more":      {"… dan %d lagi (lihat tanda terima).", "… and %d more (see the receipt)."},
	"result.again":     {"Unggah berkas lain", "Upload another file"},
	"result.none":      {"Tidak ada berkas yang dipilih.", "No file was chosen."},

	"status.diterima":          {"diterima", "accepted"},
	"status.diterima_sebagian": {"diterima sebagian", "partly accepted"},
	"status.ditolak":           {"ditolak", "rejected"},
	"status.duplikat":          {"duplikat", "duplicate"},

	"history.title":    {"Riwayat unggahan", "Upload history"},
	"history.waiting":  {"Menunggu diproses", "Waiting to be processed"},
	"history.received": {"Diterima", "Received"},
	"history.file":     {"Berkas", "File"},
	"history.receipt":  {"Tanda terima", "Receipt"},
	"history.download": {"unduh", "download"},
	"history.empty":    {"Belum ada unggahan.", "No uploads yet."},
	"history.replaced": {"digantikan", "replaced"},

	"templates.title": {"Template", "Templates"},
	"templates.help":  {"Template berisi kolom, daftar pilihan dan contoh untuk instansi Anda. Isi lembar Data lalu unggah.", "Each template has the columns, choices and examples for your agency. Fill in its Data sheet and upload it."},

	"staff.title":  {"Daftar pegawai", "Staff list"},
	"staff.source": {"Dari daftar pegawai periode %s (%d orang). Hanya instansi Anda yang melihat halaman ini.", "From the staff roster of %s (%d people). Only your agency sees this page."},
	"staff.none":   {"Belum ada daftar pegawai yang diterima.", "No staff roster received yet."},
	"staff.nip":    {"NIP", "NIP"},
	"staff.name":   {"Nama", "Name"},
	"staff.type":   {"Jenis", "Type"},
	"staff.unit":   {"Unit kerja", "Work unit"},
	"staff.job":    {"Jabatan", "Position"},
	"staff.status": {"Status", "Status"},

	"status.title": {"Status Pantau", "Pantau status"},

	"err.notfound":     {"Halaman tidak ditemukan.", "Page not found."},
	"err.crossorigin":  {"Permintaan dari situs lain ditolak.", "Requests from another site are refused."},
	"err.internal":     {"Terjadi kesalahan di server; sudah dicatat. Coba lagi nanti.", "Something went wrong on the server; it was logged. Try again later."},
	"err.toolarge":     {"Unggahan terlalu besar: paling banyak %d berkas, masing-masing %d MB.", "Upload too large: at most %d files, each %d MB."},
	"err.toomany":      {"Terlalu banyak berkas sekali unggah: paling banyak %d.", "Too many files at once: at most %d."},
	"err.filetoolarge": {"Berkas lebih besar dari %d MB; tidak disimpan. Pecah datanya menjadi beberapa berkas.", "The file is larger than %d MB; it was not kept. Split the data into several files."},
	"err.badname":      {"Nama berkas harus berakhiran .xlsx.", "The file name must end in .xlsx."},
}
