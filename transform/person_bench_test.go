package transform

import (
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// BenchmarkPersonJPWriter writes 1,048,576 person_jp rows to Parquet, the
// largest part of the person pass's join side (national: 5.3 million).
func BenchmarkPersonJPWriter(b *testing.B) {
	str := func(v string) *array.String { // a seg batch of v
		sb := array.NewStringBuilder(memory.DefaultAllocator)
		defer sb.Release()
		for range streamBatch {
			sb.Append(v)
		}
		return sb.NewStringArray()
	}
	s := &segStream{agency: str("kota-ambon"), unit: str("puskesmas-01"), district: str("8171")}
	s.key = 199001012020011001
	p := &personJP{c: [12]float64{11: 24}, split: [5]float64{12, 12, 20, 4, 0}, pp: 1}
	t := &thresholds{tol: jpTolerance, target: 20, onTrackP: 20}
	path := filepath.Join(b.TempDir(), "person_jp.parquet")
	for b.Loop() {
		w, err := newPersonJPWriter(path)
		if err != nil {
			b.Fatal(err)
		}
		for range (1 << 20) / streamBatch {
			for r := range streamBatch {
				w.add(s, r, true, p, t)
			}
			if err := w.flush(s); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.close(); err != nil {
			b.Fatal(err)
		}
	}
}
