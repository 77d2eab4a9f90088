package simulator

import (
	"errors"
	"net/http"
	"strings"

	"github.com/jiocxsim/jiocxsim/simulator/internal/auth"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// createSession serves POST /auth/1/session.
func (s *Server) createSession(c *call) (int, any, error) {
	var req wire.SessionRequest
	if err := s.decode(c, s.schemas.session, &req); err != nil {
		return 0, nil, err
	}
	tok, err := s.auth.NewSession(req.Username, req.Password)
	if err != nil && !errors.Is(err, auth.ErrInvalid) {
		return 0, nil, err // the random source failed: a 500
	}
	if err != nil {
		return 0, nil, &wire.Problem{HTTPStatus: http.StatusUnauthorized, Text: "Invalid login details"}
	}
	return http.StatusOK, wire.SessionResponse{Token: tok}, nil
}

// endSession serves DELETE /auth/1/session.
func (s *Server) endSession(c *call) (int, any, error) {
	h := c.r.Header.Get("Authorization")
	scheme, tok, _ := strings.Cut(strings.TrimSpace(h), " ")
	if !strings.EqualFold(scheme, "IBSSO") {
		return 0, nil, &wire.Problem{HTTPStatus: http.StatusUnauthorized}
	}
	s.auth.EndSession(strings.TrimSpace(tok))
	return http.StatusNoContent, nil, nil
}

// createToken serves POST /auth/1/oauth2/token (form-encoded client credentials).
func (s *Server) createToken(c *call) (int, any, error) {
	form, err := parseForm(c.body)
	if err != nil {
		return 0, nil, badRequest("body", "must be application/x-www-form-urlencoded: "+err.Error())
	}
	var missing []wire.Violation
	for _, k := range []string{"client_id", "client_secret", "grant_type"} {
		if form.Get(k) == "" {
			missing = append(missing, wire.Violation{Property: k, Violation: "must not be null"})
		}
	}
	if len(missing) > 0 {
		return 0, nil, &wire.Problem{HTTPStatus: http.StatusBadRequest, Violations: missing}
	}
	if gt := form.Get("grant_type"); gt != "client_credentials" {
		return 0, nil, badRequest("grant_type", "must be client_credentials (authorization_code is not simulated)")
	}
	tok, life, err := s.auth.NewToken(form.Get("client_id"), form.Get("client_secret"))
	if err != nil && !errors.Is(err, auth.ErrInvalid) {
		return 0, nil, err // the random source failed: a 500
	}
	if err != nil {
		return 0, nil, &wire.Problem{HTTPStatus: http.StatusUnauthorized, Text: "Invalid login details"}
	}
	return http.StatusOK, wire.TokenResponse{AccessToken: tok, ExpiresIn: life, TokenType: "Bearer"}, nil
}
