package main

import (
	"strings"
	"testing"
)

func TestNormalizePhone(t *testing.T) {
	t.Parallel()
	cases := []struct {
		cc, phone, want, err string
	}{
		{"91", "9999000001", "919999000001", ""},
		{"91", "919999000001", "919999000001", ""},
		{"91", "+91 99990 00001", "919999000001", ""},
		{"+91", "09999000001", "919999000001", ""},
		{"91", "0091-9999-000001", "919999000001", ""},
		{"91", "(999) 900-0001", "919999000001", ""},
		{"91", "91919999000001", "", "14 digits"},
		{"91", "99990001", "", "8 digits"},
		{"91", "99990000O1", "", "not a phone number"},
		{"44", "7700900001", "447700900001", ""},
		{"44", "447700900001", "", "starts with the country code 44"},
		{"44", "+447700900001", "447700900001", ""},
		{"x", "9999000001", "", "--country-code"},
	}
	for _, c := range cases {
		got, err := normalizePhone(c.cc, c.phone)
		switch {
		case c.err == "" && (err != nil || got != c.want):
			t.Errorf("normalizePhone(%q, %q) = %q, %v; want %q", c.cc, c.phone, got, err, c.want)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("normalizePhone(%q, %q) = %q, %v; want an error about %q", c.cc, c.phone, got, err, c.err)
		}
	}
}
