package xlsx

import (
	"bufio"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// supportedEncoding reports whether an XML encoding label is one the
// reader decodes: UTF-8 (and its ASCII subset), or UTF-16, which
// newUTF8Reader turns into UTF-8 before any parser sees it. Excel writes
// UTF-8; other programs sometimes UTF-16. Anything else (ISO-8859-1,
// windows-1252, …) would be misread as UTF-8 and is refused.
func supportedEncoding(label string) bool {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "", "utf-8", "utf8", "us-ascii", "ascii", "utf-16", "utf-16le", "utf-16be", "utf16":
		return true
	}
	return false
}

// newUTF8Reader returns r as UTF-8: a part that starts with a UTF-16
// byte-order mark, or with "<?" in UTF-16 without one (XML 1.0, appendix
// F), is decoded; a UTF-8 byte-order mark is dropped; anything else is
// passed through. The output is never more than 3/2 of the input, so the
// bound on decompressed bytes still bounds it.
func newUTF8Reader(r io.Reader) io.Reader {
	br := bufio.NewReaderSize(r, 4096)
	head, _ := br.Peek(4)
	switch {
	case len(head) >= 2 && head[0] == 0xFF && head[1] == 0xFE:
		_, _ = br.Discard(2)
		return &utf16Reader{r: br, little: true}
	case len(head) >= 2 && head[0] == 0xFE && head[1] == 0xFF:
		_, _ = br.Discard(2)
		return &utf16Reader{r: br}
	case len(head) == 4 && head[0] == '<' && head[1] == 0 && head[2] == '?' && head[3] == 0:
		return &utf16Reader{r: br, little: true}
	case len(head) == 4 && head[0] == 0 && head[1] == '<' && head[2] == 0 && head[3] == '?':
		return &utf16Reader{r: br}
	case len(head) >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF:
		_, _ = br.Discard(3)
	}
	return br
}

// utf16Reader decodes UTF-16 into UTF-8; unpaired surrogates and a final
// odd byte become U+FFFD, as utf16.Decode does.
type utf16Reader struct {
	r      *bufio.Reader
	little bool
	out    []byte // decoded, not yet returned
	in     [4096]byte
	err    error
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.out) == 0 {
		if u.err != nil {
			return 0, u.err
		}
		u.fill()
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	return n, nil
}

// fill decodes the next chunk of input into out.
func (u *utf16Reader) fill() {
	n, err := io.ReadFull(u.r, u.in[:len(u.in)-2])
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	b := u.in[:n]
	if n%2 == 1 && err == nil {
		// keep code units whole: read the odd byte's partner
		c, e := u.r.ReadByte()
		if e == nil {
			b = append(b, c)
		} else {
			err = io.EOF
		}
	}
	// a high surrogate at the end waits for its low half
	if err == nil && len(b) >= 2 {
		if last := u.unit(b[len(b)-2:]); utf16.IsSurrogate(rune(last)) && last < 0xDC00 {
			if next, e := u.r.Peek(2); e == nil {
				b = append(b, next...)
				_, _ = u.r.Discard(2)
			}
		}
	}
	out := u.out[:0]
	var buf [utf8.UTFMax]byte
	for i := 0; i+1 < len(b); i += 2 {
		r := rune(u.unit(b[i:]))
		if utf16.IsSurrogate(r) {
			r2 := utf8.RuneError
			if i+3 < len(b) {
				r2 = utf16.DecodeRune(r, rune(u.unit(b[i+2:])))
			}
			if r2 != utf8.RuneError {
				i += 2
			}
			r = r2
		}
		out = append(out, buf[:utf8.EncodeRune(buf[:], r)]...)
	}
	if len(b)%2 == 1 {
		out = utf8.AppendRune(out, utf8.RuneError)
	}
	u.out, u.err = out, err
}

func (u *utf16Reader) unit(b []byte) uint16 {
	if u.little {
		return uint16(b[0]) | uint16(b[1])<<8
	}
	return uint16(b[0])<<8 | uint16(b[1])
}
