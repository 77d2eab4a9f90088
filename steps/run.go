package steps

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/cucumber/godog"

	"github.com/jiocxsim/jiocxsim/features"
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
}

// Options configure a conformance run.
type Options struct {
	// Target is what the scenarios run against.
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
}

// Tally counts scenario outcomes of one requirement.
type Tally struct {
	ID                      string
	Passed, Failed, Skipped int
}

// Result is the outcome of a run.
type Result struct {
	// Status is godog's exit status: 0 passed, 1 failed, 2 bad options.
	Status int
	// Requirements tallies the scenarios per GL id, in id order.
	Requirements []Tally
	// Skipped lists the scenarios that did not run, with the reason.
	Skipped []Skip
}

// Run runs the conformance suite.
func Run(opt Options) (Result, error) {
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
			Format: opt.Format, Paths: opt.Paths, FS: opt.Features, Tags: opt.Tags,
			Strict: true, Concurrency: opt.Concurrency, Randomize: opt.Seed,
			Output: opt.Output, TestingT: opt.TestingT, NoColors: true,
		},
	}
	if suite.Options.Output == nil {
		suite.Options.Output = os.Stdout
	}
	status := suite.Run()
	tallies.mu.Lock()
	skips := append([]Skip(nil), tallies.skips...)
	tallies.mu.Unlock()
	sort.Slice(skips, func(i, j int) bool { return skips[i].Scenario < skips[j].Scenario })
	return Result{Status: status, Requirements: tallies.list(), Skipped: skips}, nil
}

type tallies struct {
	mu    sync.Mutex
	m     map[string]*Tally
	skips []Skip
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
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
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
