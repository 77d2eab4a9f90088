package simulator

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
)

// ControlTokenHeader carries the control-plane token when one is configured.
const ControlTokenHeader = "X-Jiocxsim-Token"

// Message is one accepted message as the control plane shows it.
type Message = store.Message

// MessageFilter selects messages; empty fields match everything.
type MessageFilter = store.Filter

// controlError is the control plane's own error body; the /_sim/ API is the
// simulator's, not Infobip's, so it does not pretend to either envelope.
type controlError struct {
	Error string `json:"error"`
}

type controlHandler func(w http.ResponseWriter, r *http.Request, account string) (int, any)

// Control routes by who may call them (see control_access.go): most act on
// one account's data; these act on state every account shares, or report
// on the whole server.
var (
	controlSharedPaths = map[string]bool{"/clock": true, "/clock/advance": true}
	controlAdminPaths  = map[string]bool{"/unknown": true, "/limits": true}
)

func (s *Server) controlRoutes() {
	// Control routes are registered on the main router with their full path:
	// a PathPrefix subrouter would lose gorilla/mux's method-mismatch state
	// and answer 404 instead of 405 for a wrong method.
	add := func(method, path string, h controlHandler) {
		s.router.Handle("/_sim"+path, s.Guard(s.control(path, h))).Methods(method)
	}
	add(http.MethodGet, "/messages", s.ctlMessages)
	add(http.MethodGet, "/messages/{messageId}", s.ctlMessage)
	add(http.MethodPost, "/reset", s.ctlReset)
	add(http.MethodGet, "/unknown", func(http.ResponseWriter, *http.Request, string) (int, any) {
		return http.StatusOK, map[string]any{"calls": s.UnknownCalls(), "dropped": s.unknownDroppedCount()}
	})
	add(http.MethodGet, "/requests", s.ctlRequests)
	add(http.MethodGet, "/events/stream", s.ctlStream)
	add(http.MethodGet, "/export", s.ctlExport)
	add(http.MethodPost, "/import", s.ctlImport)
	s.moreControlRoutes(add)
	s.inboundControlRoutes(add)
	s.callbackFaultRoutes(add)
	s.rcsManagementControlRoutes(add)
	s.limitsControlRoutes(add)
}

// control wraps a control handler with the one account-scope decision
// (controlScope): every handler gets the account it may act on, "" meaning
// every account, and never sees a call it may not serve.
func (s *Server) control(path string, h controlHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var account string
		switch {
		case controlAdminPaths[path]:
			if !s.controlAdmin(w, r) {
				return
			}
		case controlSharedPaths[path]:
			if !s.controlShared(w, r) {
				return
			}
		default:
			var ok bool
			if account, ok = s.controlScope(w, r); !ok {
				return
			}
		}
		status, body := h(w, r, account)
		if r.Method != http.MethodGet && status < 300 {
			s.setupChanged(account) // a control write may change the set-up a durable server keeps
		}
		if status == 0 {
			return // the handler wrote its own answer (the event stream)
		}
		writeJSON(w, status, body)
	})
}

func (s *Server) ctlMessages(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
	q := r.URL.Query()
	f := MessageFilter{
		Account: account, Destination: strings.TrimSpace(q.Get("destination")), Channel: q.Get("channel"),
		Status: q.Get("status"), BulkID: q.Get("bulkId"), MessageID: q.Get("messageId"),
	}
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 0 {
			return http.StatusBadRequest, controlError{Error: "limit must be a non-negative integer"}
		}
		f.Limit = n
	}
	msgs := s.Messages(f)
	if msgs == nil {
		msgs = []*Message{}
	}
	return http.StatusOK, map[string]any{"messages": msgs}
}

func (s *Server) ctlMessage(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
	id := mux.Vars(r)["messageId"]
	m, ok := s.Message(account, id)
	if !ok {
		return http.StatusNotFound, controlError{Error: "no message " + id}
	}
	return http.StatusOK, m
}

func (s *Server) ctlReset(_ http.ResponseWriter, _ *http.Request, account string) (int, any) {
	return http.StatusOK, map[string]int{"removedMessages": s.Reset(account)}
}

// Messages returns the accepted messages that match f, oldest first.
func (s *Server) Messages(f MessageFilter) []*Message {
	f.Account = s.acct(f.Account)
	return s.store.List(f)
}

// Message returns the latest message with that id, in one account or in any
// when account is empty.
func (s *Server) Message(account, messageID string) (*Message, bool) {
	account = s.acct(account)
	return s.store.Get(account, messageID)
}

// Reset forgets what one account (every account when empty) did: messages,
// reports waiting to be pulled, settings, run-time number profiles, the
// callbacks still queued or waiting for a retry, the attempt log,
// forwarding configurations, opt-outs, inbound messages, events, DLT and
// tracking state. A POST already in flight finishes, unrecorded. Start-up
// profiles are restored. It returns how many
// messages were removed.
func (s *Server) Reset(account string) int {
	account = s.acct(account)
	n := s.store.Reset(account)
	s.pull.Reset(account)
	s.settings.reset(account)
	s.plan.Clear(account)
	for _, p := range s.cfg.profiles {
		if account == "" || p.Account == account {
			_ = s.plan.Set(p) // validated by WithProfiles
		}
	}
	s.dispatcher.Drop(account)
	s.dispatcher.ForgetHistory(account)
	s.inboundConfigs.Reset(account)
	s.subscribers.Reset(account)
	s.inboundLog.reset(account)
	s.conversations.reset(account)
	s.templates.Reset(account)
	s.senders.Reset(account)
	s.events.reset(account)
	s.gate.Reset(account)
	s.dlt.Reset(account)
	s.shortener.Reset(account)
	s.resetCallbackFaults(account)
	s.journal.Reset(account)
	return n
}
