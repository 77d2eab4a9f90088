package container

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	dockercontainer "github.com/moby/moby/api/types/container"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/wait"

	"github.com/jiocxsim/jiocxsim/simulator/client"
)

const (
	// Port is the simulator's port inside the image (bridge networking).
	Port = "8080/tcp"
	// HostGateway is the name a bridge-networked container reaches the host
	// by; Run maps it to Docker's host-gateway.
	HostGateway = "host.docker.internal"
	// binary is the simulator's path in the image.
	binary = "/jiocxsim"
	// configDir is where files given to WithProfiles, WithDLTRegistry and
	// WithConfig are copied.
	configDir = "/etc/jiocxsim/"
)

// Environment twins of the serve flags the module reads back or sets.
const (
	envAddr         = "JIOCXSIM_ADDR"
	envAPIKey       = "JIOCXSIM_API_KEY"
	envControlToken = "JIOCXSIM_CONTROL_TOKEN"
	envClock        = "JIOCXSIM_CLOCK"
)

// Container is a running simulator.
type Container struct {
	testcontainers.Container
	apiKey      string
	token       string
	fakeClock   bool
	hostNetwork bool
	port        string
}

// Run starts the image img (built from this repository's Dockerfile) and
// waits until GET /readyz answers 200. On an error after the container was
// created, the returned Container is not nil so the caller can terminate it
// (testcontainers.TerminateContainer accepts a nil one).
//
// Defaults: bridge networking with 8080/tcp published, open accounts (any
// well-formed API key is its own account), the real clock, and a random
// control-plane token.
func Run(ctx context.Context, img string, opts ...testcontainers.ContainerCustomizer) (*Container, error) {
	customizers, c, err := customizers(opts)
	if err != nil {
		return nil, fmt.Errorf("run jiocxsim: %w", err)
	}
	ctr, err := testcontainers.Run(ctx, img, customizers...)
	if ctr != nil {
		c.Container = ctr
	} else {
		c = nil
	}
	if err != nil {
		return c, fmt.Errorf("run jiocxsim: %w", err)
	}
	return c, nil
}

// customizers turns the caller's options into the full list Run applies:
// the module's defaults first (so the caller's options win), then the
// caller's, then one that reads back what the simulator was configured with.
// The returned Container has everything but the running container.
func customizers(opts []testcontainers.ContainerCustomizer) ([]testcontainers.ContainerCustomizer, *Container, error) {
	var s settings
	for _, o := range opts {
		if mo, ok := o.(Option); ok {
			mo(&s)
		}
	}
	token, err := randomToken()
	if err != nil {
		return nil, nil, err
	}
	c := &Container{hostNetwork: s.hostNetwork, port: Port}
	env := map[string]string{envControlToken: token}
	var out []testcontainers.ContainerCustomizer
	if s.hostNetwork {
		p, err := freeLoopbackPort()
		if err != nil {
			return nil, nil, fmt.Errorf("host networking: %w", err)
		}
		c.port = fmt.Sprintf("%d/tcp", p)
		addr := fmt.Sprintf("127.0.0.1:%d", p)
		env[envAddr] = addr
		out = append(out,
			testcontainers.WithHostConfigModifier(func(hc *dockercontainer.HostConfig) { hc.NetworkMode = "host" }),
			// The image's health check asks 127.0.0.1:8080; here the
			// simulator listens on the port chosen above.
			testcontainers.WithConfigModifier(func(cfg *dockercontainer.Config) {
				cfg.Healthcheck = &dockercontainer.HealthConfig{
					Test:     []string{"CMD", binary, "readyz", "--addr", addr},
					Interval: 5 * time.Second, Timeout: 2 * time.Second, Retries: 3,
				}
			}),
		)
	} else {
		out = append(out,
			testcontainers.WithExposedPorts(Port),
			testcontainers.WithHostConfigModifier(func(hc *dockercontainer.HostConfig) {
				hc.ExtraHosts = append(hc.ExtraHosts, HostGateway+":host-gateway")
			}),
		)
	}
	out = append(out,
		testcontainers.WithEnv(env),
		// An HTTP wait, not the listening-port one: that one runs a shell
		// inside the container, and the image has none.
		testcontainers.WithWaitStrategy(wait.ForHTTP("/readyz").WithPort(c.port).WithForcedIPv4LocalHost().
			WithPollInterval(50*time.Millisecond).WithStartupTimeout(60*time.Second)),
	)
	out = append(out, opts...)
	out = append(out, testcontainers.CustomizeRequestOption(func(req *testcontainers.GenericContainerRequest) error {
		return c.readBack(req.Env)
	}))
	return out, c, nil
}

// readBack records what the request configures, whichever option set it
// (the module's or testcontainers.WithEnv).
func (c *Container) readBack(env map[string]string) error {
	c.token = env[envControlToken]
	c.fakeClock = env[envClock] == "fake"
	keys := strings.Split(env[envAPIKey], ",")
	c.apiKey = strings.TrimSpace(keys[0])
	if c.apiKey == "" {
		// Open accounts: any key of Infobip's shape is its own account.
		k, err := randomAPIKey()
		if err != nil {
			return err
		}
		c.apiKey = k
	}
	return nil
}

// BaseURL returns the simulator's base URL as the test process reaches it,
// e.g. http://127.0.0.1:32768 (the API and the control plane).
func (c *Container) BaseURL(ctx context.Context) (string, error) {
	return c.PortEndpoint(ctx, c.port, "http")
}

// APIKey returns the first key given to WithAPIKey; without one, a fresh key
// of Infobip's shape, which the open-accounts simulator accepts as its own
// account.
func (c *Container) APIKey() string { return c.apiKey }

// ControlToken returns the control-plane token the simulator requires in
// the X-Jiocxsim-Token header.
func (c *Container) ControlToken() string { return c.token }

// FakeClock reports whether the simulator runs on the fake clock (time moves
// only through the control plane).
func (c *Container) FakeClock() bool { return c.fakeClock }

// HostNetwork reports whether the container shares the host's network.
func (c *Container) HostNetwork() bool { return c.hostNetwork }

// Control returns the typed control-plane client, scoped to APIKey() and
// carrying the control token. Later opts win (client.WithAPIKey scopes it to
// another account).
func (c *Container) Control(ctx context.Context, opts ...client.Option) (*client.Client, error) {
	base, err := c.BaseURL(ctx)
	if err != nil {
		return nil, err
	}
	all := []client.Option{client.WithAPIKey(c.apiKey)}
	if c.token != "" {
		all = append(all, client.WithToken(c.token))
	}
	return client.New(base, append(all, opts...)...), nil
}

// CallbackURL turns a URL served on the host (a callback endpoint of the
// test, e.g. http://127.0.0.1:41234/dlr) into the URL the simulator in the
// container must post to. With host networking it is unchanged; on a bridge
// network a loopback host (localhost, 127.0.0.0/8, ::1) becomes
// host.docker.internal, and any other host is left as it is.
func (c *Container) CallbackURL(hostURL string) (string, error) {
	return callbackURL(hostURL, c.hostNetwork)
}

func callbackURL(hostURL string, hostNetwork bool) (string, error) {
	u, err := url.Parse(hostURL)
	if err != nil {
		return "", err
	}
	if u.Scheme == "" || u.Host == "" {
		return "", fmt.Errorf("callback URL %q is not absolute", hostURL)
	}
	if hostNetwork || !isLoopback(u.Hostname()) {
		return hostURL, nil
	}
	if p := u.Port(); p != "" {
		u.Host = net.JoinHostPort(HostGateway, p)
	} else {
		u.Host = HostGateway
	}
	return u.String(), nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// freeLoopbackPort asks the kernel for a free port on 127.0.0.1. The port is
// released before the container binds it; another process could take it in
// between, which Run then reports as a failed start.
func freeLoopbackPort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// randomToken and randomAPIKey use crypto/rand on purpose: this is the
// test's side of the container, not the simulator (whose randomness is
// seeded), and a token guards a listener other local processes can reach.
func randomToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// randomAPIKey returns a key of Infobip's shape: 32 hex digits, a dash, a UUID.
func randomAPIKey() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	h := hex.EncodeToString(b)
	return h[:32] + "-" + h[32:40] + "-" + h[40:44] + "-4" + h[45:48] + "-a" + h[49:52] + "-" + h[52:64], nil
}
