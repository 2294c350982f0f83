package zones

import (
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

func TestResolveNames(t *testing.T) {
	cases := []struct{ tzid, want string }{
		{"Europe/Stockholm", "Europe/Stockholm"},
		{"America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"},
		{"UTC", "UTC"},
		{"europe/berlin", "Europe/Berlin"},
		{"AMERICA/NEW_YORK", "America/New_York"},
		// Windows zone IDs (Outlook, Exchange).
		{"W. Europe Standard Time", "Europe/Berlin"},
		{"AUS Eastern Standard Time", "Australia/Sydney"},
		{"Romance Standard Time", "Europe/Paris"},
		{"Pacific Standard Time", "America/Los_Angeles"},
		{"Tokyo Standard Time", "Asia/Tokyo"},
		{"GMT Standard Time", "Europe/London"},
		{"w. europe standard time", "Europe/Berlin"},
		// Windows display names.
		{"(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin"},
		{"(UTC-05:00) Eastern Time (US & Canada)", "America/New_York"},
		{"(GMT+01.00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin"},
		{"(GMT) Dublin, Edinburgh, Lisbon, London", "Europe/London"},
		{"(GMT-08:00) Pacific Time (US & Canada)", "America/Los_Angeles"},
		// Vendor prefixes.
		{"/freeassociation.sourceforge.net/Europe/London", "Europe/London"},
		{"/freeassociation.sourceforge.net/Tzfile/Europe/Amsterdam", "Europe/Amsterdam"},
		{"/softwarestudio.org/Olson_20011030_5/America/New_York", "America/New_York"},
		{"/mozilla.org/20050126_1/Europe/Paris", "Europe/Paris"},
		{"/example.com/tzdb/2024a/America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"},
		{"/citadel.org/20190914_1/Asia/Tokyo", "Asia/Tokyo"},
		// A bare leading slash before the whole IANA name.
		{"/Europe/Stockholm", "Europe/Stockholm"},
		{"/America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"},
		{"/UTC", "UTC"},
		// Quotes and spaces.
		{`"Romance Standard Time"`, "Europe/Paris"},
		{` "Europe/Oslo" `, "Europe/Oslo"},
		{"Europe/Helsinki ", "Europe/Helsinki"},
		{`"/freeassociation.sourceforge.net/Europe/London"`, "Europe/London"},
	}
	r := NewResolver(nil)
	for _, c := range cases {
		loc, err := r.Resolve(c.tzid)
		if err != nil {
			t.Errorf("Resolve(%q): %v", c.tzid, err)
			continue
		}
		// EqualFold: on a case-insensitive file system (macOS) the system
		// database loads "europe/berlin" under that name.
		if !strings.EqualFold(loc.String(), c.want) {
			t.Errorf("Resolve(%q) = %s, want %s", c.tzid, loc, c.want)
		}
	}
}

func TestResolveUnknown(t *testing.T) {
	r := NewResolver(feedZones(t, "outlook_romance_fr.ics"))
	for _, tzid := range []string{"Mars/Olympus_Mons", "Local", "", "Customized Time Zone", "/freeassociation.sourceforge.net/Nowhere/Town"} {
		loc, err := r.Resolve(tzid)
		if err == nil {
			t.Errorf("Resolve(%q) = %v, want an error", tzid, loc)
			continue
		}
		if loc != nil {
			t.Errorf("Resolve(%q) returned a location with its error", tzid)
		}
		if !errors.Is(err, ErrUnknownZone) {
			t.Errorf("Resolve(%q): %v does not wrap ErrUnknownZone", tzid, err)
		}
	}
	_, err := r.Resolve("Mars/Olympus_Mons")
	if want := `zones: unknown time zone "Mars/Olympus_Mons" (no VTIMEZONE in the feed)`; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

// A name only the feed defines resolves through its VTIMEZONE, quoted or
// not; a broken VTIMEZONE gives an ErrUnknownZone error saying why.
func TestResolveFeedVTimezone(t *testing.T) {
	broken := strings.Replace(customized, "TZID:Customized Time Zone", "TZID:Customized Time Zone 2", 1)
	broken = strings.Replace(broken, "TZOFFSETTO:+0100", "TZOFFSETTO:+2500", 1)
	r := NewResolver(decode(t, customized+broken))
	stockholm := mustLoad(t, "Europe/Stockholm")
	for _, tzid := range []string{"Customized Time Zone", `"Customized Time Zone"`} {
		loc, err := r.Resolve(tzid)
		if err != nil {
			t.Fatalf("Resolve(%q): %v", tzid, err)
		}
		if loc.String() != "Customized Time Zone" {
			t.Errorf("Resolve(%q) = %s, want the feed's zone", tzid, loc)
		}
		compareOffsets(t, loc, stockholm, year(2024), year(2031))
	}
	_, err := r.Resolve("Customized Time Zone 2")
	if err == nil || !errors.Is(err, ErrUnknownZone) || !strings.Contains(err.Error(), `TZOFFSETTO: offset "+2500" is out of range`) {
		t.Errorf("broken VTIMEZONE: error %v", err)
	}
}

// The corpus feeds' TZIDs resolve; IANA and Windows names win over the
// feed's VTIMEZONE (full history), which agrees with them for 2020–2035.
func TestResolveCorpusFeeds(t *testing.T) {
	cases := []struct{ file, tzid, want string }{
		{"outlook_pacific_vtimezone.ics", "Pacific Standard Time", "America/Los_Angeles"},
		{"outlook_romance_fr.ics", "Romance Standard Time", "Europe/Paris"},
		{"google_rotation_newyork.ics", "America/New_York", "America/New_York"},
		{"evolution_rota_london.ics", "/freeassociation.sourceforge.net/Europe/London", "Europe/London"},
		{"nextcloud_nachtdienst_amsterdam.ics", "Europe/Amsterdam", "Europe/Amsterdam"},
		{"outlook_aus_eastern.ics", "AUS Eastern Standard Time", "Australia/Sydney"},
	}
	for _, c := range cases {
		vtz := feedZones(t, c.file)
		loc, err := NewResolver(vtz).Resolve(c.tzid)
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		if loc.String() != c.want {
			t.Errorf("%s: %q resolved to %s, want %s", c.file, c.tzid, loc, c.want)
		}
		own, err := FromVTimezone(vtz[0])
		if err != nil {
			t.Fatal(err)
		}
		compareOffsets(t, own, loc, year(2020), year(2036))
	}
}

// X-LIC-LOCATION names the IANA zone when the VTIMEZONE agrees with it; when
// it does not, the VTIMEZONE's own rules win.
func TestResolveXLicLocation(t *testing.T) {
	g, err := os.ReadFile("testdata/google_rotation_newyork.ics")
	if err != nil {
		t.Fatal(err)
	}
	renamed := strings.ReplaceAll(string(g), "TZID:America/New_York", "TZID:Eastern (Google)")
	loc, err := NewResolver(decode(t, renamed)).Resolve("Eastern (Google)")
	if err != nil {
		t.Fatal(err)
	}
	if loc.String() != "America/New_York" {
		t.Errorf("resolved to %s, want X-LIC-LOCATION America/New_York", loc)
	}
	// The IANA zone has the full history: 1990 followed the old US rules.
	if _, off := time.Date(1990, 4, 20, 12, 0, 0, 0, time.UTC).In(loc).Zone(); off != -4*3600 {
		t.Errorf("April 1990 offset %d, want EDT", off)
	}

	lying := strings.ReplaceAll(renamed, "X-LIC-LOCATION:America/New_York", "X-LIC-LOCATION:Europe/Paris")
	loc, err = NewResolver(decode(t, lying)).Resolve("Eastern (Google)")
	if err != nil {
		t.Fatal(err)
	}
	if loc.String() != "Eastern (Google)" {
		t.Errorf("resolved to %s, want the VTIMEZONE's own rules", loc)
	}
	compareOffsets(t, loc, mustLoad(t, "America/New_York"), year(2020), year(2030))
}

// Resolve caches: the same TZID gives the same *time.Location, and the same
// error, without building it again.
func TestResolveCaches(t *testing.T) {
	r := NewResolver(decode(t, customized))
	a, _ := r.Resolve("Customized Time Zone")
	b, _ := r.Resolve("Customized Time Zone")
	if a == nil || a != b {
		t.Errorf("two resolutions gave %p and %p", a, b)
	}
	_, e1 := r.Resolve("Nowhere")
	_, e2 := r.Resolve("Nowhere")
	if e1 == nil || e1 != e2 {
		t.Errorf("errors %v and %v are not the cached one", e1, e2)
	}
}

const cldrWindowsZones = "/usr/share/unicode/cldr/common/supplemental/windowsZones.xml"

// Every Windows zone of CLDR (territory 001) maps to its IANA zone, which
// the embedded database knows.
func TestWindowsToIANA(t *testing.T) {
	f, err := os.Open(cldrWindowsZones)
	if err != nil {
		t.Skipf("CLDR not installed (Debian unicode-cldr-core): %v", err)
	}
	defer f.Close()
	var doc struct {
		Zones []struct {
			Other     string `xml:"other,attr"`
			Territory string `xml:"territory,attr"`
			Type      string `xml:"type,attr"`
		} `xml:"windowsZones>mapTimezones>mapZone"`
	}
	if err := xml.NewDecoder(f).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, z := range doc.Zones {
		if z.Territory != "001" {
			continue
		}
		n++
		got, ok := WindowsToIANA(z.Other)
		if !ok || got != z.Type {
			t.Errorf("WindowsToIANA(%q) = %q, %v; CLDR says %q", z.Other, got, ok, z.Type)
		}
		if _, err := time.LoadLocation(got); err != nil {
			t.Errorf("%q maps to %q: %v", z.Other, got, err)
		}
	}
	if n != windowsZoneCount {
		t.Errorf("CLDR has %d Windows zones, the generated table %d: run go generate", n, windowsZoneCount)
	}
	for _, name := range []string{"Europe/Berlin", "Pacific Standard", "", "Customized Time Zone"} {
		if iana, ok := WindowsToIANA(name); ok {
			t.Errorf("WindowsToIANA(%q) = %q, want no match", name, iana)
		}
	}
}

// A feed naming a new unknown zone on every event stops costing IANA
// look-ups; names resolved before, Windows names and the feed's VTIMEZONEs
// still resolve.
func TestResolveManyUnknown(t *testing.T) {
	r := NewResolver(decode(t, customized))
	if _, err := r.Resolve("Europe/Paris"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5000; i++ {
		_, err := r.Resolve(fmt.Sprintf("Zone%d/City", i))
		if !errors.Is(err, ErrUnknownZone) {
			t.Fatalf("Zone%d/City: %v", i, err)
		}
		if i == 4999 && !strings.Contains(err.Error(), "more than 100 unknown time zones") {
			t.Errorf("error %q does not say why it was not searched for", err)
		}
	}
	for tzid, want := range map[string]string{
		"Europe/Paris":            "Europe/Paris",
		"Tokyo Standard Time":     "Asia/Tokyo",
		`"Customized Time Zone" `: "Customized Time Zone",
	} {
		if loc, err := r.Resolve(tzid); err != nil || loc.String() != want {
			t.Errorf("%q after many unknown zones: %v, %v", tzid, loc, err)
		}
	}
}

// A feed's VTIMEZONE with exactly the TZID an event names defines it (RFC
// 5545 §3.6.5), even when an IANA zone has that name in other letter case;
// an exact IANA name still comes first, and other spellings of the TZID
// still find the IANA zone.
func TestResolveOwnVTimezoneBeatsCaseFoldedIANA(t *testing.T) {
	vtz := decode(t, `BEGIN:VTIMEZONE
TZID:Europe/lisbon
BEGIN:STANDARD
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE
`)
	july := time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		tzid string
		off  int // hours east of UTC in July 2024
	}{
		{"Europe/lisbon", 2}, // the feed's CET rules
		{"Europe/Lisbon", 1}, // the exact IANA name
		{"europe/LISBON", 1}, // IANA in other case; no VTIMEZONE has this TZID
	}
	r := NewResolver(vtz)
	for _, c := range cases {
		loc, err := r.Resolve(c.tzid)
		if err != nil {
			t.Fatalf("Resolve(%q): %v", c.tzid, err)
		}
		if _, off := july.In(loc).Zone(); off != c.off*3600 {
			t.Errorf("Resolve(%q) is UTC%+d in July, want UTC%+d", c.tzid, off/3600, c.off)
		}
	}
	// The names-only resolver leaves the case-folded name for later.
	if _, err := NewNamesResolver().Resolve("Europe/lisbon"); !errors.Is(err, ErrUnknownZone) {
		t.Errorf("names-only resolver: err = %v", err)
	}
	if loc, err := NewNamesResolver().Resolve("W. Europe Standard Time"); err != nil || loc.String() != "Europe/Berlin" {
		t.Errorf("names-only resolver, Windows name: %v %v", loc, err)
	}
}

// A TZID that is a plain UTC offset is that fixed offset, east positive;
// the POSIX-style IANA names keep their inverted sign; a VTIMEZONE with
// exactly that TZID still defines it.
func TestResolveFixedOffsets(t *testing.T) {
	july := time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		tzid string
		off  int // minutes east of UTC
	}{
		{"UTC+01:00", 60}, {"GMT-0500", -300}, {"utc+5:30", 330}, {"GMT+1", 60}, {" UTC-03 ", -180},
		{"Etc/GMT+1", -60}, // IANA: POSIX sign
	}
	r := NewResolver(nil)
	for _, c := range cases {
		loc, err := r.Resolve(c.tzid)
		if err != nil {
			t.Errorf("Resolve(%q): %v", c.tzid, err)
			continue
		}
		if _, off := july.In(loc).Zone(); off != c.off*60 {
			t.Errorf("Resolve(%q) = UTC%+d min, want %+d", c.tzid, off/60, c.off)
		}
	}
	for _, bad := range []string{"UTC+", "GMT+15", "UTC+1:3", "UTC+01:60", "UTC1", "GMT+ab"} {
		if loc, err := r.Resolve(bad); err == nil {
			t.Errorf("Resolve(%q) = %v, want an error", bad, loc)
		}
	}
	own := NewResolver(decode(t, "BEGIN:VTIMEZONE\nTZID:GMT+01:00\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0200\nEND:STANDARD\nEND:VTIMEZONE\n"))
	if loc, err := own.Resolve("GMT+01:00"); err != nil || func() int { _, o := july.In(loc).Zone(); return o }() != 7200 {
		t.Errorf("the feed's VTIMEZONE GMT+01:00: %v %v", loc, err)
	}
}
