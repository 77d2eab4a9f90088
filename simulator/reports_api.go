package simulator

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/jiocxsim/jiocxsim/simulator/internal/pull"
	"github.com/jiocxsim/jiocxsim/simulator/internal/report"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// Pull limits of every reports and logs endpoint.
const (
	defaultPullLimit = 50
	maxPullLimit     = 1000
)

// limitParam reads ?limit=, defaulting to 50; above the documented maximum
// of 1000 it is refused, as the spec's "maximum: 1000" says.
func limitParam(q url.Values) (int, error) {
	n, err := limitParamClamped(q)
	if err == nil && q.Get("limit") != "" && n == maxPullLimit {
		if v, _ := strconv.Atoi(q.Get("limit")); v > maxPullLimit {
			return 0, badRequest("limit", "must be less than or equal to 1000")
		}
	}
	return n, err
}

// limitParamClamped reads ?limit= for the endpoints that document no
// maximum (GET /sms/1/logs, GET /sms/1/inbox/reports): above 1000 it is
// clamped to 1000.
func limitParamClamped(q url.Values) (int, error) {
	v := q.Get("limit")
	if v == "" {
		return defaultPullLimit, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, badRequest("limit", "must be an integer between 1 and 1000")
	}
	if n > maxPullLimit {
		n = maxPullLimit
	}
	return n, nil
}

// reports serves GET /sms/1/reports, /sms/3/reports and /rcs/2/reports: each
// report is returned once.
func (s *Server) reports(family report.Family) handler {
	return func(c *call) (int, any, error) {
		q := c.r.URL.Query()
		limit, err := limitParam(q)
		if err != nil {
			return 0, nil, err
		}
		f := pull.Filter{
			BulkID: q.Get("bulkId"), MessageID: q.Get("messageId"), EntityID: q.Get("entityId"),
			ApplicationID: q.Get("applicationId"), CampaignReferenceID: q.Get("campaignReferenceId"),
		}
		entries, _ := s.pull.Take(c.principal.Account, string(family), f, limit, s.clock.Now(), ReportRetention)
		results := make([]any, len(entries))
		for i, e := range entries {
			results[i] = e.Body
		}
		return http.StatusOK, wire.Reports[any]{Results: results}, nil
	}
}
