package ingest

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// writeParquet writes rec as one Parquet file to w, with entry (an
// upload's ledger entry, lake.EntryJSON) in its key-value metadata under
// lake.EntryKey unless empty. w itself is not closed (lake.WriteWith
// fsyncs and closes it).
func writeParquet(w io.Writer, rec arrow.RecordBatch, entry string) error {
	d, err := draftParquet(rec)
	if err != nil {
		return err
	}
	b, err := d.finish(entry)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// parquetDraft is a Parquet file of one record written but for its footer:
// the columns encoded and compressed into memory, which is nearly all the
// work of writing it. The footer holds the upload's ledger entry, which
// only the commit, one file at a time, decides; so a reader goroutine
// drafts the file of the upload it read (parse), and the commit only
// finishes it (finish: the entry, the footer) and writes the bytes — the
// encoding off the one goroutine every file waits for.
type parquetDraft struct {
	buf bytes.Buffer
	fw  *pqarrow.FileWriter
}

// draftParquet encodes rec into a draft.
func draftParquet(rec arrow.RecordBatch) (*parquetDraft, error) {
	d := &parquetDraft{}
	fw, err := pqarrow.NewFileWriter(rec.Schema(), &d.buf, lake.UploadProps(),
		pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
	if err != nil {
		return nil, fmt.Errorf("parquet writer: %w", err)
	}
	if err := fw.Write(rec); err != nil {
		fw.Close()
		return nil, fmt.Errorf("parquet write: %w", err)
	}
	d.fw = fw
	return d, nil
}

// finish adds entry (unless empty) to the draft's key-value metadata,
// after those the writer put there, and writes the footer; it returns the
// whole file. A draft is finished once.
func (d *parquetDraft) finish(entry string) ([]byte, error) {
	if entry != "" {
		if err := d.fw.AppendKeyValueMetadata(lake.EntryKey, entry); err != nil {
			d.fw.Close()
			return nil, fmt.Errorf("parquet metadata: %w", err)
		}
	}
	if err := d.fw.Close(); err != nil {
		return nil, err
	}
	return d.buf.Bytes(), nil
}

// Reference tables as internal/lake/schema.go defines them.
var (
	kabupatenSchema = lake.ReferenceSchema(lake.RefKabupaten)
	instansiSchema  = lake.ReferenceSchema(lake.RefInstansi)
	unitSchema      = lake.ReferenceSchema(lake.RefUnitLayanan)
)

// referenceRecords turns ref into the three reference tables, by file name
// (kabupaten, instansi, unit_layanan). The caller releases them.
func referenceRecords(ref *domain.Reference) map[string]arrow.RecordBatch {
	mem := memory.DefaultAllocator
	out := map[string]arrow.RecordBatch{}

	kb := array.NewRecordBuilder(mem, kabupatenSchema)
	defer kb.Release()
	for _, d := range ref.Districts {
		kb.Field(0).(*array.StringBuilder).Append(d.Code)
		kb.Field(1).(*array.StringBuilder).Append(d.Name)
		kb.Field(2).(*array.BooleanBuilder).Append(d.Remote)
	}
	out[lake.RefKabupaten] = kb.NewRecordBatch()

	ib := array.NewRecordBuilder(mem, instansiSchema)
	defer ib.Release()
	for _, a := range ref.Agencies {
		ib.Field(0).(*array.StringBuilder).Append(a.Code)
		ib.Field(1).(*array.StringBuilder).Append(a.Name)
		appendOptString(ib.Field(2).(*array.StringBuilder), a.District)
		for i, k := range domain.Kinds {
			ib.Field(3 + i).(*array.BooleanBuilder).Append(a.ExpectsKind(k))
		}
	}
	out[lake.RefInstansi] = ib.NewRecordBatch()

	ub := array.NewRecordBuilder(mem, unitSchema)
	defer ub.Release()
	for _, u := range ref.Units {
		ub.Field(0).(*array.StringBuilder).Append(u.Code)
		ub.Field(1).(*array.StringBuilder).Append(u.Name)
		ub.Field(2).(*array.StringBuilder).Append(u.Agency)
		appendOptString(ub.Field(3).(*array.StringBuilder), u.District)
		ub.Field(4).(*array.StringBuilder).Append(strings.Join(u.ServiceTypes, ";"))
		if u.UsersPerMonth > 0 {
			ub.Field(5).(*array.Int64Builder).Append(int64(u.UsersPerMonth))
		} else {
			ub.Field(5).AppendNull()
		}
	}
	out[lake.RefUnitLayanan] = ub.NewRecordBatch()
	return out
}

func appendOptString(b *array.StringBuilder, s string) {
	if s == "" {
		b.AppendNull()
		return
	}
	b.Append(s)
}
