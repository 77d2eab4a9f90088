package auth

import (
	"regexp"
	"strings"
	"testing"
)

// keyShapeRE is the documented shape as the regular expression the hand
// check replaced; the tests hold the two to the same answers.
var keyShapeRE = regexp.MustCompile(`^[0-9a-fA-F]{32}-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

const shapeKey = "003026bbc133714df1834b8638bb496e-8f4b3d9a-e931-478d-a994-28a725159ab9"

func TestWellFormedKey(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, key string
		want      bool
	}{
		{"documented shape", shapeKey, true},
		{"upper case hex", strings.ToUpper(shapeKey), true},
		{"mixed case", "003026BBc133714df1834b8638bb496e-8F4b3d9a-E931-478d-a994-28a725159AB9", true},
		{"empty", "", false},
		{"no dashes", strings.ReplaceAll(shapeKey, "-", ""), false},
		{"bare UUID", shapeKey[33:], false},
		{"one digit short", shapeKey[:len(shapeKey)-1], false},
		{"one digit more", shapeKey + "a", false},
		{"trailing newline", shapeKey + "\n", false},
		{"leading space", " " + shapeKey[1:], false},
		{"non-hex g", "g" + shapeKey[1:], false},
		{"dash moved", "003026bbc133714df1834b8638bb496-e8f4b3d9a-e931-478d-a994-28a725159ab9", false},
		{"dash replaced", strings.Replace(shapeKey, "-", "_", 1), false},
		{"last dash replaced", shapeKey[:55] + "x" + shapeKey[56:], false},
		{"multi-byte rune of the same length", "é" + shapeKey[2:], false},
		{"all dashes", strings.Repeat("-", len(shapeKey)), false},
	} {
		if got := WellFormedKey(tt.key); got != tt.want {
			t.Errorf("%s: WellFormedKey(%q) = %v, want %v", tt.name, tt.key, got, tt.want)
		}
		if re := keyShapeRE.MatchString(tt.key); re != tt.want {
			t.Errorf("%s: the table disagrees with the documented expression (%v)", tt.name, re)
		}
	}
}

// FuzzWellFormedKey holds the hand check to the regular expression's answers.
func FuzzWellFormedKey(f *testing.F) {
	f.Add(shapeKey)
	f.Add(strings.ToUpper(shapeKey))
	f.Add(shapeKey[:len(shapeKey)-1] + "-")
	f.Add("")
	f.Fuzz(func(t *testing.T, key string) {
		if got, want := WellFormedKey(key), keyShapeRE.MatchString(key); got != want {
			t.Errorf("WellFormedKey(%q) = %v, the expression says %v", key, got, want)
		}
	})
}

func BenchmarkWellFormedKey(b *testing.B) {
	for range b.N {
		if !WellFormedKey(shapeKey) {
			b.Fatal("refused")
		}
	}
}
