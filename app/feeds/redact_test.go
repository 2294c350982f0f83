package feeds

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// TestRedactorEveryForm: each secret is taken out of a message in every
// form a server may echo it; words that are no secret stay.
func TestRedactorEveryForm(t *testing.T) {
	const user, pw, tok, hash = "agent1", "PW_SECRET/b4s ic+", "tok-SECRET_9f8e7d", "private-5ecret0a1b2c3d4e5f"
	r := newRedactor(user, pw, tok, hash)
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	cases := map[string]string{
		"plain password":        "wrong password " + pw + " for agent1",
		"basic header":          "Authorization: Basic " + b64(user+":"+pw),
		"basic header, URL b64": "Basic " + base64.RawURLEncoding.EncodeToString([]byte(user+":"+pw)),
		"userinfo":              "at http://" + url.UserPassword(user, pw).String() + "@wfm.example.com/x",
		"query-escaped":         "GET /cal.ics?pw=" + url.QueryEscape(pw) + "&week=4",
		"lower-case hex":        "GET /cal.ics?pw=" + strings.ToLower(url.QueryEscape(pw)),
		"path-escaped":          "GET /u/" + url.PathEscape(pw) + "/cal.ics",
		"bearer":                "Authorization: Bearer " + tok,
		"base64 token":          "sig " + b64(tok),
		"token inside base64":   "blob " + b64("x="+tok+";y"),
		"private path":          "GET /calendar/ical/" + hash + "/basic.ics",
		"html-escaped":          "pw was PW_SECRET/b4s ic&#43;",
		"cut at the end":        "Session expired for " + tok[:9],
		"cut before a quote":    `titled "Session expired ` + b64(user + ":" + pw)[:10] + `" instead`,
	}
	for name, text := range cases {
		got := r.String(text)
		for _, secret := range []string{pw, tok, hash, "5ecret0a1b2c3d4e5f", "PW_SECRET", "tok-SECRET", b64(user + ":" + pw)[:10], url.QueryEscape(pw), strings.ToLower(url.QueryEscape(pw))} {
			if strings.Contains(got, secret) {
				t.Errorf("%s: %q still holds %q", name, got, secret)
			}
		}
		if !strings.Contains(got, redactMark) && name != "userinfo" {
			t.Errorf("%s: nothing redacted in %q", name, got)
		}
	}
	if got := r.String("Session expired – sign in again (HTTP 401)"); got != "Session expired – sign in again (HTTP 401)" {
		t.Errorf("plain words changed: %q", got)
	}
}

func TestRedactorContains(t *testing.T) {
	r := newRedactor("agent1", "pw-SECRET", "tok-SECRET_9f8e7d")
	for s, want := range map[string]bool{
		"http://other.example/cal.ics?t=tok-SECRET_9f8e7d":                                      true,
		"http://other.example/cal.ics?t=tok%2DSECRET_9f8e7d":                                    true,
		"http://other.example/" + base64.StdEncoding.EncodeToString([]byte("agent1:pw-SECRET")): true,
		"http://other.example/cal.ics?week=4":                                                   false,
		"http://other.example/tok-":                                                             false,
	} {
		if got := r.contains(s); got != want {
			t.Errorf("contains(%q) = %v", s, got)
		}
	}
}

// TestSyncErrorsRedactedThroughout: a body that is not a calendar and
// echoes the sign-in: neither the sync's words nor the error it wraps
// hold the token in any form.
func TestSyncErrorsRedactedThroughout(t *testing.T) {
	const tok = "tok-SECRET_9f8e7d/+"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintf(w, "%s %s\r\n", r.Header.Get("Authorization"), base64.StdEncoding.EncodeToString([]byte(tok)))
	}))
	defer srv.Close()
	m, err := New(Options{ConfigDir: t.TempDir(), CacheDir: t.TempDir(), Secrets: secrets.NewFake(), UserAgent: "Shiftdesk/test"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := m.Add(NewFeed{URL: srv.URL + "/cal.ics", Name: "Work", Token: tok})
	if err != nil {
		t.Fatal(err)
	}
	rs := m.Sync(context.Background(), nil, f.ID)
	if len(rs) != 1 || rs[0].Err == nil || rs[0].Err.Reason != ReasonNotCalendar || rs[0].Err.Err == nil {
		t.Fatalf("sync: %+v", rs)
	}
	for _, text := range []string{rs[0].Err.Error(), rs[0].Err.Err.Error()} {
		if strings.Contains(text, "SECRET") || strings.Contains(text, base64.StdEncoding.EncodeToString([]byte(tok))[:12]) {
			t.Errorf("the token shows in %q", text)
		}
	}
	if !errors.Is(rs[0].Err, calendar.ErrNotCalendar) {
		t.Errorf("the redacted error no longer matches calendar.ErrNotCalendar: %v", rs[0].Err)
	}
}
