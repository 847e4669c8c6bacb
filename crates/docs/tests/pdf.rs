//! PDF rendering: text the person typed comes out exactly as typed, never as Typst markup, and
//! the PDF is A4 and archival. Text is extracted with poppler's `pdftotext` (installed by
//! .ci/run); without it, the extraction checks say they were skipped.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a panic is a failed test"
)]

use std::io::Write;
use std::process::Command;

use heard_docs::{PdfEngine, PrintBlock, PrintDate, PrintDocument};

fn document(blocks: Vec<PrintBlock>) -> PrintDocument {
    PrintDocument {
        title: "Your appointment".into(),
        subtitle: Some("Thursday 3 December 2026, 2:30pm".into()),
        author: "Heard".into(),
        footer: "Made with Heard".into(),
        date: PrintDate {
            year: 2026,
            month: 11,
            day: 23,
        },
        blocks,
    }
}

/// The PDF's text, or `None` (saying so) when pdftotext is not installed.
fn extract_text(pdf: &[u8], args: &[&str]) -> Option<String> {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: PDF text checks need pdftotext (Debian package poppler-utils); .ci/run installs it"
        );
        return None;
    }
    let path = std::env::temp_dir().join(format!("heard-pdf-{}.pdf", uuid::Uuid::new_v4()));
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(args)
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(out.status.success(), "pdftotext failed");
    Some(String::from_utf8(out.stdout).unwrap())
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_sheet_renders_as_an_a4_pdf_a_with_metadata() {
    let engine = PdfEngine::new();
    let pdf = engine
        .render(&document(vec![
            PrintBlock::Facts {
                rows: vec![("Where".into(), "St Mary's Hospital".into())],
            },
            PrintBlock::Question {
                number: 1,
                text: "What do the results show?".into(),
                marker: Some("Most important".into()),
                lines: 3,
            },
        ]))
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let raw = String::from_utf8_lossy(&pdf);
    assert!(
        raw.contains("pdfaid:part") && raw.contains("<pdfaid:part>2</pdfaid:part>"),
        "no PDF/A-2 identification"
    );
    assert!(raw.contains("Your appointment"), "title metadata missing");
    assert!(
        !raw.contains("DejaVuSansMono"),
        "only the embedded sans fonts are used"
    );
    if let Some(info) = pdfinfo(&pdf) {
        assert!(info.contains("Title:           Your appointment"), "{info}");
        assert!(info.contains("Author:          Heard"), "{info}");
        assert!(
            info.contains("Page size:       595.276 x 841.89 pts (A4)"),
            "{info}"
        );
    }
    if let Some(text) = extract_text(&pdf, &[]) {
        let text = squash(&text);
        assert!(text.contains("Where St Mary's Hospital"), "{text}");
        assert!(
            text.contains("1. What do the results show? Most important"),
            "{text}"
        );
    }
}

fn pdfinfo(pdf: &[u8]) -> Option<String> {
    Command::new("pdfinfo").arg("-v").output().ok()?;
    let path = std::env::temp_dir().join(format!("heard-info-{}.pdf", uuid::Uuid::new_v4()));
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdfinfo").arg(&path).output().unwrap();
    std::fs::remove_file(&path).unwrap();
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn hostile_text_is_printed_literally_and_nothing_is_read_from_disk() {
    let hostile = [
        "#read(\"/etc/passwd\")",
        "#import \"/etc/hostname\": *",
        "#include \"/etc/hosts\"",
        "$x^2$ and *bold* and _under_ and `raw`",
        "] ) } #let x = 1 \\ back\\slash",
        "<script>alert('x')</script> &amp; <b>html</b>",
        "= Not a heading",
        "@label <label> // not a comment /* nor this */",
        "مرحبا بالعالم (right to left)",
        "emoji 🙂👍 and 👍🏽 and ❤️",
        "中文 日本語 한국어",
    ];
    let blocks = hostile
        .iter()
        .enumerate()
        .map(|(i, text)| PrintBlock::Question {
            number: i + 1,
            text: (*text).into(),
            marker: None,
            lines: 1,
        })
        .chain([PrintBlock::paragraph("#read(\"/etc/passwd\")\nline two")])
        .collect();
    let engine = PdfEngine::new();
    let pdf = engine.render(&document(blocks)).unwrap();
    let raw = String::from_utf8_lossy(&pdf);
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    if let Some(first) = passwd.lines().next() {
        assert!(!raw.contains(first), "/etc/passwd was read into the PDF");
    }
    if let Some(text) = extract_text(&pdf, &[]) {
        let text = squash(&text);
        for h in hostile.iter().filter(|h| h.is_ascii()) {
            assert!(
                text.contains(&squash(h)),
                "{h:?} not shown literally in: {text}"
            );
        }
        assert!(text.contains("#read(\"/etc/passwd\") line two"));
        assert!(!text.contains("root:x:"), "file contents leaked");
        // Right-to-left text survives (extraction order may differ for RTL). Emoji and scripts
        // the embedded font lacks become a visible box instead of stopping the PDF.
        assert!(text.contains("مرحبا") || text.contains("ابحرم"), "{text}");
        assert!(text.contains("emoji □□ and □ and"), "{text}");
        assert!(text.contains("□□ □□□ □□□"), "{text}");
    }
}

#[test]
fn a_five_thousand_word_paragraph_flows_over_several_pages() {
    let long = "word ".repeat(5000);
    let engine = PdfEngine::new();
    let pdf = engine
        .render(&document(vec![PrintBlock::paragraph(&long)]))
        .unwrap();
    if let Some(info) = pdfinfo(&pdf) {
        let pages: u32 = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .map(|p| p.trim().parse().unwrap())
            .unwrap();
        assert!(pages >= 5, "{pages} pages");
    }
    if let Some(text) = extract_text(&pdf, &[]) {
        assert_eq!(text.matches("word").count(), 5000);
    }
}

fn letter(blocks: Vec<heard_core::letter::Block>) -> heard_core::letter::Letter {
    heard_core::letter::Letter {
        sender: vec!["Sam Taylor".into(), "#import \"/etc/hostname\"".into()],
        recipient: vec!["Dr Okafor".into(), "$x$ ] \\ *bold*".into()],
        date: "24 November 2026".into(),
        references: vec![("NHS number".into(), "485 777 3456".into())],
        subject: "#read(\"/etc/passwd\") about my appointment".into(),
        salutation: "Dear Dr Okafor,".into(),
        blocks,
        closing: "Yours sincerely,".into(),
        signature: "Sam Taylor".into(),
    }
}

#[test]
fn a_letter_pdf_shows_hostile_text_literally() {
    use heard_core::letter::Block;
    let engine = PdfEngine::new();
    let l = letter(vec![
        Block::Paragraph {
            text: "<b>html</b> & `raw` = not markup. مرحبا 🙂".into(),
        },
        Block::Bullets {
            items: vec!["#let x = 1".into(), "]] )) }}".into()],
        },
        Block::Paragraph {
            text: "word ".repeat(5000),
        },
    ]);
    let pdf = engine
        .render_letter(
            &l,
            "Sam Taylor",
            PrintDate {
                year: 2026,
                month: 11,
                day: 24,
            },
        )
        .unwrap();
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("<pdfaid:part>2</pdfaid:part>"));
    if let Some(info) = pdfinfo(&pdf) {
        assert!(info.contains("Author:          Sam Taylor"), "{info}");
        assert!(
            info.contains("#read(\"/etc/passwd\") about my appointment"),
            "the title is the subject, literally: {info}"
        );
    }
    if let Some(text) = extract_text(&pdf, &[]) {
        let flat = squash(&text);
        for expected in [
            "#import \"/etc/hostname\"",
            "$x$ ] \\ *bold*",
            "#read(\"/etc/passwd\") about my appointment",
            "<b>html</b> & `raw` = not markup.",
            "#let x = 1",
            "]] )) }}",
            "NHS number: 485 777 3456",
        ] {
            assert!(flat.contains(expected), "{expected:?} not shown literally");
        }
        assert_eq!(text.matches("word").count(), 5000);
        assert!(!text.contains("root:x:"));
    }
}

#[test]
fn control_characters_in_stored_text_do_not_stop_the_pdf() {
    // Forms take control characters out, but text stored before they did may hold them; a NUL
    // used to make every PDF of that record fail.
    let engine = PdfEngine::new();
    let pdf = engine
        .render(&document(vec![
            PrintBlock::paragraph("before\u{0}after\u{1b}[0m and a\ttab"),
            PrintBlock::Question {
                number: 1,
                text: "What\u{7} next?\r".into(),
                marker: None,
                lines: 1,
            },
        ]))
        .expect("a document with control characters renders");
    if let Some(text) = extract_text(&pdf, &[]) {
        let text = squash(&text);
        assert!(text.contains("beforeafter[0m and a tab"), "{text}");
        assert!(text.contains("What next?"), "{text}");
    }
}
