## How a date was worked out, bank holidays, and the page that lists every time limit.

date-with-weekday = { $weekday } { $date }

pathway-from-happened = from when it happened
pathway-capped = { $rule }, but no later than { $cap } after it happened

holiday-new-years-day = New Year's Day
holiday-second-of-january = 2 January
holiday-st-patricks-day = St Patrick's Day
holiday-good-friday = Good Friday
holiday-easter-monday = Easter Monday
holiday-early-may = Early May bank holiday
holiday-spring = Spring bank holiday
holiday-battle-of-the-boyne = Battle of the Boyne (Orangemen's Day)
holiday-summer = Summer bank holiday
holiday-st-andrews-day = St Andrew's Day
holiday-christmas-day = Christmas Day
holiday-boxing-day = Boxing Day

explain-heading = How we worked this out
explain-rule = The rule: { $rule }.
explain-start-happened = The count starts on { $date }: the day it happened.
explain-start-aware = The count starts on { $date }: the day you found out, which was later than the day it happened.
explain-start-aware-only = The count starts on { $date }: the day you found out. (The day it happened is not recorded.)
explain-start-event = The count starts on { $date }: { $event }.
explain-start-received-same-day = The count starts on { $date }: you sent it by email, online or by hand, so they had it that day.
explain-start-received-known = The count starts on { $date }: the day it reached them.
explain-start-received-posted = The count starts on { $date }: the day you posted it, the earliest it could have arrived. When you know the day it arrived, add it, and the date will move.
explain-start-identity = The count starts on { $date }: the day they received the proof of who you are that they asked for. The month starts again from then.
explain-count-months = Counting { $amount } on the calendar brings you to { $date }.
explain-month-end = That month has no day with the same number, so it is the last day of the month.
explain-count-days = Counting { $amount }, every day of the week, brings you to { $date }.
explain-count-working = Counting { $amount }: Monday to Friday, leaving out the bank holidays in { $nation }. That brings you to { $date }.
explain-skipped = These days were not counted:
explain-weekend = { $date }: weekend
explain-holiday = { $date }: { $name }, a bank holiday in { $nation }
explain-holiday-substitute = { $date }: { $name }, substitute day, a bank holiday in { $nation }
explain-holiday-moved = { $date }: { $name }, moved to this day for this year, a bank holiday in { $nation }
explain-extended = They told you on { $told } that they need { $months ->
    [one] 1 more month
   *[other] { $months } more months
}. They may do this for a complex request if they say so within the first month.
explain-paused = They asked you on { $asked } what exactly you want, and you answered on { $answered }. Those { $days } days do not count, so the date moves on by { $days } days.
explain-extension-too-late = They told you on { $told } that they need more time, but the time to say so ended on { $ended }. So it does not count.
explain-pause-source = This pause comes from the Data (Use and Access) Act 2025. We read the ICO's account of it, not the law itself: check with the organisation.
explain-pause-not-in-force = They asked you what exactly you want. But your request reached them before 5 February 2026, when the rule that stops the clock began, so it does not move the date.
explain-pause-before-restart = Their question was answered before the month started again on { $date }, so it does not move the date.
explain-pause-after-due = They asked you on { $asked } what exactly you want, but their reply was already due on { $due }. Asking so late does not stop the clock.
explain-cap-missing = There is also a limit of { $amount } after the day it happened. Add the day it happened to see it: the date may be earlier than this.
explain-moved = That day is not a working day, so the date moves to the next working day:
explain-cap-applies = But it must be no later than { $amount } after the day it happened ({ $from }): { $date }. That is earlier, so it is the date.
explain-cap-not-needed = It must also be no later than { $amount } after the day it happened: { $date }. The date above is earlier, so it stands.
explain-due = So the date is { $date }.
explain-source = { $title }, { $publisher }, read on { $checked }
explain-sources = Where this comes from
explain-unverified = We could not confirm this rule in the law itself. Check it with the organisation.
explain-holidays-unknown = Bank holidays after { $year } are worked out from the usual rules. A holiday added later for one year only would not be counted: check with the organisation.
explain-holidays-in-england = England
explain-holidays-in-wales = Wales
explain-holidays-in-scotland = Scotland
explain-holidays-in-northern-ireland = Northern Ireland

rules-title = Time limits Heard knows
rules-lead = Every time limit Heard uses to work out a date, for each nation and setting: what it is, when it starts, any cap, where it comes from and when we last read that source. You can check any date Heard shows with these.
rules-nation = { $nation }
rules-settings-all = All settings
rules-settings = Only for: { $settings }
rules-who = Who must act
rules-party-you = You
rules-party-them = The organisation
rules-limit = Time limit
rules-extendable = If you are late
rules-verified = Checked against the law
rules-unverified = Not confirmed: check with the organisation
rules-note = Note
rules-sources = Sources
rules-step = Step: { $step }
rules-holidays-title = Bank holidays
rules-holidays-lead = Working days are Monday to Friday, leaving out the bank holidays of the nation where the care happened. Heard knows them through { $year }.
rules-holidays-list = Bank holidays in { $nation }, { $year }
rules-link = Every time limit Heard knows
rules-substitute = substitute day
rules-records-title = Copies of your records, in every nation
rules-records-lead = The same rule applies across the UK. Heard works out the date on the page for a request you have sent.
rules-records-what = Reply to a request for a copy of your records
rules-records-note = From the day they received it. Where the next month has no such date, its last day. On a weekend or bank holiday, the next working day. Two more months for a complex request, if they tell you within the first month. If they ask you for proof of identity, the month starts again when they get it. If they ask what you want, the days until you answer do not count.
