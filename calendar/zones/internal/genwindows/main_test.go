package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// The committed table is what the generator makes from the installed CLDR.
func TestGeneratedTableIsCurrent(t *testing.T) {
	f, err := os.Open("/usr/share/unicode/cldr/common/supplemental/windowsZones.xml")
	if err != nil {
		t.Skipf("CLDR not installed (Debian unicode-cldr-core): %v", err)
	}
	defer f.Close()
	tab, err := parse(f)
	if err != nil {
		t.Fatal(err)
	}
	src, err := render(tab)
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("../../windows_table.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(src, committed) {
		t.Error("windows_table.go differs from the generator's output: run go generate ./calendar/zones")
	}
}

func TestParse(t *testing.T) {
	const doc = `<?xml version="1.0" encoding="UTF-8" ?>
<supplementalData><windowsZones><mapTimezones otherVersion="7e11800" typeVersion="2021a">
	<!-- (UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna -->
	<mapZone other="W. Europe Standard Time" territory="001" type="Europe/Berlin"/>
	<mapZone other="W. Europe Standard Time" territory="SE" type="Europe/Stockholm"/>
	<!-- (UTC+09:00) Osaka, Sapporo, Tokyo -->
	<mapZone other="Tokyo Standard Time" territory="001" type="Asia/Tokyo"/>
	<mapZone other="Tokyo Standard Time" territory="JP" type="Asia/Tokyo"/>
</mapTimezones></windowsZones></supplementalData>`
	tab, err := parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.ids) != 2 || tab.ids["W. Europe Standard Time"] != "Europe/Berlin" || tab.ids["Tokyo Standard Time"] != "Asia/Tokyo" {
		t.Errorf("ids = %v", tab.ids)
	}
	if tab.display["(UTC+09:00) Osaka, Sapporo, Tokyo"] != "Tokyo Standard Time" {
		t.Errorf("display = %v", tab.display)
	}
	if _, err := parse(strings.NewReader("<html><body>not CLDR</body></html>")); err == nil {
		t.Error("no error for a file without mapZone")
	}
	bad := strings.Replace(doc, `territory="SE" type="Europe/Stockholm"`, `territory="001" type="Europe/Stockholm"`, 1)
	if _, err := parse(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "maps to both") {
		t.Errorf("conflicting 001 mappings: error %v", err)
	}
}
