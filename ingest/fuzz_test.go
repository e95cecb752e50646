package ingest

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"46300", "46300.5", "03/04/2026", "5 Oktober 2026", "5 Okt 2026", "2026-10-05", "31/02/2026", "05-Okt-26", "60", "2026-10-05T08:00"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, date1904 bool) {
		d, err := parseDate(s, date1904)
		if err != nil {
			return
		}
		y, m, day := civilFromDays(d)
		if !validDate(y, m, day) || daysFromCivil(y, m, day) != d {
			t.Errorf("parseDate(%q) = %d (%d-%d-%d), not a round-tripping valid date", s, d, y, m, day)
		}
	})
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"8", "8,5", "8.5", "1.250", "8 JP", "1,250.5", "1.250,5", "1E+3", "-0", "0.125"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := parseNumber(s)
		if err == nil && (v != v || v > 1e308 || v < -1e308) {
			t.Errorf("parseNumber(%q) = %v", s, v)
		}
	})
}

func FuzzParseNIP(f *testing.F) {
	for _, s := range []string{"198609262015051001", "19860926 201505 1 001", "1.98609262015051E+17", "198609262015051000", "'199001012021212001", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parseNIPCell(s)
		if err != nil {
			if m := nipMessage(err); !strings.HasPrefix(m, "NIP") {
				t.Errorf("nipMessage(%v) = %q", err, m)
			}
			return
		}
		if len(n.Number) != 18 || !allDigits(n.Number) || strings.HasSuffix(n.Number, "000") || n.Type != domain.PNS && n.Type != domain.PPPK {
			t.Errorf("parseNIPCell(%q) = %+v", s, n)
		}
	})
}

func FuzzParseCells(f *testing.F) {
	for _, s := range []string{"Hadir", "✓", "Triwulan III 2026", "Gratis", "8 - Bimbingan Teknis", "Kota Ambon", "81.71", "8171", "\u200bH\u00a0"} {
		f.Add(s, 4)
	}
	f.Fuzz(func(t *testing.T, s string, el int) {
		c := cleanText(s)
		if utf8.ValidString(s) && !utf8.ValidString(c) {
			t.Errorf("cleanText(%q) = %q invalid", s, c)
		}
		if a, ok := parseAnswer(el%10, c); ok && (a < 1 || a > 4) {
			t.Errorf("parseAnswer(%q) = %d", c, a)
		}
		if p, ok := parseEvalPeriod(c); ok && (p.End < p.Start || p.Text == "") {
			t.Errorf("parseEvalPeriod(%q) = %+v", c, p)
		}
		parseTraining(c)
		enumHadir.Parse(c)
		periodsInText(c)
		headerKey(c)
		_, _ = domain.ResolveDistrict(domain.MalukuDistricts(), c)
	})
}

// FuzzRead mutates valid workbooks: reading never panics and always yields
// an Upload with a status, and a rejected file always says why in Indonesian.
func FuzzRead(f *testing.F) {
	oct := time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)
	f.Add(buildWorkbook(f, false, map[string][][]any{"Data": {
		{"NIP", "Nama Pelatihan", "Jenis Pengembangan", "Tanggal Mulai", "Tanggal Selesai", "JP", "Status Kehadiran"},
		{"198609262015051001", "Pelayanan Prima", "8", oct, oct, 8, "Hadir"},
		{"199001012021212001", "Literasi", "E-Learning", "05/10/2026", "06/10/2026", "8,5", "H"},
	}}), "kehadiran_2026-10.xlsx")
	f.Add(buildWorkbook(f, true, map[string][][]any{"Survei": {
		{"Periode: Oktober 2026"},
		{"Tanggal", "Unit Layanan", "Jenis Layanan", "U1", "U2", "Sarana dan Prasarana", "U8 Penanganan Pengaduan"},
		{oct, "Disdukcapil", "KTP-el", 4, "3", "Baik", "Tidak ada"},
	}}), "survei.xlsx")
	f.Add([]byte("NIP;Nama\n1;2\n"), "pegawai_2026-10.csv")
	f.Add([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}, "x.xlsx")
	f.Add([]byte("PK\x03\x04garbage"), "pegawai_2026-10.xlsx")
	f.Fuzz(func(t *testing.T, b []byte, name string) {
		opts := DefaultOptions()
		opts.FileName, opts.Agency, opts.MaxUnzipSize, opts.MaxXMLSize = name, "kota-ambon", 8<<20, 4<<20
		u := Read(bytes.NewReader(b), opts)
		if u == nil {
			t.Fatal("Read returned nil")
		}
		switch u.Status {
		case lake.Accepted, lake.Partial:
			if u.Err != nil {
				t.Errorf("status %s with Err %v", u.Status, u.Err)
			}
		case lake.Rejected:
			if u.Err == nil || u.Err.Message == "" || u.Err.Err == nil {
				t.Errorf("rejected without a FileError message: %+v", u.Err)
			}
		default:
			t.Errorf("status %q", u.Status)
		}
		if u.Record != nil {
			if int(u.Record.NumRows()) != u.RowsAccepted {
				t.Errorf("record has %d rows; RowsAccepted %d", u.Record.NumRows(), u.RowsAccepted)
			}
			u.Record.Release()
		}
	})
}
