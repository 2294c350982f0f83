// Package feeds keeps the agent's subscribed iCalendar feeds current and
// available offline. It imports no UI toolkit.
//
// # Using it
//
// A Manager is built with New from Options: the config dir (settings,
// without secrets), the cache dir, a secrets.Store (the OS keyring), the
// User-Agent ("Shiftdesk/<version>") and a clock. It is safe for concurrent
// use. Methods that touch the keyring, the network or the disk may block
// (Add, Remove, SetURL, SetCredentials, Sync, Confirm, Reject,
// UpdateSettings, Rename and the other edits, Occurrences and Parsed on
// first use): call them off the UI goroutine. Feeds,
// Changes, Pending, NextSync and Settings answer from memory.
//
//	m, err := feeds.New(feeds.Options{Secrets: secrets.NewKeyring(), UserAgent: info.UserAgent()})
//	f, err := m.Add(feeds.NewFeed{URL: "webcals://host/cal.ics", Name: "Work", Token: tok})
//	results := m.Sync(ctx, func(r feeds.Result) { /* progress */ })          // all enabled feeds
//	occ, warns := m.Occurrences(from, to, calendar.ExpandOptions{Zone: loc}) // offline cache only
//	occ, warns = feeds.Expand(parsedFiles, from, to, opts)                  // the same path for other parsed feeds
//	for _, c := range m.Changes() { fmt.Println(c.Line) }                 // "Thu 27 Nov: shift moved 14:00 → 12:00"
//	go m.Run(ctx, func(rs []feeds.Result) { /* notify */ })               // background refresh
//
// # Feeds and secrets
//
// Add accepts https://, http://, webcal:// and webcals:// (mapped to http
// and https), file:// URLs and local paths; anything else is refused before
// any request (CheckURL lets a form check a URL as it is typed). A password
// (basic sign-in), a bearer token, userinfo in the URL and secret parts of
// the URL (query parameters such as token=, key=, auth=; path parts such as
// Google's private-<hash> and Outlook's published-calendar keys) go to the
// keyring under the feed's ID; the stored URL is redacted (RedactURL) and
// secrets never reach the config, the cache, logs, errors or listings.
// When no keyring is reachable, Add fails with secrets.ErrUnavailable and
// stores nothing. SetURL and SetCredentials change a feed's address and
// sign-in the same way; Rename, SetEnabled, SetColor and SetRefresh edit
// the rest; Remove deletes the feed, its offline copy and its secrets.
//
// # Fetching
//
// Requests have a connect timeout and a total timeout, send the
// User-Agent, accept gzip, follow at most 5 redirects and never send the
// Authorization header (or a URL secret) to another host than the feed's.
// They are conditional (If-None-Match, If-Modified-Since); 304 keeps the
// cache and is a success. Failures are *SyncError values whose Plain text is
// what the agent reads ("sign-in failed — check the password or token").
//
// # One owner of the state on disk
//
// The Manager is the only code that reads or writes the agent's state:
// config.json, each feed's offline copy and metadata, and the change list.
// Several processes share it (the window in the tray, shiftdesk commands
// in a terminal): every change takes an inter-process lock (LockFile in
// the config dir, github.com/gofrs/flock), re-reads the file it changes,
// applies its edit and writes the result whole and atomically
// (internal/atomicfile), so no process writes back an old copy. The lock
// is held only for that read-modify-write, never during a download.
// Readers check each offline copy's stamp (size, modification time) and
// parse it again when another process replaced it; Refresh re-reads the
// settings and metadata, and Watch (fsnotify plus a 1 s stat poll) calls
// back when anything changed, so a running window follows the disk.
// Temporary files carry their writer's process ID: start-up deletes only
// those of processes that no longer run (or over an hour old).
//
// # Offline cache
//
// Each feed has, under the cache dir (os.UserCacheDir()/shiftdesk by
// default), the raw bytes of its last good copy and a metadata file (ETag,
// Last-Modified, fetched at, last attempt, last error, next retry), written
// atomically and private (0600, whatever the old mode). A download
// replaces the copy only after it parses completely; HTML, empty,
// truncated and oversize downloads are rejected without touching it. A
// 304 for a feed without a copy is an error. A download that would lose
// shifts is held back (Pending) until the agent confirms (Confirm) or
// keeps the old copy (Reject): one with no event while the copy has some,
// or one in which events the copy could read are skipped by the parser
// (same UID; or, for skipped events without a UID, fewer events and more
// skipped ones). The decision is made from the copy itself, never from
// the metadata. Events skipped in a copy that is kept are counted with the
// parser's first reason (State.Skipped, Result.Skipped).
//
// # Refresh schedule
//
// NextSync gives a feed's next sync: last success + its interval (the
// feed's or the settings' refresh minutes, default 60, minimum 5, or the
// feed's own REFRESH-INTERVAL/X-PUBLISHED-TTL when longer); after a failure,
// exponential backoff from 5 min with jitter, at most 6 h (Backoff). Run
// syncs the due feeds until its context ends.
//
// # Changes
//
// Each sync that updates a feed compares its occurrences of the next 14
// days with the previous copy (Diff) and keeps the list: shifts, breaks and
// other activities added, removed or moved, as data with a formatted Line.
package feeds
