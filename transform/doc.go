// Package transform computes the metric tables of docs/metrics.md with embedded
// DuckDB directly over the Parquet lake: one .sql file per table, embedded
// in the binary, parameterised by the period and thresholds, returning Arrow
// records for the reports and CSV exports for anyone to re-check.
package transform
