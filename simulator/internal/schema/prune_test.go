package schema

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// pruneCopy is Prune as it was before it worked in place: a new tree built
// from what the schema declares. FuzzPruneInPlace holds the two to the same
// result.
func pruneCopy(n Node, v any) any {
	switch n := n.(type) {
	case *ArrayNode:
		arr, ok := v.([]any)
		if !ok {
			return v
		}
		out := make([]any, len(arr))
		for i, item := range arr {
			out[i] = pruneCopy(n.item, item)
		}
		return out
	case *ObjectNode:
		obj, ok := v.(map[string]any)
		if !ok {
			return v
		}
		out := make(map[string]any, len(n.fields))
		for _, f := range n.fields {
			if val, present := obj[f.Name]; present {
				out[f.Name] = pruneCopy(f.Node, val)
			}
		}
		return out
	case *UnionNode:
		obj, ok := v.(map[string]any)
		if !ok {
			return v
		}
		name, _ := obj[n.prop].(string)
		variant := n.variants[name]
		if variant == nil {
			return v
		}
		out, ok := pruneCopy(variant, v).(map[string]any)
		if !ok {
			return v
		}
		out[n.prop] = obj[n.prop]
		return out
	}
	return v
}

// pruneSchema nests every node kind that prunes.
func pruneSchema() Node {
	leaf := Object(Opt("x", Int()), Opt("y", String()), Opt("x", Any()))
	return Object(
		Req("a", Array(Union("type", map[string]Node{
			"X": Object(Opt("x", Int()), Opt("inner", leaf)),
			"Y": Object(Opt("type", String()), Opt("list", Array(leaf))),
		}))),
		Opt("b", String()),
		Opt("c", Array(Array(leaf))),
		Opt("d", AnyObject()),
	)
}

func FuzzPruneInPlace(f *testing.F) {
	for _, s := range []string{
		`{"a":[{"type":"X","x":1,"junk":true,"inner":{"x":2,"z":3}}],"B":"dup","c":[[{"x":1,"q":2}],null],"d":{"k":1}}`,
		`{"a":[{"type":"Y","list":[{"y":"s","x":"t","w":1},null,5],"other":[1]},{"type":"Z","n":1},7,null]}`,
		`{"a":{"type":"X"},"b":1,"c":{"x":1}}`,
		`[{"a":1}]`,
		`{"a":[{"type":["X"],"x":1}]}`,
	} {
		f.Add([]byte(s))
	}
	n := pruneSchema()
	f.Fuzz(func(t *testing.T, body []byte) {
		v1, err := Decode(body)
		if err != nil {
			return
		}
		v2, _ := Decode(body)
		want := pruneCopy(n, v1)
		got := Prune(n, v2)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("in-place prune differs (-copy +in place):\n%s", diff)
		}
		a, _ := json.Marshal(want)
		b, _ := json.Marshal(got)
		if string(a) != string(b) {
			t.Errorf("encodings differ: %s vs %s", a, b)
		}
	})
}
