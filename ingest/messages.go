// Agency messages: every text an agency reads from ingest — why a file was
// rejected, each row problem, the header and period problems, the warnings
// and notes, and the month sentences that open a receipt and `pantau
// validate` output. They are in Indonesian, and in this one file so that
// they can be reviewed and reworded together; TestAgencyMessagesInOneFile
// keeps them here. The template's and the receipt workbook's own wording
// (template*.go, receipt*.go) and the reference-data messages
// (reference.go) are documents and stay with them.

package ingest

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/pantau-asn/pantau/internal/domain"
)

// File rejected: the file cannot be opened or is not a workbook.
const (
	// msgBookInvalid rejects a workbook whose reading panicked.
	msgBookInvalid = "File tidak dapat dibaca (isi buku kerja tidak sah). Buka dan simpan ulang di Excel sebagai .xlsx, lalu kirim ulang."
	// msgFileEmpty rejects a file of 0 bytes.
	msgFileEmpty = "File kosong (0 byte). Simpan ulang buku kerja di Excel lalu kirim ulang."
	// msgEncrypted rejects a password-protected workbook.
	msgEncrypted = "File dilindungi kata sandi sehingga tidak dapat dibaca. Buka di Excel, hapus kata sandinya " +
		"(File › Info › Lindungi Buku Kerja › Enkripsi dengan Kata Sandi, kosongkan), simpan, lalu kirim ulang."
	// msgDamaged rejects a workbook that is broken in no more specific way.
	msgDamaged = "File rusak atau tidak lengkap sehingga tidak dapat dibaca. Buka di Excel dan simpan ulang sebagai .xlsx, lalu kirim ulang."
	// msgCorrupt rejects an inbox file that cannot be read at all.
	msgCorrupt = "Berkas tidak dapat dibaca (rusak atau bukan buku kerja Excel yang utuh). Buka di Excel, simpan ulang sebagai .xlsx, lalu unggah ulang."
	// msgSaveAsXLSX is how every "not a workbook" message ends when Excel
	// can open the file.
	msgSaveAsXLSX = "Buka di Excel, pilih Simpan Sebagai › \"Excel Workbook (*.xlsx)\", lalu kirim ulang."
	// msgWord rejects a Word document.
	msgWord = "File ini dokumen Word, bukan buku kerja Excel. Salin tabelnya ke Excel (lebih baik: isi template dari BKN), " +
		"simpan sebagai .xlsx, lalu kirim ulang."
	// msgSlides rejects a PowerPoint presentation.
	msgSlides = "File ini presentasi PowerPoint, bukan buku kerja Excel. Kirim datanya dalam file Excel .xlsx (isi template dari BKN)."
	// msgZip rejects a plain zip archive.
	msgZip = "File ini arsip ZIP biasa, bukan buku kerja Excel. Ekstrak isinya, lalu kirim file .xlsx di dalamnya satu per satu."
	// msgSheetRows rejects a sheet beyond Excel's row limit.
	msgSheetRows = "Lembar kerja melebihi batas baris Excel (1.048.576); bagi data menjadi beberapa file."
	// msgOldWord rejects an old Word document (.doc).
	msgOldWord = "File ini dokumen Word lama (.doc), bukan buku kerja Excel. Salin tabelnya ke Excel " +
		"(lebih baik: isi template dari BKN), simpan sebagai .xlsx, lalu kirim ulang."
	// msgOldSlides rejects an old PowerPoint presentation (.ppt).
	msgOldSlides = "File ini presentasi PowerPoint lama (.ppt), bukan buku kerja Excel. Kirim datanya dalam file Excel .xlsx (isi template dari BKN)."
	// msgOldXLS rejects an old Excel workbook (.xls) told by its bytes.
	msgOldXLS = "File ini buku kerja Excel lama (.xls, Excel 97-2003). Buka di Excel, pilih Simpan Sebagai › \"Excel Workbook (*.xlsx)\", lalu kirim file .xlsx-nya."
	// msgPDF rejects a PDF document.
	msgPDF = "File ini dokumen PDF, bukan buku kerja Excel; isi PDF tidak dapat dibaca sebagai data. " +
		"Kirim file Excel (.xlsx) aslinya, atau isi template dari BKN (di folder template/ dalam outbox instansi Anda), lalu kirim ulang."
	// msgUnicodeText rejects UTF-16 text.
	msgUnicodeText = "File ini berisi teks Unicode (mis. \"Teks Unicode\" atau CSV dari program lain), bukan buku kerja Excel. " + msgSaveAsXLSX
	// msgXMLSpreadsheet rejects an "XML Spreadsheet 2003" file.
	msgXMLSpreadsheet = "File ini \"XML Spreadsheet 2003\", bukan buku kerja Excel .xlsx. " + msgSaveAsXLSX
	// msgHTML rejects a web page named .xlsx.
	msgHTML = "File ini halaman web (HTML), bukan buku kerja Excel, walaupun namanya .xlsx (sering dari aplikasi yang " +
		"mengekspor \"Excel\"). " + msgSaveAsXLSX
	// msgPlainText rejects a text file such as a CSV.
	msgPlainText = "File ini berisi teks (mis. CSV), bukan buku kerja Excel. " + msgSaveAsXLSX
)

// msgFileOpen rejects a file that cannot be opened, with the system's detail.
func msgFileOpen(detail string) string { return "File tidak dapat dibuka: " + detail }

// msgPathOpen rejects a file given to Check that cannot be opened.
func msgPathOpen(detail string) string { return "Berkas tidak dapat dibuka: " + detail }

// msgFileUnreadable rejects a file that cannot be read, with the detail.
func msgFileUnreadable(detail string) string { return "File tidak dapat dibaca: " + detail }

// msgFileTooLarge rejects a file above the read limit (a size label).
func msgFileTooLarge(limit string) string {
	return "File lebih besar dari batas " + limit + "; bagi data menjadi beberapa file."
}

// msgTooLarge rejects an inbox file above the size limit, in bytes.
func msgTooLarge(size, limit int64) string {
	return fmt.Sprintf("Berkas terlalu besar: %.1f MB, batas %.1f MB. Hapus lembar, gambar dan format yang tidak perlu, "+
		"simpan sebagai .xlsx, lalu unggah ulang; bila tetap terlalu besar, hubungi operator Pantau.",
		float64(size)/(1<<20), float64(limit)/(1<<20))
}

// msgFormat rejects a file by its extension.
func msgFormat(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".xls":
		return "File .xls (Excel 97-2003) tidak diterima. Buka di Excel, pilih Simpan Sebagai › \"Excel Workbook (*.xlsx)\", lalu kirim file .xlsx-nya."
	case ".csv", ".txt":
		return "File " + ext + " tidak diterima. Buka di Excel, pilih Simpan Sebagai › \"Excel Workbook (*.xlsx)\", lalu kirim file .xlsx-nya; lebih baik lagi, isi template dari BKN."
	case ".ods":
		return "File .ods (LibreOffice/OpenOffice) tidak diterima. Pilih File › Simpan Sebagai › \"Excel 2007-365 (.xlsx)\", lalu kirim file .xlsx-nya."
	}
	return "File " + ext + " bukan buku kerja Excel. Kirim data dalam file .xlsx (isi template dari BKN)."
}

// msgUnzipTooLarge rejects a workbook whose unzipped content is above the
// limits (size labels).
func msgUnzipTooLarge(limit, structLimit string) string {
	return "Isi file setelah dibuka lebih besar dari batas " + limit + " (atau " +
		structLimit + " untuk struktur buku kerja; mungkin file rusak atau \"zip bomb\"). " +
		"Bagi data menjadi beberapa file kecil lalu kirim ulang."
}

// msgAmbiguousParts rejects a package with two parts of one name.
func msgAmbiguousParts(detail string) string {
	return "File berisi dua bagian dengan nama yang sama (" + detail + "), sehingga tidak jelas mana yang dibaca; " +
		"file ini dibuat atau diubah oleh program lain. Buka di Excel, simpan ulang sebagai .xlsx, lalu kirim ulang."
}

// msgTooManySheets rejects a workbook of more than max sheets.
func msgTooManySheets(sheets string, max int) string {
	return fmt.Sprintf("Buku kerja berisi %s lembar, lebih dari batas %d lembar. Hapus lembar yang tidak perlu "+
		"atau pindahkan ke file lain (satu jenis data per file), lalu kirim ulang.", sheets, max)
}

// msgSharedStrings rejects a shared-strings table above its limits.
func msgSharedStrings(count, size string) string {
	return fmt.Sprintf("Tabel teks bersama (shared strings) file ini melebihi batas (%s teks atau %s); "+
		"mungkin file rusak. Bagi data menjadi beberapa file, atau buka di Excel dan simpan ulang sebagai .xlsx, lalu kirim ulang.",
		count, size)
}

// msgTextTooLarge rejects a sheet whose text is above the limit.
func msgTextTooLarge(limit string) string {
	return "Isi teks lembar kerja melebihi batas " + limit + " (teks yang sama dapat dipakai " +
		"berulang di banyak sel). Bagi data menjadi beberapa file kecil, atau periksa sel yang berisi teks sangat panjang, lalu kirim ulang."
}

// msgCellTooLong rejects a cell above Excel's length; where is
// msgSomeCell, msgSharedText or msgCellAt.
func msgCellTooLong(where string) string {
	return "File rusak: " + where + " berisi lebih dari 32.767 karakter, batas satu sel di Excel. " +
		"Buka file di Excel, periksa sel tersebut, simpan ulang sebagai .xlsx, lalu kirim ulang."
}

// msgSomeCell is a cell msgCellTooLong cannot name.
const msgSomeCell = "Sebuah sel"

// msgSharedText names shared string n for msgCellTooLong.
func msgSharedText(n string) string { return "Sebuah teks bersama (nomor " + n + ")" }

// msgCellAt names a cell for msgCellTooLong.
func msgCellAt(cell string) string { return "Sel " + cell }

// msgSharedStringIndex rejects a cell pointing past the shared strings.
func msgSharedStringIndex(cell string) string {
	return "File rusak: sel " + cell + " merujuk teks bersama (shared string) yang tidak ada di file. " +
		"Buka di Excel dan simpan ulang sebagai .xlsx, lalu kirim ulang."
}

// msgCellOrder rejects a row with a cell written twice or out of order.
func msgCellOrder(cell string) string {
	return "File rusak: sel " + cell + " tertulis dua kali (atau tidak berurutan) dalam satu baris, sehingga tidak jelas " +
		"nilai mana yang benar. Buka di Excel dan simpan ulang sebagai .xlsx, lalu kirim ulang."
}

// msgEncoding rejects a workbook in a text encoding other than UTF-8.
func msgEncoding(encoding string) string {
	return "File rusak: isinya memakai pengkodean teks \"" + encoding + "\" yang tidak didukung (buku kerja Excel memakai UTF-8); " +
		"file ini dibuat oleh program lain. Buka di Excel dan simpan ulang sebagai .xlsx, lalu kirim ulang."
}

// msgPicture rejects an image (of kind pic).
func msgPicture(pic string) string {
	return "File ini gambar (" + pic + "), bukan buku kerja Excel; foto atau tangkapan layar tabel tidak dapat dibaca sebagai data. " +
		"Kirim file Excel (.xlsx) aslinya, atau isi template dari BKN (di folder template/ dalam outbox instansi Anda), lalu kirim ulang."
}

// msgArchive rejects an archive (of kind arc).
func msgArchive(arc string) string {
	return "File ini arsip " + arc + ", bukan buku kerja Excel. Ekstrak isinya, lalu kirim file .xlsx di dalamnya satu per satu."
}

// File rejected: the sending agency is not known.

// msgPassAgency ends every message of a file whose agency Check cannot tell.
const msgPassAgency = "Sebutkan kode instansinya: pantau validate --agency KODE BERKAS (mis. --agency kota-ambon)."

// msgNoAgencyNamed rejects a file outside the inbox whose rows name no agency.
const msgNoAgencyNamed = "Instansi pengirim tidak dapat ditentukan: berkas tidak berada di folder inbox/<kode-instansi>/ " +
	"data Pantau dan kolom Kode Instansi kosong atau tidak ada. " + msgPassAgency

// msgAgencyNotRegistered rejects a file whose rows name an unknown agency.
func msgAgencyNotRegistered(named string) string {
	return "Instansi pengirim tidak dapat ditentukan: kolom Kode Instansi berisi \"" + named +
		"\", yang bukan kode instansi yang terdaftar di data referensi Pantau. " + msgPassAgency
}

// msgManyAgencies rejects a file whose rows name several agencies (codes,
// joined).
func msgManyAgencies(codes string) string {
	return "Instansi pengirim tidak dapat ditentukan: kolom Kode Instansi menyebut lebih dari satu instansi (" +
		codes + "); satu berkas hanya untuk satu instansi. " + msgPassAgency
}

// msgBadAgencyFolder rejects an inbox folder that is not an agency code.
func msgBadAgencyFolder(agency string) string {
	return fmt.Sprintf("Nama folder %q bukan kode instansi yang sah (huruf kecil, angka dan tanda hubung, misalnya kota-ambon). "+
		"Simpan berkas di folder instansi Anda: inbox/<kode-instansi>/.", agency)
}

// msgUnknownAgencyFolder rejects an inbox folder of an unregistered agency.
func msgUnknownAgencyFolder(agency string) string {
	return fmt.Sprintf("Folder %q bukan kode instansi yang terdaftar di data referensi Pantau. "+
		"Simpan berkas di folder instansi Anda (inbox/<kode-instansi>/) atau minta operator menambahkan instansi ini ke referensi.xlsx.", agency)
}

// Header: the sheet and its column titles.
const (
	// msgWorkbookEmpty rejects a workbook with neither titles nor rows.
	msgWorkbookEmpty = "Buku kerja kosong: tidak ada judul kolom maupun baris data. Isi template dari BKN lalu kirim ulang."
	// msgUnknownHeaders starts the rejection of a sheet of no known kind.
	msgUnknownHeaders = "Judul kolom tidak dikenali sebagai data pegawai, kehadiran, evaluasi atau survei."
	// msgNoUnits notes that survey unit codes were not checked.
	msgNoUnits = "Data referensi belum memuat unit layanan; kode unit layanan tidak diperiksa."
)

// msgClosestKind follows msgUnknownHeaders: the kind most alike and the
// required columns it lacks (joined).
func msgClosestKind(kind, missing string) string {
	return " Paling mirip " + kind + ", tetapi kolom wajib ini tidak ada: " + missing + "."
}

// msgHeadersRead follows msgUnknownHeaders: the titles that were read.
func msgHeadersRead(found string) string { return " Judul kolom yang terbaca: " + found + "." }

// msgRequiredPerKind ends msgUnknownHeaders: each kind's required columns
// and the template advice.
func msgRequiredPerKind(expected, advice string) string {
	return " Kolom wajib tiap jenis — " + expected + ". " + advice
}

// msgAmbiguousSheet rejects a workbook with data in several sheets (names,
// quoted and joined).
func msgAmbiguousSheet(names string) string {
	return "Lebih dari satu lembar berisi data (" + names +
		"). Kirim satu jenis data dalam satu lembar per file: hapus atau pindahkan lembar lainnya ke file tersendiri."
}

// msgHeaderCut notes a header row cut at max columns.
func msgHeaderCut(max int) string {
	return fmt.Sprintf("Baris judul kolom berisi lebih dari %d kolom; hanya %d kolom pertama yang dibaca, "+
		"dan hanya kolom itu yang disalin ke tanda terima ini. Hapus kolom kosong atau yang tidak perlu di sebelah kanan.",
		max, max)
}

// msgUnknownColumns notes the ignored columns (joined).
func msgUnknownColumns(list string) string {
	return "Kolom berikut tidak dikenal dan diabaikan: " + list + "."
}

// msgKindMismatch notes a file name saying one kind of a sheet of another.
func msgKindMismatch(hint, kind string) string {
	return "Nama file menyebut " + hint + ", tetapi judul kolomnya adalah data " + kind + "; dibaca sebagai " + kind + "."
}

// msgAnswerMapping notes how survey answer columns were mapped (parts,
// joined).
func msgAnswerMapping(parts string) string {
	return "Pemetaan kolom jawaban survei (menurut nama unsur, atau nomor U bila hanya nomor yang tertulis): " + parts + "."
}

// msgAnswerByName notes a U-numbered column read by its element's name.
func msgAnswerByName(header string, e int, element string) string {
	return "Kolom \"" + header + "\" dibaca sebagai U" + itoa(e) + " (" + element +
		") menurut nama unsurnya, bukan menurut nomornya."
}

// Header: the reporting period.

// msgPeriodHow is the advice on naming a file so that its period is known.
const msgPeriodHow = "Beri nama file dengan jenis dan periode, mis. kehadiran_2026-10.xlsx atau \"Kehadiran Oktober 2026.xlsx\", " +
	"atau tulis \"Periode: Oktober 2026\" di atas baris judul kolom."

// Where a file names more than one month, for msgPeriodConflict.
const (
	msgWhereName         = "nama file"
	msgWhereNameAndTitle = "nama file dan judul di lembar kerja"
	msgWhereTitle        = "judul di lembar kerja"
)

// msgNoPeriod rejects a file whose period nothing tells.
const msgNoPeriod = "Periode laporan tidak dapat ditentukan dari nama file, judul, maupun isi. " + msgPeriodHow

// msgPeriodConflict rejects a file whose name or title names several
// months (labels, joined).
func msgPeriodConflict(where, periods string) string {
	return "Periode laporan tidak jelas: " + where + " menyebut lebih dari satu bulan (" +
		periods + "). Satu file berisi satu bulan. " + msgPeriodHow
}

// msgPeriodManyMonths rejects a file whose row dates span several months.
func msgPeriodManyMonths(periods string) string {
	return "Periode laporan tidak dapat ditentukan: nama file tidak menyebut periode dan tanggal di baris data mencakup beberapa bulan (" +
		periods + "). " + msgPeriodHow
}

// msgPeriodFromRows notes a period told by the rows' dates.
func msgPeriodFromRows(period string) string {
	return "Periode " + period + " ditentukan dari tanggal di baris data, karena nama file tidak menyebut periode."
}

// Rows: the file's rows as a whole.

// msgNumberingRow notes a skipped row of column numbers.
func msgNumberingRow(n int) string {
	return "Baris " + itoa(n) + " berisi nomor kolom (1, 2, 3, …) dan dilewati."
}

// msgTooManyRows rejects a file of more than max data rows.
func msgTooManyRows(max int) string {
	return fmt.Sprintf("File berisi lebih dari %d baris data; bagi menjadi beberapa file (mis. per unit kerja) lalu kirim ulang.", max)
}

// msgProblemsClipped notes that only the first kept of bad problem rows
// are listed.
func msgProblemsClipped(kept, bad int) string {
	return fmt.Sprintf("Hanya %d baris bermasalah pertama yang dicantumkan; semuanya %d.", kept, bad)
}

// msgNoDataRows rejects a file with no row below its header row.
func msgNoDataRows(headerRow int) string {
	return "Tidak ada baris data di bawah judul kolom (baris " + itoa(headerRow) + "). Isi data mulai baris berikutnya lalu kirim ulang."
}

// msgTooManyBadRows rejects a file with bad of read rows bad, share and
// limit as percentages.
func msgTooManyBadRows(bad, read int, share, limit string) string {
	return fmt.Sprintf("%d dari %d baris (%s) bermasalah, lebih dari batas %s; seluruh file ditolak. "+
		"Perbaiki baris yang tercantum lalu kirim ulang seluruh file.", bad, read, share, limit)
}

// msgAllRowsBad rejects a file whose n rows are all bad.
func msgAllRowsBad(n int) string {
	return fmt.Sprintf("Semua %d baris bermasalah; tidak ada baris yang dapat diterima. "+
		"Perbaiki baris yang tercantum lalu kirim ulang seluruh file.", n)
}

// Cell and row problems.

// msgExampleRow rejects the template's example row.
const msgExampleRow = "Baris ini adalah baris contoh dari template; hapus atau timpa dengan data Anda"

// msgRequired is a required column left blank.
func msgRequired(col string) string { return col + " wajib diisi" }

// nipMessage is the sentence for an NIP error.
func nipMessage(err error) string {
	switch {
	case errors.Is(err, ErrNIPNumber):
		return "NIP harus 18 digit; kolom ini terbaca sebagai angka — format kolom sebagai Teks, lalu ketik ulang NIP lengkap"
	case errors.Is(err, domain.ErrNIPLength), errors.Is(err, ErrNIP):
		return "NIP harus 18 digit angka (spasi boleh), mis. 19860926 201505 1 001"
	case errors.Is(err, domain.ErrNIPDigits):
		return "NIP hanya boleh berisi angka (spasi dan titik boleh)"
	case errors.Is(err, domain.ErrNIPBirthDate):
		return "NIP tidak sah: 8 digit pertama harus tanggal lahir (TTTTBBHH)"
	case errors.Is(err, domain.ErrNIPAppoint):
		return "NIP tidak sah: digit 9-14 harus TMT pengangkatan (PNS: TTTTBB; PPPK: TTTT diikuti 21-29)"
	case errors.Is(err, domain.ErrNIPSex):
		return "NIP tidak sah: digit ke-15 (jenis kelamin) harus 1 atau 2"
	}
	return "NIP tidak sah"
}

// msgNotDate is a date cell that does not read as a date.
func msgNotDate(col, raw string) string {
	return col + " \"" + raw + "\" bukan tanggal yang sah; tulis hh/bb/tttt (hari dulu), mis. 05/10/2026, atau format sel sebagai Tanggal"
}

// msgNotNumber is a number cell that does not read as a number.
func msgNotNumber(col, raw string) string {
	return col + " \"" + raw + "\" bukan angka; tulis angka saja, mis. 8 atau 8,5"
}

// msgNotInteger is a whole-number cell with a fraction.
func msgNotInteger(col string) string { return col + " harus bilangan bulat" }

// msgOutOfRange is a number outside the column's bounds.
func msgOutOfRange(col, raw string, min, max float64) string {
	return fmt.Sprintf("%s %s di luar batas %g sampai %g", col, raw, min, max)
}

// msgUnknownEnum is a value not among the column's choices (joined).
func msgUnknownEnum(col, raw, choices string) string {
	return col + " \"" + raw + "\" tidak dikenal; pilih salah satu: " + choices
}

// msgUnknownUnitCode is a unit code not in the reference data.
func msgUnknownUnitCode(col, raw string) string {
	return col + " \"" + raw + "\" tidak ada di data referensi unit layanan; periksa kodenya atau minta operator BKN menambahkannya"
}

// msgUnknownTraining is a training type that is not a SIASN one.
func msgUnknownTraining(col, raw string) string {
	return col + " \"" + raw + "\" tidak dikenal; tulis nama jenis diklat SIASN (mis. " +
		"Pelatihan, Workshop, Seminar, Bimbingan Teknis, Coaching, Mentoring, E-Learning) atau kodenya"
}

// msgUnknownEvalPeriod is an evaluation period that does not read.
func msgUnknownEvalPeriod(col, raw string) string {
	return col + " \"" + raw + "\" tidak dikenal; tulis mis. 2026-09, Triwulan III 2026, Semester I 2026 atau Tahunan 2025"
}

// msgBadAnswer is a survey answer that is neither 1-4 nor a label.
func msgBadAnswer(col, raw string) string {
	return col + " \"" + raw + "\" bukan jawaban yang sah; tulis 1-4 atau label jawabannya"
}

// msgOtherAgencyUnit is a service unit of another agency.
func msgOtherAgencyUnit(unit, owner, agency string) string {
	return "Unit layanan " + unit + " milik instansi " + owner + ", bukan " + agency +
		"; satu instansi hanya boleh mengirim data unitnya sendiri"
}

// msgOtherAgencyRow is a row whose Kode Instansi is another agency's.
func msgOtherAgencyRow(named, agency string) string {
	return "Baris ini milik instansi \"" + named + "\", bukan " + agency +
		" (folder kiriman); satu instansi hanya boleh mengirim datanya sendiri — hapus baris ini atau perbaiki kodenya"
}

// msgDuplicateRow is a row equal to row first on the key columns (joined).
func msgDuplicateRow(first int, columns string) string {
	return "Baris ini sama dengan baris " + itoa(first) + " (" + columns + " sama); hapus salah satu"
}

// Cross-column checks: pegawai.

// msgASNMismatch is a Jenis ASN that the NIP contradicts.
func msgASNMismatch(asn, fromNIP string) string {
	return "Jenis ASN " + asn + " tidak sesuai dengan NIP, yang menunjukkan " + fromNIP +
		"; periksa NIP atau kosongkan kolom Jenis ASN"
}

// Cross-column checks: kehadiran.

// msgJPPositive is a training of no hours.
const msgJPPositive = "JP harus lebih dari 0"

// msgEndBeforeStart is a training ending before it starts.
func msgEndBeforeStart(end, start string) string {
	return "Tanggal Selesai (" + end + ") lebih awal dari Tanggal Mulai (" + start + "); periksa urutan tanggal"
}

// msgTrainingOutside is a training ending outside the reporting month.
func msgTrainingOutside(end, period string) string {
	return "Tanggal Selesai " + end + " di luar periode laporan " +
		period + "; pelatihan dilaporkan pada bulan selesainya — kirim di file bulan itu"
}

// Cross-column checks: evaluasi.

// msgEvalPeriodOutside is an evaluation period not ending in the month.
func msgEvalPeriodOutside(p, end, period string) string {
	return "Periode Penilaian " + p + " berakhir " + end +
		", bukan di bulan laporan " + period + "; kirim evaluasi ini di file bulan berakhirnya periode"
}

const (
	// msgPredikatOrRatings is an evaluation with one rating and no predikat.
	msgPredikatOrRatings = "Isi Predikat, atau kedua rating (Rating Hasil Kerja dan Rating Perilaku)"
	// msgPredikatEmpty is an evaluation with neither predikat nor ratings.
	msgPredikatEmpty = "Predikat kosong; isi Predikat atau kedua rating (Rating Hasil Kerja dan Rating Perilaku)"
)

// msgPredikatMismatch is a predikat the two ratings contradict.
func msgPredikatMismatch(pred, hasil, perilaku, want string) string {
	return "Predikat " + pred + " tidak sesuai dengan rating (hasil kerja " + hasil +
		", perilaku " + perilaku + " → " + want + "); perbaiki predikat atau rating"
}

// Cross-column checks: survei.
const (
	// msgUnitRequired is a survey row with neither unit code nor name.
	msgUnitRequired = "Kode Unit Layanan atau Unit Layanan wajib diisi"
	// msgNoAnswers is a survey row without any answer.
	msgNoAnswers = "Baris ini tidak berisi jawaban U1-U9; isi minimal satu jawaban (1-4) atau hapus barisnya"
)

// msgSurveyOutside is a survey date outside the reporting month.
func msgSurveyOutside(date, period string) string {
	return "Tanggal " + date + " di luar periode laporan " + period +
		"; kirim jawaban ini di file bulan survei itu"
}

// msgUnknownUnitName is a unit name not in the reference data.
func msgUnknownUnitName(name string) string {
	return "Unit Layanan \"" + name + "\" tidak ada di data referensi; tulis kode unit layanan (kolom Kode Unit Layanan) sesuai referensi"
}

// Month placement and repeats.

// Where a file said it replaces or adds to its month (placement.Said).
const (
	msgSaidFileName   = "nama berkas"
	msgSaidSheetTitle = "judul lembar kerja"
)

const (
	// msgSameRowsListed says a file's repeated rows are on its receipt.
	msgSameRowsListed = " Baris yang sama tercantum di lembar \"Peringatan\"."
	// msgNotCountedTwice ends a repeated row's reason (after msgAlreadySent).
	msgNotCountedTwice = "; tidak dihitung dua kali."
	// msgNoRowsAccepted rejects a file left with no row: once its repeats
	// are dropped, or when the reader accepted none.
	msgNoRowsAccepted = "Tidak ada baris yang dapat diterima."
	// msgRejectedNoData opens the receipt of a rejected file of no known
	// kind or period.
	msgRejectedNoData = "Ditolak; tidak ada data yang berubah."
	// msgPreviousUpload is what a replacement replaced when nothing is known.
	msgPreviousUpload = "kiriman sebelumnya"
	// msgNoCurrentUpload is a month that holds nothing yet.
	msgNoCurrentUpload = "belum ada kiriman yang berlaku"
)

// msgAlreadySent is a row already current, from file's row, received at.
func msgAlreadySent(file string, row int, at string) string {
	return fmt.Sprintf("Baris ini sudah dikirim di berkas %q (baris %d, diterima %s)", file, row, at)
}

// msgHeldBack opens the reason of a held-back file: shared of its newRows
// rows are among the month's curRows rows in files files.
func msgHeldBack(shared, newRows, files, curRows int) string {
	return fmt.Sprintf("Berkas ditahan; tidak ada yang berubah. %d dari %d barisnya sudah ada di kiriman bulan ini (%d berkas, %d baris), "+
		"tetapi berkas ini juga tidak memuat hampir semua baris bulan itu, sehingga tidak jelas apakah ini tambahan atau perbaikan.",
		shared, newRows, files, curRows)
}

// msgHeldBackRename ends a held-back file's reason: the file's name for a
// revision and for an addition.
func msgHeldBackRename(revisi, tambahan string) string {
	return fmt.Sprintf(" Bila berkas ini menggantikan SELURUH kiriman bulan ini, beri kata \"revisi\" pada namanya (mis. %s); "+
		"bila berisi baris tambahan, beri kata \"tambahan\" (mis. %s) — baris yang sudah ada akan ditolak sebagai duplikat. Lalu kirim ulang.",
		revisi, tambahan)
}

// msgAllRepeated rejects a file whose n rows are all current already.
func msgAllRepeated(n int) string {
	return fmt.Sprintf("Semua %d baris berkas ini sudah ada di kiriman bulan ini; tidak ada yang ditambahkan. "+
		"Baris yang sama tercantum di lembar \"Peringatan\".", n)
}

// Month sentences: a receipt's first line; what is the kind and period,
// month what the month holds (monthTotals.text).

// msgSameAsBefore is a duplicate of an earlier upload.
func msgSameAsBefore(what, month string) string {
	return fmt.Sprintf("Sama persis dengan kiriman sebelumnya; %s tidak berubah (%s).", what, month)
}

// msgHeldBackMonth is a held-back file: shared of its read rows repeat.
func msgHeldBackMonth(shared, read int, what, month string) string {
	return fmt.Sprintf("Ditahan: %d dari %d baris sama dengan kiriman %s yang sudah diterima; tidak ada yang berubah (%s). "+
		"Beri kata \"revisi\" atau \"tambahan\" pada nama berkas lalu kirim ulang.", shared, read, what, month)
}

// msgRejectedMonth is a rejected file of a known kind and period.
func msgRejectedMonth(what, month string) string {
	return fmt.Sprintf("Ditolak; %s tidak berubah (%s).", what, month)
}

// msgReplaces is a replacement (replaced: msgReplacedOne and the like).
func msgReplaces(replaced, month string) string {
	return fmt.Sprintf("Menggantikan %s; kini %s.", replaced, month)
}

// msgFirstUpload is the month's first upload.
func msgFirstUpload(what, month string) string {
	return fmt.Sprintf("Kiriman pertama %s; kini %s.", what, month)
}

// msgAddedTo is an addition to the month.
func msgAddedTo(what, month string) string {
	return fmt.Sprintf("Ditambahkan ke %s; kini %s.", what, month)
}

// msgLate ends the sentence of a file received after the deadline.
func msgLate(deadline string) string {
	return fmt.Sprintf(" Diterima setelah batas waktu (%s).", deadline)
}

// msgReplacedOne names the one upload a replacement replaced.
func msgReplacedOne(at, file string, rows int) string {
	return fmt.Sprintf("kiriman %s (%s, %d baris)", at, file, rows)
}

// msgReplacedMany names the n uploads a replacement replaced.
func msgReplacedMany(n int, last string, rows int) string {
	return fmt.Sprintf("%d kiriman bulan ini (terakhir %s, semuanya %d baris)", n, last, rows)
}

// msgMonthTotals is what a month holds.
func msgMonthTotals(files, rows int) string {
	return fmt.Sprintf("%d berkas, %d baris", files, rows)
}

// Warnings.

// msgNotInRoster warns of an NIP missing from the agency's roster.
func msgNotInRoster(nip string) string {
	return "NIP " + nip + " tidak ada di data pegawai instansi ini; periksa NIP atau kirim data pegawai terbaru"
}

// msgRosterName warns of a name other than the roster's for the NIP.
func msgRosterName(name, want, nip string) string {
	return "Nama \"" + name + "\" berbeda dengan data pegawai (\"" + want + "\") untuk NIP " + nip
}

// msgDuplicate is a duplicate's reason: the same bytes as file, received
// at received; replaced says that upload has since been replaced.
func msgDuplicate(file, received string, replaced bool) string {
	m := fmt.Sprintf("Berkas ini sama persis dengan unggahan sebelumnya (%s, diterima %s); tidak ada perubahan.", file, received)
	if replaced {
		m += " Unggahan itu sudah digantikan oleh unggahan yang lebih baru, yang tetap berlaku."
	}
	return m
}
