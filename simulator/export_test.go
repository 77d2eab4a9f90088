package simulator

import (
	"net/http"
	"strings"

	"github.com/gorilla/mux"
)

// ControlRoutes lists "METHOD /_sim/..." for every registered control route,
// so the isolation test can fail when a route is added without a case.
func ControlRoutes(s *Server) []string {
	var out []string
	_ = s.router.Walk(func(r *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		tpl, err := r.GetPathTemplate()
		if err != nil || !strings.HasPrefix(tpl, "/_sim") {
			return nil
		}
		ms, _ := r.GetMethods()
		for _, m := range ms {
			out = append(out, m+" "+tpl)
		}
		return nil
	})
	return out
}

var _ = http.MethodGet
