//! The question bank: questions people often want to ask, by topic, from `content/questions/`.

use serde::Deserialize;

pub use crate::provenance::Source;

use crate::consultation::AppointmentKind;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct BankQuestion {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub kinds: Vec<AppointmentKind>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Topic {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub order: u32,
    pub author: String,
    pub reviewer: String,
    pub last_reviewed: String,
    pub next_review: String,
    pub sources: Vec<Source>,
    pub questions: Vec<BankQuestion>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BankError {
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
}

/// All topics, in their order.
#[derive(Debug, Clone, Default)]
pub struct QuestionBank {
    topics: Vec<Topic>,
}

impl QuestionBank {
    /// Parses topic files given as (file name, TOML text). Checks what a reader relies on:
    /// every topic has sources and review dates, ids are unique, no question is empty.
    pub fn parse<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, BankError> {
        let mut topics = Vec::new();
        for (file, text) in files {
            let invalid = |message: String| BankError::Invalid {
                file: file.to_owned(),
                message,
            };
            let topic: Topic = toml::from_str(text).map_err(|e| invalid(e.message().to_owned()))?;
            if topic.sources.is_empty() {
                return Err(invalid("no sources".into()));
            }
            for date in [&topic.last_reviewed, &topic.next_review] {
                date.parse::<jiff::civil::Date>()
                    .map_err(|_| invalid(format!("{date} is not a date (YYYY-MM-DD)")))?;
            }
            if topic.questions.is_empty() {
                return Err(invalid("no questions".into()));
            }
            for q in &topic.questions {
                if q.text.trim().is_empty() {
                    return Err(invalid(format!("question {} is empty", q.id)));
                }
            }
            topics.push(topic);
        }
        topics.sort_by_key(|t| t.order);
        let mut ids: Vec<&str> = topics
            .iter()
            .flat_map(|t| t.questions.iter().map(|q| q.id.as_str()))
            .collect();
        ids.sort_unstable();
        if let Some(pair) = ids.windows(2).find(|w| w[0] == w[1]) {
            return Err(BankError::Invalid {
                file: "content/questions".into(),
                message: format!("question id {} is used twice", pair[0]),
            });
        }
        Ok(Self { topics })
    }

    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    pub fn question(&self, id: &str) -> Option<&BankQuestion> {
        self.topics
            .iter()
            .flat_map(|t| &t.questions)
            .find(|q| q.id == id)
    }

    pub fn len(&self) -> usize {
        self.topics.iter().map(|t| t.questions.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Questions matching every word of the search (ignoring case and small words), with
    /// their topic.
    pub fn search(&self, query: &str) -> Vec<(&Topic, &BankQuestion)> {
        let words: Vec<String> = query
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 2)
            .map(str::to_lowercase)
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        self.topics
            .iter()
            .flat_map(|t| t.questions.iter().map(move |q| (t, q)))
            .filter(|(t, q)| {
                let haystack = format!("{} {}", q.text, t.title).to_lowercase();
                words.iter().all(|w| haystack.contains(w.as_str()))
            })
            .collect()
    }

    /// Questions that suit an appointment kind, for suggestions.
    pub fn suggested_for(&self, kind: AppointmentKind) -> Vec<(&Topic, &BankQuestion)> {
        self.topics
            .iter()
            .flat_map(|t| t.questions.iter().map(move |q| (t, q)))
            .filter(|(_, q)| q.kinds.contains(&kind))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOPIC: &str = r#"
id = "diagnosis-and-tests"
title = "Diagnosis and tests"
summary = "About tests."
order = 1
author = "Heard content team"
reviewer = "pending"
last_reviewed = "2026-11-23"
next_review = "2027-11-23"
[[sources]]
title = "Cancer"
publisher = "NHS website"
url = "https://www.nhs.uk/conditions/cancer/"
checked = "2026-11-23"
[[questions]]
id = "dt-type"
text = "What type of cancer do I have?"
kinds = ["first-appointment"]
[[questions]]
id = "dt-scan"
text = "When will I get my scan results?"
"#;

    #[test]
    fn topics_parse_and_search_by_every_word() {
        let bank = QuestionBank::parse([("a.toml", TOPIC)]).unwrap();
        assert_eq!(bank.len(), 2);
        assert_eq!(bank.search("SCAN results").len(), 1);
        assert_eq!(bank.search("scan type").len(), 0);
        assert_eq!(
            bank.search("diagnosis").len(),
            2,
            "the topic title matches too"
        );
        assert!(bank.search("a of").is_empty());
        assert_eq!(
            bank.suggested_for(AppointmentKind::FirstAppointment).len(),
            1
        );
        assert_eq!(
            bank.question("dt-scan").unwrap().text,
            "When will I get my scan results?"
        );
    }

    #[test]
    fn broken_topics_are_refused_with_the_file_named() {
        let no_sources = TOPIC.replace("[[sources]]", "[[ignored]]");
        assert!(
            matches!(QuestionBank::parse([("b.toml", no_sources.as_str())]), Err(BankError::Invalid { file, .. }) if file == "b.toml")
        );
        let bad_date = TOPIC.replace("2027-11-23", "next year");
        assert!(QuestionBank::parse([("c.toml", bad_date.as_str())]).is_err());
        let bad_kind = TOPIC.replace("first-appointment", "brunch");
        assert!(QuestionBank::parse([("d.toml", bad_kind.as_str())]).is_err());
        let twice = QuestionBank::parse([("a.toml", TOPIC), ("e.toml", TOPIC)]);
        assert!(
            matches!(twice, Err(BankError::Invalid { message, .. }) if message.contains("used twice"))
        );
    }
}
