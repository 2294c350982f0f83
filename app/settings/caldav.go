package settings

// CalDAVPublish is publishing availability to a CalDAV calendar after
// every sync (app/caldav). The password lives in the keyring under
// CalDAVPublishKey, never here.
type CalDAVPublish struct {
	// URL is what the agent gave: a calendar collection or a server.
	URL string `json:"url,omitempty"`
	// Calendar is the calendar collection's URL, found or created from URL.
	Calendar string `json:"calendar,omitempty"`
	User     string `json:"user,omitempty"`
	// Days is how many days from today are published (default 14).
	Days int `json:"days,omitempty"`
	// Region restricts the windows to a customer region ("all" or a name).
	Region string `json:"region,omitempty"`
	// Busy publishes busy blocks titled "Busy" instead of the windows.
	Busy bool `json:"busy,omitempty"`
}

// CalDAVPublishKey is the keyring key of the CalDAV publishing password.
const CalDAVPublishKey = "caldav-publish/password"
