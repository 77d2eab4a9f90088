package simulator

import (
	"net/http"
	"sync"
	"time"
)

// timedClient wraps the callback client so that each POST's duration can be
// reported with its attempt (the dispatcher records when an attempt ended,
// not how long it took). Durations are on the simulator's clock.
func (s *Server) timedClient(c *http.Client) *http.Client {
	var cp http.Client
	if c != nil {
		cp = *c
	}
	base := cp.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	s.callbackTimes = &postTimes{last: map[string]time.Duration{}}
	cp.Transport = &timingTransport{base: base, now: s.clock.Now, times: s.callbackTimes}
	return &cp
}

// postTimes holds the duration of the latest POST to each URL until the
// attempt's observer takes it. Two accounts posting to one URL at the same
// instant may see each other's duration; nothing else depends on it.
type postTimes struct {
	mu   sync.Mutex
	last map[string]time.Duration
}

func (p *postTimes) take(url string) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	d := p.last[url]
	delete(p.last, url)
	return d
}

type timingTransport struct {
	base  http.RoundTripper
	now   func() time.Time
	times *postTimes
}

func (t *timingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	start := t.now()
	resp, err := t.base.RoundTrip(r)
	t.times.mu.Lock()
	if len(t.times.last) < 10_000 { // URLs whose attempts are never observed must not pile up
		t.times.last[r.URL.String()] = t.now().Sub(start)
	}
	t.times.mu.Unlock()
	return resp, err
}
