//! Content embedded at build time from `content/`: the question bank.

use heard_core::QuestionBank;
use heard_core::question_bank::BankError;

/// Every question bank topic file. A test checks this lists every file in the folder.
const QUESTION_FILES: &[(&str, &str)] = &[
    (
        "clinical-trials.toml",
        include_str!("../../../content/questions/clinical-trials.toml"),
    ),
    (
        "communication-access-and-contacts.toml",
        include_str!("../../../content/questions/communication-access-and-contacts.toml"),
    ),
    (
        "diagnosis-and-tests.toml",
        include_str!("../../../content/questions/diagnosis-and-tests.toml"),
    ),
    (
        "feelings-and-support.toml",
        include_str!("../../../content/questions/feelings-and-support.toml"),
    ),
    (
        "fertility-sex-and-relationships.toml",
        include_str!("../../../content/questions/fertility-sex-and-relationships.toml"),
    ),
    (
        "next-steps-and-outlook.toml",
        include_str!("../../../content/questions/next-steps-and-outlook.toml"),
    ),
    (
        "side-effects-and-daily-life.toml",
        include_str!("../../../content/questions/side-effects-and-daily-life.toml"),
    ),
    (
        "treatment-options.toml",
        include_str!("../../../content/questions/treatment-options.toml"),
    ),
    (
        "work-money-and-travel.toml",
        include_str!("../../../content/questions/work-money-and-travel.toml"),
    ),
];

/// Every letter template. A test checks this lists every file in the folder.
const LETTER_FILES: &[(&str, &str)] = &[
    (
        "follow-up-request.toml",
        include_str!("../../../content/letters/follow-up-request.toml"),
    ),
    (
        "follow-up-summary.toml",
        include_str!("../../../content/letters/follow-up-summary.toml"),
    ),
    (
        "formal-complaint.toml",
        include_str!("../../../content/letters/formal-complaint.toml"),
    ),
    (
        "healthwatch.toml",
        include_str!("../../../content/letters/healthwatch.toml"),
    ),
    (
        "interpreter-request.toml",
        include_str!("../../../content/letters/interpreter-request.toml"),
    ),
    (
        "letter-of-concern.toml",
        include_str!("../../../content/letters/letter-of-concern.toml"),
    ),
    (
        "ombudsman.toml",
        include_str!("../../../content/letters/ombudsman.toml"),
    ),
    (
        "pals.toml",
        include_str!("../../../content/letters/pals.toml"),
    ),
    (
        "positive-feedback.toml",
        include_str!("../../../content/letters/positive-feedback.toml"),
    ),
    (
        "remaining-questions.toml",
        include_str!("../../../content/letters/remaining-questions.toml"),
    ),
    (
        "subject-access-request.toml",
        include_str!("../../../content/letters/subject-access-request.toml"),
    ),
];

const PLAIN_ENGLISH: &str = include_str!("../../../content/plain-english.toml");

#[derive(Debug, thiserror::Error)]
pub enum LetterContentError {
    #[error(transparent)]
    Template(#[from] heard_core::letter::TemplateError),
    #[error("content/plain-english.toml: {0}")]
    WordList(String),
    #[error("content/letters: no template for {0}")]
    Missing(&'static str),
}

/// The letter templates, checked, and the plain-English word list.
pub fn letters() -> Result<crate::pages::letters::LetterLibrary, LetterContentError> {
    use heard_core::consultation::Choice;
    let templates = LETTER_FILES
        .iter()
        .map(|(file, text)| {
            heard_core::letter::LetterTemplate::parse(&format!("content/letters/{file}"), text)
        })
        .collect::<Result<Vec<_>, _>>()?;
    for kind in heard_core::letter::LetterKind::ALL {
        if !templates.iter().any(|t| t.kind == *kind) {
            return Err(LetterContentError::Missing(kind.id()));
        }
    }
    let plainer =
        heard_core::plain::word_list(PLAIN_ENGLISH).map_err(LetterContentError::WordList)?;
    Ok(crate::pages::letters::LetterLibrary { templates, plainer })
}

pub fn question_bank() -> Result<QuestionBank, BankError> {
    QuestionBank::parse(QUESTION_FILES.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_topic_file_is_embedded_and_the_bank_is_big_enough() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/questions");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = QUESTION_FILES
            .iter()
            .map(|(n, _)| (*n).to_owned())
            .collect();
        assert_eq!(on_disk, embedded);
        let bank = question_bank().unwrap();
        assert!(bank.len() >= 80, "{} questions", bank.len());
        assert!(bank.topics().len() >= 8);
        for topic in bank.topics() {
            assert!(!topic.sources.is_empty(), "{} has no sources", topic.id);
        }
    }

    #[test]
    fn every_letter_template_is_embedded_and_valid() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/letters");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = LETTER_FILES.iter().map(|(n, _)| (*n).to_owned()).collect();
        assert_eq!(on_disk, embedded);
        let library = letters().unwrap();
        assert_eq!(library.templates.len(), 11);
        assert!(library.plainer.len() >= 40);
    }
}
