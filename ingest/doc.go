// Package ingest turns agency Excel uploads into validated Arrow records in
// the Parquet lake. One declarative Schema per upload kind (pegawai.go,
// kehadiran.go, evaluasi.go, survei.go) drives header matching, cell
// parsing, validation, the Arrow schema, the Excel template and the receipt.
// Row errors are collected, each with its place and an Indonesian sentence
// for the agency; a file is accepted whole, in part, or rejected with a
// receipt, and nothing is ever lost.
package ingest
