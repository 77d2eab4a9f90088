package simulator

import (
	"errors"
	"net/http"

	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

func (s *Server) inboundControlRoutes(add func(method, path string, h controlHandler)) {
	add(http.MethodPost, "/inbound", func(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
		var in InboundMessage
		if err := readJSON(r, &in); err != nil {
			return http.StatusBadRequest, controlError{Error: "body must be an inbound message {\"from\",\"to\",\"text\"...}: " + err.Error()}
		}
		rec, err := s.Inbound(account, in)
		var ie *InboundError
		if errors.As(err, &ie) {
			return http.StatusBadRequest, controlError{Error: ie.Reason}
		}
		if err != nil {
			return http.StatusInternalServerError, controlError{Error: err.Error()}
		}
		return http.StatusOK, s.inboundLog.snapshot(rec)
	})
	add(http.MethodGet, "/inbound", func(_ http.ResponseWriter, _ *http.Request, account string) (int, any) {
		return http.StatusOK, map[string]any{"inbound": s.InboundRecords(account)}
	})
	add(http.MethodPut, "/inbound/config", func(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
		if account == "" {
			return http.StatusBadRequest, controlError{Error: errAccountNeeded.Error()}
		}
		var body struct {
			Channel  string  `json:"channel"`
			Resource string  `json:"resource"`
			Number   string  `json:"number"`
			URL      string  `json:"url"`
			Format   string  `json:"format"`
			Keyword  *string `json:"keyword"`
		}
		if err := readJSON(r, &body); err != nil {
			return http.StatusBadRequest, controlError{Error: "body must be {\"channel\",\"resource\"|\"number\",\"url\",\"format\"}: " + err.Error()}
		}
		if body.Channel == "" {
			body.Channel = "RCS"
		}
		req := wire.InboundConfigRequest{Channel: body.Channel, Resource: body.Resource, Number: body.Number, Keyword: body.Keyword}
		if body.URL != "" {
			req.Forwarding = &wire.Forwarding{Type: "HTTP_FORWARD", URL: body.URL, Format: body.Format}
		}
		if (req.Channel == "RCS" && req.Resource == "") || (req.Channel == "SMS" && req.Number == "") || (req.Channel != "RCS" && req.Channel != "SMS") {
			return http.StatusBadRequest, controlError{Error: "channel RCS needs resource (the sender), channel SMS needs number"}
		}
		if req.Channel == "RCS" && body.URL == "" {
			return http.StatusBadRequest, controlError{Error: "url is required for RCS forwarding"}
		}
		out, err := s.SetInboundConfig(account, req)
		if err != nil {
			var p *wire.Problem
			if errors.As(err, &p) && len(p.Violations) > 0 {
				return http.StatusBadRequest, controlError{Error: p.Violations[0].Property + " " + p.Violations[0].Violation}
			}
			return http.StatusBadRequest, controlError{Error: err.Error()}
		}
		return http.StatusOK, out
	})
	add(http.MethodGet, "/subscribers", func(_ http.ResponseWriter, _ *http.Request, account string) (int, any) {
		return http.StatusOK, map[string]any{"blocked": s.Blocks(account)}
	})
	add(http.MethodPut, "/subscribers", func(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
		var body struct {
			Sender string `json:"sender"`
			User   string `json:"user"`
		}
		if err := readJSON(r, &body); err != nil || body.Sender == "" || body.User == "" || account == "" {
			return http.StatusBadRequest, controlError{Error: "body must be {\"sender\",\"user\"} and the request must name an account"}
		}
		s.BlockUser(account, body.Sender, body.User)
		return http.StatusOK, map[string]any{"blocked": s.Blocks(account)}
	})
	add(http.MethodDelete, "/subscribers", func(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
		q := r.URL.Query()
		if account == "" || q.Get("sender") == "" || q.Get("user") == "" {
			return http.StatusBadRequest, controlError{Error: "?sender= and ?user= are required and the request must name an account"}
		}
		return http.StatusOK, map[string]bool{"unblocked": s.UnblockUser(account, q.Get("sender"), q.Get("user"))}
	})
	add(http.MethodGet, "/events", func(_ http.ResponseWriter, _ *http.Request, account string) (int, any) {
		return http.StatusOK, map[string]any{"events": s.Events(account)}
	})
}
