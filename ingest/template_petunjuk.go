package ingest

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/domain"
)

// kindGuide is what a template's Petunjuk sheet says about one kind, in
// words for an agency's administrator.
type kindGuide struct {
	row    string // what one row is
	period string // which month a file is for
	pieces string // what one of several files of a month typically holds
	key    string // when a row of an additional file repeats an earlier one
}

var guides = map[domain.Kind]kindGuide{
	domain.Pegawai: {
		row: "Satu baris untuk satu pegawai (PNS atau PPPK) instansi Anda, sesuai keadaan pada akhir bulan laporan. " +
			"Kirim seluruh pegawai, bukan hanya yang berubah; pegawai yang cuti, tugas belajar, diberhentikan atau pensiun ditandai di kolom Status.",
		period: "Data pegawai menggambarkan keadaan pada akhir bulan laporan.",
		pieces: "data pegawai per OPD atau per unit kerja",
		key:    "NIP yang sama",
	},
	domain.Kehadiran: {
		row: "Satu baris untuk satu pegawai pada satu pelatihan (pengembangan kompetensi): pegawai yang ikut dua pelatihan ditulis dua baris. " +
			"Peserta yang tidak hadir, izin atau sakit juga ditulis, dengan Status Kehadiran-nya.",
		period: "Pelatihan masuk ke bulan Tanggal Selesai-nya: Tanggal Selesai harus di bulan laporan (Tanggal Mulai boleh di bulan sebelumnya).",
		pieces: "satu berkas per pelatihan",
		key:    "NIP, Nama Pelatihan, Tanggal Mulai dan Tanggal Selesai yang sama",
	},
	domain.Evaluasi: {
		row: "Satu baris untuk hasil evaluasi kinerja (SKP) satu pegawai pada satu periode penilaian. " +
			"Isi Predikat, atau kedua rating (Rating Hasil Kerja dan Rating Perilaku), atau ketiganya bila saling sesuai.",
		period: "Periode Penilaian harus berakhir di bulan laporan: mis. Triwulan III 2026 dikirim sebagai data September 2026, Tahunan 2025 sebagai data Desember 2025.",
		pieces: "hasil penilaian per unit kerja",
		key:    "NIP dan Periode Penilaian yang sama",
	},
	domain.Survei: {
		row: "Satu baris untuk jawaban satu responden (pengguna layanan) survei kepuasan masyarakat (SKM). " +
			"Nama responden tidak ditulis.",
		period: "Tanggal survei harus di bulan laporan; jawaban bulan lain dikirim dalam berkas bulan itu.",
		pieces: "formulir survei yang terlambat masuk",
		key:    "seluruh isinya sama",
	},
}

// Petunjuk column widths: the column table's five columns; the text above
// is merged across all of them.
var petunjukWidths = []float64{30, 11, 30, 50, 32}

// petunjukLines is the instructions text of the template, one paragraph a
// line, numbered.
func (t *template) petunjukLines() []string {
	s, g := t.s, guides[t.s.Kind]
	kind := string(s.Kind)
	name := func(suffix string) string { return kind + "_" + examplePeriod.String() + suffix + ".xlsx" }
	var lines []string
	add := func(l string) { lines = append(lines, fmt.Sprintf("%d. %s", len(lines)+1, l)) }
	add(g.row)
	add("Isi lembar \"Data\" mulai baris 2, di bawah judul kolom. Jangan mengubah, menghapus atau memindahkan judul kolom di baris 1. " +
		"Kolom yang tidak wajib boleh dibiarkan kosong.")
	add("Kolom wajib (judul berwarna merah): " + t.requiredText() + ".")
	if t.agency != nil && len(t.units) == 0 && len(t.ref.Units) > 0 && t.hasRef(RefUnit) && t.s.Kind == domain.Survei {
		add("Data referensi Pantau belum memuat unit layanan " + t.forWhom() + ", jadi jawaban survei belum dapat diterima: " +
			"minta operator BKN menambahkan unit layanan Anda, lalu pakai template baru di folder outbox/" + t.agency.Code + "/template/.")
	}
	add("Bila sel menampilkan panah daftar, pilih isinya dari daftar. Keterangan dan contoh tiap kolom muncul saat sel dipilih, " +
		"dan tercantum pada tabel di bawah.")
	if t.has(TypeNIP) {
		add("NIP ditulis 18 digit tanpa spasi; kolom NIP sudah berformat Teks. Jangan mengubah formatnya menjadi Angka: digit terakhirnya hilang " +
			"dan barisnya ditolak. Bila menyalin dari berkas lain, pastikan kolom NIP di berkas asal juga berformat Teks.")
	}
	if c := t.first(TypeDate); c != nil {
		add("Tanggal ditulis hari/bulan/tahun, mis. " + c.Example + " atau " + textDate(c.Example) + ".")
	}
	if c := t.first(TypeEvalPeriod); c != nil {
		add(c.Name + " ditulis mis. " + c.Example + ", 2026-09, Triwulan III 2026, Semester I 2026 atau Tahunan 2025.")
	}
	if t.has(TypeNumber) {
		add("Angka desimal memakai koma, mis. 8,5. Tulis angkanya saja, tanpa satuan.")
	}
	if t.has(TypeAnswer) {
		add("Jawaban U1 sampai U9 ditulis angka 1 (terburuk) sampai 4 (terbaik), atau label jawabannya (lihat tabel di bawah). " +
			"Jawaban boleh kosong, tetapi tiap baris harus berisi minimal satu jawaban.")
	}
	add("Satu berkas berisi data satu bulan laporan. " + g.period)
	add("Beri nama berkas dengan jenis data dan bulannya: " + name("") + " untuk data " + domain.PeriodLabel(examplePeriod, "id") +
		" (pola " + kind + "_TTTT-BB.xlsx; nama seperti \"" + strings.ToUpper(kind[:1]) + kind[1:] + " " +
		domain.PeriodLabel(examplePeriod, "id") + ".xlsx\" juga dapat dibaca).")
	add("Satu bulan boleh dikirim dalam beberapa berkas, mis. " + g.pieces + ":")
	lines = append(lines,
		"    • Berkas tambahan: beri kata tambahan pada namanya, mis. "+name("_tambahan")+". Isinya ditambahkan ke kiriman bulan itu; "+
			"baris yang sudah pernah dikirim ("+g.key+") ditolak sebagai duplikat.",
		"    • Berkas perbaikan: beri kata revisi pada namanya, mis. "+name("_revisi")+". Berkas revisi menggantikan semua kiriman "+
			"bulan itu untuk data ini, jadi isikan seluruh baris bulan itu, bukan hanya baris yang diperbaiki.",
		"    • Tanpa kata tambahan atau revisi, Pantau memutuskan dari isinya; bila tidak jelas, berkas ditahan dan tanda terimanya "+
			"menjelaskan cara menamainya.")
	where := "folder outbox instansi Anda"
	if t.agency != nil {
		where = "folder outbox/" + t.agency.Code + "/"
	}
	add("Simpan sebagai buku kerja Excel .xlsx (bukan .xls, .csv atau PDF), tanpa kata sandi, lalu taruh di folder kiriman instansi Anda. " +
		"Tanda terima muncul di " + where + " beberapa menit kemudian: diterima, diterima sebagian, atau ditolak beserta alasannya.")
	return lines
}

// requiredText names the required columns, and each group of which one is
// required.
func (t *template) requiredText() string {
	var req, groups []string
	seen := map[string]bool{}
	for _, c := range t.s.Columns {
		switch {
		case c.Required:
			req = append(req, c.Name)
		case c.Group != "" && !seen[c.Group]:
			seen[c.Group] = true
			groups = append(groups, "salah satu dari "+strings.Join(t.s.groupNames(c.Group), " atau "))
		}
	}
	out := strings.Join(req, ", ")
	if i := strings.LastIndex(out, ", "); i >= 0 {
		out = out[:i] + " dan " + out[i+2:]
	}
	for _, g := range groups {
		out += "; isi juga " + g
	}
	return out
}

func (t *template) has(typ Type) bool { return t.first(typ) != nil }

func (t *template) first(typ Type) *Column {
	for i := range t.s.Columns {
		if t.s.Columns[i].Type == typ {
			return &t.s.Columns[i]
		}
	}
	return nil
}

// textDate writes a dd/mm/yyyy example as "12 Oktober 2026".
func textDate(ddmmyyyy string) string {
	var d, m, y int
	if _, err := fmt.Sscanf(ddmmyyyy, "%d/%d/%d", &d, &m, &y); err != nil || m < 1 || m > 12 {
		return ddmmyyyy
	}
	return fmt.Sprintf("%d %s %d", d, domain.MonthNames[m-1], y)
}

// writePetunjuk writes the instructions sheet: a title, the numbered
// instructions, the table of columns with their examples and, in an
// agency's template of a kind that names service units, the agency's units.
func (t *template) writePetunjuk() error {
	f, sh := t.f, SheetPetunjuk
	total := 0.0
	for i, w := range petunjukWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sh, col, col, w); err != nil {
			return err
		}
		total += w
	}
	lastCol, _ := excelize.ColumnNumberToName(len(petunjukWidths))
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Family: templateFont}})
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Family: templateFont}})
	if err != nil {
		return err
	}
	para, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: templateFont}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	thead, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: templateFont}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}, Border: thinBorder})
	if err != nil {
		return err
	}
	cellSt, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: templateFont}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}, Border: thinBorder, NumFmt: 49})
	if err != nil {
		return err
	}
	reqSt, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000", Family: templateFont}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Border: thinBorder, NumFmt: 49})
	if err != nil {
		return err
	}
	row := 1
	// text writes a paragraph merged across the sheet's width.
	text := func(s string, st int, height float64) error {
		cell := fmt.Sprintf("A%d", row)
		if err := f.SetCellStr(sh, cell, s); err != nil {
			return err
		}
		if err := f.MergeCell(sh, cell, fmt.Sprintf("%s%d", lastCol, row)); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, cell, cell, st); err != nil {
			return err
		}
		if height == 0 {
			height = float64(15*wrappedLines(s, total) + 2)
		}
		if err := f.SetRowHeight(sh, row, height); err != nil {
			return err
		}
		row++
		return nil
	}
	// tableRow writes one row of a table, each cell wrapped, the row as high
	// as its tallest cell; spans, when given, merges value j across spans[j]
	// columns.
	tableRow := func(vals []string, spans []int, st func(j int) int) error {
		lines, c := 1, 1
		for j, v := range vals {
			span := 1
			if spans != nil {
				span = spans[j]
			}
			cell, _ := excelize.CoordinatesToCellName(c, row)
			end, _ := excelize.CoordinatesToCellName(c+span-1, row)
			if err := f.SetCellStr(sh, cell, v); err != nil {
				return err
			}
			if span > 1 {
				if err := f.MergeCell(sh, cell, end); err != nil {
					return err
				}
			}
			if err := f.SetCellStyle(sh, cell, end, st(j)); err != nil {
				return err
			}
			width := 0.0
			for _, w := range petunjukWidths[c-1 : c-1+span] {
				width += w
			}
			lines = max(lines, wrappedLines(v, width))
			c += span
		}
		if err := f.SetRowHeight(sh, row, float64(15*lines+3)); err != nil {
			return err
		}
		row++
		return nil
	}
	if err := text("Petunjuk pengisian — "+t.s.Kind.Label(), title, 22); err != nil {
		return err
	}
	sub := "Template umum. Tiap instansi mendapat template sendiri, dengan kode instansi dan unit layanannya, di folder outbox/<kode-instansi>/template/."
	if t.agency != nil {
		sub = "Template untuk " + t.forWhom() + ". Template terbaru selalu ada di folder outbox/" + t.agency.Code + "/template/ (" +
			TemplateName(t.s.Kind) + ")."
	}
	if err := text(sub, para, 0); err != nil {
		return err
	}
	row++
	for _, l := range t.petunjukLines() {
		if err := text(l, para, 0); err != nil {
			return err
		}
	}
	row++
	if err := text("Kolom di lembar Data", bold, 20); err != nil {
		return err
	}
	plain := func(int) int { return cellSt }
	if err := tableRow([]string{"Kolom", "Wajib", "Contoh", "Keterangan", "Judul lain yang diterima"}, nil, func(int) int { return thead }); err != nil {
		return err
	}
	for i := range t.s.Columns {
		c := &t.s.Columns[i]
		wajib := "tidak"
		if c.Required {
			wajib = "ya"
		} else if c.Group != "" {
			wajib = "salah satu"
		}
		hint := c.Hint
		if c.Type == TypeAnswer {
			hint = "1-4 atau label: " + answerChoices(c.Element)
		}
		if c.Ref == RefAgency && t.agency != nil {
			hint = "Kode instansi Anda: " + t.agency.Code + "; boleh kosong"
		}
		st := plain
		if c.Required {
			st = func(j int) int {
				if j == 0 {
					return reqSt
				}
				return cellSt
			}
		}
		if err := tableRow([]string{c.Name, wajib, t.example(c), hint, strings.Join(c.Aliases, "; ")}, nil, st); err != nil {
			return err
		}
	}
	if t.agency != nil && len(t.units) > 0 && t.hasRef(RefUnit) {
		row++
		if err := text("Unit layanan "+t.forWhom(), bold, 20); err != nil {
			return err
		}
		// Headers that no kind's header row matches, so this table is never taken for data.
		spans := []int{1, 2, 1, 1}
		if err := tableRow([]string{"Kode", "Nama", "Jenis layanan", "Kabupaten/Kota"}, spans, func(int) int { return thead }); err != nil {
			return err
		}
		for _, u := range t.units {
			where := u.District
			if d, ok := t.ref.District(u.District); ok {
				where = d.Name
			}
			if err := tableRow([]string{u.Code, u.Name, strings.Join(u.ServiceTypes, "; "), where}, spans, plain); err != nil {
				return err
			}
		}
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("%s!$A$1:$%s$%d", sh, lastCol, row-1), Scope: sh}); err != nil {
		return err
	}
	return t.printSetup(sh)
}

func (t *template) hasRef(r Ref) bool {
	for _, c := range t.s.Columns {
		if c.Ref == r {
			return true
		}
	}
	return false
}
