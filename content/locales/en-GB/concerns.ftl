# Concerns: the case file, its timeline, deadlines, next steps, the pathway and the directory.

concerns-title = Your concerns
concerns-lead = Keep everything about a problem in one place: what happened, what you have done about it, and what is due when.
concerns-new = Raise a concern
concerns-none = You have not raised a concern. If something went wrong, or you were not listened to, start here: Heard will show who can help and the time limits that apply.
concerns-status-open = Open
concerns-status-resolved = Put right
concerns-status-closed = Closed
concerns-next-due = Next: { $what } by { $date }
concerns-deleted = The concern was deleted.
concerns-saved = Saved.

concern-new-title = Raise a concern
concern-new-lead = Write it in your own words. Only the title is needed now: you can add the rest later.
concern-edit-title = Change the details
concern-title = A short title
concern-title-hint = For example: "Results given in the corridor".
concern-title-missing = Enter a short title
concern-title-too-long = The title must be 120 characters or fewer
concern-text-too-long = This must be 10,000 characters or fewer
concern-what-happened = What happened { optional }
concern-what-happened-hint = When, where and who was involved, as you remember it.
concern-happened-on = When did it happen? { optional }
concern-aware-on = When did you find out there was a problem? { optional }
concern-aware-on-hint = Only if this was later than when it happened. Time limits usually count from the later date.
concern-date-hint = For example, 27 3 2026
concern-date-future = The date must be today or in the past
concern-aware-before = This must be on or after the day it happened
concern-place = Where { optional }
concern-place-hint = The hospital, ward, clinic or practice.
concern-people = Who was involved { optional }
concern-effect = How did it affect you? { optional }
concern-harmed = I think my care harmed me, or made my illness worse { optional }
concern-harmed-hint = If you tick this, we show the time limit for a claim for compensation.
concern-wishes = What would you like to happen? { optional }
concern-wish-other = Something else, in your words { optional }
wish-explanation = An explanation
wish-apology = An apology
wish-change = A change, so it does not happen again
wish-meeting = A meeting to talk it through
wish-other = Something else
concern-setting = Where was the care?
concern-setting-hint = This decides who you complain to.
setting-hospital = A hospital or health trust
setting-gp = A GP practice
setting-hospice = A hospice
setting-other = Somewhere else
concern-nation = Which part of the UK?
concern-nation-hint = Each nation has its own complaints process and time limits.
concern-unfair = I feel I was treated unfairly because of who I am { optional }
concern-unfair-which = Was it about any of these? { optional }
concern-consultations = Which appointments is it about? { optional }
concern-status = Where things stand
concern-status-open = Still open
concern-status-resolved = Put right
concern-status-closed = Closed, with an outcome
concern-outcome = What was the outcome? { optional }
concern-save = Save
concern-create = Save and see what to do next
concern-cancel = Cancel

concern-caption = Concern
concern-summary = The concern
concern-change = Change the details
concern-not-given = Not given yet
concern-happened-label = When it happened
concern-aware-label = When you found out
concern-place-label = Where
concern-people-label = Who
concern-what-label = What happened
concern-effect-label = How it affected you
concern-wishes-label = What you would like
concern-setting-label = Care
concern-nation-label = Nation
concern-unfair-label = Unfair treatment
concern-unfair-yes = Yes: { $reasons }
concern-unfair-yes-plain = Yes
concern-harmed-label = Harm
concern-harmed-yes = You think your care harmed you
concern-claim-title = If you are thinking about a claim for compensation
concern-claim-lead = A complaint does not stop the clock for a claim in the courts. This date is only a guide, not legal advice.
concern-claim-due = Usually by { $date }
concern-claim-what = A claim for compensation
concern-claim-no-date = Add when it happened, or when you found out, to see this date.
concern-claim-advice = If you may want to claim, get independent advice well before this date.
concern-claim-link = Compensation claims: the time limit
concern-from-appointments = Appointments
concern-outcome-label = Outcome

concern-next-title = What to do next
concern-next-none = Nothing is suggested right now.
concern-deadlines-title = Time limits
concern-deadlines-none = No time limits are running. Add when it happened, and what you have done, to see them.
concern-deadline-cap-missing = This date may be too late. There is also a limit counted from the day it happened: add that day to your concern to see it.
concern-deadline-yours = You: { $what }
concern-deadline-theirs = They: { $what }
concern-deadline-due = By { $date }
concern-deadline-days-left = { $days ->
    [0] Today is the last day
    [one] 1 day left
   *[other] { $days } days left
}
concern-deadline-warning = This time limit is close. If you want to take this step, do it soon.
concern-deadline-passed = { $days ->
    [one] Passed 1 day ago
   *[other] Passed { $days } days ago
}
concern-deadline-passed-you = The time limit has passed, but you can still ask for it to be extended. Say why you could not complain sooner (for example, you were having treatment or were unwell). They must consider it.
concern-deadline-passed-them = They have not done this in time. You can ask them when they will, and say so if you go to the next step.
concern-deadline-met = Done on { $date }
concern-deadline-met-late = Done late, on { $date }
concern-deadline-working = { $count } working days
concern-deadline-calendar = { $count ->
    [one] 1 calendar day
   *[other] { $count } calendar days
}
concern-deadline-months = { $count ->
    [one] 1 month
   *[other] { $count } months
}
concern-deadline-unverified = We have not been able to confirm this time limit in an official source. Check it with the organisation.
concern-deadline-extendable = Can it be extended? { $how }
concern-deadline-ics = Add to my calendar
concern-deadline-ics-for = Add to my calendar: { $what }

concern-timeline-title = Timeline
concern-timeline-lead = Everything you have done about this, with dates. Letters you mark as sent appear here by themselves.
concern-timeline-none = Nothing yet. Add what you have done so far, such as a conversation or a letter.
concern-timeline-add = Add to the timeline
concern-timeline-letter = Letter sent: { $title }
concern-timeline-reply-due = reply due { $date }
concern-timeline-step = Step: { $step }
concern-timeline-outcome-yes = It put things right
concern-timeline-outcome-partly = It partly put things right
concern-timeline-outcome-no = It did not put things right
concern-timeline-edit = Change
concern-timeline-delete = Delete
concern-timeline-open-letter = See the letter

event-new-title = Add to the timeline
event-edit-title = Change this entry
event-kind = What happened?
event-kind-missing = Choose what happened
event-kind-conversation-held = I talked to the team
event-kind-letter-sent = I sent a letter or email
event-kind-pals-contacted = I contacted PALS or a patient support service
event-kind-complaint-made = I made a formal complaint
event-kind-acknowledgement-received = They acknowledged my complaint
event-kind-meeting-held = We had a meeting
event-kind-response-received = I received their response
event-kind-advocacy-contacted = I contacted an advocate
event-kind-experience-shared = I shared my experience (for example with Healthwatch)
event-kind-ombudsman-contacted = I went to the ombudsman
event-kind-decision-received = The ombudsman decided
event-kind-candour-asked = I asked them to tell me openly what happened
event-kind-regulator-contacted = I contacted a professional regulator
event-kind-urgent-review-asked = I asked for an urgent review by another team
event-kind-rethink-asked = I asked the GP practice to think again
event-kind-claim-advice-sought = I got advice about a claim for compensation
event-kind-other = Something else
event-on = When?
event-on-missing = Enter the date
event-notes = Notes { optional }
event-notes-hint = Who you spoke to, what they said, any reference number.
event-notes-too-long = Notes must be 10,000 characters or fewer
event-step = Which step was this? { optional }
event-step-hint = Leave this and Heard will work it out.
event-step-auto = Work it out for me
event-outcome = Did this put things right? { optional }
event-outcome-unknown = Not known yet
event-save = Save
event-delete-title = Delete this entry?
event-delete-warning = It will be removed from the timeline and the case file. This cannot be undone.

concern-delete = Delete this concern
concern-delete-title = Delete this concern?
concern-delete-warning = The concern and its whole timeline will be deleted. Letters you wrote stay in your letters. This cannot be undone.

concern-pathway-link = Who can help, step by step
concern-case-file = Download the case file (PDF)
concern-case-file-hint = A dated record of everything, with your letters at the end: what an advocate or ombudsman will ask for.
concern-write-letter = Write a letter about this

next-add-dates = Add when it happened
next-add-dates-why = Time limits count from when it happened or when you found out. Add the date so Heard can show them.
next-take-step = { $step }
next-take-step-why-nothing = You have not recorded anything yet. This is usually the first step.
next-why-not-resolved = What you have tried so far has not put it right.
next-why-unsatisfactory = The response did not put it right. This is the next step.
next-why-no-reply = The reply you asked for by { $date } has not come.
next-why-approaching = The time limit for this is { $date }.
next-why-unfair = You said you were treated unfairly because of who you are.
next-chase = Chase them
next-chase-ack-why = They should have acknowledged your complaint by { $date }.
next-chase-reply-why = Their reply was due by { $date }.
next-ask-meeting = Ask for a meeting
next-ask-meeting-why = A meeting can help when a written response has not answered your concern.
next-mention-equality = Mention the Equality Act 2010
next-mention-equality-why = Say in your complaint that you feel you were treated unfairly because of a protected characteristic, and ask how they will look into that.
next-ask-extension = Ask for the time limit to be extended
next-ask-extension-why = The time limit passed on { $date }. You can still ask, with your reason.
next-record-outcome = Say whether it was put right
next-record-outcome-why = On the timeline, change the last entry to say whether it put things right, so Heard can suggest what is next.
next-close = Close this concern
next-close-why = You said it was put right. You may want to say thank you.
next-write = Write the letter
next-see-step = What this step is
next-record = Add to the timeline

pathway-title = Who can help: { $nation }
pathway-lead = The steps, in order, for care at { $setting }. Try the first that fits; you do not have to do them all.
pathway-step-number = Step { $number }
pathway-beside-title = Other routes
pathway-beside-lead = These are not stages of a complaint. Some are urgent; some you can use at the same time as a complaint.
pathway-who = Who they are
pathway-can = What they can do
pathway-cannot = What they cannot do
pathway-when = When to use it
pathway-expect = What to expect
pathway-contact = How to contact them
pathway-contact-local = Your hospital, practice or board's own team: look on its website or ask at reception.
pathway-limits = Time limits
pathway-sources = Based on
pathway-checked = checked { $date }
pathway-changing = Changing
pathway-valid-until = Valid until { $date }
pathway-reviewed = Last reviewed { $last }. Next review { $next }.
pathway-back = Back to the concern
pathway-from-problem = from when it happened or you found out
pathway-from-event = from: { $event }

directory-title = Find an organisation
directory-lead = PALS, complaints teams, advocacy services, Healthwatch and ombudsmen. Search by name or place.
directory-search = Name or place
directory-nation = Nation
directory-all-nations = All of the UK
directory-submit = Search
directory-none = Nothing matches. Try a shorter word, or a town instead of a hospital.
directory-count = { $count ->
    [one] 1 organisation
   *[other] { $count } organisations
}
directory-phone = Phone
directory-email = Email
directory-website = Website
directory-address = Address
directory-checked = Last checked { $date }
directory-use = Use as the letter's recipient
directory-use-for = Send the letter to { $name }
directory-for-letter = Choose who the letter goes to.
directory-kind-pals = PALS
directory-kind-complaints = Complaints team
directory-kind-commissioner = Commissioner
directory-kind-advocacy = Advocacy
directory-kind-healthwatch = Healthwatch
directory-kind-patient-voice = Patient voice
directory-kind-patient-advice = Patient advice
directory-kind-regulator = Regulator
directory-kind-legal-advice = Advice about claims
directory-kind-ombudsman = Ombudsman
directory-kind-other = Other
letter-find-recipient = Find them in the directory
letter-recipient-set = The recipient was filled in from the directory. Check it before you send.

calendar-title = Your calendar feed
calendar-lead = Subscribe to this private address in your calendar app, and your appointments and deadlines appear there and stay up to date.
calendar-none = You do not have a calendar feed.
calendar-create = Make my calendar feed
calendar-address = Your private address
calendar-address-hint = Anyone with this address can see what is in the feed. Keep it to yourself. If it gets out, make a new one: the old one stops working at once.
calendar-details = What the feed shows
calendar-details-off = Only "Heard: appointment" and "Heard: reply due", no health details (safest)
calendar-details-on = What the appointment or deadline is about
calendar-details-save = Save
calendar-replace = Make a new address
calendar-remove = Turn the feed off
calendar-created = Your calendar feed is ready. Copy the address into your calendar app.
calendar-replaced = You have a new address. The old one no longer works.
calendar-removed = The feed is off. The address no longer works.
calendar-saved = Saved.
calendar-no-address = Your feed is ready, but its address cannot be shown yet: this Heard has not been told the web address people use to reach it. Please tell the people who run it (they set it with --public-url).
calendar-how = In most calendar apps, look for "Add calendar", "Subscribe" or "From URL", and paste the address.
calendar-appointment = Heard: appointment
calendar-reply-due = Heard: reply due
calendar-deadline = Heard: deadline
calendar-deadline-alarm = A deadline in Heard is in two days.
calendar-link = Calendar feed

dashboard-deadlines = Next deadlines
dashboard-deadline-item = { $what } ({ $concern })


casefile-title = Case file
casefile-made = Case file made with Heard on { $date }
casefile-chronology = What happened, in order
casefile-appendix = Appendix { $number }: { $title }, sent { $date }
calendar-reply-due-for = Reply due: { $title }
concern-letters = Which letters is it about? { optional }
letters-about-concern = About your concern:
letter-concern-on = On { $date }:
letter-want-explanation = an explanation of what happened and why
letter-want-apology = an apology
letter-want-change = a change, so that this does not happen to me or anyone else again
letter-want-meeting = a meeting to talk it through
letter-want-other = something else
next-raise-concern-lead = If something went wrong, keep it all in one place and see who can help, and by when.
next-raise-concern = Raise a concern about this appointment
next-see-timeline = Go to the timeline
