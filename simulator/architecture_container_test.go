package simulator_test

import (
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestOnlyTheContainerCodeImportsTestcontainers: testcontainers-go and the
// Docker client it brings are imported by the container module
// (simulator/container) and the steps' container target
// (steps/container_target.go) only, file by file, tests included. Everything
// else reaches a container through those two, so the rest of the code (and
// the simulator in particular) never depends on Docker.
func TestOnlyTheContainerCodeImportsTestcontainers(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}|{{.Dir}}|{{join .GoFiles " "}} {{join .TestGoFiles " "}} {{join .XTestGoFiles " "}}`, "github.com/jiocxsim/jiocxsim/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const mod = "github.com/jiocxsim/jiocxsim/"
	allowed := map[string]bool{"steps/container_target.go": true}
	docker := func(path string) bool {
		return strings.HasPrefix(path, "github.com/testcontainers/") || strings.HasPrefix(path, "github.com/moby/") ||
			strings.HasPrefix(path, "github.com/docker/") || path == mod+"simulator/container"
	}
	seen, checked := 0, 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		parts := strings.SplitN(line, "|", 3)
		if len(parts) != 3 {
			t.Fatalf("go list line %q", line)
		}
		pkg, dir := strings.TrimPrefix(parts[0], mod), parts[1]
		for _, name := range strings.Fields(parts[2]) {
			rel := filepath.ToSlash(filepath.Join(pkg, name))
			f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, name), nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			checked++
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if !docker(path) {
					continue
				}
				seen++
				if pkg != "simulator/container" && !allowed[rel] {
					t.Errorf("%s imports %s: only simulator/container and steps/container_target.go may", rel, path)
				}
			}
		}
	}
	if checked < 50 || seen == 0 {
		t.Fatalf("checked %d files and saw %d container imports: the test is not looking where it should", checked, seen)
	}
}
