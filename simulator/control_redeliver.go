package simulator

import (
	"errors"
	"net/http"

	"github.com/jiocxsim/jiocxsim/simulator/internal/webhook"
)

// ctlRedeliver serves POST /_sim/webhooks/redeliver: with ?id= (or a body
// {"id":"fb-3"}) it requeues that one failed batch of the account, without
// one every failed batch of the account that has a URL.
func (s *Server) ctlRedeliver(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
	id := r.URL.Query().Get("id")
	if id == "" && r.ContentLength != 0 {
		var body struct {
			ID string `json:"id"`
		}
		if err := readJSON(r, &body); err != nil {
			return http.StatusBadRequest, controlError{Error: "body must be {} or {\"id\":\"fb-1\"} (a failed batch's id): " + err.Error()}
		}
		id = body.ID
	}
	if id == "" {
		n, err := s.RedeliverFailed(account)
		if err != nil {
			return http.StatusConflict, controlError{Error: err.Error()}
		}
		return http.StatusOK, map[string]int{"queued": n}
	}
	n, err := s.RedeliverFailedBatch(account, id)
	switch {
	case errors.Is(err, webhook.ErrNoFailedBatch):
		return http.StatusNotFound, controlError{Error: "id: no failed callback batch " + id + " (GET /_sim/webhooks/failed lists them)"}
	case errors.Is(err, webhook.ErrNowhereToSend):
		return http.StatusConflict, controlError{Error: "id: failed callback batch " + id + " still has no URL; set the account's report or inbound URL first"}
	case err != nil:
		return http.StatusConflict, controlError{Error: err.Error()}
	}
	return http.StatusOK, map[string]any{"queued": n, "id": id}
}

// RedeliverFailedBatch queues the one failed batch id of an account (any
// account when empty) again and returns how many callbacks were queued.
func (s *Server) RedeliverFailedBatch(account, id string) (int, error) {
	account = s.acct(account)
	return s.dispatcher.RedeliverBatch(account, id)
}
