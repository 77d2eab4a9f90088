package simulator

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/jiocxsim/jiocxsim/simulator/internal/journal"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// DefaultJournalBodyBytes is how much of each request and answer body the
// request journal keeps.
const DefaultJournalBodyBytes = 4 << 10

// maxParsedAnswer bounds the answer kept in memory to read its messageIds
// and violations; a bulk of 1000 messages answers in about 150 KB.
const maxParsedAnswer = 4 << 20

// journalNote travels in the request's context so the route adapter can say
// whose request it was once it has authenticated it.
type journalNote struct{ account, route string }

type journalKey struct{}

// noteAccount tells the journal the account of the request being served.
func noteAccount(r *http.Request, account string) {
	if n, ok := r.Context().Value(journalKey{}).(*journalNote); ok {
		n.account = account
	}
}

// noteRoute tells the journal and the metrics which route serves the request.
func noteRoute(r *http.Request, template string) {
	if n, ok := r.Context().Value(journalKey{}).(*journalNote); ok {
		n.route = template
	}
}

// journaled says whether a path is part of the API an integration calls
// (known or not), as opposed to the control plane, probes, short links and
// the simulator's own pages.
func journaled(path string) bool {
	switch {
	case isControlPath(path), path == "/readyz", path == "/metrics", path == "/",
		strings.HasPrefix(path, "/t/"), strings.HasPrefix(path, "/ui/"), strings.HasPrefix(path, "/debug/"):
		return false
	}
	return true
}

// serveJournaled serves r through next and records it in the journal.
func (s *Server) serveJournaled(w http.ResponseWriter, r *http.Request, next http.Handler) {
	if !journaled(r.URL.Path) {
		next.ServeHTTP(w, r)
		return
	}
	// Without a control plane nobody can read the journal: the request is
	// only counted for the metrics.
	keep := !s.cfg.noControl
	limit := s.cfg.obs.journalBody
	start := s.clock.Now()
	note := &journalNote{}
	r = r.WithContext(context.WithValue(r.Context(), journalKey{}, note))
	var reqBody capped
	reqBody.limit = limit
	if keep && r.Body != nil {
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.TeeReader(r.Body, &reqBody), r.Body}
	}
	rec := &answerRecorder{ResponseWriter: w, status: http.StatusOK}
	if keep {
		rec.body.limit = maxParsedAnswer
	}
	next.ServeHTTP(rec, r)
	route := note.route
	if route == "" {
		// Paths a client invents must not grow the metrics' label set.
		route = "unknown"
	}
	s.metrics.request(r.Method, route, rec.status)
	if r.Method != http.MethodGet && strings.HasPrefix(r.URL.Path, "/resource-management/") && rec.status < 300 {
		s.setupChanged(note.account) // inbound configurations are set-up a durable server keeps
	}
	if !keep {
		return
	}

	if note.account == "" && r.Header.Get("Authorization") != "" {
		// Routes the adapter never saw (unknown paths) still belong to the
		// account whose credentials they carry.
		if p, err := s.auth.Authenticate(r.Header.Get("Authorization")); err == nil {
			note.account = p.Account
		}
	}
	answer := rec.body.Bytes()
	e := wire.RequestEntry{
		At: wire.NewTime(start), Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery,
		Status: rec.status, Duration: s.clock.Now().Sub(start).Milliseconds(), Account: note.account,
		RequestBody: reqBody.String(), Truncated: reqBody.cut || len(answer) > limit,
		Violations: []wire.Violation{}, MessageIDs: []string{},
	}
	e.ResponseBody = string(answer[:min(len(answer), limit)])
	if rec.status >= 400 {
		e.Violations = violationsOf(answer)
	} else {
		e.MessageIDs = messageIDsOf(answer)
	}
	s.journal.Add(e)
}

// capped is a buffer that keeps the first limit bytes written to it.
type capped struct {
	bytes.Buffer
	limit int
	cut   bool
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.limit - c.Len(); room < len(p) {
		c.cut = true
		if room > 0 {
			c.Buffer.Write(p[:room])
		}
		return len(p), nil
	}
	return c.Buffer.Write(p)
}

// answerRecorder passes an answer through and keeps its status and body.
type answerRecorder struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
	body        capped
}

func (a *answerRecorder) WriteHeader(code int) {
	if !a.wroteHeader {
		a.status, a.wroteHeader = code, true
	}
	a.ResponseWriter.WriteHeader(code)
}

func (a *answerRecorder) Write(p []byte) (int, error) {
	a.wroteHeader = true
	a.body.Write(p)
	return a.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the connection.
func (a *answerRecorder) Unwrap() http.ResponseWriter { return a.ResponseWriter }

// violationsOf reads the violations of an error answer in either envelope.
func violationsOf(body []byte) []wire.Violation {
	var ans struct {
		Violations   []wire.Violation `json:"violations"`
		RequestError struct {
			ServiceException struct {
				ValidationErrors map[string][]string `json:"validationErrors"`
			} `json:"serviceException"`
		} `json:"requestError"`
	}
	out := []wire.Violation{}
	if json.Unmarshal(body, &ans) != nil {
		return out
	}
	out = append(out, ans.Violations...)
	props := make([]string, 0, len(ans.RequestError.ServiceException.ValidationErrors))
	for p := range ans.RequestError.ServiceException.ValidationErrors {
		props = append(props, p)
	}
	sort.Strings(props)
	for _, p := range props {
		for _, v := range ans.RequestError.ServiceException.ValidationErrors[p] {
			out = append(out, wire.Violation{Property: p, Violation: v})
		}
	}
	return out
}

// messageIDsOf collects every "messageId" of an answer: the four send APIs
// and the events API each nest them differently. A scan rather than a
// decode keeps the send path's allocations down; the simulator writes its
// answers without spaces and its ids need no escapes.
func messageIDsOf(body []byte) []string {
	out := []string{}
	key := []byte(`"messageId":"`)
	for {
		i := bytes.Index(body, key)
		if i < 0 {
			return out
		}
		body = body[i+len(key):]
		end := bytes.IndexByte(body, '"')
		if end < 0 {
			return out
		}
		out = append(out, string(body[:end]))
		body = body[end:]
	}
}

// Requests returns an account's journaled API requests (every account's when
// empty), newest first.
func (s *Server) Requests(f RequestFilter) wire.RequestJournal { return s.journal.List(f) }

// RequestFilter selects journaled requests: Status is "400" or "4xx", Path a
// prefix; empty fields match everything.
type RequestFilter = journal.Filter

func (s *Server) ctlRequests(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
	q := r.URL.Query()
	f := RequestFilter{Account: account, Status: q.Get("status"), Path: q.Get("path"), Method: q.Get("method")}
	if !journal.ValidStatus(f.Status) {
		return http.StatusBadRequest, controlError{Error: "status must be an HTTP status (400) or a class (4xx)"}
	}
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 0 {
			return http.StatusBadRequest, controlError{Error: "limit must be a non-negative integer"}
		}
		f.Limit = n
	}
	return http.StatusOK, s.Requests(f)
}
