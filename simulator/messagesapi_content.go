package simulator

import (
	"strings"

	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// How Messages API content maps onto the channels the simulator runs: an RCS
// message is kept in the RCS API's content shape (the lifecycle, traffic
// type and suggestion pairing already know it); an SMS carries the text that
// adaptation leaves of the content.

// rcsFromMessagesContent maps a Messages API body and its buttons to RCS
// content: TEXT to TEXT, IMAGE/VIDEO/DOCUMENT to FILE, RICH_LINK to a
// vertical CARD with its button, CAROUSEL to a CAROUSEL.
func rcsFromMessagesContent(mc wire.MessagesContent) wire.RCSContent {
	b := mc.Body
	out := wire.RCSContent{Suggestions: suggestionsOf(mc.Buttons)}
	switch b.Type {
	case wire.BodyImage, wire.BodyVideo, wire.BodyDocument:
		out.Type, out.File = wire.ContentFile, &wire.RCSResource{URL: b.URL}
		if b.ThumbnailURL != "" {
			out.Thumbnail = &wire.RCSResource{URL: b.ThumbnailURL}
		}
	case wire.BodyRichLink:
		out.Type, out.Orientation, out.Alignment = wire.ContentCard, "VERTICAL", "LEFT"
		if o := b.CardOptions; o != nil {
			out.Orientation, out.Alignment = or(o.Orientation, out.Orientation), or(o.Alignment, out.Alignment)
		}
		card := wire.CardContent{Description: b.Text, Media: cardMedia(b.URL, b.ThumbnailURL, b.IsVideo, b.CardOptions)}
		label := or(b.ButtonText, "Open")
		card.Suggestions = []wire.Suggestion{{Type: wire.SuggestionOpenURL, Text: label, PostbackData: label, URL: b.RedirectURL, Application: "BROWSER"}}
		out.Content = &card
	case wire.BodyCarousel:
		out.Type, out.CardWidth = wire.ContentCarousel, "MEDIUM"
		for _, c := range b.Cards {
			card := wire.CardContent{Title: c.Body.Title, Description: c.Body.Text, Suggestions: suggestionsOf(c.Buttons)}
			if c.Body.URL != "" {
				card.Media = cardMedia(c.Body.URL, c.Body.ThumbnailURL, c.Body.IsVideo, c.Body.CardOptions)
			}
			out.Contents = append(out.Contents, card)
		}
	default:
		out.Type, out.Text = wire.ContentText, b.Text
	}
	return out
}

func cardMedia(url, thumbnail string, _ *bool, o *wire.CardOptions) *wire.CardMedia {
	m := &wire.CardMedia{File: &wire.RCSResource{URL: url}, Height: "MEDIUM"}
	if thumbnail != "" {
		m.Thumbnail = &wire.RCSResource{URL: thumbnail}
	}
	if o != nil && o.Height != "" {
		m.Height = o.Height
	}
	return m
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// suggestionsOf maps buttons to RCS suggestions; a button without
// postbackData posts back its text, as a reply carries it.
func suggestionsOf(buttons []wire.MessagesButton) []wire.Suggestion {
	var out []wire.Suggestion
	for _, b := range buttons {
		sg := wire.Suggestion{Type: b.Type, Text: b.Text, PostbackData: or(b.PostbackData, b.Text)}
		switch b.Type {
		case wire.ButtonOpenURL:
			sg.URL, sg.Application = b.URL, "BROWSER"
			if mode, ok := strings.CutPrefix(b.OpenIn, "WEBVIEW_"); ok {
				sg.Application, sg.WebviewViewMode = "WEBVIEW", mode
			}
		case wire.ButtonDialPhone:
			sg.PhoneNumber = b.PhoneNumber
		case wire.ButtonShowLocation:
			sg.Latitude, sg.Longitude, sg.Label = b.Latitude, b.Longitude, b.Name
		case wire.ButtonRequestLocation:
			sg.Text = or(b.Text, "Share location")
			sg.PostbackData = or(b.PostbackData, sg.Text)
		case wire.ButtonAddCalendarEvent:
			sg.Type = wire.SuggestionCreateCalendarEvent
			sg.StartTime, sg.EndTime, sg.Title, sg.Description = b.StartTime, b.EndTime, b.Title, b.Description
		}
		out = append(out, sg)
	}
	return out
}

// messagesBodyText is the text a body shows (its caption for media).
func messagesBodyText(b wire.MessagesBody) string {
	if b.Type == wire.BodyCarousel {
		var parts []string
		for _, c := range b.Cards {
			parts = append(parts, strings.TrimSpace(c.Body.Title+" "+c.Body.Text))
		}
		return strings.Join(parts, "\n")
	}
	return b.Text
}

// smsFromMessagesContent is the SMS text of a content after adaptation: the
// text, a media body's caption and URL, a rich link's text and redirect URL,
// each carousel card's title, text and URL on its own lines.
func smsFromMessagesContent(mc wire.MessagesContent) string {
	b := mc.Body
	join := func(parts ...string) string {
		var kept []string
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				kept = append(kept, p)
			}
		}
		return strings.Join(kept, "\n")
	}
	switch b.Type {
	case wire.BodyImage, wire.BodyVideo, wire.BodyDocument:
		return join(b.Text, b.URL)
	case wire.BodyRichLink:
		return join(b.Text, b.RedirectURL)
	case wire.BodyCarousel:
		var lines []string
		for _, c := range b.Cards {
			lines = append(lines, join(c.Body.Title, c.Body.Text, c.Body.URL))
		}
		return join(lines...)
	}
	return b.Text
}

// smsAdaptationWarnings say what an SMS cannot show and was left out.
func smsAdaptationWarnings(mc wire.MessagesContent) []string {
	var out []string
	if mc.Body.Type != wire.BodyText {
		out = append(out, "SMS cannot show a "+mc.Body.Type+" body: adaptationMode sends its text and URL")
	}
	if len(mc.Buttons) > 0 {
		out = append(out, "SMS cannot show buttons: adaptationMode leaves them out")
	}
	return out
}
