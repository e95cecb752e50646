package xlsx

import (
	"bytes"
	"testing"
)

// FuzzCTag: what cTag reads of a <c> start tag is what attrs2 and tagEnd
// read of it (the token loop's way), whenever cTag takes the tag.
func FuzzCTag(f *testing.F) {
	for _, s := range []string{
		`<c r="A2" s="1" t="s"><v>12</v></c>`, `<c r="H2" s="2" t="n">`, `<c r="B7"/>`, `<c>`, `<c t="inlineStr" r="C1">`,
		`<c r="A1" r="B1">`, `<c  r="A1">`, `<c r='A1'>`, `<c x:r="A1">`, `<c r="A1" t="s" >`, `<c r="A1>`, `<c r="" t="">`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if !bytes.HasPrefix(b, []byte("<c")) {
			return
		}
		ref, typ, okR, okT, end, self, ok := cTag(b)
		if !ok {
			return
		}
		wantEnd := tagEnd(b)
		tag := b[2:wantEnd]
		wantSelf := b[wantEnd-1] == '/'
		if wantSelf {
			tag = tag[:len(tag)-1]
		}
		wRef, wOkR, wTyp, wOkT := (&token{attrs: tag}).attrs2("r", "t")
		if end != wantEnd || self != wantSelf || okR != wOkR || okT != wOkT || !bytes.Equal(ref, wRef) || !bytes.Equal(typ, wTyp) {
			t.Fatalf("%q: cTag r %q %v t %q %v end %d self %v; tokens r %q %v t %q %v end %d self %v",
				b, ref, okR, typ, okT, end, self, wRef, wOkR, wTyp, wOkT, wantEnd, wantSelf)
		}
	})
}

// BenchmarkCTag reads the <c> tags of a LibreOffice row.
func BenchmarkCTag(b *testing.B) {
	tags := [][]byte{[]byte(`<c r="A2" s="1" t="s"><v>12</v></c>`), []byte(`<c r="H2" s="2" t="n"><v>45717</v></c>`), []byte(`<c r="AB100001" s="0" t="s"><v>19</v></c>`)}
	n := 0
	for i := 0; i < b.N; i++ {
		for _, tg := range tags {
			_, _, _, _, end, _, _ := cTag(tg)
			n += end
		}
	}
	if n == 0 {
		b.Fatal("no tag read")
	}
}
