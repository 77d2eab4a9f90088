package simulator

import (
	"encoding/json"
	"reflect"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/internal/schema"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// decodeNow is simtest.Start(), the time the fuzz targets run at.
var decodeNow = time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)

// DecodeRoute is one route that decodes its body through the schema path.
type DecodeRoute struct {
	Path string
	node schema.Node
	typ  reflect.Type
}

// DecodeRoutes are every route family that uses s.decode.
func DecodeRoutes() []DecodeRoute {
	sc := newSchemas()
	return []DecodeRoute{
		{"/ott/rcs/1/message", sc.rcsV1, reflect.TypeFor[wire.RCSSendRequest]()},
		{"/ott/rcs/1/message/bulk", sc.rcsV1Bulk, reflect.TypeFor[wire.RCSBulkSendRequest]()},
		{"/rcs/2/messages", sc.rcsV2, reflect.TypeFor[wire.RCSMessageRequest]()},
		{"/sms/2/text/advanced", sc.smsV2, reflect.TypeFor[wire.SMSAdvancedRequest]()},
		{"/sms/3/messages", sc.smsV3, reflect.TypeFor[wire.SMSRequest]()},
		{"/sms/1/preview", sc.preview, reflect.TypeFor[wire.PreviewRequest]()},
		{"/auth/1/session", sc.session, reflect.TypeFor[wire.SessionRequest]()},
		{"/rcs/2/capability-check/query", sc.capQuery, reflect.TypeFor[wire.CapabilityQueryRequest]()},
		{"/rcs/2/capability-check/notify", sc.capNotify, reflect.TypeFor[wire.CapabilityQueryRequest]()},
		{"/rcs/1/events", sc.events, reflect.TypeFor[wire.EventRequest]()},
		{"/resource-management/1/inbound-message-configurations", sc.inboundConfig, reflect.TypeFor[wire.InboundConfigRequest]()},
		{"/messages-api/1/messages", sc.messages, reflect.TypeFor[wire.MessagesRequest]()},
		{"/messages-api/1/events", sc.messagesEvents, reflect.TypeFor[wire.MessagesEventRequest]()},
	}
}

// DecodeOutcome is what one decoding path made of a checked body.
type DecodeOutcome struct {
	Value  any    // the typed request (a pointer)
	Err    string // the error, "" for none
	Filled bool   // the new path: Fill copied the tree itself (no fallback)
}

// DecodeBothWays validates body on r's schema and, when it passes, turns the
// checked tree into r's typed request twice: the way the server does it now
// (Fill, falling back to re-encoding) and the way it did before (re-encode
// and json.Unmarshal, kept here as the reference). checked is false for a
// body the schema refuses: both paths share that part.
func (r DecodeRoute) DecodeBothWays(body []byte) (now, before DecodeOutcome, checked bool) {
	vs, pruned, err := schema.Validate(r.node, body, decodeNow)
	if err != nil || len(vs) > 0 {
		return now, before, false
	}
	f := &schema.Filler{}
	nv := reflect.New(r.typ).Interface()
	now.Filled = f.Fill(pruned, reflect.New(r.typ).Interface()) == nil
	if err := fillChecked(f, pruned, nv); err != nil {
		now.Err = err.Error()
	}
	now.Value = nv
	ov := reflect.New(r.typ).Interface()
	if err := decodeTheOldWay(pruned, ov); err != nil {
		before.Err = err.Error()
	}
	before.Value = ov
	return now, before, true
}

// decodeTheOldWay is the decoding step as it was before Fill: the checked
// tree re-encoded and decoded again.
func decodeTheOldWay(pruned any, dst any) error {
	clean, err := json.Marshal(pruned)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(clean, dst); err != nil {
		return badRequest("body", err.Error())
	}
	return nil
}
