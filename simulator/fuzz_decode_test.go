package simulator_test

// A differential fuzz test of the decoding step: for every body the schema
// accepts, the typed request the server builds now (schema.Filler, copying
// the checked tree) must equal the one the old path built (re-encoding the
// tree and decoding it with encoding/json), error text included. It is
// seeded with every send fuzz target's seeds and stored corpus.
//
//	go test -run='^$' -fuzz='^FuzzDecodeOnce$' -fuzztime=30s ./simulator/

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator"
)

func FuzzDecodeOnce(f *testing.F) {
	for _, ep := range []fzEndpoint{fzEpRCSv1, fzEpRCSv1Bulk, fzEpRCSv2, fzEpSMSv2, fzEpSMSv3, fzEpPreview, fzEpMessagesAPI} {
		for _, s := range ep.seeds {
			f.Add([]byte(s.body))
		}
	}
	for _, b := range fzStoredCorpus(f) {
		f.Add(b)
	}
	routes := simulator.DecodeRoutes()
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, r := range routes {
			now, before, checked := r.DecodeBothWays(body)
			if !checked {
				continue
			}
			if diff := cmp.Diff(before, now, cmp.Comparer(func(a, b simulator.DecodeOutcome) bool {
				return a.Err == b.Err && cmp.Equal(a.Value, b.Value)
			})); diff != "" {
				t.Errorf("%s: decoded differently (-old +new, filled=%v):\n%s\nbody: %s", r.Path, now.Filled, cmp.Diff(before.Value, now.Value), body)
			}
		}
	})
}

// TestDecodeOnceFills makes sure the differential test compares something:
// the accepted seeds of every family decode through Fill, not the fallback.
func TestDecodeOnceFills(t *testing.T) {
	t.Parallel()
	byPath := map[string]simulator.DecodeRoute{}
	for _, r := range simulator.DecodeRoutes() {
		byPath[r.Path] = r
	}
	for _, ep := range []fzEndpoint{fzEpRCSv1, fzEpRCSv1Bulk, fzEpRCSv2, fzEpSMSv2, fzEpSMSv3, fzEpPreview, fzEpMessagesAPI} {
		r, ok := byPath[ep.path]
		if !ok {
			t.Fatalf("no decode route for %s", ep.path)
		}
		for _, s := range ep.seeds {
			if !s.ok {
				continue
			}
			now, before, checked := r.DecodeBothWays([]byte(s.body))
			if !checked {
				t.Errorf("%s %q: schema refused an accepted seed", ep.path, s.name)
				continue
			}
			if !now.Filled {
				t.Errorf("%s %q: fell back to re-encoding", ep.path, s.name)
			}
			if diff := cmp.Diff(before.Value, now.Value); diff != "" || now.Err != before.Err {
				t.Errorf("%s %q: (-old +new)\n%s\nerrors %q %q", ep.path, s.name, diff, before.Err, now.Err)
			}
		}
	}
}

// fzStoredCorpus reads the inputs stored under testdata/fuzz by every fuzz
// target of this package ("go test fuzz v1" files holding one []byte).
func fzStoredCorpus(tb testing.TB) [][]byte {
	files, err := filepath.Glob(filepath.Join("testdata", "fuzz", "*", "*"))
	if err != nil {
		tb.Fatal(err)
	}
	var out [][]byte
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		if len(lines) != 2 || lines[0] != "go test fuzz v1" || !strings.HasPrefix(lines[1], "[]byte(") {
			continue
		}
		s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
		if err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		out = append(out, []byte(s))
	}
	return out
}
