package sampledata

import (
	"fmt"
	"slices"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
)

// upload is one planned workbook in an agency's inbox.
type upload struct {
	Agency    string
	AgencyIdx int
	Kind      domain.Kind
	Period    domain.Period
	Name      string
	Drop      time.Time // mtime: when the agency dropped it (WIT)
	Draft     bool      // the first, wrong version of a corrected re-upload
	Part      part      // the rows of the month it holds (attendance sent in pieces)
}

// part is which of a month's attendance rows an upload holds.
type part int

const (
	wholeMonth part = iota
	allButLast      // every course but the month's last one
	lastCourse      // only the month's last course: sent later as a "tambahan"
	firstHalf       // the first half of the courses: sent first, then the whole month again
)

// plan lists every upload of the year in a fixed order: per agency, rosters
// (January and each month the roster changed), attendance every month,
// evaluations at the end of each round, survey responses every month. The
// planted late, missing and corrected uploads are here.
func (w *world) plan() []upload {
	var out []upload
	y := w.year
	for ai, a := range w.agencies {
		st := w.styleFor(ai)
		r := w.rand("drop/" + a.Code)
		add := func(k domain.Kind, p domain.Period, suffix string, drop time.Time) *upload {
			out = append(out, upload{Agency: a.Code, AgencyIdx: ai, Kind: k, Period: p,
				Name: st.fileName(k, p, suffix), Drop: drop})
			return &out[len(out)-1]
		}
		for _, m := range w.rosterMonths(ai) {
			add(domain.Pegawai, domain.Period{Year: y, Month: time.Month(m)}, "", dropTime(r, y, m))
		}
		for m := 1; m <= 12; m++ {
			p := domain.Period{Year: y, Month: time.Month(m)}
			drop := dropTime(r, y, m)
			switch {
			case a.Code == lateAgency && m == missingMonth:
				continue
			case a.Code == lateAgency && m == lateMonth:
				drop = time.Date(y, time.Month(m+1), 16, 10, 24, 0, 0, domain.WIT)
			case a.Code == reviseAgency && m == reviseMonth:
				d := add(domain.Kehadiran, p, "", time.Date(y, time.Month(m+1), 3, 9, 12, 0, 0, domain.WIT))
				d.Draft = true
				drop = time.Date(y, time.Month(m+1), 9, 14, 40, 0, 0, domain.WIT)
				add(domain.Kehadiran, p, "revisi", drop)
				continue
			case a.Code == supplementAgency && m == supplementMonth:
				// One course's attendance came late, in its own file.
				add(domain.Kehadiran, p, "", drop).Part = allButLast
				add(domain.Kehadiran, p, "tambahan", drop.Add(26*time.Hour)).Part = lastCourse
				continue
			case a.Code == cumulativeAgency && m == cumulativeMonth:
				// Half the month first; then the whole month again, no keyword:
				// a cumulative copy, which replaces the first file. The names
				// sort in drop order too ("bagian 1" < "lengkap"): a checkout
				// gives every file one mtime, and the ingest then goes by name.
				add(domain.Kehadiran, p, "bagian 1", time.Date(y, time.Month(m+1), 2, 10, 5, 0, 0, domain.WIT)).Part = firstHalf
				add(domain.Kehadiran, p, "lengkap", time.Date(y, time.Month(m+1), 8, 15, 30, 0, 0, domain.WIT))
				continue
			}
			add(domain.Kehadiran, p, "", drop)
		}
		seen := map[domain.Period]bool{}
		for _, rd := range w.evalRounds(a.Code) {
			if seen[rd.Period] {
				continue // Triwulan IV and Tahunan share the December file
			}
			seen[rd.Period] = true
			add(domain.Evaluasi, rd.Period, "", dropTime(r, rd.Period.Year, int(rd.Period.Month)))
		}
		if len(w.servicesOf(a.Code)) > 0 {
			for m := 1; m <= 12; m++ {
				add(domain.Survei, domain.Period{Year: y, Month: time.Month(m)}, "", dropTime(r, y, m))
			}
		}
	}
	return out
}

// rosterMonths are the months agency ai uploads its roster: January, the
// month new staff join or someone moves in or out, and the next half-year
// update (July or December) after a retirement — agencies send a roster
// when it has changed, not every month.
func (w *world) rosterMonths(ai int) []int {
	set := [13]bool{1: true}
	for _, p := range w.people {
		if p.HireM > 1 && p.agencyAt(p.HireM) == ai {
			set[p.HireM] = true
		}
		if p.MoveM > 0 && (p.Agency == ai || p.MoveTo == ai) {
			set[p.MoveM] = true
		}
		if p.RetireM > 0 && p.agencyAt(p.RetireM) == ai {
			if p.RetireM <= 7 {
				set[7] = true
			} else {
				set[12] = true
			}
		}
	}
	var out []int
	for m := 1; m <= 12; m++ {
		if set[m] {
			out = append(out, m)
		}
	}
	return out
}

func (w *world) servicesOf(code string) []*serviceSpec {
	var out []*serviceSpec
	for i := range w.services {
		if w.services[i].Agency == code {
			out = append(out, &w.services[i])
		}
	}
	return out
}

// table is one upload's sheet: title rows, header and data rows, before
// the style's column order is applied.
type table struct {
	Header []string // canonical headers, template order
	Rows   [][]any  // values in Header order; nil is a blank cell
	Order  []int    // the agency's column order: indexes into Header
	Titles [][]any  // rows above the header
	Style  style
}

// table builds upload u's rows.
func (u upload) table(w *world) *table {
	st := w.styleFor(u.AgencyIdx)
	var t *table
	switch u.Kind {
	case domain.Pegawai:
		t = w.rosterTable(u, st)
	case domain.Kehadiran:
		t = w.attendanceTable(u, st)
	case domain.Evaluasi:
		t = w.evaluationTable(u, st)
	default:
		t = w.surveyTable(u, st)
	}
	t.Style = st
	t.Order = st.order(w.rand("columns/"+u.Agency+"/"+string(u.Kind)), len(t.Header))
	t.Titles = st.titles(u.Kind, u.Period, w.agencies[u.AgencyIdx].Name)
	return t
}

func (w *world) rosterTable(u upload, st style) *table {
	t := &table{Header: []string{"NIP", "Nama", "Jenis ASN", "Jenis Kelamin", "Kode Instansi", "Unit Kerja",
		"Kode Unit Layanan", "Kabupaten/Kota", "Jabatan", "Golongan", "Status"}}
	m := int(u.Period.Month)
	prev := 0 // the agency's previous roster month
	for _, rm := range w.rosterMonths(u.AgencyIdx) {
		if rm < m {
			prev = rm
		}
	}
	for _, p := range w.people {
		if m < p.HireM || p.agencyAt(m) != u.AgencyIdx || p.RetireM > 0 && p.RetireM <= prev {
			continue
		}
		status := p.Status
		if p.RetireM > 0 && p.RetireM <= m {
			status = "Pensiun" // listed once, in the first roster after retiring
		}
		unit := p.unitAt(m)
		sex := "L"
		if p.Female {
			sex = "P"
		}
		var svc any
		if unit.Service != "" {
			svc = unit.Service
		}
		t.Rows = append(t.Rows, []any{st.nip(p.NIP), p.Name, p.Type, sex, u.Agency, unit.Name, svc,
			st.district(w.ref.Districts, unit.District), p.Jabatan, p.Golongan, status})
	}
	if st.Minimal {
		t.drop("Jenis ASN", "Kode Instansi", "Golongan")
	}
	return t
}

func (w *world) attendanceTable(u upload, st style) *table {
	t := &table{Header: []string{"NIP", "Nama", "Nama Pelatihan", "Jenis Pengembangan", "Kategori", "Penyelenggara",
		"Tanggal Mulai", "Tanggal Selesai", "JP", "Status Kehadiran", "Mode", "Lokasi"}}
	m := int(u.Period.Month)
	r := w.rand(fmt.Sprintf("attendance/%s/%d", u.Agency, m))
	rows := w.attendanceOf(u.AgencyIdx, m)
	for _, at := range rows {
		c := at.C
		if !u.Part.holds(rows, at) {
			continue
		}
		jp := c.JP
		if u.Draft {
			// The first upload of the corrected month has typing errors: a
			// tenth of the JP typed with an extra zero, and some rows missing.
			switch x := r.Float64(); {
			case x < 0.05:
				continue
			case x < 0.15:
				jp *= 10
			}
		}
		var lokasi any
		if c.Lokasi != "" {
			lokasi = st.district(w.ref.Districts, c.Lokasi)
		}
		t.Rows = append(t.Rows, []any{st.nip(at.P.NIP), at.P.Name, c.Name, c.Jenis, c.Kategori, c.Penyelenggara,
			st.date(c.Start), st.date(c.End), jp, at.Status, c.Mode, lokasi})
	}
	if st.Minimal {
		t.drop("Penyelenggara", "Lokasi") // Kategori stays: the impact metric needs it
	}
	return t
}

// holds reports whether an upload of part p of the month's rows holds at.
// Courses are taken in the order their first row appears in rows.
func (p part) holds(rows []attendance, at attendance) bool {
	if p == wholeMonth {
		return true
	}
	var courses []string
	seen := map[string]bool{}
	for _, r := range rows {
		if !seen[r.C.Name] {
			seen[r.C.Name] = true
			courses = append(courses, r.C.Name)
		}
	}
	i := slices.Index(courses, at.C.Name)
	switch p {
	case allButLast:
		return i < len(courses)-1
	case lastCourse:
		return i == len(courses)-1
	case firstHalf:
		return i < (len(courses)+1)/2
	}
	return true
}

// attendanceOf lists the attendance rows agency ai reports for month m
// (courses ending in m, people on its roster then), in a fixed order.
func (w *world) attendanceOf(ai, m int) []attendance {
	var out []attendance
	for _, at := range w.attend {
		if at.C.Month == m && at.P.agencyAt(m) == ai {
			out = append(out, at)
		}
	}
	return out
}

func (w *world) evaluationTable(u upload, st style) *table {
	t := &table{Header: []string{"NIP", "Nama", "Periode Penilaian", "Rating Hasil Kerja", "Rating Perilaku",
		"Predikat", "NIP Penilai", "Tindak Lanjut"}}
	for _, e := range w.evals {
		if e.Agency != u.AgencyIdx || e.Period != u.Period {
			continue
		}
		var penilai any
		if e.Penilai != "" {
			penilai = st.nip(e.Penilai)
		}
		t.Rows = append(t.Rows, []any{st.nip(e.P.NIP), e.P.Name, e.Label, e.Hasil, e.Perilaku, e.Predikat, penilai, e.Tindak})
	}
	switch st.EvalColumns {
	case 0:
		t.drop("Rating Hasil Kerja", "Rating Perilaku")
	case 1:
		t.drop("Predikat")
	}
	if st.Minimal {
		t.drop("Tindak Lanjut")
	}
	return t
}

func (w *world) surveyTable(u upload, st style) *table {
	unitCol := "Kode Unit Layanan"
	if st.UnitByName {
		unitCol = "Unit Layanan"
	}
	t := &table{Header: []string{"Tanggal", unitCol, "Jenis Layanan", "Usia", "Jenis Kelamin", "Pendidikan", "Pekerjaan"}}
	elem := []int{0, 1, 2, 3, 4, 5, 6, 7, 8}
	if st.ElementNames {
		elem[7], elem[8] = 8, 7 // the form prints U9's question before U8's
	}
	for _, e := range elem {
		if st.ElementNames {
			t.Header = append(t.Header, domain.SKMElements[e])
		} else {
			t.Header = append(t.Header, fmt.Sprintf("U%d", e+1))
		}
	}
	t.Header = append(t.Header, "Saran")
	m := int(u.Period.Month)
	r := w.rand(fmt.Sprintf("labels/%s/%d", u.Agency, m))
	for _, s := range w.servicesOf(u.Agency) {
		for _, x := range w.responses(s, m) {
			sex := "L"
			if x.Female {
				sex = "P"
			}
			var unit any = s.Code
			if st.UnitByName {
				unit = s.Name
			}
			row := []any{st.date(x.Date), unit, x.Jenis, x.Usia, sex, x.Pendidikan, x.Pekerjaan}
			for _, e := range elem {
				var v any
				if x.U[e] > 0 {
					v = x.U[e]
					if labels, ok := answerLabels[e]; ok && st.AnswerLabels && r.Float64() < 0.4 {
						v = labels[x.U[e]-1]
					}
				}
				row = append(row, v)
			}
			var saran any
			if x.Saran != "" {
				saran = x.Saran
			}
			t.Rows = append(t.Rows, append(row, saran))
		}
	}
	return t
}

// drop removes optional columns.
func (t *table) drop(cols ...string) {
	for _, c := range cols {
		for i, h := range t.Header {
			if h != c {
				continue
			}
			t.Header = append(t.Header[:i:i], t.Header[i+1:]...)
			for j, row := range t.Rows {
				t.Rows[j] = append(row[:i:i], row[i+1:]...)
			}
			break
		}
	}
}
