package main

import "errors"

// runTemplate is not built yet.
func runTemplate(e *env, args []string) error {
	return errors.New("template: not implemented yet")
}
