package simulator

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/internal/report"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// LogRetention is how far back the logs endpoints reach: 48 hours.
const LogRetention = 48 * time.Hour

// logQuery is the parsed filter of a logs request.
type logQuery struct {
	channel       string
	sender        string
	destination   string
	bulkIDs       map[string]bool
	messageIDs    map[string]bool
	campaignIDs   map[string]bool
	generalStatus string
	since, until  time.Time
	limit         int
	entityID      string
	applicationID string
	mcc, mnc      string
	useCursor     bool
	cursor        uint64
}

// multi reads a parameter that may repeat and may hold comma-separated values.
func multi(q url.Values, name string) map[string]bool {
	vals := q[name]
	if len(vals) == 0 {
		return nil
	}
	out := map[string]bool{}
	for _, v := range vals {
		for _, part := range strings.Split(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out[part] = true
			}
		}
	}
	return out
}

// generalStatuses are the documented values of the logs' generalStatus.
var generalStatuses = []string{"ACCEPTED", "PENDING", "UNDELIVERABLE", "DELIVERED", "EXPIRED", "REJECTED"}

func (s *Server) parseLogQuery(q url.Values, channel, senderParam, destParam string) (logQuery, error) {
	lq := logQuery{
		channel: channel, sender: q.Get(senderParam), destination: normalizeNumber(q.Get(destParam)),
		bulkIDs: multi(q, "bulkId"), messageIDs: multi(q, "messageId"), campaignIDs: multi(q, "campaignReferenceId"),
		generalStatus: q.Get("generalStatus"), entityID: q.Get("entityId"), applicationID: q.Get("applicationId"),
		mcc: q.Get("mcc"), mnc: q.Get("mnc"), useCursor: q.Get("useCursor") == "true",
	}
	if lq.mnc != "" && lq.mcc == "" {
		return lq, badRequest("mnc", "must be used together with mcc")
	}
	if g := lq.generalStatus; g != "" && !slices.Contains(generalStatuses, strings.ToUpper(g)) {
		return lq, badRequest("generalStatus", "must be one of ["+strings.Join(generalStatuses, ", ")+"]")
	}
	limit := limitParam
	if senderParam == "from" { // GET /sms/1/logs documents no maximum
		limit = limitParamClamped
	}
	var err error
	if lq.limit, err = limit(q); err != nil {
		return lq, err
	}
	now := s.clock.Now()
	lq.since, lq.until = now.Add(-LogRetention), now
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"sentSince", &lq.since}, {"sentUntil", &lq.until}} {
		if v := q.Get(p.name); v != "" {
			t, err := wire.ParseTime(v)
			if err != nil {
				return lq, badRequest(p.name, err.Error())
			}
			*p.dst = t
		}
	}
	if v := q.Get("cursor"); v != "" {
		n, err := strconv.ParseUint(strings.TrimPrefix(v, "c"), 10, 64)
		if err != nil {
			return lq, badRequest("cursor", "is not a cursor this endpoint returned")
		}
		lq.cursor, lq.useCursor = n, true
	}
	return lq, nil
}

func (lq logQuery) match(m *store.Message) bool {
	switch {
	case m.Channel != lq.channel,
		lq.sender != "" && m.Sender != lq.sender,
		lq.destination != "" && m.Destination != lq.destination,
		lq.bulkIDs != nil && !lq.bulkIDs[m.BulkID],
		lq.messageIDs != nil && !lq.messageIDs[m.MessageID],
		lq.campaignIDs != nil && !lq.campaignIDs[m.CampaignReferenceID],
		lq.generalStatus != "" && !strings.EqualFold(lq.generalStatus, m.Status.GroupName),
		lq.entityID != "" && m.EntityID != lq.entityID,
		lq.applicationID != "" && m.ApplicationID != lq.applicationID,
		lq.mcc != "" && !strings.HasPrefix(report.MCCMNC(m.Destination), lq.mcc+lq.mnc),
		m.AcceptedAt.Before(lq.since), m.AcceptedAt.After(lq.until),
		lq.cursor != 0 && m.Seq >= lq.cursor:
		return false
	}
	return true
}

// selectLogs returns matching messages of the account, newest first, and the
// cursor of the next page when there is one.
func (s *Server) selectLogs(account string, lq logQuery) ([]*store.Message, string) {
	all := s.store.List(store.Filter{Account: account})
	var out []*store.Message
	next := ""
	for i := len(all) - 1; i >= 0; i-- {
		if !lq.match(all[i]) {
			continue
		}
		if len(out) == lq.limit {
			if lq.useCursor {
				next = "c" + strconv.FormatUint(out[len(out)-1].Seq, 10)
			}
			break
		}
		out = append(out, all[i])
	}
	return out, next
}

func logPrice(m *store.Message) *wire.Price {
	if m.Status.GroupID != wire.GroupDelivered {
		return &wire.Price{PricePerMessage: 0, Currency: report.Currency}
	}
	if m.Channel == store.SMS || m.FinalChannel == store.SMS {
		return &wire.Price{PricePerMessage: report.PriceSMSPart * float64(m.Parts), Currency: report.Currency}
	}
	_, _, p := report.TrafficType(m)
	return &wire.Price{PricePerMessage: p, Currency: report.Currency}
}

func logEntry(m *store.Message) wire.LogEntry {
	e := wire.LogEntry{
		Sender: m.Sender, Destination: m.Destination, BulkID: m.BulkID, MessageID: m.MessageID,
		SentAt: wire.NewTime(m.AcceptedAt), DoneAt: wire.NewTime(m.DoneAt), MessageCount: m.Parts,
		Price: logPrice(m), Status: *m.Status, Error: *m.Error, CampaignReferenceID: m.CampaignReferenceID,
		MCCMNC: report.MCCMNC(m.Destination),
	}
	if m.Channel == store.RCS {
		e.Error = wire.InRCSDocument(e.Error)
	}
	if len(m.Content) > 0 {
		e.Content = json.RawMessage(m.Content)
	}
	if m.EntityID != "" || m.ApplicationID != "" {
		e.Platform = &wire.Platform{EntityID: m.EntityID, ApplicationID: m.ApplicationID}
	}
	return e
}

// logs serves GET /sms/3/logs and GET /rcs/2/logs.
func (s *Server) logs(channel string) handler {
	return func(c *call) (int, any, error) {
		lq, err := s.parseLogQuery(c.r.URL.Query(), channel, "sender", "destination")
		if err != nil {
			return 0, nil, err
		}
		msgs, next := s.selectLogs(c.principal.Account, lq)
		out := wire.LogsResponse{Results: make([]wire.LogEntry, len(msgs))}
		for i, m := range msgs {
			out.Results[i] = logEntry(m)
			if channel == store.RCS {
				out.Results[i].MCCMNC = ""
			}
		}
		if lq.useCursor {
			out.Cursor = &wire.CursorPage{Limit: lq.limit, NextCursor: next}
		}
		return http.StatusOK, out, nil
	}
}

// logsV1 serves the deprecated GET /sms/1/logs (from/to parameters, v1 fields).
func (s *Server) logsV1(c *call) (int, any, error) {
	lq, err := s.parseLogQuery(c.r.URL.Query(), store.SMS, "from", "to")
	if err != nil {
		return 0, nil, err
	}
	msgs, _ := s.selectLogs(c.principal.Account, lq)
	out := wire.Reports[wire.LogV1]{Results: make([]wire.LogV1, len(msgs))}
	for i, m := range msgs {
		out.Results[i] = wire.LogV1{
			BulkID: m.BulkID, MessageID: m.MessageID, To: m.Destination, From: m.Sender, Text: m.Text,
			SentAt: wire.NewTime(m.AcceptedAt), DoneAt: wire.NewTime(m.DoneAt), SMSCount: m.Parts,
			MCCMNC: report.MCCMNC(m.Destination), Price: logPrice(m), Status: *m.Status, Error: *m.Error,
			EntityID: m.EntityID, ApplicationID: m.ApplicationID, CampaignReferenceID: m.CampaignReferenceID,
		}
	}
	return http.StatusOK, out, nil
}
