package sampledata

import (
	"bytes"
	"fmt"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// writeReferenceFile writes the reference workbook (referensi.xlsx) with
// ingest.WriteReference, the same writer `pantau init` uses, through a
// temporary name.
func writeReferenceFile(path string, ref *domain.Reference) error {
	var b bytes.Buffer
	if err := ingest.WriteReference(&b, ref); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	// lake.WriteFile's temp name (TempPrefix) is one the sweep of the data
	// directory knows, should the sample be written into one and stopped.
	if err := lake.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
