package steps

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Received is one request the callback endpoint got.
type Received struct {
	At     time.Time
	Body   []byte
	Status int // what the endpoint answered
}

// Sink is the harness's callback endpoint. Every scenario gets its own
// namespace, and every name in it is a URL: <base>/<namespace>/<name>.
type Sink struct {
	base string
	srv  *http.Server
	ln   net.Listener

	mu      sync.Mutex
	got     map[string][]Received
	scripts map[string][]int // statuses to answer, in order, before 200
	changed chan struct{}
}

// StartSink listens on listen (host:port; port 0 picks one) and serves the
// callback endpoint. publicURL is the base URL the target uses to reach it;
// empty means http://<the listening address>.
func StartSink(listen, publicURL string) (*Sink, error) {
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return nil, err
	}
	if publicURL == "" {
		publicURL = "http://" + ln.Addr().String()
	}
	s := &Sink{base: strings.TrimRight(publicURL, "/"), ln: ln, got: map[string][]Received{}, scripts: map[string][]int{}, changed: make(chan struct{})}
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// Close stops the endpoint.
func (s *Sink) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.srv.Shutdown(ctx)
}

// URL is the address of a named endpoint in a namespace.
func (s *Sink) URL(ns, name string) string { return s.base + "/" + ns + "/" + name }

// Refuse makes the named endpoint answer status to its next n requests.
func (s *Sink) Refuse(ns, name string, n, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := ns + "/" + name
	for i := 0; i < n; i++ {
		s.scripts[k] = append(s.scripts[k], status)
	}
}

func (s *Sink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 16<<20))
	k := strings.TrimPrefix(r.URL.Path, "/")
	s.mu.Lock()
	status := http.StatusOK
	if q := s.scripts[k]; len(q) > 0 {
		status, s.scripts[k] = q[0], q[1:]
	}
	s.got[k] = append(s.got[k], Received{At: time.Now(), Body: body, Status: status})
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
	w.WriteHeader(status)
}

// Requests returns what the named endpoint has received so far.
func (s *Sink) Requests(ns, name string) []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.got[ns+"/"+name]...)
}

// errTimeout is returned by Await when the condition did not come true.
var errTimeout = errors.New("timed out")

// Await blocks until cond holds for the named endpoint's requests, or the
// timeout passes; it is woken by every request, never polls.
func (s *Sink) Await(ns, name string, timeout time.Duration, cond func([]Received) bool) ([]Received, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		got := append([]Received(nil), s.got[ns+"/"+name]...)
		ch := s.changed
		s.mu.Unlock()
		if cond(got) {
			return got, nil
		}
		select {
		case <-ch:
		case <-deadline.C:
			return got, errTimeout
		}
	}
}
