package feeds

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// redactMark replaces a secret in a shown URL.
const redactMark = "REDACTED"

// feedURL is a feed address split into what may be stored and what goes to
// the keyring.
type feedURL struct {
	// Real is the address to fetch, with its secret parts but without
	// userinfo (a local path for files).
	Real string
	// Shown is Real with every secret part replaced by redactMark.
	Shown string
	// IsFile is true for local files.
	IsFile bool
	// User and Password come from the URL's userinfo.
	User, Password string
	// Secrets are the secret values inside Real.
	Secrets []string
}

// CheckURL reports whether raw is an address Shiftdesk can subscribe to:
// an http, https, webcal or webcals URL with a host, a file:// URL or a
// local file path. It makes no request and does not look at the file.
func CheckURL(raw string) error {
	_, err := parseFeedURL(raw, false)
	return err
}

// RedactURL returns raw with userinfo removed and secret query parameters
// and path parts replaced, for display. An address that cannot be parsed
// is replaced as a whole.
func RedactURL(raw string) string {
	u, err := parseFeedURL(raw, false)
	if err != nil {
		return redactMark
	}
	return u.Shown
}

// parseFeedURL splits raw; with checkFile a local path must name a
// readable file.
func parseFeedURL(raw string, checkFile bool) (feedURL, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return feedURL{}, errors.New("feeds: no feed address given")
	}
	if isLocalPath(raw) {
		return filePath(raw, checkFile)
	}
	if !strings.Contains(raw, "://") && !hasScheme(raw) {
		// A bare name: a file in the current folder if one exists, else
		// most likely a web address typed without its scheme.
		if st, err := os.Stat(raw); err == nil && !st.IsDir() {
			return filePath(raw, checkFile)
		}
		return feedURL{}, fmt.Errorf("feeds: %q is neither a web address nor an existing file; start a web address with https:// or webcal://", RedactString(raw))
	}
	u, err := url.Parse(raw)
	if err != nil {
		// Not RedactString(raw): it parses raw again, which fails again.
		// The address itself may hold a secret, so only the reason is
		// shown ("missing ']' in host").
		reason := err
		var ue *url.Error
		if errors.As(err, &ue) {
			reason = ue.Err
		}
		return feedURL{}, fmt.Errorf("feeds: the address is not a valid URL: %w", reason)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "webcal":
		u.Scheme = "http"
	case "https", "webcals":
		u.Scheme = "https"
	case "file":
		if u.Host != "" && u.Host != "localhost" {
			return feedURL{}, fmt.Errorf("feeds: file address %q names another computer (%s); use a local path", u.Redacted(), u.Host)
		}
		return filePath(filepath.FromSlash(u.Path), checkFile)
	default:
		return feedURL{}, fmt.Errorf("feeds: %q is not a feed address Shiftdesk can read (use https://, http://, webcal://, webcals:// or a file path)", u.Scheme+":")
	}
	if u.Host == "" {
		return feedURL{}, errors.New("feeds: the feed address has no server name")
	}
	var out feedURL
	if u.User != nil {
		out.User = u.User.Username()
		out.Password, _ = u.User.Password()
		u.User = nil
	}
	shown := *u
	// Secret path parts.
	segs := strings.Split(u.EscapedPath(), "/")
	shownSegs := make([]string, len(segs))
	for i, s := range segs {
		shownSegs[i] = s
		if dec, err := url.PathUnescape(s); err == nil && secretSegment(dec) {
			out.Secrets = append(out.Secrets, dec)
			if strings.HasPrefix(strings.ToLower(dec), "private-") {
				shownSegs[i] = dec[:len("private-")] + redactMark
			} else {
				shownSegs[i] = redactMark
			}
		}
	}
	if p, err := url.PathUnescape(strings.Join(shownSegs, "/")); err == nil {
		shown.Path, shown.RawPath = p, ""
	}
	// Secret query parameters.
	if u.RawQuery != "" {
		q := u.Query()
		sq := url.Values{}
		for k, vs := range q {
			for _, v := range vs {
				if secretParam(k) && v != "" {
					out.Secrets = append(out.Secrets, v)
					sq.Add(k, redactMark)
				} else {
					sq.Add(k, v)
				}
			}
		}
		shown.RawQuery = sq.Encode()
	}
	shown.Fragment, u.Fragment = "", ""
	out.Real, out.Shown = u.String(), shown.String()
	return out, nil
}

// isLocalPath reports whether raw is written as a file path: absolute,
// relative with ./ or ../, in the home folder (~/), or a Windows path.
func isLocalPath(raw string) bool {
	for _, p := range []string{"/", "./", "../", "~/", `\\`, `.\`, `..\`} {
		if strings.HasPrefix(raw, p) {
			return true
		}
	}
	// Windows drive letter: C:\ or C:/
	return len(raw) >= 3 && raw[1] == ':' && (raw[2] == '\\' || raw[2] == '/')
}

// hasScheme reports whether raw starts with "scheme:" (RFC 3986 §3.1).
func hasScheme(raw string) bool {
	i := strings.Index(raw, ":")
	if i < 1 {
		return false
	}
	for j, r := range raw[:i] {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case j > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.'):
		default:
			return false
		}
	}
	return true
}

func filePath(p string, checkFile bool) (feedURL, error) {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			p = filepath.Join(home, rest)
		}
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return feedURL{}, fmt.Errorf("feeds: file path %q: %w", p, err)
	}
	if checkFile {
		st, err := os.Stat(abs)
		if err != nil {
			return feedURL{}, fmt.Errorf("feeds: cannot read the file %s: %w", abs, err)
		}
		if st.IsDir() {
			return feedURL{}, fmt.Errorf("feeds: %s is a folder, not a calendar file", abs)
		}
		if !st.Mode().IsRegular() {
			return feedURL{}, fmt.Errorf("feeds: %s is not a regular file (a pipe or device cannot be a feed)", abs)
		}
	}
	return feedURL{Real: abs, Shown: abs, IsFile: true}, nil
}

// secretParam reports whether a query parameter name carries a secret.
func secretParam(name string) bool {
	n := strings.ToLower(name)
	for _, w := range []string{"token", "key", "secret", "auth", "pass", "pwd", "sig", "credential", "session", "private"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return n == "k" || n == "code"
}

// secretSegment reports whether a path segment is a secret: Google's
// private-<hash>, or a long opaque key like Outlook's published-calendar
// keys (24+ letters/digits/-/_ with both letters and digits, no dot).
func secretSegment(s string) bool {
	if strings.HasPrefix(strings.ToLower(s), "private-") && len(s) > len("private-") {
		return true
	}
	if len(s) < 24 || strings.Contains(s, ".") {
		return false
	}
	var letters, digits int
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			letters++
		case r == '-' || r == '_':
		default:
			return false
		}
	}
	return letters > 0 && digits > 0
}

// RedactString hides anything URL-like in s that could hold a secret: it
// is used on text that may echo an address (error messages).
func RedactString(s string) string {
	fields := strings.Fields(s)
	for i, f := range fields {
		trim := strings.Trim(f, `"'(),;:`)
		if strings.Contains(trim, "://") {
			u, err := parseFeedURL(trim, false)
			rep := redactMark
			if err == nil {
				rep = u.Shown
			}
			fields[i] = strings.Replace(f, trim, rep, 1)
		}
	}
	return strings.Join(fields, " ")
}
