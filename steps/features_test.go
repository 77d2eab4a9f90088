package steps

import (
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"testing"

	gherkin "github.com/cucumber/gherkin/go/v42"
	messages "github.com/cucumber/messages/go/v34"

	"github.com/jiocxsim/jiocxsim/features"
)

// parsedFeatures reads every embedded feature file: the checklist and the
// integration features (named integration/...).
func parsedFeatures(t *testing.T) map[string]*messages.GherkinDocument {
	t.Helper()
	out := parsedFS(t, features.Files, "")
	for k, v := range parsedFS(t, features.Integration, "integration/") {
		out[k] = v
	}
	return out
}

func parsedFS(t *testing.T, fsys fs.FS, prefix string) map[string]*messages.GherkinDocument {
	t.Helper()
	out := map[string]*messages.GherkinDocument{}
	files, err := fs.Glob(fsys, "*.feature")
	if err != nil || len(files) == 0 {
		t.Fatalf("no feature files: %v", err)
	}
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := gherkin.ParseGherkinDocument(strings.NewReader(string(b)), (&messages.Incrementing{}).NewId)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[prefix+f] = doc
	}
	return out
}

var glTag = regexp.MustCompile(`^@GL-[A-Z]+-\d+$`)

// TestFeatureFilesAreAChecklist: unique scenario names, a GL id on every
// scenario (on it or its feature), every requirement of the list covered,
// and no id outside the list.
func TestFeatureFilesAreAChecklist(t *testing.T) {
	t.Parallel()
	known := map[string]bool{}
	for _, r := range Requirements {
		known[r.ID] = true
	}
	covered := map[string]bool{}
	names := map[string]string{}
	for file, doc := range parsedFeatures(t) {
		var featureIDs []string
		for _, tag := range doc.Feature.Tags {
			if glTag.MatchString(tag.Name) {
				featureIDs = append(featureIDs, tag.Name[1:])
			}
		}
		for _, child := range doc.Feature.Children {
			sc := child.Scenario
			if sc == nil {
				continue
			}
			if prev, dup := names[sc.Name]; dup {
				t.Errorf("%s: scenario %q has the same name as one in %s", file, sc.Name, prev)
			}
			names[sc.Name] = file
			ids := append([]string(nil), featureIDs...)
			for _, tag := range sc.Tags {
				if glTag.MatchString(tag.Name) {
					ids = append(ids, tag.Name[1:])
				}
			}
			if len(ids) == 0 {
				t.Errorf("%s: scenario %q has no GL requirement id", file, sc.Name)
			}
			for _, id := range ids {
				if !known[id] {
					t.Errorf("%s: scenario %q names %s, which is not a requirement of the list", file, sc.Name, id)
				}
				covered[id] = true
			}
		}
	}
	var missing []string
	for id := range known {
		if !covered[id] {
			missing = append(missing, id)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("requirements without a scenario: %v", missing)
	}
}

// TestEveryStepIsDefined: every step of every scenario (outlines expanded)
// matches exactly one definition of the vocabulary.
func TestEveryStepIsDefined(t *testing.T) {
	t.Parallel()
	var patterns, intPatterns []*regexp.Regexp
	for _, d := range (&World{}).definitions() {
		patterns = append(patterns, regexp.MustCompile(d.pattern))
	}
	for _, d := range (&intWorld{}).definitions() {
		intPatterns = append(intPatterns, regexp.MustCompile(d.pattern))
	}
	for file, doc := range parsedFeatures(t) {
		patterns := patterns
		if strings.HasPrefix(file, "integration/") {
			patterns = intPatterns
		}
		for _, p := range gherkin.Pickles(*doc, file, (&messages.Incrementing{}).NewId) {
			for _, st := range p.Steps {
				n := 0
				for _, re := range patterns {
					if re.MatchString(st.Text) {
						n++
					}
				}
				if n != 1 {
					t.Errorf("%s: %q: step %q matches %d definitions, want 1", file, p.Name, st.Text, n)
				}
			}
		}
	}
}

// TestIntegrationFeaturesStayApart: every integration scenario is tagged
// @integration and names GL-INT ids only, and the checklist names none, so
// the default suite never runs the integration mode's scenarios.
func TestIntegrationFeaturesStayApart(t *testing.T) {
	t.Parallel()
	for file, doc := range parsedFeatures(t) {
		integration := strings.HasPrefix(file, "integration/")
		for _, p := range gherkin.Pickles(*doc, file, (&messages.Incrementing{}).NewId) {
			tagged := false
			for _, tag := range p.Tags {
				tagged = tagged || tag.Name == "@integration"
				if glTag.MatchString(tag.Name) && strings.HasPrefix(tag.Name, "@GL-INT-") != integration {
					t.Errorf("%s: %q: %s belongs to the other suite", file, p.Name, tag.Name)
				}
			}
			if tagged != integration {
				t.Errorf("%s: %q: @integration tag is %v, want %v", file, p.Name, tagged, integration)
			}
		}
	}
}
