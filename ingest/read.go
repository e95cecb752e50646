package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/pantau-asn/pantau/internal/lake"
)

// maxKeptProblems bounds the rejected rows kept for the receipt, so that a
// huge all-bad file is still read in bounded memory; all are counted.
const maxKeptProblems = 50_000

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
	switch {
	case len(b) == 0:
		return u.reject(ErrEmpty, "File kosong (0 byte). Simpan ulang buku kerja di Excel lalu kirim ulang.")
	case bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		if bytes.Contains(b, utf16le("EncryptionInfo")) {
			return u.reject(ErrEncrypted, encryptedMessage)
		}
		return u.reject(ErrFormat, "File ini buku kerja Excel lama (.xls, Excel 97-2003). Buka di Excel, pilih Simpan Sebagai › \"Excel Workbook (*.xlsx)\", lalu kirim file .xlsx-nya.")
	case !bytes.HasPrefix(b, []byte("PK")):
		if looksLikeText(b) {
			return u.reject(ErrFormat, "File ini berisi teks (mis. CSV), bukan buku kerja Excel. Buka di Excel, pilih Simpan Sebagai › \"Excel Workbook (*.xlsx)\", lalu kirim ulang.")
		}
		return u.reject(ErrCorrupt, corruptMessage)
	}
	bk, err := openBook(b, opts.MaxUnzipSize, opts.MaxXMLSize)
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
	switch {
	case errors.Is(err, errBookLarge):
		return ErrTooLarge, "Isi file setelah dibuka lebih besar dari batas " + sizeLabel(opts.MaxUnzipSize) + " (atau " +
			sizeLabel(opts.MaxXMLSize) + " per lembar; mungkin file rusak atau \"zip bomb\"). Bagi data menjadi beberapa file kecil lalu kirim ulang."
	case errors.Is(err, errBookODS):
		return ErrFormat, formatMessage("x.ods")
	case errors.Is(err, errBookRows):
		return ErrTooManyRows, "Lembar kerja melebihi batas baris Excel (1.048.576); bagi data menjadi beberapa file."
	}
	return ErrCorrupt, corruptMessage
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
