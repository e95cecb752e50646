package ingest

import "errors"

// Row-level causes, the Err of a RowError. Test them with errors.Is.
var (
	ErrRequired        = errors.New("required value is missing")
	ErrNIPNumber       = errors.New("nip cell was read as a number")
	ErrNIP             = errors.New("nip is not valid")
	ErrDate            = errors.New("not a valid date")
	ErrNumber          = errors.New("not a valid number")
	ErrEnum            = errors.New("value is not one of the allowed values")
	ErrRange           = errors.New("value out of range")
	ErrOutOfPeriod     = errors.New("date is outside the reporting period")
	ErrOtherAgency     = errors.New("row names another agency")
	ErrDuplicate       = errors.New("duplicate row")
	ErrRepeated        = errors.New("row repeats a row already current for the month") // Options.Repeats
	ErrUnknownDistrict = errors.New("unknown district")
	ErrUnknownUnit     = errors.New("unknown service unit")
	ErrMismatch        = errors.New("values disagree")
	ErrNoAnswers       = errors.New("survey row has no answers")
	ErrExample         = errors.New("row is the template's example")
	ErrRoster          = errors.New("name differs from the roster") // a warning, never rejects a row
)
