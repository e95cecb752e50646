//go:build !unix

package ingest

import "time"

// processCPU is not measured here: BenchmarkRead reports no CPU figure.
func processCPU() time.Duration { return 0 }
