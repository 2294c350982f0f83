package export

import (
	"bytes"
	"strings"
	"testing"
)

func fold(t *testing.T, line string) []byte {
	t.Helper()
	var buf bytes.Buffer
	f := newFolder(&buf)
	// Write in odd-sized pieces: lines must be found across writes.
	for b := []byte(line + "\r\n"); len(b) > 0; {
		n := min(7, len(b))
		if _, err := f.Write(b[:n]); err != nil {
			t.Fatal(err)
		}
		b = b[n:]
	}
	if err := f.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// unfold undoes RFC 5545 §3.1 folding at octet level.
func unfold(b []byte) string {
	return string(bytes.ReplaceAll(b, []byte("\r\n "), nil))
}

func TestFoldASCII(t *testing.T) {
	for _, n := range []int{0, 1, 74, 75, 76, 149, 150, 151, 400} {
		line := "SUMMARY:" + strings.Repeat("x", n)
		out := fold(t, line)
		checkContentLines(t, out)
		if got := unfold(out); got != line+"\r\n" {
			t.Errorf("n=%d: unfolded %q", n, got)
		}
		if want := 1 + max(0, (len(line)-75+73)/74); bytes.Count(out, []byte("\r\n")) != want {
			t.Errorf("n=%d: %d physical lines, want %d:\n%s", n, bytes.Count(out, []byte("\r\n")), want, out)
		}
	}
}

func TestFoldNeverSplitsUTF8(t *testing.T) {
	// Shift 1- to 4-octet characters across every fold position.
	for _, ch := range []string{"é", "–", "😀"} {
		for pad := 0; pad < 4; pad++ {
			line := "SUMMARY:" + strings.Repeat("a", pad) + strings.Repeat(ch, 60)
			out := fold(t, line)
			checkContentLines(t, out)
			if got := unfold(out); got != line+"\r\n" {
				t.Errorf("%s pad %d: unfolded %q", ch, pad, got)
			}
		}
	}
}

func TestFoldFlushesUnterminatedLine(t *testing.T) {
	var buf bytes.Buffer
	f := newFolder(&buf)
	f.Write([]byte("END:VCALENDAR"))
	if buf.Len() != 0 {
		t.Error("an unterminated line was written before Flush")
	}
	if err := f.Flush(); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "END:VCALENDAR\r\n" {
		t.Errorf("flushed %q", buf.String())
	}
}
