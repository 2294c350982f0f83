package calendar

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	"github.com/emersion/go-ical"

	"github.com/shiftdesk/shiftdesk/calendar/zones"
)

// maxDepth bounds component nesting (VCALENDAR > VEVENT > VALARM is 3).
const maxDepth = 12

// Parse reads one feed (one or more VCALENDARs) from r.
//
// The stream is framed line by line here (RFC 5545 §3.1: CRLF or bare LF,
// folded lines continued by a space or TAB, a leading UTF-8 BOM), and each
// top-level component is decoded by go-ical on its own, then converted and
// released. That keeps memory flat on large feeds, gives every event and
// error its line number, and confines a decoder failure to one line of one
// event. Damage to the structure costs no complete event either: a
// misspelt or missing END line and a misspelt BEGIN:VEVENT are repaired
// with a warning that names the line (see end, scheduled); a VCALENDAR
// nested in another one, a UTF-16 body and a second byte order mark are
// read as they are meant (see beginNested, fromUTF16).
// Several copies of one event or override keep the newest version (see
// latestSeries, latestOverrides).
func Parse(r io.Reader, opts ParseOptions) (*Feed, error) {
	limit := opts.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	data, err := readLimited(r, limit)
	if err != nil {
		return nil, &FeedError{Feed: opts.Source, Kind: ErrTruncated, Err: err,
			Reason: fmt.Sprintf("the download stopped after %d bytes: %v", len(data), err)}
	}
	if int64(len(data)) > limit {
		return nil, &FeedError{Feed: opts.Source, Kind: ErrTooLarge,
			Reason: fmt.Sprintf("the feed is larger than the limit of %s", sizeText(limit))}
	}
	p := parser{feed: &Feed{Source: opts.Source}, data: data, named: zones.NewNamesResolver()}
	if err := p.run(); err != nil {
		err.Feed = opts.Source
		return nil, err
	}
	return p.feed, nil
}

// readLimited reads r to the end, or to one byte past limit. When r knows
// its size (a file, an in-memory reader) the buffer is allocated once.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	var hint int64 = 512
	switch v := r.(type) {
	case interface{ Len() int }:
		hint = int64(v.Len())
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			hint = fi.Size()
		}
	}
	r = io.LimitReader(r, limit+1)
	buf := make([]byte, 0, min(hint, limit)+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // let append pick the growth
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

func sizeText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// parser holds the state of one Parse call.
type parser struct {
	feed *Feed
	data []byte

	dec *ical.Decoder
	src chunkSource

	// the VCALENDAR being read
	cal       *calInfo
	calLine   int
	calProps  []byte // its own property lines, each ending in "\n"
	vtimezone []*ical.Component
	pending   []*event // its events, zones not yet resolved

	calDepth int        // stack depth of the VCALENDAR being read
	outer    []calState // the VCALENDARs a nested one interrupted
	edits    []edit     // repairs to the component being framed

	unknownNames map[string]bool // unknown components warned about

	batch        []rawComponent // components waiting to be decoded
	overrides    []*event       // RECURRENCE-ID events of the whole feed
	calendars    int
	summaryKinds map[string]Kind // classification cache
	named        *zones.Resolver // zone names only (no VTIMEZONE), for the whole feed
	probe        probeBudget
	ignored      int // unreadable lines ignored so far (maxFeedIgnoredLines)
}

// frame is an open component while framing.
type frame struct {
	name  string
	line  int
	start int // byte offset of its BEGIN line
}

var beginCal = []byte("BEGIN:VCALENDAR\r\n")
var endCal = []byte("\r\nEND:VCALENDAR\r\n")

// run frames the whole input.
func (p *parser) run() *FeedError {
	data := p.data
	data = bytes.TrimPrefix(fromUTF16(data), []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, '\n') < 0 && bytes.IndexByte(data, '\r') >= 0 {
		// Old Mac line ends (a bare CR): RFC 5545 §3.1 wants CRLF, and the
		// framing below reads bare LF; read each CR as a line end.
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	if err := sniff(data); err != nil {
		return err
	}
	var stack []frame
	pos, line := 0, 0
	trailing, trailingLine := 0, 0
	for pos < len(data) {
		// One logical line: a physical line and its continuations. Only
		// lines that may be BEGIN or END are unfolded (octets, §3.1).
		start, first := pos, line+1
		var text []byte
		unfold, copied := false, false
		for {
			line++
			end := bytes.IndexByte(data[pos:], '\n')
			var phys []byte
			if end < 0 {
				phys, pos = data[pos:], len(data)
			} else {
				phys, pos = data[pos:pos+end], pos+end+1
			}
			phys = bytes.TrimSuffix(phys, []byte("\r"))
			if line == first {
				if len(phys) > 0 && phys[0] == 0xef {
					// A BOM inside the feed: files concatenated.
					phys = bytes.TrimPrefix(phys, []byte("\xef\xbb\xbf"))
				}
				text = phys
				unfold = len(phys) > 0 && (phys[0]|0x20 == 'b' || phys[0]|0x20 == 'e')
			} else if unfold {
				if !copied {
					text, copied = append([]byte(nil), text...), true
				}
				text = append(text, phys[1:]...)
			}
			if len(phys) == 0 || pos >= len(data) || (data[pos] != ' ' && data[pos] != '\t') {
				break
			}
		}
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		name, value := lineNameValue(text)
		switch {
		case len(stack) == 0:
			if name == "BEGIN" && strings.EqualFold(value, "VCALENDAR") {
				stack = append(stack, frame{"VCALENDAR", first, start})
				p.calLine, p.cal, p.calDepth = first, &calInfo{}, 1
				continue
			}
			if trailing == 0 {
				trailingLine = first
			}
			trailing++
		case name == "BEGIN":
			if len(stack) >= maxDepth {
				return &FeedError{Kind: ErrMalformed, Line: first,
					Reason: fmt.Sprintf("components are nested more than %d deep", maxDepth)}
			}
			f := frame{strings.ToUpper(strings.TrimSpace(value)), first, start}
			if f.name == "VCALENDAR" && len(stack) == p.calDepth {
				p.beginNested(first)
			}
			var err *FeedError
			if stack, err = p.unclosedBefore(stack, f, data); err != nil {
				return err
			}
			stack = append(stack, f)
		case name == "END":
			var err *FeedError
			if stack, err = p.end(stack, value, first, data, start, pos); err != nil {
				return err
			}
		case len(stack) == p.calDepth:
			p.calProps = append(p.calProps, data[start:pos]...)
			if pos == len(data) || data[pos-1] != '\n' {
				p.calProps = append(p.calProps, '\n')
			}
		}
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		what := "END:VCALENDAR is missing"
		if top.name != "VCALENDAR" {
			what = fmt.Sprintf("it stops inside the %s that begins at line %d", top.name, top.line)
		}
		return &FeedError{Kind: ErrTruncated, Line: line,
			Reason: fmt.Sprintf("the feed is cut off at line %d: %s (the download was probably interrupted)", line, what)}
	}
	if p.calendars == 0 {
		return &FeedError{Kind: ErrNotCalendar, Reason: "the feed contains no VCALENDAR"}
	}
	if trailing > 0 {
		p.warn(Warning{Line: trailingLine, Reason: fmt.Sprintf("%d line(s) outside any VCALENDAR ignored", trailing)})
	}
	p.finish()
	return nil
}

// lineNameValue splits a content line into its upper-case name and the
// value after the first colon (enough to recognise BEGIN and END).
func lineNameValue(text []byte) (string, string) {
	if len(text) < 4 {
		return "", ""
	}
	c := text[0] | 0x20
	if c != 'b' && c != 'e' {
		return "", ""
	}
	i := bytes.IndexAny(text, ";:")
	if i < 0 {
		return "", ""
	}
	name := text[:i]
	switch {
	case bytes.EqualFold(name, []byte("BEGIN")):
		j := bytes.IndexByte(text, ':')
		return "BEGIN", string(text[j+1:])
	case bytes.EqualFold(name, []byte("END")):
		j := bytes.IndexByte(text, ':')
		return "END", string(text[j+1:])
	}
	return "", ""
}

// sniff rejects bodies that are not iCalendar, saying what they look like.
func sniff(data []byte) *FeedError {
	body := bytes.TrimLeft(data, " \t\r\n")
	if len(body) == 0 {
		return &FeedError{Kind: ErrNotCalendar, Reason: "the server sent an empty body instead of a calendar"}
	}
	head := body
	if len(head) > 512 {
		head = head[:512]
	}
	first := head
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	first = bytes.TrimSpace(first)
	if bytes.EqualFold(first, []byte("BEGIN:VCALENDAR")) {
		return nil
	}
	lower := bytes.ToLower(head)
	switch {
	case bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.Contains(lower, []byte("<html")):
		reason := "the server sent an HTML page instead of a calendar, maybe a login page or an expired link"
		if t := HTMLTitle(body); t != "" {
			reason = fmt.Sprintf("the server sent an HTML page titled %q instead of a calendar, maybe a login page or an expired link", t)
		}
		return &FeedError{Kind: ErrNotCalendar, Line: 1, Reason: reason}
	case body[0] == '{' || body[0] == '[':
		return &FeedError{Kind: ErrNotCalendar, Line: 1, Reason: "the server sent JSON instead of a calendar, maybe an API error message"}
	case body[0] == '<':
		return &FeedError{Kind: ErrNotCalendar, Line: 1, Reason: "the server sent an XML document instead of a calendar"}
	case bytes.HasPrefix(lower, []byte("begin:vcard")):
		return &FeedError{Kind: ErrNotCalendar, Line: 1, Reason: "the server sent a vCard (contact), not a calendar"}
	}
	return &FeedError{Kind: ErrNotCalendar, Line: 1,
		Reason: fmt.Sprintf("the feed does not start with BEGIN:VCALENDAR (it starts with %q)", clip(string(bytes.ToValidUTF8(first, []byte("?")))))}
}

// HTMLTitle returns the text of a web page's <title> (white space folded,
// at most 120 bytes), or "" when it has none. Parse names it in the
// ErrNotCalendar error for a login page served instead of a feed.
func HTMLTitle(body []byte) string {
	lower := bytes.ToLower(body)
	i := bytes.Index(lower, []byte("<title"))
	if i < 0 {
		return ""
	}
	j := bytes.IndexByte(lower[i:], '>')
	if j < 0 {
		return ""
	}
	k := bytes.Index(lower[i+j:], []byte("</title"))
	if k < 0 {
		return ""
	}
	t := strings.Join(strings.Fields(string(bytes.ToValidUTF8(body[i+j+1:i+j+k], nil))), " ")
	if len(t) > 120 {
		t = t[:120]
	}
	return t
}

// chunkSource feeds byte slices to the decoder, then io.EOF.
type chunkSource struct{ parts [][]byte }

func (c *chunkSource) Read(b []byte) (int, error) {
	for len(c.parts) > 0 {
		if len(c.parts[0]) == 0 {
			c.parts = c.parts[1:]
			continue
		}
		n := copy(b, c.parts[0])
		c.parts[0] = c.parts[0][n:]
		return n, nil
	}
	return 0, io.EOF
}

// decode runs go-ical on components' lines (each ending in a newline),
// wrapped in one VCALENDAR. A decoder panic is recovered and returned as an
// error.
func (p *parser) decode(bodies ...[]byte) (comp *ical.Component, err error) {
	p.src.parts = append(append(append(p.src.parts[:0], beginCal), bodies...), endCal)
	if p.dec == nil {
		p.dec = ical.NewDecoder(&p.src)
	}
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("the decoder failed: %v", v)
		}
		if err != nil {
			p.dec = nil // its buffer may hold the rest of this chunk
		}
	}()
	cal, err := p.dec.Decode()
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = errors.New("unexpected end of component")
		}
		return nil, err
	}
	return cal.Component, nil
}

// badLine finds the first line of body that go-ical rejects, for a message.
func badLine(body []byte, first int) (int, error) {
	var p parser
	line := first
	for len(body) > 0 {
		n := bytes.IndexByte(body, '\n') + 1
		if n == 0 {
			n = len(body)
		}
		l := body[:n]
		body = body[n:]
		for len(body) > 0 && (body[0] == ' ' || body[0] == '\t') {
			m := bytes.IndexByte(body, '\n') + 1
			if m == 0 {
				m = len(body)
			}
			l = append(l[:len(l):len(l)], body[:m]...)
			body = body[m:]
		}
		nl := bytes.Count(l, []byte("\n"))
		if name, _ := lineNameValue(bytes.TrimSpace(l)); name == "" {
			probe := append([]byte("BEGIN:X\r\n"), l...)
			probe = append(probe, "\r\nEND:X"...)
			if _, err := p.decode(probe); err != nil {
				return line, err
			}
		}
		line += max(nl, 1)
	}
	return 0, nil
}

// batchSize is how many components one decoder call reads. Decoding them
// together saves the wrapper's cost per event; the decoded tree of one
// batch is released once converted.
const batchSize = 256

// rawComponent is a child of a VCALENDAR waiting to be decoded.
type rawComponent struct {
	f    frame
	body []byte
}

// component queues one complete child of a VCALENDAR for decoding.
func (p *parser) component(f frame, body []byte) {
	if !p.scheduled(&f) {
		return // VTODO, VJOURNAL, VFREEBUSY, ...: not part of a schedule
	}
	if len(body) == 0 || body[len(body)-1] != '\n' {
		body = append(body[:len(body):len(body)], '\n')
	}
	p.batch = append(p.batch, rawComponent{f, body})
	if len(p.batch) == batchSize {
		p.flush()
	}
}

// flush decodes the queued components. When the batch fails, each is
// decoded on its own so that only the broken one is lost.
func (p *parser) flush() {
	if len(p.batch) == 0 {
		return
	}
	bodies := make([][]byte, len(p.batch))
	for i, b := range p.batch {
		bodies[i] = b.body
	}
	comp, err := p.decode(bodies...)
	if err == nil && len(comp.Children) == len(p.batch) {
		for i, c := range comp.Children {
			p.use(p.batch[i].f, c)
			comp.Children[i] = nil
		}
	} else {
		for _, b := range p.batch {
			p.decodeOne(b)
		}
	}
	p.batch = p.batch[:0]
}

// maxIgnoredLines is how many unreadable lines one component may lose
// before it is skipped as a whole, and maxFeedIgnoredLines how many a
// whole feed may (each costs the component a new decode).
const (
	maxIgnoredLines     = 8
	maxFeedIgnoredLines = 1000
)

// decodeOne decodes one component on its own. A property line the decoder
// cannot read is ignored (with a warning naming it) and the rest of the
// component is read; a component it still cannot read is skipped, warned.
func (p *parser) decodeOne(b rawComponent) {
	f, body := b.f, b.body
	for tries := 0; ; tries++ {
		comp, err := p.decode(body)
		if err == nil && len(comp.Children) != 1 {
			err = errors.New("the component could not be read")
		}
		if err == nil {
			p.use(f, comp.Children[0])
			return
		}
		line, lerr := badLine(body, f.line)
		if lerr == nil {
			p.warnComponent(f, body, f.line, err, "skipped")
			return
		}
		fixed, ok := ignoreLine(body, f.line, line)
		if !ok || tries == maxIgnoredLines || p.ignored >= maxFeedIgnoredLines {
			p.warnComponent(f, body, line, lerr, "skipped")
			return
		}
		p.warnComponent(f, body, line, lerr, "")
		p.ignored++
		body = fixed
	}
}

// warnComponent warns that line of component f cannot be read: the
// component is skipped (what = "skipped") or only that line (what = "").
func (p *parser) warnComponent(f frame, body []byte, line int, err error, what string) {
	kind := strings.ToLower(f.name[1:])
	w := Warning{Line: line, Reason: fmt.Sprintf("%s skipped: %v", kind, err)}
	if what == "" {
		w.Reason = fmt.Sprintf("line %d of the %s at line %d cannot be read (%v); line ignored", line, kind, f.line, err)
	}
	if f.name == "VEVENT" {
		w.Line = f.line
		w.UID, w.Summary = peekIdentity(body)
		w.Reason = fmt.Sprintf("line %d: %v; event skipped", line, err)
		if what == "" {
			w.Reason = fmt.Sprintf("line %d: %v; line ignored", line, err)
		}
	}
	p.warn(w)
}

// ignoreLine returns body (a component starting at line first) with the
// logical line that starts at line target replaced by as many lines of an
// ignored X- property, so that line numbers stay right.
func ignoreLine(body []byte, first, target int) ([]byte, bool) {
	out := make([]byte, 0, len(body)+32)
	line, found := first, false
	for len(body) > 0 {
		n, phys := 0, 0
		for {
			m := bytes.IndexByte(body[n:], '\n') + 1
			if m == 0 {
				m = len(body) - n
			}
			n += m
			phys++
			if n >= len(body) || (body[n] != ' ' && body[n] != '\t') {
				break
			}
		}
		if line == target {
			for range phys {
				out = append(out, "X-SHIFTDESK-IGNORED:\r\n"...)
			}
			found = true
		} else {
			out = append(out, body[:n]...)
		}
		body = body[n:]
		line += phys
	}
	return out, found
}

// use keeps a decoded VTIMEZONE or converts a decoded VEVENT.
func (p *parser) use(f frame, c *ical.Component) {
	if f.name == "VTIMEZONE" {
		p.vtimezone = append(p.vtimezone, c)
		return
	}
	ev := p.convert(c, f.line)
	if ev == nil {
		return
	}
	ev.cal = p.cal
	// Names of IANA and Windows zones resolve the same whatever the feed's
	// VTIMEZONEs say, so most events are finished now, while they are hot
	// in the CPU cache; the rest wait for the VCALENDAR's VTIMEZONEs.
	if p.resolve(ev, p.named) == "" {
		p.accept(ev)
	} else {
		p.pending = append(p.pending, ev)
	}
}

// accept finishes a resolved event and keeps it.
func (p *parser) accept(ev *event) {
	p.finishEvent(ev)
	switch {
	case ev.hasRecurID:
		p.overrides = append(p.overrides, ev)
	case ev.rule != nil || len(ev.rdates) > 0:
		p.feed.series++
		fallthrough
	default:
		p.feed.events = append(p.feed.events, ev)
	}
}

// peekIdentity finds UID and SUMMARY in raw lines (for a warning about an
// event the decoder could not read).
func peekIdentity(body []byte) (uid, summary string) {
	for _, l := range bytes.Split(body, []byte("\n")) {
		l = bytes.TrimSpace(l)
		if v, ok := bytes.CutPrefix(l, []byte("UID:")); ok && uid == "" {
			uid = string(bytes.ToValidUTF8(v, nil))
		}
		if v, ok := bytes.CutPrefix(l, []byte("SUMMARY:")); ok && summary == "" {
			summary = unescapeText(string(bytes.ToValidUTF8(v, nil)))
		}
	}
	return uid, summary
}

// endCalendar finishes one VCALENDAR: reads its own properties, resolves
// the zones of its events and keeps the usable ones.
func (p *parser) endCalendar() *FeedError {
	p.flush()
	p.calendars++
	cal := p.cal
	if len(p.calProps) > 0 {
		comp, err := p.decode(p.calProps)
		if err != nil {
			line, lerr := badLine(p.calProps, p.calLine+1)
			if lerr != nil {
				err = lerr
			}
			return &FeedError{Kind: ErrMalformed, Line: line, Err: err,
				Reason: fmt.Sprintf("the calendar's properties cannot be read: %v", err)}
		}
		p.calendarProps(comp, cal)
	}
	res := zones.NewResolver(p.vtimezone)
	if cal.tzid != "" {
		loc, err := res.Resolve(cal.tzid)
		if err != nil {
			p.warn(Warning{Line: p.calLine, Reason: fmt.Sprintf("X-WR-TIMEZONE %q is not a known time zone; floating times are read in the agent's zone", cal.tzid)})
		}
		cal.floating = loc
	}
	for _, ev := range p.pending {
		if err := p.resolve(ev, res); err != "" {
			p.warnEvent(ev, err)
			continue
		}
		p.accept(ev)
	}
	p.pending, p.vtimezone, p.calProps, p.cal = nil, nil, p.calProps[:0], nil
	return nil
}

// calendarProps reads the VCALENDAR's own properties.
func (p *parser) calendarProps(comp *ical.Component, cal *calInfo) {
	props := comp.Props
	if v := props.Get("X-WR-CALNAME"); v != nil && p.feed.Name == "" {
		p.feed.Name = unescapeText(v.Value)
	}
	if v := props.Get("X-WR-TIMEZONE"); v != nil {
		cal.tzid = strings.TrimSpace(v.Value)
	}
	for _, name := range []string{"REFRESH-INTERVAL", "X-PUBLISHED-TTL"} {
		if v := props.Get(name); v != nil {
			d, err := parseDuration(v.Value)
			if err != nil || d.negative() {
				continue
			}
			if t := time.Duration(d.days)*24*time.Hour + d.exact; t > p.feed.RefreshInterval {
				p.feed.RefreshInterval = t
			}
		}
	}
}

// finish attaches overrides to their series.
func (p *parser) finish() {
	p.feed.events = p.latestSeries(p.feed.events)
	if len(p.overrides) == 0 {
		return
	}
	p.overrides = latestOverrides(p.overrides)
	byUID := make(map[string][]*event, len(p.overrides))
	for _, o := range p.overrides {
		byUID[o.uid] = append(byUID[o.uid], o)
	}
	for _, ev := range p.feed.events {
		if os, ok := byUID[ev.uid]; ok && ev.uid != "" {
			ev.overrides = dropStale(ev, os)
			delete(byUID, ev.uid)
		}
	}
	// Overrides whose series is not in the feed are shown as they are.
	for _, o := range p.overrides {
		if _, orphan := byUID[o.uid]; orphan {
			p.feed.events = append(p.feed.events, o)
		}
	}
}

func (p *parser) warn(w Warning) {
	w.Feed = p.feed.Source
	p.feed.Warnings = append(p.feed.Warnings, w)
}

func (p *parser) warnEvent(ev *event, reason string) {
	p.warn(Warning{UID: ev.uid, Summary: ev.summary, Line: ev.line, Reason: reason})
}
