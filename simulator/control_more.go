package simulator

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gorilla/mux"

	"github.com/jiocxsim/jiocxsim/simulator/clock"
	"github.com/jiocxsim/jiocxsim/simulator/internal/numberplan"
	"github.com/jiocxsim/jiocxsim/simulator/internal/schema"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// Long-poll bounds of GET /_sim/wait.
const (
	defaultWaitTimeout = 10 * time.Second
	maxWaitTimeout     = 5 * time.Minute
)

// ErrRealClock is returned by Advance on a server that runs on the wall clock.
var ErrRealClock = errors.New("simulator: the clock is real; start the server with a fake clock (--clock=fake) to advance it")

// Advance moves a fake clock forward by d, firing everything that falls due
// (deliveries, expiries, seen reports, callback retries) in order before it
// returns. Time moves from one due instant to the next, and at each the
// callbacks due are POSTed (real HTTP, so this waits for the client's
// endpoint) before time moves on, so a retry whose turn comes within d
// happens within d, at its own instant. A callback endpoint must not move
// the clock while it answers: Advance waits for that answer.
func (s *Server) Advance(d time.Duration) (time.Time, error) {
	f, ok := s.clock.(*clock.Fake)
	if !ok {
		return s.clock.Now(), ErrRealClock
	}
	if d < 0 {
		return f.Now(), errors.New("simulator: cannot advance by a negative duration")
	}
	s.advanceMu.Lock()
	defer s.advanceMu.Unlock()
	target := f.Now().Add(d)
	for {
		next, pending := f.NextDue()
		if !pending || next.After(target) {
			break
		}
		f.Set(next)
		// Let the callbacks this instant produced be attempted (and their
		// retries scheduled) before time moves on.
		_ = s.dispatcher.WaitIdle(context.Background())
	}
	f.Set(target)
	return f.Now(), nil
}

// NumberPlan is the plan as GET /_sim/numbers shows it.
type NumberPlan struct {
	ReservedRange string               `json:"reservedRange"`
	RCS           []numberplan.Rule    `json:"rcs"`
	SMS           []numberplan.Rule    `json:"sms"`
	Default       numberplan.Behavior  `json:"default"`
	Profiles      []numberplan.Profile `json:"profiles"`
}

// Numbers returns the plan and the profiles in force for an account (every
// profile when account is empty).
func (s *Server) Numbers(account string) NumberPlan {
	account = s.acct(account)
	return NumberPlan{
		ReservedRange: numberplan.ReservedPrefix + "RSNNNN",
		RCS:           numberplan.RCSRules(), SMS: numberplan.SMSRules(),
		Profiles: s.plan.Profiles(account),
	}
}

// Resolve says how a destination behaves for an account, and why.
func (s *Server) Resolve(account, number string) numberplan.Decision {
	account = s.acct(account)
	return s.plan.Resolve(account, number)
}

// SetProfile adds or replaces a profile; its Account field scopes it.
func (s *Server) SetProfile(p Profile) error {
	p.Account = s.acct(p.Account)
	return s.plan.Set(p)
}

// ClearProfiles removes the profiles of one account, or all profiles when
// account is empty (start-up profiles come back with Reset("")).
func (s *Server) ClearProfiles(account string) int {
	account = s.acct(account)
	return s.plan.Clear(account)
}

func (s *Server) moreControlRoutes(add func(method, path string, h controlHandler)) {
	add(http.MethodGet, "/clock", func(_ http.ResponseWriter, _ *http.Request, _ string) (int, any) {
		f, fake := s.clock.(*clock.Fake)
		out := map[string]any{"now": s.clock.Now(), "fake": fake}
		if fake {
			out["pendingTimers"] = f.Pending()
		}
		return http.StatusOK, out
	})
	add(http.MethodPost, "/clock/advance", s.ctlAdvance)
	add(http.MethodGet, "/numbers", func(_ http.ResponseWriter, _ *http.Request, account string) (int, any) {
		return http.StatusOK, s.Numbers(account)
	})
	add(http.MethodGet, "/numbers/{number}", func(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
		n := mux.Vars(r)["number"]
		return http.StatusOK, map[string]any{"number": numberplan.Normalize(n), "decision": s.Resolve(account, n), "capability": s.Capability(account, n)}
	})
	add(http.MethodPut, "/numbers/profiles", s.ctlSetProfile)
	add(http.MethodPost, "/numbers/profiles", s.ctlSetProfile)
	add(http.MethodDelete, "/numbers/profiles", func(_ http.ResponseWriter, _ *http.Request, account string) (int, any) {
		return http.StatusOK, map[string]int{"removedProfiles": s.ClearProfiles(account)}
	})
	add(http.MethodGet, "/settings", func(_ http.ResponseWriter, _ *http.Request, account string) (int, any) {
		if account == "" {
			return http.StatusBadRequest, controlError{Error: "settings belong to an account: send its Authorization or ?account="}
		}
		return http.StatusOK, s.Settings(account)
	})
	add(http.MethodPut, "/settings", s.ctlSetSettings)
	add(http.MethodGet, "/webhooks/attempts", s.ctlAttempts)
	add(http.MethodGet, "/webhooks/failed", func(_ http.ResponseWriter, _ *http.Request, account string) (int, any) {
		return http.StatusOK, map[string]any{"failed": s.FailedWebhooks(account)}
	})
	add(http.MethodPost, "/webhooks/redeliver", s.ctlRedeliver)
	add(http.MethodGet, "/wait", s.ctlWait)
	add(http.MethodPut, "/faults", func(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
		var f Fault
		if err := readJSON(r, &f); err != nil {
			return http.StatusBadRequest, controlError{Error: "body must be {\"path\",\"status\",\"count\",\"method\"}: " + err.Error()}
		}
		if account != "" {
			f.Account = account
		}
		if err := s.InjectFault(f); err != nil {
			return http.StatusBadRequest, controlError{Error: err.Error()}
		}
		return http.StatusOK, map[string]any{"faults": s.gate.Faults(account)}
	})
	add(http.MethodGet, "/dlt", func(_ http.ResponseWriter, _ *http.Request, account string) (int, any) {
		reg, mode := s.DLT(account)
		return http.StatusOK, map[string]any{"mode": mode, "registry": reg}
	})
	add(http.MethodPut, "/dlt", func(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
		if account == "" {
			return http.StatusBadRequest, controlError{Error: errAccountNeeded.Error()}
		}
		var reg DLTRegistry
		if err := readJSON(r, &reg); err != nil {
			return http.StatusBadRequest, controlError{Error: "body must be a registry {\"entities\",\"headers\",\"templates\",\"telemarketers\"}: " + err.Error()}
		}
		if err := s.SetDLTRegistry(account, reg); err != nil {
			return http.StatusBadRequest, controlError{Error: err.Error()}
		}
		return http.StatusOK, map[string]any{"mode": s.dlt.Mode(account), "registry": reg}
	})
	add(http.MethodPut, "/dlt/mode", func(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
		var body struct {
			Mode string `json:"mode"`
		}
		if err := readJSON(r, &body); err != nil || account == "" {
			return http.StatusBadRequest, controlError{Error: "body must be {\"mode\":\"strict|lenient|off\"} and the request must name an account"}
		}
		if err := s.SetDLTMode(account, body.Mode); err != nil {
			return http.StatusBadRequest, controlError{Error: err.Error()}
		}
		return http.StatusOK, map[string]string{"mode": body.Mode}
	})
	add(http.MethodGet, "/links", func(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
		return http.StatusOK, map[string]any{"links": s.Links(account, r.URL.Query().Get("messageId"))}
	})
	add(http.MethodPost, "/clicks", func(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
		var body struct {
			Code            string                `json:"code"`
			MessageID       string                `json:"messageId"`
			URL             string                `json:"url"`
			RecipientInfo   *wire.RecipientInfo   `json:"recipientInfo"`
			GeoLocationInfo *wire.GeoLocationInfo `json:"geoLocationInfo"`
		}
		if err := readJSON(r, &body); err != nil {
			return http.StatusBadRequest, controlError{Error: "body must be {\"code\"} or {\"messageId\",\"url\"}: " + err.Error()}
		}
		if body.Code == "" {
			for _, l := range s.Links(account, body.MessageID) {
				if body.MessageID != "" && (body.URL == "" || l.URL == body.URL) {
					body.Code = l.Code
					break
				}
			}
		}
		if account != "" && !s.ownsLink(account, body.Code) {
			body.Code = "" // another account's link is not this caller's to click
		}
		l, err := s.Click(body.Code, body.RecipientInfo, body.GeoLocationInfo)
		if err != nil && l.URL == "" {
			return http.StatusNotFound, controlError{Error: "no short link matches: name its code, or the messageId (and url) of a tracked message"}
		}
		return http.StatusOK, l
	})
	add(http.MethodGet, "/tracking/domains", func(_ http.ResponseWriter, _ *http.Request, account string) (int, any) {
		return http.StatusOK, map[string]any{"domains": s.shortener.Domains(account)}
	})
	add(http.MethodPut, "/tracking/domains", func(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
		var body struct {
			Domain   string `json:"domain"`
			Verified bool   `json:"verified"`
		}
		if err := readJSON(r, &body); err != nil || body.Domain == "" || account == "" {
			return http.StatusBadRequest, controlError{Error: "body must be {\"domain\",\"verified\"} and the request must name an account"}
		}
		s.SetCustomDomain(account, body.Domain, body.Verified)
		return http.StatusOK, map[string]any{"domains": s.shortener.Domains(account)}
	})
	add(http.MethodGet, "/faults", func(_ http.ResponseWriter, _ *http.Request, account string) (int, any) {
		return http.StatusOK, map[string]any{"faults": s.gate.Faults(account)}
	})
}

func readJSON(r *http.Request, dst any) error {
	b, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return err
	}
	if len(b) == 0 {
		return errors.New("the request needs a JSON body")
	}
	return json.Unmarshal(b, dst)
}

func (s *Server) ctlAdvance(_ http.ResponseWriter, r *http.Request, _ string) (int, any) {
	by := r.URL.Query().Get("by")
	if by == "" && r.ContentLength != 0 {
		var body struct {
			By string `json:"by"`
		}
		if err := readJSON(r, &body); err != nil {
			return http.StatusBadRequest, controlError{Error: "body must be {\"by\":\"90s\"}: " + err.Error()}
		}
		by = body.By
	}
	d, err := time.ParseDuration(by)
	if err != nil {
		return http.StatusBadRequest, controlError{Error: "by must be a Go duration such as 90s or 48h: " + strconv.Quote(by)}
	}
	now, err := s.Advance(d)
	if errors.Is(err, ErrRealClock) {
		return http.StatusConflict, controlError{Error: err.Error()}
	}
	if err != nil {
		return http.StatusBadRequest, controlError{Error: err.Error()}
	}
	return http.StatusOK, map[string]any{"now": now}
}

func (s *Server) ctlSetProfile(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
	var p Profile
	if err := readJSON(r, &p); err != nil {
		return http.StatusBadRequest, controlError{Error: "body must be a profile {\"number\"|\"prefix\",\"rcs\",\"sms\"}: " + err.Error()}
	}
	if account != "" {
		p.Account = account
	}
	if err := s.SetProfile(p); err != nil {
		return http.StatusBadRequest, controlError{Error: err.Error()}
	}
	return http.StatusOK, s.Numbers(account)
}

func (s *Server) ctlSetSettings(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
	if account == "" {
		return http.StatusBadRequest, controlError{Error: "settings belong to an account: send its Authorization or ?account="}
	}
	var v AccountSettings
	if err := readJSON(r, &v); err != nil {
		return http.StatusBadRequest, controlError{Error: "body must be {\"deliveryReportUrl\":...}: " + err.Error()}
	}
	for name, u := range map[string]string{"deliveryReportUrl": v.DeliveryReportURL, "seenReportUrl": v.SeenReportURL} {
		if u != "" && !schema.IsHTTPURL(u) {
			return http.StatusBadRequest, controlError{Error: name + " must be an absolute http(s) URL, not " + strconv.Quote(u)}
		}
	}
	s.SetSettings(account, v)
	return http.StatusOK, v
}

func (s *Server) ctlWait(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
	q := r.URL.Query()
	id := q.Get("messageId")
	if id == "" {
		return http.StatusBadRequest, controlError{Error: "messageId is required"}
	}
	timeout, ok := waitTimeout(q)
	if !ok {
		return http.StatusBadRequest, controlError{Error: "timeout must be a positive Go duration such as 10s"}
	}
	cond := Condition{Status: q.Get("status"), Final: q.Get("final") == "true", ReportDelivered: q.Get("reportDelivered") == "true"}
	if cond.Status != "" && !knownStatus(cond.Status) {
		return http.StatusBadRequest, controlError{Error: "status must be a status name (DELIVERED_TO_HANDSET) or group name (DELIVERED), not " + strconv.Quote(cond.Status)}
	}
	ctx, cancel := s.pollContext(r, timeout)
	defer cancel()
	m, err := s.WaitFor(ctx, account, id, cond)
	switch {
	case errors.Is(err, ErrNoMessage):
		return http.StatusNotFound, controlError{Error: "no message " + id}
	case err != nil && s.shuttingDown():
		return http.StatusServiceUnavailable, map[string]any{"error": "the simulator is shutting down", "message": m}
	case err != nil:
		return http.StatusRequestTimeout, map[string]any{"error": "condition not met within " + timeout.String(), "message": m}
	}
	return http.StatusOK, m
}

// ctlAttempts lists callback attempts; with ?atLeast=N it long-polls until
// there are N (or ?timeout= passes, answering 408 with what there is).
func (s *Server) ctlAttempts(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
	q := r.URL.Query()
	n := 0
	if v := q.Get("atLeast"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 0 {
			return http.StatusBadRequest, controlError{Error: "atLeast must be a non-negative integer"}
		}
	}
	timeout, ok := waitTimeout(q)
	if !ok {
		return http.StatusBadRequest, controlError{Error: "timeout must be a positive Go duration such as 10s"}
	}
	ctx, cancel := s.pollContext(r, timeout)
	defer cancel()
	got, err := s.WaitForAttempts(ctx, account, n)
	body := map[string]any{"attempts": got, "pending": s.dispatcher.Pending()}
	if err != nil && s.shuttingDown() {
		body["error"] = "the simulator is shutting down"
		return http.StatusServiceUnavailable, body
	}
	if err != nil {
		body["error"] = "fewer than " + strconv.Itoa(n) + " attempts within " + timeout.String()
		return http.StatusRequestTimeout, body
	}
	return http.StatusOK, body
}

// waitTimeout reads a long-poll's ?timeout= (default 10 s, at most 5 min).
func waitTimeout(q url.Values) (time.Duration, bool) {
	v := q.Get("timeout")
	if v == "" {
		return defaultWaitTimeout, true
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, false
	}
	return min(d, maxWaitTimeout), true
}

func (s *Server) ownsLink(account, code string) bool {
	for _, l := range s.Links(account, "") {
		if l.Code == code {
			return true
		}
	}
	return false
}
