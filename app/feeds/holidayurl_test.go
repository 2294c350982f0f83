package feeds

import (
	"errors"
	"testing"
)

func TestCheckHolidayURL(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		want error // nil: accepted; errAny: some other refusal
	}{
		{"https://holidays.example/se.ics", nil},
		{"http://holidays.example/se.ics", nil},
		{"webcal://holidays.example/se.ics", nil},
		{"webcals://holidays.example/se.ics", nil},
		{"  https://holidays.example/se.ics?lang=sv  ", nil},
		{"https://holidays.example/se.ics?token=abc123", ErrHolidaySecret},
		{"https://me:pw@holidays.example/se.ics", ErrHolidaySecret},
		{"https://calendar.google.com/calendar/ical/x/private-0123456789abcdef0123456789abcdef/basic.ics", ErrHolidaySecret},
		{"/tmp/holidays.ics", ErrHolidayNotWeb},
		{"file:///tmp/holidays.ics", ErrHolidayNotWeb},
		{"ftp://holidays.example/se.ics", errAny},
		{"https://", errAny},
	} {
		err := CheckHolidayURL(tc.raw)
		switch {
		case tc.want == nil && err != nil:
			t.Errorf("%q refused: %v", tc.raw, err)
		case tc.want == errAny && (err == nil || errors.Is(err, ErrHolidaySecret) || errors.Is(err, ErrHolidayNotWeb)):
			t.Errorf("%q: %v, want another refusal", tc.raw, err)
		case tc.want != nil && tc.want != errAny && !errors.Is(err, tc.want):
			t.Errorf("%q: %v, want %v", tc.raw, err, tc.want)
		}
	}
}

var errAny = errors.New("any refusal")
