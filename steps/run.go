package steps

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/cucumber/godog"

	"github.com/jiocxsim/jiocxsim/features"
	_ "github.com/jiocxsim/jiocxsim/internal/faststart" // the suite's libraries initialize without running go or re-reading /proc/stat: every start is about 30 ms faster
	"github.com/jiocxsim/jiocxsim/simulator"
)

// Requirements are the go-live checks the features cover, by id, with a
// short title.
var Requirements = []struct{ ID, Title string }{
	{"GL-AUTH-1", "the account's API key is accepted"},
	{"GL-AUTH-2", "a wrong, malformed or missing key is refused; nothing is sent"},
	{"GL-AUTH-3", "Basic, IBSSO and Bearer credentials work"},
	{"GL-AUTH-4", "accounts never see each other's traffic"},
	{"GL-SEND-1", "RCS to an RCS-capable number is delivered"},
	{"GL-SEND-2", "a number without RCS gets the SMS fallback"},
	{"GL-SEND-3", "India: the fallback carries PE and template ids; without them, or mismatched, DLT fails it"},
	{"GL-SEND-4", "rich content within limits accepted, beyond them refused exactly"},
	{"GL-DLR-1", "each outcome reaches the report URL in Infobip's shape"},
	{"GL-DLR-2", "per-message URL overrides the default; notify=false suppresses"},
	{"GL-DLR-3", "pull endpoints return each report once"},
	{"GL-DLR-4", "an unavailable endpoint gets the report on the retry schedule"},
	{"GL-DLR-5", "callbackData and messageId come back unchanged"},
	{"GL-FB-1", "fallback for every RCS failure reason"},
	{"GL-FB-2", "no fallback when delivered or not requested"},
	{"GL-FB-3", "triggered-failover reports arrive RCS step first"},
	{"GL-MO-1", "replies arrive as MO_OTT_MSISDN, paired"},
	{"GL-MO-2", "suggestion taps, locations and files arrive with their fields"},
	{"GL-MO-3", "inbound SMS arrive pushed and via the inbox"},
	{"GL-MA-1", "Messages API: RCS and SMS sends accepted, bad ones refused with the property named"},
	{"GL-MA-2", "Messages API: RCS fails over to SMS as the failover list says, DLT ids on the SMS leg"},
	{"GL-MA-3", "Messages API: reports pushed and pulled in the Messages API's shape"},
	{"GL-MA-4", "Messages API: inbound RCS and SMS arrive as MO_MESSAGES_API_JSON, paired; STOP blocks"},
	{"GL-SUB-1", "after STOP, sends report the block and fall back"},
	{"GL-SUB-2", "after START the user is reachable again"},
	{"GL-SUB-3", "capability check tells which numbers have RCS"},
	{"GL-CLK-1", "default-domain short links, a click posts CLICKED"},
	{"GL-CLK-2", "a verified custom domain is used; an unverified one fails the message"},
	{"GL-CLK-3", "a link already wrapped by another tracker is flagged"},
	{"GL-LIVE-1", "before launch only the agent's test numbers receive; others fail with 7005 and fall back"},
	{"GL-LIVE-2", "once launched every number receives"},
	{"GL-TPL-1", "a template registered for the agent is delivered once a provider approved it"},
	{"GL-TPL-2", "an unknown template or wrong parameters fail with EC7018, an unapproved one with 7009"},
	{"GL-ERR-1", "bad input refused in the endpoint's envelope, property named"},
	{"GL-ERR-2", "rate limiting answers 429 and a retry succeeds"},
	// Integration mode (features/integration): the team's own service.
	{"GL-INT-1", "the service sends RCS from its configured agent"},
	{"GL-INT-2", "with a fallback configured, every RCS carries the SMS failover (sender, text)"},
	{"GL-INT-3", "to Indian numbers the fallback carries the PE id and a template registered for its text (DLT strict)"},
	{"GL-INT-4", "its requests are all valid (no 4xx in the journal) and within the platform's throttles"},
	{"GL-INT-5", "it answers delivery reports and replies with 2xx within the platform's timeout"},
	{"GL-INT-6", "a report delivered twice is counted once"},
	{"GL-INT-7", "a fallback report is read as delivered over SMS"},
	{"GL-INT-8", "after STOP nothing more goes to that user from that agent; after START it may again"},
	{"GL-INT-9", "it receives a reply and a suggestion tap"},
	{"GL-INT-10", "a 429 or 500 from the platform is retried later, not dropped, not hammered"},
	{"GL-INT-11", "with provider click tracking on, it sends no link another tracker already wrapped"},
}

// Options configure a conformance run.
type Options struct {
	// Target is what the scenarios run against. Run closes a target that is
	// an io.Closer (a Container) when it ends.
	Target Target
	// Sink is the callback endpoint; nil starts one on CallbackListen.
	Sink *Sink
	// CallbackListen is where the callback endpoint listens (default
	// 127.0.0.1:0); CallbackURL is how the target reaches it (default
	// http://<listen address>).
	CallbackListen, CallbackURL string
	// Tags filters scenarios with godog's tag expression ("@rcs && ~@clock").
	Tags string
	// Format is godog's formatter list, e.g. "progress,junit:report.xml".
	Format string
	// Concurrency is how many scenarios run at once.
	Concurrency int
	// Seed orders scenarios randomly (0: file order).
	Seed int64
	// Output receives the formatter's output (default stdout).
	Output io.Writer
	// TestingT runs each scenario as a subtest.
	TestingT *testing.T
	// Features are the feature files (default the embedded checklist).
	Features fs.FS
	// Paths are feature files or folders within Features (default all).
	Paths []string
	// ReportTimeout is the longest a step waits for a callback (default 10 s).
	ReportTimeout time.Duration

	// Integration, when set, runs integration mode instead of the platform
	// checklist: the @integration features (default features.Integration)
	// against this service, with a simulator as its provider. Target and
	// Sink are then unused.
	Integration Integration
	// PlatformURL is the simulator the service sends to; empty starts one in
	// this process, on a fake clock, listening on PlatformListen (default:
	// the adapter's platform address).
	PlatformURL, PlatformListen string
	// ControlToken is sent to PlatformURL's control plane.
	ControlToken string
	// SimulatorOptions are extra options of the in-process platform.
	SimulatorOptions []simulator.Option
	// AllowSkips lets a run in which no scenario passed but some were
	// skipped (for what the target lacks) succeed. By default it fails: a
	// CI suite must never pass on nothing.
	AllowSkips bool
}

// Tally counts scenario outcomes of one requirement.
type Tally struct {
	ID                      string
	Passed, Failed, Skipped int
}

// Result is the outcome of a run.
type Result struct {
	// Status is the run's exit status: 0 passed, 1 failed (a scenario failed
	// or was undefined, no scenario ran, or every one was skipped without
	// AllowSkips), 2 bad options.
	Status int
	// Problem says why Status is not 0, in a sentence; empty when it is.
	Problem string
	// Scenarios counts every scenario by outcome.
	Scenarios Counts
	// Requirements tallies the scenarios per GL id, in id order.
	Requirements []Tally
	// Skipped lists the scenarios that did not run, with the reason.
	Skipped []Skip
	// Failures lists the failed scenarios with their reasons (integration
	// mode).
	Failures []Failure
	// Target names what was tested (integration mode: the platform).
	Target string
}

// Run runs the conformance suite.
func Run(opt Options) (Result, error) {
	if opt.Integration != nil {
		return runIntegration(opt)
	}
	if opt.Target == nil {
		return Result{}, errors.New("steps: no target")
	}
	sink := opt.Sink
	if sink == nil {
		listen := opt.CallbackListen
		if listen == "" {
			listen = "127.0.0.1:0"
		}
		s, err := StartSink(listen, opt.CallbackURL)
		if err != nil {
			return Result{}, fmt.Errorf("callback endpoint: %w", err)
		}
		defer s.Close()
		sink = s
	}
	if opt.Features == nil {
		opt.Features = features.Files
	}
	if len(opt.Paths) == 0 {
		opt.Paths = []string{"."}
	}
	if opt.Format == "" {
		opt.Format = "progress"
	}
	format, junitPaths := godogFormats(opt.Format)
	if opt.Concurrency < 1 {
		opt.Concurrency = 1
	}
	tallies := newTallies()
	suite := godog.TestSuite{
		Name: "jiocxsim conformance",
		ScenarioInitializer: func(sc *godog.ScenarioContext) {
			w := Register(sc, opt.Target, sink)
			if opt.ReportTimeout > 0 {
				w.ReportTimeout = opt.ReportTimeout
			}
			sc.After(func(ctx context.Context, s *godog.Scenario, err error) (context.Context, error) {
				if w.skipped {
					err = godog.ErrSkip
					tallies.skip(s.Name, w.skipReason)
				}
				tallies.record(s, err)
				return ctx, nil
			})
		},
		Options: &godog.Options{
			Format: format, Paths: opt.Paths, FS: opt.Features, Tags: opt.Tags,
			Strict: true, Concurrency: opt.Concurrency, Randomize: opt.Seed,
			Output: opt.Output, TestingT: opt.TestingT, NoColors: true,
		},
	}
	if suite.Options.Output == nil {
		suite.Options.Output = os.Stdout
	}
	status := suite.Run()
	if c, ok := opt.Target.(io.Closer); ok {
		if err := c.Close(); err != nil {
			return Result{Status: status}, fmt.Errorf("closing the target: %w", err)
		}
	}
	tallies.mu.Lock()
	skips := append([]Skip(nil), tallies.skips...)
	counts := tallies.counts
	tallies.mu.Unlock()
	sort.Slice(skips, func(i, j int) bool { return skips[i].Scenario < skips[j].Scenario })
	res := Result{Status: status, Scenarios: counts, Requirements: tallies.list(), Skipped: skips}
	res.judge(opt)
	for _, p := range junitPaths {
		if err := FixJUnit(p, skips); err != nil {
			return res, err
		}
	}
	return res, nil
}

// judge sets Status and Problem from the counts: godog's status alone passes
// a run that matched no scenario, or skipped them all.
func (r *Result) judge(opt Options) {
	c := r.Scenarios
	switch {
	case r.Status == 2:
		r.Problem = "the options are not valid (see the output above)"
	case c.Failed > 0 || c.Undefined > 0:
		r.Status, r.Problem = 1, fmt.Sprintf("%d scenarios failed, %d had undefined or pending steps", c.Failed, c.Undefined)
	case r.Status != 0:
		r.Problem = "godog reported a failure (see the output above)"
	case c.Total() == 0 && opt.Tags != "":
		r.Status, r.Problem = 1, fmt.Sprintf("no scenario matches the tags %q", opt.Tags)
	case c.Total() == 0:
		r.Status, r.Problem = 1, "no scenario ran: no feature files, or none with scenarios"
	case c.Passed == 0 && !opt.AllowSkips:
		r.Status, r.Problem = 1, fmt.Sprintf("all %d scenarios were skipped, so nothing was tested (allow it with AllowSkips / --allow-skips)", c.Skipped)
	}
}

// godogFormats swaps the terminal formatters for ours (which count skipped
// scenarios as skipped) and returns the JUnit files the run writes.
func godogFormats(list string) (string, []string) {
	var out, junit []string
	for _, f := range strings.Split(list, ",") {
		name, path, hasPath := strings.Cut(strings.TrimSpace(f), ":")
		if ours, ok := terminalFormats[name]; ok {
			name = ours
		}
		if name == "junit" && hasPath {
			junit = append(junit, path)
		}
		if hasPath {
			name += ":" + path
		}
		out = append(out, name)
	}
	return strings.Join(out, ","), junit
}

type tallies struct {
	mu       sync.Mutex
	m        map[string]*Tally
	skips    []Skip
	failures []Failure
	counts   Counts
}

// Skip is a scenario that did not run, and why.
type Skip struct {
	Scenario, Reason string
}

func (t *tallies) skip(scenario, reason string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.skips = append(t.skips, Skip{scenario, reason})
}

func newTallies() *tallies { return &tallies{m: map[string]*Tally{}} }

func (t *tallies) record(s *godog.Scenario, err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case err == nil:
		t.counts.Passed++
	case errors.Is(err, godog.ErrSkip):
		t.counts.Skipped++
	case errors.Is(err, godog.ErrUndefined), errors.Is(err, godog.ErrPending), errors.Is(err, godog.ErrAmbiguous):
		t.counts.Undefined++
	default:
		t.counts.Failed++
	}
	for _, tag := range s.Tags {
		id := strings.TrimPrefix(tag.Name, "@")
		if !strings.HasPrefix(id, "GL-") {
			continue
		}
		c := t.m[id]
		if c == nil {
			c = &Tally{ID: id}
			t.m[id] = c
		}
		switch {
		case err == nil:
			c.Passed++
		case errors.Is(err, godog.ErrSkip):
			c.Skipped++
		default:
			c.Failed++
		}
	}
}

func (t *tallies) list() []Tally {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]Tally, 0, len(t.m))
	for _, c := range t.m {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return idLess(out[i].ID, out[j].ID) })
	return out
}

// idLess orders requirement ids by family, then by number (GL-INT-2 before
// GL-INT-10).
func idLess(a, b string) bool {
	ai, bi := strings.LastIndex(a, "-"), strings.LastIndex(b, "-")
	if ai < 0 || bi < 0 || a[:ai] != b[:bi] {
		return a < b
	}
	an, aerr := strconv.Atoi(a[ai+1:])
	bn, berr := strconv.Atoi(b[bi+1:])
	if aerr != nil || berr != nil {
		return a < b
	}
	return an < bn
}

// WriteTable prints the requirement table: one line per GL id with its
// passed, failed and skipped scenarios, and a verdict.
func (r Result) WriteTable(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "requirement\tpassed\tfailed\tskipped\tverdict\t")
	titles := map[string]string{}
	for _, q := range Requirements {
		titles[q.ID] = q.Title
	}
	for _, t := range r.Requirements {
		verdict := "PASS"
		switch {
		case t.Failed > 0:
			verdict = "FAIL"
		case t.Passed == 0:
			verdict = "SKIPPED"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%s\n", t.ID, t.Passed, t.Failed, t.Skipped, verdict, titles[t.ID])
	}
	_ = tw.Flush()
	if len(r.Failures) > 0 {
		fmt.Fprintf(w, "\n%d scenarios failed:\n", len(r.Failures))
		for _, f := range r.Failures {
			fmt.Fprintf(w, "  %s  %s\n      %s\n", strings.Join(f.IDs, " "), f.Scenario, strings.ReplaceAll(f.Reason, "\n", "\n      "))
		}
	}
	if len(r.Skipped) == 0 {
		return
	}
	counts := map[string]int{}
	var reasons []string
	for _, s := range r.Skipped {
		if counts[s.Reason] == 0 {
			reasons = append(reasons, s.Reason)
		}
		counts[s.Reason]++
	}
	fmt.Fprintf(w, "\n%d scenarios were skipped:\n", len(r.Skipped))
	for _, reason := range reasons {
		fmt.Fprintf(w, "  %3d  %s\n", counts[reason], reason)
	}
}
