package faststart

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// childEnv makes the test binary, started again by
// TestGodogRunsNoGoAtStart, print its PATH and exit before any test runs.
const childEnv = "FASTSTART_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Stdout.WriteString(os.Getenv("PATH"))
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestGodogRunsNoGoAtStart starts this test binary (which links godog, as
// jiocxsim does) with a PATH whose only `go` records that it ran. Without
// hidepath, godog's builder runs it while the binary initializes. The child
// must also see its PATH restored by the time main runs.
func TestGodogRunsNoGoAtStart(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in go is a shell script")
	}
	dir := t.TempDir()
	marker := filepath.Join(dir, "go-ran")
	script := "#!/bin/sh\necho \"$@\" >> " + marker + "\necho /nonexistent\n"
	if err := os.WriteFile(filepath.Join(dir, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	path := dir + string(os.PathListSeparator) + "/usr/bin" + string(os.PathListSeparator) + "/bin"
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=1", "PATH="+path)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v", err)
	}
	if got := string(out); got != path {
		t.Errorf("the child's PATH in main is %q, want it restored to %q", got, path)
	}
	if ran, err := os.ReadFile(marker); err == nil {
		t.Errorf("the child ran `go %s` while it initialized", strings.TrimSpace(string(ran)))
	} else if !os.IsNotExist(err) {
		t.Fatal(err)
	}
}
