package sampledata

import "testing"

// BenchmarkGenerate measures writing a whole sample (`make bench`).
func BenchmarkGenerate(b *testing.B) {
	for _, sc := range []Scale{Demo, Province} {
		b.Run(string(sc), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				st, err := Generate(b.TempDir(), sc, 1)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(st.ASN), "asn")
				b.ReportMetric(float64(st.Bytes)/1e6, "MB")
			}
		})
	}
}
