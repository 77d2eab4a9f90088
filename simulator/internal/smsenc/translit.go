package smsenc

import (
	"strings"
	"unicode/utf8"
)

// translitTable maps a character GSM cannot send to its replacement, which
// is made only of GSM characters (a test checks both sides). A replacement
// may be longer than one character (Ж→Zh, …→...) or empty (invisible
// characters).
type translitTable map[rune]string

// punctuation holds typographic characters that word processors and phones
// insert in place of ASCII ones, plus ASCII characters GSM lacks.
var punctuation = translitTable{
	'`': "'", '\u00B4': "'", // backtick, acute accent
	'\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'", '\u2039': "'", '\u203A': "'",
	'\u201C': `"`, '\u201D': `"`, '\u201E': `"`, '\u201F': `"`, '\u2033': `"`, '\u00AB': `"`, '\u00BB': `"`,
	'\u2010': "-", '\u2011': "-", '\u2012': "-", '\u2013': "-", '\u2014': "-", '\u2015': "-", '\u2212': "-",
	'\u2026': "...",
	'\u2022': "*", '\u00B7': ".",
	'\u00A9': "(c)", '\u00AE': "(R)", '\u2122': "TM",
	'\u00D7': "x", '\u00F7': "/",
	// Tab and the Unicode spaces become a plain space.
	'\t': " ", '\u00A0': " ", '\u2000': " ", '\u2001': " ", '\u2002': " ", '\u2003': " ",
	'\u2004': " ", '\u2005': " ", '\u2006': " ", '\u2007': " ", '\u2008': " ", '\u2009': " ",
	'\u200A': " ", '\u202F': " ", '\u205F': " ", '\u3000': " ",
	// Invisible characters would otherwise force UCS2 for nothing: soft
	// hyphen, zero-width space, word joiner, byte order mark. ZWJ and ZWNJ
	// are left alone because they change how scripts and emoji render.
	'\u00AD': "", '\u200B': "", '\u2060': "", '\uFEFF': "",
}

// turkishLetters: Turkish letters outside GSM (Ç Ö Ü ç ö ü are GSM), and the
// circumflex vowels of loanwords.
var turkishLetters = translitTable{
	'Ş': "S", 'ş': "s", 'Ğ': "G", 'ğ': "g", 'İ': "I", 'ı': "i", 'ç': "c",
	'Â': "A", 'â': "a", 'Î': "I", 'î': "i", 'Û': "U", 'û': "u",
}

// centralEuropeanLetters: Polish, Czech, Slovak, Hungarian, Slovene,
// Croatian and Romanian letters outside GSM (É é Ä ä Ö ö Ü ü are GSM).
// Croatian Đ becomes Dj as in Serbian Latin without diacritics.
var centralEuropeanLetters = translitTable{
	// Polish
	'Ą': "A", 'ą': "a", 'Ć': "C", 'ć': "c", 'Ę': "E", 'ę': "e", 'Ł': "L", 'ł': "l",
	'Ń': "N", 'ń': "n", 'Ó': "O", 'ó': "o", 'Ś': "S", 'ś': "s", 'Ź': "Z", 'ź': "z", 'Ż': "Z", 'ż': "z",
	// Czech and Slovak
	'Á': "A", 'á': "a", 'Č': "C", 'č': "c", 'Ď': "D", 'ď': "d", 'Ě': "E", 'ě': "e", 'Í': "I", 'í': "i",
	'Ň': "N", 'ň': "n", 'Ř': "R", 'ř': "r", 'Š': "S", 'š': "s", 'Ť': "T", 'ť': "t", 'Ú': "U", 'ú': "u",
	'Ů': "U", 'ů': "u", 'Ý': "Y", 'ý': "y", 'Ž': "Z", 'ž': "z", 'Ĺ': "L", 'ĺ': "l", 'Ľ': "L", 'ľ': "l",
	'Ŕ': "R", 'ŕ': "r", 'Ô': "O", 'ô': "o",
	// Hungarian
	'Ő': "O", 'ő': "o", 'Ű': "U", 'ű': "u",
	// Slovene and Croatian
	'Đ': "Dj", 'đ': "dj",
	// Romanian, both the comma-below letters and the cedilla ones often used for them
	'Ă': "A", 'ă': "a", 'Â': "A", 'â': "a", 'Î': "I", 'î': "i",
	'Ș': "S", 'ș': "s", 'Ş': "S", 'ş': "s", 'Ț': "T", 'ț': "t", 'Ţ': "T", 'ţ': "t",
}

// balticLetters: Latvian, Lithuanian and Estonian letters outside GSM
// (Ä ä Ö ö Ü ü are GSM).
var balticLetters = translitTable{
	// Latvian
	'Ā': "A", 'ā': "a", 'Č': "C", 'č': "c", 'Ē': "E", 'ē': "e", 'Ģ': "G", 'ģ': "g", 'Ī': "I", 'ī': "i",
	'Ķ': "K", 'ķ': "k", 'Ļ': "L", 'ļ': "l", 'Ņ': "N", 'ņ': "n", 'Š': "S", 'š': "s", 'Ū': "U", 'ū': "u",
	'Ž': "Z", 'ž': "z",
	// Lithuanian
	'Ą': "A", 'ą': "a", 'Ę': "E", 'ę': "e", 'Ė': "E", 'ė': "e", 'Į': "I", 'į': "i", 'Ų': "U", 'ų': "u",
	// Estonian
	'Õ': "O", 'õ': "o",
}

// portugueseLetters: Portuguese letters outside GSM (à Ç É é ü are GSM),
// and the ordinal indicators.
var portugueseLetters = translitTable{
	'Á': "A", 'á': "a", 'Â': "A", 'â': "a", 'Ã': "A", 'ã': "a", 'À': "A", 'ç': "c",
	'Ê': "E", 'ê': "e", 'Í': "I", 'í': "i", 'Ó': "O", 'ó': "o", 'Ô': "O", 'ô': "o",
	'Õ': "O", 'õ': "o", 'Ú': "U", 'ú': "u", 'ª': "a", 'º': "o",
}

// colombianLetters: Spanish letters outside GSM (É é Ñ ñ Ü ü ¡ ¿ are GSM),
// and the ordinal indicators.
var colombianLetters = translitTable{
	'Á': "A", 'á': "a", 'Í': "I", 'í': "i", 'Ó': "O", 'ó': "o", 'Ú': "U", 'ú': "u",
	'ª': "a", 'º': "o",
}

// otherLatinLetters completes Latin-1 Supplement and Latin Extended-A for
// NON_UNICODE: the letters no language table above covers.
var otherLatinLetters = translitTable{
	'È': "E", 'Ë': "E", 'Ì': "I", 'Ï': "I", 'Ð': "D", 'Ò': "O", 'Ù': "U", 'Û': "U", 'Þ': "TH",
	'ë': "e", 'ï': "i", 'ð': "d", 'û': "u", 'þ': "th", 'ÿ': "y",
	'Ĉ': "C", 'ĉ': "c", 'Ċ': "C", 'ċ': "c", 'Ĕ': "E", 'ĕ': "e",
	'Ĝ': "G", 'ĝ': "g", 'Ġ': "G", 'ġ': "g", 'Ĥ': "H", 'ĥ': "h", 'Ħ': "H", 'ħ': "h",
	'Ĩ': "I", 'ĩ': "i", 'Ĭ': "I", 'ĭ': "i", 'Ĳ': "IJ", 'ĳ': "ij", 'Ĵ': "J", 'ĵ': "j", 'ĸ': "k",
	'Ŀ': "L", 'ŀ': "l", 'ŉ': "'n", 'Ŋ': "N", 'ŋ': "n", 'Ō': "O", 'ō': "o", 'Ŏ': "O", 'ŏ': "o",
	'Œ': "OE", 'œ': "oe", 'Ŗ': "R", 'ŗ': "r", 'Ŝ': "S", 'ŝ': "s", 'Ŧ': "T", 'ŧ': "t",
	'Ũ': "U", 'ũ': "u", 'Ŭ': "U", 'ŭ': "u", 'Ŵ': "W", 'ŵ': "w", 'Ŷ': "Y", 'ŷ': "y", 'Ÿ': "Y", 'ſ': "s",
}

// greekLetters folds Greek to the capitals GSM has (Γ Δ Θ Λ Ξ Π Σ Φ Ψ Ω) and
// to Latin capitals that look the same, which is how Greek is written in
// GSM SMS. Accented and lower-case forms fold to the same capitals.
var greekLetters = translitTable{
	'Α': "A", 'Β': "B", 'Ε': "E", 'Ζ': "Z", 'Η': "H", 'Ι': "I", 'Κ': "K", 'Μ': "M",
	'Ν': "N", 'Ο': "O", 'Ρ': "P", 'Τ': "T", 'Υ': "Y", 'Χ': "X",
	'Ά': "A", 'Έ': "E", 'Ή': "H", 'Ί': "I", 'Ό': "O", 'Ύ': "Y", 'Ώ': "Ω", 'Ϊ': "I", 'Ϋ': "Y",
	'α': "A", 'β': "B", 'γ': "Γ", 'δ': "Δ", 'ε': "E", 'ζ': "Z", 'η': "H", 'θ': "Θ",
	'ι': "I", 'κ': "K", 'λ': "Λ", 'μ': "M", 'ν': "N", 'ξ': "Ξ", 'ο': "O", 'π': "Π",
	'ρ': "P", 'σ': "Σ", 'ς': "Σ", 'τ': "T", 'υ': "Y", 'φ': "Φ", 'χ': "X", 'ψ': "Ψ", 'ω': "Ω",
	'ά': "A", 'έ': "E", 'ή': "H", 'ί': "I", 'ό': "O", 'ύ': "Y", 'ώ': "Ω",
	'ϊ': "I", 'ϋ': "Y", 'ΐ': "I", 'ΰ': "Y",
	'\u037E': ";", // Greek question mark
}

// cyrillicLetters: Russian (plus Ukrainian and Belarusian letters) to Latin
// after BGN/PCGN, with ASCII for its diacritics and primes. Digraphs keep
// title case (Ж→Zh) even inside all-capital words.
var cyrillicLetters = translitTable{
	'А': "A", 'Б': "B", 'В': "V", 'Г': "G", 'Д': "D", 'Е': "E", 'Ё': "Yo", 'Ж': "Zh",
	'З': "Z", 'И': "I", 'Й': "Y", 'К': "K", 'Л': "L", 'М': "M", 'Н': "N", 'О': "O",
	'П': "P", 'Р': "R", 'С': "S", 'Т': "T", 'У': "U", 'Ф': "F", 'Х': "Kh", 'Ц': "Ts",
	'Ч': "Ch", 'Ш': "Sh", 'Щ': "Shch", 'Ъ': `"`, 'Ы': "Y", 'Ь': "'", 'Э': "E", 'Ю': "Yu", 'Я': "Ya",
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "yo", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': `"`, 'ы': "y", 'ь': "'", 'э': "e", 'ю': "yu", 'я': "ya",
	// Ukrainian and Belarusian
	'Є': "Ye", 'І': "I", 'Ї': "Yi", 'Ґ': "G", 'Ў': "U",
	'є': "ye", 'і': "i", 'ї': "yi", 'ґ': "g", 'ў': "u",
}

// serbianCyrillicLetters: Serbian Cyrillic to Serbian Latin, written without
// the diacritics GSM lacks (č ć → c, š → s, ž → z, đ → dj, dž → dz).
var serbianCyrillicLetters = translitTable{
	'А': "A", 'Б': "B", 'В': "V", 'Г': "G", 'Д': "D", 'Ђ': "Dj", 'Е': "E", 'Ж': "Z",
	'З': "Z", 'И': "I", 'Ј': "J", 'К': "K", 'Л': "L", 'Љ': "Lj", 'М': "M", 'Н': "N",
	'Њ': "Nj", 'О': "O", 'П': "P", 'Р': "R", 'С': "S", 'Т': "T", 'Ћ': "C", 'У': "U",
	'Ф': "F", 'Х': "H", 'Ц': "C", 'Ч': "C", 'Џ': "Dz", 'Ш': "S",
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'ђ': "dj", 'е': "e", 'ж': "z",
	'з': "z", 'и': "i", 'ј': "j", 'к': "k", 'л': "l", 'љ': "lj", 'м': "m", 'н': "n",
	'њ': "nj", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'ћ': "c", 'у': "u",
	'ф': "f", 'х': "h", 'ц': "c", 'ч': "c", 'џ': "dz", 'ш': "s",
}

// bulgarianCyrillicLetters: the Bulgarian Streamlined System (the official
// romanisation since 2009), which is already plain ASCII.
var bulgarianCyrillicLetters = translitTable{
	'А': "A", 'Б': "B", 'В': "V", 'Г': "G", 'Д': "D", 'Е': "E", 'Ж': "Zh", 'З': "Z",
	'И': "I", 'Й': "Y", 'К': "K", 'Л': "L", 'М': "M", 'Н': "N", 'О': "O", 'П': "P",
	'Р': "R", 'С': "S", 'Т': "T", 'У': "U", 'Ф': "F", 'Х': "H", 'Ц': "Ts", 'Ч': "Ch",
	'Ш': "Sh", 'Щ': "Sht", 'Ъ': "A", 'Ь': "Y", 'Ю': "Yu", 'Я': "Ya",
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p",
	'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "h", 'ц': "ts", 'ч': "ch",
	'ш': "sh", 'щ': "sht", 'ъ': "a", 'ь': "y", 'ю': "yu", 'я': "ya",
}

// latinTables are merged into NON_UNICODE. They agree wherever they overlap
// (a test checks), so their order does not matter.
var latinTables = []translitTable{
	turkishLetters, centralEuropeanLetters, balticLetters,
	portugueseLetters, colombianLetters, otherLatinLetters,
}

var nonUnicodeTable = merge(append([]translitTable{punctuation}, latinTables...)...)

// transliterations maps an Options.Transliteration value to its table. For
// ALL, Russian comes before Serbian and Bulgarian so it wins the letters
// they share but spell differently (Х, Щ, Ъ, Ь, Ж, Ч, Ц); Serbian still
// contributes the letters Russian lacks (Ђ Ј Љ Њ Ћ Џ).
var transliterations = map[string]translitTable{
	"TURKISH":            turkishLetters,
	"GREEK":              greekLetters,
	"CYRILLIC":           cyrillicLetters,
	"SERBIAN_CYRILLIC":   serbianCyrillicLetters,
	"BULGARIAN_CYRILLIC": bulgarianCyrillicLetters,
	"CENTRAL_EUROPEAN":   centralEuropeanLetters,
	"BALTIC":             balticLetters,
	"PORTUGUESE":         portugueseLetters,
	"COLOMBIAN":          colombianLetters,
	"NON_UNICODE":        nonUnicodeTable,
	"ALL": merge(nonUnicodeTable, greekLetters, cyrillicLetters,
		serbianCyrillicLetters, bulgarianCyrillicLetters),
}

// merge returns the union of tables; for a character in several, the first
// table's replacement wins.
func merge(tables ...translitTable) translitTable {
	out := translitTable{}
	for _, t := range tables {
		for r, s := range t {
			if _, ok := out[r]; !ok {
				out[r] = s
			}
		}
	}
	return out
}

// Transliterate replaces the characters covered by the named transliteration
// (an Options.Transliteration value) with their GSM lookalikes and leaves
// every other byte of text as it is. "", "NONE" and unknown names return
// text unchanged.
func Transliterate(text, name string) string {
	table := transliterations[name]
	if len(table) == 0 {
		return text
	}
	// Most texts need no replacement; find the first one before allocating.
	for i, r := range text {
		if _, ok := table[r]; ok {
			return replaceFrom(text, i, table)
		}
	}
	return text
}

func replaceFrom(text string, start int, table translitTable) string {
	var b strings.Builder
	b.Grow(len(text) + 8)
	b.WriteString(text[:start])
	for i := start; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if rep, ok := table[r]; ok {
			b.WriteString(rep)
		} else {
			// Copy the original bytes so invalid UTF-8 passes through
			// untouched instead of becoming U+FFFD.
			b.WriteString(text[i : i+size])
		}
		i += size
	}
	return b.String()
}
