package schema

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
)

var now = time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)

// check validates body against n and returns the violations.
func check(t *testing.T, n Node, body string) []Violation {
	t.Helper()
	vs, _, err := Validate(n, []byte(body), now)
	if err != nil {
		t.Fatalf("Validate(%s): %v", body, err)
	}
	return vs
}

type nodeCase struct {
	name string
	node Node
	body string
	want []Violation
}

func runNodeCases(t *testing.T, tests []nodeCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := check(t, tt.node, tt.body)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Validate(%s) (-want +got):\n%s", tt.body, diff)
			}
		})
	}
}

// at wraps a node in an object property "v", so that paths are non-empty.
func at(n Node) Node { return Object(Opt("v", n)) }

func v(msg string) []Violation { return []Violation{{Property: "v", Message: msg}} }

func TestStringNode(t *testing.T) {
	t.Parallel()
	rule := String().Rule(func(c *Ctx, s, path string) {
		if s == "bad" {
			c.Add(path, "is %s", "bad")
		}
	})
	runNodeCases(t, []nodeCase{
		{"any string", at(String()), `{"v":""}`, nil},
		{"number is not a string", at(String()), `{"v":1}`, v("must be a string")},
		{"bool is not a string", at(String()), `{"v":true}`, v("must be a string")},
		{"object is not a string", at(String()), `{"v":{}}`, v("must be a string")},
		{"array is not a string", at(String()), `{"v":[]}`, v("must be a string")},
		{"null is absent", at(String()), `{"v":null}`, nil},

		{"len in range", at(String().Len(1, 3)), `{"v":"abc"}`, nil},
		{"len too long", at(String().Len(1, 3)), `{"v":"abcd"}`, v("size must be between 1 and 3")},
		{"len too short", at(String().Len(1, 3)), `{"v":""}`, v("size must be between 1 and 3")},
		{"len min only", at(String().Len(2, -1)), `{"v":"a"}`, v("size must be at least 2")},
		{"len max only", at(String().Len(-1, 2)), `{"v":"abc"}`, v("size must be between 0 and 2")},
		{"len counts UTF-16 units: BMP char is 1", at(String().Len(0, 2)), `{"v":"éé"}`, nil},
		{"len counts UTF-16 units: emoji is 2", at(String().Len(0, 2)), `{"v":"a😀"}`, v("size must be between 0 and 2")},
		{"len counts escapes decoded", at(String().Len(0, 1)), `{"v":"\u00e9"}`, nil},

		{"enum member", at(String().Enum("A", "B")), `{"v":"B"}`, nil},
		{"enum is case-sensitive", at(String().Enum("A", "B")), `{"v":"a"}`, v("must be one of [A, B]")},
		{"enum checked after length", at(String().Len(0, 1).Enum("A")), `{"v":"AA"}`, v("size must be between 0 and 1")},

		{"pattern match", at(String().Pattern(`^[0-9]+$`)), `{"v":"123"}`, nil},
		{"pattern mismatch", at(String().Pattern(`^[0-9]+$`)), `{"v":"12a"}`, v(`must match "^[0-9]+$"`)},

		{"url http", at(String().URL()), `{"v":"http://example.com/x"}`, nil},
		{"url https", at(String().URL()), `{"v":"https://example.com"}`, nil},
		{"url ftp", at(String().URL()), `{"v":"ftp://example.com"}`, v("is not a valid url")},
		{"url relative", at(String().URL()), `{"v":"/a/b"}`, v("is not a valid url")},
		{"url without host", at(String().URL()), `{"v":"https://"}`, v("is not a valid url")},

		{"rule ok", at(rule), `{"v":"good"}`, nil},
		{"rule fails", at(rule), `{"v":"bad"}`, v("is bad")},
		{"rule not run on a non-string", at(rule), `{"v":1}`, v("must be a string")},
	})
}

func TestIntNode(t *testing.T) {
	t.Parallel()
	runNodeCases(t, []nodeCase{
		{"integer", at(Int()), `{"v":42}`, nil},
		{"negative", at(Int()), `{"v":-42}`, nil},
		{"int64 max", at(Int()), `{"v":9223372036854775807}`, nil},
		{"above int64", at(Int()), `{"v":9223372036854775808}`, v("must be an integer")},
		{"fraction", at(Int()), `{"v":1.5}`, v("must be an integer")},
		{"exponent", at(Int()), `{"v":1e3}`, v("must be an integer")},
		{"string", at(Int()), `{"v":"1"}`, v("must be an integer")},
		{"bool", at(Int()), `{"v":false}`, v("must be an integer")},
		{"min ok", at(Int().Min(1)), `{"v":1}`, nil},
		{"below min", at(Int().Min(1)), `{"v":0}`, v("must be greater than or equal to 1")},
		{"max ok", at(Int().Max(23)), `{"v":23}`, nil},
		{"above max", at(Int().Max(23)), `{"v":24}`, v("must be less than or equal to 23")},
		{"int32 max", at(Int32()), `{"v":2147483647}`, nil},
		{"above int32", at(Int32()), `{"v":2147483648}`, v("must be less than or equal to 2147483647")},
		{"below int32", at(Int32()), `{"v":-2147483649}`, v("must be greater than or equal to -2147483648")},
	})
}

func TestNumberNode(t *testing.T) {
	t.Parallel()
	lat := Number().Min(-90).Max(90)
	runNodeCases(t, []nodeCase{
		{"integer", at(lat), `{"v":45}`, nil},
		{"fraction", at(lat), `{"v":-89.999}`, nil},
		{"min bound", at(lat), `{"v":-90}`, nil},
		{"max bound", at(lat), `{"v":90.0}`, nil},
		{"below min", at(lat), `{"v":-90.5}`, v("must be greater than or equal to -90")},
		{"above max", at(lat), `{"v":91}`, v("must be less than or equal to 90")},
		{"fractional bound in message", at(Number().Max(1.5)), `{"v":2}`, v("must be less than or equal to 1.5")},
		{"out of float64 range", at(Number()), `{"v":1e400}`, v("must be a number")},
		{"string", at(Number()), `{"v":"45"}`, v("must be a number")},
	})
}

func TestBoolAndAny(t *testing.T) {
	t.Parallel()
	runNodeCases(t, []nodeCase{
		{"true", at(Bool()), `{"v":true}`, nil},
		{"false", at(Bool()), `{"v":false}`, nil},
		{"string bool", at(Bool()), `{"v":"true"}`, v("must be a boolean")},
		{"number bool", at(Bool()), `{"v":1}`, v("must be a boolean")},
		{"any number", at(Any()), `{"v":1}`, nil},
		{"any array", at(Any()), `{"v":[1,"a",null]}`, nil},
		{"any object: object", at(AnyObject()), `{"v":{"x":[1]}}`, nil},
		{"any object: array", at(AnyObject()), `{"v":[]}`, v("must be an object")},
		{"any object: string", at(AnyObject()), `{"v":"x"}`, v("must be an object")},
	})
}

func TestArrayNode(t *testing.T) {
	t.Parallel()
	runNodeCases(t, []nodeCase{
		{"empty unbounded", at(Array(String())), `{"v":[]}`, nil},
		{"items checked with index paths", at(Array(String())), `{"v":["a",1,"b",2]}`,
			[]Violation{{"v[1]", "must be a string"}, {"v[3]", "must be a string"}}},
		{"null item", at(Array(String())), `{"v":["a",null]}`, []Violation{{"v[1]", "must not be null"}}},
		{"not an array", at(Array(String())), `{"v":{}}`, v("must be an array")},
		{"string is not an array", at(Array(String())), `{"v":"a"}`, v("must be an array")},
		{"min 1 empty", at(Array(String()).Items(1, -1)), `{"v":[]}`, v("must not be empty")},
		{"min 2", at(Array(String()).Items(2, -1)), `{"v":["a"]}`, v("size must be at least 2")},
		{"range low", at(Array(String()).Items(2, 3)), `{"v":["a"]}`, v("size must be between 2 and 3")},
		{"range high", at(Array(String()).Items(2, 3)), `{"v":["a","b","c","d"]}`, v("size must be between 2 and 3")},
		{"range ok", at(Array(String()).Items(2, 3)), `{"v":["a","b","c"]}`, nil},
		{"max only", at(Array(String()).Items(0, 1)), `{"v":["a","b"]}`, v("size must be between 0 and 1")},
		{"size and item violations both", at(Array(String()).Items(0, 1)), `{"v":["a",2]}`,
			[]Violation{{"v", "size must be between 0 and 1"}, {"v[1]", "must be a string"}}},
		{"nested arrays", at(Array(Array(Int()))), `{"v":[[1],[2,"x"]]}`, []Violation{{"v[1][1]", "must be an integer"}}},
	})
}

func TestObjectNode(t *testing.T) {
	t.Parallel()
	o := Object(Req("a", String()), Opt("b", Int()), Opt("c", Object(Req("d", Bool()))))
	withRule := Object(Opt("from", Int()), Opt("to", Int())).Rule(func(c *Ctx, obj map[string]any, path string) {
		f, _ := IntOf(obj, "from")
		to, _ := IntOf(obj, "to")
		if f > to {
			c.Add(path, "from after to")
		}
	})
	runNodeCases(t, []nodeCase{
		{"valid", o, `{"a":"x","b":1,"c":{"d":true}}`, nil},
		{"unknown properties ignored", o, `{"a":"x","zzz":[1,{}]}`, nil},
		{"required missing", o, `{}`, []Violation{{"a", "must not be null"}}},
		{"required null", o, `{"a":null}`, []Violation{{"a", "must not be null"}}},
		{"optional null", o, `{"a":"x","b":null,"c":null}`, nil},
		{"nested path", o, `{"a":"x","c":{}}`, []Violation{{"c.d", "must not be null"}}},
		{"violations in field order", o, `{"c":{"d":1},"b":"x"}`,
			[]Violation{{"a", "must not be null"}, {"b", "must be an integer"}, {"c.d", "must be a boolean"}}},
		{"not an object at the root", o, `[]`, []Violation{{"body", "must be an object"}}},
		{"null at the root", o, `null`, []Violation{{"body", "must be an object"}}},
		{"not an object nested", o, `{"a":"x","c":"y"}`, []Violation{{"c", "must be an object"}}},
		{"rule runs when fields are valid", withRule, `{"from":2,"to":1}`, []Violation{{"body", "from after to"}}},
		{"rule passes", withRule, `{"from":1,"to":2}`, nil},
		{"rule skipped when a field is invalid", withRule, `{"from":"x","to":1}`, []Violation{{"from", "must be an integer"}}},
		{"rule path nested", at(withRule), `{"v":{"from":2,"to":1}}`, []Violation{{"v", "from after to"}}},
		{"rule of a sibling not skipped by a violation elsewhere", Object(Opt("x", Int()), Opt("w", withRule)),
			`{"x":"bad","w":{"from":2,"to":1}}`, []Violation{{"x", "must be an integer"}, {"w", "from after to"}}},
	})
}

func TestUnionNode(t *testing.T) {
	t.Parallel()
	u := Union("type", map[string]Node{
		"B": Object(Req("b", Int())),
		"A": Object(Req("a", String())),
	})
	ordered := Union("type", map[string]Node{"B": Object(), "A": Object()}).Order("B", "A")
	runNodeCases(t, []nodeCase{
		{"variant A", at(u), `{"v":{"type":"A","a":"x"}}`, nil},
		{"variant B", at(u), `{"v":{"type":"B","b":1}}`, nil},
		{"variant fields checked", at(u), `{"v":{"type":"B","b":"x"}}`, v2("v.b", "must be an integer")},
		{"other variant's fields ignored", at(u), `{"v":{"type":"A","a":"x","b":"x"}}`, nil},
		{"missing discriminator", at(u), `{"v":{"a":"x"}}`, v2("v.type", "must not be null")},
		{"null discriminator", at(u), `{"v":{"type":null}}`, v2("v.type", "must not be null")},
		{"unknown variant, names sorted", at(u), `{"v":{"type":"C"}}`, v2("v.type", "must be one of [A, B]")},
		{"discriminator not a string", at(u), `{"v":{"type":1}}`, v2("v.type", "must be one of [A, B]")},
		{"discriminator is case-sensitive", at(u), `{"v":{"type":"a"}}`, v2("v.type", "must be one of [A, B]")},
		{"explicit order", at(ordered), `{"v":{"type":"C"}}`, v2("v.type", "must be one of [B, A]")},
		{"not an object", at(u), `{"v":"A"}`, v2("v", "must be an object")},
		{"in an array", at(Array(u)), `{"v":[{"type":"A","a":"x"},{"type":"A"}]}`, v2("v[1].a", "must not be null")},
	})
}

func v2(path, msg string) []Violation { return []Violation{{Property: path, Message: msg}} }

// TestRequestShape is a small message-like schema exercising every kind at once.
func TestRequestShape(t *testing.T) {
	t.Parallel()
	msg := Object(
		Req("messages", Array(Object(
			Req("destinations", Array(Object(Req("to", String().Len(0, 64)))).Items(1, -1)),
			Req("content", Union("type", map[string]Node{
				"TEXT": Object(Req("text", String().Len(1, 10))),
			})),
		)).Items(1, -1)),
		Opt("options", Object(Opt("count", Bool()))),
	)
	runNodeCases(t, []nodeCase{
		{"valid", msg, `{"messages":[{"destinations":[{"to":"1"}],"content":{"type":"TEXT","text":"hi"}}]}`, nil},
		{"every violation with its path", msg,
			`{"messages":[{"destinations":[],"content":{"type":"TEXT","text":"` + "01234567890" + `"}},{"destinations":[{"to":5}],"content":{}}],"options":{"count":"y"}}`,
			[]Violation{
				{"messages[0].destinations", "must not be empty"},
				{"messages[0].content.text", "size must be between 1 and 10"},
				{"messages[1].destinations[0].to", "must be a string"},
				{"messages[1].content.type", "must not be null"},
				{"options.count", "must be a boolean"},
			}},
	})
}

func TestDecode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body string
		want       any
		err        *SyntaxError
	}{
		{"object", `{"a":1}`, map[string]any{"a": json.Number("1")}, nil},
		{"numbers stay exact", `[12345678901234567890, 1.10]`, []any{json.Number("12345678901234567890"), json.Number("1.10")}, nil},
		{"trailing whitespace", "{}\n\t ", map[string]any{}, nil},
		{"null", `null`, nil, nil},
		{"empty", ``, nil, &SyntaxError{Offset: 0, Reason: "unexpected end of input"}},
		{"whitespace only", `   `, nil, &SyntaxError{Offset: 3, Reason: "unexpected end of input"}},
		{"bad character", `{bad}`, nil, &SyntaxError{Offset: 2, Reason: "'b' looking for beginning of object key string"}},
		{"trailing value", `{} {}`, nil, &SyntaxError{Offset: 4, Reason: "unexpected data after the JSON value"}},
		{"trailing garbage", `{}x`, nil, &SyntaxError{Offset: 2, Reason: "unexpected data after the JSON value"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Decode([]byte(tt.body))
			if tt.err == nil {
				if err != nil {
					t.Fatalf("Decode(%q): %v", tt.body, err)
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("Decode(%q) (-want +got):\n%s", tt.body, diff)
				}
				return
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Decode(%q) error = %v, want *SyntaxError", tt.body, err)
			}
			if diff := cmp.Diff(tt.err, se); diff != "" {
				t.Errorf("Decode(%q) error (-want +got):\n%s", tt.body, diff)
			}
		})
	}
}

// TestDecodeTruncatedOffset: a truncated body is reported where the input
// ended.
func TestDecodeTruncatedOffset(t *testing.T) {
	t.Parallel()
	body := `{"to":`
	_, err := Decode([]byte(body))
	var se *SyntaxError
	if !errors.As(err, &se) || se.Offset != int64(len(body)) {
		t.Errorf("Decode(%q) = %v, want a SyntaxError at offset %d", body, err, len(body))
	}
}

func TestSyntaxErrorMessage(t *testing.T) {
	t.Parallel()
	e := &SyntaxError{Offset: 7, Reason: "unexpected end of input"}
	if got, want := e.Error(), "malformed JSON at offset 7: unexpected end of input"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if _, _, err := Validate(Object(), []byte(`{`), now); err == nil {
		t.Error("Validate of malformed JSON returned no error")
	}
}

func TestCtxNow(t *testing.T) {
	t.Parallel()
	var seen time.Time
	n := String().Rule(func(c *Ctx, _, _ string) { seen = c.Now })
	check(t, n, `"x"`)
	if !seen.Equal(now) {
		t.Errorf("Ctx.Now = %v, want %v", seen, now)
	}
	c := &Ctx{}
	c.Add("a.b", "%d and %s", 1, "x")
	if diff := cmp.Diff([]Violation{{"a.b", "1 and x"}}, c.Violations()); diff != "" {
		t.Errorf("Violations (-want +got):\n%s", diff)
	}
}

func TestPaths(t *testing.T) {
	t.Parallel()
	tests := []struct{ got, want string }{
		{Join("", "a"), "a"},
		{Join("a", "b"), "a.b"},
		{Join(Index("m", 0), "to"), "m[0].to"},
		{Index("", 2), "[2]"},
		{Index(Index("a", 1), 2), "a[1][2]"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestReadHelpers(t *testing.T) {
	t.Parallel()
	raw, err := Decode([]byte(`{"s":"x","n":"y","o":{"k":1},"a":[1],"i":42,"f":1.5,"big":1e30,"b":true,"nb":"true"}`))
	if err != nil {
		t.Fatal(err)
	}
	obj := raw.(map[string]any)
	type got struct {
		Str, StrMissing, StrWrong string
		ObjNil, ArrNil            bool
		ObjLen, ArrLen            int
		Int                       int64
		IntOK, FracOK, BigOK      bool
		Bool, BoolDef, BoolWrong  bool
	}
	i, iok := IntOf(obj, "i")
	_, fok := IntOf(obj, "f")
	_, bok := IntOf(obj, "big")
	g := got{
		Str: Str(obj, "s"), StrMissing: Str(obj, "zz"), StrWrong: Str(obj, "i"),
		ObjNil: Obj(obj, "a") == nil, ArrNil: Arr(obj, "o") == nil,
		ObjLen: len(Obj(obj, "o")), ArrLen: len(Arr(obj, "a")),
		Int: i, IntOK: iok, FracOK: fok, BigOK: bok,
		Bool: BoolOf(obj, "b", false), BoolDef: BoolOf(obj, "zz", true), BoolWrong: BoolOf(obj, "nb", false),
	}
	want := got{
		Str: "x", ObjNil: true, ArrNil: true, ObjLen: 1, ArrLen: 1,
		Int: 42, IntOK: true, Bool: true, BoolDef: true,
	}
	if diff := cmp.Diff(want, g); diff != "" {
		t.Errorf("helpers (-want +got):\n%s", diff)
	}
}

func TestIsHTTPURL(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"https://example.com":         true,
		"http://example.com:8080/a?b": true,
		"ftp://example.com":           false,
		"https://":                    false,
		"example.com":                 false,
		"":                            false,
		"http://[::1]:80/":            true,
		"://nope":                     false,
	} {
		if got := IsHTTPURL(s); got != want {
			t.Errorf("IsHTTPURL(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestPruneDropsUndeclared: what the schema does not declare never reaches
// the typed decode, including differently-cased duplicates.
func TestPruneDropsUndeclared(t *testing.T) {
	t.Parallel()
	n := Object(
		Req("a", Array(Union("type", map[string]Node{"X": Object(Opt("x", Int()))}))),
		Opt("b", String()),
	)
	_, pruned, err := Validate(n, []byte(`{"a":[{"type":"X","x":1,"junk":true}],"B":"dup","c":{"d":1}}`), now)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(pruned)
	if want := `{"a":[{"type":"X","x":1}]}`; string(got) != want {
		t.Fatalf("pruned = %s, want %s", got, want)
	}
}

func TestUnboundedStringsHaveADefaultCap(t *testing.T) {
	t.Parallel()
	n := Object(Opt("free", String()), Opt("named", String().Len(1, -1)))
	for _, c := range []struct {
		body string
		ok   bool
	}{
		{`{"free":"` + strings.Repeat("a", DefaultMaxLen) + `"}`, true},
		{`{"free":"` + strings.Repeat("a", DefaultMaxLen+1) + `"}`, false},
		{`{"free":"` + strings.Repeat("é", DefaultMaxLen) + `"}`, true},
		{`{"free":"` + strings.Repeat("a", 9<<20) + `"}`, false},
		{`{"named":"` + strings.Repeat("a", DefaultMaxLen+1) + `"}`, false},
	} {
		vs, _, err := Validate(n, []byte(c.body), time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if (len(vs) == 0) != c.ok {
			t.Errorf("%d bytes: violations %v, want ok=%v", len(c.body), vs, c.ok)
		}
		if !c.ok && len(vs) > 0 && !strings.Contains(vs[0].Message, "16384") {
			t.Errorf("violation %q does not name the cap", vs[0].Message)
		}
	}
}

// FuzzUTF16Len holds UTF16Len to the definition it replaced:
// len(utf16.Encode([]rune(s))), on valid and invalid UTF-8 alike.
func FuzzUTF16Len(f *testing.F) {
	for _, s := range []string{"", "plain ascii", "héllo", "€", "😀 emoji", "a😀b😀", "\xff", "\xed\xa0\x80", "ok\xc3", "हिन्दी", "\U0010ffff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := UTF16Len(s), len(utf16.Encode([]rune(s))); got != want {
			t.Errorf("UTF16Len(%q) = %d, want %d", s, got, want)
		}
	})
}
