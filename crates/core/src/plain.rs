//! The plain-English check: long sentences, reading ease (Flesch), and words with plainer
//! alternatives. Also used by `check-content` for Heard's own pages.

use serde::Deserialize;

/// Sentences longer than this many words are flagged.
pub const LONG_SENTENCE_WORDS: usize = 25;

/// A word or phrase with a plainer alternative, from `content/plain-english.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PlainerWord {
    pub word: String,
    pub instead: String,
}

#[derive(Debug, Clone, Deserialize)]
struct WordList {
    words: Vec<PlainerWord>,
}

/// Parses the word list.
pub fn word_list(toml_text: &str) -> Result<Vec<PlainerWord>, String> {
    let list: WordList = toml::from_str(toml_text).map_err(|e| e.message().to_owned())?;
    Ok(list.words)
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlainReport {
    /// 0 (hard) to 100 and above (very easy); 60 or more is plain English.
    pub reading_ease: f64,
    pub words: usize,
    pub sentences: usize,
    /// Sentences over the limit, with their word counts.
    pub long_sentences: Vec<(String, usize)>,
    /// Words found, with their plainer alternatives.
    pub plainer: Vec<PlainerWord>,
}

pub fn check(text: &str, plainer: &[PlainerWord]) -> PlainReport {
    let sentences = sentences(text);
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let long_sentences = sentences
        .iter()
        .map(|s| (s.clone(), s.split_whitespace().count()))
        .filter(|(_, n)| *n > LONG_SENTENCE_WORDS)
        .collect();
    let lower = format!(
        " {} ",
        text.to_lowercase()
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    );
    let found = plainer
        .iter()
        .filter(|p| lower.contains(&format!(" {} ", p.word.to_lowercase())))
        .cloned()
        .collect();
    PlainReport {
        reading_ease: reading_ease(text),
        words: words.len(),
        sentences: sentences.len(),
        long_sentences,
        plainer: found,
    }
}

/// Splits text into sentences at . ! ? and at line breaks (list items count as sentences).
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        let chars: Vec<char> = line.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            current.push(*c);
            let ends =
                matches!(c, '.' | '!' | '?') && chars.get(i + 1).is_none_or(|n| n.is_whitespace());
            if ends {
                push_sentence(&mut out, &current);
                current.clear();
            }
        }
        push_sentence(&mut out, &current);
    }
    out
}

fn push_sentence(out: &mut Vec<String>, s: &str) {
    let s = s.trim().trim_start_matches(['-', '*', '•']).trim();
    if s.chars().any(char::is_alphabetic) {
        out.push(s.to_owned());
    }
}

/// Flesch reading ease: 206.835 − 1.015 × words per sentence − 84.6 × syllables per word.
pub fn reading_ease(text: &str) -> f64 {
    let sentences = sentences(text);
    let words: Vec<String> = sentences
        .iter()
        .flat_map(|s| {
            s.split_whitespace()
                .map(|w| w.chars().filter(|c| c.is_alphabetic()).collect::<String>())
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || sentences.is_empty() {
        return 100.0;
    }
    let syllables: usize = words.iter().map(|w| syllables(w)).sum();
    let w = words.len() as f64;
    206.835 - 1.015 * (w / sentences.len() as f64) - 84.6 * (syllables as f64 / w)
}

/// Syllables in an English word, by vowel groups: good enough to rank texts, as Flesch is.
pub fn syllables(word: &str) -> usize {
    let w: Vec<char> = word
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .collect();
    if w.is_empty() {
        return 0;
    }
    if w.len() <= 3 {
        return 1;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut count = 0;
    let mut previous = false;
    for &c in &w {
        let v = vowel(c);
        if v && !previous {
            count += 1;
        }
        previous = v;
    }
    // A silent final e ("make"), but not "-le" ("table") or a word whose only vowel it is.
    let n = w.len();
    if w[n - 1] == 'e' && !(n >= 3 && w[n - 2] == 'l' && !vowel(w[n - 3])) && count > 1 {
        count -= 1;
    }
    // "-ed" is silent unless after t or d ("asked" one, "wanted" two).
    if n > 3 && w[n - 2] == 'e' && w[n - 1] == 'd' && !matches!(w[n - 3], 't' | 'd') && count > 1 {
        count -= 1;
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Vec<PlainerWord> {
        word_list("[[words]]\nword = \"utilise\"\ninstead = \"use\"\n[[words]]\nword = \"prior to\"\ninstead = \"before\"\n").unwrap()
    }

    #[test]
    fn syllables_are_counted_well_enough() {
        for (word, n) in [
            ("cat", 1),
            ("make", 1),
            ("table", 2),
            ("asked", 1),
            ("wanted", 2),
            ("appointment", 3),
            ("treatment", 2),
            ("oncology", 4),
            ("the", 1),
        ] {
            assert_eq!(syllables(word), n, "{word}");
        }
    }

    #[test]
    fn plain_text_scores_high_and_dense_text_scores_low() {
        let plain = "I had my scan on Monday. The nurse was kind. I want to know what it shows.";
        let dense = "Subsequently, notwithstanding the aforementioned considerations, the multidisciplinary team's deliberations regarding therapeutic interventions necessitated comprehensive reconsideration.";
        assert!(reading_ease(plain) > 80.0, "{}", reading_ease(plain));
        assert!(reading_ease(dense) < 20.0, "{}", reading_ease(dense));
    }

    #[test]
    fn long_sentences_are_flagged_and_short_ones_are_not() {
        let long = "I am writing to you because at my appointment last week there were several things that I did not understand and I would like to ask about them again please.";
        let report = check(long, &[]);
        assert_eq!(report.long_sentences.len(), 1);
        assert_eq!(report.long_sentences[0].1, 30);
        let near = "I am writing because there were several things at my appointment that I did not understand, and I would like to ask again.";
        assert!(
            check(near, &[]).long_sentences.is_empty(),
            "{} words",
            near.split_whitespace().count()
        );
    }

    #[test]
    fn plainer_words_are_suggested_as_whole_words_only() {
        let report = check("Prior to my visit I will utilise the car park.", &words());
        let found: Vec<&str> = report.plainer.iter().map(|p| p.word.as_str()).collect();
        assert_eq!(found, ["utilise", "prior to"]);
        assert!(
            check("The priority is to use the car park.", &words())
                .plainer
                .is_empty()
        );
    }

    #[test]
    fn list_items_count_as_sentences() {
        assert_eq!(sentences("Questions:\n- What is it\n- When").len(), 3);
    }
}
