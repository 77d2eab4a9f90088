package steps

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"time"

	"gopkg.in/yaml.v3"
)

// Adapter is an Integration described by a YAML file: how to ask the
// service to send, where its endpoints are, and optionally how to read its
// own view of messages and users. LoadAdapter reads one; README "Test your
// integration" documents every field.
type Adapter struct {
	// File names the adapter in errors.
	File string
	// Service is the service's base URL, {{.Service}} in templates.
	Service string
	// Platform is host:port where the service expects the platform: the
	// harness's in-process simulator listens there.
	Platform string

	cfg       IntegrationConfig
	reports   *template.Template
	inbound   *template.Template
	send      *httpTemplate
	command   []*template.Template
	msgProbe  *probeTemplate
	userProbe *probeTemplate
	inProbe   *probeTemplate
}

type httpTemplate struct {
	method  string
	url     *template.Template
	headers map[string]*template.Template
	body    *template.Template
}

type probeTemplate struct {
	url *template.Template
	// paths are gjson paths by field name.
	paths     map[string]string
	delivered []string
	line      int
}

// AdapterError is a mistake in an adapter file, with the line it is on.
type AdapterError struct {
	File  string
	Line  int
	Field string
	Msg   string
}

func (e *AdapterError) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc += ":" + strconv.Itoa(e.Line)
	}
	if e.Field != "" {
		return loc + ": " + e.Field + ": " + e.Msg
	}
	return loc + ": " + e.Msg
}

// LoadAdapter reads and checks an adapter file.
func LoadAdapter(file string) (*Adapter, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return ParseAdapter(file, b)
}

// templateData is what an adapter template may use.
type templateData struct {
	Service, Number, Text, FallbackText, Campaign, Link, MessageID, APIKey, Agent string
}

var templateFuncs = template.FuncMap{
	// json renders a value as a JSON literal: {{json .Text}} is a quoted,
	// escaped string.
	"json": func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	},
}

// node helpers -----------------------------------------------------------

type yamlParser struct {
	file  string
	errs  AdapterErrors
	lines map[string]int // field path -> the line of its key
}

// AdapterErrors are all the mistakes found in an adapter file, by line
// (missing fields last).
type AdapterErrors []*AdapterError

func (e AdapterErrors) Error() string {
	msgs := make([]string, len(e))
	for i, x := range e {
		msgs[i] = x.Error()
	}
	return strings.Join(msgs, "\n")
}

func (p *yamlParser) fail(n *yaml.Node, field, format string, args ...any) {
	for _, e := range p.errs {
		if field != "" && e.Field == field {
			return // one mistake per field is enough
		}
	}
	line := 0
	if n != nil {
		line = n.Line
	}
	// A mistake about a whole mapping or list is on its key's line.
	if l, ok := p.lines[field]; ok && (n == nil || n.Kind != yaml.ScalarNode) {
		line = l
	}
	p.errs = append(p.errs, &AdapterError{File: p.file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// fields reads a mapping whose keys must be among known; it returns the
// value nodes by key.
func (p *yamlParser) fields(n *yaml.Node, path string, known ...string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n == nil {
		return out
	}
	if n.Kind != yaml.MappingNode {
		p.fail(n, path, "must be a mapping of %s", strings.Join(known, ", "))
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ok := false
		for _, name := range known {
			ok = ok || name == k.Value
		}
		if !ok {
			p.fail(k, join(path, k.Value), "unknown field (known here: %s)", strings.Join(known, ", "))
			continue
		}
		if _, dup := out[k.Value]; dup {
			p.fail(k, join(path, k.Value), "given twice")
		}
		out[k.Value] = v
		if p.lines == nil {
			p.lines = map[string]int{}
		}
		p.lines[join(path, k.Value)] = k.Line
	}
	return out
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

func (p *yamlParser) str(n *yaml.Node, path string, required bool) string {
	if n == nil {
		if required {
			p.fail(nil, path, "is required")
		}
		return ""
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.fail(n, path, "must be a string")
		return ""
	}
	if required && strings.TrimSpace(n.Value) == "" {
		p.fail(n, path, "must not be empty")
	}
	return n.Value
}

func (p *yamlParser) boolean(n *yaml.Node, path string) bool {
	if n == nil {
		return false
	}
	var v bool
	if n.Kind != yaml.ScalarNode || n.Decode(&v) != nil {
		p.fail(n, path, "must be true or false, not %q", n.Value)
	}
	return v
}

func (p *yamlParser) duration(n *yaml.Node, path string, def time.Duration) time.Duration {
	if n == nil {
		return def
	}
	d, err := time.ParseDuration(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil || d <= 0 {
		p.fail(n, path, "must be a positive Go duration such as 1s or 500ms, not %q", n.Value)
	}
	return d
}

func (p *yamlParser) tmpl(n *yaml.Node, path string, required bool) *template.Template {
	before := len(p.errs)
	s := p.str(n, path, required)
	if n == nil || len(p.errs) > before {
		return nil
	}
	t, err := template.New(path).Funcs(templateFuncs).Option("missingkey=error").Parse(s)
	if err != nil {
		p.fail(n, path, "template does not parse: %v", err)
		return nil
	}
	// Execute once with sample data, so an unknown placeholder
	// ({{.Phone}}) is reported now, with its line, not mid-run.
	if err := t.Execute(&bytes.Buffer{}, templateData{}); err != nil {
		p.fail(n, path, "template names something the harness does not provide (placeholders: .Service .Number .Text .FallbackText .Campaign .Link .MessageID .APIKey .Agent): %v", err)
		return nil
	}
	return t
}

func (p *yamlParser) urlTmpl(n *yaml.Node, path string, required bool, service string) *template.Template {
	t := p.tmpl(n, path, required)
	if t == nil {
		return nil
	}
	var b bytes.Buffer
	_ = t.Execute(&b, templateData{Service: service, Number: "919999000001", MessageID: "m", Text: "t"})
	if u, err := url.Parse(b.String()); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		p.fail(n, path, "must give an absolute http(s) URL; with sample values it gives %q", b.String())
	}
	return t
}

// ParseAdapter checks an adapter document; file names it in errors.
func ParseAdapter(file string, doc []byte) (*Adapter, error) {
	p := &yamlParser{file: file}
	var root yaml.Node
	if err := yaml.Unmarshal(doc, &root); err != nil {
		// yaml.v3 errors already say "yaml: line N: ...".
		return nil, &AdapterError{File: file, Msg: err.Error()}
	}
	if len(root.Content) == 0 {
		return nil, &AdapterError{File: file, Msg: "the file is empty; see README \"Test your integration\" for the schema"}
	}
	top := p.fields(root.Content[0], "", "version", "service", "platform", "apiKey", "agent", "fallback", "dlt",
		"clickTracking", "sample", "campaigns", "reports", "inbound", "send", "probe", "limits")
	a := &Adapter{File: file}
	if v := top["version"]; v != nil && v.Value != "1" {
		p.fail(v, "version", "only version 1 exists")
	}
	a.Service = strings.TrimRight(p.str(top["service"], "service", false), "/")
	if a.Service != "" {
		if u, err := url.Parse(a.Service); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			p.fail(top["service"], "service", "must be the service's absolute http(s) base URL, not %q", a.Service)
		}
	}
	a.Platform = p.str(top["platform"], "platform", false)
	if a.Platform != "" && (strings.Contains(a.Platform, "/") || !strings.Contains(a.Platform, ":")) {
		p.fail(top["platform"], "platform", "must be host:port where your service expects the platform (127.0.0.1:18080), not %q", a.Platform)
	}
	c := &a.cfg
	c.APIKey = p.str(top["apiKey"], "apiKey", true)
	c.Agent = p.str(top["agent"], "agent", true)
	if fb := top["fallback"]; fb != nil {
		f := p.fields(fb, "fallback", "sender")
		c.FallbackSender = p.str(f["sender"], "fallback.sender", true)
	}
	if d := top["dlt"]; d != nil {
		f := p.fields(d, "dlt", "principalEntityId", "templates")
		reg := &DLTRegistration{PrincipalEntityID: p.str(f["principalEntityId"], "dlt.principalEntityId", true)}
		if t := f["templates"]; t != nil {
			if t.Kind != yaml.SequenceNode || len(t.Content) == 0 {
				p.fail(t, "dlt.templates", "must be a list of {id, text}")
			} else {
				for i, item := range t.Content {
					path := fmt.Sprintf("dlt.templates[%d]", i)
					tf := p.fields(item, path, "id", "text")
					reg.Templates = append(reg.Templates, DLTTemplate{ID: p.str(tf["id"], path+".id", true), Text: p.str(tf["text"], path+".text", true)})
				}
			}
		} else {
			p.fail(d, "dlt.templates", "is required: the templates your principal entity registered")
		}
		if c.FallbackSender == "" {
			p.fail(d, "dlt", "DLT ids travel on the SMS fallback: add fallback.sender (your registered header)")
		}
		c.DLT = reg
	}
	c.ClickTracking = p.boolean(top["clickTracking"], "clickTracking")
	sample := p.fields(top["sample"], "sample", "text", "fallbackText", "link")
	if top["sample"] == nil {
		p.fail(nil, "sample", "is required: {text, fallbackText, link}, what the harness asks your service to send")
	}
	c.Sample = Outgoing{Text: p.str(sample["text"], "sample.text", true), FallbackText: p.str(sample["fallbackText"], "sample.fallbackText", false), Link: p.str(sample["link"], "sample.link", false)}
	if c.FallbackSender != "" && c.Sample.FallbackText == "" {
		p.fail(top["sample"], "sample.fallbackText", "is required when fallback is configured")
	}
	if c.ClickTracking && c.Sample.Link == "" {
		p.fail(top["clickTracking"], "sample.link", "is required with clickTracking: true (the link the tracking requirement sends)")
	}
	camp := p.fields(top["campaigns"], "campaigns", "default", "suggestions")
	c.Campaigns.Default = p.str(camp["default"], "campaigns.default", false)
	c.Campaigns.Suggestions = p.str(camp["suggestions"], "campaigns.suggestions", false)
	a.reports = p.urlTmpl(top["reports"], "reports", true, a.Service)
	a.inbound = p.urlTmpl(top["inbound"], "inbound", true, a.Service)

	send := p.fields(top["send"], "send", "http", "command")
	switch {
	case top["send"] == nil:
		p.fail(nil, "send", "is required: send.http (a request template) or send.command (a command line)")
	case send["http"] != nil && send["command"] != nil:
		p.fail(top["send"], "send", "give http or command, not both")
	case send["http"] != nil:
		h := p.fields(send["http"], "send.http", "method", "url", "headers", "body")
		t := &httpTemplate{method: strings.ToUpper(p.str(h["method"], "send.http.method", false)), headers: map[string]*template.Template{}}
		if t.method == "" {
			t.method = "POST"
		}
		switch t.method {
		case "GET", "POST", "PUT", "PATCH":
		default:
			p.fail(h["method"], "send.http.method", "must be GET, POST, PUT or PATCH, not %q", t.method)
		}
		t.url = p.urlTmpl(h["url"], "send.http.url", true, a.Service)
		if hn := h["headers"]; hn != nil {
			if hn.Kind != yaml.MappingNode {
				p.fail(hn, "send.http.headers", "must be a mapping of header name to value")
			} else {
				for i := 0; i+1 < len(hn.Content); i += 2 {
					name := hn.Content[i].Value
					t.headers[name] = p.tmpl(hn.Content[i+1], "send.http.headers."+name, false)
				}
			}
		}
		t.body = p.tmpl(h["body"], "send.http.body", false)
		a.send = t
	case send["command"] != nil:
		n := send["command"]
		if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
			p.fail(n, "send.command", "must be a list: the program and its arguments, e.g. [./send.sh, \"{{.Number}}\"]")
			break
		}
		for i, arg := range n.Content {
			a.command = append(a.command, p.tmpl(arg, fmt.Sprintf("send.command[%d]", i), true))
		}
	}

	if pr := top["probe"]; pr != nil {
		f := p.fields(pr, "probe", "message", "user", "inbound")
		if n := f["message"]; n != nil {
			a.msgProbe = p.probe(n, "probe.message", a.Service, "status", "delivered", "channel", "reports")
			if a.msgProbe != nil {
				if _, ok := a.msgProbe.paths["delivered"]; ok {
					if _, ok := a.msgProbe.paths["status"]; !ok {
						p.fail(n, "probe.message.status", "is required with delivered (the gjson path of the status that delivered lists)")
					}
				}
			}
		}
		if n := f["user"]; n != nil {
			a.userProbe = p.probe(n, "probe.user", a.Service, "optedOut")
		}
		if n := f["inbound"]; n != nil {
			a.inProbe = p.probe(n, "probe.inbound", a.Service, "texts", "postbacks")
		}
	}
	lim := p.fields(top["limits"], "limits", "minRetryGap", "maxAttempts", "retryWithin", "quietPeriod")
	c.Limits.MinRetryGap = p.duration(lim["minRetryGap"], "limits.minRetryGap", time.Second)
	c.Limits.RetryWithin = p.duration(lim["retryWithin"], "limits.retryWithin", 30*time.Second)
	c.Limits.QuietPeriod = p.duration(lim["quietPeriod"], "limits.quietPeriod", 2*time.Second)
	c.Limits.MaxAttempts = 5
	if n := lim["maxAttempts"]; n != nil {
		if v, err := strconv.Atoi(n.Value); err != nil || v < 2 {
			p.fail(n, "limits.maxAttempts", "must be a whole number of at least 2, not %q", n.Value)
		} else {
			c.Limits.MaxAttempts = v
		}
	}
	if len(p.errs) > 0 {
		sort.SliceStable(p.errs, func(i, j int) bool {
			li, lj := p.errs[i].Line, p.errs[j].Line
			if li == 0 || lj == 0 {
				return lj == 0 && li != 0
			}
			return li < lj
		})
		return nil, p.errs
	}
	c.ReportURL = a.render(a.reports, templateData{})
	c.InboundURL = a.render(a.inbound, templateData{})
	return a, nil
}

func (p *yamlParser) probe(n *yaml.Node, path, service string, fields ...string) *probeTemplate {
	f := p.fields(n, path, append([]string{"url"}, fields...)...)
	t := &probeTemplate{url: p.urlTmpl(f["url"], path+".url", true, service), paths: map[string]string{}, line: n.Line}
	for _, name := range fields {
		v := f[name]
		if v == nil {
			continue
		}
		if name == "delivered" {
			if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
				p.fail(v, path+".delivered", "must be a list of the status values that mean delivered, e.g. [DELIVERED]")
				continue
			}
			for _, s := range v.Content {
				t.delivered = append(t.delivered, s.Value)
			}
			t.paths[name] = ""
			continue
		}
		t.paths[name] = p.str(v, path+"."+name, true)
	}
	if len(t.paths) == 0 {
		p.fail(n, path, "names no field to read (give at least one of %s)", strings.Join(fields, ", "))
	}
	return t
}

func (a *Adapter) render(t *template.Template, d templateData) string {
	if t == nil {
		return ""
	}
	d.Service, d.APIKey, d.Agent = a.Service, a.cfg.APIKey, a.cfg.Agent
	var b bytes.Buffer
	_ = t.Execute(&b, d) // checked at load: the data always has every field
	return b.String()
}

// Config implements Integration.
func (a *Adapter) Config() IntegrationConfig { return a.cfg }

// Probes implements Prober: the views the adapter's probe section offers.
func (a *Adapter) Probes() []string {
	var out []string
	if a.msgProbe != nil {
		if _, ok := a.msgProbe.paths["delivered"]; ok {
			out = append(out, ProbeDelivered)
		}
		if _, ok := a.msgProbe.paths["channel"]; ok {
			out = append(out, ProbeChannel)
		}
		if _, ok := a.msgProbe.paths["reports"]; ok {
			out = append(out, ProbeReports)
		}
	}
	if a.userProbe != nil {
		out = append(out, ProbeOptedOut)
	}
	if a.inProbe != nil {
		if _, ok := a.inProbe.paths["texts"]; ok {
			out = append(out, ProbeTexts)
		}
		if _, ok := a.inProbe.paths["postbacks"]; ok {
			out = append(out, ProbePostbacks)
		}
	}
	sort.Strings(out)
	return out
}

// WithService returns a copy of the adapter for a service at another base
// URL (a test that starts the service on a free port).
func (a *Adapter) WithService(base string) *Adapter {
	c := *a
	c.Service = strings.TrimRight(base, "/")
	c.cfg.ReportURL = c.render(c.reports, templateData{})
	c.cfg.InboundURL = c.render(c.inbound, templateData{})
	return &c
}
