## Shared by every page: layout, navigation, footer, session warning.

site-name = Heard
skip-to-content = Skip to main content
nav-label = Main
nav-dashboard = Your dashboard
nav-appointments = Appointments
nav-letters = Letters
nav-concerns = Concerns
nav-sign-in = Sign in
nav-register = Create an account
nav-sign-out = Sign out
signed-in-as = Signed in as { $name }

footer-not-medical-advice = Heard does not give medical advice. If you feel unwell, contact your care team or call NHS 111. In an emergency, call 999.
footer-idle-note = For your privacy, Heard signs you out after { $minutes } minutes without activity. Anything you have typed is kept.

session-warning-title = You will be signed out soon
session-warning-body = For your privacy, you will be signed out in { $minutes } minutes unless you choose to stay. Nothing you have typed will be lost.
session-warning-stay = Stay signed in
session-ended-title = You have been signed out
unsent-lead = Some notes were waiting to be sent when you were signed out. They are no longer kept on this phone.
unsent-show = Show the notes that were not sent, to copy them
session-ended-body = You were signed out because Heard was not used for a while. Anything you type on this page is kept. When you save it, you will be asked to sign in again.

form-error-summary-title = There is a problem
form-error-prefix = Error:
button-save = Save
button-cancel = Cancel
back-link = Back
optional = (optional)

## Dates and times, written the way people write them: "Thursday 3 December 2026, 2:30pm".
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-long = { $day } { $month } { $year }
date-time-long = { $weekday } { $date }, { $time }
time-am = { $hour }am
time-am-minutes = { $hour }:{ $minutes }am
time-pm = { $hour }pm
time-pm-minutes = { $hour }:{ $minutes }pm
list-separator = ·

urgent-title = Worried someone in hospital is getting worse?
urgent-link = What to do now, including how to ask for an urgent review by another team (Martha's Rule)
