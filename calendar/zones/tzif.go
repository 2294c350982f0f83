package zones

import (
	"encoding/binary"
	"fmt"
	"strings"
	"time"
)

// buildTZif writes a TZif version 2 file (RFC 8536) for a zone that is in
// local time type initial before the first onset and switches at each onset.
// footer, when not empty, is the POSIX TZ rule for times after the last
// transition (RFC 8536 §3.3).
//
// Type 0 is the initial type and no transition uses it, so Go's reader takes
// it for times before the first transition (RFC 8536 §3.2).
func buildTZif(initial zoneType, onsets []onset, footer string) ([]byte, error) {
	initial.name = designation(initial)
	types := []zoneType{initial}
	index := map[zoneType]int{}
	var times []int64
	var idx []byte
	cur := initial
	for _, on := range onsets {
		k := on.kind
		k.name = designation(k)
		if k == cur {
			continue // not a change
		}
		cur = k
		i, ok := index[k]
		if !ok {
			if len(types) == 256 {
				return nil, fmt.Errorf("more than 255 distinct offsets and names")
			}
			i = len(types)
			types = append(types, k)
			index[k] = i
		}
		if n := len(times); n > 0 && times[n-1] == on.at.Unix() {
			idx[n-1] = byte(i) // two onsets at one instant: the later listed wins
			continue
		}
		times = append(times, on.at.Unix())
		idx = append(idx, byte(i))
	}

	var chars []byte
	charAt := map[string]int{}
	for _, t := range types {
		if _, ok := charAt[t.name]; !ok {
			charAt[t.name] = len(chars)
			chars = append(append(chars, t.name...), 0)
		}
	}

	var b []byte
	header := func(timecnt, typecnt, charcnt int) {
		b = append(b, "TZif2"...)
		b = append(b, make([]byte, 15)...)
		for _, n := range []int{0, 0, 0, timecnt, typecnt, charcnt} { // isut, isstd, leap, time, type, char
			b = binary.BigEndian.AppendUint32(b, uint32(n))
		}
	}
	ttinfo := func(t zoneType, nameAt int) {
		b = binary.BigEndian.AppendUint32(b, uint32(int32(t.offset)))
		dst := byte(0)
		if t.dst {
			dst = 1
		}
		b = append(b, dst, byte(nameAt))
	}
	// Version 1 block: the initial type only, for 32-bit readers.
	header(0, 1, len(initial.name)+1)
	ttinfo(initial, 0)
	b = append(append(b, initial.name...), 0)
	// Version 2 block.
	header(len(times), len(types), len(chars))
	for _, t := range times {
		b = binary.BigEndian.AppendUint64(b, uint64(t))
	}
	b = append(b, idx...)
	for _, t := range types {
		ttinfo(t, charAt[t.name])
	}
	b = append(b, chars...)
	if len(chars) > 255 {
		return nil, fmt.Errorf("the TZNAMEs take more than 255 bytes together")
	}
	b = append(b, '\n')
	b = append(b, footer...)
	b = append(b, '\n')
	return b, nil
}

// designation returns a safe abbreviation for t: its TZNAME reduced to
// letters, digits, '+' and '-' (at most 16), or a numeric one like "+0530".
func designation(t zoneType) string {
	var sb strings.Builder
	for _, r := range t.name {
		if sb.Len() == 16 {
			break
		}
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '+' || r == '-' {
			sb.WriteRune(r)
		}
	}
	if sb.Len() > 0 {
		return sb.String()
	}
	return numericName(t.offset)
}

// numericName names an offset the way the IANA database does for zones
// without an abbreviation: "+01", "-0330", "+054500".
func numericName(off int) string {
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	h, m, s := off/3600, off/60%60, off%60
	switch {
	case s != 0:
		return fmt.Sprintf("%c%02d%02d%02d", sign, h, m, s)
	case m != 0:
		return fmt.Sprintf("%c%02d%02d", sign, h, m)
	}
	return fmt.Sprintf("%c%02d", sign, h)
}

// posixRule returns the POSIX TZ string (RFC 8536 §3.3) that continues the
// zone's rules after 2100, or "" when they cannot be written as one: it
// needs exactly one STANDARD and one DAYLIGHT rule still running at the end
// of 2100, each yearly in one month on the nth or last weekday, with
// matching offsets.
func posixRule(obs []*observance) string {
	var std, dst *observance
	end := time.Date(lastYear, 12, 31, 0, 0, 0, 0, time.UTC)
	for _, o := range obs {
		if o.start.t.After(end) {
			return ""
		}
		if o.rule == nil || o.rule.count > 0 || o.rule.until != nil && !o.rule.until.t.After(end) {
			continue // over before the end
		}
		switch {
		case o.dst && dst == nil:
			dst = o
		case !o.dst && std == nil:
			std = o
		default:
			return ""
		}
	}
	if std == nil || dst == nil || std.to != dst.from || dst.to != std.from || std.to == dst.to {
		return ""
	}
	start, ok1 := posixDate(dst)
	stop, ok2 := posixDate(std)
	if !ok1 || !ok2 {
		return ""
	}
	return posixName(std) + posixOffset(-std.to) + posixName(dst) + posixOffset(-dst.to) + "," + start + "," + stop
}

// posixDate writes a rule's yearly date and time as "Mm.w.d/time".
func posixDate(o *observance) (string, bool) {
	r := o.rule
	if r.interval != 1 || len(r.months) != 1 || len(r.days) != 1 || len(r.monthDays) > 0 || len(r.setPos) > 0 {
		return "", false
	}
	w := r.days[0].n
	switch {
	case w == -1:
		w = 5
	case w < 1 || w > 5: // 5 is read as the last, like POSIX (see weekdaysIn)
		return "", false
	}
	t := o.start.t
	if o.start.utc {
		t = t.Add(time.Duration(o.from) * time.Second)
	}
	h, m, s := t.Clock()
	if r.hour >= 0 {
		h = r.hour
	}
	if r.minute >= 0 {
		m = r.minute
	}
	if r.second >= 0 {
		s = r.second
	}
	return fmt.Sprintf("M%d.%d.%d/%s", int(r.months[0]), w, int(r.days[0].day), strings.TrimPrefix(posixOffset(h*3600+m*60+s), "+")), true
}

// posixName quotes the observance's designation: <...> allows digits and
// signs (POSIX, RFC 8536 §3.3).
func posixName(o *observance) string {
	n := designation(zoneType{o.to, o.dst, o.name})
	if len(n) < 3 {
		n += strings.Repeat("x", 3-len(n))
	}
	return "<" + n + ">"
}

// posixOffset writes seconds as [+-]hh[:mm[:ss]].
func posixOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	h, m, s := sec/3600, sec/60%60, sec%60
	switch {
	case s != 0:
		return fmt.Sprintf("%s%d:%02d:%02d", sign, h, m, s)
	case m != 0:
		return fmt.Sprintf("%s%d:%02d", sign, h, m)
	}
	return fmt.Sprintf("%s%d", sign, h)
}
