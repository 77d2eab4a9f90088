//go:build noconformance

package main

import (
	"context"
	"fmt"
	"io"
)

// conformance in a binary built with -tags noconformance: the suite (godog,
// the steps, testcontainers) is left out so that none of its package
// initializers run at start-up, which every subcommand of a full binary pays
// before main (internal/faststart keeps the slowest of them cheap).
func conformance(_ context.Context, _ []string, _, stderr io.Writer) int {
	fmt.Fprintln(stderr, "jiocxsim conformance: this binary was built with -tags noconformance, without the conformance suite; use a full build (go build ./cmd/jiocxsim)")
	return 2
}
