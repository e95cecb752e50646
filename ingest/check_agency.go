package ingest

import (
	"sort"
	"strings"

	"github.com/pantau-asn/pantau/internal/domain"
)

// agencyNamed tells the agency of a file read outside the inbox from the
// Kode Instansi values of its rows (Upload.Named): a code, in any case, or
// the agency's name in the reference data. Blank cells name no one; the
// rows must name exactly one agency. Otherwise it returns "" and the
// Indonesian reason, which says to pass --agency.
func agencyNamed(named []string, ref *domain.Reference) (string, string) {
	if len(named) == 0 {
		return "", msgNoAgencyNamed
	}
	codes := map[string]bool{}
	for _, v := range named {
		code, ok := agencyCode(v, ref)
		if !ok {
			return "", msgAgencyNotRegistered(v)
		}
		codes[code] = true
	}
	if len(codes) > 1 {
		list := make([]string, 0, len(codes))
		for c := range codes {
			list = append(list, c)
		}
		sort.Strings(list)
		return "", msgManyAgencies(strings.Join(list, ", "))
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
