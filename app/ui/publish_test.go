package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// publishingFeeds is fakeFeeds that also publishes availability.
type publishingFeeds struct {
	*fakeFeeds
	status PublishStatus
}

func (p *publishingFeeds) PublishStatus() PublishStatus { return p.status }

// TestFeedsScreenShowsPublishing: the Feeds & changes screen says what
// the last publish to a CalDAV calendar did, in the window's language,
// in red with conflicts or an error, and nothing when publishing is off.
func TestFeedsScreenShowsPublishing(t *testing.T) {
	const cal = "https://dav.example.com/agent/shiftdesk-availability/"
	ok := PublishStatus{Calendar: cal, At: at(2026, 11, 23, 9, 0), Items: 9, Created: 1, Updated: 2, Removed: 2}
	for _, tc := range []struct {
		code   string
		status PublishStatus
		want   string
		danger bool
	}{
		{"en", ok, "Availability published to " + cal + " at Mon 09:00: 9 windows (1 new, 2 changed, 2 removed).", false},
		{"sv", ok, "Tillgänglighet publicerad i " + cal + " mån 09:00: 9 fönster (1 nya, 2 ändrade, 2 borttagna).", false},
		{"en", PublishStatus{Calendar: cal}, "Availability is published to " + cal + " after the next sync.", false},
		{"en", PublishStatus{Calendar: cal, At: ok.At, Items: 9, Conflicts: 1}, "1 changed on the server were left alone", true},
		{"en", PublishStatus{Calendar: cal, At: ok.At, Err: "the calendar is gone (404)"}, "Publishing availability to " + cal + " failed at Mon 09:00: the calendar is gone (404)", true},
		{"en", PublishStatus{}, "", false},
	} {
		e := newEnv(t, tc.code, at(2026, 11, 23, 9, 30), weekOf23Nov(), workFeed(), nil)
		e.ui.deps.Feeds = &publishingFeeds{fakeFeeds: workFeed(), status: tc.status}
		e.ui.Show(ScreenFeeds)
		l := e.ui.feeds.publish
		if tc.want == "" {
			if !l.Hidden {
				t.Errorf("publishing off, but the screen says %q", l.Text)
			}
			continue
		}
		if l.Hidden || !strings.Contains(l.Text, tc.want) {
			t.Errorf("%s: %q (hidden %v), want %q", tc.code, l.Text, l.Hidden, tc.want)
		}
		if danger := l.Importance == widget.DangerImportance; danger != tc.danger {
			t.Errorf("%s %q: importance %v", tc.code, l.Text, l.Importance)
		}
		if tc.code == "en" && tc.status == ok {
			test.AssertRendersToMarkup(t, "feeds_publish_en.xml", e.win.Canvas())
		}
	}
}
