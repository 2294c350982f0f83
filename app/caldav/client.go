package caldav

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-webdav"
	gocaldav "github.com/emersion/go-webdav/caldav"
)

// Account is where a CalDAV calendar or server is and who signs in.
type Account struct {
	// URL is a calendar collection or a server (http or https).
	URL string
	// User and Password are sent as HTTP Basic credentials, only to
	// URL's host. Password may be an app password.
	User, Password string
	// UserAgent is sent with every request.
	UserAgent string
	// HTTP makes the requests; nil means a client with a one-minute
	// timeout that does not follow redirects (discovery follows them
	// itself, and only on the same host).
	HTTP webdav.HTTPClient
}

// Client talks to one CalDAV account. It is not safe for concurrent use.
type Client struct {
	base *url.URL
	t    *transport
	dav  *gocaldav.Client
}

// Dial checks the account's URL and returns a client for it; it sends no
// request.
func Dial(acct Account) (*Client, error) {
	u, err := url.Parse(acct.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("caldav: %q is not an http(s) URL", redact(acct.URL))
	}
	if u.User != nil {
		return nil, errors.New("caldav: put the user name in the user field, not in the URL")
	}
	if u.Path == "" {
		u.Path = "/"
	}
	hc := acct.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: time.Minute,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	t := &transport{next: hc, host: u.Host, user: acct.User, pass: acct.Password, agent: acct.UserAgent}
	dav, err := gocaldav.NewClient(t, u.String())
	if err != nil {
		return nil, fmt.Errorf("caldav: %w", err)
	}
	return &Client{base: u, t: t, dav: dav}, nil
}

// transport adds credentials (to the account's host only) and the
// User-Agent, and remembers the status of the last response, which
// go-webdav's errors do not expose.
type transport struct {
	next       webdav.HTTPClient
	host       string
	user, pass string
	agent      string
	mu         sync.Mutex
	lastStatus int
	requests   int
}

func (t *transport) Do(req *http.Request) (*http.Response, error) {
	if req.URL.Host == t.host && (t.user != "" || t.pass != "") {
		req.SetBasicAuth(t.user, t.pass)
	}
	if t.agent != "" {
		req.Header.Set("User-Agent", t.agent)
	}
	resp, err := t.next.Do(req)
	t.mu.Lock()
	defer t.mu.Unlock()
	t.requests++
	t.lastStatus = 0
	if err == nil {
		t.lastStatus = resp.StatusCode
	}
	return resp, err
}

func (t *transport) status() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.lastStatus
}

// Requests is the number of HTTP requests the client made so far.
func (c *Client) Requests() int {
	c.t.mu.Lock()
	defer c.t.mu.Unlock()
	return c.t.requests
}

// resolve turns an href (an absolute URL, or a path, not escaped) into a
// URL on the account's server.
func (c *Client) resolve(href string) *url.URL {
	if strings.HasPrefix(href, "http://") || strings.HasPrefix(href, "https://") {
		if u, err := url.Parse(href); err == nil {
			return u
		}
	}
	if !strings.HasPrefix(href, "/") {
		href = path.Join(dirPath(c.base.Path), href)
	}
	return &url.URL{Scheme: c.base.Scheme, Host: c.base.Host, Path: href}
}

// hrefPath is the unescaped path of an href in a multistatus.
func hrefPath(href string) string {
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return strings.TrimSpace(href)
	}
	return u.Path
}

// do sends one request with body to href and returns the response with
// its body read (at most 32 MiB).
func (c *Client) do(ctx context.Context, method, href string, body []byte, hdr map[string]string) (*http.Response, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.resolve(href).String(), bytes.NewReader(body))
	if err != nil {
		return nil, nil, fmt.Errorf("caldav: %w", err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.t.Do(req)
	if err != nil {
		return nil, nil, &Error{Op: method, URL: redact(req.URL.String()), Err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return nil, nil, &Error{Op: method, URL: redact(req.URL.String()), Err: err}
	}
	return resp, b, nil
}

// davProp is the union of the WebDAV properties read here.
type davProp struct {
	ResourceType struct {
		Calendar   *struct{} `xml:"urn:ietf:params:xml:ns:caldav calendar"`
		Collection *struct{} `xml:"DAV: collection"`
	} `xml:"DAV: resourcetype"`
	DisplayName string `xml:"DAV: displayname"`
	ETag        string `xml:"DAV: getetag"`
	CTag        string `xml:"http://calendarserver.org/ns/ getctag"`
	SyncToken   string `xml:"DAV: sync-token"`
	Principal   struct {
		Href string `xml:"DAV: href"`
	} `xml:"DAV: current-user-principal"`
	HomeSet struct {
		Href string `xml:"DAV: href"`
	} `xml:"urn:ietf:params:xml:ns:caldav calendar-home-set"`
}

type davResponse struct {
	Href     string `xml:"DAV: href"`
	Status   string `xml:"DAV: status"`
	Propstat []struct {
		Status string  `xml:"DAV: status"`
		Prop   davProp `xml:"DAV: prop"`
	} `xml:"DAV: propstat"`
}

type multistatus struct {
	XMLName   xml.Name      `xml:"DAV: multistatus"`
	Responses []davResponse `xml:"DAV: response"`
}

// prop merges the properties of the response's 200 propstats.
func (r davResponse) prop() davProp {
	var p davProp
	for _, ps := range r.Propstat {
		if !strings.Contains(ps.Status, " 200") {
			continue
		}
		q := ps.Prop
		if q.ResourceType.Calendar != nil || q.ResourceType.Collection != nil {
			p.ResourceType = q.ResourceType
		}
		p.DisplayName = first(p.DisplayName, q.DisplayName)
		p.ETag = first(p.ETag, q.ETag)
		p.CTag = first(p.CTag, q.CTag)
		p.SyncToken = first(p.SyncToken, q.SyncToken)
		p.Principal.Href = first(p.Principal.Href, q.Principal.Href)
		p.HomeSet.Href = first(p.HomeSet.Href, q.HomeSet.Href)
	}
	return p
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

const propfindHead = `<?xml version="1.0" encoding="utf-8"?>` +
	`<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/"><d:prop>`

// propfind asks for props (elements such as "<d:getetag/>") of href at
// depth "0" or "1" and returns the multistatus. A server that does not
// answer 207 with a multistatus is not WebDAV: ErrNotCalDAV.
func (c *Client) propfind(ctx context.Context, href, depth, props string) (multistatus, error) {
	body := propfindHead + props + `</d:prop></d:propfind>`
	return c.report(ctx, "PROPFIND", href, depth, body)
}

// report sends a PROPFIND or REPORT and decodes the multistatus.
func (c *Client) report(ctx context.Context, method, href, depth, body string) (multistatus, error) {
	resp, b, err := c.do(ctx, method, href, []byte(body), map[string]string{
		"Depth": depth, "Content-Type": `application/xml; charset="utf-8"`})
	if err != nil {
		return multistatus{}, err
	}
	u := redact(resp.Request.URL.String())
	if loc := resp.Header.Get("Location"); resp.StatusCode/100 == 3 && loc != "" {
		return multistatus{}, &Error{Op: method, URL: u,
			Err: fmt.Errorf("the server moved this address to %s: use that one", redact(c.resolve(loc).String()))}
	}
	if resp.StatusCode != http.StatusMultiStatus {
		if resp.StatusCode/100 == 2 || resp.StatusCode == http.StatusMethodNotAllowed || resp.StatusCode == http.StatusNotImplemented {
			return multistatus{}, &Error{Op: method, URL: u, Status: resp.StatusCode, Err: ErrNotCalDAV}
		}
		return multistatus{}, &Error{Op: method, URL: u, Status: resp.StatusCode}
	}
	var ms multistatus
	if err := xml.Unmarshal(b, &ms); err != nil {
		return multistatus{}, &Error{Op: method, URL: u, Err: fmt.Errorf("%w (%v)", ErrNotCalDAV, err)}
	}
	return ms, nil
}

// wrap turns an error of a go-webdav call into an Error with the status
// of the response that failed.
func (c *Client) wrap(op, href string, err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	st := c.t.status()
	if st/100 == 2 {
		st = 0 // the request went through; the answer was not understood
	}
	return &Error{Op: op, URL: redact(c.resolve(href).String()), Status: st, Err: err}
}

// URL is the full address of the calendar cal on the account's server.
func (c *Client) URL(cal Calendar) string { return c.resolve(cal.Href).String() }

// CalendarAt is the calendar whose full address is rawURL.
func CalendarAt(rawURL string) (Calendar, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Path == "" {
		return Calendar{}, fmt.Errorf("caldav: %q is not a calendar address", redact(rawURL))
	}
	return Calendar{Href: dirPath(u.Path)}, nil
}
