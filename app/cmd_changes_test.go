package app

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/app/settings"
)

// rota writes a small feed with a shift tomorrow starting at startHour
// (UTC) and a break two hours in; withBreak false leaves the break out.
func rota(day time.Time, startHour int, withBreak bool) []byte {
	d := day.Format("20060102")
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Shiftdesk test//EN\r\n")
	fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:shift-%s@test\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:%sT%02d0000Z\r\nDTEND:%sT%02d0000Z\r\nSUMMARY:Shift\r\nCATEGORIES:Shift\r\nEND:VEVENT\r\n", d, d, startHour, d, startHour+8)
	if withBreak {
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:break-%s@test\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:%sT%02d0000Z\r\nDTEND:%sT%02d1500Z\r\nSUMMARY:Break\r\nCATEGORIES:Break\r\nEND:VEVENT\r\n", d, d, startHour+2, d, startHour+2)
	}
	b.WriteString("END:VCALENDAR\r\n")
	return []byte(b.String())
}

func TestChangesCLI(t *testing.T) {
	cfg, _ := cliHome(t)
	store := secrets.NewFake()
	srv := newFeedServer(t)
	tomorrow := time.Now().UTC().AddDate(0, 0, 1)
	srv.serve("/rota.ics", rota(tomorrow, 8, true), "")
	if code, _, errs := cliRun(t, withStore(store, runFeedsWith), "", "add", srv.URL+"/rota.ics", "--name", "Rota"); code != 0 {
		t.Fatal(errs)
	}
	// The agent works in UTC here, so the expected lines do not depend on
	// the machine's zone.
	s, err := settings.Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s.Zone = "UTC"
	if err := settings.Save(cfg, s); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := cliRun(t, withStore(store, runSyncWith), ""); code != 0 {
		t.Fatalf("first sync: %s", out)
	}
	if code, out, _ := cliRun(t, runChanges, ""); code != 0 || out != "No changes in the next 14 days at the last sync.\n" {
		t.Fatalf("changes after the first sync: %d %q", code, out)
	}
	srv.serve("/rota.ics", rota(tomorrow, 6, false), "")
	code, out, _ := cliRun(t, withStore(store, runSyncWith), "")
	if code != 0 || !strings.HasPrefix(out, "Rota: updated (1 event, 2 changes)\n") {
		t.Fatalf("second sync: %d\n%s", code, out)
	}
	moved := tomorrow.Format("Mon 2 Jan") + ": shift moved 08:00 → 06:00\n"
	removed := tomorrow.Format("Mon 2 Jan") + ": break removed (was 10:00–10:15)\n"
	code, out, _ = cliRun(t, runChanges, "")
	if code != 0 || out != moved+removed {
		t.Fatalf("changes:\n%s\nwant:\n%s%s", out, moved, removed)
	}
	if code, _, errs := cliRun(t, runChanges, "", "extra"); code != 2 || !strings.Contains(errs, "takes no arguments") {
		t.Fatalf("changes extra: %d %q", code, errs)
	}
}
