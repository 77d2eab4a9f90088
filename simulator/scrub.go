package simulator

import (
	"fmt"

	"github.com/jiocxsim/jiocxsim/simulator/internal/dlt"
	"github.com/jiocxsim/jiocxsim/simulator/internal/lifecycle"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// DLTRegistry is an account's India DLT registrations: principal entities,
// headers, content templates and telemarketers.
type DLTRegistry = dlt.Registry

// DLT scrubbing modes.
const (
	DLTStrict  = dlt.Strict
	DLTLenient = dlt.Lenient
	DLTOff     = dlt.Off
)

// filterSMS is the lifecycle's filter, run as an SMS leg leaves: a text over
// MaxSMSParts is REJECTED_MESSAGE_TOO_LONG, and an SMS to an Indian number is
// scrubbed against the account's DLT registry (a refusal is
// UNDELIVERABLE_REJECTED_OPERATOR with the DLT error; lenient mode's
// let-through leaves a warning on the message).
func (s *Server) filterSMS(m *store.Message, leg lifecycle.Leg) lifecycle.Refusal {
	if parts := legParts(m, leg); parts > MaxSMSParts {
		return lifecycle.Refusal{Refused: true, Status: wire.StatusFor(wire.StatusRejectedMessageTooLong), Error: wire.ErrorFor(wire.ErrMsgTextTooLong),
			Reason: fmt.Sprintf("the text takes %d parts; at most %d are sent", parts, MaxSMSParts)}
	}
	req := dlt.Request{Destination: m.Destination, Header: leg.Sender, Text: leg.Text, HasDLT: leg.DLT != nil}
	if leg.DLT != nil {
		req.EntityID, req.TemplateID, req.TelemarketerID = leg.DLT.PrincipalEntityID, leg.DLT.ContentTemplateID, leg.DLT.TelemarketerID
	}
	v := dlt.Scrub(s.dlt.Registry(m.Account), s.dlt.Mode(m.Account), req)
	if v.Warning != "" {
		s.store.Update(m.Seq, func(m *store.Message) { m.Warnings = append(m.Warnings, v.Warning) })
	}
	if v.Error == 0 {
		return lifecycle.Refusal{}
	}
	return lifecycle.Refusal{Refused: true, Status: wire.StatusFor(wire.StatusUndeliverableRejectedOperator), Error: wire.ErrorFor(v.Error), Reason: v.Reason}
}

// MaxSMSParts is the most parts an SMS may take; longer ones are rejected
// with REJECTED_MESSAGE_TOO_LONG, as Infobip does.
const MaxSMSParts = 25

func legParts(m *store.Message, leg lifecycle.Leg) int {
	if !leg.Fallback {
		return m.Parts
	}
	return smsParts(leg.Text, nil, "")
}

// DLT returns an account's registry and scrubbing mode.
func (s *Server) DLT(account string) (DLTRegistry, string) {
	account = s.acct(account)
	return s.dlt.Registry(account), s.dlt.Mode(account)
}

// SetDLTRegistry replaces an account's registry.
func (s *Server) SetDLTRegistry(account string, r DLTRegistry) error {
	account = s.acct(account)
	return s.dlt.SetRegistry(account, r)
}

// SetDLTMode sets an account's scrubbing mode: strict, lenient or off.
func (s *Server) SetDLTMode(account, mode string) error {
	account = s.acct(account)
	return s.dlt.SetMode(account, mode)
}
