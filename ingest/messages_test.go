package ingest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// agencyMarker matches a text an agency reads: one of the Indonesian words
// such messages are made of, as a whole word.
var agencyMarker = regexp.MustCompile(`\b(tidak|berkas|Berkas|baris|Baris|kolom|Kolom|tulis|Tulis|wajib|bukan|sudah|belum|unggahan|Unggahan|harus|ditolak|diterima)\b`)

// messageExemptFiles hold documents, not messages: the template's sheets and
// instructions, the receipt workbook's own labels and the operator-facing
// reference-data messages.
var messageExemptFiles = map[string]bool{
	"receipt.go":      true,
	"receipt_rows.go": true,
	"reference.go":    true,
}

// messageExemptFuncs are functions whose texts are not moved, by file
// (none: kept so that an exception has its place and its reason).
var messageExemptFuncs = map[string]map[string]bool{}

// messageAllowed lists the declarations, by file and name, whose literals
// match a marker word but are data or document text, not messages, and why.
var messageAllowed = map[[2]string]string{
	{"cell_answer.go", "answerLabels"}:  "the canonical answer labels per question: values read, not messages",
	{"cell_answer.go", "genericLabels"}: "answer labels shared by all questions: values read, not messages",
	{"schema.go", "Markdown"}:           "the schema's column documentation (a document)",
	{"types.go", "checkNIP"}:            "the template's data-validation popup (template wording)",
	{"types.go", "checkDate"}:           "the template's data-validation popup (template wording)",
	{"types.go", "checkRange"}:          "the template's data-validation popup (template wording)",
	{"types.go", "checkAnswer"}:         "the template's data-validation popup (template wording)",
}

// messageAllowedFields are Column fields whose values are template text:
// Hint is the input hint the template shows under a column title.
var messageAllowedFields = map[string]bool{"Hint": true}

// TestAgencyMessagesInOneFile keeps every text an agency reads in
// messages.go: any string literal elsewhere in the package that looks like an
// agency message fails, named by file and line.
func TestAgencyMessagesInOneFile(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "messages.go" ||
			strings.HasPrefix(name, "template") || messageExemptFiles[name] {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			if exemptDecl(name, decl) {
				continue
			}
			ast.Inspect(decl, func(n ast.Node) bool {
				if kv, ok := n.(*ast.KeyValueExpr); ok {
					if key, ok := kv.Key.(*ast.Ident); ok && messageAllowedFields[key.Name] {
						return false
					}
				}
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil || !agencyMarker.MatchString(s) {
					return true
				}
				t.Errorf("%s: agency message outside messages.go: %s", fset.Position(lit.Pos()), lit.Value)
				return true
			})
		}
	}
}

// exemptDecl tells whether decl, in file name, is left out of
// TestAgencyMessagesInOneFile: a function not moved yet or an allowed
// declaration.
func exemptDecl(name string, decl ast.Decl) bool {
	switch d := decl.(type) {
	case *ast.FuncDecl:
		_, ok := messageAllowed[[2]string{name, d.Name.Name}]
		return ok || messageExemptFuncs[name][d.Name.Name]
	case *ast.GenDecl:
		for _, spec := range d.Specs {
			if vs, ok := spec.(*ast.ValueSpec); ok {
				for _, id := range vs.Names {
					if _, ok := messageAllowed[[2]string{name, id.Name}]; ok {
						return true
					}
				}
			}
		}
	}
	return false
}
