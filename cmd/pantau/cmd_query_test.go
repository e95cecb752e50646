package main

import (
	"bytes"
	"log/slog"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/lake"
)

func queryEnv(t *testing.T) (*env, *bytes.Buffer) {
	var out bytes.Buffer
	return &env{dir: lake.Dir(t.TempDir()), stdout: &out, stderr: &bytes.Buffer{},
		log: slog.New(slog.DiscardHandler), now: time.Now}, &out
}

func TestQueryFormats(t *testing.T) {
	const q = "SELECT 1 AS n, 'Kota Ambon' AS nama, 0.5 AS share, NULL AS kosong"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{q}, "n  nama        share  kosong\n-  ----------  -----  ------\n1  Kota Ambon    0.5  NULL\n(1 baris)\n"},
		{[]string{q, "--format", "csv"}, "n,nama,share,kosong\n1,Kota Ambon,0.5,\n"},
		{[]string{"--format", "json", q}, "[\n  {\n    \"n\": 1,\n    \"nama\": \"Kota Ambon\",\n    \"share\": 0.5,\n    \"kosong\": null\n  }\n]\n"},
	} {
		e, out := queryEnv(t)
		if err := runQuery(e, tc.args); err != nil {
			t.Fatalf("query %q: %v", tc.args, err)
		}
		if diff := cmp.Diff(tc.want, out.String()); diff != "" {
			t.Errorf("query(%q) (-want +got):\n%s", tc.args, diff)
		}
	}
}

func TestQueryViewsAndPeriod(t *testing.T) {
	// An empty data directory: the kind views exist with no rows; with
	// --period the metric tables exist (11 built-in Maluku districts).
	e, out := queryEnv(t)
	err := runQuery(e, []string{"SELECT (SELECT count(*) FROM pegawai) + (SELECT count(*) FROM kehadiran) + " +
		"(SELECT count(*) FROM evaluasi) + (SELECT count(*) FROM survei) AS n, (SELECT count(*) FROM kabupaten) AS k",
		"--format", "csv"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "n,k\n0,11\n"; got != want {
		t.Errorf("views = %q; want %q", got, want)
	}
	e, out = queryEnv(t)
	if err := runQuery(e, []string{"SELECT count(*) AS n FROM coverage_district", "--period", "2026-03", "--format", "csv"}); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "n\n11\n"; got != want {
		t.Errorf("coverage_district = %q; want %q", got, want)
	}
}

func TestQueryUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"SELECT 1", "SELECT 2"}, {"SELECT 1", "--format", "xml"}, {"SELECT 1", "--period", "2026-13"}} {
		e, _ := queryEnv(t)
		if err := runQuery(e, args); err == nil {
			t.Errorf("query(%q) = nil; want a usage error", args)
		}
	}
}
