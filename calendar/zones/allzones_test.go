package zones

import (
	"archive/zip"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Every zone of the IANA database survives the VTimezone → FromVTimezone
// round trip over 2024–2026 and 1995–1997 (checked every three hours) and
// 1970–2039 (every twelve hours), and around each change.
func TestVTimezoneAllZones(t *testing.T) {
	if testing.Short() {
		t.Skip("all ~600 zones")
	}
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Skip("no go command")
	}
	zr, err := zip.OpenReader(filepath.Join(strings.TrimSpace(string(out)), "lib", "time", "zoneinfo.zip"))
	if err != nil {
		t.Skipf("no zoneinfo.zip: %v", err)
	}
	defer zr.Close()
	n := 0
	for _, f := range zr.File {
		name := f.Name
		loc, err := time.LoadLocation(name)
		if err != nil {
			continue // in the zip, not in this system's database
		}
		for _, r := range []struct {
			from, to time.Time
			step     time.Duration
		}{
			{year(2024), year(2027), 3 * time.Hour},
			{year(1995), year(1998), 3 * time.Hour},
			{year(1970), year(2040), 12 * time.Hour}, // whole histories
		} {
			got, err := FromVTimezone(VTimezone(loc, r.from, r.to))
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			compareEvery(t, got, loc, r.from, r.to, r.step)
		}
		n++
	}
	t.Logf("%d zones checked", n)
	if n < 300 {
		t.Errorf("only %d zones checked", n)
	}
}
