// Package hidepath empties PATH while godog's builder package initializes, so
// that its package-level `go env GOTOOLDIR` (20-30 ms of every start of a
// binary that links godog, where Go is installed) finds no `go` and returns
// at once. Package faststart, initialized after godog, puts PATH back.
//
// Why the order holds: since Go 1.21 packages are initialized in import-path
// order, each as soon as its imports are. This package imports only os.
// godog's builder imports go/build, which imports os and sorts after
// "github.com/jiocxsim/...", so this package is always initialized before
// go/build and hence before the builder. Adding an import here can break
// that: keep it to os.
//
// What the builder loses: the tool directory it computes is used only by
// godog.Build (compiling godog test binaries with the Go toolchain), which
// jiocxsim never calls. The builder ignores `go env`'s answer whenever the
// command succeeds (it then returns go/build's ToolDir), so the subprocess
// bought nothing even before.
package hidepath

import "os"

// Saved is PATH as it was before this package's initializer emptied it, and
// Set whether it was set at all.
var (
	Saved string
	Set   bool
)

func init() {
	Saved, Set = os.LookupEnv("PATH")
	if Set {
		os.Setenv("PATH", "")
	}
}
