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
// path still answers the API's 404 and is counted.
func (s *Server) uiRoutes() {
	h := ui.Handler()
	s.router.Handle("/", h).Methods(http.MethodGet, http.MethodHead)
	s.router.Handle("/ui", http.RedirectHandler("/ui/", http.StatusMovedPermanently)).Methods(http.MethodGet, http.MethodHead)
	s.router.PathPrefix("/ui/").Handler(h).Methods(http.MethodGet, http.MethodHead)
}
