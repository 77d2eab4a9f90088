package smsenc

import "fmt"

// Options select national language tables and transliteration. The
// values are Infobip's enum names and are case-sensitive.
type Options struct {
	// LanguageCode is "", "NONE", "TR", "ES", "PT" or "AUTODETECT".
	// "" and "NONE" use the default extension table.
	LanguageCode string
	// Transliteration is "", "NONE", or one of TURKISH, GREEK, CYRILLIC,
	// SERBIAN_CYRILLIC, BULGARIAN_CYRILLIC, CENTRAL_EUROPEAN, BALTIC,
	// PORTUGUESE, COLOMBIAN, NON_UNICODE, ALL. "" and "NONE" leave the text
	// alone.
	Transliteration string
}

// Validate reports an error naming the first option that is not one of
// Infobip's values, so that a handler can answer 400 instead of silently
// previewing with defaults (which is what Preview does with unknown values).
func (o Options) Validate() error {
	switch o.LanguageCode {
	case "", "NONE", "AUTODETECT":
	default:
		if _, ok := nationalCharsets[o.LanguageCode]; !ok {
			return fmt.Errorf("smsenc: unknown languageCode %q", o.LanguageCode)
		}
	}
	switch o.Transliteration {
	case "", "NONE":
	default:
		if _, ok := transliterations[o.Transliteration]; !ok {
			return fmt.Errorf("smsenc: unknown transliteration %q", o.Transliteration)
		}
	}
	return nil
}

// Preview returns text as it would be sent with opt, and how it is counted.
// Transliteration is applied first (characters are replaced by GSM
// lookalikes); the language's tables are then used to count the result: the
// Turkish locking shift table for TR (Turkish letters cost 1 septet), the
// national single shift table for ES and PT (their letters cost 2). With TR,
// ES or PT every part carries the national language UDH, so
// the GSM7 limits are 155 septets single and 149 per concatenated part even
// when no shift character is used; a text that still needs UCS2 gets the
// plain UCS2 limits (70/67 UTF-16 units). With AUTODETECT the table is the one
// DetectLanguage picks. Unknown option values act like "NONE"; see
// Options.Validate. Lengths in the Count are septets (GSM7) or UTF-16 code
// units (UCS2).
func Preview(text string, opt Options) (preview string, c Count) {
	preview = Transliterate(text, opt.Transliteration)
	lang := opt.LanguageCode
	if lang == "AUTODETECT" {
		lang = DetectLanguage(preview)
	}
	if cs, ok := nationalCharsets[lang]; ok {
		return preview, countWith(preview, cs, gsmNationalLimits)
	}
	return preview, CountText(preview)
}

// DetectLanguage is the language AUTODETECT uses for text: "" when the
// default alphabet and extension table already encode it (a national table
// would only cost UDH space) or when no table helps, else the first of "TR",
// "ES", "PT" whose tables make text GSM7-encodable (for TR the Turkish
// locking shift table, which lacks è ì Ø ø Æ æ ¡ ¿). A handler
// can use it to fill the preview's configuration.language.
func DetectLanguage(text string) string {
	if encodable(text, defaultCharset) {
		return ""
	}
	for _, lang := range autodetectOrder {
		if encodable(text, nationalCharsets[lang]) {
			return lang
		}
	}
	return ""
}
