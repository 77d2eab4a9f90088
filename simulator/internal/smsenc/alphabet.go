package smsenc

import "unicode/utf8"

// basicAlphabet is the GSM 03.38 default alphabet (3GPP TS 23.038 §6.2.1) in
// code order, 0x00 to 0x7F, so that each character's index is its septet
// value and the table can be checked against the spec by eye. Index 0x1B is
// the escape to the extension table, not a character; it is written as
// U+001B here and skipped when the lookup tables are built.
const basicAlphabet = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ" +
	" !\"#¤%&'()*+,-./0123456789:;<=>?" +
	"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§" +
	"¿abcdefghijklmnopqrstuvwxyzäöñüà"

// turkishLocking is the Turkish national language locking shift table
// (3GPP TS 23.038 annex A.3.1), laid out like basicAlphabet. It is the
// default alphabet with eight cells replaced: è→€ (0x04), ì→ı (0x07),
// Ø→Ğ (0x0B), ø→ğ (0x0C), Æ→Ş (0x1C), æ→ş (0x1D), ¡→İ (0x40) and ¿→ç (0x60).
// The replaced characters cannot be sent with it (a test pins all eight
// cells and that ASCII is unchanged).
const turkishLocking = "@£$¥€éùıòÇ\nĞğ\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bŞşßÉ" +
	" !\"#¤%&'()*+,-./0123456789:;<=>?" +
	"İABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§" +
	"çabcdefghijklmnopqrstuvwxyzäöñüà"

const escape = 0x1B

// shiftTable maps a character to its septet value in a single shift table.
// Only membership matters for counting; the values are kept so the tables
// read like the spec's and tests can check them.
type shiftTable map[rune]byte

// defaultExtension is the GSM 03.38 extension table (3GPP TS 23.038 §6.2.1.1).
var defaultExtension = shiftTable{
	'\f': 0x0A, '^': 0x14, '{': 0x28, '}': 0x29, '\\': 0x2F,
	'[': 0x3C, '~': 0x3D, ']': 0x3E, '|': 0x40, '€': 0x65,
}

// turkishShift is the Turkish national language single shift table
// (3GPP TS 23.038 annex A.2.1). With TR it is paired with turkishLocking,
// which holds all of its Turkish letters and its € (so they cost 1); what it
// adds beyond turkishLocking is exactly the default extension table, at 2
// septets (a test checks).
var turkishShift = shiftTable{
	'\f': 0x0A, '^': 0x14, '{': 0x28, '}': 0x29, '\\': 0x2F,
	'[': 0x3C, '~': 0x3D, ']': 0x3E, '|': 0x40,
	'Ğ': 0x47, 'İ': 0x49, 'Ş': 0x53, 'ç': 0x63, '€': 0x65,
	'ğ': 0x67, 'ı': 0x69, 'ş': 0x73,
}

// spanishShift is the Spanish national language single shift table
// (3GPP TS 23.038 annex A.2.2).
var spanishShift = shiftTable{
	'ç': 0x09, '\f': 0x0A, '^': 0x14, '{': 0x28, '}': 0x29, '\\': 0x2F,
	'[': 0x3C, '~': 0x3D, ']': 0x3E, '|': 0x40,
	'Á': 0x41, 'Í': 0x49, 'Ó': 0x4F, 'Ú': 0x55,
	'á': 0x61, '€': 0x65, 'í': 0x69, 'ó': 0x6F, 'ú': 0x75,
}

// portugueseShift is the Portuguese national language single shift table
// (3GPP TS 23.038 annex A.2.3). Its Greek capitals duplicate default-alphabet
// characters, which always win (they cost 1), but they are kept for fidelity.
var portugueseShift = shiftTable{
	'ê': 0x05, 'ç': 0x09, '\f': 0x0A, 'Ô': 0x0B, 'ô': 0x0C, 'Á': 0x0E, 'á': 0x0F,
	'Φ': 0x12, 'Γ': 0x13, '^': 0x14, 'Ω': 0x15, 'Π': 0x16, 'Ψ': 0x17, 'Σ': 0x18, 'Θ': 0x19,
	'Ê': 0x1F, '{': 0x28, '}': 0x29, '\\': 0x2F,
	'[': 0x3C, '~': 0x3D, ']': 0x3E, '|': 0x40, 'À': 0x41,
	'Í': 0x49, 'Ó': 0x4F, 'Ú': 0x55, 'Ã': 0x5B, 'Õ': 0x5C,
	'Â': 0x61, '€': 0x65, 'í': 0x69, 'ó': 0x6F, 'ú': 0x75, 'ã': 0x7B, 'õ': 0x7C, 'â': 0x7F,
}

// charset is a GSM7 character set as a sender uses it: a locking shift
// table (the default alphabet or a national one), whose characters cost 1
// septet, and a single shift table, reached through an escape septet, whose
// characters cost 2.
type charset struct {
	// locking holds the locking shift table's characters outside ASCII.
	// ASCII costs come from asciiCost instead, which is valid for every
	// locking table here because none of them changes an ASCII cell (a test
	// checks).
	locking map[rune]struct{}
	shift   shiftTable
}

// defaultCharset is the GSM 03.38 default alphabet with its extension table.
var defaultCharset = charset{locking: basicNonASCII, shift: defaultExtension}

// nationalCharsets maps an Options.LanguageCode to its character set. ES and
// PT keep the default alphabet and use their national single shift table;
// TR uses the Turkish locking shift table, because Infobip's documented
// preview example counts Turkish letters as 1 septet (see the package doc).
// The order of autodetectOrder, not of this map, decides AUTODETECT.
var nationalCharsets = map[string]charset{
	"TR": {locking: turkishLockingNonASCII, shift: turkishShift},
	"ES": {locking: basicNonASCII, shift: spanishShift},
	"PT": {locking: basicNonASCII, shift: portugueseShift},
}

var autodetectOrder = []string{"TR", "ES", "PT"}

// asciiCost is the septet cost of each ASCII character: 1 for the default
// alphabet, 2 for the extension table, 0 when GSM cannot encode it (the
// backtick and control characters other than LF and CR). It is shared by all
// character sets because the national locking tables change no ASCII cell
// and the national single shift tables add no ASCII characters to the
// default extension table (a test checks both), and it keeps the common case
// free of map lookups.
var asciiCost [utf8.RuneSelf]uint8

// basicNonASCII and turkishLockingNonASCII hold the characters of the
// default alphabet and of the Turkish locking shift table outside ASCII.
var (
	basicNonASCII          = nonASCII(basicAlphabet)
	turkishLockingNonASCII = nonASCII(turkishLocking)
)

// nonASCII returns the characters of a locking shift table outside ASCII.
func nonASCII(table string) map[rune]struct{} {
	m := map[rune]struct{}{}
	for _, r := range table {
		if r >= utf8.RuneSelf {
			m[r] = struct{}{}
		}
	}
	return m
}

func init() {
	for _, r := range basicAlphabet {
		if r < utf8.RuneSelf && r != escape {
			asciiCost[r] = 1
		}
	}
	for r := range defaultExtension {
		if r < utf8.RuneSelf {
			asciiCost[r] = 2
		}
	}
}

// gsmCost is the number of septets r takes in the character set cs, or 0 if
// r cannot be sent in GSM7 with it. A character in both tables costs 1: the
// locking table wins.
func gsmCost(r rune, cs charset) int {
	if r < utf8.RuneSelf {
		return int(asciiCost[r])
	}
	if _, ok := cs.locking[r]; ok {
		return 1
	}
	if _, ok := cs.shift[r]; ok {
		return 2
	}
	return 0
}

// ucs2Cost is the number of UTF-16 code units r takes: 2 for a character
// outside the Basic Multilingual Plane (sent as a surrogate pair), else 1.
// Invalid UTF-8 reaches here as U+FFFD and costs 1, which is what a gateway
// that decodes the JSON body with replacement would send.
func ucs2Cost(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}
