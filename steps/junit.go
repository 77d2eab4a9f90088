package steps

import (
	"encoding/xml"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// godog's JUnit formatter does not give one result per test case: a skipped
// scenario has an empty status and one <error type="skipped"> per step
// (which CI tools count as errors), a failed one has its <failure> followed
// by an <error type="skipped"> for every later step, and an undefined one an
// <error> per undefined step. FixJUnit rewrites every case to the shape
// Jenkins and Surefire read (at most one of <failure>, <error> or <skipped>,
// a status that says which) and recounts the suites from the cases, so the
// counts always add up. A case's outcome is read from its own content, so
// Scenario Outline rows (which godog names "<name> #1", "#2", ...) are
// handled like any other scenario.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string         `xml:"name,attr"`
	Classname string         `xml:"classname,attr,omitempty"`
	Status    string         `xml:"status,attr"`
	Time      string         `xml:"time,attr"`
	Failure   *junitProblem  `xml:"failure"`
	Errors    []junitProblem `xml:"error"`
	Skipped   *junitSkip     `xml:"skipped"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Body    string `xml:",chardata"`
}

type junitSkip struct {
	Message string `xml:"message,attr"`
}

// outlineRow is the suffix godog gives repeated scenario names.
var outlineRow = regexp.MustCompile(` #\d+$`)

// FixJUnit rewrites a godog JUnit report at path as described above, giving
// each skipped scenario its reason from skips. It is safe to run twice.
func FixJUnit(path string, skips []Skip) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var doc junitSuites
	if err := xml.Unmarshal(b, &doc); err != nil {
		return fmt.Errorf("junit report %s: %w", path, err)
	}
	reasons := map[string]string{}
	for _, s := range skips {
		reasons[s.Scenario] = s.Reason
	}
	doc.Tests, doc.Skipped, doc.Failures, doc.Errors = 0, 0, 0, 0
	for i := range doc.Suites {
		suite := &doc.Suites[i]
		suite.Tests, suite.Skipped, suite.Failures, suite.Errors = 0, 0, 0, 0
		for j := range suite.Cases {
			c := &suite.Cases[j]
			if c.Classname == "" {
				c.Classname = suite.Name
			}
			normalizeCase(c, reasons)
			suite.Tests++
			switch c.Status {
			case "failed":
				suite.Failures++
			case "skipped":
				suite.Skipped++
			case "passed":
			default:
				suite.Errors++
			}
		}
		// godog times a suite from its first scenario to its last in file
		// order, which goes negative when scenarios run in random order.
		if t, err := strconv.ParseFloat(suite.Time, 64); err != nil || t < 0 {
			sum := 0.0
			for _, c := range suite.Cases {
				if ct, err := strconv.ParseFloat(c.Time, 64); err == nil && ct > 0 {
					sum += ct
				}
			}
			suite.Time = strconv.FormatFloat(sum, 'f', 6, 64)
		}
		doc.Tests += suite.Tests
		doc.Skipped += suite.Skipped
		doc.Failures += suite.Failures
		doc.Errors += suite.Errors
	}
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, []byte(xml.Header+strings.TrimSpace(string(out))+"\n"), 0o644)
}

// normalizeCase leaves exactly one result on a case: its failure, else one
// error joining its undefined/pending/ambiguous steps, else a skip with the
// scenario's reason; a case with none of them passed.
func normalizeCase(c *junitCase, reasons map[string]string) {
	var problems, skippedSteps []string
	kind := ""
	for _, e := range c.Errors {
		if e.Type == "skipped" {
			skippedSteps = append(skippedSteps, e.Message)
			continue
		}
		if kind == "" {
			kind = e.Type
		}
		problems = append(problems, e.Message)
	}
	c.Errors = nil
	switch {
	case c.Failure != nil:
		c.Status, c.Skipped = "failed", nil
	case len(problems) > 0:
		c.Status, c.Skipped = kind, nil
		c.Errors = []junitProblem{{Type: kind, Message: strings.Join(problems, "; ")}}
	case c.Skipped != nil:
		c.Status = "skipped" // already rewritten
	case len(skippedSteps) > 0 || c.Status == "skipped" || c.Status == "":
		reason, ok := reasons[c.Name]
		if !ok {
			reason, ok = reasons[outlineRow.ReplaceAllString(c.Name, "")]
		}
		if !ok {
			reason = "skipped"
			if len(skippedSteps) > 0 {
				reason = "skipped at " + skippedSteps[0]
			}
		}
		c.Status, c.Skipped = "skipped", &junitSkip{Message: reason}
	default:
		c.Status = "passed"
	}
}
