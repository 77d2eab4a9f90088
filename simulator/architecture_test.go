package simulator_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportRules keeps the layering of ARCHITECTURE honest: wire and clock
// import nothing of ours, internal packages never reach up, the client speaks
// HTTP with wire types only, steps never reach into the simulator's
// internals, and nothing under simulator/ pulls in godog or (but the
// container module) testcontainers.
func TestImportRules(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}:{{join .Imports " "}}`, "github.com/jiocxsim/jiocxsim/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const mod = "github.com/jiocxsim/jiocxsim/"
	imports := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, deps, _ := strings.Cut(line, ":")
		imports[strings.TrimPrefix(pkg, mod)] = strings.Fields(deps)
	}
	if len(imports) < 10 {
		t.Fatalf("go list saw only %d packages", len(imports))
	}
	ours := func(dep string) (string, bool) {
		return strings.TrimPrefix(dep, mod), strings.HasPrefix(dep, mod)
	}
	for pkg, deps := range imports {
		for _, dep := range deps {
			rel, own := ours(dep)
			var broken string
			switch {
			case (pkg == "simulator/wire" || pkg == "simulator/clock") && own:
				broken = "wire and clock import nothing of ours"
			case strings.HasPrefix(pkg, "simulator/internal/") && own && !strings.HasPrefix(rel, "simulator/internal/") && rel != "simulator/wire" && rel != "simulator/clock":
				broken = "internal packages import only wire, clock and other internal packages"
			case pkg == "simulator/ui" && own:
				broken = "the UI imports nothing of ours: it talks to /_sim over HTTP"
			case pkg == "simulator/client" && own && rel != "simulator/wire":
				broken = "the client imports only wire"
			case pkg == "steps" && strings.HasPrefix(rel, "simulator/internal/"):
				broken = "steps never reach into the simulator's internals"
			case strings.HasPrefix(pkg, "simulator") && strings.Contains(dep, "cucumber/godog"):
				broken = "nothing under simulator/ imports godog"
			case strings.HasPrefix(pkg, "simulator") && pkg != "simulator/container" && strings.Contains(dep, "testcontainers"):
				broken = "nothing under simulator/ but the container module imports testcontainers"
			case strings.HasPrefix(pkg, "simulator") && (rel == "steps" || rel == "features" || strings.HasPrefix(rel, "cmd/")):
				broken = "the simulator never imports the harness or the binary"
			}
			if broken != "" {
				t.Errorf("%s imports %s: %s", pkg, dep, broken)
			}
		}
	}
}
