package apischema

import (
	"strings"

	s "github.com/jiocxsim/jiocxsim/simulator/internal/schema"
)

// Language codes of the v3 SMS language object.
var languageCodes = []string{"NONE", "TR", "ES", "PT", "AUTODETECT"}

// SMSv2 is POST /sms/2/text/advanced. bulkId (over 100) and messageId (over 200)
// are clipped, not refused, as the document says; the handler clips them.
func SMSv2() s.Node {
	return s.Object(
		s.Opt("bulkId", s.String()),
		s.Req("messages", s.Array(s.Object(
			s.Opt("callbackData", s.String().Len(0, maxCallbackData)),
			s.Opt("deliveryTimeWindow", deliveryTimeWindow()),
			s.Req("destinations", s.Array(s.Object(
				s.Req("to", s.String().Len(0, 64)),
				s.Opt("messageId", s.String()),
			)).Items(1, -1)),
			s.Opt("entityId", s.String().Len(0, 50)),
			s.Opt("applicationId", s.String().Len(0, 50)),
			s.Opt("flash", s.Bool()),
			s.Opt("from", s.String()),
			s.Opt("intermediateReport", s.Bool()),
			s.Opt("language", s.Object(s.Opt("languageCode", s.String()))),
			s.Opt("notifyContentType", s.String()),
			s.Opt("notifyUrl", s.String()),
			s.Opt("regional", regional(true)),
			s.Opt("sendAt", sendAt()),
			s.Opt("text", s.String()),
			s.Opt("transliteration", s.String()),
			s.Opt("validityPeriod", s.Int()), // no minimum in the spec: 0 means 48 hours
			s.Opt("campaignReferenceId", s.String().Len(0, 255)),
		)).Items(1, -1)),
		s.Opt("sendingSpeedLimit", sendingSpeedLimit()),
		s.Opt("urlOptions", tracking()),
		s.Opt("tracking", s.AnyObject()),
		s.Opt("includeSmsCountInResponse", s.Bool()),
	)
}

// smsV3Content is textual ({text}) or binary ({hex}); the binary form is told
// apart by the presence of hex.
func smsV3Content() s.Node {
	text := s.Object(
		s.Req("text", s.String()),
		s.Opt("transliteration", s.String().Enum(transliterations...)),
		s.Opt("language", s.Object(
			s.Opt("languageCode", s.String().Enum(languageCodes...)),
			s.Opt("singleShift", s.Bool()),
			s.Opt("lockingShift", s.Bool()),
		)),
	)
	binary := s.Object(
		s.Req("hex", s.String().Pattern(`^([0-9a-fA-F]{2}\s?)*$`)),
		s.Opt("dataCoding", s.Int32().Min(0)),
		s.Opt("esmClass", s.Int32().Min(0)),
	)
	return contentByShape{text: text, binary: binary}
}

type contentByShape struct{ text, binary s.Node }

// Prune implements schema.Pruner.
func (n contentByShape) Prune(v any) any {
	if o, ok := v.(map[string]any); ok && o["hex"] != nil {
		return s.Prune(n.binary, v)
	}
	return s.Prune(n.text, v)
}

func (n contentByShape) Check(c *s.Ctx, v any, path string) {
	o, ok := v.(map[string]any)
	if ok && o["hex"] != nil && o["text"] != nil {
		c.Add(path, "must contain either text or hex, not both")
		return
	}
	if ok && o["hex"] != nil {
		n.binary.Check(c, v, path)
		return
	}
	n.text.Check(c, v, path)
}

// SMSv3 is POST /sms/3/messages.
func SMSv3() s.Node {
	return s.Object(
		s.Req("messages", s.Array(s.Object(
			s.Opt("sender", s.String()),
			s.Req("destinations", s.Array(s.Object(
				s.Req("to", s.String().Len(0, 64)),
				s.Opt("messageId", s.String().Len(0, 200)),
				s.Opt("networkId", s.Int32()),
			)).Items(1, -1)),
			s.Req("content", smsV3Content()),
			s.Opt("options", s.Object(
				s.Opt("platform", platform(255)),
				s.Opt("validityPeriod", validityPeriod()),
				s.Opt("deliveryTimeWindow", deliveryTimeWindow()),
				s.Opt("campaignReferenceId", s.String().Len(0, 255)),
				s.Opt("regional", regional(true)),
				s.Opt("flash", s.Bool()),
			)),
			s.Opt("webhooks", s.Object(
				s.Opt("delivery", deliveryWebhook(false)),
				s.Opt("contentType", s.String()),
				s.Opt("callbackData", s.String().Len(0, maxCallbackData)),
			)),
		)).Items(1, -1)),
		s.Opt("options", s.Object(
			s.Opt("schedule", schedule()),
			s.Opt("tracking", tracking()),
			s.Opt("includeSmsCountInResponse", s.Bool()),
			s.Opt("conversionTracking", s.Object(
				s.Opt("useConversionTracking", s.Bool()),
				s.Opt("conversionTrackingName", s.String()),
			)),
		)),
	)
}

// Preview is POST /sms/1/preview.
func Preview() s.Node {
	return s.Object(
		s.Req("text", s.String()),
		s.Opt("languageCode", s.String().Pattern(`^(TR|ES|PT|AUTODETECT)$`)),
		s.Opt("transliteration", s.String().Pattern(`^(`+strings.Join(transliterations, "|")+`)$`)),
	)
}

// Session is POST /auth/1/session.
func Session() s.Node {
	return s.Object(
		s.Req("username", s.String().Len(1, -1)),
		s.Req("password", s.String().Len(1, -1)),
		s.Opt("unsafe", s.Bool()),
	)
}
