// Package smsenc counts SMS segments the way an SMS gateway such as Infobip
// does. The simulator uses it for POST /sms/1/preview (messageCount,
// charactersRemaining, textPreview) and for smsCount/messageCount in send
// responses and delivery reports.
//
// # Encodings
//
// A text is sent as GSM7 when every character is in the GSM 03.38 default
// alphabet or its extension table (3GPP TS 23.038 §6.2.1); otherwise the whole
// text is sent as UCS2. Extension characters (form feed ^ { } \ [ ~ ] | €)
// are sent as an escape septet plus the character, so they cost 2 septets.
// UCS2 is counted in UTF-16 code units, so a character outside the Basic
// Multilingual Plane (most emoji) costs 2.
//
// # Splitting
//
// A text that fits one message uses the whole payload (160 septets / 70 UTF-16
// units). A longer text is split into concatenated parts whose user data
// header (UDH) eats into the payload (153 / 67). Splitting is done for real,
// character by character: an escape septet and the character it introduces,
// and the two halves of a UTF-16 surrogate pair, are never split across parts,
// so a part can end one unit early. That is why Count is computed by walking
// the text rather than by dividing a length.
//
// # National language tables
//
// For LanguageCode ES or PT the language's national single shift table
// (3GPP TS 23.038 annex A.2.2, A.2.3) replaces the default extension table.
// Those tables contain every default extension character plus the
// language's letters, each costing 2 septets; the default alphabet is kept.
//
// TR differs: it uses the Turkish national language locking shift table
// (annex A.3.1), which replaces the default alphabet, so ç ğ ı ş Ç Ğ İ Ş (and
// €) cost 1 septet. The reason is Infobip's own OpenAPI document for POST
// /sms/1/preview, the authority for this simulator: its languageCode TR
// example, the 98-character "Mesaj gönderimi yapmadan önce önizleme
// seçeneğini kullanmanız doğru karar vermenize yardımcı olur.", is 1 message
// with 57 characters remaining, that is 155 - 98 with every Turkish letter at
// 1 septet (the Turkish single shift table would give 155 - 104 = 51). The
// locking table drops è ì Ø ø Æ æ ¡ ¿ from the default alphabet to make room,
// so with TR those characters are not GSM7 and a text containing one is sent
// as UCS2, like any other character the tables lack. TR keeps the Turkish
// single shift table for escape characters; its letters and € are all in the
// locking table already, so what it adds is exactly the default extension
// table (form feed ^ { } \ [ ~ ] |), at 2 septets.
//
// With TR, ES or PT every part carries one 3-octet national language
// information element (locking shift for TR, single shift for ES and PT),
// giving 155 septets for a single message and 149 per concatenated part (the
// arithmetic is on the limits type). AUTODETECT picks the first of TR, ES,
// PT whose tables make a text GSM7-encodable, and no table when the default
// alphabet already suffices (a table would only cost UDH space).
//
// # Transliteration
//
// Preview can first replace characters by GSM lookalikes. The tables are
// small, hand-written approximations of Infobip's behaviour, not a copy of
// Infobip's own tables (which are not public):
//
//   - NON_UNICODE: typographic punctuation (curly quotes, dashes, ellipsis,
//     special spaces, backtick, tab), plus Latin letters with diacritics that
//     GSM lacks (Latin-1 Supplement, Latin Extended-A, Romanian comma-below
//     letters) mapped to the base letter or a digraph (Œ→OE, ß stays: it is GSM).
//   - ALL: NON_UNICODE plus GREEK, CYRILLIC and the Serbian and Bulgarian
//     letters that CYRILLIC lacks (where those alphabets disagree with Russian
//     on a shared letter, the Russian value wins).
//   - TURKISH, CENTRAL_EUROPEAN (Polish, Czech, Slovak, Hungarian, Slovene,
//     Croatian, Romanian), BALTIC (Latvian, Lithuanian, Estonian), PORTUGUESE,
//     COLOMBIAN (Spanish): only that language's letters.
//   - GREEK: Greek letters to the capital Greek letters GSM has (Γ Δ Θ Λ Ξ Π
//     Σ Φ Ψ Ω) or to Latin capitals that look the same (Α→A, Ρ→P, …); lower
//     case and tonos/dialytika forms fold to those capitals, as Greek SMS
//     traditionally does.
//   - CYRILLIC: Russian and Ukrainian Cyrillic to Latin, after BGN/PCGN with
//     ASCII in place of its diacritics (Ж→Zh, Щ→Shch, Ь→', Ъ→").
//   - SERBIAN_CYRILLIC: Serbian Cyrillic to Serbian Latin without the
//     diacritics GSM lacks (Ђ→Dj, Љ→Lj, Ч→C, Џ→Dz).
//   - BULGARIAN_CYRILLIC: the Bulgarian Streamlined System (Щ→Sht, Ъ→A).
//
// Characters a table does not cover are left alone, so a transliterated text
// can still be UCS2.
package smsenc
