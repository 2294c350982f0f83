package ui

import (
	"errors"
	"fmt"
	"testing"

	"github.com/shiftdesk/shiftdesk/calendar"
)

// problemErr is a failed sync as the application hands it over.
type problemErr struct {
	p    SyncProblem
	text string
}

func (e problemErr) Error() string        { return e.text }
func (e problemErr) Problem() SyncProblem { return e.p }

// The window words the sync layer's changes and errors itself, in each of
// its languages, with 24-hour times outside American English.
func TestChangeAndProblemTextInEveryLanguage(t *testing.T) {
	shiftMoved := moved(calendar.KindShift, "APAC queue", at(2026, 11, 24, 14, 0), at(2026, 11, 24, 22, 0), at(2026, 11, 24, 12, 0), at(2026, 11, 24, 20, 0))
	breakLonger := moved(calendar.KindBreak, "Break", at(2026, 11, 24, 16, 0), at(2026, 11, 24, 16, 15), at(2026, 11, 24, 16, 0), at(2026, 11, 24, 16, 30))
	otherDay := moved(calendar.KindShift, "APAC queue", at(2026, 11, 24, 14, 0), at(2026, 11, 24, 22, 0), at(2026, 11, 25, 15, 0), at(2026, 11, 25, 23, 0))
	meeting := added(calendar.KindMeeting, "Team meeting", at(2026, 11, 26, 10, 0), at(2026, 11, 26, 10, 30))
	lunchGone := Change{Kind: ChangeRemoved, Activity: calendar.KindLunch, Summary: "Lunch", Date: calendar.Date{Year: 2026, Month: 11, Day: 27},
		OldStart: at(2026, 11, 27, 11, 30), OldEnd: at(2026, 11, 27, 12, 0)}
	// Time off on Mon 30 Nov, then Tue 1 – Wed 2 Dec.
	timeOff := Change{Kind: ChangeMoved, Activity: calendar.KindTimeOff, Summary: "Vacation", AllDay: true, Date: calendar.Date{Year: 2026, Month: 12, Day: 1},
		OldStart: at(2026, 11, 30, 0, 0), OldEnd: at(2026, 12, 1, 0, 0), NewStart: at(2026, 12, 1, 0, 0), NewEnd: at(2026, 12, 3, 0, 0)}
	timeOffAdded := Change{Kind: ChangeAdded, Activity: calendar.KindTimeOff, AllDay: true, Date: calendar.Date{Year: 2026, Month: 12, Day: 4},
		NewStart: at(2026, 12, 4, 0, 0), NewEnd: at(2026, 12, 5, 0, 0)}
	unreachable := SyncProblem{Reason: "unreachable", Status: 503, RetryAt: at(2026, 11, 23, 14, 35)}

	tests := []struct {
		code                                       string
		moved, longer, other, add, remove, off, to string
		auth, retry, webPage                       string
	}{
		{"en",
			"Tue 24 Nov: shift moved 14:00 -> 12:00",
			"Tue 24 Nov: break changed 16:00–16:15 -> 16:00–16:30",
			"Wed 25 Nov: shift moved from Tue 24 Nov 14:00 -> 15:00",
			"Thu 26 Nov: meeting added 10:00–10:30",
			"Fri 27 Nov: lunch removed (was 11:30–12:00)",
			"Tue 1 Dec: time off moved from Mon 30 Nov, now until Wed 2 Dec",
			"Fri 4 Dec: time off added",
			"sign-in failed — check the password or token",
			"server unreachable, will retry at 14:35 (HTTP 503)",
			"the server sent a web page, not a calendar (maybe a login page)"},
		{"sv",
			"tis 24 nov: pass har flyttats 14:00 -> 12:00",
			"tis 24 nov: rast har ändrats 16:00–16:15 -> 16:00–16:30",
			"ons 25 nov: pass har flyttats från tis 24 nov 14:00 -> 15:00",
			"tor 26 nov: möte har lagts till 10:00–10:30",
			"fre 27 nov: lunch har tagits bort (var 11:30–12:00)",
			"tis 1 dec: ledighet har flyttats från mån 30 nov, nu till och med ons 2 dec",
			"fre 4 dec: ledighet har lagts till",
			"inloggningen nekades — kontrollera lösenordet eller token",
			"servern går inte att nå, nytt försök 14:35 (HTTP 503)",
			"servern skickade en webbsida, inte en kalender (kanske en inloggningssida)"},
		{"nl",
			"di 24 nov: dienst verplaatst 14:00 -> 12:00",
			"di 24 nov: pauze gewijzigd 16:00–16:15 -> 16:00–16:30",
			"wo 25 nov: dienst verplaatst van di 24 nov 14:00 -> 15:00",
			"do 26 nov: vergadering toegevoegd 10:00–10:30",
			"vr 27 nov: lunch verwijderd (was 11:30–12:00)",
			"di 1 dec: vrij verplaatst van ma 30 nov, nu tot en met wo 2 dec",
			"vr 4 dec: vrij toegevoegd",
			"aanmelden mislukt — controleer het wachtwoord of de token",
			"server onbereikbaar, nieuwe poging om 14:35 (HTTP 503)",
			"de server stuurde een webpagina, geen agenda (misschien een inlogpagina)"},
		{"fr",
			"mar 24 nov. : déplacement — service 14:00 -> 12:00",
			"mar 24 nov. : modification — pause 16:00–16:15 -> 16:00–16:30",
			"mer 25 nov. : déplacement — service du mar 24 nov. 14:00 -> 15:00",
			"jeu 26 nov. : ajout — réunion 10:00–10:30",
			"ven 27 nov. : suppression — déjeuner 11:30–12:00",
			"mar 1 déc. : déplacement — congé, auparavant le lun 30 nov., désormais jusqu'au mer 2 déc.",
			"ven 4 déc. : ajout — congé",
			"échec de la connexion — vérifiez le mot de passe ou le jeton",
			"serveur injoignable, nouvel essai à 14:35 (HTTP 503)",
			"le serveur a envoyé une page web, pas un calendrier (peut-être une page de connexion)"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			loc := useLang(t, tt.code)
			for _, c := range []struct {
				got, want string
			}{
				{loc.ChangeLine(shiftMoved), tt.moved},
				{loc.ChangeLine(breakLonger), tt.longer},
				{loc.ChangeLine(otherDay), tt.other},
				{loc.ChangeLine(meeting), tt.add},
				{loc.ChangeLine(lunchGone), tt.remove},
				{loc.ChangeLine(timeOff), tt.off},
				{loc.ChangeLine(timeOffAdded), tt.to},
				{loc.Problem(SyncProblem{Reason: "auth", Status: 401}, ""), tt.auth},
				{loc.Problem(unreachable, ""), tt.retry},
				{loc.Problem(SyncProblem{Reason: "web_page"}, ""), tt.webPage},
				{loc.Problem(SyncProblem{Reason: "web_page", Title: "Session expired"}, ""), tt.webPage + `: "Session expired"`},
			} {
				if c.got != c.want {
					t.Errorf("got  %q\nwant %q", c.got, c.want)
				}
			}
			// A reason the window does not know keeps the sync layer's words.
			if got := loc.Problem(SyncProblem{Reason: "new_reason"}, "something new"); got != "something new" {
				t.Errorf("unknown reason: %q", got)
			}
			// A sync's joined failures, one line each.
			err := errors.Join(problemErr{SyncProblem{Reason: "auth"}, "sign-in failed — check the password or token"},
				fmt.Errorf("ui: something else"))
			if got, want := loc.SyncErrorText(err), tt.auth+"\nui: something else"; got != want {
				t.Errorf("sync errors %q, want %q", got, want)
			}
		})
	}
}

// English keeps the sync layer's own words (they carry details the data
// does not), and American English words a retry in 12-hour time.
func TestProblemTextEnglish(t *testing.T) {
	loc := useLang(t, "en")
	plain := `the server sent a web page, not a calendar (maybe a login page): "Session expired"`
	if got := loc.Problem(SyncProblem{Reason: "web_page"}, plain); got != plain {
		t.Errorf("got %q", got)
	}
	us := NewLocale("en-US")
	if got, want := us.Problem(SyncProblem{Reason: "unreachable", RetryAt: at(2026, 11, 23, 14, 35)}, ""), "server unreachable, will retry at 2:35 PM"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
