package feeds

import (
	"errors"
	"fmt"
	"unicode"
)

// maxName is the longest feed name, in characters.
const maxName = 80

// CheckName reports whether name can name a feed: it may be empty (a name
// is then made from the address), but it holds no control character (a
// line break would fake lines in "feeds list" and the log), no line or
// paragraph separator and no bidirectional override, and is at most 80
// characters long.
func CheckName(name string) error {
	n := 0
	for _, r := range name {
		n++
		switch {
		case r == unicode.ReplacementChar:
			return errors.New("feeds: the feed name is not valid UTF-8 text")
		case unicode.IsControl(r), unicode.In(r, unicode.Zl, unicode.Zp), r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
			return fmt.Errorf("feeds: the feed name holds a control character (%U); give a name on one line of plain text", r)
		}
	}
	if n > maxName {
		return fmt.Errorf("feeds: the feed name is %d characters long, the limit is %d", n, maxName)
	}
	return nil
}

// CheckColor reports whether color is a feed colour, "#rrggbb" in
// hexadecimal, or "" for one picked from the palette.
func CheckColor(color string) error {
	if color == "" {
		return nil
	}
	ok := len(color) == 7 && color[0] == '#'
	for i := 1; ok && i < len(color); i++ {
		c := color[i]
		ok = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
	}
	if !ok {
		return fmt.Errorf("feeds: colour %q is not #rrggbb (for example #1f77b4)", color)
	}
	return nil
}
