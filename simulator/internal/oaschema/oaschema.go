// Package oaschema validates JSON bodies against the component schemas of
// Infobip's published OpenAPI documents, copied verbatim (minified) into
// testdata/. It is test support: the simulator itself never imports it, so
// the documents stay out of the binary. Tests use it to check that every body
// the simulator sends or answers is what the documents describe, which golden
// files alone cannot show.
//
// OpenAPI 3.1 schemas are JSON Schema 2020-12, so a document is compiled as
// one resource and its "#/components/schemas/..." references resolve inside
// it. Two things are added on loading, both listed where they are made:
// discriminator mappings become conditional subschemas (JSON Schema ignores
// "discriminator", which would leave a TEXT content unchecked beyond its
// type), and the Errata widen the few types the documents contradict in
// their own prose and examples.
package oaschema

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed testdata/*.json
var documents embed.FS

// Documents are the names Load accepts, each testdata/<name>.json.
var Documents = []string{"rcs", "sms", "resources", "account"}

// Erratum is one place where a document's schema contradicts its own
// description and examples; the validator follows the prose.
type Erratum struct {
	Doc, Schema, Property string
	Why                   string
}

// Errata allow null where the document says a value is null but types it a
// plain string. Each is also a line of the README's fidelity notes.
var Errata = []Erratum{
	{"rcs", "RcsConversationInfo", "id", `"Present when the message belongs to a conversation, null otherwise"; the TEXT example has "id": null`},
	{"rcs", "RcsMoEventMessagePrice", "trafficType", `"Always will be null, events are not chargeable"; the event example has "trafficType": null`},
}

// Doc is one compiled OpenAPI document.
type Doc struct {
	name string
	url  string
	raw  map[string]any
	c    *jsonschema.Compiler

	mu    sync.Mutex
	cache map[string]*jsonschema.Schema
}

var (
	loadMu sync.Mutex
	loaded = map[string]*Doc{}
)

// Load returns the named document, compiled once per process.
func Load(name string) (*Doc, error) {
	loadMu.Lock()
	defer loadMu.Unlock()
	if d, ok := loaded[name]; ok {
		return d, nil
	}
	b, err := documents.ReadFile("testdata/" + name + ".json")
	if err != nil {
		return nil, fmt.Errorf("oaschema: no document %q (have %v)", name, Documents)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("oaschema: %s: %w", name, err)
	}
	raw, _ := v.(map[string]any)
	d := &Doc{name: name, url: "https://jiocxsim.test/openapi/" + name + ".json", raw: raw, cache: map[string]*jsonschema.Schema{}}
	if err := d.applyErrata(); err != nil {
		return nil, err
	}
	d.expandDiscriminators()
	d.c = jsonschema.NewCompiler()
	d.c.DefaultDraft(jsonschema.Draft2020)
	if err := d.c.AddResource(d.url, raw); err != nil {
		return nil, fmt.Errorf("oaschema: %s: %w", name, err)
	}
	loaded[name] = d
	return d, nil
}

func (d *Doc) schemas() map[string]any {
	comp, _ := d.raw["components"].(map[string]any)
	s, _ := comp["schemas"].(map[string]any)
	return s
}

// key finds a component by its title: the documents prefix every schema
// name with a hash ("b839….RcsInboundMessages"), so "RcsInboundMessages"
// matches that one, and a full key matches itself.
func (d *Doc) key(title string) (string, error) {
	all := d.schemas()
	if _, ok := all[title]; ok {
		return title, nil
	}
	var found []string
	for k := range all {
		if strings.HasSuffix(k, "."+title) {
			found = append(found, k)
		}
	}
	sort.Strings(found)
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", fmt.Errorf("oaschema: %s has no component schema %q", d.name, title)
	}
	return "", fmt.Errorf("oaschema: %s has %d component schemas named %q: %v", d.name, len(found), title, found)
}

func (d *Doc) compile(ptr string) (*jsonschema.Schema, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if s, ok := d.cache[ptr]; ok {
		return s, nil
	}
	s, err := d.c.Compile(d.url + "#" + ptr)
	if err != nil {
		return nil, fmt.Errorf("oaschema: %s#%s: %w", d.name, ptr, err)
	}
	d.cache[ptr] = s
	return s, nil
}

func escape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// Component compiles the component schema with that title.
func (d *Doc) Component(title string) (*jsonschema.Schema, error) {
	k, err := d.key(title)
	if err != nil {
		return nil, err
	}
	return d.compile("/components/schemas/" + escape(k))
}

// Webhook compiles the JSON request body schema of a documented webhook
// (the key under "webhooks", e.g. receive-inbound-rcs-messages).
func (d *Doc) Webhook(name string) (*jsonschema.Schema, error) {
	w, _ := d.raw["webhooks"].(map[string]any)
	if _, ok := w[name]; !ok {
		return nil, fmt.Errorf("oaschema: %s has no webhook %q", d.name, name)
	}
	return d.compile("/webhooks/" + escape(name) + "/post/requestBody/content/application~1json/schema")
}

// Operation finds the path template of the document that a concrete path
// (no query) matches, e.g. /rcs/1/senders/Demo/templates → /rcs/1/senders/{sender}/templates.
func (d *Doc) Operation(method, path string) (template string, err error) {
	paths, _ := d.raw["paths"].(map[string]any)
	var best string
	for tmpl, item := range paths {
		ops, _ := item.(map[string]any)
		if _, ok := ops[strings.ToLower(method)]; !ok {
			continue
		}
		re := "^" + regexp.MustCompile(`\\\{[^/]+\\\}`).ReplaceAllString(regexp.QuoteMeta(tmpl), `[^/]+`) + "$"
		if regexp.MustCompile(re).MatchString(path) {
			// A literal segment beats a parameter (/senders/providers over /senders/{name}).
			if best == "" || strings.Count(tmpl, "{") < strings.Count(best, "{") {
				best = tmpl
			}
		}
	}
	if best == "" {
		return "", fmt.Errorf("oaschema: %s documents no %s %s", d.name, method, path)
	}
	return best, nil
}

// Response compiles the JSON schema of an operation's response with that
// status (falling back to the document's "4XX"/"5XX"/"default").
func (d *Doc) Response(method, path string, status int) (*jsonschema.Schema, error) {
	tmpl, err := d.Operation(method, path)
	if err != nil {
		return nil, err
	}
	op := d.raw["paths"].(map[string]any)[tmpl].(map[string]any)[strings.ToLower(method)].(map[string]any)
	resps, _ := op["responses"].(map[string]any)
	code := strconv.Itoa(status)
	for _, c := range []string{code, code[:1] + "XX", code[:1] + "xx", "default"} {
		r, ok := resps[c].(map[string]any)
		if !ok {
			continue
		}
		base := "/paths/" + escape(tmpl) + "/" + strings.ToLower(method) + "/responses/" + escape(c)
		if ref, ok := r["$ref"].(string); ok {
			// A shared response under components/responses.
			base = strings.TrimPrefix(ref, "#")
			r = d.lookup(base)
		}
		content, _ := r["content"].(map[string]any)
		for _, ct := range []string{"application/json", "application/json;charset=UTF-8", "*/*"} {
			if _, ok := content[ct]; ok {
				return d.compile(base + "/content/" + escape(ct) + "/schema")
			}
		}
		return nil, fmt.Errorf("oaschema: %s %s %s response %s has no JSON body", d.name, method, tmpl, c)
	}
	return nil, fmt.Errorf("oaschema: %s %s %s documents no response %d", d.name, method, tmpl, status)
}

// Request compiles the JSON schema of an operation's request body.
func (d *Doc) Request(method, path string) (*jsonschema.Schema, error) {
	tmpl, err := d.Operation(method, path)
	if err != nil {
		return nil, err
	}
	return d.compile("/paths/" + escape(tmpl) + "/" + strings.ToLower(method) + "/requestBody/content/application~1json/schema")
}

func (d *Doc) lookup(ptr string) map[string]any {
	var cur any = d.raw
	for _, p := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		p = strings.ReplaceAll(strings.ReplaceAll(p, "~1", "/"), "~0", "~")
		m, _ := cur.(map[string]any)
		cur = m[p]
	}
	m, _ := cur.(map[string]any)
	return m
}

// Validate checks a JSON body against s; the error lists every violation
// with its location in the body.
func Validate(s *jsonschema.Schema, body []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("body is not JSON: %w", err)
	}
	if err := s.Validate(v); err != nil {
		return fmt.Errorf("%s\nbody: %s", err, compact(body))
	}
	return nil
}

func compact(b []byte) string {
	var out bytes.Buffer
	if json.Compact(&out, b) != nil {
		return string(b)
	}
	return out.String()
}

func (d *Doc) applyErrata() error {
	for _, e := range Errata {
		if e.Doc != d.name {
			continue
		}
		k, err := d.key(e.Schema)
		if err != nil {
			return err
		}
		sch := d.schemas()[k].(map[string]any)
		props, _ := sch["properties"].(map[string]any)
		p, ok := props[e.Property].(map[string]any)
		if !ok {
			return fmt.Errorf("oaschema: erratum %s.%s: no such property", e.Schema, e.Property)
		}
		if t, ok := p["type"].(string); ok {
			p["type"] = []any{t, "null"}
			continue
		}
		props[e.Property] = map[string]any{"anyOf": []any{p, map[string]any{"type": "null"}}}
	}
	return nil
}

// expandDiscriminators turns each discriminator mapping of a schema without
// oneOf/anyOf into if/then branches: when the property has the mapped value,
// the mapped schema applies too. Mapped schemas that refer back to their
// parent (allOf inheritance) are left alone: the parent already applies.
func (d *Doc) expandDiscriminators() {
	all := d.schemas()
	for name, v := range all {
		sch, _ := v.(map[string]any)
		disc, _ := sch["discriminator"].(map[string]any)
		mapping, _ := disc["mapping"].(map[string]any)
		prop, _ := disc["propertyName"].(string)
		if len(mapping) == 0 || prop == "" || sch["oneOf"] != nil || sch["anyOf"] != nil {
			continue
		}
		values := make([]string, 0, len(mapping))
		for val := range mapping {
			values = append(values, val)
		}
		sort.Strings(values)
		var branches []any
		for _, val := range values {
			ref, _ := mapping[val].(string)
			child := strings.TrimPrefix(ref, "#/components/schemas/")
			if raw, err := json.Marshal(all[child]); err != nil || bytes.Contains(raw, []byte(`"#/components/schemas/`+name+`"`)) {
				continue
			}
			branches = append(branches, map[string]any{
				"if":   map[string]any{"properties": map[string]any{prop: map[string]any{"const": val}}, "required": []any{prop}},
				"then": map[string]any{"$ref": ref},
			})
		}
		if len(branches) == 0 {
			continue
		}
		if prev, ok := sch["allOf"].([]any); ok {
			branches = append(prev, branches...)
		}
		sch["allOf"] = branches
	}
}
