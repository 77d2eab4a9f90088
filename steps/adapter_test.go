package steps

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const minimalAdapter = `apiKey: k
agent: DemoAgent
sample:
  text: hello
reports: "{{.Service}}/dlr"
inbound: "{{.Service}}/mo"
service: http://127.0.0.1:8090
send:
  http:
    url: "{{.Service}}/send?to={{.Number}}"
`

func TestParseAdapterMinimal(t *testing.T) {
	t.Parallel()
	a, err := ParseAdapter("a.yaml", []byte(minimalAdapter))
	if err != nil {
		t.Fatal(err)
	}
	c := a.Config()
	got := []string{c.APIKey, c.Agent, c.ReportURL, c.InboundURL, c.Sample.Text}
	want := []string{"k", "DemoAgent", "http://127.0.0.1:8090/dlr", "http://127.0.0.1:8090/mo", "hello"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("config (-want +got):\n%s", diff)
	}
	if len(a.Probes()) != 0 {
		t.Errorf("probes %v, want none", a.Probes())
	}
	if c.Limits.MaxAttempts != 5 || c.Limits.MinRetryGap.String() != "1s" {
		t.Errorf("default limits %+v", c.Limits)
	}
}

// TestParseAdapterErrors: every mistake is named with its line and field.
func TestParseAdapterErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, doc, want string
	}{
		{"empty", ``, "a.yaml: the file is empty"},
		{"not yaml", "apiKey: [", "a.yaml: yaml: line 1"},
		{"unknown top field", minimalAdapter + "reportz: x\n", "a.yaml:11: reportz: unknown field"},
		{"missing api key", strings.Replace(minimalAdapter, "apiKey: k\n", "", 1), "a.yaml: apiKey: is required"},
		{"bad placeholder", strings.Replace(minimalAdapter, "{{.Number}}", "{{.Phone}}", 1), "a.yaml:10: send.http.url: template names something the harness does not provide"},
		{"template syntax", strings.Replace(minimalAdapter, "{{.Number}}", "{{.Number", 1), "a.yaml:10: send.http.url: template does not parse"},
		{"relative url", strings.Replace(minimalAdapter, `reports: "{{.Service}}/dlr"`, "reports: /dlr", 1), "a.yaml:5: reports: must give an absolute http(s) URL"},
		{"bad method", minimalAdapter + "    method: DELETE\n", "a.yaml:11: send.http.method: must be GET, POST, PUT or PATCH"},
		{"http and command", minimalAdapter + "  command: [x]\n", "a.yaml:8: send: give http or command, not both"},
		{"command not a list", strings.Replace(minimalAdapter, "send:\n  http:\n    url: \"{{.Service}}/send?to={{.Number}}\"\n", "send:\n  command: ./send.sh\n", 1), "a.yaml:9: send.command: must be a list"},
		{"bool", minimalAdapter + "clickTracking: yes please\n", "a.yaml:11: clickTracking: must be true or false"},
		{"link needed", minimalAdapter + "clickTracking: true\n", "sample.link: is required with clickTracking"},
		{"fallback text needed", minimalAdapter + "fallback:\n  sender: DEMOSMS\n", "sample.fallbackText: is required when fallback is configured"},
		{"dlt without fallback", minimalAdapter + "dlt:\n  principalEntityId: \"1\"\n  templates: [{id: \"2\", text: t}]\n", "a.yaml:11: dlt: DLT ids travel on the SMS fallback"},
		{"dlt template field", minimalAdapter + "dlt:\n  principalEntityId: \"1\"\n  templates:\n    - {id: \"2\", txt: t}\n", "a.yaml:14: dlt.templates[0].txt: unknown field"},
		{"probe without fields", minimalAdapter + "probe:\n  user:\n    url: \"{{.Service}}/u\"\n", "a.yaml:12: probe.user: names no field to read"},
		{"delivered without status", minimalAdapter + "probe:\n  message:\n    url: \"{{.Service}}/m\"\n    delivered: [OK]\n", "probe.message.status: is required with delivered"},
		{"duration", minimalAdapter + "limits:\n  minRetryGap: soon\n", "a.yaml:12: limits.minRetryGap: must be a positive Go duration"},
		{"attempts", minimalAdapter + "limits:\n  maxAttempts: 1\n", "a.yaml:12: limits.maxAttempts: must be a whole number of at least 2"},
		{"platform", minimalAdapter + "platform: http://127.0.0.1:1\n", "a.yaml:11: platform: must be host:port"},
		{"version", minimalAdapter + "version: 2\n", "a.yaml:11: version: only version 1 exists"},
	} {
		_, err := ParseAdapter("a.yaml", []byte(tc.doc))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to contain %q", tc.name, err, tc.want)
		}
	}
}

// TestNotifierAdapterLoads: the example's adapter is valid and offers every probe.
func TestNotifierAdapterLoads(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat("../examples/notifier/adapter.yaml"); err != nil {
		t.Skip("examples not present")
	}
	a, err := LoadAdapter("../examples/notifier/adapter.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{ProbeTexts, ProbePostbacks, ProbeChannel, ProbeDelivered, ProbeReports, ProbeOptedOut}
	if diff := cmp.Diff(len(want), len(a.Probes())); diff != "" {
		t.Errorf("probes %v, want %v", a.Probes(), want)
	}
}

// TestParseAdapterReportsEveryMistake: all mistakes at once, in line order.
func TestParseAdapterReportsEveryMistake(t *testing.T) {
	t.Parallel()
	_, err := ParseAdapter("a.yaml", []byte("apiKey: k\nagentt: A\nsend:\n  htp: {}\n"))
	got := strings.Split(err.Error(), "\n")
	want := []string{
		"a.yaml:2: agentt: unknown field",
		"a.yaml:4: send.htp: unknown field",
		"a.yaml: agent: is required",
	}
	for i, w := range want {
		if i >= len(got) || !strings.HasPrefix(got[i], w) {
			t.Errorf("error line %d: %q, want it to start with %q (all: %q)", i, got, w, got)
			break
		}
	}
}
