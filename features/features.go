// Package features carries the go-live checklist as Gherkin feature files,
// embedded so that the jiocxsim binary can run them against any target.
package features

import "embed"

// Files holds every *.feature file at the root of the package.
//
//go:embed *.feature
var Files embed.FS
