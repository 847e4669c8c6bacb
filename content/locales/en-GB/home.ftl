## The signed-out home page.

home-title = Be heard in your cancer care
home-lead = Heard helps people with cancer, and the people who support them, get ready for appointments, keep notes of what was said, follow up in writing and, if something goes wrong, take it to the right people in time.
home-for-title = Who Heard is for
home-for-patient = you, if you have cancer
home-for-supporter = a partner, relative, friend or carer who goes to appointments with someone who has cancer
home-what-title = What you can do
home-what-prepare-title = Get ready for an appointment
home-what-prepare = Write down your questions, decide what you want from the appointment, plan who comes with you and ask for an interpreter if you need one.
home-what-room-title = Keep track during the appointment
home-what-room = Tick off your questions and note the answers on your phone, even where there is no signal.
home-what-after-title = Follow up afterwards
home-what-after = Think about how it went and send a clear letter about what was agreed.
home-what-concern-title = Raise a concern if you were not heard
home-what-concern = Find out who to contact next and by when: the patient advice service, a complaint, an advocate or the ombudsman.
home-private-title = Your notes are private
home-private = Everything you write is locked with a key that only this service holds. You do not need to give your real name or your email address.
home-start = Create an account
home-sign-in = Sign in
home-signed-out = You have signed out. Your notes are safe.
