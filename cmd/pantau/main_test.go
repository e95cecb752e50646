package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHelp: every subcommand's --help exits 0 on stdout, names each of its
// flags on a line of its own and gives an example; it needs no data
// directory.
func TestHelp(t *testing.T) {
	flags := map[string][]string{
		"init":     nil,
		"template": {"agency", "out"},
		"validate": {"agency"},
		"ingest":   nil,
		"report":   {"period", "lang", "pdf", "chromium", "force"},
		"run":      {"jobs", "as-of"},
		"daemon":   nil,
		"status":   {"period"},
		"query":    {"period", "format", "tables"},
		"repair":   {"apply"},
		"sample":   {"out", "scale", "seed", "asn"},
		"user":     {"role", "agency"},
		"serve":    {"addr"},
	}
	if len(flags) != len(commands) {
		t.Fatalf("the test knows %d commands; main has %d", len(flags), len(commands))
	}
	missing := filepath.Join(t.TempDir(), "nothing-here")
	for name, fl := range flags {
		t.Run(name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := run(context.Background(), []string{"--dir", missing, name, "--help"}, &out, &errb); code != exitOK {
				t.Fatalf("pantau %s --help: exit %d; want 0\n%s", name, code, errb.String())
			}
			help := out.String()
			if !strings.Contains(help, "usage: pantau") || !strings.Contains(help, "\nExample:\n  pantau ") {
				t.Errorf("pantau %s --help lacks the usage line or an example:\n%s", name, help)
			}
			lines := strings.Split(help, "\n")
			if name != "sample" {
				fl = append(fl, "dir")
			}
			for _, f := range fl {
				found := false
				for _, l := range lines {
					if strings.HasPrefix(strings.TrimSpace(l), "--"+f+" ") || strings.TrimSpace(l) == "--"+f {
						found = true
					}
				}
				if !found {
					t.Errorf("pantau %s --help has no line for --%s:\n%s", name, f, help)
				}
			}
		})
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("--help created %s (%v)", missing, err)
	}
}

// TestNotDataDir: a mistyped --dir is refused with exit 2 by every command
// that reads or writes a data directory, saying pantau init creates one,
// and is not created; validate and template, which write nothing there,
// run with the built-in reference data and say so.
func TestNotDataDir(t *testing.T) {
	tmp := t.TempDir()
	typo := filepath.Join(tmp, "pantau-dta")
	for _, args := range [][]string{
		{"report", "--period", "2025-12"},
		{"status"},
		{"ingest"},
		{"query", "SELECT 1"},
		{"run"},
		{"daemon"},
		{"repair"},
		{"user", "list"},
		{"serve"},
	} {
		var out, errb bytes.Buffer
		code := run(context.Background(), append([]string{"--dir", typo}, args...), &out, &errb)
		if code != exitUsage {
			t.Errorf("pantau --dir %s %v: exit %d; want %d", typo, args, code, exitUsage)
		}
		for _, want := range []string{"pantau " + args[0] + ": ", "is not a Pantau data directory", "pantau --dir " + typo + " init"} {
			if !strings.Contains(errb.String(), want) {
				t.Errorf("pantau %v stderr %q lacks %q", args, errb.String(), want)
			}
		}
		if _, err := os.Stat(typo); !os.IsNotExist(err) {
			t.Fatalf("pantau %v created %s (%v)", args, typo, err)
		}
	}

	// An existing folder that is no data directory is refused too.
	plain := filepath.Join(tmp, "plain")
	os.MkdirAll(plain, 0o755)
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"--dir", plain, "status"}, &out, &errb); code != exitUsage {
		t.Errorf("status on a plain folder: exit %d; want %d", code, exitUsage)
	}

	// validate checks a file outside any data directory: its answer, with a note.
	out.Reset()
	errb.Reset()
	code := run(context.Background(), []string{"--dir", typo, "validate", "--agency", "kota-ambon", filepath.Join(tmp, "kehadiran_2025-10.csv")}, &out, &errb)
	if code != exitInvalid || !strings.Contains(out.String(), "status:   ditolak") {
		t.Errorf("validate outside a data directory: exit %d, stdout %q; want exit %d and the receipt's answer", code, out.String(), exitInvalid)
	}
	if !strings.Contains(errb.String(), "note: "+typo+" is not a Pantau data directory") {
		t.Errorf("validate outside a data directory: stderr %q lacks the note", errb.String())
	}
	if _, err := os.Stat(typo); !os.IsNotExist(err) {
		t.Errorf("validate created %s (%v)", typo, err)
	}

	// Once init has made it, the same commands accept it.
	out.Reset()
	errb.Reset()
	if code := run(context.Background(), []string{"--dir", typo, "init"}, &out, &errb); code != exitOK {
		t.Fatalf("init: exit %d\n%s", code, errb.String())
	}
	errb.Reset()
	if code := run(context.Background(), []string{"--dir", typo, "status"}, &out, &errb); code != exitOK {
		t.Errorf("status after init: exit %d\n%s", code, errb.String())
	}
}
