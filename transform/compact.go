package transform

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/duckdb/duckdb-go/v2"
	"golang.org/x/sync/errgroup"

	"github.com/pantau-asn/pantau/internal/lake"
)

// CompactStats says what Compact did.
type CompactStats struct {
	Sets     int           // kinds and periods with two or more current uploads
	Written  int           // compacted files written now (the others were current already)
	Rows     int64         // rows in the files written now
	JP       int           // JP aggregates (kehadiran sets' JPFile) written now
	Removed  int           // stale compacted files removed
	Failed   int           // sets left to the per-upload files because writing failed (logged)
	Duration time.Duration // the whole run
}

// Compact brings lake/compact up to date with the ledger: for every kind and
// period with two or more current uploads (lake.CompactSets) it writes the
// one Parquet file that holds all their rows (their pages spliced,
// writeCompacted), unless it exists already, and removes compacted files of sets that are no longer current. Beside each
// kehadiran set's file it writes the set's JP aggregate (CompactSet.JPFile,
// jpSelect over the same rows), which stage att_person reads in place of
// the rows; its name carries the same digest, so it is current exactly when
// the compacted file is, and a missing one is computed from the rows. The metric
// views read a compacted file in place of its hundreds of small per-upload
// files when, and only when, its name matches the current set, so Compact
// never changes a figure: it only makes reading faster. A set whose file
// cannot be written is logged and left to the per-upload files.
//
// Compact takes the ingest lock (state/ingest.lock), so it never sees a
// ledger half-way through an ingest; call it after ingest.Run returns. It
// removes stale files only when no reader holds lake.ReaderLock.
// Files are written in a temp folder, synced and renamed, so a crash
// leaves either the whole file or a temp folder that SweepTemps removes.
func Compact(ctx context.Context, dir lake.Dir, log *slog.Logger) (CompactStats, error) {
	start := time.Now()
	var st CompactStats
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	lock, err := dir.WaitLock("ingest")
	if err != nil {
		return st, fmt.Errorf("compact %s: %w", dir, err)
	}
	defer lock.Unlock()
	l, err := dir.LoadLedger()
	if err != nil {
		return st, fmt.Errorf("compact %s: %w", dir, err)
	}
	sets := l.CompactSets()
	st.Sets = len(sets)
	var todo []lake.CompactSet
	missing := func(rel string) bool {
		_, err := os.Stat(dir.Abs(rel))
		return errors.Is(err, fs.ErrNotExist)
	}
	for _, s := range sets {
		if missing(s.File) || (s.JPFile != "" && missing(s.JPFile)) {
			todo = append(todo, s)
		}
	}
	if len(todo) > 0 {
		if err := compactAll(ctx, dir, todo, &st, log); err != nil {
			return st, err
		}
	}
	// Stale files no longer count; while a reader is open they may still be
	// in its views, so they wait for a later run.
	removed, readers, err := dir.SweepCompacted(l)
	st.Removed = len(removed)
	if readers {
		log.Info("compact: readers open; stale compacted files are removed by a later run")
	}
	st.Duration = time.Since(start)
	return st, err
}

// compactWorkers is how many sets are written at once, each by one DuckDB
// thread on its own connection: DuckDB's COPY of a set of small files
// spends most of a second thread's time waiting on the first, so one
// thread per set and the sets side by side use both cores for the CPU of
// one.
const compactWorkers = threads

// compactAll writes the compacted file of every set in todo, adding to st;
// a set that fails is logged and counted in st.Failed. It returns an error
// only when DuckDB cannot start or ctx ends.
func compactAll(ctx context.Context, dir lake.Dir, todo []lake.CompactSet, st *CompactStats, log *slog.Logger) error {
	db, err := compactSession()
	if err != nil {
		return err
	}
	defer db.Close()
	var mu sync.Mutex
	next := 0
	g, gctx := errgroup.WithContext(ctx)
	for range min(compactWorkers, len(todo)) {
		g.Go(func() error {
			conn, err := db.Conn(gctx)
			if err != nil {
				return fmt.Errorf("compact duckdb: %w", err)
			}
			defer conn.Close()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(todo) {
					return nil
				}
				if err := gctx.Err(); err != nil {
					return err
				}
				if err := compactSet(gctx, conn, dir, todo[i], st, &mu, log); err != nil {
					return err
				}
			}
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

// compactSet writes what s lacks — its compacted file, its JP aggregate
// — adding to st under mu. A file that fails is logged and counted in
// st.Failed; only the end of ctx is returned.
func compactSet(ctx context.Context, conn *sql.Conn, dir lake.Dir, s lake.CompactSet, st *CompactStats, mu *sync.Mutex, log *slog.Logger) error {
	missing := func(rel string) bool {
		_, err := os.Stat(dir.Abs(rel))
		return errors.Is(err, fs.ErrNotExist)
	}
	if missing(s.File) {
		t0 := time.Now()
		n, how, err := writeCompacted(ctx, conn, dir, s)
		mu.Lock()
		switch {
		case err != nil && ctx.Err() != nil:
			mu.Unlock()
			return ctx.Err()
		case err != nil:
			st.Failed++
			log.Warn("compact: set left to its per-upload files", "kind", s.Kind, "period", s.Period, "err", err)
			mu.Unlock()
			return nil
		}
		st.Written++
		st.Rows += n
		log.Info("compacted", "kind", s.Kind, "period", s.Period, "uploads", len(s.Entries), "rows", n,
			"file", s.File, "by", how, "duration", time.Since(t0).Round(time.Millisecond))
		mu.Unlock()
	}
	if s.JPFile != "" && missing(s.JPFile) {
		t0 := time.Now()
		n, err := writeJP(ctx, conn, dir, s)
		mu.Lock()
		defer mu.Unlock()
		switch {
		case err != nil && ctx.Err() != nil:
			return ctx.Err()
		case err != nil:
			st.Failed++
			log.Warn("compact: JP aggregate left to the rows", "kind", s.Kind, "period", s.Period, "err", err)
			return nil
		}
		st.JP++
		log.Info("compacted JP", "kind", s.Kind, "period", s.Period, "rows", n,
			"file", s.JPFile, "duration", time.Since(t0).Round(time.Millisecond))
	}
	return nil
}

// compactSession is the DuckDB database Compact writes with: a small
// memory limit (COPY streams), one thread per query (compactWorkers), and
// insertion order kept so a file's rows follow its uploads in agency order.
func compactSession() (*sql.DB, error) {
	connector, err := duckdb.NewConnector("", nil)
	if err != nil {
		return nil, fmt.Errorf("compact duckdb: %w", err)
	}
	db := sql.OpenDB(connector)
	for _, s := range []string{"SET memory_limit = '1GB'", "SET threads = 1",
		"SET preserve_insertion_order = true"} {
		if _, err := db.Exec(s); err != nil {
			db.Close()
			return nil, fmt.Errorf("compact duckdb %s: %w", s, err)
		}
	}
	return db, nil
}

// writeCompacted writes s's file: the kind's columns plus upload_id,
// source_row, period and agency (the per-upload files' partition keys, here
// ordinary columns). It returns the rows written and how ("splice" or
// "duckdb").
//
// It splices the per-upload files (spliceSet: their pages copied, not
// read and written again) when the set holds at most spliceMaxRows rows,
// and otherwise, or when they cannot be spliced (errNoSplice: uploads
// written with other settings or schemas, say by an older version or by
// DuckDB), has DuckDB's COPY write it.
func writeCompacted(ctx context.Context, conn *sql.Conn, dir lake.Dir, s lake.CompactSet) (n int64, how string, err error) {
	if setRows(s) <= spliceMaxRows {
		n, err = writeFile(dir.Abs(s.File), func(w io.Writer) (int64, error) {
			return spliceSet(w, dir, s, spliceRows, spliceMaxRows)
		})
		if !errors.Is(err, errNoSplice) {
			return n, "splice", err
		}
	}
	n, err = copyFile(ctx, conn, dir.Abs(s.File), "SELECT "+strings.Join(viewColumns(s.Kind), ", ")+" FROM "+setSource(dir, s), "zstd")
	return n, "duckdb", err
}

// setRows is how many rows s's uploads put in the lake, by the ledger.
func setRows(s lake.CompactSet) int64 {
	var n int64
	for _, e := range s.Entries {
		n += int64(e.RowsAccepted)
	}
	return n
}

// writeJP writes s's JP aggregate (jpSelect) from its compacted file, or
// from its per-upload files when that is missing. It returns the rows written.
func writeJP(ctx context.Context, conn *sql.Conn, dir lake.Dir, s lake.CompactSet) (int64, error) {
	src := setSource(dir, s)
	if fileExists(dir.Abs(s.File)) {
		src = "read_parquet(" + sqlString(dir.Abs(s.File)) + ", hive_partitioning = false)"
	}
	// Sorted by nip_key: the person pass merges the sets' files in one
	// pass (createPersonJP, person.go). Snappy, not Zstd: the pass's
	// critical path is decoding them (national: 12 files, 18.5 million
	// rows; Zstd's decoding was 0.56 CPU-s of the merge's 3.55, CPU
	// profile), for twice the bytes (5.5 -> 12 MB a month).
	return copyFile(ctx, conn, dir.Abs(s.JPFile), "SELECT * FROM ("+jpSelect(src)+") ORDER BY nip_key NULLS LAST, month", "snappy")
}

// setSource reads s's per-upload files, with their partition keys.
func setSource(dir lake.Dir, s lake.CompactSet) string {
	files := make([]string, len(s.Entries))
	for i, e := range s.Entries {
		files[i] = sqlString(dir.Abs(e.LakeFile))
	}
	return "read_parquet([" + strings.Join(files, ", ") +
		"], hive_partitioning = true, hive_types = {'period': VARCHAR, 'agency': VARCHAR})"
}

// writeFile writes the Parquet file final with write (buffered), through
// viaTemp. It returns what write returns.
func writeFile(final string, write func(io.Writer) (int64, error)) (int64, error) {
	return viaTemp(final, func(tmp string) (int64, error) {
		f, err := os.Create(tmp)
		if err != nil {
			return 0, err
		}
		bw := bufio.NewWriterSize(f, 1<<20)
		n, err := write(bw)
		if err == nil {
			err = bw.Flush()
		}
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return n, err
	})
}

// copyFile writes the rows of query q to the Parquet file final, compressed
// with codec, with DuckDB's COPY, through viaTemp. It returns the rows written.
func copyFile(ctx context.Context, conn *sql.Conn, final, q, codec string) (int64, error) {
	return viaTemp(final, func(tmp string) (int64, error) {
		res, err := conn.ExecContext(ctx, "COPY ("+q+") TO "+sqlString(tmp)+" (FORMAT parquet, COMPRESSION "+codec+")")
		if err != nil {
			return 0, err
		}
		n, _ := res.RowsAffected()
		return n, syncFile(tmp)
	})
}

// viaTemp makes the file final: produce writes it whole at tmp, synced,
// inside a locked temp folder beside final (the lock, not the file, keeps
// SweepTemps away, since DuckDB creates and may replace the file itself);
// then it is renamed into place and the folder synced. A crash leaves the
// whole file or a temp folder SweepTemps removes. It returns what produce
// returns.
func viaTemp(final string, produce func(tmp string) (int64, error)) (int64, error) {
	td, err := lake.MkdirTemp(filepath.Dir(final), filepath.Base(final))
	if err != nil {
		return 0, err
	}
	defer td.Remove() // empty after the rename; holds the partial file on failure
	tmp := filepath.Join(td.Path, filepath.Base(final))
	n, err := produce(tmp)
	if err != nil {
		return 0, err
	}
	if err := os.Rename(tmp, final); err != nil {
		return 0, err
	}
	return n, lake.SyncDir(filepath.Dir(final))
}

// syncFile fsyncs the file at path.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
