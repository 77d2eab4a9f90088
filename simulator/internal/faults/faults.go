// Package faults decides when a request is refused before its handler runs:
// Infobip's documented throttles (requests per window, per account and
// endpoint) and faults a test injects ("the next 2 sends answer 429").
package faults

import (
	"sync"
	"time"
)

// Limit is a throttle: at most Requests per Window.
type Limit struct {
	Requests int
	Window   time.Duration
}

// Fault answers the next Count requests to Path (any method when Method is
// empty) with Status instead of running them.
type Fault struct {
	Account string `json:"account,omitempty"`
	Method  string `json:"method,omitempty"`
	Path    string `json:"path"`
	Status  int    `json:"status"`
	Count   int    `json:"count"`
}

type window struct {
	start time.Time
	n     int
}

// Gate is safe for concurrent use.
type Gate struct {
	mu      sync.Mutex
	limits  map[string]Limit // path -> limit
	windows map[[2]string]*window
	faults  []Fault
}

// New returns a gate enforcing limits (by request path).
func New(limits map[string]Limit) *Gate {
	return &Gate{limits: limits, windows: map[[2]string]*window{}}
}

// Check records a request and returns the status to refuse it with, or 0 to
// let it through. Injected faults come first, then throttles.
func (g *Gate) Check(account, method, path string, now time.Time) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	for i := range g.faults {
		f := &g.faults[i]
		if f.Path == path && (f.Method == "" || f.Method == method) && (f.Account == "" || f.Account == account) && f.Count > 0 {
			f.Count--
			status := f.Status
			if f.Count == 0 {
				g.faults = append(g.faults[:i], g.faults[i+1:]...)
			}
			return status
		}
	}
	l, ok := g.limits[path]
	if !ok {
		return 0
	}
	k := [2]string{account, path}
	w := g.windows[k]
	if w == nil || now.Sub(w.start) >= l.Window || now.Before(w.start) {
		w = &window{start: now}
		g.windows[k] = w
	}
	if w.n >= l.Requests {
		return 429
	}
	w.n++
	return 0
}

// Inject adds a fault.
func (g *Gate) Inject(f Fault) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.faults = append(g.faults, f)
}

// Faults lists the faults still armed for an account (all when empty).
func (g *Gate) Faults(account string) []Fault {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := []Fault{}
	for _, f := range g.faults {
		if account == "" || f.Account == account {
			out = append(out, f)
		}
	}
	return out
}

// Reset disarms an account's faults and forgets its windows (all when empty).
func (g *Gate) Reset(account string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	kept := g.faults[:0]
	for _, f := range g.faults {
		if account != "" && f.Account != account {
			kept = append(kept, f)
		}
	}
	g.faults = kept
	for k := range g.windows {
		if account == "" || k[0] == account {
			delete(g.windows, k)
		}
	}
}
