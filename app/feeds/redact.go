package feeds

import (
	"encoding/base64"
	"html"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// minSecret is the shortest secret that is redacted: a shorter one would
// blank out ordinary words and numbers of every message.
const minSecret = 3

// minCut is the shortest start of a secret redacted where a message cuts
// the secret off (a page title shortened to 120 bytes, a clipped line).
const minCut = 4

// redactor hides one feed's secrets (its secret address parts, password
// and token) in any text about the feed, in every form a server may echo
// them: as they are, percent-encoded (either hex case), HTML- and
// Go-quoted, base64 in the standard and URL alphabets with or without
// padding (also inside a longer base64 text), and user:password with its
// base64 as it travels in a "Basic" Authorization header. Addresses in the
// text are redacted too (RedactString). The zero redactor only does the
// latter.
type redactor struct {
	forms []string // longest first
}

// newRedactor returns the redactor of the secrets, and of user:password
// when a password is among them.
func newRedactor(user, password string, secrets ...string) redactor {
	set := map[string]bool{}
	add := func(s string) {
		if len(s) >= minSecret {
			for _, f := range secretForms(s) {
				if len(f) >= minSecret {
					set[f] = true
				}
			}
		}
	}
	for _, s := range secrets {
		add(s)
	}
	if password != "" {
		add(password)
		add(user + ":" + password)
		if ui := url.UserPassword(user, password).String(); ui != user+":"+password {
			add(ui)
		}
	}
	r := redactor{forms: make([]string, 0, len(set))}
	for f := range set {
		r.forms = append(r.forms, f)
	}
	sort.Slice(r.forms, func(i, j int) bool {
		if len(r.forms[i]) != len(r.forms[j]) {
			return len(r.forms[i]) > len(r.forms[j])
		}
		return r.forms[i] < r.forms[j]
	})
	return r
}

// redactor returns the redactor of everything secret in req.
func (req fetchRequest) redactor() redactor {
	return newRedactor(req.User, req.Password, append([]string{req.Token}, req.Secrets...)...)
}

// secretForms lists the ways s can be written in a message or a header.
func secretForms(s string) []string {
	forms := []string{s, url.QueryEscape(s), url.PathEscape(s), html.EscapeString(s)}
	if q := strconv.Quote(s); len(q) > 2 {
		forms = append(forms, q[1:len(q)-1])
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
		forms = append(forms, enc.EncodeToString([]byte(s)), enc.WithPadding(base64.NoPadding).EncodeToString([]byte(s)))
		forms = append(forms, base64Inner(enc, s)...)
	}
	return forms
}

// base64Inner returns the base64 of s as it reads inside a longer base64
// text, at each of the three byte offsets s can start at: the characters
// that encode s's bytes alone (RFC 4648 §4: every 4 characters encode 3
// bytes), when there are 4 or more of them.
func base64Inner(enc *base64.Encoding, s string) []string {
	var out []string
	for k := 0; k < 3; k++ {
		padded := strings.Repeat("\x00", k) + s
		text := enc.EncodeToString([]byte(padded))
		first := 0
		if k > 0 {
			first = 1 // the first group mixes the unknown bytes before s
		}
		last := len(padded) / 3 // groups made of s's bytes only end here
		if last-first >= 1 {
			out = append(out, text[4*first:4*last])
		}
	}
	return out
}

// String returns s with every form of every secret, and a secret cut off
// by a shortened message, replaced by redactMark, and its addresses
// redacted.
func (r redactor) String(s string) string {
	s = r.replace(s)
	// A secret escaped in a way not listed (an HTML character reference,
	// a percent-encoded letter): the text is redacted decoded.
	if u := html.UnescapeString(s); u != s && r.replace(u) != u {
		s = r.replace(u)
	}
	if u, err := url.QueryUnescape(s); err == nil && u != s && r.replace(u) != u {
		s = r.replace(u)
	}
	return RedactString(s)
}

// replace replaces the secrets' forms and their cut-off starts in s.
func (r redactor) replace(s string) string {
	for _, f := range r.forms {
		s = replaceForm(s, f)
	}
	for _, f := range r.forms {
		s = redactCut(s, f)
	}
	return s
}

// replaceForm replaces every f in s; a percent-encoded f matches its hex
// digits in either case.
func replaceForm(s, f string) string {
	if !strings.Contains(f, "%") {
		return strings.ReplaceAll(s, f, redactMark)
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+len(f) <= len(s) && strings.EqualFold(s[i:i+len(f)], f) {
			b.WriteString(redactMark)
			i += len(f)
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// redactCut replaces a start of f (minCut bytes or more) where a message
// ends or cuts it off: at the end of s, or before a closing quote or an
// ellipsis.
func redactCut(s, f string) string {
	for n := len(f) - 1; n >= minCut; n-- {
		head := f[:n]
		for _, end := range []string{"", `"`, "'", "...", "…"} {
			if end == "" {
				if strings.HasSuffix(s, head) {
					s = s[:len(s)-n] + redactMark
				}
				continue
			}
			s = strings.ReplaceAll(s, head+end, redactMark+end)
		}
	}
	return s
}

// Err returns err with its text redacted; errors.Is and errors.As still see
// what it wraps.
func (r redactor) Err(err error) error {
	if err == nil {
		return nil
	}
	return redactedErr{msg: r.String(err.Error()), err: err}
}

// SyncError redacts the words of e that can echo a server or an address:
// the page title, the details and the underlying error.
func (r redactor) SyncError(e *SyncError) *SyncError {
	e.Title, e.Detail = r.String(e.Title), r.String(e.Detail)
	if e.Err != nil {
		e.Err = r.Err(e.Err)
	}
	return e
}

// contains reports whether s holds any form of any secret.
func (r redactor) contains(s string) bool {
	variants := []string{s, html.UnescapeString(s)}
	if u, err := url.QueryUnescape(s); err == nil {
		variants = append(variants, u)
	}
	for _, v := range variants {
		for _, f := range r.forms {
			if replaceForm(v, f) != v {
				return true
			}
		}
	}
	return false
}
