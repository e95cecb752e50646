package main

import "errors"

// runValidate is not built yet.
func runValidate(e *env, args []string) error {
	return errors.New("validate: not implemented yet")
}
