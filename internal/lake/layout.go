package lake

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/pantau-asn/pantau/internal/domain"
)

// Dir is a Pantau data directory.
type Dir string

// Paths inside a data directory.
func (d Dir) Root() string                     { return string(d) }
func (d Dir) Config() string                   { return filepath.Join(string(d), "pantau.toml") }
func (d Dir) Reference() string                { return filepath.Join(string(d), "referensi.xlsx") }
func (d Dir) Inbox() string                    { return filepath.Join(string(d), "inbox") }
func (d Dir) InboxOf(agency string) string     { return filepath.Join(d.Inbox(), agency) }
func (d Dir) OutboxOf(agency string) string    { return filepath.Join(string(d), "outbox", agency) }
func (d Dir) TemplatesOf(agency string) string { return filepath.Join(d.OutboxOf(agency), "template") }
func (d Dir) ArchiveOf(agency string) string   { return filepath.Join(string(d), "archive", agency) }
func (d Dir) RejectedOf(agency string) string  { return filepath.Join(string(d), "rejected", agency) }
func (d Dir) Lake() string                     { return filepath.Join(string(d), "lake") }
func (d Dir) KindDir(k domain.Kind) string     { return filepath.Join(d.Lake(), string(k)) }
func (d Dir) ReferenceDir() string             { return filepath.Join(d.Lake(), "referensi") }
func (d Dir) Reports() string                  { return filepath.Join(string(d), "reports") }
func (d Dir) ReportDir(p domain.Period) string { return filepath.Join(d.Reports(), p.String()) }
func (d Dir) State() string                    { return filepath.Join(string(d), "state") }
func (d Dir) Ledger() string                   { return filepath.Join(d.State(), "ledger.json") }

// PartitionDir is lake/<kind>/period=YYYY-MM/agency=<code>.
func (d Dir) PartitionDir(k domain.Kind, p domain.Period, agency string) string {
	return filepath.Join(d.KindDir(k), "period="+p.String(), "agency="+agency)
}

// LakeFile is the Parquet file of one upload, relative to the data directory
// (ledger entries store relative paths so a directory can be moved).
func LakeFile(k domain.Kind, p domain.Period, agency, uploadID string) string {
	return filepath.Join("lake", string(k), "period="+p.String(), "agency="+agency, uploadID+".parquet")
}

// Abs resolves a path relative to the data directory.
func (d Dir) Abs(rel string) string { return filepath.Join(string(d), rel) }

// Init creates the directory skeleton (inbox, outbox, archive, rejected,
// lake, reports, state). Existing content is left alone.
func (d Dir) Init() error {
	for _, p := range []string{d.Inbox(), filepath.Join(string(d), "outbox"),
		filepath.Join(string(d), "archive"), filepath.Join(string(d), "rejected"),
		d.Lake(), d.Reports(), d.State()} {
		if err := os.MkdirAll(p, 0o755); err != nil {
			return fmt.Errorf("init %s: %w", d, err)
		}
	}
	return nil
}
