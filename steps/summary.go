package steps

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/cucumber/godog"
)

// godog's terminal formatters count a scenario whose steps were all skipped
// as passed ("31 scenarios (31 passed)" for a run that tested nothing). The
// formatters below are godog's progress and pretty formatters with that one
// line rewritten from the same results, so the terminal says what ran.

func init() {
	godog.Format(progressFormat, "progress, with skipped scenarios counted as skipped", func(suite string, out io.Writer) godog.Formatter {
		h := &holdWriter{out: out}
		return &truthfulProgress{ProgressFmt: godog.NewProgressFmt(suite, h), hold: h}
	})
	godog.Format(prettyFormat, "pretty, with skipped scenarios counted as skipped", func(suite string, out io.Writer) godog.Formatter {
		h := &holdWriter{out: out}
		return &truthfulPretty{PrettyFmt: godog.NewPrettyFmt(suite, h), hold: h}
	})
}

const (
	progressFormat = "jiocxsim-progress"
	prettyFormat   = "jiocxsim-pretty"
)

// terminalFormats maps the names users give to the formatters above.
var terminalFormats = map[string]string{"progress": progressFormat, "pretty": prettyFormat}

type truthfulProgress struct {
	*godog.ProgressFmt
	hold *holdWriter
}

// Summary implements godog.Formatter.
func (f *truthfulProgress) Summary() {
	f.hold.start()
	f.ProgressFmt.Summary()
	f.hold.release(countStored(f.ProgressFmt.Base))
}

type truthfulPretty struct {
	*godog.PrettyFmt
	hold *holdWriter
}

// Summary implements godog.Formatter.
func (f *truthfulPretty) Summary() {
	f.hold.start()
	f.PrettyFmt.Summary()
	f.hold.release(countStored(f.PrettyFmt.Base))
}

// Counts are scenario outcomes. Every scenario is in exactly one of them.
type Counts struct {
	Passed, Failed, Skipped, Undefined int
}

// Total is the number of scenarios counted.
func (c Counts) Total() int { return c.Passed + c.Failed + c.Skipped + c.Undefined }

// String is godog's summary style: "90 scenarios (59 passed, 31 skipped)".
func (c Counts) String() string {
	if c.Total() == 0 {
		return "No scenarios"
	}
	var parts []string
	for _, p := range []struct {
		n    int
		name string
	}{{c.Passed, "passed"}, {c.Failed, "failed"}, {c.Undefined, "undefined"}, {c.Skipped, "skipped"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.name))
		}
	}
	return fmt.Sprintf("%d scenarios (%s)", c.Total(), strings.Join(parts, ", "))
}

// countStored classifies every scenario of a run from godog's results: failed
// if a step failed, undefined if a step was undefined, pending or ambiguous
// (or it has no steps), skipped if a step was skipped, else passed.
func countStored(base *godog.BaseFmt) Counts {
	var c Counts
	if base == nil || base.Storage == nil {
		return c
	}
	for _, pr := range base.Storage.MustGetPickleResults() {
		results := base.Storage.MustGetPickleStepResultsByPickleID(pr.PickleID)
		failed, undefined, skipped := false, len(results) == 0, false
		for _, sr := range results {
			switch sr.Status {
			case godog.StepFailed:
				failed = true
			case godog.StepUndefined, godog.StepPending, godog.StepAmbiguous:
				undefined = true
			case godog.StepSkipped:
				skipped = true
			}
		}
		switch {
		case failed:
			c.Failed++
		case undefined:
			c.Undefined++
		case skipped:
			c.Skipped++
		default:
			c.Passed++
		}
	}
	return c
}

// holdWriter passes writes through, except while a summary is being written:
// then it holds them so the scenario line can be replaced.
type holdWriter struct {
	mu      sync.Mutex
	out     io.Writer
	holding bool
	held    bytes.Buffer
}

func (h *holdWriter) Write(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.holding {
		return h.held.Write(p)
	}
	return h.out.Write(p)
}

func (h *holdWriter) start() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.holding = true
}

// scenarioLine is godog's summary line about scenarios.
var scenarioLine = regexp.MustCompile(`(?m)^(\d+ scenarios \([^\n]*\)|No scenarios)$`)

func (h *holdWriter) release(c Counts) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.holding = false
	text := scenarioLine.ReplaceAllLiteral(h.held.Bytes(), []byte(c.String()))
	h.held.Reset()
	_, _ = h.out.Write(text)
}
