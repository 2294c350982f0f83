package feeds

import (
	"errors"
	"fmt"
	"strings"
)

// ErrHolidayNotWeb is returned by CheckHolidayURL for an address that is
// not a web address (a file path or file:// URL).
var ErrHolidayNotWeb = errors.New("feeds: a holiday feed is a web address (https, http, webcal or webcals)")

// ErrHolidaySecret is returned by CheckHolidayURL for an address holding a
// secret (user info, a token): holiday feeds are stored in the settings
// file, so they must be public.
var ErrHolidaySecret = errors.New("feeds: the address holds a secret; holiday feeds must be public")

// CheckHolidayURL reports whether raw can be a region's public holiday
// feed: an address CheckURL accepts, on http, https, webcal or webcals,
// with no user info and no secret path part or query parameter (what
// RedactURL would hide). It makes no request. The CLI's "regions add
// --holidays" and the Settings region form both use it.
func CheckHolidayURL(raw string) error {
	raw = strings.TrimSpace(raw)
	u, err := parseFeedURL(raw, false)
	if err != nil {
		return err
	}
	if u.IsFile {
		return fmt.Errorf("%w: %s", ErrHolidayNotWeb, raw)
	}
	if u.User != "" || u.Password != "" || len(u.Secrets) > 0 {
		return ErrHolidaySecret
	}
	return nil
}
