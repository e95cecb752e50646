package workbook_test

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/pantau-asn/pantau/internal/workbook"
)

func Example() {
	bold := workbook.Style{Font: workbook.Font{Bold: true}}
	b := workbook.New(bold) // bold is style 1
	sh := b.Sheet("Ringkasan")
	sh.Widths = []float64{22, 40}
	sh.Print = workbook.Print{Paper: 9, FitWidth: 1, FitHeight: 1}
	if err := sh.Row(1, 0, workbook.Cell{Style: 1, Value: "Baris dibaca"}, workbook.Cell{Value: 1500}); err != nil {
		panic(err)
	}
	if err := sh.Row(2, 0, workbook.Cell{Style: 1, Value: "Berkas"}, workbook.Cell{Value: "=kehadiran.xlsx"}); err != nil {
		panic(err)
	}
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		panic(err)
	}

	f, err := excelize.OpenReader(&buf)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Ringkasan")
	fmt.Println(rows)
	formula, _ := f.GetCellFormula("Ringkasan", "B2")
	fmt.Printf("formula of B2: %q\n", formula)
	// Output:
	// [[Baris dibaca 1500] [Berkas =kehadiran.xlsx]]
	// formula of B2: ""
}
