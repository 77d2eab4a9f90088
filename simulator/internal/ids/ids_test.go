package ids

import (
	"regexp"
	"testing"
)

func TestSameSeedSameIDs(t *testing.T) {
	t.Parallel()
	a, b := New(42, Random), New(42, Random)
	for i := 0; i < 5; i++ {
		if x, y := a.UUID("m"), b.UUID("m"); x != y {
			t.Fatalf("draw %d: %s != %s", i, x, y)
		}
	}
	if New(1, Random).UUID("m") == New(2, Random).UUID("m") {
		t.Fatal("different seeds gave the same first UUID")
	}
}

func TestShapes(t *testing.T) {
	t.Parallel()
	g := New(7, Random)
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	key := regexp.MustCompile(`^[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	num := regexp.MustCompile(`^[1-9][0-9]{18}$`)
	for i := 0; i < 100; i++ {
		if s := g.UUID("x"); !uuid.MatchString(s) {
			t.Fatalf("UUID %q", s)
		}
		if s := g.Numeric("x"); !num.MatchString(s) {
			t.Fatalf("Numeric %q", s)
		}
		if s := g.APIKey(); !key.MatchString(s) {
			t.Fatalf("APIKey %q", s)
		}
	}
	c := New(0, Counter)
	if got := []string{c.UUID("rcs"), c.Numeric("sms"), c.UUID("bulk")}; got[0] != "rcs-1" || got[1] != "sms-2" || got[2] != "bulk-3" {
		t.Fatalf("counter ids %v", got)
	}
}
