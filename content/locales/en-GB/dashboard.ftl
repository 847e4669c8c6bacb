## The signed-in dashboard and notes.

dashboard-title = Your dashboard
dashboard-hello = Hello, { $name }
dashboard-first-title = What would you like to do first?
dashboard-prepare-title = Prepare for an appointment
dashboard-prepare = Write down your questions and what you want from it, then print them to take with you.
dashboard-concern-title = Raise a concern
dashboard-concern = If you were not listened to or something went wrong, find out who can help and by when.
dashboard-guidance-title = Read the guidance
dashboard-guidance = Short, plain guides to getting the most from appointments, and to your rights.

notes-title = Your notes
notes-lead = Jot down anything you want to remember, such as something to ask or a change you noticed.
notes-empty = You have no notes yet.
notes-new-label = New note
notes-add = Save note
notes-saved = Note saved.
notes-updated = Note updated.
notes-deleted = Note deleted.
notes-edit = Change
notes-delete = Delete
notes-edit-title = Change your note
notes-edit-label = Your note
notes-updated-at = Last changed { $when }
notes-delete-title = Delete this note?
notes-delete-warning = You cannot get a note back after you delete it.
notes-delete-confirm = Yes, delete it
notes-delete-keep = No, keep it
notes-conflict-title = This note was changed somewhere else
notes-conflict-body = Someone changed this note, perhaps you on another device, after you opened it. Nothing has been lost: below is the saved version, and your version is in the box. Change the box to what you want to keep, then save.
notes-conflict-saved = The saved version
note-missing = Write something in the note
note-too-long = A note can be up to 10,000 characters. Split it into two notes.
note-hidden-name = Note { $number }

notes-download = Download your notes as a text file
notes-export-title = Your notes from Heard
notes-export-downloaded = Downloaded { $when }
notes-export-changed = Last changed
notes-see-all = See all your notes
notes-all-title = All your notes
dashboard-no-upcoming = You have no appointments coming up.
dashboard-recent = Recent appointments
