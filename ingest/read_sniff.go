package ingest

import (
	"bytes"
	"strings"
)

// sniff tells from its first bytes what a file that is not a zip is, so
// that the agency is told what it sent (a PDF, a picture, a web page, an
// old .xls) and what to send instead. It returns nil for a zip, which
// xlsx.Open reads.
func sniff(b []byte) (error, string) {
	head := b[:min(len(b), 1024)]
	has := func(prefix string) bool { return bytes.HasPrefix(b, []byte(prefix)) }
	switch {
	case has("PK\x03\x04"), has("PK\x05\x06"), has("PK"):
		return nil, ""
	case has("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"): // OLE2 compound file: old Office formats
		switch {
		case bytes.Contains(b, utf16le("EncryptionInfo")):
			return ErrEncrypted, msgEncrypted
		case bytes.Contains(b, utf16le("WordDocument")):
			return ErrFormat, msgOldWord
		case bytes.Contains(b, utf16le("PowerPoint Document")):
			return ErrFormat, msgOldSlides
		}
		return ErrFormat, msgOldXLS
	case bytes.Contains(head, []byte("%PDF-")):
		return ErrFormat, msgPDF
	}
	if pic := pictureKind(b); pic != "" {
		return ErrFormat, msgPicture(pic)
	}
	if arc := archiveKind(b); arc != "" {
		return ErrFormat, msgArchive(arc)
	}
	if has("\xFF\xFE") || has("\xFE\xFF") {
		return ErrFormat, msgUnicodeText
	}
	text := bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	lower := strings.ToLower(string(bytes.TrimLeft(text, " \t\r\n")))
	switch {
	case strings.HasPrefix(lower, "<?xml") && strings.Contains(string(b[:min(len(b), 4096)]), "urn:schemas-microsoft-com:office:spreadsheet"):
		return ErrFormat, msgXMLSpreadsheet
	case strings.HasPrefix(lower, "<html"), strings.HasPrefix(lower, "<!doctype html"), strings.HasPrefix(lower, "<table"),
		strings.HasPrefix(lower, "mime-version:"):
		return ErrFormat, msgHTML
	case looksLikeText(text):
		return ErrFormat, msgPlainText
	}
	return ErrCorrupt, msgDamaged
}

// pictureKind names the image format b starts with, or "".
func pictureKind(b []byte) string {
	has := func(prefix string) bool { return bytes.HasPrefix(b, []byte(prefix)) }
	switch {
	case has("\x89PNG\r\n\x1a\n"):
		return "PNG"
	case has("\xFF\xD8\xFF"):
		return "JPEG"
	case has("GIF87a"), has("GIF89a"):
		return "GIF"
	case has("II*\x00"), has("MM\x00*"):
		return "TIFF"
	case len(b) >= 12 && has("RIFF") && string(b[8:12]) == "WEBP":
		return "WebP"
	case len(b) >= 12 && string(b[4:8]) == "ftyp" && (string(b[8:12]) == "heic" || string(b[8:12]) == "heix" || string(b[8:12]) == "mif1"):
		return "HEIC"
	}
	return ""
}

// archiveKind names the (non-zip) archive format b starts with, or "".
func archiveKind(b []byte) string {
	has := func(prefix string) bool { return bytes.HasPrefix(b, []byte(prefix)) }
	switch {
	case has("Rar!\x1a\x07"):
		return "RAR"
	case has("7z\xBC\xAF\x27\x1C"):
		return "7-Zip"
	case has("\x1f\x8b"):
		return "gzip"
	}
	return ""
}
