package simulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/internal/journal"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// DefaultJournalBodyBytes is how much of each request and answer body the
// request journal keeps.
const DefaultJournalBodyBytes = 4 << 10

// maxParsedAnswer bounds the answer kept in memory to read its messageIds
// and violations; a bulk of 1000 messages answers in about 150 KB.
const maxParsedAnswer = 4 << 20

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

// journalRequest feeds the metrics with a journaled request's outcome and,
// when keep, records it in the journal. start is the clock's time when the
// request came in (zero unless keep).
func (s *Server) journalRequest(r *http.Request, rec *observed, start time.Time, keep bool) {
	route := rec.note.route
	if route == "" {
		// Paths a client invents must not grow the metrics' label set.
		route = "unknown"
	}
	s.metrics.request(r.Method, route, rec.status)
	if r.Method != http.MethodGet && strings.HasPrefix(r.URL.Path, "/resource-management/") && rec.status < 300 {
		s.setupChanged(rec.note.Account) // inbound configurations are set-up a durable server keeps
	}
	if !keep {
		// Without a control plane nobody can read the journal: the request
		// is only counted for the metrics.
		return
	}
	account := rec.note.Account
	if account == "" && r.Header.Get("Authorization") != "" {
		// Routes the adapter never saw (unknown paths) still belong to the
		// account whose credentials they carry. The note keeps its empty
		// account: the log line names only what the adapter authenticated.
		if p, err := s.auth.Authenticate(r.Header.Get("Authorization")); err == nil {
			account = p.Account
		}
	}
	limit := s.cfg.obs.journalBody
	answer := rec.answer.Bytes()
	e := wire.RequestEntry{
		At: wire.NewTime(start), Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery,
		Status: rec.status, Duration: s.clock.Now().Sub(start).Milliseconds(), Account: account,
		RequestBody: rec.request.String(), Truncated: rec.request.cut || len(answer) > limit,
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
// empty), newest first. The journal keeps each request under its account's
// id, so f.Account may be that id or anything a Go caller names an account
// by (an API key, a configured name; see AccountOf).
func (s *Server) Requests(f RequestFilter) wire.RequestJournal {
	f.Account = s.acct(f.Account)
	return s.journal.List(f)
}

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
