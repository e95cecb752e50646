package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/pantau-asn/pantau/ingest"
	"github.com/pantau-asn/pantau/internal/config"
	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/schedules"
)

// runInit creates the data directory skeleton, the commented pantau.toml
// and the default referensi.xlsx, and keeps each agency's templates in
// outbox/<agency>/template/. Existing files are never overwritten (a
// template only when its content changed), so init is safe to run again.
func runInit(e *env, args []string) error {
	flags := newFlags(e, "init")
	if err := parseFlags(flags, args); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, flags.Arg(0))
	}
	return initDir(e, schedules.RealPipeline())
}

func initDir(e *env, pl schedules.Pipeline) error {
	if err := e.dir.Init(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Direktori data: %s (inbox/, outbox/, archive/, rejected/, lake/, reports/, state/)\n", e.dir)
	wrote, err := writeIfAbsent(e.dir.Config(), func(w io.Writer) error {
		_, err := io.WriteString(w, config.DefaultText())
		return err
	})
	if err != nil {
		return fmt.Errorf("init %s: %w", e.dir.Config(), err)
	}
	initNote(e, e.dir.Config(), wrote, "jadwal dan pengaturan")
	wrote, err = writeIfAbsent(e.dir.Reference(), pl.WriteReference)
	if err != nil {
		return fmt.Errorf("init %s: %w", e.dir.Reference(), err)
	}
	initNote(e, e.dir.Reference(), wrote, "data referensi: kabupaten/kota, instansi, unit layanan")
	if err := initTemplates(e, pl); err != nil {
		return err
	}
	// Validate what is there now, so a broken existing pantau.toml shows up at once.
	if _, err := config.Load(e.dir); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, `
Langkah berikutnya:
  1. Isi %s (lembar Instansi: kode instansi = nama folder inbox,
     dan jenis data yang wajib dikirim; lembar Unit Layanan untuk survei).
  2. Periksa jadwal di %s, lalu: pantau --dir %s status
  3. Template tiap instansi ada di outbox/<kode-instansi>/template/ (template-pegawai.xlsx, …),
     di samping tanda terimanya; diperbarui setiap ingest setelah referensi diubah.
  4. Instansi menyimpan berkas ke %s/<kode-instansi>/.
  5. Jalankan layanan: pantau --dir %s daemon (atau systemd, lihat README.md bagian "Operating Pantau"),
     atau sekali jalan: pantau --dir %s run
`, e.dir.Reference(), e.dir.Config(), e.dir, e.dir.Inbox(), e.dir, e.dir)
	return nil
}

// initTemplates keeps each agency's templates in outbox/<agency>/template/,
// as every ingest does. An unreadable reference only postpones them to
// the first ingest; a template that cannot be written fails init.
func initTemplates(e *env, pl schedules.Pipeline) error {
	ref, err := pl.Reference(e.dir)
	if err != nil {
		fmt.Fprintf(e.stdout, "template:  belum dibuat, %s tidak dapat dibaca (%v); dibuat pada ingest pertama setelah diperbaiki\n", e.dir.Reference(), err)
		return nil
	}
	if ref == nil || len(ref.Agencies) == 0 {
		fmt.Fprintf(e.stdout, "template:  belum ada instansi di %s; template tiap instansi dibuat di outbox/<kode-instansi>/template/ setelah lembar Instansi diisi\n", e.dir.Reference())
		return nil
	}
	ch, err := ingest.KeepTemplates(e.dir, ref)
	if err != nil {
		return fmt.Errorf("init templates: %w", err)
	}
	fmt.Fprintf(e.stdout, "template:  %s (%d instansi: %d ditulis, %d sudah terbaru, %d dihapus)\n",
		filepath.Join(e.dir.Root(), "outbox", "<kode-instansi>", "template"), len(ref.Agencies), len(ch.Written), ch.Unchanged, len(ch.Removed))
	return nil
}

func initNote(e *env, path string, wrote bool, what string) {
	if wrote {
		fmt.Fprintf(e.stdout, "dibuat:   %s (%s)\n", path, what)
	} else {
		fmt.Fprintf(e.stdout, "sudah ada: %s (dibiarkan)\n", path)
	}
}

// writeIfAbsent writes path atomically unless it exists.
func writeIfAbsent(path string, write func(io.Writer) error) (bool, error) {
	if _, err := os.Stat(path); err == nil {
		return false, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	return true, lake.WriteWith(path, 0o644, write)
}
