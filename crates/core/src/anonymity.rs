//! Details that could identify someone in an experience about to be shared anonymously: names,
//! dates, places, phone numbers, email addresses, NHS numbers and postcodes. The person is
//! shown each one before they share, so this errs towards warning: a false alarm costs a
//! glance, a missed name can cost someone their privacy.

/// What kind of detail was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DetailKind {
    Name,
    Date,
    /// A hospital, ward, clinic, GP practice or hospice.
    Place,
    Phone,
    Email,
    NhsNumber,
    Postcode,
}

impl DetailKind {
    /// A stable id, for message keys and tests.
    pub fn id(self) -> &'static str {
        match self {
            DetailKind::Name => "name",
            DetailKind::Date => "date",
            DetailKind::Place => "place",
            DetailKind::Phone => "phone",
            DetailKind::Email => "email",
            DetailKind::NhsNumber => "nhs-number",
            DetailKind::Postcode => "postcode",
        }
    }
}

/// One detail: its kind, byte range in the text, and the text itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: DetailKind,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Every identifying detail in `text`, sorted by where it starts, none overlapping (where two
/// would, the longer wins: "St Mary's Hospital" is one place, not a place and a name).
pub fn identifying_details(text: &str) -> Vec<Finding> {
    let words = words(text);
    let mut candidates: Vec<(DetailKind, usize, usize)> = Vec::new();
    emails(text, &mut candidates);
    numbers(text, &mut candidates);
    numeric_dates(text, &mut candidates);
    let scan = Scan {
        text,
        words: &words,
    };
    for i in 0..words.len() {
        scan.postcode(i, &mut candidates);
        scan.written_date(i, &mut candidates);
        scan.place(i, &mut candidates);
        scan.titled_name(i, &mut candidates);
        scan.first_name(i, &mut candidates);
    }
    candidates.sort_by(|a, b| (b.2 - b.1).cmp(&(a.2 - a.1)).then(a.1.cmp(&b.1)));
    let mut kept: Vec<(DetailKind, usize, usize)> = Vec::new();
    for c in candidates {
        if kept.iter().all(|k| c.2 <= k.1 || c.1 >= k.2) {
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.1);
    kept.into_iter()
        .map(|(kind, start, end)| Finding {
            kind,
            start,
            end,
            text: text[start..end].to_owned(),
        })
        .collect()
}

/// Titles before a name. Matched in any case; the name after must be capitalised.
const TITLES: &[&str] = &[
    "dr",
    "doctor",
    "mr",
    "mrs",
    "ms",
    "mx",
    "miss",
    "nurse",
    "sister",
    "matron",
    "professor",
    "prof",
];

/// Short forms that may be followed by a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &["dr", "mr", "mrs", "ms", "mx", "prof", "st"];

/// Common UK first names.
const FIRST_NAMES: &[&str] = &[
    "Olivia",
    "Amelia",
    "Isla",
    "Ava",
    "Mia",
    "Ivy",
    "Lily",
    "Isabella",
    "Rosie",
    "Sophia",
    "Grace",
    "Freya",
    "Willow",
    "Florence",
    "Emily",
    "Ella",
    "Poppy",
    "Evie",
    "Elsie",
    "Charlotte",
    "Evelyn",
    "Sophie",
    "Alice",
    "Daisy",
    "Matilda",
    "Ruby",
    "Phoebe",
    "Harper",
    "Sarah",
    "Emma",
    "Jessica",
    "Hannah",
    "Lucy",
    "Laura",
    "Rebecca",
    "Amy",
    "Rachel",
    "Claire",
    "Helen",
    "Karen",
    "Susan",
    "Sue",
    "Julie",
    "Jane",
    "Elizabeth",
    "Margaret",
    "Mary",
    "Patricia",
    "Linda",
    "Barbara",
    "Jennifer",
    "Nicola",
    "Louise",
    "Victoria",
    "Catherine",
    "Katie",
    "Kate",
    "Joanne",
    "Angela",
    "Deborah",
    "Sandra",
    "Tracey",
    "Lisa",
    "Michelle",
    "Samantha",
    "Gemma",
    "Natalie",
    "Anna",
    "Anne",
    "Ann",
    "Jean",
    "Joan",
    "Janet",
    "Christine",
    "Carol",
    "Pauline",
    "Gillian",
    "Fiona",
    "Alison",
    "Shirley",
    "Dorothy",
    "Brenda",
    "Hope",
    "Faith",
    "Joy",
    "Rose",
    "May",
    "June",
    "April",
    "Dawn",
    "Holly",
    "Amber",
    "Chloe",
    "Megan",
    "Zoe",
    "Jasmine",
    "Fatima",
    "Aisha",
    "Priya",
    "Maryam",
    "Oliver",
    "George",
    "Noah",
    "Arthur",
    "Leo",
    "Muhammad",
    "Mohammed",
    "Harry",
    "Oscar",
    "Archie",
    "Henry",
    "Jack",
    "Charlie",
    "Freddie",
    "Theo",
    "Thomas",
    "James",
    "William",
    "Jacob",
    "Alfie",
    "Joshua",
    "Daniel",
    "David",
    "John",
    "Michael",
    "Paul",
    "Andrew",
    "Mark",
    "Peter",
    "Richard",
    "Robert",
    "Stephen",
    "Steven",
    "Christopher",
    "Chris",
    "Matthew",
    "Anthony",
    "Ian",
    "Gary",
    "Kevin",
    "Simon",
    "Neil",
    "Martin",
    "Graham",
    "Colin",
    "Keith",
    "Brian",
    "Alan",
    "Kenneth",
    "Derek",
    "Stuart",
    "Craig",
    "Lee",
    "Dean",
    "Jason",
    "Adam",
    "Ryan",
    "Luke",
    "Samuel",
    "Ben",
    "Joseph",
    "Edward",
    "Alexander",
    "Callum",
    "Liam",
    "Connor",
    "Jamie",
    "Ali",
    "Ahmed",
    "Hassan",
    "Raj",
    "Sanjay",
    "Tom",
    "Sam",
    "Dan",
    "Nick",
    "Joe",
    "Rob",
    "Will",
    "Bill",
    "Frank",
    "Patrick",
    "Sean",
    "Gareth",
    "Rhys",
    "Dylan",
    "Owen",
    "Hamish",
    "Angus",
    "Ewan",
];

/// First names that are also ordinary words: not a name at the start of a sentence ("Will
/// they call?"), and month names not a name after "in", "since" and the like.
const WORD_NAMES: &[&str] = &[
    "Will", "May", "June", "April", "Hope", "Faith", "Grace", "Joy", "Rose", "Dawn", "Holly",
    "Amber", "Ivy", "Lily", "Daisy", "Ruby", "Willow", "Poppy", "Harper", "Mark", "Bill", "Frank",
    "Dean", "Rob", "Jack", "Nick", "Sue",
];

const DATE_WORDS: &[&str] = &[
    "in", "since", "until", "till", "from", "by", "early", "late", "mid", "last", "next", "this",
    "of", "during", "before", "after", "on", "end",
];

/// Capitalised words that are not names or place names: sentence openers, pronouns, and
/// roles that follow "Nurse" or "Doctor" ("Clinical Nurse Specialist").
const NOT_NAMES: &[&str] = &[
    "i",
    "the",
    "a",
    "an",
    "my",
    "our",
    "your",
    "his",
    "her",
    "their",
    "its",
    "this",
    "that",
    "these",
    "those",
    "there",
    "then",
    "when",
    "while",
    "after",
    "before",
    "during",
    "since",
    "at",
    "in",
    "on",
    "to",
    "from",
    "with",
    "for",
    "of",
    "and",
    "but",
    "or",
    "so",
    "if",
    "as",
    "by",
    "it",
    "we",
    "they",
    "he",
    "she",
    "you",
    "me",
    "us",
    "them",
    "nhs",
    "gp",
    "gps",
    "local",
    "every",
    "each",
    "some",
    "any",
    "no",
    "not",
    "yes",
    "also",
    "just",
    "only",
    "even",
    "now",
    "today",
    "yesterday",
    "tomorrow",
    "new",
    "old",
    "dear",
    "hello",
    "hi",
    "thanks",
    "thank",
    "please",
    "good",
    "what",
    "why",
    "how",
    "who",
    "where",
    "which",
    "specialist",
    "specialists",
    "practitioner",
    "consultant",
    "manager",
    "lead",
    "team",
    "navigator",
    "nurse",
    "nurses",
    "doctor",
    "doctors",
    "registrar",
    "surgeon",
    "oncologist",
    "in-charge",
    "was",
    "is",
];

/// Words naming a kind of place; a capitalised name before one makes a place name.
const PLACE_WORDS: &[&str] = &[
    "hospital",
    "hospitals",
    "infirmary",
    "clinic",
    "hospice",
    "surgery",
    "practice",
    "centre",
    "center",
    "unit",
    "ward",
];

/// Words that describe a place without naming it: part of a place name, but not enough.
const PLACE_DESCRIPTIONS: &[&str] = &[
    "medical",
    "health",
    "cancer",
    "community",
    "general",
    "district",
    "day",
    "treatment",
    "oncology",
    "haematology",
    "chemotherapy",
    "chemo",
    "radiotherapy",
    "breast",
    "outpatient",
    "outpatients",
    "inpatient",
    "children's",
    "women's",
    "eye",
    "dental",
    "specialist",
    "care",
    "palliative",
    "maternity",
    "surgical",
    "acute",
    "assessment",
    "research",
    "university",
    "teaching",
    "family",
    "intensive",
    "critical",
    "high",
    "dependency",
    "gp",
    "nhs",
    "local",
    "main",
    "the",
    "my",
    "our",
    "a",
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const MONTH_ABBREVIATIONS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
}

/// Words: letters and digits, with ' ’ and - inside a word, and a closing ' after an s
/// ("Thomas'").
fn words(text: &str) -> Vec<Word> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            let next_alnum = chars.get(j + 1).is_some_and(|(_, n)| n.is_alphanumeric());
            if c.is_alphanumeric() || (matches!(c, '\'' | '’' | '-') && next_alnum) {
                j += 1;
            } else if matches!(c, '\'' | '’') && chars[j - 1].1 == 's' && !next_alnum {
                j += 1;
                break;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(text.len(), |(at, _)| *at);
        out.push(Word { start, end });
        i = j;
    }
    out
}

struct Scan<'t> {
    text: &'t str,
    words: &'t [Word],
}

impl<'t> Scan<'t> {
    fn word(&self, i: usize) -> &'t str {
        self.words.get(i).map_or("", |w| &self.text[w.start..w.end])
    }

    fn lower(&self, i: usize) -> String {
        self.word(i).to_lowercase()
    }

    /// The text between word `i - 1` and word `i`.
    fn gap(&self, i: usize) -> &'t str {
        let Some(w) = self.words.get(i) else {
            return "";
        };
        let from = i
            .checked_sub(1)
            .and_then(|p| self.words.get(p))
            .map_or(0, |p| p.end);
        &self.text[from..w.start]
    }

    /// Does word `i` follow word `i - 1` in the same phrase (only a space between, or the full
    /// stop of "Dr." or "St.")?
    fn joined(&self, i: usize) -> bool {
        if i == 0 || i >= self.words.len() {
            return false;
        }
        let gap = self.gap(i);
        let spaced = |g: &str| !g.is_empty() && g.chars().all(|c| c == ' ' || c == '\t');
        spaced(gap)
            || (gap.starts_with('.')
                && spaced(&gap[1..])
                && ABBREVIATIONS.contains(&self.lower(i - 1).as_str()))
    }

    /// Joined, or with a comma between ("Tuesday, 3 December", "December 3, 2026").
    fn joined_or_comma(&self, i: usize) -> bool {
        self.joined(i)
            || (i > 0 && i < self.words.len() && {
                let gap = self.gap(i);
                gap.starts_with(',') && gap[1..].chars().all(|c| c == ' ') && gap.len() > 1
            })
    }

    fn sentence_start(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let gap = self.gap(i);
        if gap.contains('\n') {
            return true;
        }
        let trimmed =
            gap.trim_end_matches(|c: char| c.is_whitespace() || "\"'“‘([-–—•*".contains(c));
        let ends_sentence = trimmed.ends_with(['.', '!', '?', ':']);
        ends_sentence && !(trimmed == "." && ABBREVIATIONS.contains(&self.lower(i - 1).as_str()))
    }

    fn capitalised(&self, i: usize) -> bool {
        self.word(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// A capitalised word that could be a name: not a sentence word, role, weekday or month.
    fn name_like(&self, i: usize) -> bool {
        let lower = self.lower(i);
        let bare = strip_possessive(&lower);
        self.capitalised(i)
            && !NOT_NAMES.contains(&bare)
            && !WEEKDAYS.contains(&bare)
            && !MONTHS.contains(&bare)
            && !PLACE_WORDS.contains(&bare)
            && !TITLES.contains(&bare)
            && !self.word(i).chars().any(|c| c.is_ascii_digit())
    }

    fn push(
        &self,
        from: usize,
        to: usize,
        kind: DetailKind,
        out: &mut Vec<(DetailKind, usize, usize)>,
    ) {
        if let (Some(a), Some(b)) = (self.words.get(from), self.words.get(to)) {
            out.push((kind, a.start, b.end));
        }
    }

    /// Up to two more capitalised words after `i` (a surname, or a first and last name).
    fn extend_name(&self, i: usize) -> usize {
        let mut last = i;
        while last < i + 2 && self.joined(last + 1) && self.name_like(last + 1) {
            last += 1;
        }
        last
    }

    fn titled_name(&self, i: usize, out: &mut Vec<(DetailKind, usize, usize)>) {
        if !TITLES.contains(&self.lower(i).as_str()) || !self.joined(i + 1) {
            return;
        }
        let next = self.word(i + 1);
        let initial = next.chars().count() == 1 && self.capitalised(i + 1);
        let acronym = next.chars().count() > 1 && next.chars().all(|c| c.is_uppercase());
        if initial || (self.name_like(i + 1) && !acronym) {
            let last = self.extend_name(i + 1);
            self.push(i, last, DetailKind::Name, out);
        }
    }

    fn first_name(&self, i: usize, out: &mut Vec<(DetailKind, usize, usize)>) {
        let word = self.word(i);
        let bare = strip_possessive(word);
        if !FIRST_NAMES.contains(&bare) {
            return;
        }
        if WORD_NAMES.contains(&bare) && self.sentence_start(i) {
            return;
        }
        if MONTHS.contains(&bare.to_lowercase().as_str()) {
            let after_date_word =
                i > 0 && self.joined(i) && DATE_WORDS.contains(&self.lower(i - 1).as_str());
            let before_number =
                self.joined(i + 1) && self.word(i + 1).starts_with(|c: char| c.is_ascii_digit());
            if after_date_word || before_number {
                return;
            }
        }
        let last = if bare == word { self.extend_name(i) } else { i };
        self.push(i, last, DetailKind::Name, out);
    }

    fn place(&self, i: usize, out: &mut Vec<(DetailKind, usize, usize)>) {
        let lower = self.lower(i);
        // "Ward 7", "ward 7b", "Ward Rowan".
        if lower == "ward" && self.joined(i + 1) {
            let next = self.word(i + 1);
            let number = next.starts_with(|c: char| c.is_ascii_digit())
                && next.chars().count() <= 4
                && next.chars().all(char::is_alphanumeric);
            let letter = next.chars().count() == 1 && self.capitalised(i + 1);
            if number || letter || self.name_like(i + 1) {
                self.push(i, i + 1, DetailKind::Place, out);
            }
        }
        // "St Mary's", "St. Thomas'".
        if matches!(self.word(i), "St" | "Saint") && self.joined(i + 1) && self.name_like(i + 1) {
            self.push(i, i + 1, DetailKind::Place, out);
        }
        if !PLACE_WORDS.contains(&lower.as_str()) {
            return;
        }
        // Walk back over the name before the place word: "Queen Elizabeth University Hospital",
        // "Riverside medical centre", "Guy's and St Thomas' Hospital".
        let mut first = i;
        let mut named = false;
        let mut j = i;
        while j > 0 && self.joined(j) {
            let k = j - 1;
            let word_lower = self.lower(k);
            let description = PLACE_DESCRIPTIONS.contains(&word_lower.as_str())
                && !NOT_NAMES.contains(&word_lower.as_str());
            if description {
                first = k;
            } else if self.name_like(k) || matches!(self.word(k), "St" | "Saint") {
                named = true;
                first = k;
            } else if !(matches!(word_lower.as_str(), "and" | "of")
                && k > 0
                && self.joined(k)
                && self.name_like(k - 1))
            {
                break;
            }
            j = k;
        }
        if named {
            self.push(first, i, DetailKind::Place, out);
        }
    }

    fn postcode(&self, i: usize, out: &mut Vec<(DetailKind, usize, usize)>) {
        let word = self.word(i);
        let upper = word.to_uppercase();
        if upper.len() >= 5 && upper.len() <= 7 && word.is_ascii() {
            let (outward, inward) = upper.split_at(upper.len() - 3);
            if is_outward(outward) && is_inward(inward) {
                self.push(i, i, DetailKind::Postcode, out);
                return;
            }
        }
        let inward = self.word(i + 1);
        let ordinal = matches!(inward, "1st" | "2nd" | "3rd") || inward.ends_with("th");
        if is_outward(&upper) && self.joined(i + 1) && is_inward(&inward.to_uppercase()) && !ordinal
        {
            self.push(i, i + 1, DetailKind::Postcode, out);
        }
    }

    fn month(&self, i: usize) -> bool {
        let word = self.word(i);
        let lower = word.to_lowercase();
        let needs_capital = matches!(lower.as_str(), "may" | "march");
        (MONTHS.contains(&lower.as_str()) && (!needs_capital || self.capitalised(i)))
            || MONTH_ABBREVIATIONS.contains(&word)
    }

    /// A day of the month: "3", "03", "3rd".
    fn day(&self, i: usize) -> Option<bool> {
        let word = self.word(i).to_lowercase();
        let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
        let suffix = &word[digits.len()..];
        let n: u32 = digits.parse().ok()?;
        let ordinal = matches!(suffix, "st" | "nd" | "rd" | "th");
        ((1..=31).contains(&n) && digits.len() <= 2 && (suffix.is_empty() || ordinal))
            .then_some(ordinal)
    }

    fn year(&self, i: usize) -> bool {
        let word = self.word(i);
        word.len() == 4
            && word.chars().all(|c| c.is_ascii_digit())
            && (word.starts_with("19") || word.starts_with("20"))
    }

    /// "3 December", "3rd of Dec 2026", "December 3rd", "December 2026", "Tuesday the 3rd".
    fn written_date(&self, i: usize, out: &mut Vec<(DetailKind, usize, usize)>) {
        let mut j = i;
        let weekday = WEEKDAYS.contains(&self.lower(i).as_str());
        if weekday {
            if !self.joined_or_comma(i + 1) {
                return;
            }
            j += 1;
        }
        let the = |k: usize| -> usize {
            if self.lower(k) == "the" && self.joined(k + 1) {
                k + 1
            } else {
                k
            }
        };
        let with_year = |k: usize| -> usize {
            if self.joined_or_comma(k + 1) && self.year(k + 1) {
                k + 1
            } else {
                k
            }
        };
        // Day first ("the" only after a weekday: "Friday the 12th").
        let d = if weekday { the(j) } else { j };
        if let Some(ordinal) = self.day(d) {
            let mut m = d + 1;
            if self.lower(m) == "of" && self.joined(m) && self.joined(m + 1) {
                m += 1;
            }
            if self.joined(m) && self.month(m) {
                self.push(i, with_year(m), DetailKind::Date, out);
                return;
            }
            if weekday && (ordinal || d > j) {
                self.push(i, d, DetailKind::Date, out);
            }
            return;
        }
        // Month first.
        if self.month(j) {
            let d = if self.joined(j + 1) { the(j + 1) } else { j };
            if d > j && self.joined(d) && self.day(d).is_some() {
                self.push(i, with_year(d), DetailKind::Date, out);
            } else if self.joined(j + 1) && self.year(j + 1) {
                self.push(i, j + 1, DetailKind::Date, out);
            }
        }
    }
}

fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(bare) = word.strip_suffix(suffix) {
            return bare;
        }
    }
    word
}

/// The first half of a postcode: "B97", "SW1A", "M1".
fn is_outward(s: &str) -> bool {
    let b = s.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    if !(1..=2).contains(&letters) || b.len() < letters + 1 || b.len() > letters + 2 {
        return false;
    }
    b[letters].is_ascii_digit()
        && b[letters + 1..]
            .iter()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
}

/// The second half of a postcode: a digit and two letters (never C, I, K, M, O or V).
fn is_inward(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 3
        && b[0].is_ascii_digit()
        && b[1..]
            .iter()
            .all(|c| c.is_ascii_uppercase() && !b"CIKMOV".contains(c))
}

fn emails(text: &str, out: &mut Vec<(DetailKind, usize, usize)>) {
    let local = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_alphanumeric() || ".-".contains(c);
    for (at, _) in text.match_indices('@') {
        let before = &text[..at];
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| local(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let after = &text[at + 1..];
        let length = after
            .char_indices()
            .take_while(|(_, c)| domain(*c))
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        let host = after[..length].trim_end_matches(['.', '-']);
        let start = start + text[start..at].len() - text[start..at].trim_start_matches('.').len();
        let tld_ok = host.rsplit_once('.').is_some_and(|(_, tld)| {
            tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic)
        });
        if start < at && tld_ok {
            out.push((DetailKind::Email, start, at + 1 + host.len()));
        }
    }
}

/// Runs of digits with spaces, hyphens or brackets between them: UK phone numbers and NHS
/// numbers (ten digits, usually written 3 3 4).
fn numbers(text: &str, out: &mut Vec<(DetailKind, usize, usize)>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let previous_alnum = i > 0 && chars[i - 1].1.is_alphanumeric();
        let next_digit = chars.get(i + 1).is_some_and(|(_, n)| n.is_ascii_digit());
        let starts = c.is_ascii_digit() || (matches!(c, '+' | '(') && next_digit);
        if !starts || previous_alnum {
            i += 1;
            continue;
        }
        let plus = c == '+';
        let mut digits = String::new();
        let mut j = i;
        let mut end = start;
        while j < chars.len() {
            let ch = chars[j].1;
            if ch.is_ascii_digit() {
                digits.push(ch);
                end = chars[j].0 + 1;
                j += 1;
                continue;
            }
            if ch == '+' && j == i {
                j += 1;
                continue;
            }
            // Up to two separators, and only if more digits follow.
            let separators = chars[j..]
                .iter()
                .take(3)
                .take_while(|(_, s)| matches!(s, ' ' | '-' | '(' | ')'))
                .count();
            let continues = separators > 0
                && separators <= 2
                && chars
                    .get(j + separators)
                    .is_some_and(|(_, d)| d.is_ascii_digit());
            if !continues {
                break;
            }
            j += separators;
        }
        let followed_by_alnum = chars.get(j).is_some_and(|(_, n)| n.is_alphanumeric());
        if !followed_by_alnum {
            let national = if plus || digits.starts_with("0044") {
                let rest = digits
                    .strip_prefix("0044")
                    .or_else(|| digits.strip_prefix("44"));
                rest.map(|r| format!("0{}", r.strip_prefix('0').unwrap_or(r)))
            } else {
                None
            };
            let kind = match national.as_deref() {
                Some(n) if (10..=11).contains(&n.len()) => Some(DetailKind::Phone),
                Some(_) => None,
                None if digits.len() == 10 && !digits.starts_with('0') => {
                    Some(DetailKind::NhsNumber)
                }
                None if (10..=11).contains(&digits.len())
                    && digits.starts_with('0')
                    && !digits[1..].starts_with('0') =>
                {
                    Some(DetailKind::Phone)
                }
                None => None,
            };
            if let Some(kind) = kind {
                out.push((kind, start, end));
            }
        }
        i = j.max(i + 1);
    }
}

/// "3/12/2026", "03-12-26", "3.12.26", "2026-12-03".
fn numeric_dates(text: &str, out: &mut Vec<(DetailKind, usize, usize)>) {
    let bytes = text.as_bytes();
    let digits_at = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let number = |from: usize, len: usize| -> u32 {
        text.get(from..from + len)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    };
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit()
            || (i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] > 127))
        {
            i += 1;
            continue;
        }
        let a = digits_at(i);
        let sep_at = i + a;
        let matched = (|| {
            let sep = *bytes.get(sep_at)?;
            if !matches!(sep, b'/' | b'-' | b'.') {
                return None;
            }
            let b = digits_at(sep_at + 1);
            let second_sep = sep_at + 1 + b;
            if b == 0 || b > 2 || *bytes.get(second_sep)? != sep {
                return None;
            }
            let c = digits_at(second_sep + 1);
            let end = second_sep + 1 + c;
            if bytes.get(end).is_some_and(|n| n.is_ascii_alphanumeric()) {
                return None;
            }
            let (x, y, z) = (
                number(i, a),
                number(sep_at + 1, b),
                number(second_sep + 1, c),
            );
            let valid = if a == 4 {
                (1..=12).contains(&y) && (1..=31).contains(&z) && (1..=2).contains(&c)
            } else {
                a <= 2
                    && (c == 2 || c == 4)
                    && (1..=31).contains(&x)
                    && (1..=31).contains(&y)
                    && (x <= 12 || y <= 12)
            };
            valid.then_some(end)
        })();
        match matched {
            Some(end) => {
                out.push((DetailKind::Date, i, end));
                i = end;
            }
            None => i += a.max(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DetailKind::*;

    fn found(text: &str) -> Vec<(DetailKind, String)> {
        identifying_details(text)
            .into_iter()
            .map(|f| (f.kind, f.text))
            .collect()
    }

    #[test]
    fn details_that_must_be_found() {
        let cases: &[(&str, &[(DetailKind, &str)])] = &[
            ("I saw Dr Patel today.", &[(Name, "Dr Patel")]),
            ("Dr. Okafor-Smith was kind.", &[(Name, "Dr. Okafor-Smith")]),
            (
                "My consultant, Professor Jane Ellis, said no.",
                &[(Name, "Professor Jane Ellis")],
            ),
            (
                "Mr J. Khan and Mrs O'Neill were there.",
                &[(Name, "Mr J"), (Name, "Mrs O'Neill")],
            ),
            ("Nurse Kelly was lovely.", &[(Name, "Nurse Kelly")]),
            (
                "the ward sister, Sister Agnes, helped",
                &[(Name, "Sister Agnes")],
            ),
            ("I spoke to Sarah on the phone.", &[(Name, "Sarah")]),
            ("Sarah Jones called me back.", &[(Name, "Sarah Jones")]),
            ("Then Will rang to say it was fine.", &[(Name, "Will")]),
            (
                "I was with Hope and Grace.",
                &[(Name, "Hope"), (Name, "Grace")],
            ),
            ("It was on 3 December.", &[(Date, "3 December")]),
            ("On December 3rd I went in.", &[(Date, "December 3rd")]),
            ("The scan was on 3/12/2026.", &[(Date, "3/12/2026")]),
            ("The scan was on 03-12-26 at noon.", &[(Date, "03-12-26")]),
            ("Results came on 2026-12-03.", &[(Date, "2026-12-03")]),
            (
                "Seen on Tuesday 3rd December 2026.",
                &[(Date, "Tuesday 3rd December 2026")],
            ),
            ("Seen on Tuesday, 3 Dec.", &[(Date, "Tuesday, 3 Dec")]),
            (
                "Come back on Friday the 12th.",
                &[(Date, "Friday the 12th")],
            ),
            ("I was diagnosed in March 2024.", &[(Date, "March 2024")]),
            ("the 4th of July", &[(Date, "4th of July")]),
            (
                "I was treated at Queen Elizabeth University Hospital.",
                &[(Place, "Queen Elizabeth University Hospital")],
            ),
            (
                "We went to Riverside medical centre.",
                &[(Place, "Riverside medical centre")],
            ),
            ("I waited on Ward 7 for hours.", &[(Place, "Ward 7")]),
            ("I was moved to ward 7b.", &[(Place, "ward 7b")]),
            ("They put me on Ward Rowan.", &[(Place, "Ward Rowan")]),
            ("Rowan Ward was noisy.", &[(Place, "Rowan Ward")]),
            ("I was at St Mary's for a week.", &[(Place, "St Mary's")]),
            (
                "I was at St. Thomas' Hospital.",
                &[(Place, "St. Thomas' Hospital")],
            ),
            (
                "Guy's and St Thomas' Hospital",
                &[(Place, "Guy's and St Thomas' Hospital")],
            ),
            ("The Christie Hospital", &[(Place, "Christie Hospital")]),
            ("Maggie's Centre helped.", &[(Place, "Maggie's Centre")]),
            (
                "St Luke's Hospice cared for Mum.",
                &[(Place, "St Luke's Hospice")],
            ),
            ("Call me on 07700 900123.", &[(Phone, "07700 900123")]),
            ("Ring 0121 496 0000 please.", &[(Phone, "0121 496 0000")]),
            ("Ring (0121) 496 0000.", &[(Phone, "(0121) 496 0000")]),
            ("or +44 7700 900123", &[(Phone, "+44 7700 900123")]),
            ("or +44 (0)20 7946 0000", &[(Phone, "+44 (0)20 7946 0000")]),
            ("or 020-7946-0000", &[(Phone, "020-7946-0000")]),
            (
                "Email jane.doe+nhs@example.co.uk.",
                &[(Email, "jane.doe+nhs@example.co.uk")],
            ),
            (
                "My NHS number is 943 476 5919.",
                &[(NhsNumber, "943 476 5919")],
            ),
            ("My NHS number is 9434765919", &[(NhsNumber, "9434765919")]),
            ("I live in B97 9PT now.", &[(Postcode, "B97 9PT")]),
            ("near SW1A 1AA", &[(Postcode, "SW1A 1AA")]),
            ("postcode m1 1ae", &[(Postcode, "m1 1ae")]),
            ("postcode EC1A1BB", &[(Postcode, "EC1A1BB")]),
        ];
        for (text, want) in cases {
            let want: Vec<(DetailKind, String)> =
                want.iter().map(|(k, t)| (*k, (*t).to_owned())).collect();
            assert_eq!(found(text), want, "{text}");
        }
    }

    #[test]
    fn ordinary_sentences_are_not_flagged() {
        let cases = [
            "I saw the doctor on a Monday and felt rushed.",
            "The nurse was kind.",
            "The hospital was busy and the ward was noisy.",
            "Will they call me back?",
            "Hope is what keeps me going.",
            "Grace under pressure is hard.",
            "May I ask a question?",
            "I had surgery in May and will have a scan in June.",
            "Since April I have felt better.",
            "My GP surgery was helpful.",
            "After Surgery I was tired.",
            "The Cancer Centre has a café.",
            "The Clinical Nurse Specialist explained it.",
            "My appointment was at 10:30 and lasted 20 minutes.",
            "I take 2 tablets twice a day, 3 times a week.",
            "I waited 3 hours in December.",
            "Last Tuesday was hard.",
            "It cost £1,250 to park over 12 weeks.",
            "I asked my consultant about chemo and the MDT.",
            "The Macmillan nurse was lovely.",
            "I was in the Intensive Care Unit for a day.",
            "Stage 2, grade 3, T2 N0 M0.",
            "I live on the M6 3rd junction side.",
            "About 2/3 of people feel this way.",
            "Email me at the address on file.",
            "The A&E department was full.",
        ];
        for text in cases {
            assert_eq!(found(text), Vec::new(), "{text}");
        }
    }

    #[test]
    fn findings_are_sorted_with_byte_offsets_and_never_overlap() {
        let text = "On 3 December I saw Dr Ngozi Adeyemi at St Mary’s Hospital, Ward 4, and rang 07700 900123 — café ☕ Sarah.";
        let findings = identifying_details(text);
        for f in &findings {
            assert_eq!(&text[f.start..f.end], f.text);
        }
        assert!(
            findings.windows(2).all(|w| w[0].end <= w[1].start),
            "{findings:?}"
        );
        let kinds: Vec<DetailKind> = findings.iter().map(|f| f.kind).collect();
        assert_eq!(
            kinds,
            [Date, Name, Place, Place, Phone, Name],
            "{findings:?}"
        );
        assert!(identifying_details("").is_empty());
    }
}
