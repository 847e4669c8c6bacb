## Error pages. No technical detail ever appears here.

error-not-found-title = Page not found
error-not-found-body = If you typed the web address, check it is correct. If you followed a link, the page may have moved or been deleted.
error-bad-request-title = That could not be read
error-bad-request-body = Something in what was sent could not be read. Go back and try again.
error-too-large-title = That was too long to send
error-too-large-body = What you sent was longer than Heard accepts in one go. Go back, split it into smaller parts and try again.
error-forbidden-title = This form could not be sent
error-forbidden-body = For your security, Heard only accepts forms sent from its own pages. Go back, reload the page and try again.
error-internal-title = Sorry, something went wrong on our side
error-internal-body = Nothing you saved before this has been lost. Try again in a few minutes.
error-reference = If it keeps happening, tell the people who run this service and give them this reference: { $reference }
error-home = Go to the home page
error-dashboard = Go to your dashboard
resend-title = Check and send again
resend-lead = This form was opened before you last signed in, so it could not be sent as it was. Here is what you typed. Check it, then send it again.
