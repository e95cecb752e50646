package sampledata

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
)

// style is how one agency's clerk fills in workbooks: the mess real
// uploads have, fixed per agency so each agency's files look alike.
type style struct {
	TitleRows   int  // rows above the header: agency name, "Periode: Oktober 2025", blank
	HeaderCase  int  // 0 as in the template, 1 UPPER, 2 lower, 3 other punctuation/spacing
	Synonyms    bool // some headers are Indonesian synonyms from the schema's alias lists
	Shuffle     bool // columns in another order
	DateText    int  // 0 Excel date cells, 1 "5 Oktober 2025", 2 "05/10/2025", 3 "2025-10-05", 4 "5 Okt 2025"
	SpacedNIP   bool // "19860926 201505 1 001"
	ExtraSheet  bool // a "Catatan" sheet before the data
	Trailing    int  // formatted empty rows after the data
	FileName    int  // 0 kehadiran_2025-10, 1 2025_10_kehadiran, 2 Kehadiran Oktober 2025
	District    int  // 0 full name, 1 short name ("Ambon"), 2 Kemendagri code, 3 "Kab. Buru"
	Minimal     bool // leaves out optional columns (Jenis ASN, Kode Instansi, Golongan, Penyelenggara, Lokasi, Tindak Lanjut)
	EvalColumns int  // 0 predikat only, 1 the two ratings only, 2 all three
	Sheet       string

	UnitByName   bool // survey names the unit (Unit Layanan) instead of its code
	AnswerLabels bool // survey answers U4/U9 sometimes typed as their labels
	ElementNames bool // survey headers are element names, with U8 and U9 in swapped order
}

// styleFor is agency a's style. The province government uses the template
// as given; the others vary.
func (w *world) styleFor(ai int) style {
	a := w.agencies[ai]
	if ai == 0 {
		return style{Sheet: "Data", EvalColumns: 2}
	}
	r := w.rand("style/" + a.Code)
	s := style{
		TitleRows:   []int{0, 1, 2, 3}[r.IntN(4)],
		HeaderCase:  r.IntN(4),
		Synonyms:    r.Float64() < 0.4,
		Shuffle:     r.Float64() < 0.4,
		DateText:    r.IntN(5),
		SpacedNIP:   r.Float64() < 0.4,
		ExtraSheet:  r.Float64() < 0.3,
		Trailing:    []int{0, 0, 3, 12}[r.IntN(4)],
		FileName:    r.IntN(3),
		District:    r.IntN(4),
		Minimal:     r.Float64() < 0.3,
		EvalColumns: r.IntN(3),
		Sheet:       []string{"Sheet1", "Data", "Lembar1", "Rekap"}[r.IntN(4)],
	}
	switch a.Code {
	case "kab-buru":
		s.UnitByName = true
	case "kab-maluku-tengah", "kota-tual":
		s.AnswerLabels = true
	case "rsup-leimena":
		s.ElementNames = true
	case reviseAgency:
		s.TitleRows = 2 // "Periode: ..." as in the example of the brief
		s.SpacedNIP = true
		s.DateText = 1
	}
	return s
}

// synonyms are other names agencies give columns, each one of the aliases
// the ingest schemas accept (ingest/pegawai.go, kehadiran.go, evaluasi.go,
// survei.go); sampledata's ingest test reads every generated file back.
var synonyms = map[string]string{
	"Nama": "Nama Pegawai", "Unit Kerja": "Satuan Kerja", "Kabupaten/Kota": "Kab/Kota",
	"Jenis Kelamin": "L/P", "Golongan": "Gol/Ruang", "Status": "Status Pegawai",
	"Nama Pelatihan": "Nama Diklat", "Jenis Pengembangan": "Jenis Diklat", "Tanggal Mulai": "Tgl Mulai",
	"Tanggal Selesai": "Tgl Selesai", "JP": "Jumlah JP", "Mode": "Metode Pelaksanaan",
	"Lokasi": "Tempat Pelaksanaan", "Penyelenggara": "Lembaga Penyelenggara", "Periode Penilaian": "Periode SKP",
	"Predikat": "Predikat Kinerja", "NIP Penilai": "NIP Pejabat Penilai", "Tindak Lanjut": "Rencana Tindak Lanjut",
	"Tanggal": "Tanggal Survei", "Usia": "Umur", "Saran": "Kritik dan Saran", "Pendidikan": "Pendidikan Terakhir",
}

// headerText spells a canonical column header in style s: as in the
// template, or one of the schema's aliases, and then in other case, spacing
// or punctuation, which the ingest ignores.
func (s style) headerText(col string) string {
	if syn, ok := synonyms[col]; ok && s.Synonyms {
		col = syn
	}
	switch s.HeaderCase {
	case 1:
		return strings.ToUpper(col)
	case 2:
		return strings.ToLower(col)
	case 3:
		r := strings.NewReplacer(" ", "_", "/", " / ")
		switch col {
		case "NIP":
			return "N.I.P."
		case "JP":
			return "J.P"
		}
		return r.Replace(col)
	}
	return col
}

// date renders a date in style s: an Excel date cell or Indonesian text.
func (s style) date(t time.Time) any {
	switch s.DateText {
	case 1:
		return fmt.Sprintf("%d %s %d", t.Day(), domain.MonthNames[t.Month()-1], t.Year())
	case 2:
		return t.Format("02/01/2006")
	case 3:
		return t.Format("2006-01-02")
	case 4:
		return fmt.Sprintf("%d %s %d", t.Day(), domain.MonthShort[t.Month()-1], t.Year())
	}
	return dateCell(t)
}

// nip renders an NIP as a text cell, with spaces in style s.
func (s style) nip(n string) any {
	if s.SpacedNIP {
		return spacedNIP(n)
	}
	return n
}

// district renders a district code as the agency writes it.
func (s style) district(ds []domain.District, code string) string {
	for _, d := range ds {
		if d.Code != code {
			continue
		}
		switch s.District {
		case 1:
			return shortName(d.Name)
		case 2:
			return d.Code
		case 3:
			if strings.HasPrefix(d.Name, "Kabupaten ") {
				return "Kab. " + shortName(d.Name)
			}
			return d.Name
		}
		return d.Name
	}
	return code
}

// kindWord is the word agencies use for a kind in file names and titles.
var kindWord = map[domain.Kind][2]string{
	domain.Pegawai:   {"pegawai", "Data Pegawai"},
	domain.Kehadiran: {"kehadiran", "Kehadiran Pelatihan"},
	domain.Evaluasi:  {"evaluasi", "Evaluasi Kinerja"},
	domain.Survei:    {"survei", "Survei Kepuasan"},
}

// fileName is the upload's name in style s; suffix ("revisi") marks a
// corrected re-upload.
func (s style) fileName(k domain.Kind, p domain.Period, suffix string) string {
	w := kindWord[k]
	switch s.FileName {
	case 1:
		n := fmt.Sprintf("%04d_%02d_%s", p.Year, int(p.Month), w[0])
		if suffix != "" {
			n += "_" + suffix
		}
		return n + ".xlsx"
	case 2:
		n := w[1] + " " + domain.PeriodLabel(p, "id")
		if suffix != "" {
			n += " (" + suffix + ")"
		}
		return n + ".xlsx"
	}
	n := w[0] + "_" + p.String()
	if suffix != "" {
		n += "_" + suffix
	}
	return n + ".xlsx"
}

// titles are the rows above the header.
func (s style) titles(k domain.Kind, p domain.Period, agencyName string) [][]any {
	all := [][]any{
		{strings.ToUpper(kindWord[k][1]) + " — " + strings.ToUpper(agencyName)},
		{"Periode: " + domain.PeriodLabel(p, "id")},
		{},
	}
	switch s.TitleRows {
	case 0:
		return nil
	case 1:
		return all[1:2]
	case 2:
		return all[:2]
	}
	return all
}

// order returns the column order for style s: the template order, or a
// deterministic shuffle of it.
func (s style) order(r *rand.Rand, n int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	if s.Shuffle {
		r.Shuffle(n, func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
	}
	return idx
}
