// Package faststart keeps the initializers of the conformance suite's
// libraries from slowing every start of jiocxsim, whatever the subcommand
// (they run before main): godog's builder runs `go env GOTOOLDIR`, and
// testcontainers-go's bootstrap reads /proc/stat once per running process.
// Imported for its side effects by the package that links both (steps), it
// links hidepath and boottime, whose import paths make them initialize before
// those libraries, and puts PATH back once godog has initialized.
//
// Between hidepath's initializer and this one PATH is empty; no initializer
// of the packages jiocxsim links runs a program by name, so none notices.
package faststart

import (
	"os"

	_ "github.com/cucumber/godog"                                // before this package: PATH comes back after its builder ran
	_ "github.com/jiocxsim/jiocxsim/internal/faststart/boottime" // see its doc

	"github.com/jiocxsim/jiocxsim/internal/faststart/hidepath"
)

func init() {
	if hidepath.Set {
		os.Setenv("PATH", hidepath.Saved)
	}
}
