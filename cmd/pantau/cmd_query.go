package main

import "errors"

// runQuery is not built yet.
func runQuery(e *env, args []string) error {
	return errors.New("query: not implemented yet")
}
