package holidays

import (
	"sort"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/ar"
	"github.com/rickar/cal/v2/at"
	"github.com/rickar/cal/v2/au"
	"github.com/rickar/cal/v2/be"
	"github.com/rickar/cal/v2/bg"
	"github.com/rickar/cal/v2/br"
	"github.com/rickar/cal/v2/ca"
	"github.com/rickar/cal/v2/ch"
	"github.com/rickar/cal/v2/cz"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/dk"
	"github.com/rickar/cal/v2/es"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/gr"
	"github.com/rickar/cal/v2/hr"
	"github.com/rickar/cal/v2/ie"
	"github.com/rickar/cal/v2/it"
	"github.com/rickar/cal/v2/jp"
	"github.com/rickar/cal/v2/lt"
	"github.com/rickar/cal/v2/lv"
	"github.com/rickar/cal/v2/mw"
	"github.com/rickar/cal/v2/nc"
	"github.com/rickar/cal/v2/nl"
	"github.com/rickar/cal/v2/no"
	"github.com/rickar/cal/v2/nz"
	"github.com/rickar/cal/v2/pl"
	"github.com/rickar/cal/v2/ro"
	"github.com/rickar/cal/v2/ru"
	"github.com/rickar/cal/v2/se"
	"github.com/rickar/cal/v2/si"
	"github.com/rickar/cal/v2/sk"
	"github.com/rickar/cal/v2/ua"
	"github.com/rickar/cal/v2/us"
	"github.com/rickar/cal/v2/za"
)

// LibraryVersion is the version of github.com/rickar/cal/v2 whose rules
// this build uses (pinned in go.mod).
const LibraryVersion = "github.com/rickar/cal/v2 v2.1.13"

// country is what the library knows of one country: its national
// holidays and, where it has them, the holidays of each subdivision (which
// include the national ones).
type country struct {
	national []*cal.Holiday
	subs     map[string][]*cal.Holiday
}

// library returns the library's table, keyed by ISO 3166-1 alpha-2 code.
// It is built on each call so that no package state can be changed.
func library() map[string]country {
	n := func(h []*cal.Holiday) country { return country{national: h} }
	return map[string]country{
		"AR": n(ar.Holidays), "AT": n(at.Holidays), "BE": n(be.Holidays), "BG": n(bg.Holidays),
		"BR": n(br.Holidays), "CA": n(ca.Holidays), "CZ": n(cz.Holidays), "DK": n(dk.Holidays),
		"ES": n(es.Holidays), "FR": n(fr.Holidays), "GB": n(gb.Holidays), "GR": n(gr.Holidays),
		"HR": n(hr.Holidays), "IE": n(ie.Holidays), "IT": n(it.Holidays), "JP": n(jp.Holidays),
		"LT": n(lt.Holidays), "LV": n(lv.Holidays), "MW": n(mw.Holidays), "NC": n(nc.Holidays),
		"NL": n(nl.Holidays), "NO": n(no.Holidays), "NZ": n(nz.Holidays), "PL": n(pl.Holidays),
		"RO": n(ro.Holidays), "RU": n(ru.Holidays), "SE": n(se.Holidays), "SI": n(si.Holidays),
		"SK": n(sk.Holidays), "UA": n(ua.Holidays), "US": n(us.Holidays), "ZA": n(za.Holidays),
		"AU": {subs: map[string][]*cal.Holiday{
			"ACT": au.HolidaysACT, "NSW": au.HolidaysNSW, "NT": au.HolidaysNT, "QLD": au.HolidaysQLD,
			"SA": au.HolidaysSA, "TAS": au.HolidaysTAS, "VIC": au.HolidaysVIC, "WA": au.HolidaysWA,
		}},
		"CH": {national: ch.Holidays, subs: map[string][]*cal.Holiday{
			"ZH": ch.HolidaysZH, "BE": ch.HolidaysBE, "LU": ch.HolidaysLU, "UR": ch.HolidaysUR,
			"SZ": ch.HolidaysSZ, "OW": ch.HolidaysOW, "NW": ch.HolidaysNW, "GL": ch.HolidaysGL,
			"ZG": ch.HolidaysZG, "FR": ch.HolidaysFR, "SO": ch.HolidaysSO, "BS": ch.HolidaysBS,
			"BL": ch.HolidaysBL, "SH": ch.HolidaysSH, "AR": ch.HolidaysAR, "AI": ch.HolidaysAI,
			"SG": ch.HolidaysSG, "GR": ch.HolidaysGR, "AG": ch.HolidaysAG, "TG": ch.HolidaysTG,
			"VD": ch.HolidaysVD, "TI": ch.HolidaysTI, "VS": ch.HolidaysVS, "NE": ch.HolidaysNE,
			"GE": ch.HolidaysGE, "JU": ch.HolidaysJU,
		}},
		"DE": {national: de.Holidays, subs: map[string][]*cal.Holiday{
			"BW": de.HolidaysBW, "BY": de.HolidaysBY, "BE": de.HolidaysBE, "BB": de.HolidaysBB,
			"HB": de.HolidaysHB, "HH": de.HolidaysHH, "HE": de.HolidaysHE, "MV": de.HolidaysMV,
			"NI": de.HolidaysNI, "NW": de.HolidaysNW, "RP": de.HolidaysRP, "SL": de.HolidaysSL,
			"SN": de.HolidaysSN, "ST": de.HolidaysST, "SH": de.HolidaysSH, "TH": de.HolidaysTH,
		}},
	}
}

// Countries lists the ISO 3166-1 codes the library has holidays for,
// sorted.
func Countries() []string {
	var out []string
	for code := range library() {
		out = append(out, code)
	}
	sort.Strings(out)
	return out
}

// Subdivisions lists the ISO 3166-2 subdivision codes (without the
// country prefix) the library has for country, sorted; nil when it has
// none.
func Subdivisions(code string) []string {
	var out []string
	for s := range library()[code].subs {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// rules returns the library's holidays for country and subdivision. A
// country whose holidays the library only has per subdivision (AU), asked
// without one, gets the holidays every subdivision shares.
func rules(code, sub string) ([]*cal.Holiday, error) {
	c, ok := library()[code]
	if !ok {
		return nil, &UnknownError{Country: code}
	}
	if sub != "" {
		h, ok := c.subs[sub]
		if !ok {
			return nil, &UnknownError{Country: code, Subdivision: sub}
		}
		return h, nil
	}
	if c.national != nil {
		return c.national, nil
	}
	return shared(c.subs), nil
}

// shared returns the holidays (by name) found in every list of subs.
func shared(subs map[string][]*cal.Holiday) []*cal.Holiday {
	count := map[string]int{}
	first := map[string]*cal.Holiday{}
	for _, list := range subs {
		seen := map[string]bool{}
		for _, h := range list {
			if !seen[h.Name] {
				seen[h.Name] = true
				count[h.Name]++
				if first[h.Name] == nil {
					first[h.Name] = h
				}
			}
		}
	}
	var out []*cal.Holiday
	for name, n := range count {
		if n == len(subs) {
			out = append(out, first[name])
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
