// Package config is pantau.toml: its settings and their defaults, loading
// and validation (every problem at once, each naming its key), the cron
// spec syntax its jobs use, the commented file `pantau init` writes, and
// the mapping of its sections onto ingest.Config and transform.Params.
// Every command that reads pantau.toml loads it here; package schedules
// runs the jobs it describes.
package config
