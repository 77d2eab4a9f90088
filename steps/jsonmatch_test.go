package steps

import (
	"strings"
	"testing"
)

func TestJSONDiffPlaceholders(t *testing.T) {
	t.Parallel()
	vars := map[string]string{"messageId": "m-1"}
	want := `{"id":"<messageId>","at":"<timestamp>","x":"<any>","n":1,"list":[{"a":"<any>"}]}`
	cases := []struct {
		name, got string
		match     bool
		mention   string
	}{
		{"all placeholders satisfied", `{"id":"m-1","at":"2026-01-02T10:00:00.000+0000","x":{"deep":true},"n":1,"list":[{"a":0}]}`, true, ""},
		{"wrong variable", `{"id":"m-2","at":"2026-01-02T10:00:00.000+0000","x":1,"n":1,"list":[{"a":0}]}`, false, "m-2"},
		{"RFC 3339 is not Infobip's format", `{"id":"m-1","at":"2026-01-02T10:00:00Z","x":1,"n":1,"list":[{"a":0}]}`, false, "2026-01-02T10:00:00Z"},
		{"missing key", `{"id":"m-1","at":"2026-01-02T10:00:00.000+0000","n":1,"list":[{"a":0}]}`, false, `"x"`},
		{"extra key", `{"id":"m-1","at":"2026-01-02T10:00:00.000+0000","x":1,"n":1,"list":[{"a":0}],"extra":2}`, false, `"extra"`},
		{"wrong number", `{"id":"m-1","at":"2026-01-02T10:00:00.000+0000","x":1,"n":2,"list":[{"a":0}]}`, false, "float64(2)"},
	}
	for _, c := range cases {
		diff, err := jsonDiff([]byte(want), []byte(c.got), vars)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if (diff == "") != c.match {
			t.Errorf("%s: match = %v, diff:\n%s", c.name, diff == "", diff)
		}
		if !c.match && !strings.Contains(diff, c.mention) {
			t.Errorf("%s: diff does not mention %s:\n%s", c.name, c.mention, diff)
		}
	}
}
