## Shared by every page: layout, navigation, footer, session warning.

site-name = Heard
skip-to-content = Skip to main content
nav-label = Main
nav-dashboard = Your dashboard
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
session-ended-body = You were signed out because Heard was not used for a while. Anything you type on this page is kept. When you save it, you will be asked to sign in again.

form-error-summary-title = There is a problem
form-error-prefix = Error:
button-save = Save
button-cancel = Cancel
back-link = Back
optional = (optional)
