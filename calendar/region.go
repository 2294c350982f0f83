package calendar

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Clock is a time of day in minutes since midnight (0..1440).
type Clock int

// ParseClock reads "HH:MM" (24:00 allowed as the end of a day).
func ParseClock(s string) (Clock, error) {
	var h, m int
	if n, err := fmt.Sscanf(s, "%d:%d", &h, &m); err != nil || n != 2 || len(s) != 5 {
		return 0, fmt.Errorf("calendar: %q is not a time of day (HH:MM)", s)
	}
	if h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("calendar: %q is not a time of day (HH:MM)", s)
	}
	return Clock(h*60 + m), nil
}

// String formats c as HH:MM.
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// MarshalJSON writes c as "HH:MM".
func (c Clock) MarshalJSON() ([]byte, error) { return json.Marshal(c.String()) }

// UnmarshalJSON reads "HH:MM".
func (c *Clock) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("calendar: time of day: %w", err)
	}
	v, err := ParseClock(s)
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// Region is a customer region the agent serves: its zone and business
// hours, and where its days off come from (package calendar/holidays).
type Region struct {
	Name  string         `json:"name"`
	Zone  string         `json:"zone"` // IANA name, e.g. Asia/Tokyo
	Days  []time.Weekday `json:"days"` // open days, e.g. Mon–Fri
	Open  Clock          `json:"open"`
	Close Clock          `json:"close"` // after Open
	// Country is the ISO 3166-1 alpha-2 code whose public holidays close
	// the region ("" none), Subdivision an optional ISO 3166-2 part of it
	// (e.g. "NSW" for AU) where the holiday library has one.
	Country     string `json:"country,omitempty"`
	Subdivision string `json:"subdivision,omitempty"`
	// HolidaysURL is an iCalendar feed of the region's days off (a
	// country the library lacks, a company's own closing days): "" none.
	HolidaysURL string `json:"holidays_url,omitempty"`
	// ClosedDates are the region's own closing days.
	ClosedDates []ClosedDate `json:"closed_dates,omitempty"`
}

// ClosedDate is a day a region is closed, with the name shown for it.
type ClosedDate struct {
	Date Date   `json:"-"`
	Name string `json:"-"`
}

// DateError is ParseDate's error: Text is not a date.
type DateError struct{ Text string }

func (e *DateError) Error() string {
	return fmt.Sprintf("calendar: %q is not a date (YYYY-MM-DD)", e.Text)
}

// ParseDate reads "YYYY-MM-DD"; its error is a *DateError.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, &DateError{Text: s}
	}
	return DateOf(t), nil
}

// ParseClosedDate reads "YYYY-MM-DD" or "YYYY-MM-DD=NAME", a region's
// closing day with the name shown for it (the CLI's --closed).
func ParseClosedDate(s string) (ClosedDate, error) {
	day, name, _ := strings.Cut(s, "=")
	d, err := ParseDate(strings.TrimSpace(day))
	if err != nil {
		return ClosedDate{}, err
	}
	return ClosedDate{Date: d, Name: strings.TrimSpace(name)}, nil
}

// ParseClosedDates reads a comma-separated list of ParseClosedDate items
// ("2026-12-24, 2026-12-31=Company day"); empty items are skipped.
func ParseClosedDates(s string) ([]ClosedDate, error) {
	var out []ClosedDate
	for _, item := range strings.Split(s, ",") {
		if strings.TrimSpace(item) == "" {
			continue
		}
		c, err := ParseClosedDate(item)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

type closedDateJSON struct {
	Date string `json:"date"`
	Name string `json:"name,omitempty"`
}

// MarshalJSON writes {"date":"YYYY-MM-DD","name":...}.
func (c ClosedDate) MarshalJSON() ([]byte, error) {
	return json.Marshal(closedDateJSON{c.Date.String(), c.Name})
}

// UnmarshalJSON reads {"date":"YYYY-MM-DD","name":...}.
func (c *ClosedDate) UnmarshalJSON(b []byte) error {
	var v closedDateJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("calendar: closed date: %w", err)
	}
	d, err := ParseDate(v.Date)
	if err != nil {
		return err
	}
	*c = ClosedDate{Date: d, Name: v.Name}
	return nil
}

// Location loads the region's zone.
func (r Region) Location() (*time.Location, error) {
	if r.Zone == "" || r.Zone == "Local" {
		return nil, fmt.Errorf("calendar: region %q: no time zone", r.Name)
	}
	loc, err := time.LoadLocation(r.Zone)
	if err != nil {
		return nil, fmt.Errorf("calendar: region %q: unknown time zone %q: %w", r.Name, r.Zone, err)
	}
	return loc, nil
}

// Validate checks the region is usable: a name, a known zone, Close after
// Open and at least one day.
func (r Region) Validate() error {
	if r.Name == "" {
		return fmt.Errorf("calendar: region needs a name")
	}
	if _, err := r.Location(); err != nil {
		return err
	}
	if r.Close <= r.Open {
		return fmt.Errorf("calendar: region %q: business hours end (%s) before they start (%s)", r.Name, r.Close, r.Open)
	}
	if len(r.Days) == 0 {
		return fmt.Errorf("calendar: region %q: no business days", r.Name)
	}
	return nil
}

// OpenOn reports whether the region does business on weekday d.
func (r Region) OpenOn(d time.Weekday) bool {
	for _, x := range r.Days {
		if x == d {
			return true
		}
	}
	return false
}
