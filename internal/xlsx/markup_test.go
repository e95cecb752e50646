package xlsx

import (
	"bufio"
	"bytes"
	"io"
	"testing"
)

// markupByteLoop is the byte-at-a-time tag reader markup replaced, kept
// as the reference: the rest of a tag up to '>' outside quotes.
func markupByteLoop(br *bufio.Reader, buf []byte) ([]byte, error) {
	quote := byte(0)
	for {
		c, err := br.ReadByte()
		if err != nil {
			return buf, ErrCorrupt
		}
		if quote != 0 {
			if c == quote {
				quote = 0
			}
		} else if c == '"' || c == '\'' {
			quote = c
		} else if c == '>' {
			return buf, nil
		}
		buf = append(buf, c)
		if len(buf) > 1<<20 {
			return buf, ErrCorrupt
		}
	}
}

// FuzzMarkupMatchesByteLoop: markup, scanning the buffer in chunks (here
// a 16-byte buffer, so tags cross chunk boundaries), reads exactly what
// the byte loop read — the same tag text, the same error, the same rest.
func FuzzMarkupMatchesByteLoop(f *testing.F) {
	for _, s := range []string{`c r="A1" s="3" t="s">`, `v>12</v>`, `row r="1" spans="1:9" x14ac:dyDescent="0.25">`,
		`a b='>' c=">">rest`, `unterminated "quote>`, `x`, `>`, `c r="A1"/>next<v>`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want, werr := markupByteLoop(bufio.NewReaderSize(bytes.NewReader(data), 16), []byte{'<'})
		ref := bufio.NewReaderSize(bytes.NewReader(data), 16)
		_, _ = markupByteLoop(ref, nil)
		wantRest, _ := io.ReadAll(ref)

		s := &scanner{br: bufio.NewReaderSize(bytes.NewReader(data), 16), buf: []byte{'<'}}
		gerr := s.markup()
		gotRest, _ := io.ReadAll(s.br)
		if gerr != werr {
			t.Fatalf("%q: markup error %v; byte loop %v", data, gerr, werr)
		}
		if werr == nil && (!bytes.Equal(s.buf, want) || !bytes.Equal(gotRest, wantRest)) {
			t.Fatalf("%q: markup read %q, left %q; byte loop %q, left %q", data, s.buf, gotRest, want, wantRest)
		}
	})
}

// TestMarkupLongTag: a tag longer than 1 MiB is refused as before, one
// of exactly 1 MiB read whole, across many buffer refills.
func TestMarkupLongTag(t *testing.T) {
	for _, n := range []int{1 << 20, 1<<20 + 1} {
		data := append(bytes.Repeat([]byte{'a'}, n-1), '>')
		s := &scanner{br: bufio.NewReaderSize(bytes.NewReader(data), 4096), buf: []byte{'<'}}
		err := s.markup()
		wantErr := n > 1<<20
		if (err != nil) != wantErr || err == nil && len(s.buf) != n {
			t.Errorf("tag of %d bytes: err %v, read %d; want error %v", n, err, len(s.buf), wantErr)
		}
	}
}
