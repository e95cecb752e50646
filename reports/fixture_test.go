package reports

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// xss is an agency and unit name that must stay text everywhere.
const xss = `</script><img src=x onerror=alert(1)>`

var fixturePeriod = domain.MustPeriod("2026-10")

// smallData is a hand-built month: three districts (Aru remote), three
// agencies (one with a hostile name), three service units.
func smallData() *data {
	p := fixturePeriod
	d := &data{Period: p, AsOf: time.Date(2026, 11, 5, 7, 0, 0, 0, domain.WIT), Rules: defaultRules()}
	// Province: 1.000 ASN; on track 600 → 60 %; target met 300 → 30 %.
	d.Province = coverage{Code: "semua", Headcount: 1000, Trained: 800, Coverage: 0.8, TargetMet: 300,
		TargetMetShare: 0.3, OnTrack: 600, OnTrackShare: 0.6, JPPerASN: 14.25, DaringJPShare: 0.25}
	d.Remote = coverage{Code: "terpencil", Headcount: 200, OnTrack: 60, OnTrackShare: 0.3, DaringJPShare: 0.4}
	d.Other = coverage{Code: "lainnya", Headcount: 800, OnTrack: 540, OnTrackShare: 0.675, DaringJPShare: 0.2}
	d.Districts = []coverage{
		{Code: "81.71", Name: "Kota Ambon", Headcount: 500, Trained: 450, Coverage: 0.9, OnTrack: 350, OnTrackShare: 0.7,
			TargetMet: 200, TargetMetShare: 0.4, JPPerASN: 18, JPKlasikal: 6000, JPNonklasikal: 3000, JPLuring: 7000, JPDaring: 2000, DaringJPShare: 2.0 / 9},
		{Code: "81.01", Name: "Kab. Maluku Tengah", Headcount: 300, Trained: 250, Coverage: 0.8333, OnTrack: 190, OnTrackShare: 0.6333,
			TargetMet: 80, TargetMetShare: 0.2667, JPPerASN: 12.5, JPKlasikal: 2500, JPNonklasikal: 1250, JPLuring: 3000, JPDaring: 750, DaringJPShare: 0.2},
		{Code: "81.07", Name: "Kab. Kepulauan Aru", Remote: true, Headcount: 200, Trained: 100, Coverage: 0.5, OnTrack: 60, OnTrackShare: 0.3,
			TargetMet: 20, TargetMetShare: 0.1, JPPerASN: 7.5, JPKlasikal: 900, JPNonklasikal: 600, JPLuring: 900, JPDaring: 600, DaringJPShare: 0.4},
	}
	d.Agencies = []coverage{
		{Code: "kota-ambon", Name: "Pemerintah Kota Ambon", District: "81.71", Headcount: 500, OnTrack: 350, OnTrackShare: 0.7},
		{Code: "kab-maluku-tengah", Name: "Pemerintah Kab. Maluku Tengah", District: "81.01", Headcount: 300, OnTrack: 190, OnTrackShare: 0.6333},
		{Code: "kab-kepulauan-aru", Name: xss, District: "81.07", Headcount: 200, OnTrack: 60, OnTrackShare: 0.3},
	}
	for i, q := range p.Window(12) {
		f := float64(i+1) / 12
		d.Trend = append(d.Trend, trendPoint{Period: q, Level: "provinsi", Headcount: 990 + i, Trained: int(800 * f),
			Coverage: round(0.8*f, 4), OnTrack: int(600 * f), OnTrackShare: round(0.6*f, 4), TargetMet: int(300 * f),
			TargetMetShare: round(0.3*f, 4), JPPerASN: round(14.25*f, 2)})
	}
	d.Attention = []attentionRow{
		{Rank: 1, District: "81.07", Name: "Kab. Kepulauan Aru", Remote: true, OnTrackShare: 0.3, ProvinceOnTrackShare: 0.6,
			Flagged: true, WorstAgency: "kab-kepulauan-aru", DaringJPShare: 0.4},
		{Rank: 2, District: "81.01", Name: "Kab. Maluku Tengah", OnTrackShare: 0.6333, ProvinceOnTrackShare: 0.6, WorstAgency: "kab-maluku-tengah", DaringJPShare: 0.2},
		{Rank: 3, District: "81.71", Name: "Kota Ambon", OnTrackShare: 0.7, ProvinceOnTrackShare: 0.6, WorstAgency: "kota-ambon", DaringJPShare: 2.0 / 9},
	}
	yes := true
	d.Units = []unitIKM{
		{Code: "U-AMB-DUKCAPIL", Name: "Disdukcapil Kota Ambon", Agency: "kota-ambon", District: "81.71", ServiceType: "KTP-el; Akta Kelahiran",
			N: 120, IKM: some(90.1234), Category: "A", IKM3M: some(89.5), DeltaPrev: some(1.5), SampleOK: &yes, LowestElement: "U3"},
		{Code: "U-MTG-RSUD", Name: "RSUD Masohi", Agency: "kab-maluku-tengah", District: "81.01", ServiceType: "Rawat Jalan",
			N: 80, IKM: some(74.5), Category: "C", IKM3M: some(76), DeltaPrev: some(-4.25), LowestElement: "U8"},
		{Code: "U-ARU-XSS", Name: xss, Agency: "kab-kepulauan-aru", District: "81.07", ServiceType: "Perizinan",
			N: 30, IKM: some(62.0), Category: "D", IKM3M: some(63), DeltaPrev: some(2), LowestElement: "U9"},
	}
	d.Groups = []ikmGroup{{Level: "provinsi", Code: "provinsi", Name: "Provinsi Maluku", N: 230, IKM: some(81.37), Category: "B", DeltaPrev: some(0.4)}}
	for i, q := range p.Window(12) {
		prov := some(80 + float64(i)*0.12)
		ktp := some(88 + float64(i%3))
		if i == 4 {
			ktp = opt{} // a month without responses: a gap
		}
		d.IKMTrend = append(d.IKMTrend,
			ikmPoint{Level: "provinsi", Code: "provinsi", Name: "Provinsi", Period: q, N: 200, IKM: prov},
			ikmPoint{Level: "jenis_layanan", Code: "KTP-el", Name: "KTP-el", Period: q, N: 50, IKM: ktp},
			ikmPoint{Level: "jenis_layanan", Code: "Perizinan", Name: "Perizinan", Period: q, N: 20, IKM: some(60 + float64(i))})
	}
	d.Elements = []elementProfile{
		{Level: "provinsi", Code: "provinsi", N: 230, NRR: nrr(3.3, 3.2, 3.0, 3.6, 3.2, 3.3, 3.4, 3.1, 3.15), Lowest: "U3"},
		{Level: "unit", Code: "U-ARU-XSS", N: 30, NRR: nrr(2.6, 2.5, 2.4, 2.9, 2.5, 2.5, 2.5, 2.3, 2.1), Lowest: "U9"},
		{Level: "unit", Code: "U-MTG-RSUD", N: 80, NRR: nrr(3.0, 3.0, 2.9, 3.2, 3.0, 3.0, 3.0, 2.6, 2.9), Lowest: "U8"},
	}
	d.Evaluations = []evalCount{
		{Level: "instansi", Code: "kota-ambon", Predikat: domain.SangatBaik, Persons: 50},
		{Level: "instansi", Code: "kota-ambon", Predikat: domain.Baik, Persons: 400},
		{Level: "instansi", Code: "kota-ambon", Predikat: domain.ButuhPerbaikan, Persons: 10},
		{Level: "instansi", Code: "kab-kepulauan-aru", Predikat: domain.Baik, Persons: 150},
		{Level: "instansi", Code: "kab-kepulauan-aru", Predikat: domain.SangatKurang, Persons: 5},
	}
	// Follow-up: 15 complete windows, 9 followed up → 60 %.
	d.Followups = []followupRow{
		{Agency: "kota-ambon", Level: "instansi", Cohort: 10, Complete: 10, FollowedUp: 7, Rate: some(0.7)},
		{Agency: "kab-kepulauan-aru", Level: "instansi", Cohort: 6, Complete: 5, FollowedUp: 2, Pending: 1, Rate: some(0.4)},
		{Agency: "provinsi", Level: "provinsi", Cohort: 16, Complete: 15, FollowedUp: 9, Pending: 1, Rate: some(0.6)},
	}
	d.Impact = []impactRow{
		{Unit: "U-AMB-DUKCAPIL", Name: "Disdukcapil Kota Ambon", Staff: 40, TrainedShare: 0.5, IKMFirst3: some(86), IKMLast3: some(89.5), IKMChange: some(3.5)},
		{Unit: "U-MTG-RSUD", Name: "RSUD Masohi", Staff: 60, TrainedShare: 0.1, IKMFirst3: some(78), IKMLast3: some(75), IKMChange: some(-3)},
		{Unit: "U-ARU-XSS", Name: xss, Staff: 10, TrainedShare: 0.2, IKMChange: opt{}},
	}
	recv := time.Date(2026, 11, 3, 9, 30, 0, 0, domain.WIT)
	late := time.Date(2026, 11, 12, 14, 5, 0, 0, domain.WIT)
	for _, a := range []string{"kota-ambon", "kab-maluku-tengah", "kab-kepulauan-aru"} {
		for _, k := range domain.Kinds {
			r := completenessRow{Agency: a, Kind: k, Status: string(lake.Accepted), ReceivedAt: recv, RowsRead: 100, RowsAccepted: 100, Expected: true}
			switch {
			case a == "kab-kepulauan-aru" && k == domain.Survei:
				r = completenessRow{Agency: a, Kind: k, Status: "tidak ada", Expected: true}
			case a == "kab-maluku-tengah" && k == domain.Kehadiran:
				r.ReceivedAt, r.Late = late, true
			case a == "kab-maluku-tengah" && k == domain.Evaluasi:
				r.Status, r.RowsAccepted, r.RowsRejected = string(lake.Partial), 95, 5
			}
			d.Completeness = append(d.Completeness, r)
		}
	}
	d.Persons = []personProgress{
		{Agency: "kota-ambon", NIP: "198609262015051001", Name: "Maria Latuconsina", UnitKerja: "Bagian Umum", District: "81.71", JPYTD: 4, OnTrack: false},
		{Agency: "kota-ambon", NIP: "199001012019032002", Name: "Yohanis Pattiasina", UnitKerja: "Disdukcapil", District: "81.71", JPYTD: 24, OnTrack: true, TargetMet: true},
		{Agency: "kab-kepulauan-aru", NIP: "198512312010011003", Name: "=HYPERLINK(\"http://x\")", UnitKerja: xss, District: "81.07", JPYTD: 0},
	}
	d.Uploads = []lake.Entry{
		{ID: "u1", Agency: "kota-ambon", Kind: domain.Pegawai, Period: p.String(), File: "pegawai.xlsx", ReceivedAt: recv, Status: lake.Accepted, Revision: 1},
		{ID: "u2", Agency: "kab-kepulauan-aru", Kind: domain.Kehadiran, Period: p.String(), File: xss + ".xlsx", ReceivedAt: recv, Status: lake.Accepted, Revision: 2},
	}
	// The earlier months the figures depend on all arrived: attendance of
	// January–September, surveys of August and September.
	for _, a := range []string{"kota-ambon", "kab-maluku-tengah", "kab-kepulauan-aru"} {
		for q := p.YearStart(); q.Before(p); q = q.Add(1) {
			d.Uploads = append(d.Uploads, lake.Entry{ID: a + "-k-" + q.String(), Agency: a, Kind: domain.Kehadiran, Period: q.String(),
				File: "kehadiran.xlsx", ReceivedAt: q.Add(1).Start().Add(48 * time.Hour), Status: lake.Accepted, Revision: 1})
		}
		for _, q := range []domain.Period{p.Add(-2), p.Add(-1)} {
			d.Uploads = append(d.Uploads, lake.Entry{ID: a + "-s-" + q.String(), Agency: a, Kind: domain.Survei, Period: q.String(),
				File: "survei.xlsx", ReceivedAt: q.Add(1).Start().Add(48 * time.Hour), Status: lake.Accepted, Revision: 1})
		}
	}
	return d
}

func nrr(v ...float64) [9]opt {
	var o [9]opt
	for i := range o {
		o[i] = some(v[i])
	}
	return o
}

// provinceData is a synthetic month at province scale: 60.000 ASN in 11
// districts, 60 agencies, 40 service units, 6 service types.
func provinceData(seed uint64) *data {
	r := rand.New(rand.NewPCG(seed, 1))
	p := fixturePeriod
	d := &data{Period: p, AsOf: time.Date(2026, 11, 5, 7, 0, 0, 0, domain.WIT), Rules: defaultRules()}
	ds := domain.MalukuDistricts()
	remote := map[string]bool{"81.03": true, "81.05": true, "81.06": true, "81.07": true, "81.08": true, "81.09": true}
	cov := func(code, name string, hc int) coverage {
		ot := 0.3 + 0.5*r.Float64()
		c := coverage{Code: code, Name: name, Headcount: hc, Trained: int(float64(hc) * (ot + 0.1)), OnTrack: int(float64(hc) * ot),
			TargetMet: int(float64(hc) * ot / 2), JPPerASN: 5 + 15*r.Float64()}
		c.Coverage = float64(c.Trained) / float64(hc)
		c.OnTrackShare = float64(c.OnTrack) / float64(hc)
		c.TargetMetShare = float64(c.TargetMet) / float64(hc)
		jp := c.JPPerASN * float64(hc)
		c.JPDaring = jp * r.Float64() * 0.5
		c.JPLuring = jp - c.JPDaring
		c.JPKlasikal = jp * 0.6
		c.JPNonklasikal = jp - c.JPKlasikal
		c.DaringJPShare = c.JPDaring / jp
		return c
	}
	for _, x := range ds {
		c := cov(x.Code, x.Name, 60000/len(ds))
		c.Remote = remote[x.Code]
		d.Districts = append(d.Districts, c)
		d.Province.Headcount += c.Headcount
		d.Province.OnTrack += c.OnTrack
		d.Province.Trained += c.Trained
		d.Province.TargetMet += c.TargetMet
	}
	d.Province.OnTrackShare = float64(d.Province.OnTrack) / float64(d.Province.Headcount)
	d.Province.Coverage = float64(d.Province.Trained) / float64(d.Province.Headcount)
	d.Province.TargetMetShare = float64(d.Province.TargetMet) / float64(d.Province.Headcount)
	d.Province.JPPerASN = 11.2
	for i := 0; i < 60; i++ {
		x := ds[i%len(ds)]
		code := fmt.Sprintf("opd-%02d-%s", i, x.Code[3:])
		c := cov(code, fmt.Sprintf("Dinas %02d %s", i, x.Name), 1000)
		c.District = x.Code
		d.Agencies = append(d.Agencies, c)
		for _, k := range domain.Kinds {
			st := string(lake.Accepted)
			if r.IntN(20) == 0 {
				st = "tidak ada"
			}
			d.Completeness = append(d.Completeness, completenessRow{Agency: code, Kind: k, Status: st,
				ReceivedAt: p.Add(1).Start().Add(time.Duration(r.IntN(15*24)) * time.Hour), Late: r.IntN(8) == 0, RowsRead: 1000, RowsAccepted: 1000})
		}
		for _, pr := range domain.Predikats {
			d.Evaluations = append(d.Evaluations, evalCount{Level: "instansi", Code: code, Predikat: pr, Persons: r.IntN(300)})
		}
		d.Followups = append(d.Followups, followupRow{Agency: code, Level: "instansi", Cohort: 20, Complete: 15, FollowedUp: r.IntN(15), Rate: some(r.Float64())})
		for j := 0; j < 1000*4/10; j++ { // 40 % not on track
			d.Persons = append(d.Persons, personProgress{Agency: code, NIP: fmt.Sprintf("19800101200501%04d", j), Name: fmt.Sprintf("Pegawai %d", j),
				UnitKerja: "Bagian Umum", District: x.Code, JPYTD: float64(r.IntN(15))})
		}
	}
	d.Followups = append(d.Followups, followupRow{Agency: "provinsi", Level: "provinsi", Cohort: 1200, Complete: 900, FollowedUp: 450, Rate: some(0.5)})
	for i, q := range p.Window(12) {
		f := float64(i+1) / 12
		d.Trend = append(d.Trend, trendPoint{Period: q, Level: "provinsi", Headcount: 60000, Coverage: 0.8 * f, OnTrackShare: 0.6 * f, TargetMetShare: 0.3 * f, JPPerASN: 11 * f})
	}
	for i, x := range d.Districts {
		d.Attention = append(d.Attention, attentionRow{Rank: i + 1, District: x.Code, Name: x.Name, Remote: x.Remote, OnTrackShare: x.OnTrackShare,
			ProvinceOnTrackShare: d.Province.OnTrackShare, Flagged: x.OnTrackShare < 0.5, WorstAgency: d.Agencies[i].Code, DaringJPShare: x.DaringJPShare})
	}
	types := []string{"KTP-el", "Akta Kelahiran", "Rawat Jalan", "Perizinan", "SAMSAT", "Pendidikan"}
	for i := 0; i < 40; i++ {
		ikm := 60 + 35*r.Float64()
		code := fmt.Sprintf("UL-%02d", i)
		d.Units = append(d.Units, unitIKM{Code: code, Name: fmt.Sprintf("Unit Layanan %02d", i), Agency: d.Agencies[i].Code,
			District: d.Agencies[i].District, ServiceType: types[i%len(types)], N: 50 + r.IntN(300), IKM: some(ikm),
			Category: domain.IKMCategory(ikm), DeltaPrev: some(r.NormFloat64() * 3), LowestElement: fmt.Sprintf("U%d", 1+r.IntN(9))})
		var e elementProfile
		e.Level, e.Code = "unit", code
		for k := range e.NRR {
			e.NRR[k] = some(2 + 2*r.Float64())
		}
		d.Elements = append(d.Elements, e)
		d.Impact = append(d.Impact, impactRow{Unit: code, Name: fmt.Sprintf("Unit Layanan %02d", i), Staff: 30, TrainedShare: r.Float64(), IKMChange: some(r.NormFloat64() * 4)})
		for _, q := range p.Window(12) {
			d.IKMTrend = append(d.IKMTrend, ikmPoint{Level: "unit", Code: code, Period: q, N: 50, IKM: some(ikm + r.NormFloat64())})
		}
	}
	for _, ty := range types {
		for _, q := range p.Window(12) {
			d.IKMTrend = append(d.IKMTrend, ikmPoint{Level: "jenis_layanan", Code: ty, Name: ty, Period: q, N: 100, IKM: some(math.Round(70 + 20*r.Float64()))})
		}
	}
	for _, q := range p.Window(12) {
		d.IKMTrend = append(d.IKMTrend, ikmPoint{Level: "provinsi", Code: "provinsi", Period: q, N: 2000, IKM: some(80 + r.Float64())})
	}
	d.Elements = append(d.Elements, elementProfile{Level: "provinsi", Code: "provinsi", N: 2000, NRR: nrr(3.2, 3.1, 3.0, 3.5, 3.2, 3.3, 3.3, 3.0, 2.9)})
	d.Groups = append(d.Groups, ikmGroup{Level: "provinsi", Code: "provinsi", N: 2000, IKM: some(80.5), Category: "B"})
	return d
}
