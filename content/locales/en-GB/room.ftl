## In the room, and afterwards: the reflection and what to do next.

room-title = In the appointment
room-back = Back to your appointment
room-open = Open in the appointment
room-open-hint = A page for your phone during the appointment: tick off questions and note the answers. It keeps working if the signal drops.
room-goal = What I want from this appointment
room-questions = My questions
room-status-legend = How did question { $number } go?
room-status-asked = Asked
room-status-answered = Answered
room-status-not-answered = Not answered
room-answer = The answer, in a few words
room-save = Save
room-ask-why = Ask why
room-ask-why-prompt = You could say: "Can you tell me why?" or "Why is that the best option for me?" If the answer is not clear, ask again in other words: "So what you are saying is…"
room-why-label = The reason they gave
room-not-understood = I did not understand
room-understood-now = I understand now
room-flagged = You did not understand this answer.
room-explain-title = You could ask:
room-explain-differently = "Could you explain that in a different way?"
room-explain-write = "Could you write that down for me?"
room-explain-draw = "Could you draw it, or show me on a picture?"
room-running-out = We are running out of time
room-running-out-lead = It is fine to say so. You could ask:
room-phrase-follow-up = "We have not covered everything. Could I have a follow-up appointment, or a phone call?"
room-phrase-email = "Could I email you the questions we did not get to?"
room-asked-for = What did you ask for?
room-asked-appointment = A follow-up appointment
room-asked-call = A phone call
room-asked-email = To email my remaining questions
room-decisions = What was decided
room-decisions-label = What was decided, in your words
room-next-steps = Next steps
room-next-steps-hint = Who will do what, and by when. A date, or words like "in about two weeks".
room-step-number = Step { $number }
room-step-what = What will happen
room-step-who = Who will do it
room-step-by-when = By when
room-step-by-when-hint = For example, 14 January, or in about two weeks
room-step-add-title = Add a next step
room-step-add = Add this step
room-step-remove = Remove this step
room-notes = Other notes
room-notes-label = Anything else you want to remember
room-companion-notes = Notes from the person with you
room-companion-notes-label = Their notes
room-reflect = Afterwards: how did it go?
room-conflict = This was saved differently on two devices. Both versions are kept:
room-conflict-hint = Change the box below to what you want to keep, and save.
room-conflicts = { $count ->
    [one] One thing was saved differently on two devices. Both versions are shown below.
   *[other] { $count } things were saved differently on two devices. Both versions are shown below.
}
room-sync-saved = Everything is saved.
room-sync-waiting = No signal: { $count } changes are kept on this phone and will be sent when the signal comes back.
room-sync-signed-out = You have been signed out, so the notes that were waiting could not be sent. They are shown at the top of the page for you to copy.
room-kept-on-device = What you type is saved as you go. With no signal, it waits on this phone until it can be sent, for as long as you stay signed in.
room-sync-failed = Something could not be saved. Try again.
room-sync-conflict = This was also changed on another device. Reload the page to see both versions.
room-state-saved = Saved
room-state-waiting = Waiting to send

reflect-title = How did it go?
reflect-lead = A few questions, one at a time. Your answers help Heard suggest what to do next. They are private.
reflect-progress = Question { $number } of { $total }
reflect-understood = Did you understand what you were told?
reflect-listened = Did you feel listened to?
reflect-questions-answered = Were your questions answered?
reflect-worries = Were your worries taken seriously?
reflect-communication = Did they communicate clearly and politely?
reflect-goal = Did you get what you came for?
reflect-goal-was = You wanted:
reflect-unfair = Did you feel treated unfairly because of who you are?
reflect-unfair-hint = This is optional. The Equality Act 2010 protects people from unfair treatment because of certain things about them.
reflect-unfair-which = Was it about any of these?
reflect-unfair-other = Anything else about it, in your own words { optional }
reflect-anything-else = Is there anything else you want to note about this appointment? { optional }
reflect-yes = Yes
reflect-partly = Partly
reflect-no = No
reflect-unfair-yes = Yes
reflect-unfair-no = No
reflect-unfair-rather-not-say = I would rather not say
reflect-continue = Continue
reflect-finish = Finish
reflect-skip = Skip this question
reflect-answer-missing = Choose an answer, or skip this question
characteristic-age = Age
characteristic-disability = Disability
characteristic-gender-reassignment = Gender reassignment
characteristic-marriage-and-civil-partnership = Marriage or civil partnership
characteristic-pregnancy-and-maternity = Pregnancy or maternity
characteristic-race = Race, including colour, nationality or ethnic background
characteristic-religion-or-belief = Religion or belief
characteristic-sex = Sex
characteristic-sexual-orientation = Sexual orientation

next-title = What to do next
next-lead = Based on what you recorded, here is what we suggest. It is your choice.
next-none = Nothing to suggest yet. After the appointment, record how it went and Heard will suggest what to do next.
next-why = Why:
next-action-give-positive-feedback = Say thank you: give positive feedback
next-action-write-down-what-worked = Write down what made it work, so you can do it again
next-action-reflect = Record how it went
next-action-write-follow-up-summary = Write a follow-up summary of what was decided
next-action-email-remaining-questions = Send your remaining questions by email or letter
next-action-ask-for-follow-up = Ask for a follow-up appointment or call
next-action-write-letter-of-concern = Write to the professional or team about your concern
next-action-contact-pals = Contact PALS or your local patient advice service
next-reason-went-well = It went well: staff value hearing that, and it helps you next time.
next-reason-reflection-not-done = You have not yet recorded how the appointment went.
next-reason-questions-not-answered = { $count ->
    [one] 1 of your questions was not answered.
   *[other] { $count } of your questions were not answered.
}
next-reason-questions-not-understood = { $count ->
    [one] You did not understand 1 answer.
   *[other] You did not understand { $count } answers.
}
next-reason-did-not-understand = You did not fully understand what you were told.
next-reason-asked-for-follow-up = You asked for a follow-up appointment or call.
next-reason-asked-to-email-questions = You asked to email your remaining questions.
next-reason-steps-overdue = { $count ->
    [one] 1 next step is past its date.
   *[other] { $count } next steps are past their date.
}
next-reason-something-was-decided = Something was decided. Setting out what you understood, in writing, gives everyone the same record.
next-reason-not-listened-to = You did not feel listened to.
next-reason-worries-not-taken-seriously = Your worries were not taken seriously.
next-reason-communication-poor = They did not communicate clearly or politely.
next-reason-did-not-get-what-i-came-for = You did not get what you came for.
next-reason-treated-unfairly = You felt treated unfairly because of who you are. You can say so, and mention the Equality Act 2010.
next-reason-several-things-went-wrong = Several things went wrong. PALS can help you sort them out.
next-read-guidance = Read: writing to your healthcare professional
next-what-worked = What made it work
next-what-worked-hint = For example: I put my most important question first, and my sister took notes.
next-open-items = Still open
next-reflection-done = How it went: recorded
next-reflection-not-done = How it went: not recorded yet
next-open-unanswered = { $count ->
    [one] 1 question not answered
   *[other] { $count } questions not answered
}
next-open-steps-due = { $count ->
    [one] 1 next step past its date
   *[other] { $count } next steps past their date
}
