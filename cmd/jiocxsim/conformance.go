//go:build !noconformance

package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/jiocxsim/jiocxsim/steps"
)

// conformance runs the embedded go-live checklist (or your own features)
// against a target and prints a table of requirement ids.
func conformance(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("conformance", stderr)
	target := fs.String("target", "", "base URL to test, or container:IMAGE to start the image (default: a simulator in this process, one per scenario, on a fake clock)")
	apiKey := fs.String("api-key", "", "the account's API key (a real account, or a simulator started with --api-key); empty: a fresh key per scenario")
	username := fs.String("username", "", "Basic login of the account, for the Basic/IBSSO/Bearer checks")
	password := fs.String("password", "", "password of --username")
	token := fs.String("control-token", "", "control-plane token of the target simulator")
	realAccount := fs.Bool("real-account", false, "the target is a real JioCX account: also skip scenarios that rely on the test number plan (@numberplan)")
	listen := fs.String("callback-listen", "127.0.0.1:0", "where the callback endpoint listens")
	callbackURL := fs.String("callback-url", "", "base URL the target reaches the callback endpoint at (default: http://<callback-listen>)")
	tags := fs.String("tags", "", "godog tag expression: \"@a,@b\" is a or b, \"@a && ~@b\" is a and not b")
	format := fs.String("format", "progress", "terminal format: progress or pretty")
	junit := fs.String("junit", "", "also write a JUnit XML report to this file")
	cucumber := fs.String("cucumber", "", "also write a cucumber JSON report to this file")
	concurrency := fs.Int("concurrency", 0, "scenarios at once (default 4 in process, 1 against a target)")
	seed := fs.Int64("seed", 0, "random scenario order with this seed; 0: a new seed, printed (--seed N replays it)")
	allowSkips := fs.Bool("allow-skips", false, "succeed even when no scenario passed because every one was skipped for what the target lacks")
	featuresDir := fs.String("features", "", "run the feature files in this folder instead of the embedded checklist")
	timeout := fs.Duration("report-timeout", 10*time.Second, "how long a step waits for a callback (raise it for a real account)")
	integration := fs.String("integration", "", "test your own service instead of the platform: its adapter file (README \"Test your integration\"); --target is then the URL of the simulator it sends to (container:IMAGE is not supported there)")
	if code, ok := parseArgs(fs, args, stderr); !ok {
		return code
	}
	opt := steps.Options{CallbackListen: *listen, CallbackURL: *callbackURL, Tags: *tags, Seed: *seed, Output: stdout, ReportTimeout: *timeout, AllowSkips: *allowSkips}
	if *target == "" {
		opt.Target = steps.InProcess{}
		opt.Concurrency = 4
	} else {
		t, err := steps.ParseTarget(ctx, *target, steps.Remote{APIKey: *apiKey, Username: *username, Password: *password, ControlToken: *token, RealAccount: *realAccount})
		if err != nil {
			fmt.Fprintln(stderr, "jiocxsim conformance:", err)
			return 1
		}
		opt.Target, opt.Concurrency = t, 1
	}
	if *concurrency > 0 {
		opt.Concurrency = *concurrency
	}
	if *realAccount && (*apiKey == "" || *target == "") {
		fmt.Fprintln(stderr, "jiocxsim conformance: --real-account needs --target and --api-key")
		return 2
	}
	if opt.Seed == 0 {
		opt.Seed = time.Now().UnixNano()
	}
	if strings.Contains(*junit+*cucumber, ",") {
		fmt.Fprintln(stderr, "jiocxsim conformance: a --junit or --cucumber path cannot contain a comma (godog splits formats on commas)")
		return 2
	}
	formats := []string{*format}
	if *junit != "" {
		formats = append(formats, "junit:"+*junit)
	}
	if *cucumber != "" {
		formats = append(formats, "cucumber:"+*cucumber)
	}
	opt.Format = strings.Join(formats, ",")
	if *featuresDir != "" {
		opt.Features = os.DirFS(*featuresDir)
	}
	if *integration != "" {
		return steps.IntegrationMain(*integration, *target, *token, opt, *junit, stdout, stderr)
	}
	fmt.Fprintf(stdout, "target: %s\nscenario order seed: %d (--seed %d replays it)\n\n", opt.Target.Name(), opt.Seed, opt.Seed)
	res, err := steps.Run(opt)
	if err != nil {
		fmt.Fprintln(stderr, "jiocxsim conformance:", err)
		return 2
	}
	fmt.Fprintln(stdout)
	res.WriteTable(stdout)
	if res.Status != 0 {
		fmt.Fprintf(stdout, "\nresult: FAIL, %s\n", res.Scenarios)
		fmt.Fprintln(stderr, "jiocxsim conformance: FAILED:", res.Problem)
		return 1
	}
	fmt.Fprintf(stdout, "\nresult: PASS, %s\n", res.Scenarios)
	return 0
}
