package main

import "errors"

// runSample is not built yet.
func runSample(e *env, args []string) error {
	return errors.New("sample: not implemented yet")
}
