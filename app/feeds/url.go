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
		return feedURL{}, fmt.Errorf("feeds: %s is neither a web address nor an existing file; start a web address with https:// or webcal://", NameAddress(raw))
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Parse's own words quote parts of the address (`invalid
		// port ":Pa"` is the start of a password): it is named by scheme
		// and host only, and the reason in words of our own.
		return feedURL{}, fmt.Errorf("feeds: %s is not a valid URL: %s", NameAddress(raw), urlProblem(err))
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "webcal":
		u.Scheme = "http"
	case "https", "webcals":
		u.Scheme = "https"
	case "file":
		if u.Host != "" && u.Host != "localhost" {
			return feedURL{}, fmt.Errorf("feeds: file address %s names another computer; use a local path", NameAddress(raw))
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

// NameAddress names raw in a message without any secret it may hold: by
// its scheme and host ("https://wfm.example.com:8443"), by what of them can
// be told when raw cannot be parsed ("the https address", "the address at
// calendar.example.com"), or as "the address". A user name, password,
// path, query or fragment is never part of it.
func NameAddress(raw string) string {
	raw = strings.TrimSpace(raw)
	scheme, rest := "", raw
	if i := strings.Index(raw, "://"); i > 0 && hasScheme(raw[:i+1]) {
		scheme, rest = strings.ToLower(raw[:i]), raw[i+3:]
	} else if hasScheme(raw) && !isLocalPath(raw) {
		i := strings.Index(raw, ":")
		return "the " + strings.ToLower(raw[:i]) + ": address"
	}
	host := hostOf(rest)
	switch {
	case scheme != "" && host != "":
		return scheme + "://" + host
	case scheme != "":
		return "the " + scheme + " address"
	case strings.Contains(host, "."):
		// Without a scheme only a dotted name is taken for a server:
		// a lone word may be a pasted token.
		return "the address at " + host
	}
	return "the address"
}

// hostOf returns the host (and port) that starts rest, an address after
// its "scheme://" or one typed without a scheme, when it is plainly one:
// not when the user name or password may run into it (an "@" further on
// with none before the first "/"), and only with a numeric port.
func hostOf(rest string) string {
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	auth := rest[:end]
	if at := strings.LastIndex(auth, "@"); at >= 0 {
		auth = auth[at+1:]
	} else if strings.Contains(rest[end:], "@") {
		return "" // "user:pa/ss@host": where the host starts is unclear
	}
	if !plainHost(auth) {
		return ""
	}
	return strings.ToLower(auth)
}

// plainHost reports whether s is a host name or IP address with an
// optional numeric port (RFC 3986 §3.2.2, §3.2.3).
func plainHost(s string) bool {
	host, port := s, ""
	if strings.HasPrefix(s, "[") {
		i := strings.Index(s, "]")
		if i < 0 || strings.Trim(s[1:i], "0123456789abcdefABCDEF:.") != "" {
			return false
		}
		host, port = s[:i+1], strings.TrimPrefix(s[i+1:], ":")
		if port == "" && len(s) > i+1 && s[i+1:] != ":" {
			return false
		}
	} else if i := strings.LastIndex(s, ":"); i >= 0 {
		host, port = s[:i], s[i+1:]
		if strings.Trim(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") != "" {
			return false
		}
	} else if strings.Trim(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") != "" {
		return false
	}
	return host != "" && strings.Trim(port, "0123456789") == ""
}

// urlProblem says in words of our own, quoting nothing of the address,
// why url.Parse refused it.
func urlProblem(err error) string {
	msg := err.Error()
	var ue *url.Error
	if errors.As(err, &ue) {
		msg = ue.Err.Error()
	}
	switch {
	case strings.Contains(msg, "invalid port"):
		return `what follows the server name is not a port number (a "/", "?", "#" or "@" in a user name or password must be written %2F, %3F, %23 or %40)`
	case strings.Contains(msg, "invalid userinfo"):
		return "the user name or password has a character that must be percent-encoded"
	case strings.Contains(msg, "control character"):
		return "it holds a control character (a line break or tab)"
	case strings.Contains(msg, "invalid URL escape"):
		return `a "%" is not followed by two hexadecimal digits`
	case strings.Contains(msg, "missing ']'"):
		return `an IPv6 server address lacks its closing "]"`
	case strings.Contains(msg, "invalid character") && strings.Contains(msg, "host"):
		return "the server name has a character a server name cannot have"
	case strings.Contains(msg, "missing protocol scheme"), strings.Contains(msg, "first path segment"):
		return "it does not start with a scheme such as https://"
	}
	return "it cannot be read as an address"
}

// LocalFile returns the path of a local feed address, a file path or a
// file:// URL (without checking the file). Any other address is an error
// that names it by scheme and host only (NameAddress).
func LocalFile(raw string) (string, error) {
	u, err := parseFeedURL(raw, false)
	if err != nil {
		return "", err
	}
	if !u.IsFile {
		return "", fmt.Errorf("feeds: %s is a web address, not a file", NameAddress(raw))
	}
	return u.Real, nil
}
