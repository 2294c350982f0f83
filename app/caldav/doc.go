// Package caldav talks CalDAV (RFC 4791) for Shiftdesk, on top of
// github.com/emersion/go-webdav:
//
//   - discovery: a calendar collection URL is used as it is; a server URL
//     is followed to the user's calendars through RFC 6764
//     /.well-known/caldav, current-user-principal (RFC 5397) and
//     calendar-home-set (RFC 4791 §6.2.1), and a calendar can be created
//     with MKCALENDAR (RFC 4791 §5.3.1);
//   - Publish writes availability as one calendar object per window and
//     deletes the ones it wrote earlier that are no longer windows, with
//     If-None-Match / If-Match (RFC 7232 §3) so that an object changed on
//     the server is reported as a conflict, never overwritten; it touches
//     only objects whose href it created (prefixed "shiftdesk-");
//   - Read fetches a calendar as a schedule source: a calendar-query
//     (RFC 4791 §7.8) limited to a time range, getctag and ETags so that
//     only changed objects are fetched (calendar-multiget, §7.9), and one
//     iCalendar body out of them, like an ICS feed's.
//
// go-webdav v0.7.0 has no conditional PUT/DELETE and no sync-collection;
// those requests are made here through the same HTTP client. Errors say in
// plain words what went wrong (Error): wrong password, calendar gone, not a
// CalDAV server. Credentials are only ever sent to the account's host.
package caldav
