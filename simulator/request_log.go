package simulator

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// Every request passes through observeRequest, which gives the handlers a
// requestNote to fill (whose request it was, which route served it, what
// came of it) and, from one writer that captures the answer, feeds the
// metrics, the request journal and the request log: one line per request,
// like a dev server, API requests at info, the control plane and health
// checks at debug. It is the one place that sees each request and its
// outcome together, so any other per-request observer belongs here too.

// requestNote is what handling a request tells its observers beyond the
// response itself.
type requestNote struct {
	// Account is the account the request authenticated as.
	Account string
	// Problem is why the request was refused: the first violation of a 400,
	// or the reason credentials were refused.
	Problem string
	// route is the template of the route that served the request.
	route string
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

// noteAccount tells the observers the account of the request being served.
func noteAccount(r *http.Request, account string) { noteOf(r).Account = account }

// noteRoute tells the journal and the metrics which route serves the request.
func noteRoute(r *http.Request, template string) { noteOf(r).route = template }

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

// observed is one request under observation: the writer handed to the
// handlers, the note they fill, and the request body as read. It is one
// allocation per request, the note and the body reader pointing into it.
type observed struct {
	http.ResponseWriter
	note    requestNote
	status  int    // 0 until the handler writes
	answer  capped // the start of the answer, for the journal and the log
	request capped // the start of the request body, for the journal
	body    teeBody
}

// teeBody is the request body as the handlers read it: every byte read is
// also kept in the journal's copy.
type teeBody struct {
	rc   io.ReadCloser
	keep *capped
}

func (t *teeBody) Read(p []byte) (int, error) {
	n, err := t.rc.Read(p)
	if n > 0 {
		t.keep.Write(p[:n])
	}
	return n, err
}

func (t *teeBody) Close() error { return t.rc.Close() }

func (o *observed) WriteHeader(code int) {
	if o.status == 0 {
		o.status = code
	}
	o.ResponseWriter.WriteHeader(code)
}

func (o *observed) Write(p []byte) (int, error) {
	if o.status == 0 {
		o.status = http.StatusOK
	}
	if o.answer.limit > 0 {
		o.answer.Write(p)
	}
	return o.ResponseWriter.Write(p)
}

// Flush lets streaming handlers (long-polls, event streams) flush through.
func (o *observed) Flush() {
	if f, ok := o.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (o *observed) Unwrap() http.ResponseWriter { return o.ResponseWriter }

// logBodyBytes bounds the answer scanned for message ids.
const logBodyBytes = 64 << 10

// maxLoggedIDs bounds the message ids one log line names.
const maxLoggedIDs = 3

func (s *Server) observeRequest(w http.ResponseWriter, r *http.Request, next http.Handler) {
	path := r.URL.Path
	level := slog.LevelInfo
	if isControlPath(path) || path == "/readyz" {
		level = slog.LevelDebug
	}
	ctx := r.Context()
	logged := s.log.Enabled(ctx, level)
	counted := journaled(path) // the metrics count what the journal would keep
	if !logged && !counted {
		next.ServeHTTP(w, r)
		return
	}
	// Without a control plane nobody can read the journal.
	keep := counted && !s.cfg.noControl
	rec := &observed{ResponseWriter: w}
	var start time.Time
	switch {
	case keep:
		start = s.clock.Now()
		rec.answer.limit = maxParsedAnswer
		if r.Body != nil {
			rec.request.limit = s.cfg.obs.journalBody
			if n := r.ContentLength; n > 0 {
				// One allocation of the size kept, instead of growing as
				// the handler reads.
				rec.request.Grow(int(min(n, int64(rec.request.limit))))
			}
			rec.body = teeBody{rc: r.Body, keep: &rec.request}
		}
	case logged:
		rec.answer.limit = logBodyBytes
	}
	r = r.WithContext(context.WithValue(ctx, noteKey{}, &rec.note))
	if rec.body.rc != nil {
		r.Body = &rec.body
	}
	next.ServeHTTP(rec, r)
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	if logged {
		s.logRequest(ctx, level, r, rec)
	}
	if counted {
		s.journalRequest(r, rec, start, keep)
	}
}

// logRequest writes the log line of one request.
func (s *Server) logRequest(ctx context.Context, level slog.Level, r *http.Request, rec *observed) {
	attrs := []slog.Attr{
		// An unknown path can be as long as the header limit: cut it as the
		// journal and the unknown-path counter do.
		slog.String("method", r.Method), slog.String("path", truncateKey(r.URL.Path)), slog.Int("status", rec.status),
	}
	if rec.note.Account != "" {
		// The account's id (see AccountID), as the control plane shows it:
		// never a key, and the same string ?account= and the journal take.
		attrs = append(attrs, slog.String("account", rec.note.Account))
	}
	if rec.status < 300 {
		answer := rec.answer.String()
		if ids := messageIDs(answer[:min(len(answer), logBodyBytes)]); len(ids) > 0 {
			attrs = append(attrs, slog.String("messageId", ids))
		}
	} else if rec.note.Problem != "" {
		attrs = append(attrs, slog.String("problem", rec.note.Problem))
	}
	s.log.LogAttrs(ctx, level, "request", attrs...)
}

var messageIDField = regexp.MustCompile(`"messageId":"([^"\\]*)"`)

// messageIDs lists the distinct message ids of an answer, a few at most.
func messageIDs(body string) string {
	var ids []string
	seen := map[string]bool{}
	more := 0
	for _, m := range messageIDField.FindAllStringSubmatch(body, -1) {
		id := m[1]
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
