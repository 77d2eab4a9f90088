package steps

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"github.com/cucumber/godog"

	"github.com/jiocxsim/jiocxsim/features"
)

// runIntegration runs the @integration features against opt.Integration.
// Scenarios run one at a time: they share the service and its account.
func runIntegration(opt Options) (Result, error) {
	cfg := opt.Integration.Config()
	if cfg.APIKey == "" || cfg.Agent == "" || cfg.ReportURL == "" || cfg.InboundURL == "" {
		return Result{}, errors.New("steps: the integration's config needs APIKey, Agent, ReportURL and InboundURL")
	}
	if cfg.Limits.MinRetryGap == 0 {
		cfg.Limits.MinRetryGap = time.Second
	}
	if cfg.Limits.MaxAttempts == 0 {
		cfg.Limits.MaxAttempts = 5
	}
	if cfg.Limits.RetryWithin == 0 {
		cfg.Limits.RetryWithin = 30 * time.Second
	}
	if cfg.Limits.QuietPeriod == 0 {
		cfg.Limits.QuietPeriod = 2 * time.Second
	}
	integ := withConfig{opt.Integration, cfg}
	ctx := context.Background()
	var plat *platform
	var err error
	if opt.PlatformURL != "" {
		plat, err = remotePlatform(ctx, cfg, opt.PlatformURL, opt.ControlToken)
	} else {
		listen := opt.PlatformListen
		if listen == "" {
			if a, ok := opt.Integration.(*Adapter); ok {
				listen = a.Platform
			}
		}
		plat, err = startInProcess(cfg, listen, opt.SimulatorOptions)
	}
	if err != nil {
		return Result{}, err
	}
	defer plat.close()
	if opt.Features == nil {
		opt.Features = features.Integration
	}
	if len(opt.Paths) == 0 {
		opt.Paths = []string{"."}
	}
	if opt.Format == "" {
		opt.Format = "progress"
	}
	nums := &numbers{next: int(time.Now().UnixNano() % 9000)}
	tallies := newTallies()
	suite := godog.TestSuite{
		Name: "jiocxsim integration",
		ScenarioInitializer: func(sc *godog.ScenarioContext) {
			w := registerIntegration(sc, integ, plat, nums)
			sc.After(func(ctx context.Context, s *godog.Scenario, err error) (context.Context, error) {
				if w.skipped {
					err = godog.ErrSkip
					tallies.skip(s.Name, w.skipReason)
				}
				tallies.record(s, err)
				tallies.reason(s, err)
				return ctx, nil
			})
		},
		Options: &godog.Options{
			Format: opt.Format, Paths: opt.Paths, FS: opt.Features, Tags: opt.Tags,
			Strict: true, Concurrency: 1, Randomize: opt.Seed,
			Output: opt.Output, TestingT: opt.TestingT, NoColors: true,
		},
	}
	if suite.Options.Output == nil {
		suite.Options.Output = os.Stdout
	}
	status := suite.Run()
	if status == 0 && len(tallies.list()) == 0 {
		// No scenario matched (a tag filter that names nothing): not a pass.
		fmt.Fprintln(suite.Options.Output, "no integration scenario ran")
		status = 1
	}
	tallies.mu.Lock()
	skips := append([]Skip(nil), tallies.skips...)
	failures := append([]Failure(nil), tallies.failures...)
	tallies.mu.Unlock()
	sort.Slice(skips, func(i, j int) bool { return skips[i].Scenario < skips[j].Scenario })
	return Result{Status: status, Requirements: tallies.list(), Skipped: skips, Failures: failures, Target: plat.name}, nil
}

// withConfig is an Integration whose config has the defaults filled in; it
// keeps the Prober of the integration it wraps.
type withConfig struct {
	Integration
	cfg IntegrationConfig
}

func (w withConfig) Config() IntegrationConfig { return w.cfg }

// Probes, Message, User and Inbound forward to the wrapped Prober.
func (w withConfig) Probes() []string {
	if p, ok := w.Integration.(Prober); ok {
		return p.Probes()
	}
	return nil
}

func (w withConfig) Message(ctx context.Context, number, id string) (MessageView, error) {
	return w.Integration.(Prober).Message(ctx, number, id)
}

func (w withConfig) User(ctx context.Context, number string) (UserView, error) {
	return w.Integration.(Prober).User(ctx, number)
}

func (w withConfig) Inbound(ctx context.Context, number string) (InboundView, error) {
	return w.Integration.(Prober).Inbound(ctx, number)
}

// Failure is a scenario that failed, with the reason.
type Failure struct {
	Scenario string
	// IDs are the scenario's requirement ids.
	IDs    []string
	Reason string
}

func (t *tallies) reason(s *godog.Scenario, err error) {
	if err == nil || errors.Is(err, godog.ErrSkip) {
		return
	}
	var ids []string
	for _, tag := range s.Tags {
		if len(tag.Name) > 4 && tag.Name[:4] == "@GL-" {
			ids = append(ids, tag.Name[1:])
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.failures = append(t.failures, Failure{Scenario: s.Name, IDs: ids, Reason: fmt.Sprint(err)})
}

// IntegrationMain is `jiocxsim conformance --integration FILE`: it loads
// the adapter, runs the integration features against the service with the
// platform at target (empty: a simulator in this process, on the adapter's
// platform address), prints the requirement table, fixes up the JUnit file
// and returns the exit code: 0 all passed, 1 a failure, 2 bad input.
func IntegrationMain(file, target, token string, opt Options, junit string, stdout, stderr io.Writer) int {
	a, err := LoadAdapter(file)
	if err != nil {
		fmt.Fprintln(stderr, "jiocxsim conformance:", err)
		return 2
	}
	opt.Integration, opt.PlatformURL, opt.ControlToken = a, target, token
	opt.Target, opt.Sink = nil, nil
	where := "a simulator in this process on " + a.Platform
	if target != "" {
		where = target
	}
	fmt.Fprintf(stdout, "service: %s (adapter %s)\nplatform: %s\nscenario order seed: %d (--seed %d replays it)\n\n", a.Service, file, where, opt.Seed, opt.Seed)
	res, err := Run(opt)
	if err != nil {
		fmt.Fprintln(stderr, "jiocxsim conformance:", err)
		return 2
	}
	fmt.Fprintln(stdout)
	res.WriteTable(stdout)
	if junit != "" {
		if err := FixJUnit(junit, res.Skipped); err != nil {
			fmt.Fprintln(stderr, "jiocxsim conformance:", err)
			return 1
		}
	}
	if res.Status != 0 {
		return 1
	}
	return 0
}
