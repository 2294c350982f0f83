package export

import (
	"bytes"
	"io"
	"unicode/utf8"
)

// maxLineOctets is the longest content line RFC 5545 §3.1 allows, not
// counting the CRLF.
const maxLineOctets = 75

// folder is an io.Writer that folds the CRLF-terminated content lines
// written to it (RFC 5545 §3.1): a line longer than 75 octets is split
// into a first line of at most 75 octets and continuation lines of a space
// plus at most 74 octets. A split never falls inside a UTF-8 sequence.
// Bytes after the last CRLF wait in a buffer until the next CRLF or Flush.
type folder struct {
	w    io.Writer
	buf  []byte
	err  error
	line bytes.Buffer
}

func newFolder(w io.Writer) *folder { return &folder{w: w} }

// Write buffers p and writes out every complete line in folded form.
func (f *folder) Write(p []byte) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	f.buf = append(f.buf, p...)
	for {
		i := bytes.Index(f.buf, []byte("\r\n"))
		if i < 0 {
			break
		}
		f.writeLine(f.buf[:i])
		f.buf = f.buf[i+2:]
		if f.err != nil {
			return 0, f.err
		}
	}
	return len(p), nil
}

// Flush writes out a trailing unterminated line, if any, with a CRLF.
func (f *folder) Flush() error {
	if f.err == nil && len(f.buf) > 0 {
		f.writeLine(f.buf)
		f.buf = nil
	}
	return f.err
}

func (f *folder) writeLine(b []byte) {
	f.line.Reset()
	limit := maxLineOctets
	for {
		if len(b) <= limit {
			f.line.Write(b)
			f.line.WriteString("\r\n")
			break
		}
		cut := limit
		for cut > 0 && !utf8.RuneStart(b[cut]) {
			cut--
		}
		if cut == 0 { // not UTF-8 at all: cut at the octet limit
			cut = limit
		}
		f.line.Write(b[:cut])
		f.line.WriteString("\r\n ")
		b = b[cut:]
		limit = maxLineOctets - 1
	}
	_, f.err = f.w.Write(f.line.Bytes())
}
