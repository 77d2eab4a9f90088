package smsenc

import (
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
)

// Infobip's announcement of Turkish NLI: 92 characters, 7 of them (ı, ç)
// outside the default alphabet but in the Turkish locking shift table.
const turkishNLI = "Artık Ulusal Dil Tanımlayıcısı ile Türkçe karakterli smslerinizi rahatlıkla iletebilirsiniz."

// The examples of Infobip's OpenAPI document for POST /sms/1/preview.
//
// infobipTurkish is the languageCode TR example: 98 characters, 6 of them
// (ç, ğ, ı) outside the default alphabet. The document answers 2 messages,
// 36 remaining without a language (UCS2) and 1 message, 57 remaining with
// TR: 155 - 98, so the Turkish letters cost 1 septet each, as in the Turkish
// locking shift table.
//
// infobipGreek is the transliteration GREEK example: 155 characters. The
// request example has no final full stop; the response example's
// originalText has one, but neither textPreview nor the counts include it
// (155 UCS2 units: 3 messages, 46 remaining; 155 septets transliterated: 1
// message, 5 remaining), so the text is used without it.
const (
	infobipTurkish      = "Mesaj gönderimi yapmadan önce önizleme seçeneğini kullanmanız doğru karar vermenize yardımcı olur."
	infobipGreek        = "Ως Μεγαρικό ψήφισμα είναι γνωστή η απόφαση της Εκκλησίας του δήμου των Αθηναίων (πιθανόν γύρω στο 433/2 π.Χ.) να επιβάλει αυστηρό και καθολικό εμπάργκο στα"
	infobipGreekPreview = "ΩΣ MEΓAPIKO ΨHΦIΣMA EINAI ΓNΩΣTH H AΠOΦAΣH THΣ EKKΛHΣIAΣ TOY ΔHMOY TΩN AΘHNAIΩN (ΠIΘANON ΓYPΩ ΣTO 433/2 Π.X.) NA EΠIBAΛEI AYΣTHPO KAI KAΘOΛIKO EMΠAPΓKO ΣTA"
)

// Infobip's preview tutorial text: 320 characters, 7 of them (í, ó, á) in
// the Spanish single shift table only (at indexes 36, 52, 142, 168, 223,
// 263, 307).
const (
	spanishTutorial = "Ni se imaginan la cara que puso Martín cuando le pasó lo que les voy a contar, que les aseguro que es la pura verdad. Una mañana mientras Martín iba a la escuela, sintió que algo saltaba dentro de su mochila, primero se paró quieto, muy quietito, y la mochi volvió a moverse. Sus ojos se abrieron cada vez más grandotes."
	spanishNoAccent = "Ni se imaginan la cara que puso Martin cuando le paso lo que les voy a contar, que les aseguro que es la pura verdad. Una mañana mientras Martin iba a la escuela, sintio que algo saltaba dentro de su mochila, primero se paro quieto, muy quietito, y la mochi volvio a moverse. Sus ojos se abrieron cada vez mas grandotes."
)

type previewResult struct {
	Text  string
	Count Count
}

func TestPreviewLanguage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		lang string
		want Count
	}{
		{"none is plain", infobip60, "NONE", Count{GSM7, 60, 1, 100}},
		{"empty code is plain", infobip60, "", Count{GSM7, 60, 1, 100}},
		{"unknown code is plain", infobip60, "DE", Count{GSM7, 60, 1, 100}},
		{"lowercase code is unknown", "ş", "tr", Count{UCS2, 1, 1, 69}},

		// National limits apply whenever the language is chosen.
		{"TR empty", "", "TR", Count{GSM7, 0, 1, 155}},
		{"TR plain text", infobip60, "TR", Count{GSM7, 60, 1, 95}},
		{"TR 155", rep("a", 155), "TR", Count{GSM7, 155, 1, 0}},
		{"TR 156", rep("a", 156), "TR", Count{GSM7, 156, 2, 142}},
		{"TR 149*2", rep("a", 298), "TR", Count{GSM7, 298, 2, 0}},
		{"TR 299", rep("a", 299), "TR", Count{GSM7, 299, 3, 148}},
		{"ES 156", rep("a", 156), "ES", Count{GSM7, 156, 2, 142}},
		{"PT 299", rep("a", 299), "PT", Count{GSM7, 299, 3, 148}},

		// TR uses the Turkish locking shift table: its letters cost 1.
		{"infobip TR example", infobipTurkish, "TR", Count{GSM7, 98, 1, 57}},
		{"infobip TR example without TR", infobipTurkish, "", Count{UCS2, 98, 2, 36}},
		{"infobip TR example AUTODETECT", infobipTurkish, "AUTODETECT", Count{GSM7, 98, 1, 57}},
		{"TR letters", "çğışÇĞİŞ", "TR", Count{GSM7, 8, 1, 147}},
		{"TR default letters kept", "öüÖÜÇéàÅßÉ", "TR", Count{GSM7, 10, 1, 145}},
		{"TR euro is in the locking table", "€", "TR", Count{GSM7, 1, 1, 154}},
		{"TR extension char", "[", "TR", Count{GSM7, 2, 1, 153}},
		{"TR all extension chars", "\f^{}\\[~]|", "TR", Count{GSM7, 18, 1, 137}},
		{"TR Turkish letters fill single", rep("ş", 155), "TR", Count{GSM7, 155, 1, 0}},
		{"TR Turkish letters 156", rep("ı", 156), "TR", Count{GSM7, 156, 2, 142}},
		{"TR letter fills single exactly", rep("a", 154) + "ğ", "TR", Count{GSM7, 155, 1, 0}},
		{"TR extension fills single exactly", rep("a", 153) + "{", "TR", Count{GSM7, 155, 1, 0}},
		{"TR extension straddles part boundary", rep("ş", 148) + "{" + rep("ğ", 150), "TR", Count{GSM7, 300, 3, 146}},
		{"TR NLI announcement", turkishNLI, "TR", Count{GSM7, 92, 1, 63}},
		{"NLI announcement without TR", turkishNLI, "", Count{UCS2, 92, 2, 42}},
		// The eight default-alphabet characters the Turkish locking table
		// replaces cannot be sent with TR.
		{"TR cannot encode è", "è", "TR", Count{UCS2, 1, 1, 69}},
		{"TR cannot encode ì", "ì", "TR", Count{UCS2, 1, 1, 69}},
		{"TR cannot encode Ø", "Ø", "TR", Count{UCS2, 1, 1, 69}},
		{"TR cannot encode ø", "ø", "TR", Count{UCS2, 1, 1, 69}},
		{"TR cannot encode Æ", "Æ", "TR", Count{UCS2, 1, 1, 69}},
		{"TR cannot encode æ", "æ", "TR", Count{UCS2, 1, 1, 69}},
		{"TR cannot encode ¡", "¡", "TR", Count{UCS2, 1, 1, 69}},
		{"TR cannot encode ¿", "¿", "TR", Count{UCS2, 1, 1, 69}},
		{"TR removed char makes Turkish text UCS2", "Şişli è", "TR", Count{UCS2, 7, 1, 63}},
		{"removed chars are GSM without TR", "èìØøÆæ¡¿", "", Count{GSM7, 8, 1, 152}},
		{"TR cannot encode Portuguese", "ã", "TR", Count{UCS2, 1, 1, 69}},
		{"TR cannot encode Cyrillic", "ж", "TR", Count{UCS2, 1, 1, 69}},
		{"TR UCS2 ignores national UDH", rep("ж", 71), "TR", Count{UCS2, 71, 2, 63}},

		{"ES shift char", "á", "ES", Count{GSM7, 2, 1, 153}},
		{"ES c cedilla", "ç", "ES", Count{GSM7, 2, 1, 153}},
		{"ES cannot encode Turkish", "ş", "ES", Count{UCS2, 1, 1, 69}},
		{"ES tutorial text", spanishTutorial, "ES", Count{GSM7, 327, 3, 120}},

		{"PT shift char", "ã", "PT", Count{GSM7, 2, 1, 153}},
		{"PT greek capital stays 1 septet", "Φ", "PT", Count{GSM7, 1, 1, 154}},
		{"PT words", "São João, avô, você", "PT", Count{GSM7, 23, 1, 132}},

		{"AUTODETECT plain text keeps plain limits", infobip60, "AUTODETECT", Count{GSM7, 60, 1, 100}},
		{"AUTODETECT Turkish", "ş", "AUTODETECT", Count{GSM7, 1, 1, 154}},
		{"AUTODETECT c cedilla with è is Spanish", "çè", "AUTODETECT", Count{GSM7, 3, 1, 152}},
		{"AUTODETECT Spanish", "á", "AUTODETECT", Count{GSM7, 2, 1, 153}},
		{"AUTODETECT Portuguese", "ã", "AUTODETECT", Count{GSM7, 2, 1, 153}},
		{"AUTODETECT mixed tables falls back", "şã", "AUTODETECT", Count{UCS2, 2, 1, 68}},
		{"AUTODETECT Cyrillic", "ж", "AUTODETECT", Count{UCS2, 1, 1, 69}},
		{"AUTODETECT NLI announcement", turkishNLI, "AUTODETECT", Count{GSM7, 92, 1, 63}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			text, got := Preview(tt.text, Options{LanguageCode: tt.lang})
			if diff := cmp.Diff(previewResult{tt.text, tt.want}, previewResult{text, got}); diff != "" {
				t.Errorf("Preview(%.20q…, %q) (-want +got):\n%s", tt.text, tt.lang, diff)
			}
		})
	}
}

// TestNationalTablesEveryChar checks each character of each national
// character set: 1 septet for a character of the locking table (the
// default alphabet for ES and PT, the Turkish one for TR), else 2 for a
// character of the single shift table; and UCS2 for a default-alphabet
// character the locking table lacks (TR's è ì Ø ø Æ æ ¡ ¿).
func TestNationalTablesEveryChar(t *testing.T) {
	t.Parallel()
	for lang, cs := range nationalCharsets {
		check := func(r rune, want Count) {
			t.Helper()
			_, got := Preview(string(r), Options{LanguageCode: lang})
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s %q (-want +got):\n%s", lang, r, diff)
			}
		}
		for r := range cs.shift {
			want := Count{GSM7, 2, 1, 153}
			if _, locking := cs.locking[r]; locking {
				want = Count{GSM7, 1, 1, 154}
			}
			check(r, want)
		}
		for r := range cs.locking {
			check(r, Count{GSM7, 1, 1, 154})
		}
		for r := range basicNonASCII {
			if _, ok := cs.locking[r]; !ok {
				check(r, Count{UCS2, 1, 1, 69})
			}
		}
	}
	for lang, want := range map[string]int{"TR": 8, "ES": 0, "PT": 0} {
		n := 0
		for r := range basicNonASCII {
			if _, ok := nationalCharsets[lang].locking[r]; !ok {
				n++
			}
		}
		if n != want {
			t.Errorf("%s drops %d default-alphabet characters, want %d", lang, n, want)
		}
	}
}

func TestDetectLanguage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text string
		want string
	}{
		{"", ""},
		{infobip60, ""},
		{"€", ""},
		{"ç", "TR"}, // in TR, ES and PT: the first wins
		{"ı", "TR"},
		{"á", "ES"}, // not in TR
		{"Í", "ES"},
		{"ã", "PT"}, // in PT only
		{"ê", "PT"},
		{"ç ã", "PT"},
		{"ç è", "ES"}, // è is not in the Turkish locking table
		{"ş è", ""},
		{infobipTurkish, "TR"},
		{"ş ã", ""},
		{"ж", ""},
		{"😀", ""},
		{turkishNLI, "TR"},
		{spanishTutorial, "ES"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			t.Parallel()
			if got := DetectLanguage(tt.text); got != tt.want {
				t.Errorf("DetectLanguage(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestPreviewTransliteration(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		text  string
		opt   Options
		want  string
		count Count
	}{
		{"none", "“x”", Options{Transliteration: "NONE"}, "“x”", Count{UCS2, 3, 1, 67}},
		{"unknown", "“x”", Options{Transliteration: "KLINGON"}, "“x”", Count{UCS2, 3, 1, 67}},
		{"nothing to replace", infobip60, Options{Transliteration: "ALL"}, infobip60, Count{GSM7, 60, 1, 100}},

		{"turkish", "Şişli'de ığdır Ağaç", Options{Transliteration: "TURKISH"}, "Sisli'de igdir Agac", Count{GSM7, 19, 1, 141}},
		{"turkish dotted capital", "İSTANBUL", Options{Transliteration: "TURKISH"}, "ISTANBUL", Count{GSM7, 8, 1, 152}},
		{"turkish leaves cyrillic", "şж", Options{Transliteration: "TURKISH"}, "sж", Count{UCS2, 2, 1, 68}},
		{"turkish then TR table", "şeker", Options{LanguageCode: "TR", Transliteration: "TURKISH"}, "seker", Count{GSM7, 5, 1, 150}},

		{"greek", "Καλημέρα", Options{Transliteration: "GREEK"}, "KAΛHMEPA", Count{GSM7, 8, 1, 152}},
		{"greek lower to GSM capitals", "ψυχή θεός", Options{Transliteration: "GREEK"}, "ΨYXH ΘEOΣ", Count{GSM7, 9, 1, 151}},
		{"greek final sigma", "ς", Options{Transliteration: "GREEK"}, "Σ", Count{GSM7, 1, 1, 159}},

		{"cyrillic", "Привет, мир!", Options{Transliteration: "CYRILLIC"}, "Privet, mir!", Count{GSM7, 12, 1, 148}},
		{"cyrillic digraphs", "Щука жёлтая", Options{Transliteration: "CYRILLIC"}, "Shchuka zhyoltaya", Count{GSM7, 17, 1, 143}},
		{"cyrillic signs", "подъезд, соль", Options{Transliteration: "CYRILLIC"}, `pod"ezd, sol'`, Count{GSM7, 13, 1, 147}},
		{"ukrainian", "Київ, Європа", Options{Transliteration: "CYRILLIC"}, "Kiyiv, Yevropa", Count{GSM7, 14, 1, 146}},

		{"serbian", "Ђорђе Џонић, Љубљана", Options{Transliteration: "SERBIAN_CYRILLIC"}, "Djordje Dzonic, Ljubljana", Count{GSM7, 25, 1, 135}},
		{"serbian leaves russian-only", "щ", Options{Transliteration: "SERBIAN_CYRILLIC"}, "щ", Count{UCS2, 1, 1, 69}},
		{"bulgarian", "Щастие в България", Options{Transliteration: "BULGARIAN_CYRILLIC"}, "Shtastie v Balgariya", Count{GSM7, 20, 1, 140}},

		{"central european polish", "Łódź, Zażółć", Options{Transliteration: "CENTRAL_EUROPEAN"}, "Lodz, Zazolc", Count{GSM7, 12, 1, 148}},
		{"central european czech", "Žluťoučký kůň", Options{Transliteration: "CENTRAL_EUROPEAN"}, "Zlutoucky kun", Count{GSM7, 13, 1, 147}},
		{"central european hungarian keeps GSM letters", "Győr, Debrecen, Pécs, Szőlő, Tűz", Options{Transliteration: "CENTRAL_EUROPEAN"}, "Gyor, Debrecen, Pécs, Szolo, Tuz", Count{GSM7, 32, 1, 128}},
		{"central european croatian romanian", "Đakovo, Ștefan, Țară", Options{Transliteration: "CENTRAL_EUROPEAN"}, "Djakovo, Stefan, Tara", Count{GSM7, 21, 1, 139}},

		{"baltic", "Rīga, Šiauliai, Tõnis, ąčęėįšųūž", Options{Transliteration: "BALTIC"}, "Riga, Siauliai, Tonis, aceeisuuz", Count{GSM7, 32, 1, 128}},
		{"portuguese", "São Paulo, ação, avô, À", Options{Transliteration: "PORTUGUESE"}, "Sao Paulo, acao, avo, A", Count{GSM7, 23, 1, 137}},
		{"colombian", "Martín, canción, ¿qué?", Options{Transliteration: "COLOMBIAN"}, "Martin, cancion, ¿qué?", Count{GSM7, 22, 1, 138}},

		{"non-unicode punctuation", "“Hello” — ‘world’…", Options{Transliteration: "NON_UNICODE"}, `"Hello" - 'world'...`, Count{GSM7, 20, 1, 140}},
		{"non-unicode spaces and invisibles", "a\u00a0b\tc\u200bd\ufeff", Options{Transliteration: "NON_UNICODE"}, "a b cd", Count{GSM7, 6, 1, 154}},
		{"non-unicode latin", "Crème brûlée, Œuvre, façade, naïve", Options{Transliteration: "NON_UNICODE"}, "Crème brulée, OEuvre, facade, naive", Count{GSM7, 35, 1, 125}},
		{"non-unicode leaves cyrillic", "“мир”", Options{Transliteration: "NON_UNICODE"}, `"мир"`, Count{UCS2, 5, 1, 65}},
		{"non-unicode leaves emoji", "ok 😀", Options{Transliteration: "NON_UNICODE"}, "ok 😀", Count{UCS2, 5, 1, 65}},
		{"non-unicode keeps invalid bytes", "“\xff”", Options{Transliteration: "NON_UNICODE"}, "\"\xff\"", Count{UCS2, 3, 1, 67}},

		{"all", "Привет “Ђорђе” αβ – Şişli", Options{Transliteration: "ALL"}, `Privet "Djordje" AB - Sisli`, Count{GSM7, 27, 1, 133}},
		{"all prefers russian on shared letters", "Хлеб", Options{Transliteration: "ALL"}, "Khleb", Count{GSM7, 5, 1, 155}},

		{"spanish tutorial ES + NON_UNICODE", spanishTutorial, Options{LanguageCode: "ES", Transliteration: "NON_UNICODE"}, spanishNoAccent, Count{GSM7, 320, 3, 127}},
		{"spanish tutorial NON_UNICODE", spanishTutorial, Options{Transliteration: "NON_UNICODE"}, spanishNoAccent, Count{GSM7, 320, 3, 139}},
		{"spanish tutorial raw", spanishTutorial, Options{}, spanishTutorial, Count{UCS2, 320, 5, 15}},
		{"infobip greek example raw", infobipGreek, Options{}, infobipGreek, Count{UCS2, 155, 3, 46}},
		{"infobip greek example GREEK", infobipGreek, Options{Transliteration: "GREEK"}, infobipGreekPreview, Count{GSM7, 155, 1, 5}},
		{"infobip turkish example TR + TURKISH", infobipTurkish, Options{LanguageCode: "TR", Transliteration: "TURKISH"}, "Mesaj gönderimi yapmadan önce önizleme secenegini kullanmaniz dogru karar vermenize yardimci olur.", Count{GSM7, 98, 1, 57}},
		{"AUTODETECT after transliteration", "Şişli ã", Options{LanguageCode: "AUTODETECT", Transliteration: "TURKISH"}, "Sisli ã", Count{GSM7, 8, 1, 147}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			text, got := Preview(tt.text, tt.opt)
			if diff := cmp.Diff(previewResult{tt.want, tt.count}, previewResult{text, got}); diff != "" {
				t.Errorf("Preview(%q, %+v) (-want +got):\n%s", tt.text, tt.opt, diff)
			}
		})
	}
}

func TestTransliterateNoAllocWhenUnchanged(t *testing.T) {
	// Not parallel: AllocsPerRun is unreliable alongside other goroutines.
	allocs := testing.AllocsPerRun(100, func() { Transliterate(infobip65, "ALL") })
	if allocs != 0 {
		t.Errorf("Transliterate of a GSM text allocated %v times", allocs)
	}
}

// TestTransliterationTables checks every table entry: the key is not
// already sendable in GSM (replacing it would be pointless or lossy) and
// the replacement is entirely GSM.
func TestTransliterationTables(t *testing.T) {
	t.Parallel()
	for name, table := range transliterations {
		if len(table) == 0 {
			t.Errorf("%s is empty", name)
		}
		for r, s := range table {
			if gsmCost(r, defaultCharset) != 0 {
				t.Errorf("%s replaces GSM character %q", name, r)
			}
			if !encodable(s, defaultCharset) {
				t.Errorf("%s: %q → %q is not GSM", name, r, s)
			}
		}
	}
}

// TestLatinTablesAgree makes NON_UNICODE independent of merge order.
func TestLatinTablesAgree(t *testing.T) {
	t.Parallel()
	seen := map[rune]string{}
	for _, table := range latinTables {
		for r, s := range table {
			if prev, ok := seen[r]; ok && prev != s {
				t.Errorf("%q maps to both %q and %q", r, prev, s)
			}
			seen[r] = s
		}
	}
}

// TestTransliterationCoverage pins what the broad tables promise: every
// non-GSM letter of Latin-1 Supplement and Latin Extended-A (plus Romanian
// comma-below letters) in NON_UNICODE, all Greek letters in GREEK, and the
// Russian alphabet in CYRILLIC.
func TestTransliterationCoverage(t *testing.T) {
	t.Parallel()
	check := func(name string, lo, hi rune, in func(rune) bool) {
		table := transliterations[name]
		for r := lo; r <= hi; r++ {
			if !in(r) || gsmCost(r, defaultCharset) != 0 {
				continue
			}
			if _, ok := table[r]; !ok {
				t.Errorf("%s lacks %q (U+%04X)", name, r, r)
			}
		}
	}
	all := func(rune) bool { return true }
	check("NON_UNICODE", 0xC0, 0x17F, all)
	check("NON_UNICODE", 0x218, 0x21B, all)
	check("GREEK", 0x386, 0x3CE, func(r rune) bool { return unicode.Is(unicode.Greek, r) && unicode.IsLetter(r) })
	check("CYRILLIC", 0x401, 0x401, all)
	check("CYRILLIC", 0x410, 0x451, func(r rune) bool { return r != 0x450 })
	for _, name := range []string{"GREEK", "CYRILLIC", "SERBIAN_CYRILLIC", "BULGARIAN_CYRILLIC"} {
		for r := range transliterations[name] {
			if _, ok := transliterations["ALL"][r]; !ok {
				t.Errorf("ALL lacks %s %q", name, r)
			}
		}
	}
}

func TestOptionsValidate(t *testing.T) {
	t.Parallel()
	valid := []Options{
		{},
		{LanguageCode: "NONE", Transliteration: "NONE"},
		{LanguageCode: "AUTODETECT", Transliteration: "ALL"},
		{LanguageCode: "TR", Transliteration: "TURKISH"},
		{LanguageCode: "ES", Transliteration: "COLOMBIAN"},
		{LanguageCode: "PT", Transliteration: "PORTUGUESE"},
	}
	for _, name := range []string{"GREEK", "CYRILLIC", "SERBIAN_CYRILLIC", "BULGARIAN_CYRILLIC", "CENTRAL_EUROPEAN", "BALTIC", "NON_UNICODE"} {
		valid = append(valid, Options{Transliteration: name})
	}
	for _, o := range valid {
		if err := o.Validate(); err != nil {
			t.Errorf("%+v: %v", o, err)
		}
	}
	for _, o := range []Options{
		{LanguageCode: "tr"},
		{LanguageCode: "DE"},
		{Transliteration: "turkish"},
		{Transliteration: "LATIN"},
	} {
		if err := o.Validate(); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}
