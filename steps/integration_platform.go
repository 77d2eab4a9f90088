package steps

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/client"
	"github.com/jiocxsim/jiocxsim/simulator/clock"
)

// PlatformTimeout is how long the platform waits for a callback endpoint to
// answer (the simulator's default per-POST timeout).
const PlatformTimeout = 10 * time.Second

// Exchange is one API request the service made to the platform, as the
// request journal shows it.
type Exchange struct {
	ID           string
	At           time.Time
	Method, Path string
	Status       int
	RequestBody  string
	ResponseBody string
	Violations   []struct{ Property, Violation string }
}

// errNoJournal says the target keeps no request journal.
var errNoJournal = errors.New("the target keeps no request journal (GET /_sim/requests)")

// platform is the simulator the service under test talks to.
type platform struct {
	name    string
	base    string
	control *client.Client
	fake    bool
	// journal lists the service's requests, newest first, since mark.
	journal func(ctx context.Context) ([]Exchange, error)
	mark    func(ctx context.Context)
	// realTimes says the journal's times are wall-clock times (a remote
	// simulator on a fake clock stamps its own time).
	realTimes bool
	// callbackTimes are the durations of the platform's callback POSTs, by
	// URL; nil when the target cannot tell (a remote simulator).
	callbackTimes func(url string) []time.Duration
	close         func()
}

// recorder is the in-process platform's request journal: it sees every
// request before the simulator does.
type recorder struct {
	next http.Handler
	mu   sync.Mutex
	seq  int
	log  []Exchange // oldest first
	from int        // index of the scenario's first exchange
}

type statusWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (w *statusWriter) WriteHeader(s int) { w.status = s; w.ResponseWriter.WriteHeader(s) }
func (w *statusWriter) Write(b []byte) (int, error) {
	if w.body.Len() < 64<<10 {
		w.body.Write(b)
	}
	return w.ResponseWriter.Write(b)
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if strings.HasPrefix(req.URL.Path, "/_sim/") || strings.HasPrefix(req.URL.Path, "/t/") {
		r.next.ServeHTTP(w, req)
		return
	}
	body, _ := io.ReadAll(io.LimitReader(req.Body, 64<<20))
	req.Body = io.NopCloser(bytes.NewReader(body))
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	at := time.Now()
	r.next.ServeHTTP(sw, req)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seq++
	ex := Exchange{ID: strconv.Itoa(r.seq), At: at, Method: req.Method, Path: req.URL.Path, Status: sw.status, RequestBody: string(body), ResponseBody: sw.body.String()}
	ex.Violations = violationsOf(sw.body.Bytes())
	r.log = append(r.log, ex)
}

// violationsOf reads the violations of either error envelope.
func violationsOf(b []byte) []struct{ Property, Violation string } {
	var env struct {
		Violations []struct {
			Property  string `json:"property"`
			Violation string `json:"violation"`
		} `json:"violations"`
		RequestError struct {
			ServiceException struct {
				Text             string              `json:"text"`
				ValidationErrors map[string][]string `json:"validationErrors"`
			} `json:"serviceException"`
		} `json:"requestError"`
	}
	if json.Unmarshal(b, &env) != nil {
		return nil
	}
	var out []struct{ Property, Violation string }
	for _, v := range env.Violations {
		out = append(out, struct{ Property, Violation string }{v.Property, v.Violation})
	}
	for p, vs := range env.RequestError.ServiceException.ValidationErrors {
		for _, v := range vs {
			out = append(out, struct{ Property, Violation string }{p, v})
		}
	}
	return out
}

func (r *recorder) list(context.Context) ([]Exchange, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Exchange, 0, len(r.log)-r.from)
	for i := len(r.log) - 1; i >= r.from; i-- {
		out = append(out, r.log[i])
	}
	return out, nil
}

func (r *recorder) markNow(context.Context) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.from = len(r.log)
}

// timingTransport times the platform's callback POSTs.
type timingTransport struct {
	mu  sync.Mutex
	got map[string][]time.Duration
}

func (t *timingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err == nil {
		// The body is part of the answer: read it before the clock stops.
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(b))
	}
	t.mu.Lock()
	t.got[req.URL.String()] = append(t.got[req.URL.String()], time.Since(start))
	t.mu.Unlock()
	return resp, err
}

func (t *timingTransport) times(u string) []time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]time.Duration(nil), t.got[u]...)
}

// startInProcess starts the simulator the service sends to, on listen, on a
// fake clock, knowing only the service's key.
func startInProcess(cfg IntegrationConfig, listen string, extra []simulator.Option) (*platform, error) {
	if listen == "" {
		return nil, errors.New("the adapter names no platform address (platform: 127.0.0.1:18080): where does your service send?")
	}
	fake := clock.NewFake(time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC))
	timing := &timingTransport{got: map[string][]time.Duration{}}
	opts := []simulator.Option{
		simulator.WithClock(fake),
		simulator.WithAccounts(simulator.Account{Name: "service", APIKeys: []string{cfg.APIKey}}),
		simulator.WithHTTPClient(&http.Client{Transport: timing}),
	}
	sim, err := simulator.New(append(opts, extra...)...)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		_ = sim.Close(context.Background())
		return nil, fmt.Errorf("the platform cannot listen on %s, where your service sends: %w", listen, err)
	}
	rec := &recorder{next: sim}
	srv := &http.Server{Handler: rec, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	base := "http://" + ln.Addr().String()
	return &platform{
		name: "in-process simulator on " + base + " (fake clock)", base: base,
		control: client.New(base, client.WithAPIKey(cfg.APIKey)), fake: true,
		journal: rec.list, mark: rec.markNow, callbackTimes: timing.times, realTimes: true,
		close: func() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_ = srv.Shutdown(ctx)
			_ = sim.Close(ctx)
		},
	}, nil
}

// remotePlatform is a simulator at a base URL that the service sends to.
func remotePlatform(ctx context.Context, cfg IntegrationConfig, base, token string) (*platform, error) {
	r := &Remote{URL: base, ControlToken: token}
	if err := r.Probe(ctx); err != nil {
		return nil, err
	}
	if !r.control {
		return nil, fmt.Errorf("%s has no control plane: integration mode needs a simulator, not a real account", base)
	}
	opts := []client.Option{client.WithAPIKey(cfg.APIKey)}
	if token != "" {
		opts = append(opts, client.WithToken(token))
	}
	p := &platform{name: strings.TrimRight(base, "/") + " (simulator)", base: strings.TrimRight(base, "/"), control: client.New(base, opts...), fake: r.fake, realTimes: !r.fake, close: func() {}}
	var markID string
	j := &remoteJournal{base: p.base, key: cfg.APIKey, token: token}
	p.journal = func(ctx context.Context) ([]Exchange, error) {
		all, err := j.list(ctx)
		if err != nil {
			return nil, err
		}
		for i, e := range all {
			if e.ID == markID {
				return all[:i], nil
			}
		}
		return all, nil
	}
	p.mark = func(ctx context.Context) {
		markID = ""
		if all, err := j.list(ctx); err == nil && len(all) > 0 {
			markID = all[0].ID
		}
	}
	return p, nil
}

// remoteJournal reads a simulator's request journal (GET /_sim/requests).
type remoteJournal struct{ base, key, token string }

func (j *remoteJournal) list(ctx context.Context) ([]Exchange, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, j.base+"/_sim/requests?"+url.Values{"limit": {"1000"}}.Encode(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "App "+j.key)
	if j.token != "" {
		req.Header.Set(client.TokenHeader, j.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return nil, errNoJournal
	}
	var body struct {
		Requests []struct {
			ID           any             `json:"id"`
			At           string          `json:"at"`
			Method       string          `json:"method"`
			Path         string          `json:"path"`
			Status       int             `json:"status"`
			RequestBody  json.RawMessage `json:"requestBody"`
			ResponseBody json.RawMessage `json:"responseBody"`
			Violations   []struct {
				Property  string `json:"property"`
				Violation string `json:"violation"`
			} `json:"violations"`
		} `json:"requests"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET /_sim/requests answered HTTP %d (%v)", resp.StatusCode, err)
	}
	out := make([]Exchange, 0, len(body.Requests))
	for _, r := range body.Requests {
		e := Exchange{ID: fmt.Sprint(r.ID), Method: r.Method, Path: r.Path, Status: r.Status, RequestBody: rawText(r.RequestBody), ResponseBody: rawText(r.ResponseBody)}
		for _, layout := range []string{"2006-01-02T15:04:05.000-0700", time.RFC3339Nano} {
			if t, err := time.Parse(layout, r.At); err == nil {
				e.At = t
				break
			}
		}
		for _, v := range r.Violations {
			e.Violations = append(e.Violations, struct{ Property, Violation string }{v.Property, v.Violation})
		}
		out = append(out, e)
	}
	return out, nil
}

// rawText is a journal body as text: a JSON string's content, else the JSON.
func rawText(b json.RawMessage) string {
	var s string
	if json.Unmarshal(b, &s) == nil {
		return s
	}
	return string(b)
}
