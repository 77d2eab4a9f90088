package apischema

import (
	"github.com/jiocxsim/jiocxsim/simulator/wire"

	s "github.com/jiocxsim/jiocxsim/simulator/internal/schema"
)

// Limits of RCS content, from the OpenAPI document (v1 and v2 differ).
const (
	maxURL             = 2048
	maxSuggestionText  = 25
	maxPostbackData    = 2048 // the spec says 2024; every SDK and the docs page say 2048
	maxCardSuggestions = 4
	maxV1Suggestions   = 10
	maxV2Suggestions   = 11
	maxV1Text          = 1000
	maxV2Text          = 3072
	minCarouselCards   = 2
	maxCarouselCards   = 10
	maxCallbackData    = 4000
	// MaxURL bounds a callback URL the documents leave unbounded (the
	// documents' own URL limit for media).
	MaxURL = 2048
)

// resource is a file reference; only the FILE content's own file is documented
// to need an http(s) URL.
func resource() s.Node {
	return s.Object(s.Req("url", s.String().Len(1, maxURL)))
}

func httpResource() s.Node {
	return s.Object(s.Req("url", s.String().Len(1, maxURL).URL()))
}

func suggestion() s.Node {
	base := func(extra ...s.Field) *s.ObjectNode {
		f := []s.Field{
			s.Req("text", s.String().Len(1, maxSuggestionText)),
			s.Req("postbackData", s.String().Len(1, maxPostbackData)),
		}
		return s.Object(append(f, extra...)...)
	}
	return s.Union("type", map[string]s.Node{
		wire.SuggestionReply: base(),
		wire.SuggestionOpenURL: base(
			s.Req("url", s.String().Len(1, maxURL).URL()),
			s.Opt("application", s.String().Enum("BROWSER", "WEBVIEW")),
			s.Opt("webviewViewMode", s.String().Enum("FULL", "HALF", "TALL")),
		).Rule(func(c *s.Ctx, o map[string]any, path string) {
			if s.Str(o, "application") == "WEBVIEW" && s.Str(o, "webviewViewMode") == "" {
				c.Add(s.Join(path, "webviewViewMode"), "must not be null when application is WEBVIEW")
			}
		}),
		wire.SuggestionDialPhone: base(
			s.Req("phoneNumber", s.String().Pattern(`^\+?[0-9]\d{1,14}$`)),
		),
		wire.SuggestionShowLocation: base(
			s.Req("latitude", s.Number().Min(-90).Max(90)),
			s.Req("longitude", s.Number().Min(-180).Max(180)),
			s.Opt("label", s.String().Len(1, 100)),
		),
		wire.SuggestionRequestLocation: base(),
		wire.SuggestionCreateCalendarEvent: base(
			s.Req("startTime", calendarTime()),
			s.Req("endTime", calendarTime()),
			s.Req("title", s.String().Len(1, 100)),
			s.Opt("description", s.String().Len(1, 500)),
		).Rule(func(c *s.Ctx, o map[string]any, path string) {
			start, _ := wire.ParseTime(s.Str(o, "startTime"))
			end, _ := wire.ParseTime(s.Str(o, "endTime"))
			if !start.After(c.Now) {
				c.Add(s.Join(path, "startTime"), "must be in the future")
			}
			if !start.Before(end) {
				c.Add(s.Join(path, "endTime"), "must be after startTime")
			}
		}),
	}).Order(wire.SuggestionReply, wire.SuggestionOpenURL, wire.SuggestionDialPhone,
		wire.SuggestionShowLocation, wire.SuggestionRequestLocation, wire.SuggestionCreateCalendarEvent)
}

func calendarTime() *s.StringNode {
	return s.String().Rule(func(c *s.Ctx, v, path string) {
		if _, err := wire.ParseTime(v); err != nil {
			c.Add(path, "must be in the format yyyy-MM-dd'T'HH:mm:ss.SSSZ")
		}
	})
}

func suggestions(max int) s.Node { return s.Array(suggestion()).Items(0, max) }

func cardMedia() s.Node {
	return s.Object(
		s.Req("file", resource()),
		s.Opt("thumbnail", resource()),
		s.Req("height", s.String().Enum("SHORT", "MEDIUM", "TALL")),
	)
}

func cardContent() s.Node {
	return s.Object(
		s.Opt("title", s.String().Len(1, 200)),
		s.Opt("description", s.String().Len(1, 2000)),
		s.Opt("media", cardMedia()),
		s.Opt("suggestions", suggestions(maxCardSuggestions)),
	).Rule(func(c *s.Ctx, o map[string]any, path string) {
		if s.Obj(o, "media") == nil && s.Str(o, "title") == "" {
			c.Add(path, "must contain media or title")
		}
	})
}

// rcsContent is the content union of v1 (v2=false) or v2 (v2=true).
func rcsContent(v2 bool) s.Node {
	maxText, maxSugg := maxV1Text, maxV1Suggestions
	minText := 1
	if v2 {
		maxText, maxSugg = maxV2Text, maxV2Suggestions
		minText = 0
	}
	file := []s.Field{s.Req("file", httpResource()), s.Opt("thumbnail", resource())}
	if v2 {
		file = append(file, s.Opt("suggestions", suggestions(maxSugg)))
	}
	variants := map[string]s.Node{
		wire.ContentText: s.Object(
			s.Req("text", s.String().Len(minText, maxText)),
			s.Opt("suggestions", suggestions(maxSugg)),
		),
		wire.ContentFile: s.Object(file...),
		wire.ContentCard: s.Object(
			s.Req("orientation", s.String().Enum("HORIZONTAL", "VERTICAL")),
			s.Req("alignment", s.String().Enum("LEFT", "RIGHT")),
			s.Req("content", cardContent()),
			s.Opt("suggestions", suggestions(maxSugg)),
		),
		wire.ContentCarousel: s.Object(
			s.Req("cardWidth", s.String().Enum("SMALL", "MEDIUM")),
			s.Req("contents", s.Array(cardContent()).Items(minCarouselCards, maxCarouselCards)),
			s.Opt("suggestions", suggestions(maxSugg)),
		),
	}
	order := []string{wire.ContentText, wire.ContentFile, wire.ContentCard, wire.ContentCarousel}
	if v2 {
		variants[wire.ContentProviderTemplate] = s.Object(
			s.Req("templateId", s.String().Len(1, -1)),
			s.Opt("parameters", s.Array(s.Object(s.Req("name", s.String()), s.Req("value", s.String())))),
		)
		order = append(order, wire.ContentProviderTemplate)
	}
	return s.Union("type", variants).Order(order...)
}

// v1ValidityUnits are the v1 units; v2 has no DAYS.
var v1ValidityUnits = []string{"SECONDS", "MINUTES", "HOURS", "DAYS"}

func rcsV1Message() s.Node {
	return s.Object(
		s.Opt("from", s.String()),
		s.Req("to", s.String()),
		s.Opt("validityPeriod", s.Int32()), // no minimum in the spec: 0 means 48 hours
		s.Opt("validityPeriodTimeUnit", s.String().Enum(v1ValidityUnits...)),
		s.Req("content", rcsContent(false)),
		s.Opt("smsFailover", s.Object(
			s.Req("from", s.String()),
			s.Req("text", s.String()),
			s.Opt("validityPeriod", s.Int32()), // no minimum in the spec: 0 means 48 hours
			s.Opt("validityPeriodTimeUnit", s.String().Enum(v1ValidityUnits...)),
			s.Opt("regional", s.Object(s.Opt("indiaDlt", indiaDLT(false)))),
		)),
		// The v1 document gives these no limit; the simulator applies the
		// later generations' (README, fidelity notes).
		s.Opt("notifyUrl", s.String().Len(0, MaxURL)),
		s.Opt("callbackData", s.String().Len(0, maxCallbackData)),
		s.Opt("messageId", s.String().Len(0, 200)),
		s.Opt("entityId", s.String().Len(0, 255)),
		s.Opt("applicationId", s.String().Len(0, 255)),
	)
}

// RCSv1Single is POST /ott/rcs/1/message.
func RCSv1Single() s.Node { return rcsV1Message() }

// RCSv1Bulk is POST /ott/rcs/1/message/bulk.
func RCSv1Bulk() s.Node {
	return s.Object(s.Opt("messages", s.Array(rcsV1Message())))
}

func rcsV2Message() s.Node {
	return s.Object(
		s.Opt("sender", s.String()),
		s.Req("destinations", s.Array(s.Object(
			s.Req("to", s.String()),
			s.Opt("messageId", s.String().Len(0, 200)),
		)).Items(1, -1)),
		s.Req("content", rcsContent(true)),
		s.Opt("options", s.Object(
			s.Opt("platform", platform(255)),
			s.Opt("validityPeriod", validityPeriod()),
			s.Opt("deliveryTimeWindow", deliveryTimeWindow()),
			s.Opt("campaignReferenceId", s.String().Len(0, 255)),
			s.Opt("smsFailover", s.Object(
				s.Opt("sender", s.String()),
				s.Req("text", s.String()),
				s.Opt("validityPeriod", validityPeriod()),
				s.Opt("regional", regional(true)),
			)),
			s.Opt("mmsFailover", mmsFailover()),
		).Rule(func(c *s.Ctx, o map[string]any, path string) {
			if s.Obj(o, "smsFailover") != nil && s.Obj(o, "mmsFailover") != nil {
				c.Add(s.Join(path, "mmsFailover"), "must be null when smsFailover is set")
			}
		})),
		s.Opt("webhooks", s.Object(
			s.Opt("delivery", deliveryWebhook(true)),
			s.Opt("contentType", s.String()),
			s.Opt("callbackData", s.String().Len(0, maxCallbackData)),
			s.Opt("seen", s.Object(s.Opt("url", s.String()))),
		)),
	)
}

// RCSv2 is POST /rcs/2/messages.
func RCSv2() s.Node {
	return s.Object(
		s.Req("messages", s.Array(rcsV2Message()).Items(1, -1)),
		s.Opt("options", s.Object(
			s.Opt("schedule", schedule()),
			s.Opt("tracking", tracking()),
			s.Opt("messageOrdering", s.Object(
				s.Opt("respectOrder", s.Bool()),
				s.Opt("stopOnFailure", s.Bool()),
			)),
		)),
	).Rule(messageOrderingRule)
}

// mmsFailover is RcsMmsFailover. MMS is not delivered (the README says
// so), but the request is checked as the spec describes it.
func mmsFailover() s.Node {
	segment := s.Object(
		s.Req("type", s.String().Enum("TEXT", "LINK", "SMIL", "UPLOADED_REFERENCE")),
		s.Opt("contentId", s.String()),
		s.Opt("text", s.String().Len(0, 4096)),
		s.Opt("contentType", s.String()),
		s.Opt("contentUrl", s.String()),
		s.Opt("smil", s.String()),
		s.Opt("uploadedContentId", s.String()),
	)
	return s.Object(
		s.Opt("sender", s.String()),
		s.Opt("validityPeriod", validityPeriod()),
		s.Req("content", s.Object(
			s.Opt("title", s.String().Len(0, 66)),
			s.Req("messageSegments", s.Array(segment)),
		)),
	)
}

// messageOrderingRule applies RcsMessageOrderingOptions: with respectOrder the
// request is exactly two messages where only the first has failover, or 2 to 10
// messages without failover, all sharing sender, destinations, platform,
// delivery window, campaign and webhooks.
func messageOrderingRule(c *s.Ctx, root map[string]any, _ string) {
	mo := s.Obj(s.Obj(root, "options"), "messageOrdering")
	// respectOrder defaults to true (RcsMessageOrderingOptions), so an empty
	// messageOrdering object asks for ordering.
	if mo == nil || !s.BoolOf(mo, "respectOrder", true) {
		return
	}
	const path = "options.messageOrdering.respectOrder"
	msgs := s.Arr(root, "messages")
	withFailover := make([]bool, len(msgs))
	anyFailover := false
	for i, m := range msgs {
		opts := s.Obj(m.(map[string]any), "options")
		withFailover[i] = s.Obj(opts, "smsFailover") != nil || s.Obj(opts, "mmsFailover") != nil
		anyFailover = anyFailover || withFailover[i]
	}
	switch {
	case len(msgs) < 2:
		c.Add("messages", "size must be between 2 and 10 when %s is true", path)
		return
	case anyFailover && (len(msgs) != 2 || !withFailover[0] || withFailover[1]):
		c.Add("messages", "with failover and %s, exactly 2 messages are allowed and only the first may have failover", path)
		return
	case len(msgs) > 10:
		c.Add("messages", "size must be between 2 and 10 when %s is true", path)
		return
	}
	first := msgs[0].(map[string]any)
	for i := 1; i < len(msgs); i++ {
		m := msgs[i].(map[string]any)
		for _, prop := range []string{"sender", "destinations", "webhooks"} {
			if !sameJSON(first[prop], m[prop]) {
				c.Add(s.Join(s.Index("messages", i), prop), "must be the same in all messages when %s is true", path)
			}
		}
		fo, mo := s.Obj(first, "options"), s.Obj(m, "options")
		for _, prop := range []string{"platform", "deliveryTimeWindow", "campaignReferenceId"} {
			if !sameJSON(fo[prop], mo[prop]) {
				c.Add(s.Join(s.Join(s.Index("messages", i), "options"), prop), "must be the same in all messages when %s is true", path)
			}
		}
	}
}

// RCSEvents is POST /rcs/1/events.
func RCSEvents() s.Node {
	return s.Object(s.Req("events", s.Array(s.Object(
		s.Req("sender", s.String().Len(1, -1)),
		s.Req("destinations", s.Array(s.Object(
			s.Req("to", s.String().Len(0, 64)),
			s.Opt("messageId", s.String().Len(0, 200)),
		)).Items(1, -1)),
		s.Req("content", s.Union("type", map[string]s.Node{
			"SEEN":             s.Object(s.Req("messageId", s.String().Len(1, -1))),
			"TYPING_INDICATOR": s.Object(),
		}).Order("SEEN", "TYPING_INDICATOR")),
		s.Opt("options", s.Object(
			s.Opt("platform", platform(255)),
			s.Opt("deliveryTimeWindow", deliveryTimeWindow()),
		)),
	)).Items(1, -1)))
}

// CapabilityQuery is POST /rcs/2/capability-check/query (at most 500 numbers).
func CapabilityQuery() s.Node {
	return s.Object(
		s.Req("sender", s.String().Len(1, -1)),
		s.Req("phoneNumbers", s.Array(s.String()).Items(1, 500)),
		s.Opt("options", s.Object(s.Opt("platform", platform(255)))),
	)
}

// CapabilityNotify is POST /rcs/2/capability-check/notify (at most 10,000 numbers).
func CapabilityNotify() s.Node {
	return s.Object(
		s.Req("sender", s.String().Len(1, -1)),
		s.Req("phoneNumbers", s.Array(s.String()).Items(1, 10000)),
		s.Opt("notifyUrl", s.String()),
		s.Opt("notifyContentType", s.String()),
		s.Opt("options", s.Object(s.Opt("platform", platform(255)))),
	)
}

// InboundConfig is POST /resource-management/1/inbound-message-configurations
// for the channels the simulator forwards: RCS (resource names the sender)
// and SMS (number names the number).
func InboundConfig() s.Node {
	forwarding := s.Object(
		s.Req("type", s.String().Enum("HTTP_FORWARD", "PULL")),
		s.Opt("url", s.String().Len(1, -1)),
		s.Opt("format", s.String()),
	).Rule(func(c *s.Ctx, o map[string]any, path string) {
		if s.Str(o, "type") == "HTTP_FORWARD" && s.Str(o, "url") == "" {
			c.Add(s.Join(path, "url"), "must not be null when type is HTTP_FORWARD")
		}
	})
	return s.Object(
		s.Req("channel", s.String().Enum("RCS", "SMS")),
		s.Opt("resource", s.String()),
		s.Opt("resourceKey", s.String()),
		s.Opt("number", s.String()),
		s.Opt("numberKey", s.String()),
		s.Opt("countryCode", s.String().Pattern(`^[A-Z]{2}$`)),
		s.Opt("keyword", s.String().Len(0, 50)),
		s.Opt("username", s.String().Len(0, 255)),
		s.Opt("platform", platform(255)),
		s.Opt("forwarding", forwarding),
	).Rule(func(c *s.Ctx, o map[string]any, _ string) {
		switch s.Str(o, "channel") {
		case "RCS":
			if s.Str(o, "resource") == "" && s.Str(o, "resourceKey") == "" {
				c.Add("resource", "must not be null when resourceKey is not present")
			}
			if f := s.Obj(o, "forwarding"); f != nil && s.Str(f, "type") == "PULL" {
				c.Add("forwarding.type", "must be HTTP_FORWARD for channel RCS")
			}
		case "SMS":
			if s.Str(o, "number") == "" && s.Str(o, "numberKey") == "" {
				c.Add("number", "must not be null when numberKey is not present")
			}
		}
	})
}
