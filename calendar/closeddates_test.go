package calendar

import (
	"errors"
	"testing"
)

func TestParseClosedDates(t *testing.T) {
	got, err := ParseClosedDates(" 2026-12-24, 2026-12-31 = Company day ,, ")
	if err != nil {
		t.Fatal(err)
	}
	want := []ClosedDate{{Date: Date{2026, 12, 24}}, {Date: Date{2026, 12, 31}, Name: "Company day"}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if got, err := ParseClosedDates("  "); err != nil || got != nil {
		t.Errorf("empty list: %v, %v", got, err)
	}
	_, err = ParseClosedDates("2026-12-24, 2026-13-01=Stocktake")
	var bad *DateError
	if !errors.As(err, &bad) || bad.Text != "2026-13-01" {
		t.Errorf("bad month: %v", err)
	}
	if err.Error() != `calendar: "2026-13-01" is not a date (YYYY-MM-DD)` {
		t.Errorf("message %q", err)
	}
}
