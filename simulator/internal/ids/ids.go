// Package ids makes the message, bulk and token ids the simulator hands out,
// from one seeded source per server so that a run can be replayed.
package ids

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
)

// Mode selects how ids look.
type Mode int

const (
	// Random ids look like Infobip's: UUIDs for RCS, 19-digit numbers for SMS.
	Random Mode = iota
	// Counter ids are short and sequential (rcs-1, sms-2, bulk-3), for golden files.
	Counter
)

// Generator hands out ids. It is safe for concurrent use.
type Generator struct {
	mu   sync.Mutex
	mode Mode
	rng  *rand.Rand
	n    uint64
	// epoch counts the restarts of a durable simulator (Resume).
	epoch uint64
}

// New returns a generator seeded with seed.
func New(seed uint64, mode Mode) *Generator {
	return &Generator{mode: mode, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// UUID returns a version-4-shaped UUID, or "<prefix>-N" in counter mode.
func (g *Generator) UUID(prefix string) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.mode == Counter {
		g.n++
		return prefix + "-" + strconv.FormatUint(g.n, 10)
	}
	return g.uuidLocked()
}

// uuidLocked draws a version-4 UUID; g.mu must be held.
func (g *Generator) uuidLocked() string {
	a, b := g.rng.Uint64(), g.rng.Uint64()
	a = (a &^ (0xf << 12)) | (0x4 << 12) // version 4
	b = (b &^ (0x3 << 62)) | (0x2 << 62) // RFC 4122 variant
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", a>>32, (a>>16)&0xffff, a&0xffff, b>>48, b&0xffffffffffff)
}

// Numeric returns a 19-digit decimal id, or "<prefix>-N" in counter mode.
func (g *Generator) Numeric(prefix string) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.mode == Counter {
		g.n++
		return prefix + "-" + strconv.FormatUint(g.n, 10)
	}
	return strconv.FormatUint(1_000_000_000_000_000_000+g.rng.Uint64N(8_000_000_000_000_000_000), 10)
}

// Hex returns n random lowercase hex digits (for tokens and API keys).
func (g *Generator) Hex(n int) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.hexLocked(n)
}

func (g *Generator) hexLocked(n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[g.rng.IntN(16)]
	}
	return string(b)
}

// APIKey returns a key in Infobip's shape: 32 hex digits, a dash, a UUID
// (in every mode: an API key must look real).
func (g *Generator) APIKey() string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.hexLocked(32) + "-" + g.uuidLocked()
}

// Code returns a short link code: 8 base-62 characters, or "l<N>" in counter mode.
func (g *Generator) Code() string {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.mode == Counter {
		g.n++
		return "l" + strconv.FormatUint(g.n, 10)
	}
	const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	b := make([]byte, 8)
	for i := range b {
		b[i] = alphabet[g.rng.IntN(len(alphabet))]
	}
	return string(b)
}

// Position is where a generator stands: enough for a restarted simulator to
// go on without handing out an id again.
type Position struct {
	// Epoch counts restarts: each one draws from a fresh stream of the seed.
	Epoch uint64 `json:"epoch"`
	// N is the counter of counter mode.
	N uint64 `json:"n"`
}

// Position returns the generator's position.
func (g *Generator) Position() Position {
	g.mu.Lock()
	defer g.mu.Unlock()
	return Position{Epoch: g.epoch, N: g.n}
}

// CounterMargin is how far a resumed counter skips past the saved position:
// ids handed out after the last save (at most one write-behind batch) are
// never handed out again.
const CounterMargin = 100_000

// Resume continues after a saved position: the next epoch's random stream
// (streams of one seed do not overlap in practice: 128-bit PCG states) and
// the counter past CounterMargin.
func (g *Generator) Resume(p Position, seed uint64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.epoch = p.Epoch + 1
	g.rng = rand.New(rand.NewPCG(seed^(g.epoch*0xbf58476d1ce4e5b9), seed^0x9e3779b97f4a7c15^g.epoch))
	g.n = p.N + CounterMargin
}
