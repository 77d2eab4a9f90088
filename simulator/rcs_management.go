package simulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"github.com/jiocxsim/jiocxsim/fixtures"
	"github.com/jiocxsim/jiocxsim/simulator/internal/senders"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/internal/templates"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// TemplateReviewDelay is how long a created template waits for its
// providers' (simulated) approval. The control plane can decide sooner.
const TemplateReviewDelay = time.Minute

// scopesRCSProvision are the x-scopes of the sender and template endpoints.
var scopesRCSProvision = []string{"rcs:manage", "rcs:provision"}

// rcsManagementRoutes are the documented sender and template endpoints.
func (s *Server) rcsManagementRoutes() []route {
	const get, post, put, patch, del = http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete
	r := func(method, path string, h handler) route {
		return route{method: method, path: path, env: wire.Modern, scopes: scopesRCSProvision, h: h}
	}
	return []route{
		r(get, "/rcs/1/senders", s.listSenders),
		r(get, "/rcs/1/senders/{senderName}/launch-status", s.launchStatus),
		r(get, "/rcs/1/senders/{senderName}/test-numbers", s.listTestNumbers),
		r(post, "/rcs/1/senders/{senderName}/test-numbers", s.addTestNumber),
		r(get, "/rcs/1/senders/{senderName}/test-numbers/{testNumber}", s.getTestNumber),
		r(get, "/rcs/1/senders/{sender}/templates", s.listTemplates),
		r(post, "/rcs/1/senders/{sender}/templates", s.createTemplate),
		r(get, "/rcs/1/senders/{sender}/templates/{templateName}", s.getTemplate),
		r(put, "/rcs/1/senders/{sender}/templates/{templateName}", s.updateTemplate),
		r(post, "/rcs/1/senders/{sender}/templates/{templateName}", s.updateTemplate),
		r(del, "/rcs/1/senders/{sender}/templates/{templateName}", s.deleteTemplate),
		r(get, "/rcs/1/senders/{sender}/templates/{templateName}/status", s.templateStatus),
		r(patch, "/rcs/1/senders/{sender}/templates/{templateName}/register", s.registerTemplate),
		r(get, "/rcs/1/templates/template-providers", s.templateProviders),
	}
}

func notFound(what string) *wire.Problem {
	return &wire.Problem{HTTPStatus: http.StatusNotFound, Text: what + " not found."}
}

// ---- senders

type pageInfo struct {
	Page         int `json:"page"`
	Size         int `json:"size"`
	TotalPages   int `json:"totalPages"`
	TotalResults int `json:"totalResults"`
}

// paging reads ?page= (from 0) and ?size= (1..100, default 20).
func paging(c *call) (page, size int, err error) {
	q := c.r.URL.Query()
	page, size = 0, 20
	if v := q.Get("page"); v != "" {
		if page, err = strconv.Atoi(v); err != nil || page < 0 {
			return 0, 0, badRequest("page", "must be an integer of at least 0")
		}
	}
	if v := q.Get("size"); v != "" {
		if size, err = strconv.Atoi(v); err != nil || size < 1 || size > 100 {
			return 0, 0, badRequest("size", "must be an integer between 1 and 100")
		}
	}
	return page, size, nil
}

func pageOf[T any](all []T, page, size int) ([]T, pageInfo) {
	info := pageInfo{Page: page, Size: size, TotalResults: len(all), TotalPages: (len(all) + size - 1) / size}
	lo := page * size
	if lo > len(all) {
		lo = len(all)
	}
	hi := lo + size
	if hi > len(all) {
		hi = len(all)
	}
	return all[lo:hi], info
}

// senderView is RcsSenderBaseData with the required fields the simulator
// has no real values for filled with the sender's name.
type senderView struct {
	SenderName      string         `json:"senderName"`
	SenderStatus    string         `json:"senderStatus"`
	BillingCategory string         `json:"billingCategory"`
	UseCase         string         `json:"useCase"`
	HostingRegion   string         `json:"hostingRegion"`
	Brand           map[string]any `json:"brand"`
	DisplayName     string         `json:"displayName"`
	Description     string         `json:"description"`
	Color           string         `json:"color"`
	BannerURL       string         `json:"bannerUrl"`
	LogoURL         string         `json:"logoUrl"`
	UpdatedAt       wire.Time      `json:"updatedAt"`
}

func (s *Server) senderView(sd senders.Sender) senderView {
	at := sd.UpdatedAt
	if at.IsZero() {
		at = s.rcsEpoch
	}
	return senderView{
		SenderName: sd.Name, SenderStatus: sd.Status, BillingCategory: "NON_CONVERSATIONAL", UseCase: "MULTI_USE",
		HostingRegion: "ASIA_PACIFIC", Brand: map[string]any{"brandName": sd.Name}, DisplayName: sd.Name,
		Description: "Simulated sender " + sd.Name, Color: "#0B78D0",
		BannerURL: "https://example.com/" + sd.Name + "/banner.jpg", LogoURL: "https://example.com/" + sd.Name + "/logo.jpg",
		UpdatedAt: wire.NewTime(at),
	}
}

// knownSenders are the senders an account has a go-live state for, plus
// every sender it has sent from (all launched unless put in testing).
func (s *Server) knownSenders(account string) []senders.Sender {
	byName := map[string]senders.Sender{}
	for _, sd := range s.senders.List(account) {
		byName[sd.Name] = sd
	}
	for _, m := range s.store.List(store.Filter{Account: account, Channel: store.RCS}) {
		if _, ok := byName[m.Sender]; !ok && m.Channel == store.RCS && m.Sender != "" {
			sd, _ := s.senders.Get(account, m.Sender)
			byName[m.Sender] = sd
		}
	}
	out := make([]senders.Sender, 0, len(byName))
	for _, sd := range byName {
		out = append(out, sd)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func (s *Server) listSenders(c *call) (int, any, error) {
	page, size, err := paging(c)
	if err != nil {
		return 0, nil, err
	}
	var views []senderView
	for _, sd := range s.knownSenders(c.principal.Account) {
		views = append(views, s.senderView(sd))
	}
	if views == nil {
		views = []senderView{}
	}
	results, info := pageOf(views, page, size)
	return http.StatusOK, map[string]any{"results": results, "paging": info}, nil
}

// launchStatus answers RcsSenderLaunchStatusEvent: one COMPLETED provider
// per Indian carrier when launched, PENDING ones while the sender tests.
func (s *Server) launchStatus(c *call) (int, any, error) {
	sd, _ := s.senders.Get(c.principal.Account, mux.Vars(c.r)["senderName"])
	status := "COMPLETED"
	if sd.Status != senders.Launched {
		status = "PENDING"
	}
	at := sd.UpdatedAt
	if at.IsZero() {
		at = s.rcsEpoch
	}
	var providers []map[string]any
	for _, p := range templates.Providers[templates.India] {
		providers = append(providers, map[string]any{"name": p, "status": status, "updatedAt": wire.NewTime(at)})
	}
	return http.StatusOK, map[string]any{
		"event": "RCS_SENDER_LAUNCH_STATUS_UPDATE", "senderName": sd.Name, "senderStatus": sd.Status,
		"coverage":  []any{map[string]any{"countryCode": templates.India, "providers": providers}},
		"updatedAt": wire.NewTime(at),
	}, nil
}

type testNumberView struct {
	TestNumber string    `json:"testNumber"`
	Status     string    `json:"status"`
	UpdatedAt  wire.Time `json:"updatedAt"`
	Primary    bool      `json:"primary"`
}

func testNumberOf(t senders.TestNumber) testNumberView {
	return testNumberView{TestNumber: t.Number, Status: t.Status, UpdatedAt: wire.NewTime(t.UpdatedAt), Primary: t.Primary}
}

func (s *Server) listTestNumbers(c *call) (int, any, error) {
	page, size, err := paging(c)
	if err != nil {
		return 0, nil, err
	}
	sd, _ := s.senders.Get(c.principal.Account, mux.Vars(c.r)["senderName"])
	views := []testNumberView{}
	for _, t := range sd.TestNumbers {
		views = append(views, testNumberOf(t))
	}
	results, info := pageOf(views, page, size)
	return http.StatusOK, map[string]any{"results": results, "paging": info}, nil
}

func (s *Server) getTestNumber(c *call) (int, any, error) {
	v := mux.Vars(c.r)
	sd, _ := s.senders.Get(c.principal.Account, v["senderName"])
	want := normalizeNumber(v["testNumber"])
	for _, t := range sd.TestNumbers {
		if t.Number == want {
			return http.StatusOK, testNumberOf(t), nil
		}
	}
	return 0, nil, notFound("Test number")
}

var testNumberPattern = regexp.MustCompile(`^\+?[1-9]\d{1,14}$`)

func (s *Server) addTestNumber(c *call) (int, any, error) {
	var req struct {
		TestNumber string `json:"testNumber"`
		Primary    bool   `json:"primary"`
	}
	if err := json.Unmarshal(c.body, &req); err != nil {
		return 0, nil, badRequest("body", "must be {\"testNumber\",\"primary\"}: "+err.Error())
	}
	if !testNumberPattern.MatchString(req.TestNumber) {
		return 0, nil, badRequest("testNumber", "must match \"^\\+?[1-9]\\d{1,14}$\"")
	}
	name := mux.Vars(c.r)["senderName"]
	num := normalizeNumber(req.TestNumber)
	s.senders.Update(c.principal.Account, name, func(sd *senders.Sender) {
		sd.TestNumbers = upsertTestNumber(sd.TestNumbers, senders.TestNumber{Number: num, Status: senders.TestApproved, Primary: req.Primary, UpdatedAt: s.clock.Now()})
	})
	return http.StatusAccepted, map[string]any{"senderName": name, "testNumber": num, "status": senders.TestApproved}, nil
}

func upsertTestNumber(list []senders.TestNumber, t senders.TestNumber) []senders.TestNumber {
	for i := range list {
		if list[i].Number == t.Number {
			list[i] = t
			return list
		}
	}
	return append(list, t)
}

// SetSenderPhase puts a sender of an account in testing with these test
// numbers (launched=false), or launches it.
func (s *Server) SetSenderPhase(account, sender string, launched bool, testNumbers []string) senders.Sender {
	now := s.clock.Now()
	return s.senders.Update(account, sender, func(sd *senders.Sender) {
		sd.Status, sd.UpdatedAt = senders.Testing, now
		if launched {
			sd.Status = senders.Launched
		}
		for _, n := range testNumbers {
			sd.TestNumbers = upsertTestNumber(sd.TestNumbers, senders.TestNumber{Number: normalizeNumber(n), Status: senders.TestApproved, UpdatedAt: now})
		}
	})
}

// ---- templates

type templateView struct {
	Name       string          `json:"name"`
	Type       string          `json:"type"`
	Status     string          `json:"status"`
	Content    json.RawMessage `json:"content,omitempty"`
	LastUpdate wire.Time       `json:"lastUpdate"`
}

func viewOf(t templates.Template, withContent bool) templateView {
	v := templateView{Name: t.Name, Type: t.Type, Status: t.Status(), LastUpdate: wire.NewTime(t.LastUpdate)}
	if withContent {
		v.Content = t.Content
	}
	return v
}

var templateName = regexp.MustCompile(`^[A-Za-z0-9_]{1,20}$`)

var templateTypes = map[string]bool{"TEXT": true, "CARD": true, "CAROUSEL": true, "TEXT_WITH_PDF": true}

// templateContent checks a template's content enough to store it: an object
// with a documented type, and text where the type needs it.
func templateContent(raw json.RawMessage, prop string) (string, error) {
	var c map[string]any
	if len(raw) == 0 || json.Unmarshal(raw, &c) != nil || c == nil {
		return "", badRequest(prop, "must not be null")
	}
	typ, _ := c["type"].(string)
	if !templateTypes[typ] {
		return "", badRequest(prop+".type", "must be one of [TEXT, CARD, CAROUSEL, TEXT_WITH_PDF]")
	}
	if _, ok := c["text"].(string); (typ == "TEXT" || typ == "TEXT_WITH_PDF") && !ok {
		return "", badRequest(prop+".text", "must not be null")
	}
	return typ, nil
}

func checkProviders(list []string, prop string) error {
	known := map[string]bool{}
	for _, p := range templates.AllProviders() {
		known[p] = true
	}
	for i, p := range list {
		if !known[p] {
			return badRequest(fmt.Sprintf("%s[%d]", prop, i), "must be one of ["+strings.Join(templates.AllProviders(), ", ")+"]")
		}
	}
	return nil
}

// review approves a template's pending providers after TemplateReviewDelay,
// unless the control plane decided first.
func (s *Server) review(account, sender, name string, providers []string) {
	s.clock.AfterFunc(TemplateReviewDelay, func() {
		s.templates.Update(account, sender, name, func(t *templates.Template) {
			for _, p := range providers {
				if st, ok := t.Providers[p]; ok && st.Status == templates.Pending {
					t.Providers[p] = templates.ProviderState{Status: templates.Approved, UpdatedAt: s.clock.Now()}
				}
			}
		})
	})
}

func (s *Server) createTemplate(c *call) (int, any, error) {
	var req struct {
		TemplateName string          `json:"templateName"`
		Providers    []string        `json:"providers"`
		Content      json.RawMessage `json:"content"`
	}
	if err := json.Unmarshal(c.body, &req); err != nil {
		return 0, nil, badRequest("body", "must be {\"templateName\",\"providers\",\"content\"}: "+err.Error())
	}
	if !templateName.MatchString(req.TemplateName) {
		return 0, nil, badRequest("templateName", "must be 1 to 20 letters, digits or underscores")
	}
	if req.Providers == nil {
		return 0, nil, badRequest("providers", "must not be null")
	}
	if err := checkProviders(req.Providers, "providers"); err != nil {
		return 0, nil, err
	}
	typ, err := templateContent(req.Content, "content")
	if err != nil {
		return 0, nil, err
	}
	account, sender := c.principal.Account, mux.Vars(c.r)["sender"]
	if s.templates.Own(account, sender, req.TemplateName) {
		return 0, nil, badRequest("templateName", "a template named "+req.TemplateName+" already exists for sender "+sender)
	}
	providers := req.Providers
	if len(providers) == 0 {
		providers = templates.AllProviders() // the documented default: every provider of the sender
	}
	now := s.clock.Now()
	t := templates.Template{Account: account, Sender: sender, Name: req.TemplateName, Type: typ, Content: req.Content,
		Providers: map[string]templates.ProviderState{}, LastUpdate: now}
	for _, p := range providers {
		t.Providers[p] = templates.ProviderState{Status: templates.Pending, UpdatedAt: now}
	}
	s.templates.Put(t)
	s.review(account, sender, t.Name, providers)
	return http.StatusOK, viewOf(t, true), nil
}

func (s *Server) listTemplates(c *call) (int, any, error) {
	status := c.r.URL.Query().Get("status")
	if status != "" {
		switch strings.ToUpper(status) {
		case templates.Pending, templates.Approved, templates.Rejected, templates.Suspended, templates.ApprovedInProgress, templates.ApprovedPartially:
		default:
			return 0, nil, badRequest("status", "must be one of [PENDING, APPROVED, REJECTED, SUSPENDED, APPROVED_IN_PROGRESS, APPROVED_PARTIALLY]")
		}
	}
	out := []templateView{}
	for _, t := range s.templates.List(c.principal.Account, mux.Vars(c.r)["sender"], status) {
		out = append(out, viewOf(t, false))
	}
	return http.StatusOK, out, nil
}

func (s *Server) getTemplate(c *call) (int, any, error) {
	v := mux.Vars(c.r)
	t, ok := s.templates.Get(c.principal.Account, v["sender"], v["templateName"])
	if !ok {
		return 0, nil, notFound("Template")
	}
	return http.StatusOK, viewOf(t, true), nil
}

// updateTemplate replaces the content; every provider reviews it again.
func (s *Server) updateTemplate(c *call) (int, any, error) {
	v := mux.Vars(c.r)
	typ, err := templateContent(c.body, "body")
	if err != nil {
		return 0, nil, err
	}
	now := s.clock.Now()
	t, ok := s.templates.Update(c.principal.Account, v["sender"], v["templateName"], func(t *templates.Template) {
		t.Type, t.Content, t.LastUpdate = typ, json.RawMessage(append([]byte(nil), c.body...)), now
		for p := range t.Providers {
			t.Providers[p] = templates.ProviderState{Status: templates.Pending, UpdatedAt: now}
		}
	})
	if !ok {
		return 0, nil, notFound("Template")
	}
	var ps []string
	for p := range t.Providers {
		ps = append(ps, p)
	}
	s.review(c.principal.Account, v["sender"], t.Name, ps)
	return http.StatusOK, viewOf(t, true), nil
}

func (s *Server) deleteTemplate(c *call) (int, any, error) {
	v := mux.Vars(c.r)
	if !s.templates.Delete(c.principal.Account, v["sender"], v["templateName"]) {
		return 0, nil, notFound("Template")
	}
	return http.StatusOK, nil, nil // documented without a body
}

func (s *Server) templateStatus(c *call) (int, any, error) {
	v := mux.Vars(c.r)
	t, ok := s.templates.Get(c.principal.Account, v["sender"], v["templateName"])
	if !ok {
		return 0, nil, notFound("Template")
	}
	byCountry := map[string][]map[string]any{}
	names := make([]string, 0, len(t.Providers))
	for p := range t.Providers {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		st := t.Providers[p]
		byCountry[templates.CountryOf(p)] = append(byCountry[templates.CountryOf(p)],
			map[string]any{"providerName": p, "status": st.Status, "updatedAt": wire.NewTime(st.UpdatedAt)})
	}
	coverage := []any{}
	for country, ps := range byCountry {
		coverage = append(coverage, map[string]any{"countryCode": country, "providers": ps})
	}
	return http.StatusOK, map[string]any{"status": t.Status(), "name": t.Name, "coverage": coverage}, nil
}

func (s *Server) registerTemplate(c *call) (int, any, error) {
	v := mux.Vars(c.r)
	var req struct {
		Providers []string `json:"providers"`
	}
	if err := json.Unmarshal(c.body, &req); err != nil || req.Providers == nil {
		return 0, nil, badRequest("providers", "must not be null")
	}
	if err := checkProviders(req.Providers, "providers"); err != nil {
		return 0, nil, err
	}
	cur, ok := s.templates.Get(c.principal.Account, v["sender"], v["templateName"])
	if !ok {
		return 0, nil, notFound("Template")
	}
	for i, p := range req.Providers {
		if _, done := cur.Providers[p]; done {
			return 0, nil, badRequest(fmt.Sprintf("providers[%d]", i), "the template is already registered with "+p)
		}
	}
	now := s.clock.Now()
	t, _ := s.templates.Update(c.principal.Account, v["sender"], v["templateName"], func(t *templates.Template) {
		for _, p := range req.Providers {
			t.Providers[p] = templates.ProviderState{Status: templates.Pending, UpdatedAt: now}
		}
		t.LastUpdate = now
	})
	s.review(c.principal.Account, v["sender"], t.Name, req.Providers)
	return http.StatusOK, viewOf(t, true), nil
}

func (s *Server) templateProviders(c *call) (int, any, error) {
	country := strings.ToUpper(c.r.URL.Query().Get("countryCode"))
	if country != "" {
		return http.StatusOK, map[string]any{"providers": append([]string{}, templates.Providers[country]...)}, nil
	}
	return http.StatusOK, map[string]any{"providers": templates.AllProviders()}, nil
}

// SetTemplateStatus records providers' decision on a template (all of its
// providers when provider is empty), as the control plane does.
func (s *Server) SetTemplateStatus(account, sender, name, provider, status string) (templates.Template, bool) {
	now := s.clock.Now()
	return s.templates.Update(account, sender, name, func(t *templates.Template) {
		for p := range t.Providers {
			if provider == "" || p == provider {
				t.Providers[p] = templates.ProviderState{Status: status, UpdatedAt: now}
			}
		}
		if provider != "" {
			if _, ok := t.Providers[provider]; !ok {
				t.Providers[provider] = templates.ProviderState{Status: status, UpdatedAt: now}
			}
		}
		t.LastUpdate = now
	})
}

// ---- seeding and the send check

// rcsFixture is fixtures/rcs.json: templates and senders every account sees.
type rcsFixture struct {
	Templates []struct {
		Sender    string            `json:"sender"`
		Name      string            `json:"name"`
		Status    string            `json:"status"`
		Providers []string          `json:"providers"`
		Content   json.RawMessage   `json:"content"`
		PerStatus map[string]string `json:"providerStatus"`
	} `json:"templates"`
	Senders []struct {
		Sender      string   `json:"sender"`
		Status      string   `json:"status"`
		TestNumbers []string `json:"testNumbers"`
	} `json:"senders"`
}

func (s *Server) seedRCSManagement(now time.Time) error {
	b, err := fixtures.Files.ReadFile("rcs.json")
	if err != nil {
		return fmt.Errorf("simulator: fixtures/rcs.json: %w", err)
	}
	var f rcsFixture
	if err := json.Unmarshal(b, &f); err != nil {
		return fmt.Errorf("simulator: fixtures/rcs.json: %w", err)
	}
	for _, ft := range f.Templates {
		typ, err := templateContent(ft.Content, "content")
		if err != nil {
			return fmt.Errorf("simulator: fixtures/rcs.json template %s: %v", ft.Name, err)
		}
		sender := ft.Sender
		if sender == "" {
			sender = templates.Any
		}
		t := templates.Template{Account: templates.Any, Sender: sender, Name: ft.Name, Type: typ, Content: ft.Content,
			Providers: map[string]templates.ProviderState{}, LastUpdate: now}
		providers := ft.Providers
		if len(providers) == 0 {
			providers = templates.AllProviders()
		}
		for _, p := range providers {
			st := ft.Status
			if v, ok := ft.PerStatus[p]; ok {
				st = v
			}
			t.Providers[p] = templates.ProviderState{Status: st, UpdatedAt: now}
		}
		s.templates.Put(t)
	}
	for _, fs := range f.Senders {
		sd := senders.Sender{Account: senders.Any, Name: fs.Sender, Status: fs.Status, UpdatedAt: now}
		for _, n := range fs.TestNumbers {
			sd.TestNumbers = append(sd.TestNumbers, senders.TestNumber{Number: normalizeNumber(n), Status: senders.TestApproved, UpdatedAt: now})
		}
		s.senders.Put(sd)
	}
	return nil
}

// rcsLegCheck fails an RCS leg the platform would not deliver: a sender in
// testing writing to a number that is not one of its test numbers
// (7005 EC_FORBIDDEN_ACCESS, the catalogue's "unlaunched agent ... to a
// non-tester"), a PROVIDER_TEMPLATE whose template is unknown or whose
// parameters do not match (EC7018, as the spec says) or that no provider
// approved (7009 EC_INVALID_TEMPLATE).
func (s *Server) rcsLegCheck(m *store.Message) (wire.Error, string, bool) {
	if !s.senders.Allowed(m.Account, m.Sender, m.Destination) {
		return wire.ErrorFor(wire.ErrForbiddenAccess), "sender " + m.Sender + " is in testing and " + m.Destination + " is not one of its test numbers", true
	}
	if m.ContentType != wire.ContentProviderTemplate {
		return wire.Error{}, "", false
	}
	var c struct {
		TemplateID string            `json:"templateId"`
		Parameters []templates.Param `json:"parameters"`
	}
	if err := json.Unmarshal(m.Content, &c); err != nil {
		return wire.ErrorFor(wire.ErrInternalBadMapping), "PROVIDER_TEMPLATE content unreadable", true
	}
	problem, reason := s.templates.Check(m.Account, m.Sender, c.TemplateID, c.Parameters)
	switch problem {
	case templates.Unknown, templates.WrongParameters:
		return wire.ErrorFor(wire.ErrInternalBadMapping), reason, true
	case templates.NotApproved:
		return wire.ErrorFor(wire.ErrInvalidTemplate), reason, true
	}
	return wire.Error{}, "", false
}
