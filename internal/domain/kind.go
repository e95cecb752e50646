package domain

import "fmt"

// Kind is one of the four upload kinds agencies submit.
type Kind string

// The upload kinds, named as in the data contract (docs/uploads.md).
const (
	Pegawai   Kind = "pegawai"   // staff roster, a snapshot at the end of the period
	Kehadiran Kind = "kehadiran" // training attendance
	Evaluasi  Kind = "evaluasi"  // performance evaluations (SKP)
	Survei    Kind = "survei"    // public satisfaction survey responses (SKM)
)

// Kinds lists every upload kind in a fixed order.
var Kinds = []Kind{Pegawai, Kehadiran, Evaluasi, Survei}

// ParseKind returns the Kind named s.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("unknown kind %q (want pegawai, kehadiran, evaluasi or survei)", s)
}

// Label is the kind's Indonesian name for people.
func (k Kind) Label() string {
	switch k {
	case Pegawai:
		return "Data Pegawai"
	case Kehadiran:
		return "Kehadiran Pelatihan"
	case Evaluasi:
		return "Evaluasi Kinerja (SKP)"
	case Survei:
		return "Survei Kepuasan Masyarakat"
	}
	return string(k)
}
