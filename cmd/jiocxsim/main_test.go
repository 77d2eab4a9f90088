package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
)

func TestRunDispatch(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"version"}, &out, &errb); code != 0 || !strings.HasPrefix(out.String(), "jiocxsim ") {
		t.Fatalf("version: %d %q", code, out.String())
	}
	out.Reset()
	if code := run(context.Background(), []string{"frobnicate"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "unknown command") {
		t.Fatalf("unknown command: %d %q", code, errb.String())
	}
}

func TestReadyz(t *testing.T) {
	t.Parallel()
	sim, err := simulator.New()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	defer srv.Close()
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"readyz", "--url", srv.URL}, &out, &errb); code != 0 {
		t.Fatalf("readyz against a live simulator: %d %s", code, errb.String())
	}
	srv.Close()
	if code := run(context.Background(), []string{"readyz", "--url", srv.URL, "--timeout", "200ms"}, &out, &errb); code != 1 {
		t.Fatalf("readyz against nothing: %d", code)
	}
}

// TestFixturesLoad: the sample files the README points at are what serve reads.
func TestFixturesLoad(t *testing.T) {
	t.Parallel()
	cfg, err := readConfig(filepath.Join("..", "..", "fixtures", "accounts.json"))
	if err != nil || len(cfg.Accounts) != 2 || cfg.Accounts[0].Users[0].Username != "acme-ops" {
		t.Fatalf("accounts fixture: %+v %v", cfg, err)
	}
	var pf profilesFile
	if err := readJSONFile(filepath.Join("..", "..", "fixtures", "profiles.json"), &pf); err != nil || len(pf.Profiles) != 4 {
		t.Fatalf("profiles fixture: %+v %v", pf, err)
	}
	if _, err := simulator.New(simulator.WithAccounts(cfg.Accounts...), simulator.WithProfiles(pf.Profiles...)); err != nil {
		t.Fatalf("the fixtures do not make a simulator: %v", err)
	}
}

// TestEnvironmentTwins: each command reads only its own variables, and a
// flag on the command line wins over them.
func TestEnvironmentTwins(t *testing.T) {
	t.Parallel()
	env := map[string]string{"JIOCXSIM_ADDR": "0.0.0.0:9000", "JIOCXSIM_API_KEY": "a, b",
		"JIOCXSIM_READYZ_ADDR": "127.0.0.1:7", "JIOCXSIM_SEND_TEST_API_KEY": "k"}
	getenv := func(k string) string { return env[k] }

	fs := newFlagSet("serve", &bytes.Buffer{})
	addr := fs.String("addr", "localhost:8080", "")
	var keys stringList
	fs.Var(&keys, "api-key", "")
	if err := parse(fs, nil, getenv); err != nil {
		t.Fatal(err)
	}
	if *addr != "0.0.0.0:9000" || keys.String() != "a,b" {
		t.Fatalf("serve's twins: addr %q keys %q", *addr, keys.String())
	}

	fs = newFlagSet("readyz", &bytes.Buffer{})
	addr = fs.String("addr", "localhost:8080", "")
	if err := parse(fs, nil, getenv); err != nil || *addr != "127.0.0.1:7" {
		t.Fatalf("readyz must read JIOCXSIM_READYZ_ADDR, not JIOCXSIM_ADDR: %q %v", *addr, err)
	}
	fs = newFlagSet("listen", &bytes.Buffer{})
	addr = fs.String("addr", "localhost:9090", "")
	if err := parse(fs, nil, getenv); err != nil || *addr != "localhost:9090" {
		t.Fatalf("JIOCXSIM_ADDR moved listen: %q %v", *addr, err)
	}
	fs = newFlagSet("send-test", &bytes.Buffer{})
	key := fs.String("api-key", "", "")
	if err := parse(fs, nil, getenv); err != nil || *key != "k" {
		t.Fatalf("send-test must read JIOCXSIM_SEND_TEST_API_KEY only: %q %v", *key, err)
	}

	fs = newFlagSet("serve", &bytes.Buffer{})
	addr = fs.String("addr", "localhost:8080", "")
	if err := parse(fs, []string{"--addr", "127.0.0.1:1"}, getenv); err != nil || *addr != "127.0.0.1:1" {
		t.Fatalf("the flag must win over the environment: %q %v", *addr, err)
	}
	fs = newFlagSet("serve", &bytes.Buffer{})
	fs.String("addr", "localhost:8080", "")
	if err := parse(fs, []string{"-addr", "x"}, getenv); err == nil || !strings.Contains(err.Error(), "two dashes") {
		t.Fatalf("a single-dash long flag must say to use two: %v", err)
	}
}

// TestCommandsIgnoreOtherCommandsVariables runs the real commands with
// serve's variables set: send-test does not take serve's key, serve does.
// (Not parallel: it sets the process environment.)
func TestCommandsIgnoreOtherCommandsVariables(t *testing.T) {
	t.Setenv("JIOCXSIM_API_KEY", testKey)
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"send-test", "--phone", "9999000001", "--target", "http://127.0.0.1:1"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "--api-key and --phone are required") {
		t.Fatalf("send-test took JIOCXSIM_API_KEY: %d %s", code, errb.String())
	}
	ctx, cancel := context.WithCancel(context.Background())
	banner := &lockedBuffer{}
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--log-level", "error"}, banner, io.Discard)
	}()
	waitFor(t, banner, "API key:")
	cancel()
	<-done
	if !strings.Contains(banner.String(), testKey) || !strings.Contains(banner.String(), "only the configured keys") {
		t.Fatalf("serve did not take JIOCXSIM_API_KEY:\n%s", banner.String())
	}
}

// waitFor waits until out contains s.
func waitFor(t *testing.T, out *lockedBuffer, s string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if strings.Contains(out.String(), s) {
			return
		}
	}
	t.Fatalf("no %q in:\n%s", s, out.String())
}

// lockedBuffer is a bytes.Buffer safe to read while serve writes to it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeBannerAndShutdown starts serve on a free port, uses the base URL
// and key it prints, and stops it the way SIGTERM would (its context ends).
func TestServeBannerAndShutdown(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	out := &lockedBuffer{}
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--log-level", "error"}, out, io.Discard)
	}()
	var base, key string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline) && (key == "" || !strings.Contains(out.String(), "control:")); time.Sleep(10 * time.Millisecond) {
		for _, line := range strings.Split(out.String(), "\n") {
			if f := strings.Fields(line); len(f) >= 5 && f[1] != "" && strings.HasPrefix(line, "jiocxsim ") {
				base = f[len(f)-1]
			} else if strings.HasPrefix(line, "API key:") && len(f) >= 3 {
				key = f[2]
			}
		}
	}
	if base == "" || key == "" {
		t.Fatalf("no banner: %q", out.String())
	}
	if !strings.Contains(out.String(), "control:") || !strings.Contains(out.String(), "OPEN") {
		t.Errorf("the banner does not say a loopback control plane without a token is open: %q", out.String())
	}
	req, _ := http.NewRequest(http.MethodPost, base+"/ott/rcs/1/message", strings.NewReader(`{"from":"DemoAgent","to":"919999000001","content":{"type":"TEXT","text":"Hello from jiocxsim"}}`))
	req.Header.Set("Authorization", "App "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the banner's key was refused: %d", resp.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not shut down")
	}
}
