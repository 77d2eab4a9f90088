package simulator

import (
	"net/http"
	"strings"

	"github.com/jiocxsim/jiocxsim/simulator/internal/templates"
)

// rcsManagementControlRoutes put senders in testing or launch them, and
// decide templates' reviews, for one account.
func (s *Server) rcsManagementControlRoutes(add func(method, path string, h controlHandler)) {
	add(http.MethodGet, "/senders", func(_ http.ResponseWriter, _ *http.Request, account string) (int, any) {
		if account == "" {
			return http.StatusBadRequest, controlError{Error: errAccountNeeded.Error()}
		}
		return http.StatusOK, map[string]any{"senders": s.knownSenders(account)}
	})
	add(http.MethodPut, "/senders", func(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
		var body struct {
			Sender      string   `json:"sender"`
			Phase       string   `json:"phase"`
			TestNumbers []string `json:"testNumbers"`
		}
		if err := readJSON(r, &body); err != nil || body.Sender == "" {
			return http.StatusBadRequest, controlError{Error: "body must be {\"sender\",\"phase\":\"testing\"|\"launched\",\"testNumbers\":[...]}"}
		}
		if account == "" {
			return http.StatusBadRequest, controlError{Error: errAccountNeeded.Error()}
		}
		var launched bool
		switch strings.ToLower(body.Phase) {
		case "testing":
		case "launched":
			launched = true
		default:
			return http.StatusBadRequest, controlError{Error: "phase must be testing or launched, not " + body.Phase}
		}
		for _, n := range body.TestNumbers {
			if !testNumberPattern.MatchString(n) {
				return http.StatusBadRequest, controlError{Error: "test number " + n + " is not in E.164 format"}
			}
		}
		return http.StatusOK, s.SetSenderPhase(account, body.Sender, launched, body.TestNumbers)
	})
	add(http.MethodGet, "/templates", func(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
		sender := r.URL.Query().Get("sender")
		if account == "" || sender == "" {
			return http.StatusBadRequest, controlError{Error: "?sender= is required and the request must name an account"}
		}
		return http.StatusOK, map[string]any{"templates": s.templates.List(account, sender, "")}
	})
	add(http.MethodPut, "/templates", func(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
		var body struct {
			Sender, Template, Provider, Status string
		}
		if err := readJSON(r, &body); err != nil || body.Sender == "" || body.Template == "" {
			return http.StatusBadRequest, controlError{Error: "body must be {\"sender\",\"template\",\"status\",\"provider\"(optional)}"}
		}
		if account == "" {
			return http.StatusBadRequest, controlError{Error: errAccountNeeded.Error()}
		}
		switch body.Status {
		case templates.Pending, templates.Approved, templates.Rejected, templates.Suspended:
		default:
			return http.StatusBadRequest, controlError{Error: "status must be PENDING, APPROVED, REJECTED or SUSPENDED"}
		}
		t, ok := s.SetTemplateStatus(account, body.Sender, body.Template, body.Provider, body.Status)
		if !ok {
			return http.StatusNotFound, controlError{Error: "no template " + body.Template + " for sender " + body.Sender}
		}
		return http.StatusOK, map[string]any{"name": t.Name, "status": t.Status(), "providers": t.Providers}
	})
}
