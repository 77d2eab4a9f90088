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

func TestEnvironmentTwins(t *testing.T) {
	t.Parallel()
	fs := newFlagSet("x", &bytes.Buffer{})
	addr := fs.String("addr", "localhost:8080", "")
	var keys stringList
	fs.Var(&keys, "api-key", "")
	env := map[string]string{"JIOCXSIM_ADDR": "0.0.0.0:9000", "JIOCXSIM_API_KEY": "a, b"}
	if err := parse(fs, nil, func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	if *addr != "0.0.0.0:9000" || keys.String() != "a,b" {
		t.Fatalf("env twins: addr %q keys %q", *addr, keys.String())
	}
	fs = newFlagSet("x", &bytes.Buffer{})
	addr = fs.String("addr", "localhost:8080", "")
	if err := parse(fs, []string{"--addr", "127.0.0.1:1"}, func(k string) string { return env[k] }); err != nil || *addr != "127.0.0.1:1" {
		t.Fatalf("the flag must win over the environment: %q %v", *addr, err)
	}
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
