package smsenc

// Encoding is the character set an SMS text is sent in.
type Encoding string

const (
	// GSM7 is the GSM 03.38 7-bit alphabet; lengths are in septets.
	GSM7 Encoding = "GSM7"
	// UCS2 is 16-bit Unicode; lengths are in UTF-16 code units.
	UCS2 Encoding = "UCS2"
)

// Count describes how a text is split into SMS parts. All lengths are in the
// encoding's units: septets for GSM7, UTF-16 code units for UCS2.
type Count struct {
	// Encoding is GSM7 when every character fits the GSM alphabet (with the
	// selected locking and single shift tables), else UCS2.
	Encoding Encoding
	// Units is the length of the text in units: septets for GSM7, where a
	// character of the locking shift table (the default alphabet, or the
	// Turkish one for TR) counts 1 and a character reached through the single
	// shift table (extension or national) counts 2 (escape + character);
	// UTF-16 code units for UCS2, where a character outside the BMP counts 2.
	// Units left empty at the end of a part because a 2-unit character did
	// not fit are not included.
	Units int
	// Parts is the number of SMS messages the text is sent as, at least 1
	// (an empty text is one message).
	Parts int
	// Remaining is how many units are still free in the last part before
	// another part is needed. A 2-unit character needs 2 of them.
	Remaining int
}

// limits is the payload of one SMS in units: the whole user data for a single
// message, and what is left of it after the concatenation UDH for each part
// of a longer one.
//
// The user data of an SMS is 140 octets = 1120 bits. GSM7 packs septets, and
// when a UDH is present the septets start at the next septet boundary after
// it (3GPP TS 23.040 §9.2.3.24: fill bits), so the payload is
// 160 - ceil(8*udhOctets/7) septets. A UDH is its length octet (UDHL) plus
// its information elements (IEI + length + data):
//
//	no UDH                                        0 octets            160 septets
//	concatenation, 8-bit reference (IEI 0x00)     1+5 = 6 octets      48 bits -> 7 septets (1 fill bit)  -> 153
//	one national language IE (IEI 0x24 or 0x25)   1+3 = 4 octets      32 bits -> 5 septets (3 fill bits) -> 155
//	concatenation + one national language IE      1+5+3 = 9 octets    72 bits -> 11 septets (5 fill bits) -> 149
//
// ES and PT carry the national language single shift IE (0x24), TR the
// locking shift IE (0x25); both are 3 octets (IEI, length 1, language).
// UCS2 uses whole octets: 140/2 = 70 units, (140-6)/2 = 67 units per part; a
// UCS2 message never carries a national language IE because the national
// tables are GSM7.
// Infobip uses the 8-bit reference (a 16-bit one would give 152 and 66).
type limits struct {
	single, concat int
}

var (
	gsmPlainLimits    = limits{single: 160, concat: 153}
	gsmNationalLimits = limits{single: 155, concat: 149}
	ucs2Limits        = limits{single: 70, concat: 67}
)

// splitter places characters into parts one at a time. It tracks two
// answers at once because whether the text fits a single message is only
// known at the end: the total length, and the greedy split into
// concatenated parts. A character that does not fit the rest of the
// current part starts a new part, so a 2-unit character (escape + char,
// surrogate pair) is never split.
type splitter struct {
	total int // units in the whole text
	full  int // concatenated parts already closed
	used  int // units in the open concatenated part
}

func (s *splitter) add(cost, concat int) {
	s.total += cost
	if s.used+cost > concat {
		s.full++
		s.used = 0
	}
	s.used += cost
}

func (s *splitter) count(enc Encoding, l limits) Count {
	if s.total <= l.single {
		return Count{Encoding: enc, Units: s.total, Parts: 1, Remaining: l.single - s.total}
	}
	return Count{Encoding: enc, Units: s.total, Parts: s.full + 1, Remaining: l.concat - s.used}
}

// CountText counts text as sent with the GSM 03.38 default alphabet and
// extension table, or as UCS2 when that is not enough. Lengths in the result
// are septets (GSM7) or UTF-16 code units (UCS2).
func CountText(text string) Count {
	return countWith(text, defaultCharset, gsmPlainLimits)
}

// countWith counts text in GSM7 with the given character set and limits,
// falling back to UCS2 when a character is not in cs.
func countWith(text string, cs charset, gsm limits) Count {
	var s splitter
	for _, r := range text {
		c := gsmCost(r, cs)
		if c == 0 {
			return countUCS2(text)
		}
		s.add(c, gsm.concat)
	}
	return s.count(GSM7, gsm)
}

// encodable reports whether every character of text is in the locking or
// the single shift table of cs.
func encodable(text string, cs charset) bool {
	for _, r := range text {
		if gsmCost(r, cs) == 0 {
			return false
		}
	}
	return true
}

func countUCS2(text string) Count {
	var s splitter
	for _, r := range text {
		s.add(ucs2Cost(r), ucs2Limits.concat)
	}
	return s.count(UCS2, ucs2Limits)
}
