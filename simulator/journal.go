package simulator

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/internal/journal"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// DefaultJournalBodyBytes is how much of each request and answer body the
// request journal keeps.
const DefaultJournalBodyBytes = journal.DefaultBodyBytes

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
	// The journal cuts the answer and reads its ids or violations; both
	// bodies are the capture's own strings, not copies.
	s.journal.Add(wire.RequestEntry{
		At: wire.NewTime(start), Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery,
		Status: rec.status, Duration: s.clock.Now().Sub(start).Milliseconds(), Account: account,
		RequestBody: rec.request.String(), Truncated: rec.request.cut,
	}, rec.answer.String())
}

// capped keeps the first limit bytes written to it. It builds a string
// (strings.Builder) so that what it kept becomes the journal's body without
// another copy.
type capped struct {
	strings.Builder
	limit int
	cut   bool
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.limit - c.Len(); room < len(p) {
		c.cut = true
		if room > 0 {
			c.Builder.Write(p[:room])
		}
		return len(p), nil
	}
	return c.Builder.Write(p)
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
