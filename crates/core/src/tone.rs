//! The tone check: things in a letter that tend to make a reader defensive, each with a calmer
//! way to say it. It advises; it never stops anyone sending.

/// Which rule a warning comes from. Each is also a message id (`tone-<id>`) with a suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToneRule {
    Shouting,
    Exclamations,
    Absolutes,
    AssumedIntent,
    Insult,
    Blame,
}

impl ToneRule {
    pub const ALL: [ToneRule; 6] = [
        ToneRule::Shouting,
        ToneRule::Exclamations,
        ToneRule::Absolutes,
        ToneRule::AssumedIntent,
        ToneRule::Insult,
        ToneRule::Blame,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ToneRule::Shouting => "shouting",
            ToneRule::Exclamations => "exclamations",
            ToneRule::Absolutes => "absolutes",
            ToneRule::AssumedIntent => "assumed-intent",
            ToneRule::Insult => "insult",
            ToneRule::Blame => "blame",
        }
    }
}

/// One thing the check noticed: the rule, and the words that set it off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToneWarning {
    pub rule: ToneRule,
    pub found: String,
}

/// Words in capitals that are not shouting.
const ACRONYMS: &[&str] = &[
    "NHS", "PALS", "PASS", "GP", "GPS", "BSL", "ICB", "CT", "MRI", "PET", "A&E", "HSC", "UK",
    "GDPR", "ICO", "PHSO", "SPSO", "PSOW", "NIPSO", "DNACPR", "ECG", "CNS", "MDT", "OK", "ID", "I",
    "A", "NHSE",
];

const ABSOLUTES: &[&str] = &[
    "you always",
    "you never",
    "every time",
    "every single time",
    "nobody ever",
    "no one ever",
    "nobody listens",
    "no one listens",
    "you all",
    "never once",
];

const ASSUMED_INTENT: &[&str] = &[
    "you deliberately",
    "deliberately ignored",
    "on purpose",
    "you don't care",
    "you do not care",
    "you didn't care",
    "you did not care",
    "couldn't care less",
    "could not care less",
    "you didn't bother",
    "you did not bother",
    "you clearly",
    "obviously you",
    "you wanted me to",
    "you just wanted",
];

const INSULTS: &[&str] = &[
    "incompetent",
    "useless",
    "stupid",
    "idiot",
    "idiots",
    "lazy",
    "disgraceful",
    "pathetic",
    "liar",
    "liars",
    "clueless",
    "arrogant",
    "a joke",
    "shambles",
    "heartless",
    "uncaring",
];

const BLAME: &[&str] = &[
    "you made me feel",
    "you made me",
    "your fault",
    "you ruined",
    "you failed to",
    "you failed me",
    "you let me down",
    "because of you",
];

/// Everything the check notices in `text`, in the order the rules are listed.
pub fn check(text: &str) -> Vec<ToneWarning> {
    let mut out = Vec::new();
    let words: Vec<&str> = text.split_whitespace().collect();

    // SHOUTING: a run of two or more words in capitals, or one long one, that are not acronyms.
    let shouty = |w: &&str| {
        let letters: String = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.chars().count() >= 2
            && letters.chars().all(char::is_uppercase)
            && !ACRONYMS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&'))
    };
    let mut run: Vec<&str> = Vec::new();
    let mut shouting = Vec::new();
    for w in &words {
        if shouty(w) {
            run.push(w);
        } else {
            if run.len() >= 2
                || run
                    .iter()
                    .any(|r| r.chars().filter(|c| c.is_alphabetic()).count() >= 5)
            {
                shouting.push(run.join(" "));
            }
            run.clear();
        }
    }
    if run.len() >= 2
        || run
            .iter()
            .any(|r| r.chars().filter(|c| c.is_alphabetic()).count() >= 5)
    {
        shouting.push(run.join(" "));
    }
    out.extend(shouting.into_iter().map(|found| ToneWarning {
        rule: ToneRule::Shouting,
        found,
    }));

    // More than one exclamation mark in a row (or with only spaces between).
    let squashed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if squashed.contains("!!") || squashed.contains("!?") || squashed.contains("?!") {
        out.push(ToneWarning {
            rule: ToneRule::Exclamations,
            found: "!!".into(),
        });
    }

    let lower = normalise(text);
    for (rule, phrases) in [
        (ToneRule::Absolutes, ABSOLUTES),
        (ToneRule::AssumedIntent, ASSUMED_INTENT),
        (ToneRule::Insult, INSULTS),
        (ToneRule::Blame, BLAME),
    ] {
        // One warning a rule is enough to act on: the first phrase that set it off.
        if let Some(phrase) = phrases.iter().find(|p| contains_words(&lower, p)) {
            out.push(ToneWarning {
                rule,
                found: (*phrase).to_owned(),
            });
        }
    }
    out
}

/// Lower case, curly apostrophes straightened, every run of non-letters a single space, with a
/// space at each end so whole words can be found.
fn normalise(text: &str) -> String {
    let straight = text.replace(['\u{2019}', '\u{2018}'], "'").to_lowercase();
    let mut out = String::from(" ");
    for c in straight.chars() {
        if c.is_alphanumeric() || c == '\'' {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

fn contains_words(normalised: &str, phrase: &str) -> bool {
    normalised.contains(&format!(" {phrase} "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str) -> Vec<ToneRule> {
        check(text).into_iter().map(|w| w.rule).collect()
    }

    #[test]
    fn shouting_is_flagged_but_acronyms_and_single_capitals_are_not() {
        assert_eq!(
            rules("I was NOT TOLD about the scan."),
            [ToneRule::Shouting]
        );
        assert_eq!(rules("This is UNACCEPTABLE."), [ToneRule::Shouting]);
        assert!(rules("I asked PALS and my GP at the NHS trust. A&E sent me home.").is_empty());
        assert!(
            rules("I was NOT sure.").is_empty(),
            "one short word in capitals is emphasis, not shouting"
        );
    }

    #[test]
    fn runs_of_exclamation_marks_are_flagged_but_one_is_not() {
        assert_eq!(rules("I waited four hours!!"), [ToneRule::Exclamations]);
        assert_eq!(rules("Really ?!"), [ToneRule::Exclamations]);
        assert!(rules("Thank you so much!").is_empty());
    }

    #[test]
    fn absolutes_aimed_at_the_reader_are_flagged_but_plain_facts_are_not() {
        assert_eq!(rules("You never listen to me."), [ToneRule::Absolutes]);
        assert_eq!(
            rules("It happens every time I come in."),
            [ToneRule::Absolutes]
        );
        assert!(rules("I have never had a scan before.").is_empty());
        assert!(rules("Nevertheless, I always try to arrive early.").is_empty());
    }

    #[test]
    fn assumed_intent_is_flagged_but_describing_what_happened_is_not() {
        assert_eq!(
            rules("You deliberately ignored my question."),
            [ToneRule::AssumedIntent]
        );
        assert_eq!(
            rules("It felt like you don’t care."),
            [ToneRule::AssumedIntent]
        );
        assert!(rules("My question was not answered.").is_empty());
        assert!(rules("I care about getting this right.").is_empty());
    }

    #[test]
    fn insults_are_flagged_but_similar_words_are_not() {
        assert_eq!(rules("The staff were incompetent."), [ToneRule::Insult]);
        assert!(rules("The staff were competent and kind.").is_empty());
        assert!(
            rules("My stupidity about dates is why I keep a diary.").is_empty(),
            "a word inside another is not matched"
        );
    }

    #[test]
    fn blame_is_flagged_and_an_i_felt_sentence_is_not() {
        assert_eq!(
            rules("You made me feel stupid."),
            [ToneRule::Insult, ToneRule::Blame]
        );
        assert!(rules("I felt embarrassed when my question was brushed aside.").is_empty());
    }
}
