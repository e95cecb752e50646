package main

import "errors"

// runIngest is not built yet.
func runIngest(e *env, args []string) error {
	return errors.New("ingest: not implemented yet")
}
