package sampledata

import (
	"strings"

	"github.com/pantau-asn/pantau/internal/domain"
)

// agencySpec describes one instansi of the sample: its code (inbox folder),
// name, seat, base headcount at demo scale and the work units (OPD) its
// staff are spread over.
type agencySpec struct {
	Code     string
	Name     string
	District string // seat
	Base     int    // headcount at demo scale
	Units    []workUnit
	// Penyelenggara is who usually organises this agency's own training.
	Penyelenggara string
}

// workUnit is a unit kerja: where staff sit, in which district, with what
// share of the agency's staff and, for front-line offices, the public-service
// unit (Kode Unit Layanan) its staff serve in.
type workUnit struct {
	Name     string
	District string
	Weight   float64
	Service  string // service unit code, "" if none
	Jabatan  []string
}

// serviceSpec is a public-service unit surveyed for IKM, with the quality
// path its survey answers follow over the year.
type serviceSpec struct {
	domain.Unit
	// Level is the answer-quality parameter t (0..1) for Jan..Jun and
	// Jul..Dec; see survey.go. IKM ≈ 72 at 0.1, 81 at 0.5, 89 at 0.9.
	Level [2]float64
	// SampleFactor scales the Krejcie–Morgan sample size per month; below
	// 1 the unit's sample is too small (sample_ok false).
	SampleFactor float64
}

// Planted service-unit patterns (see patterns_test.go).
const (
	risingUnit  = "CAPIL-AMBON"   // IKM rises after its staff take Pelayanan Publik training in May–June
	fallingUnit = "RSUD-SAUMLAKI" // IKM falls; its staff get no Pelayanan Publik training
)

// Planted completeness patterns.
const (
	lateAgency   = "kab-kepulauan-aru" // kehadiran of lateMonth dropped after the deadline
	lateMonth    = 5                   // 2025-05, dropped on 16 June
	missingMonth = 8                   // 2025-08 kehadiran never uploaded
	reviseAgency = "kota-ambon"        // kehadiran of reviseMonth uploaded twice, the second corrected
	reviseMonth  = 9
	// A month in pieces: kab-buru's October attendance in two files (the
	// last course's rows a day later, named tambahan: added), and
	// kab-maluku-tengah's November sent half first, then whole again
	// (no keyword: a cumulative copy, which replaces the half).
	supplementAgency = "kab-buru"
	supplementMonth  = 10
	cumulativeAgency = "kab-maluku-tengah"
	cumulativeMonth  = 11
	monthlyEvalAgy   = "bkn-upt-ambon" // evaluates monthly instead of quarterly
)

// towns are the district seats, used in unit and place names.
var towns = map[string]string{
	"81.01": "Masohi", "81.02": "Langgur", "81.03": "Saumlaki", "81.04": "Namlea",
	"81.05": "Bula", "81.06": "Piru", "81.07": "Dobo", "81.08": "Tiakur",
	"81.09": "Namrole", "81.71": "Ambon", "81.72": "Tual",
}

var (
	jabGuru      = []string{"Guru Ahli Pertama", "Guru Ahli Muda", "Guru Ahli Madya", "Guru Kelas"}
	jabKesehatan = []string{"Perawat Terampil", "Perawat Ahli Pertama", "Bidan Terampil", "Dokter Ahli Pertama", "Apoteker Ahli Pertama", "Nutrisionis Terampil"}
	jabAdmin     = []string{"Pengadministrasi Perkantoran", "Penata Layanan Operasional", "Pengolah Data dan Informasi", "Analis Kebijakan Ahli Muda", "Pranata Komputer Ahli Pertama", "Arsiparis Terampil", "Kepala Seksi", "Kepala Subbagian Umum"}
	jabLayanan   = []string{"Pengadministrasi Kependudukan", "Penata Layanan Operasional", "Analis Perizinan", "Operator Layanan Operasional", "Kepala Seksi Pelayanan"}
	jabTeknis    = []string{"Teknik Pengairan Ahli Pertama", "Pengawas Bangunan Terampil", "Penyuluh Pertanian Ahli Pertama", "Analis Keuangan Pusat dan Daerah Ahli Muda"}
	jabAgama     = []string{"Penyuluh Agama Ahli Pertama", "Penghulu Ahli Muda", "Guru Madrasah Ahli Pertama", "Analis Kepegawaian Ahli Pertama"}
	jabKepeg     = []string{"Analis Sumber Daya Manusia Aparatur Ahli Muda", "Pranata SDM Aparatur Terampil", "Analis Kepegawaian Ahli Pertama", "Auditor Kepegawaian Ahli Muda"}
)

// kabCode turns "Kabupaten Seram Bagian Timur" into "kab-seram-bagian-timur"
// and "Kota Ambon" into "kota-ambon".
func kabCode(name string) string {
	n := strings.ToLower(name)
	n = strings.Replace(n, "kabupaten ", "kab-", 1)
	n = strings.Replace(n, "kota ", "kota-", 1)
	return strings.ReplaceAll(n, " ", "-")
}

// shortName is a district name without Kabupaten/Kota ("Seram Bagian Timur").
func shortName(name string) string {
	for _, p := range []string{"Kabupaten ", "Kota "} {
		if strings.HasPrefix(name, p) {
			return name[len(p):]
		}
	}
	return name
}

// kabBase is each kabupaten/kota government's demo headcount.
var kabBase = map[string]int{
	"81.01": 240, "81.02": 130, "81.03": 120, "81.04": 130, "81.05": 110,
	"81.06": 130, "81.07": 110, "81.08": 100, "81.09": 90, "81.71": 320, "81.72": 120,
}

// kabServices names the service unit run by a kabupaten/kota government's
// office, keyed by district code, with the unit-kerja name it belongs to.
var kabServices = map[string][2]string{
	"81.71": {"CAPIL-AMBON", "Dinas Kependudukan dan Pencatatan Sipil Kota Ambon"},
	"81.01": {"CAPIL-MALTENG", "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Maluku Tengah"},
	"81.72": {"CAPIL-TUAL", "Dinas Kependudukan dan Pencatatan Sipil Kota Tual"},
	"81.03": {"RSUD-SAUMLAKI", "RSUD dr. P.P. Magretti Saumlaki"},
	"81.04": {"DPMPTSP-BURU", "Dinas Penanaman Modal dan PTSP Kabupaten Buru"},
	"81.07": {"PKM-DOBO", "Puskesmas Dobo"},
}

// agencies returns the sample's agencies in a fixed order: the province
// government, the 11 kabupaten/kota governments, then vertical offices.
func agencies() []agencySpec {
	ds := domain.MalukuDistricts()
	var out []agencySpec
	var prov []workUnit
	prov = append(prov,
		workUnit{"Sekretariat Daerah Provinsi Maluku", "81.71", 6, "", jabAdmin},
		workUnit{"Badan Kepegawaian Daerah Provinsi Maluku", "81.71", 3, "", jabKepeg},
		workUnit{"Badan Pendapatan Daerah Provinsi Maluku", "81.71", 3, "", jabAdmin},
		workUnit{"UPTD SAMSAT Ambon (Bapenda Provinsi Maluku)", "81.71", 3, "SAMSAT-MALUKU", jabLayanan},
		workUnit{"Dinas Penanaman Modal dan PTSP Provinsi Maluku", "81.71", 2.5, "DPMPTSP-MALUKU", jabLayanan},
		workUnit{"RSUD dr. M. Haulussy Ambon", "81.71", 10, "RSUD-HAULUSSY", jabKesehatan},
		workUnit{"BPSDM Provinsi Maluku", "81.71", 2, "", jabAdmin},
		workUnit{"Dinas Pekerjaan Umum dan Penataan Ruang Provinsi Maluku", "81.71", 3, "", jabTeknis},
	)
	for _, d := range ds {
		t := towns[d.Code]
		prov = append(prov, workUnit{"SMA Negeri 1 " + t, d.Code, 4, "", jabGuru})
		if d.Code != "81.71" {
			prov = append(prov, workUnit{"UPTD SAMSAT " + t, d.Code, 0.8, "", jabLayanan})
		}
	}
	out = append(out, agencySpec{Code: "pemprov-maluku", Name: "Pemerintah Provinsi Maluku", District: "81.71",
		Base: 540, Units: prov, Penyelenggara: "BPSDM Provinsi Maluku"})

	for _, d := range ds {
		short := shortName(d.Name)
		t := towns[d.Code]
		units := []workUnit{
			{"Sekretariat Daerah " + d.Name, d.Code, 6, "", jabAdmin},
			{"Dinas Pendidikan " + d.Name, d.Code, 8, "", jabGuru},
			{"SD dan SMP Negeri di " + short, d.Code, 22, "", jabGuru},
			{"Dinas Kesehatan " + d.Name, d.Code, 4, "", jabKesehatan},
			{"Puskesmas " + t, d.Code, 8, "", jabKesehatan},
			{"BKPSDM " + d.Name, d.Code, 3, "", jabKepeg},
			{"Bappeda " + d.Name, d.Code, 2, "", jabAdmin},
			{"Dinas PUPR " + d.Name, d.Code, 4, "", jabTeknis},
			{"Kecamatan " + t, d.Code, 4, "", jabAdmin},
		}
		if s, ok := kabServices[d.Code]; ok {
			w := 5.0
			jab := jabLayanan
			if strings.HasPrefix(s[0], "RSUD") || strings.HasPrefix(s[0], "PKM") {
				w, jab = 8, jabKesehatan
			}
			if s[0] == "PKM-DOBO" {
				// Puskesmas Dobo replaces the generic Puskesmas of the seat.
				units[4] = workUnit{s[1], d.Code, w, s[0], jab}
			} else {
				units = append(units, workUnit{s[1], d.Code, w, s[0], jab})
			}
		}
		kind := "Kabupaten"
		if strings.HasPrefix(d.Name, "Kota") {
			kind = "Kota"
		}
		out = append(out, agencySpec{Code: kabCode(d.Name), Name: "Pemerintah " + kind + " " + short,
			District: d.Code, Base: kabBase[d.Code], Units: units, Penyelenggara: "BKPSDM " + d.Name})
	}

	out = append(out, agencySpec{Code: "bkn-upt-ambon", Name: "UPT BKN Ambon", District: "81.71", Base: 30,
		Units: []workUnit{
			{"UPT BKN Ambon", "81.71", 1, "", jabKepeg},
		}, Penyelenggara: "BKN Kantor Regional IV Makassar"})
	var kemenag []workUnit
	kemenag = append(kemenag, workUnit{"Kanwil Kementerian Agama Provinsi Maluku", "81.71", 5, "", jabAgama},
		workUnit{"PTSP Kanwil Kementerian Agama Provinsi Maluku", "81.71", 1.5, "PTSP-KEMENAG", jabLayanan})
	for _, d := range ds {
		kemenag = append(kemenag, workUnit{"Kantor Kementerian Agama " + d.Name, d.Code, 2, "", jabAgama})
	}
	out = append(out, agencySpec{Code: "kanwil-kemenag-maluku", Name: "Kantor Wilayah Kementerian Agama Provinsi Maluku",
		District: "81.71", Base: 170, Units: kemenag, Penyelenggara: "Balai Diklat Keagamaan Ambon"})
	out = append(out, agencySpec{Code: "rsup-leimena", Name: "RSUP dr. J. Leimena Ambon", District: "81.71", Base: 120,
		Units: []workUnit{
			{"Instalasi Rawat Jalan RSUP dr. J. Leimena", "81.71", 4, "RSUP-LEIMENA", jabKesehatan},
			{"Instalasi Rawat Inap RSUP dr. J. Leimena", "81.71", 5, "", jabKesehatan},
			{"Bagian Umum dan SDM RSUP dr. J. Leimena", "81.71", 2, "", jabAdmin},
		}, Penyelenggara: "Kementerian Kesehatan"})
	return out
}

// services returns the public-service units surveyed, in a fixed order.
// Level paths plant the IKM patterns: CAPIL-AMBON rises from low B to high
// B/A, RSUD-SAUMLAKI falls into C, RSUP-LEIMENA is A, DPMPTSP-BURU is C.
func services() []serviceSpec {
	u := func(code, name, agency, district string, types []string, users int, lv0, lv1, sf float64) serviceSpec {
		return serviceSpec{Unit: domain.Unit{Code: code, Name: name, Agency: agency, District: district,
			ServiceTypes: types, UsersPerMonth: users}, Level: [2]float64{lv0, lv1}, SampleFactor: sf}
	}
	return []serviceSpec{
		u("CAPIL-AMBON", "Disdukcapil Kota Ambon", "kota-ambon", "81.71",
			[]string{"Akta Kelahiran", "KTP-el", "Kartu Keluarga", "KIA"}, 1200, 0.30, 0.86, 0.35),
		u("DPMPTSP-MALUKU", "DPMPTSP Provinsi Maluku", "pemprov-maluku", "81.71",
			[]string{"Izin Usaha", "Perizinan Non-Berusaha"}, 150, 0.62, 0.66, 1.05),
		u("RSUD-HAULUSSY", "RSUD dr. M. Haulussy Ambon", "pemprov-maluku", "81.71",
			[]string{"Rawat Jalan", "Rawat Inap"}, 900, 0.48, 0.52, 0.3),
		u("SAMSAT-MALUKU", "SAMSAT Maluku (Bapenda Provinsi Maluku)", "pemprov-maluku", "81.71",
			[]string{"Pajak Kendaraan Bermotor", "Balik Nama Kendaraan"}, 1000, 0.55, 0.58, 0.3),
		u("RSUP-LEIMENA", "RSUP dr. J. Leimena Ambon", "rsup-leimena", "81.71",
			[]string{"Rawat Jalan", "Rawat Inap"}, 800, 0.90, 0.92, 0.3),
		u("CAPIL-MALTENG", "Disdukcapil Kabupaten Maluku Tengah", "kab-maluku-tengah", "81.01",
			[]string{"KTP-el", "Kartu Keluarga", "Akta Kelahiran"}, 400, 0.45, 0.47, 0.4),
		u("CAPIL-TUAL", "Disdukcapil Kota Tual", "kota-tual", "81.72",
			[]string{"KTP-el", "Kartu Keluarga"}, 200, 0.52, 0.50, 1.02),
		u("RSUD-SAUMLAKI", "RSUD dr. P.P. Magretti Saumlaki", "kab-kepulauan-tanimbar", "81.03",
			[]string{"Rawat Jalan", "Rawat Inap"}, 300, 0.62, 0.08, 0.5),
		u("DPMPTSP-BURU", "DPMPTSP Kabupaten Buru", "kab-buru", "81.04",
			[]string{"Izin Usaha"}, 60, 0.14, 0.16, 1.1),
		u("PKM-DOBO", "Puskesmas Dobo", "kab-kepulauan-aru", "81.07",
			[]string{"Pelayanan Kesehatan Dasar", "Imunisasi"}, 250, 0.40, 0.42, 0.6),
		u("PTSP-KEMENAG", "PTSP Kanwil Kemenag Provinsi Maluku", "kanwil-kemenag-maluku", "81.71",
			[]string{"Pendaftaran Haji", "Legalisasi Dokumen"}, 0, 0.70, 0.72, 0),
	}
}

// reference builds the reference data of the sample: Maluku's districts,
// the agencies with the kinds they must submit monthly, and the service units.
//
// Rosters are uploaded in January and whenever they change, and most
// agencies evaluate quarterly, so only kehadiran (and survei for agencies
// with service units, and evaluasi for the one agency that evaluates
// monthly) are marked as due every month.
func reference(ags []agencySpec, svcs []serviceSpec) *domain.Reference {
	ref := &domain.Reference{Districts: domain.MalukuDistricts()}
	hasUnit := map[string]bool{}
	for _, s := range svcs {
		hasUnit[s.Agency] = true
		ref.Units = append(ref.Units, s.Unit)
	}
	for _, a := range ags {
		exp := []domain.Kind{domain.Kehadiran}
		if a.Code == monthlyEvalAgy {
			exp = append(exp, domain.Evaluasi)
		}
		if hasUnit[a.Code] {
			exp = append(exp, domain.Survei)
		}
		ref.Agencies = append(ref.Agencies, domain.Agency{Code: a.Code, Name: a.Name, District: a.District, Expects: exp})
	}
	return ref
}
