package simulator

import (
	"fmt"
	"os"
	"testing"

	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
)

// TestMain fails the run if any test wrote through the extras that plain
// messages share (see store.SharedExtrasIntact): the one way a write there
// would go unseen by the compiler.
func TestMain(m *testing.M) {
	code := m.Run()
	if !store.SharedExtrasIntact() {
		fmt.Fprintln(os.Stderr, "FAIL: something wrote through a plain message's shared (empty) store.Extras; write them through EditExtras")
		code = 1
	}
	os.Exit(code)
}
