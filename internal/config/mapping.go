package config

import (
	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/transform"
)

// IngestConfig maps the [ingest] section onto ingest.Config, starting from
// ingest.DefaultConfig for what pantau.toml does not set.
func (c Config) IngestConfig() ingest.Config {
	s := c.Ingest
	cfg := ingest.DefaultConfig()
	cfg.Workers = s.Workers
	cfg.StableFor = s.StableFor()
	cfg.MaxFileSize = int64(s.MaxFileMB) << 20
	cfg.Read.MaxBadShare = s.MaxBadShare
	cfg.Read.MinBadRows = s.MinBadRows
	cfg.ReplaceShare = s.ReplaceShare
	cfg.AddShare = s.AddShare
	cfg.DeadlineDay = c.Report.DeadlineDay
	cfg.Read.MaxRows = s.MaxRows
	cfg.Read.MaxUnzipSize = int64(s.MaxUnzipMB) << 20
	cfg.Read.MaxXMLSize = int64(s.MaxXMLMB) << 20
	return cfg
}

// Params maps the [report] section onto the metric parameters of p.
func (r ReportConfig) Params(p domain.Period) transform.Params {
	params := transform.DefaultParams(p)
	params.TargetJP = r.TargetJP
	params.OnTrackThreshold = r.OnTrackThreshold
	params.GapPoints = r.GapPoints
	params.FollowupDays = r.FollowupDays
	params.DeadlineDay = r.DeadlineDay
	params.StaleMonths = r.StaleMonths
	return params
}
