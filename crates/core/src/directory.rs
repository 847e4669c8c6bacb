//! The directory: organisations a person can contact about a concern. National bodies ship in
//! `content/directory/national.csv`; an operator imports local ones from a CSV file in the same
//! format. Reading is all or nothing: every bad row is reported with its line and reason.

use serde::{Deserialize, Serialize};

use crate::calendar::Nation;
use crate::choice::Choice;
use crate::content::parse_date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrganisationKind {
    Pals,
    Complaints,
    Commissioner,
    Advocacy,
    Healthwatch,
    PatientVoice,
    PatientAdvice,
    Ombudsman,
    /// A professional regulator (GMC, NMC, HCPC, GPhC, GDC) or the body that inspects services.
    Regulator,
    /// Independent advice about a claim for compensation (not a solicitor's firm).
    LegalAdvice,
    Other,
}

impl Choice for OrganisationKind {
    const ALL: &'static [Self] = &[
        OrganisationKind::Pals,
        OrganisationKind::Complaints,
        OrganisationKind::Commissioner,
        OrganisationKind::Advocacy,
        OrganisationKind::Healthwatch,
        OrganisationKind::PatientVoice,
        OrganisationKind::PatientAdvice,
        OrganisationKind::Ombudsman,
        OrganisationKind::Regulator,
        OrganisationKind::LegalAdvice,
        OrganisationKind::Other,
    ];
    fn id(self) -> &'static str {
        match self {
            OrganisationKind::Pals => "pals",
            OrganisationKind::Complaints => "complaints",
            OrganisationKind::Commissioner => "commissioner",
            OrganisationKind::Advocacy => "advocacy",
            OrganisationKind::Healthwatch => "healthwatch",
            OrganisationKind::PatientVoice => "patient-voice",
            OrganisationKind::PatientAdvice => "patient-advice",
            OrganisationKind::Ombudsman => "ombudsman",
            OrganisationKind::Regulator => "regulator",
            OrganisationKind::LegalAdvice => "legal-advice",
            OrganisationKind::Other => "other",
        }
    }
}

/// One organisation. Public information: stored in the clear, not sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub name: String,
    pub kind: OrganisationKind,
    pub nation: Nation,
    pub area: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub address: String,
    /// `YYYY-MM-DD`.
    pub last_checked: String,
}

impl Organisation {
    /// The postal address as lines, for a letter's recipient block.
    pub fn address_lines(&self) -> Vec<String> {
        self.address
            .split([',', '\n'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// Does it match a search by name or place (every word somewhere in name, area or
    /// address, ignoring case)?
    pub fn matches(&self, query: &str) -> bool {
        let haystack = format!("{} {} {}", self.name, self.area, self.address).to_lowercase();
        query
            .split_whitespace()
            .all(|word| haystack.contains(&word.to_lowercase()))
    }
}

/// A bad row: its line in the file (1 is the header) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub line: u64,
    pub message: String,
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

const COLUMNS: [&str; 9] = [
    "name",
    "kind",
    "nation",
    "area",
    "phone",
    "email",
    "website",
    "address",
    "last_checked",
];

/// The longest a field may be: generous for addresses, small enough to refuse a file that is
/// not a directory at all.
const FIELD_MAX: usize = 500;

/// Reads a directory CSV. Either every row is good and all are returned, or every problem is.
pub fn parse_directory(text: &str) -> Result<Vec<Organisation>, Vec<RowProblem>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_lowercase()).collect(),
        Err(e) => {
            return Err(vec![RowProblem {
                line: 1,
                message: format!("the header row cannot be read: {e}"),
            }]);
        }
    };
    let missing: Vec<&str> = COLUMNS
        .iter()
        .copied()
        .filter(|c| !header.iter().any(|h| h == c))
        .collect();
    if !missing.is_empty() {
        return Err(vec![RowProblem {
            line: 1,
            message: format!(
                "the header row is missing: {} (it needs {})",
                missing.join(", "),
                COLUMNS.join(",")
            ),
        }]);
    }
    let column = |name: &str| header.iter().position(|h| h == name).unwrap_or(0);
    let at: Vec<usize> = COLUMNS.iter().map(|c| column(c)).collect();

    let mut organisations = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                problems.push(RowProblem {
                    line,
                    message: format!("this row cannot be read: {e}"),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let field = |i: usize| record.get(at[i]).unwrap_or("").trim().to_owned();
        let mut why: Vec<String> = Vec::new();
        if record.len() != header.len() {
            why.push(format!(
                "it has {} fields but the header has {}",
                record.len(),
                header.len()
            ));
        }
        let name = field(0);
        if name.is_empty() {
            why.push("the name is empty".into());
        }
        let kind = OrganisationKind::from_id(&field(1));
        if kind.is_none() {
            why.push(format!(
                "kind \"{}\" is not one of {}",
                field(1),
                OrganisationKind::ALL
                    .iter()
                    .map(|k| k.id())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let nation = Nation::from_id(&field(2));
        if nation.is_none() {
            why.push(format!(
                "nation \"{}\" is not one of england, scotland, wales, northern-ireland",
                field(2)
            ));
        }
        let area = field(3);
        if area.is_empty() {
            why.push("the area is empty".into());
        }
        let (phone, email, website, address) = (field(4), field(5), field(6), field(7));
        if !phone.is_empty()
            && !phone
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '(' | ')' | '-'))
        {
            why.push(format!(
                "phone \"{phone}\" has characters a phone number cannot"
            ));
        }
        if !email.is_empty() && !is_email(&email) {
            why.push(format!("email \"{email}\" is not an email address"));
        }
        if !website.is_empty() && !website.starts_with("https://") {
            why.push(format!("website \"{website}\" must start with https://"));
        }
        if [&phone, &email, &website, &address]
            .iter()
            .all(|f| f.is_empty())
        {
            why.push(
                "give at least one way to contact it: phone, email, website or address".into(),
            );
        }
        let last_checked = field(8);
        if parse_date(&last_checked).is_none() {
            why.push(format!(
                "last_checked \"{last_checked}\" is not a YYYY-MM-DD date"
            ));
        }
        if record.iter().any(|f| f.chars().count() > FIELD_MAX) {
            why.push(format!("a field is longer than {FIELD_MAX} characters"));
        }
        match (kind, nation) {
            (Some(kind), Some(nation)) if why.is_empty() => organisations.push(Organisation {
                name,
                kind,
                nation,
                area,
                phone,
                email,
                website,
                address,
                last_checked,
            }),
            _ => problems.push(RowProblem {
                line,
                message: why.join("; "),
            }),
        }
    }
    if problems.is_empty() {
        Ok(organisations)
    } else {
        Err(problems)
    }
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c == '<' || c == '>')
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "name,kind,nation,area,phone,email,website,address,last_checked\n";

    #[test]
    fn a_good_file_reads_every_row() {
        let text = format!(
            "{HEADER}Test Ombudsman,ombudsman,england,All of England,0300 000 0000,,https://example.org/,,2026-11-24\n\"PALS, St Mary's\",pals,wales,Cardiff,,pals@example.org,,\"1 High Street\nCardiff CF1 1AA\",2026-11-01\n"
        );
        let orgs = parse_directory(&text).unwrap();
        assert_eq!(orgs.len(), 2);
        assert_eq!(orgs[1].name, "PALS, St Mary's");
        assert_eq!(
            orgs[1].address_lines(),
            vec!["1 High Street", "Cardiff CF1 1AA"]
        );
        assert!(orgs[1].matches("cardiff pals"));
        assert!(!orgs[1].matches("leeds"));
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line_and_nothing_is_returned() {
        let text = format!(
            "{HEADER}Good,ombudsman,england,All,0300 000 0000,,,,2026-11-24\nBad kind,plumber,england,All,0300,,,,2026-11-24\n\"Multi\nline\",ombudsman,england,All,,,,,2026-11-24\nNo date,pals,mars,Leeds,,not-an-email,http://x,,yesterday\n"
        );
        let problems = parse_directory(&text).unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert_eq!(problems[0].line, 3);
        assert!(problems[0].message.contains("kind \"plumber\""));
        assert_eq!(
            problems[1].line, 4,
            "a quoted line break does not confuse the count"
        );
        assert!(problems[1].message.contains("at least one way to contact"));
        assert_eq!(problems[2].line, 6);
        for part in [
            "nation \"mars\"",
            "not an email",
            "https://",
            "last_checked",
        ] {
            assert!(
                problems[2].message.contains(part),
                "{part}: {}",
                problems[2].message
            );
        }
    }

    #[test]
    fn a_file_without_the_columns_is_refused_at_the_header() {
        let problems = parse_directory("name,phone\nX,1\n").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 1);
        assert!(problems[0].message.contains("kind"));
    }
}
