package container

import (
	"fmt"
	"path"
	"strings"

	"github.com/testcontainers/testcontainers-go"
)

// settings are the module options that shape the request as a whole rather
// than one field of it; Run reads them before it builds its defaults.
type settings struct {
	hostNetwork bool
}

// Option is a module setting that Run reads before it builds the request
// (networking changes the address, the published port and the wait). It is a
// testcontainers.ContainerCustomizer whose Customize does nothing, so it
// mixes with every other option.
type Option func(*settings)

// Customize implements testcontainers.ContainerCustomizer; Run applies the
// setting itself.
func (Option) Customize(*testcontainers.GenericContainerRequest) error { return nil }

// WithHostNetwork runs the container on the host's network: the simulator
// listens on a free 127.0.0.1 port, and callbacks to endpoints on 127.0.0.1
// stay on loopback. Needs a Linux engine on this machine.
func WithHostNetwork() Option { return func(s *settings) { s.hostNetwork = true } }

// WithFlag sets a serve flag through its environment twin: WithFlag("delay-rcs",
// "2s") is JIOCXSIM_DELAY_RCS=2s. A repeatable flag takes a comma-separated
// list.
func WithFlag(name, value string) testcontainers.CustomizeRequestOption {
	env := "JIOCXSIM_" + strings.ToUpper(strings.ReplaceAll(strings.TrimLeft(name, "-"), "-", "_"))
	return testcontainers.WithEnv(map[string]string{env: value})
}

// WithAPIKey accepts only these API keys, each its own account (--api-key).
// Without it any key of Infobip's shape is accepted. APIKey returns the
// first.
func WithAPIKey(keys ...string) testcontainers.CustomizeRequestOption {
	return func(req *testcontainers.GenericContainerRequest) error {
		for _, k := range keys {
			if k == "" || strings.Contains(k, ",") {
				return fmt.Errorf("WithAPIKey: %q is not an API key", k)
			}
		}
		return testcontainers.WithEnv(map[string]string{envAPIKey: strings.Join(keys, ",")})(req)
	}
}

// WithControlToken sets the token the control plane requires in the
// X-Jiocxsim-Token header (--control-token). Default: a random one per
// container, which Control sends.
func WithControlToken(token string) testcontainers.CustomizeRequestOption {
	return func(req *testcontainers.GenericContainerRequest) error {
		if token == "" {
			return fmt.Errorf("WithControlToken: empty token")
		}
		return testcontainers.WithEnv(map[string]string{envControlToken: token})(req)
	}
}

// WithFakeClock runs the simulator on its fake clock (--clock fake): time
// stands still until the control plane advances it, so a test fast-forwards
// retries and validity periods instead of waiting.
func WithFakeClock() testcontainers.CustomizeRequestOption {
	return testcontainers.WithEnv(map[string]string{envClock: "fake"})
}

// WithProfiles copies a number-profiles file from the host into the
// container and loads it at start (--profiles; the shape of
// fixtures/profiles.json).
func WithProfiles(hostPath string) testcontainers.CustomizeRequestOption {
	return withFile("profiles", hostPath, "profiles.json")
}

// WithDLTRegistry copies a DLT registry file from the host into the
// container; every account starts with it (--dlt; the shape of
// fixtures/dlt.json).
func WithDLTRegistry(hostPath string) testcontainers.CustomizeRequestOption {
	return withFile("dlt", hostPath, "dlt.json")
}

// WithConfig copies an accounts file ({"accounts":[...]}) from the host into
// the container (--config).
func WithConfig(hostPath string) testcontainers.CustomizeRequestOption {
	return withFile("config", hostPath, "config.json")
}

// withFile copies hostPath to configDir/name and points flag at it. The copy
// goes through Docker's API before the container starts, which needs no
// shell in the image.
func withFile(flag, hostPath, name string) testcontainers.CustomizeRequestOption {
	return func(req *testcontainers.GenericContainerRequest) error {
		if hostPath == "" {
			return fmt.Errorf("--%s: no file given", flag)
		}
		target := path.Join(configDir, name)
		if err := testcontainers.WithFiles(testcontainers.ContainerFile{
			HostFilePath: hostPath, ContainerFilePath: target, FileMode: 0o644,
		})(req); err != nil {
			return err
		}
		return WithFlag(flag, target)(req)
	}
}
