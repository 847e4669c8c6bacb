## Creating an account and signing in.

register-title = Create an account
register-username = Username
register-username-hint = The name you will sign in with. It does not need to be your real name. Use letters, numbers and . _ - @ + only.
register-password = Password
register-password-hint = At least 8 characters. Three or four words that have nothing to do with each other are easy to remember and hard to guess.
register-password-confirm = Type the password again
register-no-reset = We do not ask for your email address, so we cannot send you a new password if you forget it. Keep your password somewhere safe, for example in a password manager.
register-submit = Create account
register-have-account = Already have an account?
register-username-taken = That username is already in use. Choose another one.
register-too-many = Many accounts have been made from this connection in the last hour. For everyone's safety, try again after { $time }.
register-password-mismatch = The two passwords are not the same. Type them again.
register-password-confirm-missing = Type the password again
register-done = Your account is ready.

username-missing = Enter a username
username-too-short = The username must be at least 3 characters
username-too-long = The username must be 64 characters or fewer
username-bad-character = Use only letters, numbers and . _ - @ + in the username

password-missing = Enter a password
password-too-short = The password must be at least 8 characters
password-too-long = The password must be 128 characters or fewer
password-too-easy = This password would be easy for someone to guess.
password-warn-keyboard-row = Rows of keys next to each other, like qwerty, are easy to guess.
password-warn-keyboard-pattern = Short patterns on the keyboard are easy to guess.
password-warn-repeats = Repeated letters, like aaa, are easy to guess.
password-warn-repeated-words = Repeating the same word, like abcabc, does not make it much harder to guess.
password-warn-common = This is one of the most common passwords.
password-warn-similar-to-common = This is very like one of the most common passwords.
password-warn-sequence = Sequences, like abc or 6543, are easy to guess.
password-warn-recent-year = Recent years are easy to guess.
password-warn-single-word = A single word on its own is easy to guess.
password-warn-date = Dates are often easy to guess.
password-warn-name = Names on their own are easy to guess.
password-suggest-few-words = Use a few words together and avoid well-known phrases.
password-suggest-no-symbols-needed = You do not need symbols, numbers or capital letters.
password-suggest-add-words = Add another word or two.
password-suggest-capitals = Capital letters do not help much.
password-suggest-reversed = Words spelled backwards are not much harder to guess.
password-suggest-substitutions = Swapping letters for look-alike symbols, like @ for a, does not help much.
password-suggest-keyboard = Avoid patterns on the keyboard.
password-suggest-repeats = Avoid repeated words and letters.
password-suggest-sequences = Avoid sequences like 1234 or abcd.
password-suggest-years = Avoid years, especially ones that mean something to you.
password-suggest-dates = Avoid dates and years that mean something to you.

sign-in-title = Sign in
sign-in-username = Username
sign-in-password = Password
sign-in-submit = Sign in
sign-in-no-account = New to Heard?
sign-in-wrong = The username or password is not right. Check them and try again.
sign-in-paused = There have been too many wrong tries from this device. For your safety, wait, then try again after { $time }.
sign-in-wait-seconds = There have been several wrong tries from this device. For your safety, wait { $seconds ->
    [one] 1 second
   *[other] { $seconds } seconds
}, then try again.
sign-in-enter-username = Enter your username
sign-in-enter-password = Enter your password
sign-in-session-ended = You were signed out because Heard was not used for { $minutes } minutes. Sign in again to carry on.
sign-in-kept = We kept what you typed. Sign in again and you can save it.
sign-in-needed = Sign in to see that page.

resume-title = Save what you typed
resume-lead = You were signed out before this could be saved. Here is what you typed. Check it, then save it.
resume-submit = Save it now
resume-discard = Do not save it
resume-field = Field
resume-value = What you typed
