package container

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	dockercontainer "github.com/moby/moby/api/types/container"
	"github.com/testcontainers/testcontainers-go"
)

// build applies what Run would apply to a request, without Docker.
func build(t *testing.T, opts ...testcontainers.ContainerCustomizer) (*testcontainers.GenericContainerRequest, *Container) {
	t.Helper()
	all, c, err := customizers(opts)
	if err != nil {
		t.Fatal(err)
	}
	req := &testcontainers.GenericContainerRequest{}
	for _, o := range all {
		if err := o.Customize(req); err != nil {
			t.Fatal(err)
		}
	}
	return req, c
}

// TestBridgeRequest: by default the container publishes 8080, maps
// host.docker.internal to the host gateway, and gets a random control token
// and an open-accounts key that the module hands back.
func TestBridgeRequest(t *testing.T) {
	t.Parallel()
	req, c := build(t)
	if diff := cmp.Diff([]string{Port}, req.ExposedPorts); diff != "" {
		t.Errorf("exposed ports (-want +got):\n%s", diff)
	}
	var hc dockercontainer.HostConfig
	req.HostConfigModifier(&hc)
	if !slices.Contains(hc.ExtraHosts, "host.docker.internal:host-gateway") || hc.NetworkMode == "host" {
		t.Errorf("bridge host config: extra hosts %v, network %q", hc.ExtraHosts, hc.NetworkMode)
	}
	if _, set := req.Env[envAddr]; set {
		t.Errorf("bridge mode overrides the image's address: %q", req.Env[envAddr])
	}
	if len(c.ControlToken()) < 32 || req.Env[envControlToken] != c.ControlToken() {
		t.Errorf("control token %q, env %q", c.ControlToken(), req.Env[envControlToken])
	}
	if len(strings.Split(c.APIKey(), "-")) != 6 || len(c.APIKey()) != 69 {
		t.Errorf("open-accounts key %q is not of Infobip's shape", c.APIKey())
	}
	if c.HostNetwork() || c.FakeClock() {
		t.Errorf("defaults: host network %v, fake clock %v", c.HostNetwork(), c.FakeClock())
	}
	if _, other := build(t); other.ControlToken() == c.ControlToken() {
		t.Error("two containers got the same random token")
	}
}

// TestHostNetworkRequest: host networking listens on a loopback port of its
// own, publishes nothing, and points the health check at that port.
func TestHostNetworkRequest(t *testing.T) {
	t.Parallel()
	req, c := build(t, WithHostNetwork())
	if len(req.ExposedPorts) != 0 {
		t.Errorf("host networking publishes %v", req.ExposedPorts)
	}
	addr := req.Env[envAddr]
	if !strings.HasPrefix(addr, "127.0.0.1:") || c.port != strings.TrimPrefix(addr, "127.0.0.1:")+"/tcp" {
		t.Fatalf("address %q, port %q", addr, c.port)
	}
	var hc dockercontainer.HostConfig
	req.HostConfigModifier(&hc)
	if hc.NetworkMode != "host" {
		t.Errorf("network mode %q", hc.NetworkMode)
	}
	var cfg dockercontainer.Config
	req.ConfigModifier(&cfg)
	if cfg.Healthcheck == nil {
		t.Fatal("no health check override")
	}
	if diff := cmp.Diff([]string{"CMD", "/jiocxsim", "readyz", "--addr", addr}, cfg.Healthcheck.Test); diff != "" {
		t.Errorf("health check (-want +got):\n%s", diff)
	}
}

// TestOptions: each option lands in the environment twin of its flag, files
// are copied to where the flag points, and what a caller sets (through the
// module or testcontainers.WithEnv) is what the module reports back.
func TestOptions(t *testing.T) {
	t.Parallel()
	key := "0123456789abcdef0123456789abcdef-8f4b3d9a-e931-478d-a994-28a725159ab9"
	req, c := build(t,
		WithAPIKey(key, "fedcba9876543210fedcba9876543210-8f4b3d9a-e931-478d-a994-28a725159ab9"),
		WithControlToken("tok"), WithFakeClock(),
		WithProfiles("/host/profiles.json"), WithDLTRegistry("/host/dlt.json"), WithConfig("/host/accounts.json"),
		WithFlag("--delay-rcs", "2s"))
	want := map[string]string{
		"JIOCXSIM_API_KEY":       key + ",fedcba9876543210fedcba9876543210-8f4b3d9a-e931-478d-a994-28a725159ab9",
		"JIOCXSIM_CONTROL_TOKEN": "tok",
		"JIOCXSIM_CLOCK":         "fake",
		"JIOCXSIM_PROFILES":      "/etc/jiocxsim/profiles.json",
		"JIOCXSIM_DLT":           "/etc/jiocxsim/dlt.json",
		"JIOCXSIM_CONFIG":        "/etc/jiocxsim/config.json",
		"JIOCXSIM_DELAY_RCS":     "2s",
	}
	if diff := cmp.Diff(want, req.Env); diff != "" {
		t.Errorf("environment (-want +got):\n%s", diff)
	}
	var files []string
	for _, f := range req.Files {
		files = append(files, f.HostFilePath+" -> "+f.ContainerFilePath)
	}
	wantFiles := []string{"/host/profiles.json -> /etc/jiocxsim/profiles.json", "/host/dlt.json -> /etc/jiocxsim/dlt.json", "/host/accounts.json -> /etc/jiocxsim/config.json"}
	if diff := cmp.Diff(wantFiles, files); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if c.APIKey() != key || c.ControlToken() != "tok" || !c.FakeClock() {
		t.Errorf("read back: key %q, token %q, fake clock %v", c.APIKey(), c.ControlToken(), c.FakeClock())
	}

	_, c = build(t, testcontainers.WithEnv(map[string]string{"JIOCXSIM_CONTROL_TOKEN": "from-env", "JIOCXSIM_API_KEY": key}))
	if c.ControlToken() != "from-env" || c.APIKey() != key {
		t.Errorf("testcontainers.WithEnv not read back: token %q, key %q", c.ControlToken(), c.APIKey())
	}

	for name, o := range map[string]testcontainers.ContainerCustomizer{
		"empty key": WithAPIKey(""), "key with a comma": WithAPIKey("a,b"), "empty token": WithControlToken(""), "no file": WithProfiles(""),
	} {
		if err := o.Customize(&testcontainers.GenericContainerRequest{}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestCallbackURL(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in          string
		hostNetwork bool
		want        string
	}{
		{"http://127.0.0.1:41234/dlr?x=1", true, "http://127.0.0.1:41234/dlr?x=1"},
		{"http://127.0.0.1:41234/dlr?x=1", false, "http://host.docker.internal:41234/dlr?x=1"},
		{"http://localhost/dlr", false, "http://host.docker.internal/dlr"},
		{"http://[::1]:9090/in", false, "http://host.docker.internal:9090/in"},
		{"http://127.0.0.2:9090/in", false, "http://host.docker.internal:9090/in"},
		{"https://hooks.example.com/dlr", false, "https://hooks.example.com/dlr"},
	} {
		got, err := callbackURL(tc.in, tc.hostNetwork)
		if err != nil || got != tc.want {
			t.Errorf("callbackURL(%q, host network %v) = %q, %v; want %q", tc.in, tc.hostNetwork, got, err, tc.want)
		}
	}
	for _, bad := range []string{"/dlr", "127.0.0.1:9090", "http://%zz"} {
		if got, err := callbackURL(bad, false); err == nil {
			t.Errorf("callbackURL(%q) = %q, want an error", bad, got)
		}
	}
}
