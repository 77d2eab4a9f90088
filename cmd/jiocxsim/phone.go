package main

import (
	"fmt"
	"strings"
)

// nationalLength is the length of national numbers (without the country
// code) where it is fixed, so a number typed with its country code can be
// told from one typed without.
var nationalLength = map[string]int{"91": 10}

// normalizePhone turns the number a person types into the international
// digits the API takes: with or without the country code, with a leading +
// or 00, a national 0, spaces, dashes or brackets. A number that could be
// read both ways is refused rather than guessed.
func normalizePhone(countryCode, phone string) (string, error) {
	cc := strings.TrimPrefix(strings.TrimSpace(countryCode), "+")
	if cc == "" || strings.Trim(cc, "0123456789") != "" {
		return "", fmt.Errorf("--country-code %q is not a number", countryCode)
	}
	typed := phone
	phone = strings.NewReplacer(" ", "", "-", "", "(", "", ")", "", ".", "").Replace(strings.TrimSpace(phone))
	international := false
	switch {
	case strings.HasPrefix(phone, "+"):
		phone, international = phone[1:], true
	case strings.HasPrefix(phone, "00"):
		phone, international = phone[2:], true
	}
	if phone == "" || strings.Trim(phone, "0123456789") != "" {
		return "", fmt.Errorf("%q is not a phone number", typed)
	}
	if international {
		return phone, nil // the country code is in it
	}
	national := strings.TrimLeft(phone, "0") // a national trunk prefix
	if n, known := nationalLength[cc]; known {
		switch {
		case len(national) == n:
			return cc + national, nil
		case len(phone) == len(cc)+n && strings.HasPrefix(phone, cc):
			return phone, nil
		}
		return "", fmt.Errorf("%q has %d digits: a number of country code %s has %d digits, or %d with the country code", typed, len(phone), cc, n, len(cc)+n)
	}
	if strings.HasPrefix(phone, cc) {
		return "", fmt.Errorf("%q starts with the country code %s: write it as +%s to send it as it is, or without the country code", typed, cc, phone)
	}
	return cc + national, nil
}
