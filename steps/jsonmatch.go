package steps

import (
	"encoding/json"
	"fmt"
	"regexp"

	"github.com/google/go-cmp/cmp"
)

// Placeholders a want document may use for values that differ per run.
const (
	anyValue      = "<any>"       // present, with any value
	timestampLike = "<timestamp>" // Infobip's yyyy-MM-dd'T'HH:mm:ss.SSSZ
)

var infobipTime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}$`)

// jsonDiff compares two JSON documents semantically and returns a cmp diff
// in (-want +got) form, empty when they match. want may hold placeholders:
// "<any>", "<timestamp>", or "<name>" for a value in vars.
func jsonDiff(want, got []byte, vars map[string]string) (string, error) {
	var w, g any
	if err := json.Unmarshal(want, &w); err != nil {
		return "", fmt.Errorf("the expected document is not JSON: %w", err)
	}
	if err := json.Unmarshal(got, &g); err != nil {
		return "", fmt.Errorf("the received body is not JSON: %w (%s)", err, got)
	}
	g = settle(w, g, vars)
	return cmp.Diff(w, g), nil
}

// settle replaces, in got, each value that satisfies the placeholder at the
// same place in want by the placeholder itself, so that cmp reports only
// real differences.
func settle(want, got any, vars map[string]string) any {
	switch w := want.(type) {
	case string:
		gs, isString := got.(string)
		switch {
		case w == anyValue && got != nil:
			return w
		case w == timestampLike && isString && infobipTime.MatchString(gs):
			return w
		case len(w) > 2 && w[0] == '<' && w[len(w)-1] == '>':
			if v, ok := vars[w[1:len(w)-1]]; ok && isString && gs == v {
				return w
			}
		}
		return got
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return got
		}
		out := make(map[string]any, len(g))
		for k, gv := range g {
			if wv, ok := w[k]; ok {
				out[k] = settle(wv, gv, vars)
			} else {
				out[k] = gv
			}
		}
		return out
	case []any:
		g, ok := got.([]any)
		if !ok {
			return got
		}
		out := make([]any, len(g))
		for i, gv := range g {
			if i < len(w) {
				out[i] = settle(w[i], gv, vars)
			} else {
				out[i] = gv
			}
		}
		return out
	}
	return got
}
