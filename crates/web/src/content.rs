//! Content embedded at build time from `content/` (see `build.rs`): the question bank, the
//! letter templates, the pathways and the national directory. Everything is checked when the
//! server starts, so a bad file stops it with the file and line rather than misleading someone.

use heard_core::QuestionBank;
use heard_core::calendar::Nation;
use heard_core::choice::Choice;
use heard_core::content::ContentProblem;
use heard_core::directory::Organisation;
use heard_core::glossary::Glossary;
use heard_core::guidance::GuidancePage;
use heard_core::letter::{LetterKind, LetterTemplate};
use heard_core::pathway::Pathway;
use heard_core::plain::PlainerWord;
use heard_core::question_bank::BankError;
use uuid::Uuid;

include!(concat!(env!("OUT_DIR"), "/content.rs"));

/// The content Heard serves: what was built in, with any file from an operator's
/// `--content-dir` put in place of the built-in one of the same path (or added beside them).
pub struct ContentFiles {
    files: Vec<(String, std::borrow::Cow<'static, str>)>,
}

impl ContentFiles {
    pub fn embedded() -> Self {
        Self {
            files: FILES
                .iter()
                .map(|(p, t)| ((*p).to_owned(), std::borrow::Cow::Borrowed(*t)))
                .collect(),
        }
    }

    /// The built-in content with every file under `dir` laid over it.
    pub fn with_overrides(mut self, dir: &std::path::Path) -> std::io::Result<Self> {
        let mut found = Vec::new();
        read_dir_files(dir, dir, &mut found)?;
        for (path, text) in found {
            match self.files.iter_mut().find(|(p, _)| *p == path) {
                Some(slot) => slot.1 = std::borrow::Cow::Owned(text),
                None => self.files.push((path, std::borrow::Cow::Owned(text))),
            }
        }
        self.files.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(self)
    }

    /// Every file, by its path relative to `content/`.
    pub fn all(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(p, t)| (p.as_str(), t.as_ref()))
    }

    /// The files in one folder, with names relative to it.
    fn folder<'a>(&'a self, name: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.all().filter_map(move |(path, text)| {
            path.strip_prefix(name)
                .and_then(|rest| rest.strip_prefix('/'))
                .map(|rest| (rest, text))
        })
    }

    fn file(&self, path: &str) -> Option<&str> {
        self.all().find(|(p, _)| *p == path).map(|(_, t)| t)
    }

    fn toml_files<'a>(&'a self, name: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.folder(name)
            .filter(|(file, _)| file.ends_with(".toml"))
    }
}

/// Every text file under `dir` (hidden ones skipped), by its path relative to it, sorted.
pub fn read_content_dir(dir: &std::path::Path) -> std::io::Result<Vec<(String, String)>> {
    let mut files = Vec::new();
    read_dir_files(dir, dir, &mut files)?;
    files.sort();
    Ok(files)
}

/// Text files under `dir`, skipping hidden ones, by path relative to `root`.
fn read_dir_files(
    root: &std::path::Path,
    dir: &std::path::Path,
    out: &mut Vec<(String, String)>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let Ok(relative) = path.strip_prefix(root) else {
            continue;
        };
        let name = relative.to_string_lossy().replace('\\', "/");
        if name.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        if path.is_dir() {
            read_dir_files(root, &path, out)?;
        } else {
            out.push((name, std::fs::read_to_string(&path)?));
        }
    }
    Ok(())
}

/// The content `heard check-content` checks: the built-in content with `--content-dir` laid
/// over it, as the server would serve it.
pub fn for_checking(
    content_dir: Option<&std::path::Path>,
) -> std::io::Result<Vec<(String, String)>> {
    let files = match content_dir {
        Some(dir) => ContentFiles::embedded().with_overrides(dir)?,
        None => ContentFiles::embedded(),
    };
    Ok(files
        .all()
        .map(|(p, t)| (p.to_owned(), t.to_owned()))
        .collect())
}

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
pub fn letters(content: &ContentFiles) -> Result<LetterLibrary, LetterContentError> {
    let templates = content
        .toml_files("letters")
        .map(|(file, text)| {
            heard_core::letter::LetterTemplate::parse(&format!("content/letters/{file}"), text)
        })
        .collect::<Result<Vec<_>, _>>()?;
    for kind in heard_core::letter::LetterKind::ALL {
        if !templates.iter().any(|t| t.kind == *kind) {
            return Err(LetterContentError::Missing(kind.id()));
        }
    }
    let plain = content.file("plain-english.toml").unwrap_or_default();
    let plainer = heard_core::plain::word_list(plain).map_err(LetterContentError::WordList)?;
    Ok(LetterLibrary { templates, plainer })
}

pub fn question_bank(content: &ContentFiles) -> Result<QuestionBank, BankError> {
    QuestionBank::parse(content.toml_files("questions"))
}

/// Everything wrong with the pathway or directory files, one line each.
#[derive(Debug, thiserror::Error)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct ContentProblems(pub Vec<ContentProblem>);

/// The pathways and the national bodies, loaded once.
pub struct Escalation {
    /// One per nation, in `Nation::ALL` order.
    pub pathways: Vec<Pathway>,
    /// The national bodies shipped with Heard, each with an id that stays the same from one
    /// release to the next (made from its name), so a letter can say who it was addressed to.
    pub national: Vec<(Uuid, Organisation)>,
}

impl Escalation {
    pub fn pathway(&self, nation: Nation) -> Option<&Pathway> {
        self.pathways.iter().find(|p| p.nation == nation)
    }
}

/// The namespace for the national bodies' ids.
const DIRECTORY_NAMESPACE: Uuid = Uuid::from_u128(0x6a1d_5f0e_8c2b_4e8a_9a37_1f2d_6c4b_0e51);

pub fn escalation(content: &ContentFiles) -> Result<Escalation, ContentProblems> {
    let mut problems = Vec::new();
    let mut pathways = Vec::new();
    for (name, text) in content.toml_files("pathways") {
        let path = format!("content/pathways/{name}");
        match Pathway::parse(&path, text) {
            Ok(p) => {
                if format!("{}.toml", p.nation.id()) != name {
                    problems.push(ContentProblem::new(
                        &path,
                        None,
                        format!(
                            "the file for {} must be called {}.toml",
                            p.nation.id(),
                            p.nation.id()
                        ),
                    ));
                } else {
                    pathways.push(p);
                }
            }
            Err(mut found) => problems.append(&mut found),
        }
    }
    for nation in Nation::ALL {
        if !pathways.iter().any(|p| p.nation == *nation) {
            problems.push(ContentProblem::new(
                &format!("content/pathways/{}.toml", nation.id()),
                None,
                "there is no pathway for this nation",
            ));
        }
    }
    pathways.sort_by_key(|p| Nation::ALL.iter().position(|n| *n == p.nation));
    let mut national = Vec::new();
    for (name, text) in content
        .folder("directory")
        .filter(|(f, _)| f.ends_with(".csv"))
    {
        match heard_core::directory::parse_directory(text) {
            Ok(found) => national.extend(found.into_iter().map(|o| {
                let key = format!("{}|{}", o.nation.id(), o.name);
                (Uuid::new_v5(&DIRECTORY_NAMESPACE, key.as_bytes()), o)
            })),
            Err(rows) => problems.extend(rows.into_iter().map(|r| {
                ContentProblem::new(
                    &format!("content/directory/{name}"),
                    usize::try_from(r.line).ok(),
                    r.message,
                )
            })),
        }
    }
    if problems.is_empty() {
        Ok(Escalation { pathways, national })
    } else {
        Err(ContentProblems(problems))
    }
}

/// The guidance pages, in reading order, and the glossary.
pub fn learn(content: &ContentFiles) -> Result<Learn, ContentProblems> {
    let mut problems = Vec::new();
    let glossary = match heard_core::glossary::Glossary::parse(
        "content/glossary.toml",
        content.file("glossary.toml").unwrap_or_default(),
    ) {
        Ok(g) => Some(g),
        Err(mut found) => {
            problems.append(&mut found);
            None
        }
    };
    let mut pages = Vec::new();
    for (name, text) in content
        .folder("guidance")
        .filter(|(f, _)| f.ends_with(".md"))
    {
        match heard_core::guidance::GuidancePage::parse(&format!("content/guidance/{name}"), text) {
            Ok(p) => pages.push(p),
            Err(mut found) => problems.append(&mut found),
        }
    }
    pages.sort_by_key(|p| p.order);
    match glossary {
        Some(glossary) if problems.is_empty() => Ok(Learn { pages, glossary }),
        _ => Err(ContentProblems(problems)),
    }
}

/// The letter templates and the plain-English word list, loaded once.
pub struct LetterLibrary {
    pub templates: Vec<LetterTemplate>,
    pub plainer: Vec<PlainerWord>,
}

impl LetterLibrary {
    pub fn template(&self, kind: LetterKind) -> Option<&LetterTemplate> {
        self.templates.iter().find(|t| t.kind == kind)
    }
}

/// The guidance pages (in reading order) and the glossary, loaded once.
pub struct Learn {
    pub pages: Vec<GuidancePage>,
    pub glossary: Glossary,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on_disk(folder_name: &str) -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../content")
            .join(folder_name);
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect();
        names.sort();
        names
    }

    fn embedded(folder_name: &str) -> Vec<String> {
        let mut names: Vec<String> = ContentFiles::embedded()
            .folder(folder_name)
            .map(|(n, _)| n.to_owned())
            .collect();
        names.sort();
        names
    }

    /// The links in the shipped guidance lead to pages the router has, taken from the route
    /// table (so a route renamed without its links fails here), and only to pages a person may
    /// open: an operator's page or a secret address is not linkable.
    #[test]
    fn guidance_links_lead_to_routes_the_router_has() {
        let linkable = crate::linkable_paths();
        assert!(linkable.contains(&"/guidance"));
        assert!(
            !linkable.iter().any(|p| p.contains('{')),
            "no record in a linkable address"
        );
        assert!(linkable.contains(&"/consultations/new"));
        assert!(!linkable.contains(&"/moderation"), "operators only");
        assert!(!linkable.iter().any(|p| p.starts_with("/calendar/")));
        let files = for_checking(None).unwrap();
        let borrowed: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let today = jiff::civil::Date::new(2026, 11, 29).unwrap();
        let problems = heard_core::content_check::check_content(&borrowed, today, &linkable);
        assert!(
            problems.iter().all(|p| !p.message.contains("goes nowhere")),
            "{problems:?}"
        );
        // A link to a page that is not in the router is caught.
        let rights = files
            .iter()
            .find(|(p, _)| p == "guidance/your-rights.md")
            .map(|(_, t)| t.replace("href = \"/concerns/new\"", "href = \"/concerns/open\""))
            .unwrap();
        assert!(
            rights.contains("/concerns/open"),
            "the page links to /concerns/new"
        );
        let changed: Vec<(&str, &str)> = borrowed
            .iter()
            .map(|(p, t)| {
                if *p == "guidance/your-rights.md" {
                    (*p, rights.as_str())
                } else {
                    (*p, *t)
                }
            })
            .collect();
        let problems = heard_core::content_check::check_content(&changed, today, &linkable);
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains("\"/concerns/open\" goes nowhere")),
            "{problems:?}"
        );
    }

    #[test]
    fn every_topic_file_is_embedded_and_the_bank_is_big_enough() {
        assert_eq!(on_disk("questions"), embedded("questions"));
        let bank = question_bank(&ContentFiles::embedded()).unwrap();
        assert!(bank.len() >= 80, "{} questions", bank.len());
        assert!(bank.topics().len() >= 8);
        for topic in bank.topics() {
            assert!(!topic.sources.is_empty(), "{} has no sources", topic.id);
        }
    }

    #[test]
    fn every_letter_template_is_embedded_and_valid() {
        assert_eq!(on_disk("letters"), embedded("letters"));
        let library = letters(&ContentFiles::embedded()).unwrap();
        assert_eq!(library.templates.len(), 11);
        assert!(library.plainer.len() >= 40);
    }

    #[test]
    fn every_nation_has_a_pathway_whose_limits_and_sources_are_present() {
        assert_eq!(on_disk("pathways"), embedded("pathways"));
        let escalation = match escalation(&ContentFiles::embedded()) {
            Ok(e) => e,
            Err(problems) => panic!("{problems}"),
        };
        assert_eq!(escalation.pathways.len(), 4);
        for pathway in &escalation.pathways {
            assert!(pathway.steps.len() >= 4, "{:?}", pathway.nation);
            let limits: usize = pathway.steps.iter().map(|s| s.limits.len()).sum();
            assert!(limits >= 3, "{:?} has {limits} time limits", pathway.nation);
            for step in &pathway.steps {
                assert!(
                    !step.sources.is_empty(),
                    "{:?} {} has no sources",
                    pathway.nation,
                    step.id
                );
            }
            // Every nation's route ends at its ombudsman (the steps beside it, such as a
            // regulator, come after), with a time limit for going there (in Northern Ireland it
            // runs from the end of stage 2, so it sits on that step).
            let last = pathway
                .steps
                .iter()
                .rfind(|s| !s.beside_the_route())
                .unwrap();
            assert!(last.id.contains("ombudsman"), "{}", last.id);
            assert!(
                pathway
                    .steps
                    .iter()
                    .flat_map(|s| &s.limits)
                    .any(|l| l.what.to_lowercase().contains("ombudsman")),
                "{:?} has no time limit for the ombudsman",
                pathway.nation
            );
        }
        // The national bodies: at least each nation's ombudsman, with distinct ids.
        for nation in Nation::ALL {
            assert!(escalation.national.iter().any(|(_, o)| o.nation == *nation
                && o.kind == heard_core::directory::OrganisationKind::Ombudsman));
        }
        let mut ids: Vec<Uuid> = escalation.national.iter().map(|(id, _)| *id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), escalation.national.len());
    }

    #[test]
    fn a_content_dir_replaces_a_page_and_adds_one() {
        let dir = std::env::temp_dir().join(format!("heard-content-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("guidance")).unwrap();
        let ours = ContentFiles::embedded();
        let original = ours.file("guidance/your-rights.md").unwrap().to_owned();
        let changed = original.replace("title = \"Your rights\"", "title = \"Your rights here\"");
        std::fs::write(dir.join("guidance/your-rights.md"), &changed).unwrap();
        std::fs::write(dir.join("guidance/.draft.md"), "ignored").unwrap();
        let merged = ContentFiles::embedded().with_overrides(&dir).unwrap();
        assert_eq!(
            merged.file("guidance/your-rights.md"),
            Some(changed.as_str())
        );
        assert!(merged.file("guidance/.draft.md").is_none());
        assert_eq!(merged.all().count(), ours.all().count());
        let learn = learn(&merged).unwrap();
        assert!(learn.pages.iter().any(|p| p.title == "Your rights here"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn hidden_files_are_not_content() {
        assert!(
            FILES
                .iter()
                .all(|(p, _)| !p.split('/').any(|s| s.starts_with('.')))
        );
        assert!(ContentFiles::embedded().file("glossary.toml").is_some());
    }
}
