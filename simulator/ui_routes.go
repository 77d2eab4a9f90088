package simulator

import (
	"net/http"

	"github.com/jiocxsim/jiocxsim/simulator/ui"
)

// WithUI turns the web UI on or off. Default on; it is served at / and under
// /ui/ and needs the control plane, so WithoutControl turns it off too.
func WithUI(on bool) Option {
	return func(cfg *config) error { cfg.noUI = !on; return nil }
}

// uiRoutes mounts the web UI. "/" is matched exactly, so every other unknown
// path still answers the API's 404 and is counted. The UI's pages pass the
// same browser guard as /_sim (Host the simulator's own or a public host,
// Origin same-origin): a DNS name rebound to this address gets nothing from
// either.
func (s *Server) uiRoutes() {
	h := s.Guard(ui.Handler())
	s.router.Handle("/", h).Methods(http.MethodGet, http.MethodHead)
	s.router.Handle("/ui", s.Guard(http.RedirectHandler("/ui/", http.StatusMovedPermanently))).Methods(http.MethodGet, http.MethodHead)
	s.router.PathPrefix("/ui/").Handler(h).Methods(http.MethodGet, http.MethodHead)
}
