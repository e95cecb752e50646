package ingest

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/internal/xlsx"
)

// maxKeptProblems and maxKeptBytes bound the rejected rows (and warnings)
// kept for the receipt, in number and in bytes of text, so that a huge
// all-bad file is still read in bounded memory; all are counted, and the
// receipt says how many were left out. 16 MiB is far more than anyone reads
// in a receipt, and no row of the first maxKeptProblems is dropped unless
// its cells are long.
const (
	maxKeptProblems = 50_000
	maxKeptBytes    = 16 << 20
)

// ReadFile reads the workbook at path. It never panics and never returns
// nil: every problem is in the Upload (Err for the whole file, Problems and
// Warnings for rows).
func ReadFile(path string, opts Options) *Upload {
	if opts.FileName == "" {
		opts.FileName = filepath.Base(path)
	}
	f, err := os.Open(path)
	if err != nil {
		u := newUpload(path, opts)
		return u.reject(ErrCorrupt, "File tidak dapat dibuka: "+err.Error())
	}
	defer f.Close()
	u := Read(f, opts)
	u.File = path
	if u.Err != nil {
		u.Err.File = path
	}
	for _, e := range u.Problems {
		e.File = path
	}
	for _, e := range u.Warnings {
		e.File = path
	}
	return u
}

// Read reads a workbook from r; opts.FileName names it (for the period and
// the messages). It never panics and never returns nil.
func Read(r io.Reader, opts Options) (u *Upload) {
	opts = opts.withDefaults()
	u = newUpload(opts.FileName, opts)
	defer func() {
		if p := recover(); p != nil {
			if u.Record != nil {
				u.Record.Release()
				u.Record = nil
			}
			u.Problems, u.Raw = nil, nil
			u.reject(ErrCorrupt, "File tidak dapat dibaca (isi buku kerja tidak sah). Buka dan simpan ulang di Excel sebagai .xlsx, lalu kirim ulang.")
		}
	}()
	if err := checkExtension(opts.FileName); err != nil {
		return u.reject(ErrFormat, formatMessage(opts.FileName))
	}
	limit := opts.MaxUnzipSize
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return u.reject(ErrCorrupt, "File tidak dapat dibaca: "+err.Error())
	}
	if int64(len(b)) > limit {
		return u.reject(ErrTooLarge, "File lebih besar dari batas "+sizeLabel(limit)+"; bagi data menjadi beberapa file.")
	}
	if len(b) == 0 {
		return u.reject(ErrEmpty, "File kosong (0 byte). Simpan ulang buku kerja di Excel lalu kirim ulang.")
	}
	if err, msg := sniff(b); err != nil {
		return u.reject(err, msg)
	}
	bk, err := xlsx.Open(b, opts.limits())
	if err != nil {
		return u.reject(openError(err, opts))
	}
	rd := newReader(bk, u, opts)
	rd.read()
	return u
}

func newUpload(file string, opts Options) *Upload {
	return &Upload{File: file, Agency: opts.Agency, Status: lake.Rejected}
}

// reject marks the whole upload rejected.
func (u *Upload) reject(err error, msg string) *Upload {
	u.Status = lake.Rejected
	u.Err = &FileError{File: u.File, Err: err, Message: msg}
	if u.Record != nil {
		u.Record.Release()
		u.Record = nil
	}
	u.RowsAccepted = 0
	return u
}

const (
	encryptedMessage = "File dilindungi kata sandi sehingga tidak dapat dibaca. Buka di Excel, hapus kata sandinya " +
		"(File › Info › Lindungi Buku Kerja › Enkripsi dengan Kata Sandi, kosongkan), simpan, lalu kirim ulang."
	corruptMessage = "File rusak atau tidak lengkap sehingga tidak dapat dibaca. Buka di Excel dan simpan ulang sebagai .xlsx, lalu kirim ulang."
)

// checkExtension accepts .xlsx and .xlsm (and a name without extension,
// left to the magic bytes).
func checkExtension(name string) error {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm", "":
		return nil
	}
	return ErrFormat
}

func formatMessage(name string) string {
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

// openError maps a workbook reading error to a cause and message.
func openError(err error, opts Options) (error, string) {
	detail := bookDetail(err)
	switch {
	case errors.Is(err, xlsx.ErrTooLarge):
		return ErrTooLarge, "Isi file setelah dibuka lebih besar dari batas " + sizeLabel(opts.MaxUnzipSize) + " (atau " +
			sizeLabel(min(opts.MaxXMLSize, xlsx.MaxStructPart)) + " untuk struktur buku kerja; mungkin file rusak atau \"zip bomb\"). " +
			"Bagi data menjadi beberapa file kecil lalu kirim ulang."
	case errors.Is(err, xlsx.ErrODS):
		return ErrFormat, formatMessage("x.ods")
	case errors.Is(err, xlsx.ErrWord):
		return ErrFormat, "File ini dokumen Word, bukan buku kerja Excel. Salin tabelnya ke Excel (lebih baik: isi template dari BKN), " +
			"simpan sebagai .xlsx, lalu kirim ulang."
	case errors.Is(err, xlsx.ErrSlides):
		return ErrFormat, "File ini presentasi PowerPoint, bukan buku kerja Excel. Kirim datanya dalam file Excel .xlsx (isi template dari BKN)."
	case errors.Is(err, xlsx.ErrZip):
		return ErrFormat, "File ini arsip ZIP biasa, bukan buku kerja Excel. Ekstrak isinya, lalu kirim file .xlsx di dalamnya satu per satu."
	case errors.Is(err, xlsx.ErrTooManyRows):
		return ErrTooManyRows, "Lembar kerja melebihi batas baris Excel (1.048.576); bagi data menjadi beberapa file."
	case errors.Is(err, xlsx.ErrAmbiguous):
		return ErrAmbiguousPackage, "File berisi dua bagian dengan nama yang sama (" + detail + "), sehingga tidak jelas mana yang dibaca; " +
			"file ini dibuat atau diubah oleh program lain. Buka di Excel, simpan ulang sebagai .xlsx, lalu kirim ulang."
	case errors.Is(err, xlsx.ErrTooManySheets):
		return ErrTooLarge, fmt.Sprintf("Buku kerja berisi %s lembar, lebih dari batas %d lembar. Hapus lembar yang tidak perlu "+
			"atau pindahkan ke file lain (satu jenis data per file), lalu kirim ulang.", detail, opts.MaxSheets)
	case errors.Is(err, xlsx.ErrSharedStrings):
		return ErrTooLarge, fmt.Sprintf("Tabel teks bersama (shared strings) file ini melebihi batas (%s teks atau %s); "+
			"mungkin file rusak. Bagi data menjadi beberapa file, atau buka di Excel dan simpan ulang sebagai .xlsx, lalu kirim ulang.",
			thousands(opts.MaxSharedStrings), sizeLabel(opts.MaxSharedStringBytes))
	case errors.Is(err, xlsx.ErrText):
		return ErrTooLarge, "Isi teks lembar kerja melebihi batas " + sizeLabel(opts.MaxTextBytes) + " (teks yang sama dapat dipakai " +
			"berulang di banyak sel). Bagi data menjadi beberapa file kecil, atau periksa sel yang berisi teks sangat panjang, lalu kirim ulang."
	case errors.Is(err, xlsx.ErrCellTooLong):
		where := "Sebuah sel"
		if strings.HasPrefix(detail, "sst ") {
			where = "Sebuah teks bersama (nomor " + strings.TrimPrefix(detail, "sst ") + ")"
		} else if detail != "" {
			where = "Sel " + detail
		}
		return ErrCorrupt, "File rusak: " + where + " berisi lebih dari 32.767 karakter, batas satu sel di Excel. " +
			"Buka file di Excel, periksa sel tersebut, simpan ulang sebagai .xlsx, lalu kirim ulang."
	case errors.Is(err, xlsx.ErrSharedStringIndex):
		return ErrCorrupt, "File rusak: sel " + detail + " merujuk teks bersama (shared string) yang tidak ada di file. " +
			"Buka di Excel dan simpan ulang sebagai .xlsx, lalu kirim ulang."
	case errors.Is(err, xlsx.ErrCellOrder):
		return ErrCorrupt, "File rusak: sel " + detail + " tertulis dua kali (atau tidak berurutan) dalam satu baris, sehingga tidak jelas " +
			"nilai mana yang benar. Buka di Excel dan simpan ulang sebagai .xlsx, lalu kirim ulang."
	case errors.Is(err, xlsx.ErrEncoding):
		return ErrCorrupt, "File rusak: isinya memakai pengkodean teks \"" + detail + "\" yang tidak didukung (buku kerja Excel memakai UTF-8); " +
			"file ini dibuat oleh program lain. Buka di Excel dan simpan ulang sebagai .xlsx, lalu kirim ulang."
	}
	return ErrCorrupt, corruptMessage
}

// bookDetail is the Detail of an *xlsx.Error in err, or "".
func bookDetail(err error) string {
	var xe *xlsx.Error
	if errors.As(err, &xe) {
		return xe.Detail
	}
	return ""
}

// thousands formats n the Indonesian way: 4.000.000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

// clipRunes shortens s to at most n runes, marking the cut with "…".
func clipRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}

func sizeLabel(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d byte", n)
}

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// looksLikeText reports whether the start of b is printable text (CSV, TSV).
func looksLikeText(b []byte) bool {
	if len(b) > 512 {
		b = b[:512]
	}
	for _, c := range b {
		if c < 0x09 || c > 0x0d && c < 0x20 {
			return false
		}
	}
	return true
}
