package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
)

// maxRedirects is the most redirects a fetch follows.
const maxRedirects = 5

// fetcher downloads feeds.
type fetcher struct {
	transport *http.Transport
	timeout   time.Duration
	userAgent string
	maxBytes  int64
}

func newFetcher(userAgent string, connect, total time.Duration, maxBytes int64) *fetcher {
	d := &net.Dialer{Timeout: connect, KeepAlive: 30 * time.Second}
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           d.DialContext,
		TLSHandshakeTimeout:   connect,
		ResponseHeaderTimeout: total,
		MaxIdleConns:          4,
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	return &fetcher{transport: tr, timeout: total, userAgent: userAgent, maxBytes: maxBytes}
}

// fetchRequest is one download.
type fetchRequest struct {
	URL          string // real address (secrets included), or a path
	IsFile       bool
	User         string
	Password     string
	Token        string
	ETag         string
	LastModified string
	Secrets      []string // values that must not leave the feed's host
}

// fetchResponse is a successful download.
type fetchResponse struct {
	NotModified  bool
	Body         []byte
	ContentType  string
	ETag         string
	LastModified string
}

// fetch downloads req. Errors are *SyncError without Feed and RetryAt,
// their words redacted by req's redactor.
func (f *fetcher) fetch(ctx context.Context, req fetchRequest) (fetchResponse, error) {
	resp, err := f.do(ctx, req)
	var se *SyncError
	if errors.As(err, &se) {
		req.redactor().SyncError(se)
	}
	return resp, err
}

// do is fetch without the redaction of its errors.
func (f *fetcher) do(ctx context.Context, req fetchRequest) (fetchResponse, error) {
	if req.IsFile {
		return f.readFile(req.URL)
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, req.URL, nil)
	if err != nil {
		return fetchResponse{}, &SyncError{Reason: ReasonRefused, Err: redactErr(err)}
	}
	hreq.Header.Set("User-Agent", f.userAgent)
	hreq.Header.Set("Accept", "text/calendar, */*;q=0.5")
	switch {
	case req.Token != "":
		hreq.Header.Set("Authorization", "Bearer "+req.Token)
	case req.User != "" || req.Password != "":
		hreq.SetBasicAuth(req.User, req.Password)
	}
	if req.ETag != "" {
		hreq.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hreq.Header.Set("If-Modified-Since", req.LastModified)
	}
	origin, red := hreq.URL, req.redactor()
	client := &http.Client{
		Transport: f.transport,
		Timeout:   f.timeout,
		CheckRedirect: func(r *http.Request, via []*http.Request) error {
			if len(via) > maxRedirects {
				return errTooManyRedirects
			}
			// net/http sets a Referer (the previous address, query and
			// secret path included) before it asks; never send one.
			r.Header.Del("Referer")
			if !sameOrigin(origin, r.URL) {
				r.Header.Del("Authorization")
				r.Header.Del("Cookie")
				if red.contains(r.URL.String()) {
					return errSecretRedirect
				}
			}
			return nil
		},
	}
	resp, err := client.Do(hreq)
	if err != nil {
		return fetchResponse{}, classifyNetErr(err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return fetchResponse{NotModified: true, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}, nil
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return fetchResponse{}, &SyncError{Reason: ReasonAuth, Status: resp.StatusCode}
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return fetchResponse{}, &SyncError{Reason: ReasonGone, Status: resp.StatusCode}
	case resp.StatusCode == http.StatusRequestTimeout || resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return fetchResponse{}, &SyncError{Reason: ReasonUnreachable, Status: resp.StatusCode}
	case resp.StatusCode != http.StatusOK:
		return fetchResponse{}, &SyncError{Reason: ReasonRefused, Status: resp.StatusCode}
	}
	if resp.ContentLength > f.maxBytes {
		return fetchResponse{}, &SyncError{Reason: ReasonTooLarge, Detail: fmt.Sprintf("%d bytes, the limit is %d", resp.ContentLength, f.maxBytes)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBytes+1))
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return fetchResponse{}, &SyncError{Reason: ReasonTruncated, Err: redactErr(err)}
		}
		return fetchResponse{}, classifyNetErr(err)
	}
	if int64(len(body)) > f.maxBytes {
		return fetchResponse{}, &SyncError{Reason: ReasonTooLarge, Detail: fmt.Sprintf("over %d bytes", f.maxBytes)}
	}
	return fetchResponse{Body: body, ContentType: resp.Header.Get("Content-Type"), ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}, nil
}

func (f *fetcher) readFile(path string) (fetchResponse, error) {
	// Only a regular file: opening a pipe would wait for a writer forever.
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return fetchResponse{}, &SyncError{Reason: ReasonFile, Detail: "not a regular file"}
	}
	fh, err := os.Open(path)
	if err != nil {
		return fetchResponse{}, &SyncError{Reason: ReasonFile, Err: err, Detail: plainFileErr(err)}
	}
	defer fh.Close()
	body, err := io.ReadAll(io.LimitReader(fh, f.maxBytes+1))
	if err != nil {
		return fetchResponse{}, &SyncError{Reason: ReasonFile, Err: err}
	}
	if int64(len(body)) > f.maxBytes {
		return fetchResponse{}, &SyncError{Reason: ReasonTooLarge, Detail: fmt.Sprintf("over %d bytes", f.maxBytes)}
	}
	return fetchResponse{Body: body}, nil
}

func plainFileErr(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "no such file"
	case errors.Is(err, os.ErrPermission):
		return "permission denied"
	}
	return ""
}

var (
	errTooManyRedirects = errors.New("feeds: more than 5 redirects")
	errSecretRedirect   = errors.New("feeds: a redirect to another server would send the feed's secret address")
)

func classifyNetErr(err error) error {
	switch {
	case errors.Is(err, errTooManyRedirects):
		return &SyncError{Reason: ReasonRefused, Detail: "more than 5 redirects", Err: errTooManyRedirects}
	case errors.Is(err, errSecretRedirect):
		return &SyncError{Reason: ReasonRefused, Detail: "redirected to another server with the secret address", Err: errSecretRedirect}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &SyncError{Reason: ReasonTruncated, Err: redactErr(err)}
	}
	detail := ""
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded) {
		detail = "timed out"
	}
	return &SyncError{Reason: ReasonUnreachable, Detail: detail, Err: redactErr(err)}
}

// sameOrigin reports whether b is on a's host and port with a scheme at
// least as safe.
func sameOrigin(a, b *url.URL) bool {
	if !strings.EqualFold(a.Hostname(), b.Hostname()) || port(a) != port(b) {
		return false
	}
	return !(a.Scheme == "https" && b.Scheme != "https")
}

func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if u.Scheme == "https" {
		return "443"
	}
	return "80"
}

// looksLikeHTML reports whether a download is a web page.
func looksLikeHTML(contentType string, body []byte) bool {
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")))
	if len(trimmed) >= 15 && bytes.EqualFold(trimmed[:15], []byte("BEGIN:VCALENDAR")) {
		return false // a calendar served with the wrong type
	}
	if strings.Contains(strings.ToLower(contentType), "html") {
		return true
	}
	head := bytes.ToLower(bytes.TrimSpace(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))))
	if len(head) > 512 {
		head = head[:512]
	}
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) ||
		bytes.HasPrefix(head, []byte("<head")) || bytes.HasPrefix(head, []byte("<body")) ||
		(bytes.HasPrefix(head, []byte("<")) && bytes.Contains(head, []byte("<html")))
}

// pageTitle returns the title of a web page sent instead of a feed, as
// calendar.HTMLTitle finds it ("Session expired"), or "" when the page has
// none, with every form of the feed's secrets and every address in it
// redacted by r, also a secret cut short at the end of a shortened title.
func pageTitle(body []byte, r redactor) string {
	title := calendar.HTMLTitle(body)
	title = strings.Join(strings.Fields(strings.ToValidUTF8(html.UnescapeString(title), "")), " ")
	return r.String(title)
}
