package simulator

import (
	"net/http"
	"slices"
	"strings"

	"github.com/gorilla/mux"

	"github.com/jiocxsim/jiocxsim/simulator/internal/inbound"
	"github.com/jiocxsim/jiocxsim/simulator/internal/numberplan"
	"github.com/jiocxsim/jiocxsim/simulator/internal/pull"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// Renderers each channel forwards in; the first is the default.
var inboundFormats = map[string][]string{
	store.RCS: {wire.FormatMORCSJSON, wire.FormatMOOTTMSISDN, wire.FormatMOMessagesAPIJSON},
	store.SMS: {wire.FormatMOJSON2, wire.FormatMOMessagesAPIJSON},
}

func toWireConfig(c inbound.Config) wire.InboundConfig {
	out := wire.InboundConfig{ConfigurationKey: c.Key, Channel: c.Channel, Keyword: c.Keyword, Username: c.Username, Platform: c.Platform}
	if c.Channel == store.SMS {
		out.Number = c.Resource
	} else {
		out.Resource = c.Resource
	}
	f := c.Forwarding
	out.Forwarding = &f
	return out
}

// SetInboundConfig stores a forwarding configuration for an account, as
// POST /resource-management/1/inbound-message-configurations does.
func (s *Server) SetInboundConfig(account string, req wire.InboundConfigRequest) (wire.InboundConfig, error) {
	account = s.acct(account)
	resource := req.Resource
	if resource == "" {
		resource = req.ResourceKey
	}
	if req.Channel == store.SMS {
		resource = numberplan.Normalize(req.Number)
		if resource == "" {
			resource = req.NumberKey
		}
	}
	fwd := wire.Forwarding{Type: inbound.Pull}
	if req.Channel == store.RCS {
		fwd.Type = inbound.HTTPForward
	}
	if req.Forwarding != nil {
		fwd = *req.Forwarding
	}
	if fwd.Type == inbound.HTTPForward {
		formats := inboundFormats[req.Channel]
		if fwd.Format == "" {
			fwd.Format = formats[0]
		}
		ok := false
		for _, f := range formats {
			ok = ok || f == fwd.Format
		}
		if !ok {
			return wire.InboundConfig{}, badRequest("forwarding.format", "must be one of ["+strings.Join(formats, ", ")+"] for channel "+req.Channel+" (other renderers are not simulated)")
		}
	} else {
		fwd.Format, fwd.URL = "", ""
	}
	kw := req.Keyword
	if kw != nil && *kw == "" {
		kw = nil
	}
	stored := s.inboundConfigs.Put(inbound.Config{
		Key: strings.ToUpper(s.ids.Hex(32)), Account: account, Channel: req.Channel, Resource: resource,
		Keyword: kw, Username: req.Username, Platform: req.Platform, Forwarding: fwd,
	})
	return toWireConfig(stored), nil
}

// InboundConfigs lists an account's forwarding configurations.
func (s *Server) InboundConfigs(account string) []wire.InboundConfig {
	account = s.acct(account)
	out := []wire.InboundConfig{}
	for _, c := range s.inboundConfigs.List(account, inbound.Filter{}) {
		out = append(out, toWireConfig(c))
	}
	return out
}

func (s *Server) createInboundConfig(c *call) (int, any, error) {
	var req wire.InboundConfigRequest
	if err := s.decode(c, s.schemas.inboundConfig, &req); err != nil {
		return 0, nil, err
	}
	out, err := s.SetInboundConfig(c.principal.Account, req)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, out, nil
}

// configChannels are the documented values of the listing's required
// channel parameter.
var configChannels = []string{"SMS", "MMS", "WHATSAPP", "RCS", "VIBER_BM", "APPLE_MB", "LINE_OA", "KAKAO_SANGDAM", "MESSENGER",
	"INSTAGRAM_DM", "ZALO_ZNS", "TELEGRAM", "VIBER_BOT", "EMAIL", "ZALO_FOLLOWER", "OPEN_CHANNEL", "TIKTOK_BM"}

func (s *Server) listInboundConfigs(c *call) (int, any, error) {
	q := c.r.URL.Query()
	switch ch := q.Get("channel"); {
	case ch == "":
		return 0, nil, badRequest("channel", "must not be null")
	case !slices.Contains(configChannels, ch):
		return 0, nil, badRequest("channel", "must be one of ["+strings.Join(configChannels, ", ")+"]")
	}
	resource := q.Get("resource")
	if resource == "" {
		resource = q.Get("resourceKey")
	}
	if n := q.Get("number"); n != "" {
		resource = numberplan.Normalize(n)
	}
	out := []wire.InboundConfig{}
	for _, cfg := range s.inboundConfigs.List(c.principal.Account, inbound.Filter{
		Key: q.Get("configurationKey"), Channel: q.Get("channel"), Resource: resource, Keyword: q.Get("keyword"),
	}) {
		out = append(out, toWireConfig(cfg))
	}
	return http.StatusOK, out, nil
}

func (s *Server) deleteInboundConfig(c *call) (int, any, error) {
	if !s.inboundConfigs.Delete(c.principal.Account, mux.Vars(c.r)["configurationKey"]) {
		return 0, nil, &wire.Problem{HTTPStatus: http.StatusNotFound}
	}
	return http.StatusNoContent, nil, nil
}

// inbox serves GET /sms/1/inbox/reports: each inbound SMS once, with the
// count of those still waiting.
func (s *Server) inbox(c *call) (int, any, error) {
	q := c.r.URL.Query()
	limit, err := limitParamClamped(q)
	if err != nil {
		return 0, nil, err
	}
	entries, remaining := s.pull.Take(c.principal.Account, familyInbox, pull.Filter{
		EntityID: q.Get("entityId"), ApplicationID: q.Get("applicationId"), CampaignReferenceID: q.Get("campaignReferenceId"),
	}, limit, s.clock.Now(), ReportRetention)
	out := wire.InboundBatch[any]{Results: make([]any, len(entries)), MessageCount: len(entries), PendingMessageCount: remaining}
	for i, e := range entries {
		out.Results[i] = e.Body
	}
	return http.StatusOK, out, nil
}
