package ingest

import (
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/google/go-cmp/cmp"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/internal/lake"
)

// Hand-built inputs of decideEntry: an agency, two content hashes, the
// times a file was received and ingested.
const (
	decideAgency = "kota-ambon"
	decideHash   = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	otherHash    = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
)

var (
	decideReceived = time.Date(2025, 4, 2, 1, 30, 0, 0, time.UTC) // 10.30 WIT
	decideNow      = time.Date(2025, 4, 3, 0, 0, 0, 0, time.UTC)
)

// decideParsed is a parsed file of decideAgency with bytes hash, read as
// u with the id the ledger l gives those bytes (as parse stamps it).
func decideParsed(l *lake.Ledger, hash string, u *Upload) *parsed {
	return &parsed{
		file: InboxFile{Agency: decideAgency, Name: "kehadiran_2025-03.xlsx", Path: "/inbox/kota-ambon/kehadiran_2025-03.xlsx", ModTime: decideReceived},
		hash: hash, id: uploadID(l, decideAgency, hash), upload: u,
	}
}

// testRecord is a record of n rows (one column): decideEntry only counts them.
func testRecord(t *testing.T, n int) arrow.RecordBatch {
	t.Helper()
	b := array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema([]arrow.Field{{Name: "x", Type: arrow.PrimitiveTypes.Int64}}, nil))
	defer b.Release()
	for i := range n {
		b.Field(0).(*array.Int64Builder).Append(int64(i))
	}
	rec := b.NewRecordBatch()
	t.Cleanup(rec.Release)
	return rec
}

// baseEntry is what decideEntry fills in for every file of decideParsed.
func baseEntry(l *lake.Ledger, hash string) lake.Entry {
	return lake.Entry{ID: uploadID(l, decideAgency, hash), Hash: hash, Agency: decideAgency, File: "kehadiran_2025-03.xlsx",
		ReceivedAt: decideReceived.In(domain.WIT), IngestedAt: decideNow}
}

// TestDecideEntry checks the entry decideEntry decides for hand-built
// parsed files and a small in-memory ledger, with no data directory.
func TestDecideEntry(t *testing.T) {
	march := domain.MustPeriod("2025-03")
	prior := lake.Entry{ID: uploadID(&lake.Ledger{}, decideAgency, decideHash), Hash: decideHash, Agency: decideAgency,
		File: "kehadiran_maret.xlsx", ReceivedAt: time.Date(2025, 3, 31, 23, 5, 0, 0, time.UTC), Status: lake.Accepted,
		Kind: domain.Kehadiran, Period: "2025-03", RowsRead: 5, RowsAccepted: 5, Seq: 1}
	withPrior := func(replacedBy string) *lake.Ledger {
		l := &lake.Ledger{}
		p := prior
		p.ReplacedBy = replacedBy
		l.Add(p)
		return l
	}
	accepted := func(rows int) *Upload {
		return &Upload{Kind: domain.Kehadiran, Period: march, RowsRead: rows + 1, RowsAccepted: rows, RowsRejected: 1,
			Status: lake.Partial, Record: testRecord(t, rows)}
	}
	dupReason := "Berkas ini sama persis dengan unggahan sebelumnya (kehadiran_maret.xlsx, diterima 01/04/2025 08.05 WIT); tidak ada perubahan."
	for _, tc := range []struct {
		name string
		l    *lake.Ledger
		p    func(l *lake.Ledger) *parsed
		want func(e lake.Entry) lake.Entry // from baseEntry
		out  decisionOutcome
	}{{
		name: "file error",
		l:    &lake.Ledger{},
		p: func(l *lake.Ledger) *parsed {
			p := decideParsed(l, decideHash, nil)
			p.fileErr = &FileError{File: p.file.Path, Err: ErrTooLarge, Message: msgTooLarge(30<<20, 20<<20)}
			return p
		},
		want: func(e lake.Entry) lake.Entry {
			e.Status, e.Reason = lake.Rejected, msgTooLarge(30<<20, 20<<20)
			return e
		},
	}, {
		// A file error wins over the same bytes accepted before.
		name: "file error of a duplicate",
		l:    withPrior(""),
		p: func(l *lake.Ledger) *parsed {
			p := decideParsed(l, decideHash, nil)
			p.fileErr = &FileError{File: p.file.Path, Err: ErrUnknownAgency, Message: "tidak terdaftar"}
			return p
		},
		want: func(e lake.Entry) lake.Entry {
			e.Status, e.Reason = lake.Rejected, "tidak terdaftar"
			return e
		},
	}, {
		name: "duplicate",
		l:    withPrior(""),
		p:    func(l *lake.Ledger) *parsed { return decideParsed(l, decideHash, accepted(5)) },
		want: func(e lake.Entry) lake.Entry {
			e.Status, e.DuplicateOf, e.Kind, e.Period, e.Reason = lake.Duplicate, prior.ID, domain.Kehadiran, "2025-03", dupReason
			return e
		},
	}, {
		name: "duplicate of a replaced upload",
		l:    withPrior("later"),
		p:    func(l *lake.Ledger) *parsed { return decideParsed(l, decideHash, nil) },
		want: func(e lake.Entry) lake.Entry {
			e.Status, e.DuplicateOf, e.Kind, e.Period = lake.Duplicate, prior.ID, domain.Kehadiran, "2025-03"
			e.Reason = dupReason + " Unggahan itu sudah digantikan oleh unggahan yang lebih baru, yang tetap berlaku."
			return e
		},
	}, {
		name: "accepted without rows in its record",
		l:    &lake.Ledger{},
		p: func(l *lake.Ledger) *parsed {
			u := accepted(0)
			u.Status, u.RowsRead, u.RowsAccepted, u.RowsRejected = lake.Accepted, 3, 3, 0
			return decideParsed(l, decideHash, u)
		},
		want: func(e lake.Entry) lake.Entry {
			e.Status, e.Reason, e.Kind, e.Period = lake.Rejected, "Tidak ada baris yang dapat diterima.", domain.Kehadiran, "2025-03"
			e.RowsRead, e.RowsAccepted = 3, 3
			return e
		},
	}, {
		name: "accepted without a record",
		l:    &lake.Ledger{},
		p: func(l *lake.Ledger) *parsed {
			return decideParsed(l, decideHash, &Upload{Kind: domain.Kehadiran, Period: march, RowsRead: 2, RowsAccepted: 2, Status: lake.Accepted})
		},
		want: func(e lake.Entry) lake.Entry {
			e.Status, e.Reason, e.Kind, e.Period = lake.Rejected, "Tidak ada baris yang dapat diterima.", domain.Kehadiran, "2025-03"
			e.RowsRead, e.RowsAccepted = 2, 2
			return e
		},
	}, {
		name: "accepted rows without a kind",
		l:    &lake.Ledger{},
		p: func(l *lake.Ledger) *parsed {
			u := accepted(4)
			u.Kind = ""
			return decideParsed(l, decideHash, u)
		},
		want: func(e lake.Entry) lake.Entry {
			e.Status, e.Reason, e.Period = lake.Rejected, msgCorrupt, "2025-03"
			e.RowsRead, e.RowsAccepted, e.RowsRejected = 5, 4, 1
			return e
		},
		out: noKindPeriod,
	}, {
		name: "accepted rows without a period",
		l:    &lake.Ledger{},
		p: func(l *lake.Ledger) *parsed {
			u := accepted(4)
			u.Period = domain.Period{}
			return decideParsed(l, decideHash, u)
		},
		want: func(e lake.Entry) lake.Entry {
			e.Status, e.Reason, e.Kind = lake.Rejected, msgCorrupt, domain.Kehadiran
			e.RowsRead, e.RowsAccepted, e.RowsRejected = 5, 4, 1
			return e
		},
		out: noKindPeriod,
	}, {
		name: "rejected by the reader",
		l:    &lake.Ledger{},
		p: func(l *lake.Ledger) *parsed {
			return decideParsed(l, decideHash, &Upload{RowsRead: 2, RowsRejected: 2, Status: lake.Rejected,
				Err: &FileError{Err: ErrNoPeriod, Message: "periode tidak diketahui"}})
		},
		want: func(e lake.Entry) lake.Entry {
			e.Status, e.Reason, e.RowsRead, e.RowsRejected = lake.Rejected, "periode tidak diketahui", 2, 2
			return e
		},
	}, {
		name: "accepted",
		l:    &lake.Ledger{},
		p: func(l *lake.Ledger) *parsed {
			u := accepted(4)
			u.Status, u.RowsRead, u.RowsRejected = lake.Accepted, 4, 0
			return decideParsed(l, decideHash, u)
		},
		want: func(e lake.Entry) lake.Entry {
			e.Status, e.Kind, e.Period, e.RowsRead, e.RowsAccepted = lake.Accepted, domain.Kehadiran, "2025-03", 4, 4
			return e
		},
	}, {
		// Other bytes of the agency with an accepted upload of the month:
		// decided from the rows (the month placement comes later).
		name: "partial",
		l:    withPrior(""),
		p:    func(l *lake.Ledger) *parsed { return decideParsed(l, otherHash, accepted(4)) },
		want: func(e lake.Entry) lake.Entry {
			e.Status, e.Kind, e.Period = lake.Partial, domain.Kehadiran, "2025-03"
			e.RowsRead, e.RowsAccepted, e.RowsRejected = 5, 4, 1
			return e
		},
	}, {
		name: "not read",
		l:    &lake.Ledger{},
		p:    func(l *lake.Ledger) *parsed { return decideParsed(l, decideHash, nil) },
		want: func(e lake.Entry) lake.Entry { return e },
		out:  needsRead,
	}, {
		// The bytes were rejected before (their id is used): read with the
		// first id, the file must be read again with the next one.
		name: "read with an id the ledger has since used",
		l:    &lake.Ledger{},
		p: func(l *lake.Ledger) *parsed {
			p := decideParsed(l, decideHash, accepted(4))
			l.Add(lake.Entry{ID: p.id, Hash: decideHash, Agency: decideAgency, File: "lama.xlsx", Status: lake.Rejected})
			return p
		},
		want: func(e lake.Entry) lake.Entry { return e },
		out:  needsRead,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.p(tc.l)
			before := append([]lake.Entry(nil), tc.l.Entries...)
			e, out := decideEntry(p, tc.l, decideNow)
			if out != tc.out {
				t.Errorf("outcome = %d, want %d", out, tc.out)
			}
			if diff := cmp.Diff(tc.want(baseEntry(tc.l, p.hash)), e); diff != "" {
				t.Errorf("entry (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(before, tc.l.Entries); diff != "" {
				t.Errorf("decideEntry changed the ledger (-before +after):\n%s", diff)
			}
		})
	}
}

// TestDecideEntryReadAgain checks a file read with an id the ledger has
// since used: decideEntry names the new id (needsRead), and uploadEntry
// decides from the file read again with it.
func TestDecideEntryReadAgain(t *testing.T) {
	l := &lake.Ledger{}
	p := decideParsed(l, decideHash, nil)
	l.Add(lake.Entry{ID: p.id, Hash: decideHash, Agency: decideAgency, File: "lama.xlsx", Status: lake.Rejected})
	e, out := decideEntry(p, l, decideNow)
	if out != needsRead || e.ID != p.id+"-2" {
		t.Fatalf("decideEntry = id %q, outcome %d; want id %q, needsRead", e.ID, out, p.id+"-2")
	}
	u := &Upload{Kind: domain.Kehadiran, Period: domain.MustPeriod("2025-03"), RowsRead: 3, RowsAccepted: 3, Status: lake.Accepted, Record: testRecord(t, 3)}
	e, out = uploadEntry(e, u)
	want := baseEntry(l, decideHash)
	want.Status, want.Kind, want.Period, want.RowsRead, want.RowsAccepted = lake.Accepted, domain.Kehadiran, "2025-03", 3, 3
	if out != decided {
		t.Errorf("uploadEntry outcome = %d, want decided", out)
	}
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("entry (-want +got):\n%s", diff)
	}
}
