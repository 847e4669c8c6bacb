## Preparing for a consultation: the appointment, goal, questions, companion, access needs,
## talking it through, the check of assumptions, the summary, the sheet and the calendar file.

consultations-title = Your appointments
consultations-upcoming = Coming up
consultations-past = Past appointments
consultations-none = You have not added any appointments yet.
consultations-add = Add an appointment
consultations-questions-count = { $count ->
    [0] No questions yet
    [one] 1 question
   *[other] { $count } questions
}

consultation-caption = Appointment on { $when }
consultation-new-title = Add an appointment
consultation-details-title = About the appointment
consultation-save-continue = Save and continue
consultation-save = Save
consultation-skip = Skip this for now
consultation-back-to-summary = Back to the summary
consultation-saved = Saved.
consultation-changed-elsewhere = This appointment was changed on another device after you opened this page. Nothing has been lost: what you typed is below. Check it and save again.

when-date-legend = What date is the appointment?
when-date-hint = For example, 3 12 2026. You can add appointments that have already happened.
when-day = Day
when-month = Month
when-year = Year
when-time = What time?
when-time-hint = For example, 2:30pm or 14:30
when-date-missing = Enter the date of the appointment
when-date-invalid = Enter the date as numbers, for example 3 12 2026
when-date-impossible = That date does not exist. Check the day and month
when-date-out-of-range = Check the year
when-time-missing = Enter the time of the appointment
when-time-invalid = Enter the time like 2:30pm or 14:30
when-time-skipped = That time does not exist on that day, because the clocks go forward. Check the time on your letter

place-legend = Where is it?
place-hospital-or-clinic = Hospital or clinic
place-gp-practice = GP practice
place-phone = Phone call
place-video = Video call
place-other = Somewhere else
place-name = Name of the place { optional }
place-name-hint = For example, St Mary's Hospital, Outpatients, Level 2
place-missing = Choose where the appointment is

role-legend = Who is it with?
role-oncologist = Oncologist (cancer doctor)
role-surgeon = Surgeon
role-clinical-nurse-specialist = Clinical nurse specialist
role-gp = GP (family doctor)
role-radiographer = Radiographer
role-other = Someone else
role-missing = Choose who the appointment is with
with-name = Their name { optional }
with-name-hint = For example, Dr Okafor

kind-legend = What kind of appointment is it?
kind-first-appointment = First appointment
kind-test-results = Test results
kind-treatment-planning = Planning treatment
kind-during-treatment = During treatment
kind-follow-up = Follow-up or check-up
kind-other = Something else
kind-missing = Choose what kind of appointment it is

goal-title = What do you want to get out of this appointment?
goal-hint = Knowing what you want helps you steer the conversation. Choose any that fit, or write your own.
goal-understand-results = Understand my test results
goal-understand-options = Understand my treatment options
goal-make-a-decision = Make a decision about my treatment
goal-know-what-happens-next = Know what happens next, and when
goal-side-effects-help = Get help with side effects or symptoms
goal-raise-a-worry = Raise a worry and be taken seriously
goal-get-support = Find out what support I can get
goal-own-words = In your own words { optional }
goal-own-words-hint = For example, I want to know if I can go to my daughter's wedding in May.
goal-too-long = Keep this to 2,000 characters or fewer

questions-title = Your questions
questions-lead = Write down what you want to ask, so you do not forget in the moment. Mark up to 3 as most important: they always go first.
questions-hint-short = A GP appointment is usually about 10 minutes. There is often time for about { $count } questions, so put the most important first.
questions-hint-medium = There is often time for about { $count } questions. Put the most important first, and ask if you can send the rest by email.
questions-hint-long = First and planning appointments are often longer, with time for about { $count } questions. Put the most important first anyway.
questions-none = You have not added any questions yet.
questions-add-label = Add your own question
questions-add = Add question
questions-browse = Choose from common questions
questions-important = Most important
questions-important-count = { $count } of 3 marked as most important
questions-mark = Mark as most important
questions-unmark = Remove from most important
questions-up = Move up
questions-down = Move down
questions-edit = Change
questions-remove = Remove
questions-edit-title = Change your question
questions-edit-label = Your question
questions-removed = Question removed.
questions-added = Question added.
questions-list-label = Your questions, in the order you will ask them
question-missing = Write your question
question-too-long = A question can be up to 500 characters
question-too-many = You can have up to 60 questions. Remove some first
question-three-important = You have already marked 3 questions as most important. Remove one first
question-already-added = That question is already on your list
question-not-found = That question is no longer on your list
questions-continue = Continue

bank-title = Common questions
bank-lead = These are questions many people want to ask. Add any to your list with one tap, and change the words afterwards if you like.
bank-search-label = Search the questions
bank-search = Search
bank-topics = Topics
bank-suggested = Suggested for this kind of appointment
bank-results = { $count ->
    [0] No questions match "{ $query }". Try another word.
    [one] 1 question matches "{ $query }"
   *[other] { $count } questions match "{ $query }"
}
bank-add = Add
bank-added = Added
bank-add-hidden = to your questions
bank-back = Back to your questions
bank-sources = Where this comes from
bank-reviewed = Last reviewed { $date }. Next review due { $next }.

companion-title = Is someone coming with you?
companion-lead = A friend, relative or carer can help you remember what was said. Agree beforehand what they will do, so they do not speak for you unless you want them to.
companion-name = Their name
companion-relationship = How you know them { optional }
companion-relationship-hint = For example, my sister, my partner, a friend
companion-roles-legend = What have you agreed they will do?
companion-roles-hint = Choose all that apply.
companion-role-listen = Listen
companion-role-take-notes = Take notes
companion-role-speak-for-me = Speak for me about something
companion-role-not-come-in = Come with me but wait outside
companion-speak-about = What they may speak about
companion-speak-about-hint = For example, how my pain has been at night
companion-nobody = Nobody is coming with me
companion-remove = Nobody is coming
companion-name-missing = Enter their name
companion-role-missing = Choose what they will do
companion-speak-about-missing = Say what they may speak about
companion-not-come-in-alone = If they will wait outside, do not choose other things for them to do

access-title = Interpreter and access needs
access-lead = The hospital or practice should arrange an interpreter or other support for you, free of charge. Tell them before the appointment.
access-interpreter-legend = Do you need an interpreter?
access-interpreter-none = No
access-interpreter-spoken = Yes, for a spoken language
access-interpreter-bsl = Yes, British Sign Language (BSL)
access-language = Which language?
access-language-missing = Enter the language you need
access-needs-legend = Do you need any of these?
access-needs-hint = Choose all that apply.
access-large-print = Large print
access-hearing-loop = A hearing loop
access-step-free-access = Step-free access
access-extra-time = Extra time
access-other = Anything else { optional }
access-other-hint = For example, a quiet place to wait, or information in easy read
access-arrange = The hospital or practice should arrange this. Ask them before the appointment, by phone or in writing.
access-letter = Write to ask for this
access-interpreter-spoken-summary = Interpreter: { $language }
access-interpreter-bsl-summary = British Sign Language interpreter

talk-title = Talking it through
talk-lead = It can help to say what you want to say out loud first, to someone you trust, until you feel ready.
talk-say-first = What I want to say first { optional }
talk-say-first-hint = For example, I have been worried since my last scan and I want to understand what it showed.
talk-notes = Notes from talking it through { optional }
talk-notes-hint = What you practised, what felt hard, what you want to remember.
talk-too-long = Keep this to 5,000 characters or fewer

assumptions-title = Check your expectations
assumptions-lead = This is optional. A few minutes thinking about how you expect it to go can help you stay calm and clear.
assumptions-what-i-know = What do I already know, and what do I want to find out?
assumptions-what-i-am-assuming = What am I assuming about how the doctor or nurse sees me?
assumptions-other-explanations = If they seem rushed or short with me, what else might explain it?
assumptions-how-i-expect-it-to-go = How do I expect it to go?
assumptions-good-outcome = Whatever happens, what would be one good thing to come out of it?
assumptions-link = Check your expectations (optional)

summary-title = Check your appointment
summary-lead = Here is everything you have prepared. Change anything that is not right.
summary-when = When
summary-where = Where
summary-with = With
summary-kind = Kind of appointment
summary-goal = What I want from it
summary-questions = My questions
summary-companion = Coming with me
summary-access = Interpreter and access needs
summary-say-first = What I want to say first
summary-talk-notes = Notes from talking it through
summary-assumptions = My expectations
summary-not-given = Not given
summary-change = Change
summary-nobody = Nobody
summary-none = None
summary-take-away = Take it with you
summary-print = Print your questions
summary-pdf = Download as PDF
summary-ics = Add to your calendar
summary-delete = Delete this appointment
summary-done = Done: back to your dashboard

sheet-title = My appointment
sheet-made = Made with Heard on { $date }
sheet-answer = Answer:
sheet-print = Print this page
sheet-important = Most important
sheet-notes = Other notes

ics-summary = Appointment: { $kind }
ics-with = With { $who }
ics-reminder = Appointment tomorrow. Your questions are in Heard.
ics-questions = You have { $count } questions ready in Heard.

delete-title = Delete this appointment?
delete-warning = Everything you prepared for it will be deleted: your questions and notes. You cannot get them back.
delete-confirm = Yes, delete it
delete-keep = No, keep it
consultation-deleted = Appointment deleted.

dashboard-appointments = Your appointments
dashboard-see-all = See all your appointments
summary-letters = Letters about this appointment
summary-no-letters = No letters yet.

third-visit-title = Your third visit about this
third-visit-lead = This looks like your third GP appointment in a year with the same goal. If it is about the same problem and you still have no clear answer, you can ask them to look at it again with fresh eyes. In England, Jess's Rule asks GP teams to do this; you can ask anywhere in the UK.
third-visit-more = About Jess's Rule
third-visit-add = Add a question asking them to think again
