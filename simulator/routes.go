package simulator

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/jiocxsim/jiocxsim/simulator/internal/apischema"
	"github.com/jiocxsim/jiocxsim/simulator/internal/report"
	"github.com/jiocxsim/jiocxsim/simulator/internal/schema"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// Scopes each operation accepts (any one of them), from the x-scopes of
// Infobip's OpenAPI documents.
var (
	scopesRCSSend = []string{"message:send", "rcs:message:send", "rcs:manage"}
	scopesSMSSend = []string{"message:send", "sms:message:send", "sms:manage"}
	scopesSMSMgmt = []string{"sms:manage"}
	scopesRCSLogs = []string{"rcs:logs:read", "rcs:manage"}
	scopesSMSLogs = []string{"sms:logs:read", "sms:manage"}
	scopesRCSMgmt = []string{"rcs:manage"}
	scopesInbox   = []string{"inbound-message:read", "sms:inbound-message:read", "sms:manage"}
	scopesNumbers = []string{"numbers:manage"}
)

// schemas are built once per server: they hold compiled regular expressions.
type schemas struct {
	rcsV1, rcsV1Bulk, rcsV2  schema.Node
	smsV2, smsV3, preview    schema.Node
	session                  schema.Node
	capQuery, capNotify      schema.Node
	events, inboundConfig    schema.Node
	messages, messagesEvents schema.Node

	filler *schema.Filler // copies checked trees into typed requests
}

func newSchemas() schemas {
	return schemas{
		rcsV1: apischema.RCSv1Single(), rcsV1Bulk: apischema.RCSv1Bulk(), rcsV2: apischema.RCSv2(),
		smsV2: apischema.SMSv2(), smsV3: apischema.SMSv3(), preview: apischema.Preview(),
		session: apischema.Session(), capQuery: apischema.CapabilityQuery(), capNotify: apischema.CapabilityNotify(),
		events: apischema.RCSEvents(), inboundConfig: apischema.InboundConfig(),
		messages: apischema.MessagesSend(), messagesEvents: apischema.MessagesEvents(),
		filler: &schema.Filler{},
	}
}

func (s *Server) routes() {
	s.schemas = newSchemas()
	// SkipClean: a path with ./.. or repeated slashes must not be answered
	// with a 301 (ServeHTTP folds repeated slashes itself).
	s.router = mux.NewRouter().SkipClean(true)
	s.router.NotFoundHandler = http.HandlerFunc(s.notFound)
	s.router.MethodNotAllowedHandler = http.HandlerFunc(s.methodNotAllowed)

	post, get, del := http.MethodPost, http.MethodGet, http.MethodDelete
	for _, rt := range []route{
		{method: post, path: "/ott/rcs/1/message", env: wire.Legacy, scopes: scopesRCSSend, h: s.sendRCSv1},
		{method: post, path: "/ott/rcs/1/message/bulk", env: wire.Legacy, scopes: scopesRCSSend, h: s.sendRCSv1Bulk},
		{method: post, path: "/rcs/2/messages", env: wire.Modern, scopes: scopesRCSSend, h: s.sendRCSv2},
		{method: post, path: "/sms/2/text/advanced", env: wire.Legacy, scopes: scopesSMSSend, h: s.sendSMSv2},
		{method: post, path: "/sms/3/messages", env: wire.Modern, scopes: scopesSMSSend, h: s.sendSMSv3},
		{method: post, path: "/sms/1/preview", env: wire.Legacy, scopes: scopesSMSMgmt, h: s.preview},
		{method: get, path: "/sms/1/reports", env: wire.Legacy, scopes: scopesSMSSend, h: s.reports(report.FamilySMSv1)},
		{method: get, path: "/sms/3/reports", env: wire.Modern, scopes: scopesSMSSend, h: s.reports(report.FamilySMSv3)},
		{method: get, path: "/rcs/2/reports", env: wire.Modern, scopes: scopesRCSSend, h: s.reports(report.FamilyRCS)},
		{method: get, path: "/sms/3/logs", env: wire.Modern, scopes: scopesSMSLogs, h: s.logs(store.SMS)},
		{method: get, path: "/sms/1/logs", env: wire.Legacy, scopes: scopesSMSLogs, h: s.logsV1},
		{method: get, path: "/rcs/2/logs", env: wire.Modern, scopes: scopesRCSLogs, h: s.logs(store.RCS)},
		{method: post, path: "/rcs/2/capability-check/query", env: wire.Modern, scopes: scopesRCSMgmt, h: s.capabilityQuery},
		{method: post, path: "/rcs/2/capability-check/notify", env: wire.Modern, scopes: scopesRCSMgmt, h: s.capabilityNotify},
		{method: post, path: "/rcs/1/events", env: wire.Modern, scopes: scopesRCSSend, h: s.sendEvents},
		{method: post, path: "/messages-api/1/messages", env: wire.Modern, scopes: scopesMessagesAPI, h: s.sendMessages},
		{method: post, path: "/messages-api/1/messages/validate", env: wire.Modern, scopes: scopesMessagesAPI, h: s.validateMessages},
		{method: post, path: "/messages-api/1/events", env: wire.Modern, scopes: scopesMessagesAPI, h: s.sendMessagesEvents},
		{method: get, path: "/messages-api/1/reports", env: wire.Modern, scopes: scopesMessagesAPI, h: s.messagesReports},
		{method: get, path: "/sms/1/inbox/reports", env: wire.Legacy, scopes: scopesInbox, h: s.inbox},
		{method: post, path: "/resource-management/1/inbound-message-configurations", env: wire.Legacy, scopes: scopesNumbers, h: s.createInboundConfig},
		{method: get, path: "/resource-management/1/inbound-message-configurations", env: wire.Legacy, scopes: scopesNumbers, h: s.listInboundConfigs},
		{method: del, path: "/resource-management/1/inbound-message-configurations/{configurationKey}", env: wire.Legacy, scopes: scopesNumbers, h: s.deleteInboundConfig},
		{method: post, path: "/auth/1/session", env: wire.Legacy, public: true, h: s.createSession},
		{method: del, path: "/auth/1/session", env: wire.Legacy, public: true, h: s.endSession},
		{method: post, path: "/auth/1/oauth2/token", env: wire.Legacy, public: true, h: s.createToken},
	} {
		s.handle(rt)
	}
	for _, rt := range s.rcsManagementRoutes() {
		s.handle(rt)
	}
	s.router.Handle("/t/{code}", http.HandlerFunc(s.followLink)).Methods(get, http.MethodHead)
	s.router.Handle("/metrics", s.MetricsHandler()).Methods(get)
	s.router.Handle("/readyz", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})).Methods(get, http.MethodHead)
	if !s.cfg.noControl {
		s.controlRoutes()
	}
	if !s.cfg.noControl && !s.cfg.noUI {
		s.uiRoutes()
	}
}
