package zones

import "testing"

// The VTIMEZONEs of real feeds give the offsets of the IANA zone they stand
// for, at every hour of 2020–2035 and around every change.
func TestFromVTimezoneCorpus(t *testing.T) {
	cases := []struct{ file, iana string }{
		{"outlook_pacific_vtimezone.ics", "America/Los_Angeles"}, // 1601 DTSTARTs
		{"outlook_romance_fr.ics", "Europe/Paris"},
		{"google_rotation_newyork.ics", "America/New_York"},
		{"evolution_rota_london.ics", "Europe/London"},
		{"nextcloud_nachtdienst_amsterdam.ics", "Europe/Amsterdam"},
		{"outlook_aus_eastern.ics", "Australia/Sydney"}, // southern hemisphere
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			vtz := feedZones(t, c.file)
			if len(vtz) != 1 {
				t.Fatalf("%d VTIMEZONEs, want 1", len(vtz))
			}
			loc, err := FromVTimezone(vtz[0])
			if err != nil {
				t.Fatal(err)
			}
			if want := vtz[0].Props.Get("TZID").Value; loc.String() != want {
				t.Errorf("location named %q, want the TZID %q", loc, want)
			}
			compareOffsets(t, loc, mustLoad(t, c.iana), year(2020), year(2036))
		})
	}
}
