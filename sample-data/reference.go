package sampledata

import (
	"bytes"
	"fmt"
	"os"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/domain"
)

// writeReferenceFile writes the reference workbook (referensi.xlsx) with
// ingest.WriteReference, the same writer `pantau init` uses, through a
// temporary name.
func writeReferenceFile(path string, ref *domain.Reference) error {
	var b bytes.Buffer
	if err := ingest.WriteReference(&b, ref); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
