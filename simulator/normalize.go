package simulator

import (
	"encoding/json"
	"regexp"
	"strings"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/internal/schema"
	"github.com/jiocxsim/jiocxsim/simulator/internal/smsenc"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// Validity limits: Infobip caps every validity period at 48 hours and uses 48
// hours when none is given.
const (
	MaxValidity     = 48 * time.Hour
	DefaultValidity = 48 * time.Hour
)

// Clipping lengths of the SMS v2 API, which shortens instead of refusing.
const (
	maxBulkID    = 100
	maxMessageID = 200
)

// defaultSMSSender is what Infobip puts in reports when a request names none.
const defaultSMSSender = "InfoSMS"

func unitDuration(unit string) time.Duration {
	switch unit {
	case "SECONDS":
		return time.Second
	case "HOURS":
		return time.Hour
	case "DAYS":
		return 24 * time.Hour
	default: // MINUTES, and the documented default when unset
		return time.Minute
	}
}

// validity turns an amount and unit into a duration, with the 48-hour cap and
// default.
func validity(amount *int64, unit string) store.Duration {
	if amount == nil {
		return store.Duration(DefaultValidity)
	}
	unitD := unitDuration(unit)
	// Compare in units before multiplying: a large amount would overflow.
	if *amount <= 0 || *amount > int64(MaxValidity/unitD) {
		return store.Duration(MaxValidity)
	}
	return store.Duration(time.Duration(*amount) * unitD)
}

func validityV2(v *wire.ValidityPeriod) store.Duration {
	if v == nil {
		return store.Duration(DefaultValidity)
	}
	return validity(&v.Amount, v.TimeUnit)
}

var plausibleNumber = regexp.MustCompile(`^\+?[0-9]{8,15}$`)

// destinationStatus is the status a message to "to" is accepted with: the
// pending status for a plausible international number, else the rejection
// Infobip gives (MISSING_TO for an empty address, REJECTED_DESTINATION for one
// that is not 8 to 15 digits).
func destinationStatus(to string, pending int) wire.Status {
	switch {
	case strings.TrimSpace(to) == "":
		return wire.StatusFor(wire.StatusMissingTo)
	case !plausibleNumber.MatchString(to):
		return wire.StatusFor(wire.StatusRejectedDestination)
	}
	return wire.StatusFor(pending)
}

// normalizeNumber drops a leading + : Infobip reports numbers without it.
func normalizeNumber(to string) string { return strings.TrimPrefix(strings.TrimSpace(to), "+") }

// clip keeps the first n characters of s (Infobip counts characters, and a
// cut inside a multi-byte character would put invalid UTF-8 on the wire).
func clip(s string, n int) string {
	count := 0
	for i := range s {
		if count == n {
			return s[:i]
		}
		count++
	}
	return s
}

func boolOr(b *bool, def bool) bool {
	if b == nil {
		return def
	}
	return *b
}

func rawJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return b
}

// smsParts counts the parts of a text SMS as it will be sent: after the
// requested transliteration, with the requested language's shift table.
func smsParts(text string, lang *wire.Language, transliteration string) int {
	opt := smsenc.Options{Transliteration: transliteration}
	if lang != nil {
		opt.LanguageCode = lang.LanguageCode
	}
	if opt.LanguageCode == "" && (opt.Transliteration == "" || opt.Transliteration == "NONE") {
		return smsenc.CountText(text).Parts
	}
	_, c := smsenc.Preview(text, opt)
	return c.Parts
}

// binaryParts counts the parts of a binary SMS: 140 octets fit one part, 134
// per part once a concatenation header is needed.
func binaryParts(hex string) int {
	n := len(strings.Join(strings.Fields(hex), "")) / 2
	if n <= 140 {
		return 1
	}
	return (n + 133) / 134
}

// accept finishes a message built by a handler: status by destination,
// timestamps, warnings about settings that will not work.
func (s *Server) accept(m *store.Message, req *store.Request, pending int) {
	m.Request = req
	m.AcceptedAt = req.ReceivedAt
	m.Destination = normalizeNumber(m.Destination)
	s.store.SetStatus(m, destinationStatus(m.Destination, pending), wire.NoError())
	// Room for the usual life (accepted, sent, outcome, and a fallback's
	// two where there can be one) without the slice growing, and copying,
	// on each step, nor holding slots a message never fills.
	life := 3
	if m.Failover != nil {
		life = 5
	}
	m.History = make([]store.Event, 1, life)
	m.History[0] = m.StatusEvent(req.ReceivedAt, m.Channel, "accepted")
	if m.Status.GroupID == wire.GroupRejected {
		m.DoneAt = req.ReceivedAt
		m.FinalChannel = m.Channel
	}
	if m.NotifyURL != "" && !schema.IsHTTPURL(m.NotifyURL) {
		m.Warnings = append(m.Warnings, "delivery report URL "+m.NotifyURL+" is not an absolute http(s) URL; reports to it will fail")
	}
	if m.SeenURL != "" && !schema.IsHTTPURL(m.SeenURL) {
		m.Warnings = append(m.Warnings, "seen report URL "+m.SeenURL+" is not an absolute http(s) URL; reports to it will fail")
	}
}

func (s *Server) newRequest(c *call) *store.Request {
	return &store.Request{Host: c.r.Host, Method: c.r.Method, Path: c.r.URL.Path, Body: json.RawMessage(c.body), ReceivedAt: s.clock.Now()}
}

// applyPlatform copies the CPaaS X ids of options.platform.
func applyPlatform(m *store.Message, p *wire.Platform) {
	if p != nil && (p.EntityID != "" || p.ApplicationID != "") {
		x := m.EditExtras()
		x.EntityID, x.ApplicationID = p.EntityID, p.ApplicationID
	}
}

// applyDelivery sets where and how reports go from the v2/v3 webhooks object.
func applyDelivery(m *store.Message, callbackData string, d *wire.DeliveryWebhook) {
	m.CallbackData = callbackData
	if d == nil {
		return
	}
	m.NotifyURL = d.URL
	m.Notify = boolOr(d.Notify, true)
	m.IntermediateReport = boolOr(d.IntermediateReport, false)
	m.TriggeredFailoverReports = boolOr(d.ReceiveTriggeredFailoverReports, false)
}

// warnXML records that XML delivery reports were asked for: they are posted
// as application/xml, in the document's XML shape. (Name kept from when the
// simulator only warned.)
func warnXML(m *store.Message, contentType string) {
	if strings.Contains(strings.ToLower(contentType), "xml") {
		m.XMLReports = true
	}
}

// speedUnit is the period a sending speed limit's amount is per.
func speedUnit(unit string) time.Duration {
	switch unit {
	case "HOUR":
		return time.Hour
	case "DAY":
		return 24 * time.Hour
	}
	return time.Minute
}

// applySpeedLimit spaces a request's messages evenly, amount per time unit,
// from when they are due: the i-th message is held i periods.
func applySpeedLimit(msgs []*store.Message, l *wire.SendingSpeedLimit) {
	if l == nil || l.Amount <= 0 || len(msgs) < 2 {
		return
	}
	gap := speedUnit(l.TimeUnit) / time.Duration(l.Amount)
	for i, m := range msgs {
		base := m.AcceptedAt
		if m.SendAt.After(base) {
			base = m.SendAt
		}
		m.EditExtras().SendAt = base.Add(time.Duration(i) * gap)
	}
}
