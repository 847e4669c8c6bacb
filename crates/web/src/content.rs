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
}
