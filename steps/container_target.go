package steps

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/testcontainers/testcontainers-go"

	"github.com/jiocxsim/jiocxsim/simulator/container"
)

// Container is a target that runs the simulator's image (through
// simulator/container) for the whole run: host networking, so the
// container's callbacks reach the callback endpoint on 127.0.0.1 unchanged;
// the fake clock, so @clock scenarios run; a control token, so the control
// plane is guarded the way a shared CI runner wants it.
//
// The container starts at the first scenario and is terminated when Run
// ends (or by Close). Scenarios share it, each with its own key (account),
// so run them one at a time: an Advance of the shared clock would move the
// other scenarios' time too.
type Container struct {
	// Image is the image to run, e.g. jiocxsim:latest.
	Image string
	// APIKey, when set, is the only key the simulator accepts, used by every
	// scenario (as against a simulator started with --api-key); empty: open
	// accounts, a fresh key per scenario.
	APIKey string
	// ControlToken is the control-plane token to start the simulator with
	// (default: a random one).
	ControlToken string
	// Options are further module options (container.WithFlag, testcontainers.WithEnv ...).
	Options []testcontainers.ContainerCustomizer
	// StartTimeout bounds the start (default 2 minutes).
	StartTimeout time.Duration

	mu     sync.Mutex
	ctr    *container.Container
	remote *Remote
	err    error
}

// Name implements Target.
func (t *Container) Name() string {
	return "container " + t.Image + " (simulator, control plane, fake clock, host network)"
}

// Open implements Target: it starts the container at the first call and
// opens an endpoint on it like Remote does. A failed start is remembered:
// every later scenario fails with the same error rather than waiting again.
func (t *Container) Open(ctx context.Context) (*Endpoint, error) {
	r, err := t.start()
	if err != nil {
		return nil, err
	}
	return r.Open(ctx)
}

func (t *Container) start() (*Remote, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.remote != nil || t.err != nil {
		return t.remote, t.err
	}
	t.remote, t.err = t.run()
	if t.err != nil {
		t.err = fmt.Errorf("container target %s: %w", t.Image, t.err)
	}
	return t.remote, t.err
}

func (t *Container) run() (*Remote, error) {
	if t.Image == "" {
		return nil, errors.New("no image")
	}
	timeout := t.StartTimeout
	if timeout <= 0 {
		timeout = 2 * time.Minute
	}
	// The container outlives any one scenario's context.
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	opts := []testcontainers.ContainerCustomizer{container.WithHostNetwork(), container.WithFakeClock()}
	if t.APIKey != "" {
		opts = append(opts, container.WithAPIKey(t.APIKey))
	}
	if t.ControlToken != "" {
		opts = append(opts, container.WithControlToken(t.ControlToken))
	}
	ctr, err := container.Run(ctx, t.Image, append(opts, t.Options...)...)
	t.ctr = ctr
	if err != nil {
		return nil, err
	}
	base, err := ctr.BaseURL(ctx)
	if err != nil {
		return nil, err
	}
	r := &Remote{URL: base, APIKey: t.APIKey, ControlToken: ctr.ControlToken()}
	if err := r.Probe(ctx); err != nil {
		return nil, err
	}
	if !r.control || !r.fake {
		return nil, fmt.Errorf("the simulator at %s shows no control plane or no fake clock", base)
	}
	return r, nil
}

// Close terminates the container, if one was started; a later Open starts
// a new one.
func (t *Container) Close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	ctr := t.ctr
	t.ctr, t.remote, t.err = nil, nil, nil
	if ctr == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	return ctr.Terminate(ctx)
}
