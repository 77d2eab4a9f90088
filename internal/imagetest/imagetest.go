// Package imagetest gives tests the jiocxsim image to run: the one named by
// JIOCXSIM_IMAGE (CI builds it once), or one built from this checkout with
// the Dockerfile at the root. Without a reachable Docker engine the test is
// skipped, unless JIOCXSIM_REQUIRE_DOCKER=1, which makes that a failure so CI
// cannot pass without running the container tests.
//
// It drives the docker command line rather than testcontainers-go: only the
// container module and the steps' container target may import that.
package imagetest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const (
	// EnvImage names an image to test instead of building one.
	EnvImage = "JIOCXSIM_IMAGE"
	// EnvRequire, set to 1, turns "no Docker here" from a skip into a failure.
	EnvRequire = "JIOCXSIM_REQUIRE_DOCKER"
)

// RequireDocker skips t (or fails it, under JIOCXSIM_REQUIRE_DOCKER=1) when
// no Docker engine answers. It returns the engine's architecture (amd64, arm64).
func RequireDocker(t testing.TB) string {
	t.Helper()
	arch, err := engineArch()
	if err != nil {
		unavailable(t, err)
	}
	return arch
}

func unavailable(t testing.TB, err error) {
	t.Helper()
	if os.Getenv(EnvRequire) == "1" {
		t.Fatalf("Docker is required (%s=1) but not usable: %v", EnvRequire, err)
	}
	t.Skipf("no Docker engine reachable, skipping the container test (set %s=1 to make this a failure): %v", EnvRequire, err)
}

func engineArch() (string, error) {
	if _, err := exec.LookPath("docker"); err != nil {
		return "", fmt.Errorf("no docker command: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "docker", "version", "--format", "{{.Server.Arch}}").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("docker version: %v: %s", err, bytes.TrimSpace(out))
	}
	return strings.TrimSpace(string(out)), nil
}

// Image returns the image to test. With JIOCXSIM_IMAGE unset it builds one
// from this checkout (go build, then docker build with a unique tag) and
// removes it when t ends; that takes a while the first time, which is why
// CI builds the image once and sets JIOCXSIM_IMAGE.
func Image(t testing.TB) string {
	t.Helper()
	arch := RequireDocker(t)
	if img := os.Getenv(EnvImage); img != "" {
		return img
	}
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	tag, err := uniqueTag()
	if err != nil {
		t.Fatal(err)
	}
	if err := Build(root, tag, arch, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = exec.Command("docker", "rmi", "-f", tag).Run() })
	return tag
}

// Build builds the image tag for arch from the checkout at root, in the
// build context folder ctxDir: the static binary, then the Dockerfile.
func Build(root, tag, arch, ctxDir string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	bin := filepath.Join(ctxDir, "dist", "jiocxsim-linux-"+arch)
	gobuild := exec.CommandContext(ctx, "go", "build", "-buildvcs=false", "-trimpath", "-ldflags=-s -w -X main.version=test", "-o", bin, "./cmd/jiocxsim")
	gobuild.Dir = root
	gobuild.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+arch)
	if out, err := gobuild.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	keep := filepath.Join(ctxDir, "image", "data", ".keep")
	if err := os.MkdirAll(filepath.Dir(keep), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(keep, nil, 0o644); err != nil {
		return err
	}
	dbuild := exec.CommandContext(ctx, "docker", "build", "-q", "-f", filepath.Join(root, "Dockerfile"),
		"--build-arg", "TARGETARCH="+arch, "--build-arg", "VERSION=test", "-t", tag, ctxDir)
	if out, err := dbuild.CombinedOutput(); err != nil {
		return fmt.Errorf("docker build: %v\n%s", err, out)
	}
	return nil
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("not inside the jiocxsim module")
	}
	return filepath.Dir(mod), nil
}

func uniqueTag() (string, error) {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return "jiocxsim-test:" + hex.EncodeToString(b), nil
}
