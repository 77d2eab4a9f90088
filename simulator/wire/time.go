package wire

import (
	"fmt"
	"strings"
	"time"
)

// TimeLayout is Infobip's timestamp format, yyyy-MM-dd'T'HH:mm:ss.SSSZ: milliseconds
// and a numeric offset without a colon (2019-11-09T16:00:00.000+0000). The
// official Go SDK cannot parse RFC 3339 offsets such as +00:00 or Z.
const TimeLayout = "2006-01-02T15:04:05.000-0700"

// Time marshals to and from TimeLayout. The zero Time marshals as null.
type Time struct{ time.Time }

// NewTime wraps t, truncated to milliseconds as the wire carries them.
func NewTime(t time.Time) Time { return Time{t.Truncate(time.Millisecond)} }

// FormatTime renders t in TimeLayout, in UTC.
func FormatTime(t time.Time) string { return t.UTC().Format(TimeLayout) }

// ParseTime reads TimeLayout. It also accepts RFC 3339 with a colon in the
// offset, since clients hand-write those and Infobip's servers accept them.
func ParseTime(s string) (time.Time, error) {
	if t, err := time.Parse(TimeLayout, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse("2006-01-02T15:04:05.000Z07:00", s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a timestamp in the format yyyy-MM-dd'T'HH:mm:ss.SSSZ", s)
}

// MarshalJSON implements json.Marshaler.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + FormatTime(t.Time) + `"`), nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (t *Time) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		t.Time = time.Time{}
		return nil
	}
	s = strings.Trim(s, `"`)
	v, err := ParseTime(s)
	if err != nil {
		return err
	}
	t.Time = v
	return nil
}
