package steps

import (
	"encoding/xml"
	"fmt"
	"html"
	"os"
	"strings"
)

// godog's JUnit formatter writes a skipped scenario as a test case with an
// empty status and one <error type="skipped"> per step, which CI tools count
// as errors. FixJUnit rewrites such cases as <skipped message="reason"/> and
// corrects the skipped counts.

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
	Name   string `xml:"name,attr"`
	Status string `xml:"status,attr"`
	Time   string `xml:"time,attr"`
	Inner  string `xml:",innerxml"`
}

// FixJUnit rewrites the skipped scenarios of a godog JUnit report at path,
// giving each the reason from skips.
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
	doc.Skipped = 0
	for i := range doc.Suites {
		suite := &doc.Suites[i]
		suite.Skipped = 0
		for j := range suite.Cases {
			c := &suite.Cases[j]
			reason, skipped := reasons[c.Name]
			if !skipped || c.Status == "failed" {
				continue
			}
			c.Status = "skipped"
			c.Inner = `<skipped message="` + html.EscapeString(reason) + `"></skipped>`
			suite.Skipped++
		}
		doc.Skipped += suite.Skipped
	}
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, []byte(xml.Header+strings.TrimSpace(string(out))+"\n"), 0o644)
}
