//! Learn: the guidance pages and the glossary, open to everyone, signed in or not. Guidance is
//! data from `content/guidance/`; it is turned into HTML here, escaping every piece of text, so
//! nothing in a content file can become markup.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use heard_core::glossary::Glossary;
use heard_core::guidance::{Block, GuidancePage, Inline};

use crate::error::AppError;
use crate::pages::{PageContext, render};
use crate::state::AppState;
use crate::visitor::AnyVisitor;

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Only our own pages and secure web addresses become links; anything else is shown as text.
fn safe_href(href: &str) -> Option<&str> {
    let internal = href.starts_with('/') && !href.starts_with("//");
    (internal || href.starts_with("https://")).then_some(href)
}

/// A glossary term as a link to its definition, with the definition as a tooltip for those
/// who hover.
fn term_link(glossary: &Glossary, id: &str, text: &str, out: &mut String) {
    out.push_str("<a class=\"term\" href=\"/glossary#");
    escape(id, out);
    out.push('"');
    if let Some(t) = glossary.term(id) {
        out.push_str(" title=\"");
        escape(&t.definition, out);
        out.push('"');
    }
    out.push('>');
    escape(text, out);
    out.push_str("</a>");
}

/// Plain text with each glossary term (the first time it appears on the page) linked to its
/// definition. `linked` remembers the terms already linked on this page.
pub fn text_with_terms(
    glossary: &Glossary,
    text: &str,
    linked: &mut BTreeSet<String>,
    out: &mut String,
) {
    let mut at = 0;
    for (start, end, term) in glossary.find(text) {
        if linked.contains(&term.id) || start < at {
            continue;
        }
        escape(&text[at..start], out);
        term_link(glossary, &term.id, &text[start..end], out);
        linked.insert(term.id.clone());
        at = end;
    }
    escape(&text[at..], out);
}

fn inlines(glossary: &Glossary, items: &[Inline], linked: &mut BTreeSet<String>, out: &mut String) {
    for item in items {
        match item {
            Inline::Text(text) => text_with_terms(glossary, text, linked, out),
            Inline::Strong(inner) => {
                out.push_str("<strong>");
                inlines(glossary, inner, linked, out);
                out.push_str("</strong>");
            }
            Inline::Link { href, text } => match safe_href(href) {
                Some(href) => {
                    out.push_str("<a href=\"");
                    escape(href, out);
                    out.push_str("\">");
                    escape(text, out);
                    out.push_str("</a>");
                }
                None => escape(text, out),
            },
            Inline::Term { id, text } => {
                linked.insert(id.clone());
                term_link(glossary, id, text, out);
            }
        }
    }
}

/// The body of a guidance page as HTML.
pub fn body_html(glossary: &Glossary, page: &GuidancePage) -> String {
    let mut out = String::new();
    // Terms the author linked by hand are not linked again automatically.
    let mut linked: BTreeSet<String> = BTreeSet::new();
    for block in &page.blocks {
        match block {
            Block::Heading { level, text, id } => {
                let level = (*level).clamp(2, 4);
                let _ = write!(
                    out,
                    "<h{level} class=\"heading-{}\" id=\"",
                    if level == 2 { "m" } else { "s" }
                );
                escape(id, &mut out);
                out.push_str("\">");
                // Headings stay plain: a link inside a heading is hard to use.
                escape(&heard_core::guidance::plain(text), &mut out);
                let _ = write!(out, "</h{level}>");
            }
            Block::Paragraph(items) => {
                out.push_str("<p>");
                inlines(glossary, items, &mut linked, &mut out);
                out.push_str("</p>");
            }
            Block::List { ordered, items } => {
                out.push_str(if *ordered { "<ol>" } else { "<ul>" });
                for item in items {
                    out.push_str("<li>");
                    inlines(glossary, item, &mut linked, &mut out);
                    out.push_str("</li>");
                }
                out.push_str(if *ordered { "</ol>" } else { "</ul>" });
            }
        }
    }
    out
}

pub struct PageLink {
    pub slug: String,
    pub title: String,
    pub summary: String,
}

#[derive(Template)]
#[template(path = "guidance_index.html")]
struct IndexPage {
    ctx: PageContext,
    pages: Vec<PageLink>,
}

pub async fn index(
    State(state): State<AppState>,
    visitor: AnyVisitor,
) -> Result<Response, AppError> {
    let pages = state
        .learn
        .pages
        .iter()
        .map(|p| PageLink {
            slug: p.slug.clone(),
            title: p.title.clone(),
            summary: p.summary.clone(),
        })
        .collect();
    render(
        StatusCode::OK,
        &IndexPage {
            ctx: visitor.ctx,
            pages,
        },
    )
}

#[derive(Template)]
#[template(path = "guidance_page.html")]
struct ShowPage {
    ctx: PageContext,
    title: String,
    summary: String,
    body: String,
    actions: Vec<(String, String)>,
    sources: Vec<(String, String, String)>,
    reviewed: String,
    reviewer: String,
    previous: Option<PageLink>,
    next: Option<PageLink>,
}

pub async fn show(
    State(state): State<AppState>,
    visitor: AnyVisitor,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let learn = &state.learn;
    let index = learn
        .pages
        .iter()
        .position(|p| p.slug == slug)
        .ok_or(AppError::NotFound)?;
    let page = &learn.pages[index];
    let ctx = visitor.ctx;
    let link = |p: &GuidancePage| PageLink {
        slug: p.slug.clone(),
        title: p.title.clone(),
        summary: p.summary.clone(),
    };
    let view = ShowPage {
        title: page.title.clone(),
        summary: page.summary.clone(),
        body: body_html(&learn.glossary, page),
        actions: page
            .actions
            .iter()
            .filter(|a| safe_href(&a.href).is_some())
            .map(|a| (a.href.clone(), a.label.clone()))
            .collect(),
        sources: page
            .sources
            .iter()
            .map(|s| {
                (
                    format!("{}, {}", s.title, s.publisher),
                    s.url.clone(),
                    ctx.t1("pathway-checked", "date", &s.checked),
                )
            })
            .collect(),
        reviewed: ctx.t_args(
            "guidance-reviewed",
            &[
                ("last", ctx.civil_date(page.last_reviewed).into()),
                ("next", ctx.civil_date(page.next_review).into()),
            ],
        ),
        reviewer: page.reviewer.clone(),
        previous: index.checked_sub(1).map(|i| link(&learn.pages[i])),
        next: learn.pages.get(index + 1).map(link),
        ctx,
    };
    render(StatusCode::OK, &view)
}

pub struct TermView {
    pub id: String,
    pub term: String,
    pub definition: String,
}

#[derive(Template)]
#[template(path = "glossary.html")]
struct GlossaryPage {
    ctx: PageContext,
    summary: String,
    terms: Vec<TermView>,
    letters: Vec<(char, String)>,
    reviewed: String,
}

pub async fn glossary(
    State(state): State<AppState>,
    visitor: AnyVisitor,
) -> Result<Response, AppError> {
    let g = &state.learn.glossary;
    let ctx = visitor.ctx;
    let terms: Vec<TermView> = g
        .terms()
        .iter()
        .map(|t| TermView {
            id: t.id.clone(),
            term: t.term.clone(),
            definition: t.definition.clone(),
        })
        .collect();
    // An A to Z of the first letters that have terms, each a jump link.
    let mut letters: Vec<(char, String)> = Vec::new();
    for t in &terms {
        let first = t
            .term
            .chars()
            .next()
            .map(|c| c.to_ascii_uppercase())
            .unwrap_or('#');
        if letters.last().map(|(c, _)| *c) != Some(first) {
            letters.push((first, t.id.clone()));
        }
    }
    let reviewed = ctx.t_args(
        "guidance-reviewed",
        &[
            ("last", ctx.civil_date(g.last_reviewed).into()),
            ("next", ctx.civil_date(g.next_review).into()),
        ],
    );
    render(
        StatusCode::OK,
        &GlossaryPage {
            summary: g.summary.clone(),
            ctx,
            terms,
            letters,
            reviewed,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_link_from_a_page_to_the_guidance_leads_to_a_guide() {
        let learn = crate::content::learn(&crate::content::ContentFiles::embedded()).unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut links = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for part in text.split("href=\"/guidance/").skip(1) {
                let slug = part.split('"').next().unwrap();
                if slug.contains("{{") {
                    continue;
                }
                links += 1;
                assert!(
                    learn.pages.iter().any(|p| p.slug == slug),
                    "{} links to /guidance/{slug}",
                    path.display()
                );
            }
        }
        assert!(links >= 10, "{links} links from journey pages to guidance");
    }

    #[test]
    fn content_text_is_escaped_and_only_safe_links_are_made() {
        let glossary = crate::content::learn(&crate::content::ContentFiles::embedded())
            .unwrap()
            .glossary;
        let mut page = crate::content::learn(&crate::content::ContentFiles::embedded())
            .unwrap()
            .pages
            .remove(0);
        page.blocks = vec![Block::Paragraph(vec![
            Inline::Text("<script>alert(1)</script> & ".into()),
            Inline::Link {
                href: "javascript:alert(1)".into(),
                text: "bad".into(),
            },
            Inline::Link {
                href: "/letters".into(),
                text: "Write \"a\" letter".into(),
            },
            Inline::Text(" Ask PALS, then PALS again.".into()),
        ])];
        let html = body_html(&glossary, &page);
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; "));
        assert!(!html.contains("javascript:"));
        assert!(html.contains("<a href=\"/letters\">Write &quot;a&quot; letter</a>"));
        // A glossary term is linked once, the first time.
        assert_eq!(html.matches("href=\"/glossary#").count(), 1, "{html}");
    }
}
