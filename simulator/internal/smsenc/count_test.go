package smsenc

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

var rep = strings.Repeat

// Infobip's documented preview examples: 60 and 65 GSM characters, which the
// docs show as one message with 100 and 95 characters remaining.
const (
	infobip60 = "Let's see how many characters remain unused in this message."
	infobip65 = "Let's see how many characters will remain unused in this message."
)

func TestCountText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		want Count
	}{
		{"empty", "", Count{GSM7, 0, 1, 160}},
		{"one char", "a", Count{GSM7, 1, 1, 159}},
		{"infobip 60 chars", infobip60, Count{GSM7, 60, 1, 100}},
		{"infobip 65 chars", infobip65, Count{GSM7, 65, 1, 95}},

		// GSM7 single/concatenated boundaries.
		{"gsm 160", rep("a", 160), Count{GSM7, 160, 1, 0}},
		{"gsm 161", rep("a", 161), Count{GSM7, 161, 2, 145}},
		{"gsm 153*2", rep("a", 306), Count{GSM7, 306, 2, 0}},
		{"gsm 307", rep("a", 307), Count{GSM7, 307, 3, 152}},
		{"gsm 153*3", rep("a", 459), Count{GSM7, 459, 3, 0}},
		{"gsm 460", rep("a", 460), Count{GSM7, 460, 4, 152}},

		// Extension characters cost 2 septets.
		{"euro", "€", Count{GSM7, 2, 1, 158}},
		{"all extension chars", "\f^{}\\[~]|€", Count{GSM7, 20, 1, 140}},
		{"extension fills single exactly", rep("a", 158) + "€", Count{GSM7, 160, 1, 0}},
		{"extension overflows single", rep("a", 159) + "€", Count{GSM7, 161, 2, 145}},
		// 152 + escape would fit 153 but the char would not: part 1 ends at
		// 152 septets and the € opens part 2.
		{"extension straddles part boundary", rep("a", 152) + "€" + rep("a", 9), Count{GSM7, 163, 2, 142}},
		{"extension ends part exactly", rep("a", 151) + "€" + rep("a", 10), Count{GSM7, 163, 2, 143}},
		// 306 septets is 2 full parts by division, but the straddling € wastes
		// a septet in part 1 and pushes one char into part 3.
		{"straddle adds a part", rep("a", 152) + "€" + rep("a", 152), Count{GSM7, 306, 3, 152}},
		{"no straddle same length", rep("a", 153) + "€" + rep("a", 151), Count{GSM7, 306, 2, 0}},
		{"form feed is extension", "\f", Count{GSM7, 2, 1, 158}},

		// Default alphabet outside ASCII.
		{"whole default alphabet", strings.ReplaceAll(basicAlphabet, "\x1b", ""), Count{GSM7, 127, 1, 33}},
		{"capital C cedilla is GSM", "Ç", Count{GSM7, 1, 1, 159}},
		{"greek capitals in GSM", "ΔΦΓΛΩΠΨΣΘΞ", Count{GSM7, 10, 1, 150}},

		// Anything else makes the whole text UCS2.
		{"backtick", "`", Count{UCS2, 1, 1, 69}},
		{"small c cedilla is not GSM", "ç", Count{UCS2, 1, 1, 69}},
		{"e circumflex", "ê", Count{UCS2, 1, 1, 69}},
		{"tab", "\t", Count{UCS2, 1, 1, 69}},
		{"escape char itself", "\x1b", Count{UCS2, 1, 1, 69}},
		{"invalid utf-8", "\xff", Count{UCS2, 1, 1, 69}},
		{"one non-GSM char in long GSM text", rep("a", 159) + "ж", Count{UCS2, 160, 3, 41}},
		{"extension chars are 1 unit in UCS2", "€ж", Count{UCS2, 2, 1, 68}},

		// UCS2 boundaries.
		{"ucs2 70", rep("ж", 70), Count{UCS2, 70, 1, 0}},
		{"ucs2 71", rep("ж", 71), Count{UCS2, 71, 2, 63}},
		{"ucs2 67*2", rep("ж", 134), Count{UCS2, 134, 2, 0}},
		{"ucs2 135", rep("ж", 135), Count{UCS2, 135, 3, 66}},

		// Surrogate pairs: 2 units, never split.
		{"emoji", "😀", Count{UCS2, 2, 1, 68}},
		{"35 emoji fill single", rep("😀", 35), Count{UCS2, 70, 1, 0}},
		// 33 emoji = 66 units per part; the 34th would straddle.
		{"36 emoji", rep("😀", 36), Count{UCS2, 72, 2, 61}},
		{"67 emoji need 3 parts not 2", rep("😀", 67), Count{UCS2, 134, 3, 65}},
		{"emoji straddles part boundary", rep("ж", 66) + "😀" + rep("ж", 5), Count{UCS2, 73, 2, 60}},
		{"emoji ends part exactly", rep("ж", 65) + "😀" + rep("ж", 5), Count{UCS2, 72, 2, 62}},
		{"emoji in single part at the end", rep("ж", 68) + "😀", Count{UCS2, 70, 1, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, CountText(tt.text)); diff != "" {
				t.Errorf("CountText(%.20q…) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestAlphabetTables(t *testing.T) {
	t.Parallel()
	if n := utf8.RuneCountInString(basicAlphabet); n != 128 {
		t.Fatalf("basicAlphabet has %d characters, want 128", n)
	}
	seen := map[rune]bool{}
	for i, r := range []rune(basicAlphabet) {
		if seen[r] {
			t.Errorf("basicAlphabet repeats %q at 0x%02X", r, i)
		}
		seen[r] = true
	}
	if r := []rune(basicAlphabet)[escape]; r != escape {
		t.Errorf("basicAlphabet[0x1B] = %q, want the escape placeholder", r)
	}

	if cs := nationalCharsets["TR"]; len(cs.shift) != len(turkishShift) {
		t.Errorf("TR does not use the Turkish single shift table")
	}
	wantSize := map[string]int{"": 10, "TR": 17, "ES": 19, "PT": 37}
	tables := map[string]shiftTable{"": defaultExtension, "TR": turkishShift, "ES": spanishShift, "PT": portugueseShift}
	for lang, table := range tables {
		if len(table) != wantSize[lang] {
			t.Errorf("table %q has %d entries, want %d", lang, len(table), wantSize[lang])
		}
		codes := map[byte]rune{}
		for r, code := range table {
			if code >= 0x80 || code == escape {
				t.Errorf("table %q: %q has invalid code 0x%02X", lang, r, code)
			}
			if prev, ok := codes[code]; ok {
				t.Errorf("table %q: code 0x%02X used by %q and %q", lang, code, prev, r)
			}
			codes[code] = r
			// asciiCost is shared by every table, so no national table may
			// add an ASCII character the default extension lacks.
			if r < utf8.RuneSelf {
				if _, ok := defaultExtension[r]; !ok {
					t.Errorf("table %q adds ASCII %q", lang, r)
				}
			}
		}
		// Each national table contains the default extension table at the
		// same codes, so switching tables never loses € or brackets.
		for r, code := range defaultExtension {
			if got, ok := table[r]; !ok || got != code {
				t.Errorf("table %q: %q at 0x%02X, want 0x%02X", lang, r, got, code)
			}
		}
	}
}

// TestTurkishLockingTable pins the Turkish locking shift table against the
// default alphabet: the same cells except the eight of annex A.3.1.
func TestTurkishLockingTable(t *testing.T) {
	t.Parallel()
	basic, turkish := []rune(basicAlphabet), []rune(turkishLocking)
	if len(turkish) != 128 {
		t.Fatalf("turkishLocking has %d characters, want 128", len(turkish))
	}
	replaced := map[int][2]rune{
		0x04: {'è', '€'}, 0x07: {'ì', 'ı'}, 0x0B: {'Ø', 'Ğ'}, 0x0C: {'ø', 'ğ'},
		0x1C: {'Æ', 'Ş'}, 0x1D: {'æ', 'ş'}, 0x40: {'¡', 'İ'}, 0x60: {'¿', 'ç'},
	}
	seen := map[rune]bool{}
	for i, r := range turkish {
		if seen[r] {
			t.Errorf("turkishLocking repeats %q at 0x%02X", r, i)
		}
		seen[r] = true
		if pair, ok := replaced[i]; ok {
			if basic[i] != pair[0] || r != pair[1] {
				t.Errorf("cell 0x%02X: default %q, Turkish %q; want %q, %q", i, basic[i], r, pair[0], pair[1])
			}
			// asciiCost is shared, so a replaced cell must not be ASCII.
			if r < utf8.RuneSelf || basic[i] < utf8.RuneSelf {
				t.Errorf("cell 0x%02X replaces ASCII", i)
			}
		} else if r != basic[i] {
			t.Errorf("cell 0x%02X: Turkish %q, default %q; only the eight A.3.1 cells differ", i, r, basic[i])
		}
	}
	// What the Turkish single shift table adds beyond the locking table is
	// exactly the default extension table, at the same codes.
	for r, code := range turkishShift {
		_, locking := turkishLockingNonASCII[r]
		ext, inExt := defaultExtension[r]
		switch {
		case r == '€':
			if !locking || !inExt || ext != code {
				t.Errorf("€ should be in the locking table and at the default extension code")
			}
		case locking == inExt:
			t.Errorf("turkishShift %q: in locking table %v, in default extension %v; want exactly one", r, locking, inExt)
		}
	}
	for r := range defaultExtension {
		if _, ok := turkishShift[r]; !ok {
			t.Errorf("turkishShift lacks default extension %q", r)
		}
	}
}

// countInvariants checks what every Count must satisfy for a text, given
// the limits it was counted with.
func countInvariants(t *testing.T, c Count, gsm limits) {
	t.Helper()
	l := gsm
	switch c.Encoding {
	case GSM7:
	case UCS2:
		l = ucs2Limits
	default:
		t.Fatalf("Encoding = %q", c.Encoding)
	}
	if c.Parts < 1 || c.Remaining < 0 || c.Units < 0 {
		t.Fatalf("impossible count %+v", c)
	}
	if c.Parts == 1 {
		if c.Units+c.Remaining != l.single {
			t.Fatalf("single part: Units+Remaining = %d, want %d (%+v)", c.Units+c.Remaining, l.single, c)
		}
		return
	}
	if c.Units <= l.single {
		t.Fatalf("%d parts for %d units, which fit one message (%+v)", c.Parts, c.Units, c)
	}
	if c.Remaining >= l.concat {
		t.Fatalf("last part is empty (%+v)", c)
	}
	// Each full part holds concat units, or one less when a 2-unit
	// character did not fit.
	last := l.concat - c.Remaining
	lo := (c.Parts-1)*(l.concat-1) + last
	hi := (c.Parts-1)*l.concat + last
	if c.Units < lo || c.Units > hi {
		t.Fatalf("Units %d outside [%d, %d] for %+v", c.Units, lo, hi, c)
	}
}

// referenceUnits counts text independently of the package's splitter:
// septets from the tables, UTF-16 units from the standard library.
func referenceUnits(text string, cs charset) (Encoding, int) {
	n := 0
	for _, r := range text {
		c := gsmCost(r, cs)
		if c == 0 {
			return UCS2, len(utf16.Encode([]rune(text)))
		}
		n += c
	}
	return GSM7, n
}

func FuzzCountText(f *testing.F) {
	for _, s := range []string{
		"", "a", infobip60, rep("a", 160), rep("a", 161),
		rep("a", 152) + "€" + rep("a", 152), rep("😀", 67), rep("ж", 66) + "😀",
		"\xff\xfe", "şğı Ğİ ãõ", "Привет “мир”", "\x1b\f",
		infobipTurkish, "è ş", "Ø€ı", rep("ş", 148) + "[" + rep("ğ", 150),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		c := CountText(text)
		countInvariants(t, c, gsmPlainLimits)
		// Compare directly rather than with cmp.Diff: this runs on every
		// fuzz input, and cheap iterations keep minimization fast.
		if enc, units := referenceUnits(text, defaultCharset); enc != c.Encoding || units != c.Units {
			t.Fatalf("CountText(%q) = %+v, reference says %s with %d units", text, c, enc, units)
		}

		for _, lang := range []string{"TR", "ES", "PT", "AUTODETECT"} {
			_, pc := Preview(text, Options{LanguageCode: lang})
			l := gsmNationalLimits
			if lang == "AUTODETECT" && DetectLanguage(text) == "" {
				l = gsmPlainLimits
			}
			countInvariants(t, pc, l)
			if cs, ok := nationalCharsets[lang]; ok {
				if enc, units := referenceUnits(text, cs); enc != pc.Encoding || units != pc.Units {
					t.Fatalf("Preview(%q, %s) = %+v, reference says %s with %d units", text, lang, pc, enc, units)
				}
			}
		}
		out, pc := Preview(text, Options{Transliteration: "ALL"})
		countInvariants(t, pc, gsmPlainLimits)
		if utf8.ValidString(text) && !utf8.ValidString(out) {
			t.Fatalf("Transliterate ALL made %q invalid UTF-8: %q", text, out)
		}
	})
}

func BenchmarkCountText(b *testing.B) {
	benches := []struct {
		name string
		text string
	}{
		{"gsm-160", rep("a", 150) + "0123456789"},
		{"gsm-ext-1000", rep("Price: 10€ [x] ", 66) + "0123456789"},
		{"ucs2-emoji-1000", rep("Привет 😀 ", 100)},
	}
	for _, bb := range benches {
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(bb.text)))
			b.ReportAllocs()
			for b.Loop() {
				CountText(bb.text)
			}
		})
	}
}
