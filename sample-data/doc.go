// Package sampledata generates realistic, deterministic sample uploads for a
// Maluku year — the files agencies would drop in the inbox, the reference
// workbook, and a set of bad files the ingest must explain. The committed
// demo sample (sample-data/demo) and bad files (sample-data/bad) are its output.
package sampledata
