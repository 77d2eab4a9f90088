package apischema

import (
	"github.com/jiocxsim/jiocxsim/simulator/wire"

	s "github.com/jiocxsim/jiocxsim/simulator/internal/schema"
)

// The Messages API (/messages-api/1/...). Field names, enums and required
// properties follow the official Go SDK v3.2.0's models/messagesapi, which is
// generated from Infobip's OpenAPI document. That document states no length
// limits for the RCS and SMS channels, so the RCS API's limits apply to the
// RCS channel (text, buttons, postback data, carousel size).

// messagesChannels are every OutboundMessageChannel; only RCS and SMS are
// simulated, the others are refused by name.
var messagesChannels = []string{"APPLE_MB", "INSTAGRAM_DM", "LINE_ON", "MESSENGER", "MMS", "RCS", "SMS", "VIBER_BM", "VIBER_BOT", "WHATSAPP"}

// messagesBodyTypes are the body types the RCS and SMS channels take.
var messagesBodyTypes = []string{wire.BodyText, wire.BodyImage, wire.BodyVideo, wire.BodyDocument, wire.BodyRichLink, wire.BodyCarousel}

const (
	maxMessagesButtons     = maxV2Suggestions
	maxMessagesCardButtons = maxCardSuggestions
	maxMessagesID          = 200
)

func messagesURL() *s.StringNode { return s.String().Len(1, maxURL).URL() }

func messagesCardOptions() s.Node {
	return s.Object(
		s.Opt("orientation", s.String().Enum("HORIZONTAL", "VERTICAL")),
		s.Opt("alignment", s.String().Enum("LEFT", "RIGHT")),
		s.Opt("height", s.String().Enum("SHORT", "MEDIUM", "TALL")),
	)
}

func messagesButton() s.Node {
	text := func(required bool) s.Field {
		if required {
			return s.Req("text", s.String().Len(1, maxSuggestionText))
		}
		return s.Opt("text", s.String().Len(0, maxSuggestionText))
	}
	postback := s.Opt("postbackData", s.String().Len(0, maxPostbackData))
	return s.Union("type", map[string]s.Node{
		wire.ButtonReply: s.Object(text(true), postback),
		wire.ButtonOpenURL: s.Object(text(true), postback,
			s.Req("url", messagesURL()),
			s.Opt("openIn", s.String().Enum("BROWSER", "WEBVIEW_FULL", "WEBVIEW_HALF", "WEBVIEW_TALL")),
		),
		wire.ButtonDialPhone: s.Object(text(true), postback,
			s.Req("phoneNumber", s.String().Pattern(`^\+?[0-9]\d{1,14}$`)),
		),
		wire.ButtonShowLocation: s.Object(text(true), postback,
			s.Req("latitude", s.Number().Min(-90).Max(90)),
			s.Req("longitude", s.Number().Min(-180).Max(180)),
			s.Opt("name", s.String().Len(0, 100)),
		),
		wire.ButtonRequestLocation: s.Object(text(false), postback),
		wire.ButtonAddCalendarEvent: s.Object(text(true), postback,
			s.Req("startTime", calendarTime()),
			s.Req("endTime", calendarTime()),
			s.Req("title", s.String().Len(1, 100)),
			s.Opt("description", s.String().Len(0, 500)),
		).Rule(func(c *s.Ctx, o map[string]any, path string) {
			start, _ := wire.ParseTime(s.Str(o, "startTime"))
			end, _ := wire.ParseTime(s.Str(o, "endTime"))
			if !start.Before(end) {
				c.Add(s.Join(path, "endTime"), "must be after startTime")
			}
		}),
	}).Order(wire.ButtonReply, wire.ButtonOpenURL, wire.ButtonDialPhone, wire.ButtonShowLocation,
		wire.ButtonRequestLocation, wire.ButtonAddCalendarEvent)
}

func messagesBody() s.Node {
	caption := s.Opt("text", s.String())
	return s.Union("type", map[string]s.Node{
		wire.BodyText:     s.Object(s.Req("text", s.String().Len(1, -1))),
		wire.BodyImage:    s.Object(s.Req("url", messagesURL()), caption),
		wire.BodyVideo:    s.Object(s.Req("url", messagesURL()), caption, s.Opt("thumbnailUrl", messagesURL())),
		wire.BodyDocument: s.Object(s.Req("url", messagesURL()), caption, s.Opt("filename", s.String().Len(0, 240))),
		wire.BodyRichLink: s.Object(
			s.Req("redirectUrl", messagesURL()),
			s.Req("text", s.String().Len(1, -1)),
			s.Req("url", messagesURL()),
			s.Opt("isVideo", s.Bool()),
			s.Opt("thumbnailUrl", messagesURL()),
			s.Opt("buttonText", s.String().Len(0, maxSuggestionText)),
			s.Opt("cardOptions", messagesCardOptions()),
		),
		wire.BodyCarousel: s.Object(s.Req("cards", s.Array(s.Object(
			s.Req("body", s.Object(
				s.Opt("title", s.String().Len(0, 200)),
				s.Opt("text", s.String().Len(0, 2000)),
				s.Opt("url", messagesURL()),
				s.Opt("isVideo", s.Bool()),
				s.Opt("thumbnailUrl", messagesURL()),
				s.Opt("cardOptions", messagesCardOptions()),
			).Rule(func(c *s.Ctx, o map[string]any, path string) {
				if s.Str(o, "url") == "" && s.Str(o, "title") == "" {
					c.Add(path, "must contain url or title")
				}
			})),
			s.Opt("buttons", s.Array(messagesButton()).Items(0, maxMessagesCardButtons)),
		)).Items(minCarouselCards, maxCarouselCards))),
	}).Order(messagesBodyTypes...)
}

func messagesContent() s.Node {
	return s.Object(
		s.Req("body", messagesBody()),
		s.Opt("buttons", s.Array(messagesButton()).Items(0, maxMessagesButtons)),
		// Other channels' parts: accepted so the adaptation rule can name them.
		s.Opt("header", s.AnyObject()),
		s.Opt("footer", s.AnyObject()),
		s.Opt("confirmationBody", s.AnyObject()),
		s.Opt("senderDisplayInfo", s.AnyObject()),
	)
}

func messagesDestination() s.Node {
	return s.Object(
		s.Opt("to", s.String().Len(1, -1)),
		s.Opt("messageId", s.String().Len(0, maxMessagesID)),
		s.Opt("byChannel", s.Array(s.Object(
			s.Req("channel", s.String().Enum(messagesChannels...)),
			s.Req("to", s.String().Len(1, -1)),
			s.Opt("messageId", s.String().Len(0, maxMessagesID)),
		)).Items(1, -1)),
	).Rule(func(c *s.Ctx, o map[string]any, path string) {
		to, by := s.Str(o, "to") != "", s.Arr(o, "byChannel") != nil
		switch {
		case to && by:
			c.Add(path, "must be either a destination with to or one with byChannel, not both")
		case !to && !by:
			c.Add(s.Join(path, "to"), "must not be blank")
		}
	})
}

func messagesOptions() s.Node {
	return s.Object(
		s.Opt("platform", platform(255)),
		s.Opt("validityPeriod", validityPeriod()),
		s.Opt("adaptationMode", s.Bool()),
		s.Opt("regional", regional(true)),
		s.Opt("campaignReferenceId", s.String().Len(0, 255)),
		s.Opt("transliteration", s.String().Enum(transliterations...)),
		s.Opt("correlationData", s.String().Len(0, 4000)),
		s.Opt("trafficType", s.String().Enum("PROMOTIONAL", "TRANSACTIONAL")),
		s.Opt("sessionRate", s.Bool()),
		s.Opt("primaryDevice", s.Bool()),
	)
}

func messagesWebhooks() s.Node {
	return s.Object(
		s.Opt("delivery", s.Object(
			s.Opt("url", s.String()),
			s.Opt("intermediateReport", s.Bool()),
			s.Opt("receiveTriggeredFailoverReports", s.Bool()),
		)),
		s.Opt("contentType", s.String()),
		s.Opt("callbackData", s.String().Len(0, maxCallbackData)),
		s.Opt("seen", s.Object(s.Opt("url", s.String()))),
	)
}

func messagesMessage() s.Node {
	return s.Object(
		s.Req("channel", s.String().Enum(messagesChannels...)),
		s.Req("sender", s.String().Len(1, -1)),
		s.Req("destinations", s.Array(messagesDestination()).Items(1, -1)),
		s.Req("content", messagesContent()),
		s.Opt("options", messagesOptions()),
		s.Opt("webhooks", messagesWebhooks()),
		s.Opt("failover", s.Array(s.Object(
			s.Req("channel", s.String().Enum(messagesChannels...)),
			s.Req("sender", s.String().Len(1, -1)),
			s.Opt("content", messagesContent()),
			s.Opt("validityPeriod", validityPeriod()),
		)).Items(1, -1)),
	).Rule(messagesChannelRules)
}

// MessagesSend is POST /messages-api/1/messages and .../messages/validate.
func MessagesSend() s.Node {
	return s.Object(
		s.Req("messages", s.Array(messagesInner{msg: messagesMessage()}).Items(1, -1)),
		s.Opt("options", s.Object(
			s.Opt("schedule", schedule()),
			s.Opt("tracking", tracking()),
			s.Opt("messageOrdering", s.Object(
				s.Opt("respectOrder", s.Bool()),
				s.Opt("stopOnFailure", s.Bool()),
			)),
		)),
	)
}

// messagesInner is RequestMessagesInner: a Message, or a TemplateMessage
// (it carries "template"), which is refused as not simulated.
type messagesInner struct{ msg s.Node }

func (n messagesInner) Check(c *s.Ctx, v any, path string) {
	if o, ok := v.(map[string]any); ok && o["template"] != nil {
		c.Add(s.Join(path, "template"), "template messages are not simulated: send a message with content")
		return
	}
	n.msg.Check(c, v, path)
}

func (n messagesInner) Prune(v any) any { return s.Prune(n.msg, v) }

// messagesChannelRules are the rules that depend on the channel: which
// channels are simulated, which body types and parts the channel takes
// (adaptationMode, true by default, lets the platform map what the channel
// cannot show), the failover list and the destinations it needs.
func messagesChannelRules(c *s.Ctx, o map[string]any, path string) {
	channel := s.Str(o, "channel")
	if channel != wire.ChannelRCS && channel != wire.ChannelSMS {
		c.Add(s.Join(path, "channel"), "channel %s is not simulated: the simulator sends on RCS and SMS", channel)
		return
	}
	adapt := s.BoolOf(s.Obj(o, "options"), "adaptationMode", true)
	checkChannelContent(c, channel, s.Obj(o, "content"), s.Join(path, "content"), adapt)

	failover := s.Arr(o, "failover")
	seen := map[string]bool{channel: true}
	needed := []string{channel}
	for i, f := range failover {
		fo, _ := f.(map[string]any)
		fpath := s.Index(s.Join(path, "failover"), i)
		fc := s.Str(fo, "channel")
		switch {
		case fc == channel:
			c.Add(s.Join(fpath, "channel"), "must not be the channel of the message (%s)", channel)
			continue
		case seen[fc]:
			c.Add(s.Join(fpath, "channel"), "must be unique: %s is listed twice", fc)
			continue
		case channel != wire.ChannelRCS || fc != wire.ChannelSMS:
			c.Add(s.Join(fpath, "channel"), "failover from %s to %s is not simulated: the simulator fails RCS over to SMS", channel, fc)
			continue
		}
		seen[fc] = true
		needed = append(needed, fc)
		if content := s.Obj(fo, "content"); content != nil {
			checkChannelContent(c, fc, content, s.Join(fpath, "content"), adapt)
		}
	}
	for i, d := range s.Arr(o, "destinations") {
		do, _ := d.(map[string]any)
		dpath := s.Index(s.Join(path, "destinations"), i)
		by := s.Arr(do, "byChannel")
		if by == nil {
			if len(failover) > 0 {
				c.Add(dpath, "must be a destination with byChannel when failover is defined")
			}
			continue
		}
		have := map[string]bool{}
		for j, b := range by {
			ch := s.Str(b.(map[string]any), "channel")
			if have[ch] {
				c.Add(s.Join(s.Index(s.Join(dpath, "byChannel"), j), "channel"), "must be unique: %s is listed twice", ch)
			}
			have[ch] = true
		}
		for _, ch := range needed {
			if !have[ch] {
				c.Add(s.Join(dpath, "byChannel"), "must contain a destination for channel %s", ch)
			}
		}
	}
}

func checkChannelContent(c *s.Ctx, channel string, content map[string]any, path string, adapt bool) {
	if content == nil {
		return
	}
	body := s.Obj(content, "body")
	typ := s.Str(body, "type")
	if channel == wire.ChannelRCS && typ == wire.BodyText && s.UTF16Len(s.Str(body, "text")) > maxV2Text {
		c.Add(s.Join(s.Join(path, "body"), "text"), "size must be between 1 and %d", maxV2Text)
	}
	if adapt {
		return
	}
	for _, part := range []string{"header", "footer", "confirmationBody", "senderDisplayInfo"} {
		if s.Obj(content, part) != nil {
			c.Add(s.Join(path, part), "is not supported by channel %s (adaptationMode is false)", channel)
		}
	}
	if channel == wire.ChannelSMS {
		if typ != wire.BodyText && typ != "" {
			c.Add(s.Join(s.Join(path, "body"), "type"), "%s is not supported by channel SMS (adaptationMode is false)", typ)
		}
		if len(s.Arr(content, "buttons")) > 0 {
			c.Add(s.Join(path, "buttons"), "are not supported by channel SMS (adaptationMode is false)")
		}
	}
}

// MessagesEvents is POST /messages-api/1/events: typing indicators.
func MessagesEvents() s.Node {
	return s.Object(s.Req("events", s.Array(s.Object(
		s.Req("event", s.String().Enum("TYPING_STARTED", "TYPING_STOPPED")),
		s.Req("channel", s.String().Enum("APPLE_MB", "RCS")),
		s.Req("sender", s.String().Len(1, -1)),
		s.Req("destinations", s.Array(s.Object(
			s.Req("to", s.String().Len(1, -1)),
			s.Opt("messageId", s.String().Len(0, maxMessagesID)),
		)).Items(1, -1)),
		s.Opt("options", s.Object(
			s.Opt("platform", platform(255)),
			s.Opt("validityPeriod", validityPeriod()),
		)),
	).Rule(func(c *s.Ctx, o map[string]any, path string) {
		if s.Str(o, "channel") != wire.ChannelRCS {
			c.Add(s.Join(path, "channel"), "channel %s is not simulated: the simulator sends events on RCS", s.Str(o, "channel"))
		}
	})).Items(1, -1)))
}
