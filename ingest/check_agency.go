package ingest

import (
	"sort"
	"strings"

	"github.com/pantau-asn/pantau/internal/domain"
)

// msgPassAgency ends every message of a file whose agency Check cannot tell.
const msgPassAgency = "Sebutkan kode instansinya: pantau validate --agency KODE BERKAS (mis. --agency kota-ambon)."

// agencyNamed tells the agency of a file read outside the inbox from the
// Kode Instansi values of its rows (Upload.Named): a code, in any case, or
// the agency's name in the reference data. Blank cells name no one; the
// rows must name exactly one agency. Otherwise it returns "" and the
// Indonesian reason, which says to pass --agency.
func agencyNamed(named []string, ref *domain.Reference) (string, string) {
	if len(named) == 0 {
		return "", "Instansi pengirim tidak dapat ditentukan: berkas tidak berada di folder inbox/<kode-instansi>/ " +
			"data Pantau dan kolom Kode Instansi kosong atau tidak ada. " + msgPassAgency
	}
	codes := map[string]bool{}
	for _, v := range named {
		code, ok := agencyCode(v, ref)
		if !ok {
			return "", "Instansi pengirim tidak dapat ditentukan: kolom Kode Instansi berisi \"" + v +
				"\", yang bukan kode instansi yang terdaftar di data referensi Pantau. " + msgPassAgency
		}
		codes[code] = true
	}
	if len(codes) > 1 {
		list := make([]string, 0, len(codes))
		for c := range codes {
			list = append(list, c)
		}
		sort.Strings(list)
		return "", "Instansi pengirim tidak dapat ditentukan: kolom Kode Instansi menyebut lebih dari satu instansi (" +
			strings.Join(list, ", ") + "); satu berkas hanya untuk satu instansi. " + msgPassAgency
	}
	for c := range codes {
		return c, ""
	}
	return "", ""
}

// agencyCode resolves one Kode Instansi value: an agency of the reference
// data by code or name; without agencies in the reference, any well-formed
// code.
func agencyCode(v string, ref *domain.Reference) (string, bool) {
	if ref != nil && len(ref.Agencies) > 0 {
		for _, a := range ref.Agencies {
			if strings.EqualFold(a.Code, v) {
				return a.Code, true
			}
		}
		for _, a := range ref.Agencies {
			if normKey(a.Name) == normKey(v) {
				return a.Code, true
			}
		}
		return "", false
	}
	code := strings.ToLower(v)
	return code, domain.ValidAgencyCode(code)
}
