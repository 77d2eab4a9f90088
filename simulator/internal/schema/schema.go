// Package schema validates JSON request bodies against small declarative
// schemas that mirror Infobip's OpenAPI documents, and reports every violation
// with its property path (messages[0].destinations[0].to) and a
// Bean-Validation-style sentence, as Infobip's Java back end does.
//
// Validation runs on the generic decoded tree, before the body is decoded into
// its typed struct, so that wrong types are reported per property instead of as
// one opaque decoding failure.
package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Violation is one rule a property breaks.
type Violation struct {
	Property string
	Message  string
}

// Ctx carries what rules need besides the value: the time the request came in,
// and the violations found so far.
type Ctx struct {
	Now time.Time
	out []Violation
}

// RootProperty names the body itself in violations about the whole body.
const RootProperty = "body"

// Add records a violation at path.
func (c *Ctx) Add(path, format string, args ...any) {
	if path == "" {
		path = RootProperty
	}
	c.out = append(c.out, Violation{Property: path, Message: fmt.Sprintf(format, args...)})
}

// Violations returns what was recorded, in document order.
func (c *Ctx) Violations() []Violation { return c.out }

// Node validates one JSON value.
type Node interface {
	Check(c *Ctx, v any, path string)
}

// SyntaxError is a body that is not JSON at all.
type SyntaxError struct {
	Offset int64
	Reason string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("malformed JSON at offset %d: %s", e.Offset, e.Reason)
}

// Decode parses body into a generic tree (numbers kept as json.Number). It fails
// with *SyntaxError on malformed JSON or trailing data.
func Decode(body []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, &SyntaxError{Offset: int64(len(body)), Reason: "unexpected end of input"}
		}
		return nil, syntaxError(err, dec.InputOffset())
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &SyntaxError{Offset: dec.InputOffset(), Reason: "unexpected data after the JSON value"}
	}
	return v, nil
}

func syntaxError(err error, offset int64) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &SyntaxError{Offset: se.Offset, Reason: strings.TrimPrefix(se.Error(), "invalid character ")}
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &SyntaxError{Offset: offset, Reason: "unexpected end of input"}
	}
	return &SyntaxError{Offset: offset, Reason: err.Error()}
}

// Validate decodes body and checks it against root. It returns the
// violations and the body with every property the schema does not declare
// removed (so decoding it into a struct can neither fail on an ignored
// property nor pick up a differently-cased duplicate), or a *SyntaxError
// when the body is not JSON.
func Validate(root Node, body []byte, now time.Time) ([]Violation, any, error) {
	v, err := Decode(body)
	if err != nil {
		return nil, nil, err
	}
	c := &Ctx{Now: now}
	root.Check(c, v, "")
	return c.out, Prune(root, v), nil
}

// Pruner is a node that can drop the parts of a value it does not declare.
// It may change v in place and return it.
type Pruner interface {
	Prune(v any) any
}

// Prune keeps only what n declares of v; nodes that declare no structure
// return v as it is.
func Prune(n Node, v any) any {
	if p, ok := n.(Pruner); ok {
		return p.Prune(v)
	}
	return v
}

// Join appends a property name to a path.
func Join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// UTF16Len is the length of s in UTF-16 code units, as Java (and so
// Bean Validation's @Size) counts a string: two for a rune beyond the Basic
// Multilingual Plane, one for any other, and one for each byte that is not
// valid UTF-8 (it decodes as U+FFFD). It equals len(utf16.Encode([]rune(s)))
// without building either slice.
func UTF16Len(s string) int {
	n := len(s)
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			n = i
			for _, r := range s[i:] {
				if r >= 0x10000 {
					n += 2
				} else {
					n++
				}
			}
			break
		}
	}
	return n
}

// Index appends an array index to a path.
func Index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// ---- strings

// DefaultMaxLen bounds every string the schema leaves unbounded, in UTF-16
// code units: the documents give many fields no limit, and a simulator that
// keeps what it accepts must not keep a 9 MB one.
const DefaultMaxLen = 16384

// StringNode checks a JSON string.
type StringNode struct {
	min, max int
	enum     []string
	pattern  *regexp.Regexp
	url      bool
	rules    []func(c *Ctx, s string, path string)
}

// String is any string.
func String() *StringNode { return &StringNode{min: -1, max: -1} }

// Len bounds the length in UTF-16 code units, as Java counts it; -1 means unbounded.
func (n *StringNode) Len(min, max int) *StringNode { n.min, n.max = min, max; return n }

// Enum restricts the value to a set.
func (n *StringNode) Enum(values ...string) *StringNode { n.enum = values; return n }

// Pattern requires the value to match re.
func (n *StringNode) Pattern(re string) *StringNode { n.pattern = regexp.MustCompile(re); return n }

// URL requires an absolute http or https URL.
func (n *StringNode) URL() *StringNode { n.url = true; return n }

// Rule adds a custom check.
func (n *StringNode) Rule(f func(c *Ctx, s string, path string)) *StringNode {
	n.rules = append(n.rules, f)
	return n
}

// Check implements Node.
func (n *StringNode) Check(c *Ctx, v any, path string) {
	s, ok := v.(string)
	if !ok {
		c.Add(path, "must be a string")
		return
	}
	if hi := n.max; hi < 0 && len(s) > DefaultMaxLen*3 {
		// Cheap pre-check: no string of this many bytes is within the cap.
		c.Add(path, "size must be between %d and %d", max(n.min, 0), DefaultMaxLen)
		return
	}
	if n.min >= 0 || n.max >= 0 || len(s) > DefaultMaxLen {
		l := UTF16Len(s)
		lo, hi := n.min, n.max
		if lo < 0 {
			lo = 0
		}
		if hi < 0 && l > DefaultMaxLen {
			hi = DefaultMaxLen
		}
		if l < lo || (hi >= 0 && l > hi) {
			if hi < 0 {
				c.Add(path, "size must be at least %d", lo)
			} else {
				c.Add(path, "size must be between %d and %d", lo, hi)
			}
			return
		}
	}
	if len(n.enum) > 0 && !contains(n.enum, s) {
		c.Add(path, "must be one of [%s]", strings.Join(n.enum, ", "))
		return
	}
	if n.pattern != nil && !n.pattern.MatchString(s) {
		c.Add(path, "must match \"%s\"", n.pattern.String())
		return
	}
	if n.url && !IsHTTPURL(s) {
		c.Add(path, "is not a valid url")
		return
	}
	for _, r := range n.rules {
		r(c, s, path)
	}
}

// IsHTTPURL reports whether s is an absolute http(s) URL with a host.
func IsHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// ---- numbers

// IntNode checks a JSON integer.
type IntNode struct {
	min, max *int64
}

// Int is any integer that fits in 64 bits.
func Int() *IntNode { return &IntNode{} }

// Int32 is an integer that fits in 32 bits.
func Int32() *IntNode { return Int().Min(math.MinInt32).Max(math.MaxInt32) }

// Min sets the least value allowed.
func (n *IntNode) Min(v int64) *IntNode { n.min = &v; return n }

// Max sets the greatest value allowed.
func (n *IntNode) Max(v int64) *IntNode { n.max = &v; return n }

// Check implements Node.
func (n *IntNode) Check(c *Ctx, v any, path string) {
	num, ok := v.(json.Number)
	if !ok {
		c.Add(path, "must be an integer")
		return
	}
	i, err := strconv.ParseInt(string(num), 10, 64)
	if err != nil {
		c.Add(path, "must be an integer")
		return
	}
	if n.min != nil && i < *n.min {
		c.Add(path, "must be greater than or equal to %d", *n.min)
	} else if n.max != nil && i > *n.max {
		c.Add(path, "must be less than or equal to %d", *n.max)
	}
}

// NumberNode checks a JSON number.
type NumberNode struct {
	min, max *float64
}

// Number is any finite number.
func Number() *NumberNode { return &NumberNode{} }

// Min sets the least value allowed.
func (n *NumberNode) Min(v float64) *NumberNode { n.min = &v; return n }

// Max sets the greatest value allowed.
func (n *NumberNode) Max(v float64) *NumberNode { n.max = &v; return n }

// Check implements Node.
func (n *NumberNode) Check(c *Ctx, v any, path string) {
	num, ok := v.(json.Number)
	if !ok {
		c.Add(path, "must be a number")
		return
	}
	f, err := num.Float64()
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		c.Add(path, "must be a number")
		return
	}
	if n.min != nil && f < *n.min {
		c.Add(path, "must be greater than or equal to %s", fmtFloat(*n.min))
	} else if n.max != nil && f > *n.max {
		c.Add(path, "must be less than or equal to %s", fmtFloat(*n.max))
	}
}

func fmtFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// ---- booleans and anything

type boolNode struct{}

// Bool is true or false.
func Bool() Node { return boolNode{} }

func (boolNode) Check(c *Ctx, v any, path string) {
	if _, ok := v.(bool); !ok {
		c.Add(path, "must be a boolean")
	}
}

type anyNode struct{ object bool }

// Any accepts every value.
func Any() Node { return anyNode{} }

// AnyObject accepts any JSON object.
func AnyObject() Node { return anyNode{object: true} }

func (n anyNode) Check(c *Ctx, v any, path string) {
	if _, ok := v.(map[string]any); n.object && !ok {
		c.Add(path, "must be an object")
	}
}

// ---- arrays

// ArrayNode checks a JSON array.
type ArrayNode struct {
	item     Node
	min, max int
}

// Array holds items that each satisfy item.
func Array(item Node) *ArrayNode { return &ArrayNode{item: item, min: -1, max: -1} }

// Items bounds the number of items; -1 means unbounded.
func (n *ArrayNode) Items(min, max int) *ArrayNode { n.min, n.max = min, max; return n }

// Check implements Node.
func (n *ArrayNode) Check(c *Ctx, v any, path string) {
	arr, ok := v.([]any)
	if !ok {
		c.Add(path, "must be an array")
		return
	}
	if (n.min >= 0 && len(arr) < n.min) || (n.max >= 0 && len(arr) > n.max) {
		switch {
		case n.max < 0 && n.min == 1:
			c.Add(path, "must not be empty")
		case n.max < 0:
			c.Add(path, "size must be at least %d", n.min)
		default:
			c.Add(path, "size must be between %d and %d", max(n.min, 0), n.max)
		}
	}
	for i, item := range arr {
		if item == nil {
			c.Add(Index(path, i), "must not be null")
			continue
		}
		n.item.Check(c, item, Index(path, i))
	}
}

// Prune implements Pruner.
func (n *ArrayNode) Prune(v any) any {
	arr, ok := v.([]any)
	if !ok {
		return v
	}
	// In place: the tree is the request's own, decoded for this check.
	for i, item := range arr {
		arr[i] = Prune(n.item, item)
	}
	return arr
}

// ---- objects

// Field is one property of an object.
type Field struct {
	Name     string
	Node     Node
	Required bool
}

// Req is a required property.
func Req(name string, n Node) Field { return Field{Name: name, Node: n, Required: true} }

// Opt is an optional property; null counts as absent.
func Opt(name string, n Node) Field { return Field{Name: name, Node: n} }

// ObjectNode checks a JSON object. Unknown properties are ignored, as
// Infobip's API ignores them.
type ObjectNode struct {
	fields []Field
	rules  []func(c *Ctx, obj map[string]any, path string)
}

// Object is an object with the given properties.
func Object(fields ...Field) *ObjectNode { return &ObjectNode{fields: fields} }

// Rule adds a check over the whole object, run only when its properties are
// individually valid enough to be read.
func (n *ObjectNode) Rule(f func(c *Ctx, obj map[string]any, path string)) *ObjectNode {
	n.rules = append(n.rules, f)
	return n
}

// Check implements Node.
func (n *ObjectNode) Check(c *Ctx, v any, path string) {
	obj, ok := v.(map[string]any)
	if !ok {
		c.Add(path, "must be an object")
		return
	}
	before := len(c.out)
	for _, f := range n.fields {
		val, present := obj[f.Name]
		if !present || val == nil {
			if f.Required {
				c.Add(Join(path, f.Name), "must not be null")
			}
			continue
		}
		f.Node.Check(c, val, Join(path, f.Name))
	}
	if len(c.out) > before {
		return
	}
	for _, r := range n.rules {
		r(c, obj, path)
	}
}

// Prune implements Pruner.
func (n *ObjectNode) Prune(v any) any {
	obj, ok := v.(map[string]any)
	if !ok {
		return v
	}
	// In place (the tree is the request's own, decoded for this check):
	// building a copy of every object was a tenth of a send's allocations.
	for k, val := range obj {
		f := n.field(k)
		if f == nil {
			delete(obj, k)
			continue
		}
		obj[k] = Prune(f.Node, val)
	}
	return obj
}

// field returns the declaration of a property (the last, as the copying
// prune let it win), nil when it is not declared.
func (n *ObjectNode) field(name string) *Field {
	for i := len(n.fields) - 1; i >= 0; i-- {
		if n.fields[i].Name == name {
			return &n.fields[i]
		}
	}
	return nil
}

// ---- discriminated unions

// UnionNode picks a variant by a discriminator property.
type UnionNode struct {
	prop     string
	variants map[string]Node
	names    []string
}

// Union is a oneOf whose variant is named by the string property prop.
func Union(prop string, variants map[string]Node) *UnionNode {
	names := make([]string, 0, len(variants))
	for k := range variants {
		names = append(names, k)
	}
	sort.Strings(names)
	return &UnionNode{prop: prop, variants: variants, names: names}
}

// Order sets the order the variant names are listed in messages.
func (n *UnionNode) Order(names ...string) *UnionNode { n.names = names; return n }

// Check implements Node.
func (n *UnionNode) Check(c *Ctx, v any, path string) {
	obj, ok := v.(map[string]any)
	if !ok {
		c.Add(path, "must be an object")
		return
	}
	raw, present := obj[n.prop]
	if !present || raw == nil {
		c.Add(Join(path, n.prop), "must not be null")
		return
	}
	name, ok := raw.(string)
	variant := n.variants[name]
	if !ok || variant == nil {
		c.Add(Join(path, n.prop), "must be one of [%s]", strings.Join(n.names, ", "))
		return
	}
	variant.Check(c, v, path)
}

// Prune implements Pruner: the variant's properties plus the discriminator.
func (n *UnionNode) Prune(v any) any {
	obj, ok := v.(map[string]any)
	if !ok {
		return v
	}
	name, _ := obj[n.prop].(string)
	variant := n.variants[name]
	if variant == nil {
		return v
	}
	disc := obj[n.prop] // the variant may not declare it, and prunes in place
	out, ok := Prune(variant, v).(map[string]any)
	if !ok {
		return v
	}
	out[n.prop] = disc
	return out
}

// ---- helpers for rules

// Str reads a string property, "" when absent or not a string.
func Str(obj map[string]any, name string) string {
	s, _ := obj[name].(string)
	return s
}

// Obj reads an object property, nil when absent or not an object.
func Obj(obj map[string]any, name string) map[string]any {
	m, _ := obj[name].(map[string]any)
	return m
}

// Arr reads an array property, nil when absent or not an array.
func Arr(obj map[string]any, name string) []any {
	a, _ := obj[name].([]any)
	return a
}

// IntOf reads an integer property.
func IntOf(obj map[string]any, name string) (int64, bool) {
	n, ok := obj[name].(json.Number)
	if !ok {
		return 0, false
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	return i, err == nil
}

// BoolOf reads a boolean property, with a default for absence.
func BoolOf(obj map[string]any, name string, def bool) bool {
	b, ok := obj[name].(bool)
	if !ok {
		return def
	}
	return b
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
