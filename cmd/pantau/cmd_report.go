package main

import "errors"

// runReport is not built yet.
func runReport(e *env, args []string) error {
	return errors.New("report: not implemented yet")
}
