// Package apischema declares the request schemas of the simulated endpoints,
// with the field limits of Infobip's OpenAPI documents, and the cross-field
// rules the documents state in prose (a card needs media or a title, ordered
// messages share their sender, and so on).
package apischema

import (
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/wire"

	s "github.com/jiocxsim/jiocxsim/simulator/internal/schema"
)

// MaxScheduleAhead is how far in the future sendAt may lie.
const MaxScheduleAhead = 180 * 24 * time.Hour

// Transliterations are the values of the SMS transliteration enum.
var transliterations = []string{"TURKISH", "GREEK", "CYRILLIC", "SERBIAN_CYRILLIC", "BULGARIAN_CYRILLIC",
	"CENTRAL_EUROPEAN", "BALTIC", "PORTUGUESE", "COLOMBIAN", "NON_UNICODE", "NONE", "ALL"}

// sendAt checks a scheduling timestamp: Infobip's format, at most 180 days ahead.
func sendAt() *s.StringNode {
	return s.String().Rule(func(c *s.Ctx, v, path string) {
		t, err := wire.ParseTime(v)
		if err != nil {
			c.Add(path, "must be in the format yyyy-MM-dd'T'HH:mm:ss.SSSZ")
			return
		}
		if t.After(c.Now.Add(MaxScheduleAhead)) {
			c.Add(path, "must not be more than 180 days in the future")
		}
	})
}

func timeOfDay() s.Node {
	return s.Object(s.Req("hour", s.Int().Min(0).Max(23)), s.Req("minute", s.Int().Min(0).Max(59)))
}

var days = []string{"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"}

// deliveryTimeWindow: days required; from and to given together and at least
// one hour apart.
func deliveryTimeWindow() s.Node {
	return s.Object(
		s.Req("days", s.Array(s.String().Enum(days...)).Items(1, 7)),
		s.Opt("from", timeOfDay()),
		s.Opt("to", timeOfDay()),
	).Rule(func(c *s.Ctx, o map[string]any, path string) {
		from, to := s.Obj(o, "from"), s.Obj(o, "to")
		if (from == nil) != (to == nil) {
			missing := "to"
			if from == nil {
				missing = "from"
			}
			c.Add(s.Join(path, missing), "must not be null when %s is set", map[string]string{"to": "from", "from": "to"}[missing])
			return
		}
		if from == nil {
			return
		}
		fh, _ := s.IntOf(from, "hour")
		fm, _ := s.IntOf(from, "minute")
		th, _ := s.IntOf(to, "hour")
		tm, _ := s.IntOf(to, "minute")
		gap := (th*60 + tm) - (fh*60 + fm)
		if gap < 0 {
			gap += 24 * 60
		}
		if gap < 60 {
			c.Add(path, "from and to must be at least 1 hour apart")
		}
	})
}

// validityPeriod is the v2/v3 {amount, timeUnit} object.
func validityPeriod() s.Node {
	return s.Object(
		// No minimum: the spec has none. 0 (or less) means the 48-hour
		// maximum, as an absent period does (normalize.go's validity).
		s.Req("amount", s.Int32()),
		s.Opt("timeUnit", s.String().Enum("SECONDS", "MINUTES", "HOURS")),
	)
}

func platform(max int) s.Node {
	return s.Object(s.Opt("entityId", s.String().Len(0, max)), s.Opt("applicationId", s.String().Len(0, max)))
}

// indiaDLT: principalEntityId is the one documented request-time rule.
func indiaDLT(withTelemarketer bool) s.Node {
	fields := []s.Field{
		s.Req("principalEntityId", s.String().Len(1, -1)),
		s.Opt("contentTemplateId", s.String()),
	}
	if withTelemarketer {
		fields = append(fields, s.Opt("telemarketerId", s.String()))
	}
	return s.Object(fields...)
}

func regional(withTelemarketer bool) s.Node {
	return s.Object(
		s.Opt("indiaDlt", indiaDLT(withTelemarketer)),
		s.Opt("turkeyIys", s.Object(
			s.Opt("brandCode", s.Int32()),
			s.Req("recipientType", s.String().Enum("BIREYSEL", "TACIR")),
		)),
		s.Opt("southKorea", s.Object(
			s.Opt("resellerCode", s.Int()),
			s.Opt("title", s.String().Len(0, 66)),
		)),
	)
}

func tracking() s.Node {
	return s.Object(
		s.Opt("shortenUrl", s.Bool()),
		s.Opt("trackClicks", s.Bool()),
		s.Opt("trackingUrl", s.String()),
		s.Opt("removeProtocol", s.Bool()),
		s.Opt("customDomain", s.String()),
	)
}

func sendingSpeedLimit() s.Node {
	return s.Object(
		// No minimum: the spec has none. 0 (or less) sets no limit.
		s.Req("amount", s.Int32()),
		s.Opt("timeUnit", s.String().Enum("MINUTE", "HOUR", "DAY")),
	)
}

func schedule() s.Node {
	return s.Object(
		s.Opt("bulkId", s.String().Len(0, 100)),
		s.Opt("sendAt", sendAt()),
		s.Opt("sendingSpeedLimit", sendingSpeedLimit()),
	)
}

func deliveryWebhook(withFailoverReports bool) s.Node {
	fields := []s.Field{
		s.Opt("url", s.String()),
		s.Opt("intermediateReport", s.Bool()),
		s.Opt("notify", s.Bool()),
	}
	if withFailoverReports {
		fields = append(fields, s.Opt("receiveTriggeredFailoverReports", s.Bool()))
	}
	return s.Object(fields...)
}
