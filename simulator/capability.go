package simulator

import (
	"encoding/json"
	"net/http"

	"github.com/jiocxsim/jiocxsim/simulator/internal/numberplan"
	"github.com/jiocxsim/jiocxsim/simulator/internal/webhook"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// Capability codes of the RCS capability check.
const (
	CapabilityEnabled            = "ENABLED"
	CapabilityUnreachable        = "UNREACHABLE"
	CapabilityRejectedNetwork    = "REJECTED_NETWORK"
	CapabilityInvalidDestination = "INVALID_DESTINATION_ADDRESS"
)

// Capability answers whether a number can receive RCS from the account's
// senders, by the number plan: R=1 UNREACHABLE, R=3 REJECTED_NETWORK, any
// other behaviour ENABLED, and INVALID_DESTINATION_ADDRESS for what is not a
// plausible number.
func (s *Server) Capability(account, number string) string {
	account = s.acct(account)
	if !plausibleNumber.MatchString(number) {
		return CapabilityInvalidDestination
	}
	b := s.plan.Resolve(account, number).Behavior.Effective()
	switch b.RCS {
	case numberplan.RCSNotCapable:
		return CapabilityUnreachable
	case numberplan.RCSCarrier:
		return CapabilityRejectedNetwork
	}
	return CapabilityEnabled
}

// capabilityQuery serves POST /rcs/2/capability-check/query.
func (s *Server) capabilityQuery(c *call) (int, any, error) {
	var req wire.CapabilityQueryRequest
	if err := s.decode(c, s.schemas.capQuery, &req); err != nil {
		return 0, nil, err
	}
	out := wire.CapabilityQueryResponse{Options: req.Options, CapabilityCheckResults: make([]wire.CapabilityResult, len(req.PhoneNumbers))}
	for i, n := range req.PhoneNumbers {
		out.CapabilityCheckResults[i] = wire.CapabilityResult{
			MessageID: s.ids.UUID("cap"), PhoneNumber: n, Code: s.Capability(c.principal.Account, n),
		}
	}
	return http.StatusOK, out, nil
}

// capabilityNotify serves POST /rcs/2/capability-check/notify: it accepts the
// numbers and posts one result per number to notifyUrl (else the account's
// delivery-report URL) after the RCS delay.
func (s *Server) capabilityNotify(c *call) (int, any, error) {
	var req wire.CapabilityQueryRequest
	if err := s.decode(c, s.schemas.capNotify, &req); err != nil {
		return 0, nil, err
	}
	account := c.principal.Account
	url := req.NotifyURL
	if url == "" {
		url = s.settings.get(account).DeliveryReportURL
	}
	bulkID := s.ids.UUID("bulk")
	out := wire.CapabilityNotifyResponse{BulkID: bulkID, CapabilityCheckRequestStates: make([]wire.CapabilityRequestState, len(req.PhoneNumbers))}
	var items []webhook.Item
	for i, n := range req.PhoneNumbers {
		id := s.ids.UUID("cap")
		out.CapabilityCheckRequestStates[i] = wire.CapabilityRequestState{MessageID: id, PhoneNumber: n, Status: "PENDING_ENROUTE"}
		body, err := json.Marshal(wire.CapabilityNotification{
			CapabilityCheckResult: wire.CapabilityResult{BulkID: bulkID, MessageID: id, PhoneNumber: n, Code: s.Capability(account, n)},
			Options:               req.Options,
		})
		if err != nil {
			return 0, nil, err
		}
		items = append(items, webhook.Item{Account: account, URL: url, Kind: "capability", Shape: webhook.Single, MessageID: id, Result: body})
	}
	if url == "" {
		reason := "capability results have no URL to go to: set notifyUrl or the account's delivery report URL"
		s.log.Warn(reason, "account", account, "bulkId", bulkID)
		s.dispatcher.Park(items, reason, s.clock.Now())
		return http.StatusOK, out, nil
	}
	s.clock.AfterFunc(s.cfg.delays.RCS, func() {
		if err := s.dispatcher.Enqueue(items...); err != nil {
			s.log.Warn("capability results not queued: server closing", "bulkId", bulkID)
		}
	})
	return http.StatusOK, out, nil
}
