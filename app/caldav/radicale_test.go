package caldav

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-webdav"

	"github.com/shiftdesk/shiftdesk/app/caldav/caldavtest"
)

// counter counts the requests a client makes, by method.
type counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *counter) Do(req *http.Request) (*http.Response, error) {
	c.mu.Lock()
	if c.n == nil {
		c.n = map[string]int{}
	}
	c.n[req.Method]++
	c.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

func (c *counter) reset() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.n
	c.n = nil
	return n
}

// dial returns a client of r's account at path (on r's host).
func dial(t *testing.T, r *caldavtest.Radicale, path, pass string, hc webdav.HTTPClient) *Client {
	t.Helper()
	c, err := Dial(Account{URL: strings.TrimSuffix(r.URL, "/") + path, User: r.User, Password: pass, HTTP: hc, UserAgent: "Shiftdesk/test"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}
