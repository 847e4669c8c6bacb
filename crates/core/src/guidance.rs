//! Guidance pages (`content/guidance/*.md`): TOML front matter between `+++` lines, then a
//! small Markdown subset. Parsed into data, never HTML: the web crate escapes and renders it,
//! so nothing a writer types can reach a page as markup. Anything outside the subset is a
//! problem with its line, not passed through.

use std::collections::BTreeSet;
use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;

use crate::content::{ContentProblem, line_at, line_of};
use crate::provenance::{review_dates, source_problems};
use crate::question_bank::Source;

/// A button at the foot of a page: where to go next.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub label: String,
    pub href: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    /// Bold. Holds text and links, never more bold.
    Strong(Vec<Inline>),
    /// A link within Heard (`/...`) or to another site (`https://...`).
    Link {
        href: String,
        text: String,
    },
    /// A link to a glossary term (`glossary:id`), shown with its meaning.
    Term {
        id: String,
        text: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `##` is level 2, `###` level 3; the page title is the only level 1.
    Heading {
        level: u8,
        text: Vec<Inline>,
        /// For links to this part of the page.
        id: String,
    },
    Paragraph(Vec<Inline>),
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    summary: String,
    order: u32,
    author: String,
    reviewer: String,
    last_reviewed: String,
    next_review: String,
    #[serde(default)]
    sources: Vec<Source>,
    #[serde(default)]
    actions: Vec<Action>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuidancePage {
    /// The file stem, which is also the page's address: `/guidance/<slug>`.
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub order: u32,
    pub author: String,
    pub reviewer: String,
    pub last_reviewed: Date,
    pub next_review: Date,
    pub sources: Vec<Source>,
    pub actions: Vec<Action>,
    pub blocks: Vec<Block>,
    /// Every link in the body with its line, kept for checking.
    links: Vec<(usize, String)>,
}

impl GuidancePage {
    /// Reads and checks one page. Every problem is reported, each with its line.
    pub fn parse(file: &str, text: &str) -> Result<GuidancePage, Vec<ContentProblem>> {
        let slug = Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        let Some((front, body_first_line, body)) = split_front_matter(text) else {
            return Err(vec![ContentProblem::new(
                file,
                Some(1),
                "a guidance page starts with front matter between +++ lines",
            )]);
        };
        let meta: FrontMatter = toml::from_str(front).map_err(|e| {
            vec![ContentProblem::new(
                file,
                e.span().map(|s| line_at(front, s.start) + 1),
                e.message().to_owned(),
            )]
        })?;
        let mut problems = source_problems(file, text, &meta.sources);
        for (field, value) in [
            ("title", &meta.title),
            ("summary", &meta.summary),
            ("author", &meta.author),
            ("reviewer", &meta.reviewer),
        ] {
            if value.trim().is_empty() {
                problems.push(ContentProblem::new(
                    file,
                    line_of(text, &format!("{field} =")),
                    format!("{field} is empty"),
                ));
            }
        }
        for action in &meta.actions {
            if action.label.trim().is_empty() || action.href.trim().is_empty() {
                problems.push(ContentProblem::new(
                    file,
                    line_of(text, &format!("href = \"{}\"", action.href)),
                    "an action needs a label and an href",
                ));
            }
        }
        let dates = review_dates(file, text, &meta.last_reviewed, &meta.next_review);
        if let Err(date_problems) = &dates {
            problems.extend(date_problems.iter().cloned());
        }
        let mut body_parser = BodyParser::new(file);
        body_parser.parse(body, body_first_line);
        if body_parser.blocks.is_empty() {
            problems.push(ContentProblem::new(
                file,
                Some(body_first_line),
                "the page has no text",
            ));
        }
        problems.extend(body_parser.problems);
        let (last_reviewed, next_review) = match dates {
            Ok(dates) if problems.is_empty() => dates,
            _ => return Err(problems),
        };
        Ok(GuidancePage {
            slug,
            title: meta.title,
            summary: meta.summary,
            order: meta.order,
            author: meta.author,
            reviewer: meta.reviewer,
            last_reviewed,
            next_review,
            sources: meta.sources,
            actions: meta.actions,
            blocks: body_parser.blocks,
            links: body_parser.links,
        })
    }

    /// The body as plain text, for reading-ease scoring: each heading, paragraph and list item
    /// on its own line (list items count as sentences), with no markup.
    pub fn plain_text(&self) -> String {
        let mut lines: Vec<String> = Vec::new();
        for block in &self.blocks {
            match block {
                Block::Heading { text, .. } | Block::Paragraph(text) => lines.push(plain(text)),
                Block::List { items, .. } => lines.extend(items.iter().map(|i| plain(i))),
            }
        }
        lines.join("\n")
    }

    /// Every link in the body with its line: `/...` and `https://...` as written, glossary
    /// links as `glossary:id`.
    pub fn links(&self) -> Vec<(usize, String)> {
        self.links.clone()
    }

    /// The ids of the page's headings, for checking links to a part of the page.
    pub fn heading_ids(&self) -> Vec<&str> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { id, .. } => Some(id.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// The text of some inlines without markup.
pub fn plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(t),
            Inline::Strong(inner) => out.push_str(&plain(inner)),
            Inline::Link { text, .. } | Inline::Term { text, .. } => out.push_str(text),
        }
    }
    out
}

/// A heading's id: lower-case letters and digits, other runs joined by `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') && c != '\'' && c != '’' {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The front matter, the 1-based line the body starts on, and the body.
fn split_front_matter(text: &str) -> Option<(&str, usize, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let after_open = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))?;
    let open_len = text.len() - after_open.len();
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front = &after_open[..offset];
            let body = &after_open[offset + line.len()..];
            let body_first_line = line_at(text, open_len + offset + line.len());
            return Some((front, body_first_line, body));
        }
        offset += line.len();
    }
    None
}

/// A paragraph or list item being gathered: its lines, joined by spaces when done.
#[derive(Default)]
struct Pending {
    pieces: Vec<(usize, String)>,
}

impl Pending {
    fn push(&mut self, line: usize, text: &str) {
        self.pieces.push((line, text.trim().to_owned()));
    }
}

enum Open {
    Nothing,
    Paragraph(Pending),
    List { ordered: bool, items: Vec<Pending> },
}

struct BodyParser<'f> {
    file: &'f str,
    blocks: Vec<Block>,
    links: Vec<(usize, String)>,
    problems: Vec<ContentProblem>,
    heading_ids: BTreeSet<String>,
    open: Open,
}

fn list_marker(line: &str) -> Option<(bool, Option<u64>, &str)> {
    if let Some(rest) = line.strip_prefix("- ") {
        return Some((false, None, rest));
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0
        && let Some(rest) = line[digits..].strip_prefix(". ")
    {
        return Some((true, line[..digits].parse().ok(), rest));
    }
    None
}

impl<'f> BodyParser<'f> {
    fn new(file: &'f str) -> Self {
        BodyParser {
            file,
            blocks: Vec::new(),
            links: Vec::new(),
            problems: Vec::new(),
            heading_ids: BTreeSet::new(),
            open: Open::Nothing,
        }
    }

    fn problem(&mut self, line: usize, message: impl Into<String>) {
        self.problems
            .push(ContentProblem::new(self.file, Some(line), message));
    }

    fn parse(&mut self, body: &str, first_line: usize) {
        for (i, raw) in body.lines().enumerate() {
            self.line(first_line + i, raw.trim_end());
        }
        self.close();
    }

    fn line(&mut self, n: usize, line: &str) {
        if line.trim().is_empty() {
            self.close();
            return;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let t = line.trim_start();
        if line.starts_with('\t') || indent >= 4 {
            let message = if list_marker(t).is_some() {
                "lists inside lists are not supported: keep lists one level deep"
            } else {
                "indented code is not supported: remove the indent"
            };
            self.problem(n, message);
            return;
        }
        if indent > 0 && list_marker(t).is_some() {
            self.problem(
                n,
                "lists inside lists are not supported: keep lists one level deep",
            );
            return;
        }
        if t.starts_with('#') {
            self.close();
            self.heading(n, t);
            return;
        }
        if let Some((ordered, number, rest)) = list_marker(t) {
            self.list_item(n, ordered, number, rest);
            return;
        }
        if let Some(message) = unsupported_line(t) {
            self.close();
            self.problem(n, message);
            return;
        }
        match &mut self.open {
            Open::Paragraph(p) => p.push(n, t),
            // A line straight after a list item carries on that item, as in Markdown.
            Open::List { items, .. } => {
                if let Some(item) = items.last_mut() {
                    item.push(n, t);
                }
            }
            Open::Nothing => {
                let mut p = Pending::default();
                p.push(n, t);
                self.open = Open::Paragraph(p);
            }
        }
    }

    fn heading(&mut self, n: usize, t: &str) {
        let hashes = t.chars().take_while(|c| *c == '#').count();
        let rest = &t[hashes..];
        if !rest.starts_with(' ') {
            self.problem(n, "a heading needs a space after the #");
            return;
        }
        let level = match hashes {
            2 => 2,
            3 => 3,
            1 => {
                self.problem(
                    n,
                    "the page title comes from the front matter: use ## for headings",
                );
                return;
            }
            _ => {
                self.problem(n, "only ## and ### headings are supported");
                return;
            }
        };
        let text = self.inlines(&[(n, rest.trim().to_owned())]);
        let id = slugify(&plain(&text));
        if id.is_empty() {
            self.problem(n, "the heading is empty");
            return;
        }
        if !self.heading_ids.insert(id.clone()) {
            self.problem(n, format!("two headings on this page are both \"{id}\""));
        }
        self.blocks.push(Block::Heading { level, text, id });
    }

    fn list_item(&mut self, n: usize, ordered: bool, number: Option<u64>, rest: &str) {
        let same_kind = matches!(&self.open, Open::List { ordered: o, .. } if *o == ordered);
        if !same_kind {
            self.close();
            self.open = Open::List {
                ordered,
                items: Vec::new(),
            };
        }
        let count = match &self.open {
            Open::List { items, .. } => items.len(),
            _ => 0,
        };
        if ordered {
            let expected = count as u64 + 1;
            if number != Some(expected) {
                self.problem(
                    n,
                    format!("numbered lists count 1, 2, 3: this item should be {expected}"),
                );
            }
        }
        if let Open::List { items, .. } = &mut self.open {
            let mut item = Pending::default();
            item.push(n, rest);
            items.push(item);
        }
    }

    fn close(&mut self) {
        match std::mem::replace(&mut self.open, Open::Nothing) {
            Open::Nothing => {}
            Open::Paragraph(p) => {
                let inlines = self.inlines(&p.pieces);
                if !inlines.is_empty() {
                    self.blocks.push(Block::Paragraph(inlines));
                }
            }
            Open::List { ordered, items } => {
                let items = items.iter().map(|i| self.inlines(&i.pieces)).collect();
                self.blocks.push(Block::List { ordered, items });
            }
        }
    }

    /// Inlines of lines joined by spaces. Links are recorded with the line they are on.
    fn inlines(&mut self, pieces: &[(usize, String)]) -> Vec<Inline> {
        let mut joined = String::new();
        let mut starts: Vec<(usize, usize)> = Vec::new();
        for (line, piece) in pieces {
            if !joined.is_empty() {
                joined.push(' ');
            }
            starts.push((joined.len(), *line));
            joined.push_str(piece);
        }
        let line_at_offset = |offset: usize| {
            starts
                .iter()
                .rev()
                .find(|(start, _)| *start <= offset)
                .map_or(0, |(_, line)| *line)
        };
        let mut out = Vec::new();
        let segments: Vec<&str> = joined.split("**").collect();
        if segments.len().is_multiple_of(2) {
            let at = joined.rfind("**").unwrap_or(0);
            self.problem(line_at_offset(at), "a ** for bold is not closed");
        }
        let mut offset = 0;
        for (i, segment) in segments.iter().enumerate() {
            let strong = i % 2 == 1 && i + 1 < segments.len();
            let inner = merge_text(self.links_and_text(segment, offset, &line_at_offset));
            if strong {
                if !inner.is_empty() {
                    out.push(Inline::Strong(inner));
                }
            } else {
                out.extend(inner);
            }
            offset += segment.len() + 2;
        }
        merge_text(out)
    }

    fn links_and_text(
        &mut self,
        segment: &str,
        base: usize,
        line_at_offset: &dyn Fn(usize) -> usize,
    ) -> Vec<Inline> {
        let mut out = Vec::new();
        let mut rest = segment;
        let mut consumed = 0;
        while let Some(open) = rest.find('[') {
            let line = line_at_offset(base + consumed + open);
            self.text(&rest[..open], base + consumed, line_at_offset, &mut out);
            let after = &rest[open + 1..];
            let link = after.find("](").and_then(|close| {
                let href_start = close + 2;
                after[href_start..].find(')').map(|end| {
                    (
                        &after[..close],
                        &after[href_start..href_start + end],
                        href_start + end + 1,
                    )
                })
            });
            let Some((text, href, used)) = link else {
                self.problem(line, "a [ that does not make a link: write [text](address)");
                rest = after;
                consumed += open + 1;
                continue;
            };
            if rest[..open].ends_with('!') {
                self.problem(line, "images are not supported");
            }
            if let Some(inline) = self.link(line, text, href) {
                out.push(inline);
            }
            rest = &after[used..];
            consumed += open + 1 + used;
        }
        self.text(rest, base + consumed, line_at_offset, &mut out);
        out
    }

    fn link(&mut self, line: usize, text: &str, href: &str) -> Option<Inline> {
        let text = text.trim();
        let href = href.trim();
        if text.is_empty() {
            self.problem(line, format!("the link to {href} has no text"));
            return None;
        }
        if let Some(message) = unsupported_text(text).map(|(_, m)| m).or_else(|| {
            text.contains(['[', ']', '*'])
                .then_some("link text must be plain words")
        }) {
            self.problem(line, message);
            return None;
        }
        if let Some(id) = href.strip_prefix("glossary:") {
            self.links.push((line, href.to_owned()));
            return Some(Inline::Term {
                id: id.to_owned(),
                text: text.to_owned(),
            });
        }
        let ok = (href.starts_with('/') && !href.starts_with("//")) || href.starts_with("https://");
        if !ok || href.contains(char::is_whitespace) {
            self.problem(
                line,
                format!("link \"{href}\" must start with /, https:// or glossary:"),
            );
            return None;
        }
        self.links.push((line, href.to_owned()));
        Some(Inline::Link {
            href: href.to_owned(),
            text: text.to_owned(),
        })
    }

    fn text(
        &mut self,
        text: &str,
        base: usize,
        line_at_offset: &dyn Fn(usize) -> usize,
        out: &mut Vec<Inline>,
    ) {
        if text.is_empty() {
            return;
        }
        if let Some((at, message)) = unsupported_text(text) {
            self.problem(line_at_offset(base + at), message);
        }
        out.push(Inline::Text(text.to_owned()));
    }
}

/// Why a whole line is outside the subset, if it is.
fn unsupported_line(t: &str) -> Option<&'static str> {
    if t.starts_with('>') {
        return Some("quotes (>) are not supported");
    }
    if t.starts_with('|') {
        return Some("tables are not supported");
    }
    if t.starts_with("```") || t.starts_with("~~~") {
        return Some("code blocks are not supported");
    }
    if t.starts_with("* ") || t.starts_with("+ ") {
        return Some("use - for bullet lists");
    }
    let rule = t.len() >= 3
        && ['-', '*', '_', '=']
            .iter()
            .any(|c| t.chars().all(|x| x == *c || x == ' '));
    if rule {
        return Some("lines and underlined headings are not supported: use ## for headings");
    }
    None
}

/// Why a run of text is outside the subset, if it is, and where in it.
fn unsupported_text(text: &str) -> Option<(usize, &'static str)> {
    let simple: [(char, &'static str); 4] = [
        ('<', "raw HTML (<) is not allowed: write plain text"),
        ('`', "code (`) is not supported"),
        (
            '*',
            "a single * (italics) is not supported: use ** for bold",
        ),
        ('\\', "a \\ escape is not supported"),
    ];
    if let Some(found) = simple
        .iter()
        .filter_map(|(c, message)| text.find(*c).map(|at| (at, *message)))
        .min()
    {
        return Some(found);
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let italic_underscore = chars.iter().enumerate().find(|(i, (_, c))| {
        *c == '_'
            && !(chars
                .get(i.wrapping_sub(1))
                .is_some_and(|(_, p)| p.is_alphanumeric())
                && chars.get(i + 1).is_some_and(|(_, n)| n.is_alphanumeric()))
    });
    if let Some((_, (at, _))) = italic_underscore {
        return Some((*at, "_ for italics is not supported"));
    }
    for (amp, _) in text.match_indices('&') {
        let entity: String = text[amp + 1..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '#')
            .collect();
        if !entity.is_empty() && text[amp + 1 + entity.len()..].starts_with(';') {
            return Some((
                amp,
                "HTML entities (&...;) are not allowed: write the character",
            ));
        }
    }
    None
}

fn merge_text(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for inline in inlines {
        match (out.last_mut(), inline) {
            (Some(Inline::Text(a)), Inline::Text(b)) => a.push_str(&b),
            (_, inline) => out.push(inline),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"+++
title = "Before a difficult conversation"
summary = "How to get ready."
order = 2
author = "Heard content team"
reviewer = "pending"
last_reviewed = "2026-11-23"
next_review = "2027-11-23"

[[sources]]
title = "Talking to your healthcare team"
publisher = "Macmillan Cancer Support"
url = "https://www.macmillan.org.uk/"
checked = "2026-11-23"

[[actions]]
label = "Prepare for an appointment"
href = "/consultations/new"
+++

Sometimes you need to talk to your [clinical nurse specialist](glossary:clinical-nurse-specialist).
This line carries on the paragraph.

## Be clear about what you want

- a partner, relative or friend
- an [advocate](glossary:advocacy), if you
  are raising a concern

1. **Talk to your team.** Many problems can be put right.
2. **Ask for help.** Read [your rights](/guidance/your-rights) or [the NHS](https://www.nhs.uk/).

### Next steps
"#;

    fn page() -> GuidancePage {
        GuidancePage::parse("content/guidance/before.md", PAGE).unwrap()
    }

    fn text(s: &str) -> Inline {
        Inline::Text(s.to_owned())
    }

    #[test]
    fn a_page_parses_into_blocks() {
        let p = page();
        assert_eq!(p.slug, "before");
        assert_eq!(p.order, 2);
        assert_eq!(p.next_review, Date::new(2027, 11, 23).unwrap());
        assert_eq!(p.actions[0].href, "/consultations/new");
        assert_eq!(p.blocks.len(), 5, "{:#?}", p.blocks);
        assert_eq!(
            p.blocks[0],
            Block::Paragraph(vec![
                text("Sometimes you need to talk to your "),
                Inline::Term {
                    id: "clinical-nurse-specialist".into(),
                    text: "clinical nurse specialist".into()
                },
                text(". This line carries on the paragraph."),
            ])
        );
        assert_eq!(
            p.blocks[1],
            Block::Heading {
                level: 2,
                text: vec![text("Be clear about what you want")],
                id: "be-clear-about-what-you-want".into()
            }
        );
        let Block::List {
            ordered: false,
            items,
        } = &p.blocks[2]
        else {
            unreachable!("{:?}", p.blocks[2]);
        };
        assert_eq!(items.len(), 2);
        assert_eq!(
            plain(&items[1]),
            "an advocate, if you are raising a concern"
        );
        let Block::List {
            ordered: true,
            items,
        } = &p.blocks[3]
        else {
            unreachable!("{:?}", p.blocks[3]);
        };
        assert_eq!(
            items[0],
            vec![
                Inline::Strong(vec![text("Talk to your team.")]),
                text(" Many problems can be put right.")
            ]
        );
        assert!(matches!(&p.blocks[4], Block::Heading { level: 3, id, .. } if id == "next-steps"));
    }

    #[test]
    fn links_come_with_their_lines_and_plain_text_has_no_markup() {
        let p = page();
        assert_eq!(
            p.links(),
            vec![
                (21, "glossary:clinical-nurse-specialist".to_owned()),
                (27, "glossary:advocacy".to_owned()),
                (31, "/guidance/your-rights".to_owned()),
                (31, "https://www.nhs.uk/".to_owned()),
            ]
        );
        let plain = p.plain_text();
        assert!(
            plain.starts_with("Sometimes you need to talk to your clinical nurse specialist. This")
        );
        assert!(plain.contains("\nTalk to your team. Many problems"));
        assert!(!plain.contains(['*', '[', ']', '(', '#']), "{plain}");
        assert_eq!(plain.lines().count(), 7);
    }

    #[test]
    fn anything_outside_the_subset_is_a_problem_on_its_line() {
        let cases = [
            ("Some <b>HTML</b> here.", "raw HTML"),
            ("An image ![alt](/x.png).", "images"),
            ("| a | b |", "tables"),
            ("```", "code blocks"),
            ("    indented code", "indented code"),
            ("Some `code` here.", "code (`)"),
            ("> a quote", "quotes"),
            ("* a star bullet", "use - for bullet lists"),
            ("  - a nested item", "lists inside lists"),
            ("# A title", "front matter"),
            ("#### Too deep", "only ## and ###"),
            ("Some *italic* text.", "italics"),
            ("Some **bold text.", "not closed"),
            ("A [broken link(/x).", "does not make a link"),
            ("A [link](http://example.org/).", "must start with"),
            ("A [link](javascript:alert(1)).", "must start with"),
            ("A [](/guidance/x) link.", "has no text"),
            ("An &nbsp; entity.", "entities"),
            ("---", "underlined headings"),
            ("2. Starts at two.", "should be 1"),
        ];
        for (line, want) in cases {
            let text = PAGE.replace("This line carries on the paragraph.", line);
            let problems = GuidancePage::parse("content/guidance/x.md", &text).unwrap_err();
            assert!(
                problems
                    .iter()
                    .any(|p| p.message.contains(want) && p.line == Some(22)),
                "{line}: {problems:?}"
            );
        }
    }

    #[test]
    fn front_matter_problems_are_reported() {
        let no_front = "## Heading\n\nText.\n";
        assert!(GuidancePage::parse("x.md", no_front).is_err());
        let unknown = PAGE.replace("order = 2", "order = 2\ncolour = \"red\"");
        let problems = GuidancePage::parse("x.md", &unknown).unwrap_err();
        assert_eq!(problems[0].line, Some(5), "{problems:?}");
        let bad = PAGE
            .replace("https://www.macmillan.org.uk/", "www.macmillan.org.uk")
            .replace(
                "next_review = \"2027-11-23\"",
                "next_review = \"2026-01-01\"",
            )
            .replace(
                "title = \"Before a difficult conversation\"",
                "title = \"\"",
            );
        let problems = GuidancePage::parse("x.md", &bad).unwrap_err();
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m.contains("https://")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("after last_reviewed")),
            "{messages:?}"
        );
        assert!(messages.contains(&"title is empty"), "{messages:?}");
        let empty = PAGE.split_inclusive("+++\n").take(2).collect::<String>();
        let problems = GuidancePage::parse("x.md", &empty).unwrap_err();
        assert_eq!(problems[0].message, "the page has no text");
    }

    #[test]
    fn duplicate_headings_are_refused_and_slugs_are_plain() {
        let twice = PAGE.replace("### Next steps", "## Be clear about what you want");
        assert!(GuidancePage::parse("x.md", &twice).is_err());
        assert_eq!(
            slugify("If English is not your first language"),
            "if-english-is-not-your-first-language"
        );
        assert_eq!(slugify("  What's next? (Scotland) "), "whats-next-scotland");
    }
}
