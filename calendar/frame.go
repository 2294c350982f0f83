package calendar

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/emersion/go-ical"
)

// end handles an END line (line number line, from byte offset at to
// next): it closes the innermost open component it names. A damaged END
// line never loses the feed (RFC 5545 §3.4 and §3.6 pair BEGIN and END;
// real feeds break that). It is read as follows, and a warning names the
// line:
//
//   - the END of a component opened further out: the components opened
//     since were never closed; each is read up to this line;
//   - a misspelt END ("END:VCALENDARD", "END:VTOOD"), within two letters of
//     the innermost open component's name: read as its END;
//   - an END that closes nothing open: the line is ignored.
func (p *parser) end(stack []frame, value string, line int, data []byte, at, next int) ([]frame, *FeedError) {
	name := strings.ToUpper(strings.TrimSpace(value))
	i := len(stack) - 1
	for i >= 0 && stack[i].name != name {
		i--
	}
	top := stack[len(stack)-1]
	switch {
	case i == len(stack)-1:
	case i >= 0:
		var err *FeedError
		for len(stack)-1 > i && err == nil {
			top = stack[len(stack)-1]
			p.warn(Warning{Line: top.line, Reason: fmt.Sprintf("line %d: BEGIN:%s has no END:%s; it is read up to line %d, where END:%s closes the %s of line %d",
				top.line, clip(top.name), clip(top.name), line-1, stack[i].name, stack[i].name, stack[i].line)})
			p.edits = append(p.edits, edit{at, at, "END:" + top.name + "\r\n"})
			stack, err = p.close(stack, data, at)
		}
		if err != nil {
			return stack, err
		}
	case nearName(name, top.name):
		p.warn(Warning{Line: line, Reason: fmt.Sprintf("line %d: END:%s is read as END:%s (the BEGIN is at line %d)", line, clip(value), top.name, top.line)})
		p.edits = append(p.edits, edit{at, next, "END:" + top.name + "\r\n"})
	default:
		p.warn(Warning{Line: line, Reason: fmt.Sprintf("line %d: END:%s closes no open component (the innermost is BEGIN:%s at line %d); line ignored", line, clip(value), clip(top.name), top.line)})
		p.edits = append(p.edits, edit{at, next, ""})
		return stack, nil
	}
	return p.close(stack, data, next)
}

// edit replaces the bytes [from, to) of the feed by text when a component
// is handed to the decoder: a repaired END line.
type edit struct {
	from, to int
	text     string
}

// close ends the innermost open component, whose text runs from its BEGIN
// line to byte offset end.
func (p *parser) close(stack []frame, data []byte, end int) ([]frame, *FeedError) {
	top := stack[len(stack)-1]
	stack = stack[:len(stack)-1]
	switch {
	case top.name == "VCALENDAR" && len(stack) == p.calDepth-1:
		p.edits = p.edits[:0]
		if err := p.endCalendar(); err != nil {
			return stack, err
		}
		p.endNested()
	case len(stack) == p.calDepth:
		p.component(top, p.body(data, top.start, end))
	}
	return stack, nil
}

// body returns the feed's bytes [from, to) with the pending edits made.
func (p *parser) body(data []byte, from, to int) []byte {
	if len(p.edits) == 0 {
		return data[from:to]
	}
	var b []byte
	pos := from
	for _, e := range p.edits {
		if e.from < pos || e.from > to {
			continue
		}
		b = append(append(b, data[pos:e.from]...), e.text...)
		pos = min(e.to, to)
	}
	p.edits = p.edits[:0]
	return append(b, data[pos:to]...)
}

// calState is what a VCALENDAR nested in another one interrupts.
type calState struct {
	cal       *calInfo
	line      int
	props     []byte
	vtimezone []*ical.Component
	pending   []*event
}

// beginNested starts a VCALENDAR found inside another one, at line. RFC
// 5545 §3.4 has no such nesting, but some merged feeds do it: the inner
// calendar is read as a calendar of its own (its X-WR-TIMEZONE and
// VTIMEZONEs apply to its events), then the outer one goes on.
func (p *parser) beginNested(line int) {
	p.flush() // the queued events belong to the outer calendar
	p.outer = append(p.outer, calState{p.cal, p.calLine, p.calProps, p.vtimezone, p.pending})
	p.cal, p.calLine, p.calProps, p.vtimezone, p.pending = &calInfo{}, line, nil, nil, nil
	p.calDepth++
}

// endNested goes back to the calendar a nested one interrupted, if any.
func (p *parser) endNested() {
	p.calDepth--
	n := len(p.outer)
	if n == 0 {
		return
	}
	s := p.outer[n-1]
	p.outer = p.outer[:n-1]
	p.cal, p.calLine, p.calProps, p.vtimezone, p.pending = s.cal, s.line, s.props, s.vtimezone, s.pending
}

// nearName reports whether a and b (component names) differ by at most two
// letters inserted, removed or replaced: a misspelling, not another name.
func nearName(a, b string) bool {
	if a == "" || len(a) > 64 || len(b) > 64 || len(a)-len(b) > 2 || len(b)-len(a) > 2 {
		return false
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)] <= 2
}

// scheduled reports whether a child of a VCALENDAR is read: a VEVENT or a
// VTIMEZONE, also when its BEGIN is misspelt ("BEGIN:VEVNT", within two
// letters; warned). The other components of RFC 5545 §3.6 and later RFCs
// and X- components are skipped quietly; an unknown name is warned about,
// so that no event is lost without a word.
func (p *parser) scheduled(f *frame) bool {
	switch f.name {
	case "VEVENT", "VTIMEZONE":
		return true
	case "VTODO", "VJOURNAL", "VFREEBUSY", "VAVAILABILITY", "AVAILABLE", "VALARM",
		"VPOLL", "VVOTER", "PARTICIPANT", "VLOCATION", "VRESOURCE", "STANDARD", "DAYLIGHT":
		return false
	}
	for _, want := range []string{"VEVENT", "VTIMEZONE"} {
		if nearName(f.name, want) {
			p.warn(Warning{Line: f.line, Reason: fmt.Sprintf("line %d: BEGIN:%s is read as BEGIN:%s", f.line, clip(f.name), want)})
			f.name = want
			return true
		}
	}
	if !strings.HasPrefix(f.name, "X-") && !p.unknownNames[f.name] {
		if p.unknownNames == nil {
			p.unknownNames = map[string]bool{}
		}
		p.unknownNames[f.name] = true // one warning per name
		p.warn(Warning{Line: f.line, Reason: fmt.Sprintf("line %d: BEGIN:%s is not an iCalendar component; it is skipped, as are any others of that name", f.line, clip(f.name))})
	}
	return false
}

// fromUTF16 returns data as UTF-8 when it starts with a UTF-16 byte order
// mark (some Windows tools save calendars so; RFC 5545 §3.1.4 wants
// UTF-8), else data unchanged. An odd last byte is dropped.
func fromUTF16(data []byte) []byte {
	var order binary.ByteOrder
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		order = binary.LittleEndian
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		order = binary.BigEndian
	default:
		return data
	}
	units := make([]uint16, 0, len(data)/2)
	for i := 2; i+1 < len(data); i += 2 {
		units = append(units, order.Uint16(data[i:]))
	}
	out := make([]byte, 0, len(units)+len(units)/4)
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	return out
}

// unclosedBefore closes, when component f can only be a child of a
// VCALENDAR (RFC 5545 §3.6: VEVENT, VTODO, VJOURNAL, VFREEBUSY, VTIMEZONE)
// but begins inside another component, the components still open there:
// their END lines are missing. Each is read up to the line before f's
// BEGIN, with a warning, so that the next event is not swallowed as a
// sub-component of the previous one.
func (p *parser) unclosedBefore(stack []frame, f frame, data []byte) ([]frame, *FeedError) {
	switch f.name {
	case "VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE":
	default:
		return stack, nil
	}
	var err *FeedError
	for p.calDepth > 0 && len(stack) > p.calDepth && err == nil {
		top := stack[len(stack)-1]
		p.warn(Warning{Line: top.line, Reason: fmt.Sprintf("line %d: BEGIN:%s has no END:%s; it is read up to line %d, before the BEGIN:%s of line %d",
			top.line, clip(top.name), clip(top.name), f.line-1, f.name, f.line)})
		p.edits = append(p.edits, edit{f.start, f.start, "END:" + top.name + "\r\n"})
		stack, err = p.close(stack, data, f.start)
	}
	return stack, err
}
