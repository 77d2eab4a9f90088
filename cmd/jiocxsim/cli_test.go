package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http/httptest"
	"os"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/jiocxsim/jiocxsim/simulator"
)

func TestHelp(t *testing.T) {
	t.Parallel()
	cases := []struct {
		args     []string
		want     []string
		wantNot  []string
		code     int
		onStderr bool
	}{
		{[]string{"--help"}, []string{"Commands:", "serve", "conformance", "send-test", "readyz", "jiocxsim help <command>"}, []string{"--addr string"}, 0, false},
		{[]string{"help"}, []string{"Commands:", "listen"}, nil, 0, false},
		{[]string{"help", "serve"}, []string{"Usage: jiocxsim serve", "--addr string", "--seed", "--log-format", "JIOCXSIM_ADDR", "JIOCXSIM_API_KEY"}, []string{"Commands:", " -addr"}, 0, false},
		{[]string{"serve", "--help"}, []string{"Usage: jiocxsim serve", "--addr string"}, nil, 0, true},
		{[]string{"help", "send-test"}, []string{"--target", "--callback-listen", "JIOCXSIM_SEND_TEST_API_KEY"}, []string{"--url", "--listen ", "JIOCXSIM_API_KEY "}, 0, false},
		{[]string{"help", "readyz"}, []string{"--addr", "--target", "JIOCXSIM_READYZ_ADDR"}, []string{"--url"}, 0, false},
		{[]string{"help", "conformance"}, []string{"--target", "--allow-skips", "--seed"}, nil, 0, false},
		{[]string{"help", "frobnicate"}, []string{"unknown command"}, nil, 2, true},
	}
	for _, c := range cases {
		var out, errb bytes.Buffer
		code := run(context.Background(), c.args, &out, &errb)
		text := out.String()
		if c.onStderr {
			text = errb.String()
		}
		if code != c.code {
			t.Errorf("%v: exit %d, want %d", c.args, code, c.code)
		}
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%v: no %q in:\n%s", c.args, w, text)
			}
		}
		for _, w := range c.wantNot {
			if strings.Contains(text, w) {
				t.Errorf("%v: %q should not be in:\n%s", c.args, w, text)
			}
		}
	}
}

// TestDeprecatedAliases: the old names still work, and say what replaced them.
func TestDeprecatedAliases(t *testing.T) {
	t.Parallel()
	sim, err := simulator.New()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	defer srv.Close()
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"readyz", "--url", srv.URL}, &out, &errb); code != 0 || !strings.Contains(errb.String(), "use --target") {
		t.Fatalf("readyz --url: %d %q", code, errb.String())
	}
}

func TestVersionFromBuildInfo(t *testing.T) {
	t.Parallel()
	bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/jiocxsim/jiocxsim", Version: "v1.2.3"}}
	if got := pickVersion("dev", bi); got != "v1.2.3" {
		t.Errorf("go install ...@v1.2.3 prints %q", got)
	}
	if got := pickVersion("v9.9.9", bi); got != "v9.9.9" {
		t.Errorf("ldflags must win: %q", got)
	}
	if got := pickVersion("dev", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}); got != "dev" {
		t.Errorf("a local build prints %q", got)
	}
	var out bytes.Buffer
	if code := run(context.Background(), []string{"version"}, &out, io.Discard); code != 0 || !strings.HasPrefix(out.String(), "jiocxsim ") {
		t.Errorf("version: %d %q", code, out.String())
	}
}

func TestBannerNamesRealAddresses(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	printBanner(&b, &net.TCPAddr{IP: net.IPv4zero, Port: 8080}, 7, "k", true)
	first := strings.SplitN(b.String(), "\n", 2)[0]
	if !strings.Contains(first, "every interface") || !strings.Contains(first, "http://127.0.0.1:8080") || strings.Contains(first, "localhost") {
		t.Errorf("--addr :8080 banner: %q", first)
	}
	b.Reset()
	printBanner(&b, &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 9}, 7, "k", true)
	if !strings.HasPrefix(b.String(), "jiocxsim ") || !strings.Contains(b.String(), "listening on http://127.0.0.1:9\n") || !strings.Contains(b.String(), "seed:     7 ") {
		t.Errorf("banner: %q", b.String())
	}
}

// startServe runs serve with args on a free port and returns its banner's
// API key and seed, stopping it when the test ends.
func startServe(t *testing.T, args ...string) (base, key, seed string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &lockedBuffer{}
	done := make(chan int)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0", "--log-level", "error"}, args...), out, io.Discard)
	}()
	t.Cleanup(func() { cancel(); <-done })
	waitFor(t, out, "API key:")
	m := regexp.MustCompile(`listening on (\S+)\nseed: +(\d+) .*\nAPI key: +(\S+)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("banner:\n%s", out.String())
	}
	return m[1], m[3], m[2]
}

// TestServeSeeds: two default starts hand out different keys (and so ids),
// each printing its seed; --seed N twice hands out the same.
func TestServeSeeds(t *testing.T) {
	t.Parallel()
	_, k1, s1 := startServe(t)
	_, k2, s2 := startServe(t)
	if k1 == k2 || s1 == s2 {
		t.Errorf("two default starts: keys %s %s, seeds %s %s", k1, k2, s1, s2)
	}
	_, k3, _ := startServe(t, "--seed", s1)
	if k3 != k1 {
		t.Errorf("--seed %s did not replay the first start: %s, then %s", s1, k1, k3)
	}
	_, k4, s4 := startServe(t, "--seed", "42")
	_, k5, _ := startServe(t, "--seed", "42")
	if k4 != k5 || s4 != "42" {
		t.Errorf("--seed 42 twice: %s %s (seed printed %s)", k4, k5, s4)
	}
}

func TestInboundWithoutKeySaysAPIKey(t *testing.T) {
	t.Parallel()
	base, _, _ := startServe(t)
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"inbound", "--target", base, "--from", "919999000001", "--to", "NobodyAgent", "--text", "hi"}, &out, &errb)
	if code != 2 || !strings.Contains(errb.String(), "pass --api-key") {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
}

func TestSendTestPhoneWithCountryCode(t *testing.T) {
	t.Parallel()
	base := startSim(t)
	for _, phone := range []string{"919999000001", "9999000001", "+91 99990 00001"} {
		var out, errb bytes.Buffer
		code := run(context.Background(), []string{"send-test", "--target", base, "--api-key", testKey, "--phone", phone, "--timeout", "10s"}, &out, &errb)
		if code != 0 || !strings.Contains(out.String(), "to 919999000001 through") {
			t.Errorf("--phone %q: exit %d\n%s%s", phone, code, out.String(), errb.String())
		}
	}
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"send-test", "--target", base, "--api-key", testKey, "--phone", "91919999000001"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "14 digits") {
		t.Errorf("a doubled country code: exit %d %s", code, errb.String())
	}
}

// TestMain clears the JIOCXSIM_* variables of the shell that runs the tests:
// the commands read them, and a developer's JIOCXSIM_API_KEY would change
// what serve prints.
func TestMain(m *testing.M) {
	// The crash test runs serve in a child process of this test binary.
	if args := os.Getenv(crashChildEnv); args != "" {
		os.Exit(run(context.Background(), strings.Split(args, "\x1f"), os.Stdout, os.Stderr))
	}
	// The test's own knob is read before the user's JIOCXSIM_ settings are
	// cleared (they must not change what the command tests see).
	crashRoundsEnv = os.Getenv("JIOCXSIM_CRASH_ROUNDS")
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "JIOCXSIM_") {
			os.Unsetenv(k)
		}
	}
	os.Exit(m.Run())
}
