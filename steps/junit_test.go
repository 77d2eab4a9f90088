package steps

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jiocxsim/jiocxsim/simulator"
)

// outcomeFeatures has one scenario of every outcome, and a Scenario Outline
// whose rows share a name (godog suffixes them " #1", " #2") and are skipped
// against a target without a control plane.
var outcomeFeatures = fstest.MapFS{
	"outcomes.feature": {Data: []byte(`Feature: Outcomes

  @GL-AUTH-1
  Scenario: A passing send
    Given an integration with its own API key
    And an RCS text "Hi" from agent "DemoAgent" to "919999000001"
    When the integration sends it through the v1 API
    Then the send is accepted with status "PENDING_ENROUTE"

  @GL-AUTH-1
  Scenario: A failing send
    Given an integration with its own API key
    And an RCS text "Hi" from agent "DemoAgent" to "919999000001"
    When the integration sends it through the v1 API
    Then the send is accepted with status "NOT_A_STATUS"
    And the message is delivered

  @GL-AUTH-1
  Scenario: An undefined step
    Given an integration with its own API key
    And a step nobody wrote
    And another step nobody wrote

  @GL-SEND-1 @control
  Scenario Outline: A skipped outline
    Given an integration with its own API key
    And an RCS text "<text>" from agent "DemoAgent" to "919999000001"
    When the integration sends it through the v1 API
    Then the send is accepted with status "PENDING_ENROUTE"

    Examples:
      | text  |
      | one   |
      | two   |
      | three |
`)},
}

// noControlTarget is a simulator without a control plane, as a separate
// process would be with --no-control.
func noControlTarget(t *testing.T) *Remote {
	t.Helper()
	sim, err := simulator.New(simulator.WithoutControl())
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(func() { srv.Close(); _ = sim.Close(context.Background()) })
	r := &Remote{URL: srv.URL}
	if err := r.Probe(context.Background()); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestJUnitOneResultPerCase(t *testing.T) {
	t.Parallel()
	target := noControlTarget(t)
	junit := filepath.Join(t.TempDir(), "report.xml")
	var out bytes.Buffer
	// Random order: godog's suite times then go negative unless fixed.
	res, err := Run(Options{Target: target, Features: outcomeFeatures, Format: "progress,junit:" + junit, Output: &out, Seed: 7, Concurrency: 2})
	if err != nil {
		t.Fatal(err)
	}
	want := Counts{Passed: 1, Failed: 1, Undefined: 1, Skipped: 3}
	if res.Scenarios != want {
		t.Fatalf("counts %+v, want %+v\n%s", res.Scenarios, want, out.String())
	}
	if res.Status != 1 || res.Problem == "" {
		t.Fatalf("a run with a failure must fail: status %d problem %q", res.Status, res.Problem)
	}
	if !strings.Contains(out.String(), "6 scenarios (1 passed, 1 failed, 1 undefined, 3 skipped)") {
		t.Errorf("the terminal summary does not count skips as skips:\n%s", out.String())
	}
	b, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	doc := validateJUnit(t, b)
	byStatus := map[string][]string{}
	for _, s := range doc.suites {
		for _, c := range s.cases {
			byStatus[c.result] = append(byStatus[c.result], c.name)
		}
	}
	if len(byStatus["skipped"]) != 3 || len(byStatus["failure"]) != 1 || len(byStatus["error"]) != 1 || len(byStatus["passed"]) != 1 {
		t.Fatalf("results by kind: %v\n%s", byStatus, b)
	}
	if !bytes.Contains(b, []byte(`<skipped message="needs the control plane`)) {
		t.Errorf("the outline rows lost their skip reason:\n%s", b)
	}
	// Running the fix again changes nothing.
	if err := FixJUnit(junit, res.Skipped); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(junit); !bytes.Equal(again, b) {
		t.Errorf("FixJUnit is not idempotent:\n%s\n---\n%s", b, again)
	}
}

// TestRunRefusesFalseGreens: no scenario, or only skips, is a failed run.
func TestRunRefusesFalseGreens(t *testing.T) {
	t.Parallel()
	target := noControlTarget(t)
	cases := []struct {
		name       string
		tags       string
		allowSkips bool
		status     int
		problem    string
	}{
		{"no scenario matches", "@nonexistent", false, 1, "no scenario matches"},
		{"only skips", "@control", false, 1, "were skipped"},
		{"only skips, allowed", "@control", true, 0, ""},
		{"every scenario excluded", "~@control && ~@GL-AUTH-1", false, 1, "no scenario matches"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			res, err := Run(Options{Target: target, Features: outcomeFeatures, Tags: c.tags, AllowSkips: c.allowSkips, Output: io.Discard})
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != c.status || !strings.Contains(res.Problem, c.problem) {
				t.Fatalf("status %d problem %q, want %d %q (counts %+v)", res.Status, res.Problem, c.status, c.problem, res.Scenarios)
			}
		})
	}
}

// junitDoc is a report read generically, as a CI tool would.
type junitDoc struct {
	tests, failures, errors, skipped int
	suites                           []junitSuiteDoc
}

type junitSuiteDoc struct {
	name  string
	cases []junitCaseDoc
}

type junitCaseDoc struct {
	name, result string // result: passed, failure, error or skipped
}

// xmlNode is a generic element tree.
type xmlNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []xmlNode  `xml:",any"`
	Text     string     `xml:",chardata"`
}

func (n xmlNode) attr(name string) (string, bool) {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// The shape of the Jenkins JUnit schema (junit-10.xsd, which Surefire's
// reports also follow), for the elements we write: which attributes each
// element may carry, which it must, and which children it may have.
var junitShape = map[string]struct {
	required, allowed []string
	children          []string
}{
	"testsuites": {nil, []string{"name", "time", "tests", "failures", "errors", "skipped", "disabled"}, []string{"testsuite"}},
	"testsuite": {[]string{"name", "tests"}, []string{"failures", "errors", "skipped", "disabled", "time", "timestamp", "hostname", "id", "package", "file", "log", "url", "version", "group"},
		[]string{"properties", "testcase", "system-out", "system-err"}},
	"testcase": {[]string{"name"}, []string{"classname", "time", "status", "assertions", "file", "line", "group"},
		[]string{"skipped", "error", "failure", "system-out", "system-err"}},
	"failure": {nil, []string{"message", "type"}, nil},
	"error":   {nil, []string{"message", "type"}, nil},
	"skipped": {nil, []string{"message"}, nil},
}

var decimal = regexp.MustCompile(`^\d+(\.\d+)?$`)

// validateJUnit checks b against the schema's shape, and the rules a CI
// tool relies on that the schema cannot say: one result per test case, a
// status that agrees with it, and counts that add up at every level.
func validateJUnit(t testing.TB, b []byte) junitDoc {
	t.Helper()
	var root xmlNode
	if err := xml.Unmarshal(b, &root); err != nil {
		t.Fatalf("not XML: %v\n%s", err, b)
	}
	var check func(n xmlNode, path string)
	check = func(n xmlNode, path string) {
		path += "/" + n.XMLName.Local
		shape, known := junitShape[n.XMLName.Local]
		if !known {
			t.Errorf("%s: element not in the schema", path)
			return
		}
		for _, r := range shape.required {
			if _, ok := n.attr(r); !ok {
				t.Errorf("%s: required attribute %q missing", path, r)
			}
		}
		for _, a := range n.Attrs {
			if !contains(append(shape.required, shape.allowed...), a.Name.Local) {
				t.Errorf("%s: attribute %q not in the schema", path, a.Name.Local)
			}
			switch a.Name.Local {
			case "tests", "failures", "errors", "skipped", "disabled":
				if _, err := strconv.Atoi(a.Value); err != nil {
					t.Errorf("%s: %s=%q is not an integer", path, a.Name.Local, a.Value)
				}
			case "time":
				if !decimal.MatchString(a.Value) {
					t.Errorf("%s: time=%q is not a decimal number of seconds", path, a.Value)
				}
			}
		}
		for _, c := range n.Children {
			if !contains(shape.children, c.XMLName.Local) {
				t.Errorf("%s: child <%s> not in the schema", path, c.XMLName.Local)
			}
			check(c, path)
		}
	}
	if root.XMLName.Local != "testsuites" {
		t.Fatalf("root element <%s>, want <testsuites>", root.XMLName.Local)
	}
	check(root, "")

	count := func(n xmlNode, name string) int {
		v, _ := n.attr(name)
		i, _ := strconv.Atoi(v)
		return i
	}
	var doc junitDoc
	var totals [4]int // tests, failures, errors, skipped
	for _, s := range root.Children {
		if s.XMLName.Local != "testsuite" {
			continue
		}
		name, _ := s.attr("name")
		sd := junitSuiteDoc{name: name}
		var n [4]int
		names := map[string]bool{}
		for _, c := range s.Children {
			if c.XMLName.Local != "testcase" {
				continue
			}
			cname, _ := c.attr("name")
			if names[cname] {
				t.Errorf("suite %q: two test cases named %q", name, cname)
			}
			names[cname] = true
			var results []string
			for _, r := range c.Children {
				if l := r.XMLName.Local; l == "failure" || l == "error" || l == "skipped" {
					results = append(results, l)
				}
			}
			if len(results) > 1 {
				t.Errorf("suite %q case %q: %d results %v, want at most one", name, cname, len(results), results)
			}
			result := "passed"
			if len(results) > 0 {
				result = results[0]
			}
			status, _ := c.attr("status")
			wantStatus := map[string][]string{"passed": {"passed"}, "failure": {"failed"}, "skipped": {"skipped"}, "error": {"undefined", "pending", "ambiguous"}}[result]
			if !contains(wantStatus, status) {
				t.Errorf("suite %q case %q: status %q with result %s", name, cname, status, result)
			}
			n[0]++
			switch result {
			case "failure":
				n[1]++
			case "error":
				n[2]++
			case "skipped":
				n[3]++
			}
			sd.cases = append(sd.cases, junitCaseDoc{name: cname, result: result})
		}
		for i, a := range []string{"tests", "failures", "errors", "skipped"} {
			if got := count(s, a); got != n[i] {
				t.Errorf("suite %q: %s=%d, but its cases say %d", name, a, got, n[i])
			}
			totals[i] += n[i]
		}
		doc.suites = append(doc.suites, sd)
	}
	for i, a := range []string{"tests", "failures", "errors", "skipped"} {
		if got := count(root, a); got != totals[i] {
			t.Errorf("testsuites: %s=%d, but the suites add up to %d", a, got, totals[i])
		}
	}
	doc.tests, doc.failures, doc.errors, doc.skipped = totals[0], totals[1], totals[2], totals[3]
	if doc.tests == 0 {
		t.Errorf("no test cases:\n%s", b)
	}
	return doc
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestValidateJUnitCatchesGodogsShape: the validator fails the report godog
// writes for a skipped outline, so the test above can fail.
func TestValidateJUnitCatchesGodogsShape(t *testing.T) {
	t.Parallel()
	godogs := `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="x" tests="2" skipped="0" failures="0" errors="0" time="0">
  <testsuite name="f" tests="2" skipped="0" failures="0" errors="0" time="0">
    <testcase name="o #1" status="" time="0"><error message="Step a" type="skipped"></error><error message="Step b" type="skipped"></error></testcase>
    <testcase name="o #2" status="" time="0"><error message="Step a" type="skipped"></error></testcase>
  </testsuite>
</testsuites>`
	fake := &fakeT{}
	validateJUnit(fake, []byte(godogs))
	if len(fake.errors) == 0 {
		t.Fatal("the validator accepted godog's skipped-outline shape")
	}
	for _, want := range []string{"want at most one", "status \"\" with result error"} {
		if !strings.Contains(strings.Join(fake.errors, "\n"), want) {
			t.Errorf("no complaint %q among:\n%s", want, strings.Join(fake.errors, "\n"))
		}
	}
}

// fakeT collects what the validator reports.
type fakeT struct {
	testing.TB
	errors []string
}

func (f *fakeT) Helper() {}
func (f *fakeT) Errorf(format string, a ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, a...))
}
func (f *fakeT) Fatalf(format string, a ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, a...))
}

// TestFixJUnitRepairsGodogsReport: the report godog writes for a random-order
// run (a negative suite time, a skipped outline with an error per step, a
// failure followed by skipped steps) comes out valid.
func TestFixJUnitRepairsGodogsReport(t *testing.T) {
	t.Parallel()
	godogs := `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="x" tests="3" skipped="0" failures="1" errors="0" time="0.5">
  <testsuite name="f" tests="3" skipped="0" failures="1" errors="0" time="-12.036">
    <testcase name="o #1" status="" time="0.002"><error message="Step a" type="skipped"></error><error message="Step b" type="skipped"></error></testcase>
    <testcase name="o #2" status="" time="0.003"><error message="Step a" type="skipped"></error></testcase>
    <testcase name="f" status="failed" time="0.1"><failure message="Step x: boom"></failure><error message="Step y" type="skipped"></error></testcase>
  </testsuite>
</testsuites>`
	path := filepath.Join(t.TempDir(), "r.xml")
	if err := os.WriteFile(path, []byte(godogs), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := FixJUnit(path, []Skip{{Scenario: "o", Reason: "needs the control plane"}}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	doc := validateJUnit(t, b)
	if doc.tests != 3 || doc.skipped != 2 || doc.failures != 1 || doc.errors != 0 {
		t.Errorf("counts %+v:\n%s", doc, b)
	}
	if !bytes.Contains(b, []byte(`time="0.105000"`)) || !bytes.Contains(b, []byte(`<skipped message="needs the control plane">`)) {
		t.Errorf("suite time or skip reason not repaired:\n%s", b)
	}
}

// TestPrettySummaryCountsSkips: the pretty formatter's summary is rewritten
// like the progress one.
func TestPrettySummaryCountsSkips(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	res, err := Run(Options{Target: noControlTarget(t), Features: outcomeFeatures, Tags: "@control", AllowSkips: true, Format: "pretty", Output: &out})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != 0 || !strings.Contains(out.String(), "\n3 scenarios (3 skipped)\n") || strings.Contains(out.String(), "3 passed") {
		t.Fatalf("status %d:\n%s", res.Status, out.String())
	}
}
