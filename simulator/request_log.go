package simulator

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// Every request passes through observeRequest, which gives the handlers a
// requestNote to fill (whose request it was, what came of it), records the
// status and logs one line, like a dev server: API requests at info, the
// control plane and health checks at debug. It is the one place that sees
// each request and its outcome together, so other per-request observers
// (a request journal) belong here too.

// requestNote is what handling a request tells its observers beyond the
// response itself.
type requestNote struct {
	// Account is the account the request authenticated as.
	Account string
	// Problem is why the request was refused: the first violation of a 400,
	// or the reason credentials were refused.
	Problem string
}

type noteKey struct{}

// noteOf returns the request's note; a request that did not come through
// observeRequest gets a throwaway one.
func noteOf(r *http.Request) *requestNote {
	if n, ok := r.Context().Value(noteKey{}).(*requestNote); ok {
		return n
	}
	return &requestNote{}
}

// noteProblem records why a request was refused, in a few words.
func noteProblem(r *http.Request, p *wire.Problem) {
	n := noteOf(r)
	if n.Problem != "" {
		return
	}
	switch {
	case len(p.Violations) > 0:
		v := p.Violations[0]
		n.Problem = v.Property + ": " + v.Violation
	case p.Text != "":
		n.Problem = p.Text
	}
}

// statusRecorder captures the status of a response and, when asked, the
// start of its body (for the message ids in the log line).
type statusRecorder struct {
	http.ResponseWriter
	status  int
	keep    int // body bytes still to keep
	started bytes.Buffer
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(p []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	if s.keep > 0 {
		k := min(len(p), s.keep)
		s.started.Write(p[:k])
		s.keep -= k
	}
	return s.ResponseWriter.Write(p)
}

// Flush lets streaming handlers (long-polls, event streams) flush through.
func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// logBodyBytes bounds the answer scanned for message ids.
const logBodyBytes = 64 << 10

// maxLoggedIDs bounds the message ids one log line names.
const maxLoggedIDs = 3

func (s *Server) observeRequest(w http.ResponseWriter, r *http.Request, next http.Handler) {
	level := slog.LevelInfo
	if isControlPath(r.URL.Path) || r.URL.Path == "/readyz" {
		level = slog.LevelDebug
	}
	ctx := r.Context()
	if !s.log.Enabled(ctx, level) {
		next.ServeHTTP(w, r)
		return
	}
	note := &requestNote{}
	rec := &statusRecorder{ResponseWriter: w, keep: logBodyBytes}
	next.ServeHTTP(rec, r.WithContext(context.WithValue(ctx, noteKey{}, note)))
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	attrs := []slog.Attr{
		// An unknown path can be as long as the header limit: cut it as the
		// journal and the unknown-path counter do.
		slog.String("method", r.Method), slog.String("path", truncateKey(r.URL.Path)), slog.Int("status", rec.status),
	}
	if note.Account != "" {
		// The account's id (see AccountID), as the control plane shows it:
		// never a key, and the same string ?account= and the journal take.
		attrs = append(attrs, slog.String("account", note.Account))
	}
	if rec.status < 300 {
		if ids := messageIDs(rec.started.Bytes()); len(ids) > 0 {
			attrs = append(attrs, slog.String("messageId", ids))
		}
	} else if note.Problem != "" {
		attrs = append(attrs, slog.String("problem", note.Problem))
	}
	s.log.LogAttrs(ctx, level, "request", attrs...)
}

var messageIDField = regexp.MustCompile(`"messageId":"([^"\\]*)"`)

// messageIDs lists the distinct message ids of an answer, a few at most.
func messageIDs(body []byte) string {
	var ids []string
	seen := map[string]bool{}
	more := 0
	for _, m := range messageIDField.FindAllSubmatch(body, -1) {
		id := string(m[1])
		if seen[id] {
			continue
		}
		seen[id] = true
		if len(ids) == maxLoggedIDs {
			more++
			continue
		}
		ids = append(ids, id)
	}
	out := strings.Join(ids, ",")
	if more > 0 {
		out += ",+" + strconv.Itoa(more) + " more"
	}
	return out
}
