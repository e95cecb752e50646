package ingest

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
)

// TestEnumsAreCanonical: the values ingest stores are internal/domain's —
// every enumeration, the forms of the training table and the evaluation
// period types — and every enumerated column's template hint names each of
// its values, so the hint cannot drift from what the reader accepts.
func TestEnumsAreCanonical(t *testing.T) {
	for e, want := range map[*Enum][]string{
		enumHadir: domain.AttendanceStatuses, enumMode: domain.TrainingModes, enumKelamin: domain.Sexes,
		enumASN: {domain.PNS, domain.PPPK}, enumStatus: domain.StaffStatuses, enumKategori: domain.TrainingCategories,
		enumTindak: domain.FollowUps, enumRating: domain.Ratings, enumPredikat: domain.Predikats,
	} {
		if diff := cmp.Diff(want, e.Values); diff != "" {
			t.Errorf("%s values (-domain +ingest):\n%s", e.Name, diff)
		}
	}
	if diff := cmp.Diff(domain.ASNTypes, []string{domain.PNS, domain.PPPK}); diff != "" {
		t.Errorf("domain.ASNTypes (-got +want):\n%s", diff)
	}
	for _, tr := range trainings {
		if !slices.Contains(domain.TrainingForms, tr.form) {
			t.Errorf("training %s has form %q, not one of domain.TrainingForms", tr.name, tr.form)
		}
	}
	if diff := cmp.Diff(domain.EvalPeriodTypes, []string{Bulanan, Triwulan, Semester, Tahunan}); diff != "" {
		t.Errorf("evaluation period types (-domain +ingest):\n%s", diff)
	}
	for _, k := range domain.Kinds {
		for _, c := range SchemaOf(k).Columns {
			// Golongan's hint gives its ranges (I/a..IV/e).
			if c.Enum == nil || c.Enum == enumGolongan {
				continue
			}
			for _, v := range c.Enum.Values {
				if c.Enum == enumRating { // "Di Atas / Sesuai / Di Bawah Ekspektasi"
					v = strings.TrimSuffix(v, " Ekspektasi")
				}
				if !strings.Contains(c.Hint, v) {
					t.Errorf("%s %s: hint %q does not name %q", k, c.Name, c.Hint, v)
				}
			}
		}
	}
}
