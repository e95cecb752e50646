package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// A CSV dropped by mistake is rejected with a receipt and moved to
// rejected/<agency>/; the ledger records it.
func ExampleRun() {
	root, _ := os.MkdirTemp("", "pantau-example")
	defer os.RemoveAll(root)
	dir := lake.Dir(root)
	drop := time.Date(2026, 11, 3, 8, 0, 0, 0, domain.WIT)
	path := filepath.Join(dir.InboxOf("kota-ambon"), "kehadiran_2026-10.csv")
	os.MkdirAll(filepath.Dir(path), 0o755)
	os.WriteFile(path, []byte("NIP;Nama\n198609262015051001;Maria\n"), 0o644)
	os.Chtimes(path, drop, drop)

	now := time.Date(2026, 11, 3, 9, 0, 0, 0, domain.WIT)
	sum, err := ingest.Run(context.Background(), dir, ingest.DefaultConfig(), now, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", sum)
	l, _ := dir.LoadLedger()
	for _, e := range l.Entries {
		fmt.Println(e.Status, e.File, "→", filepath.Dir(e.Stored), "+", e.Receipt)
	}
	// Output:
	// {Seen:1 Accepted:0 Partial:0 Rejected:1 Duplicates:0 Pending:0 Ignored:0 Failed:0 FailedFiles:[]}
	// ditolak kehadiran_2026-10.csv → rejected/kota-ambon + outbox/kota-ambon/kehadiran_2026-10.csv.receipt.xlsx
}
