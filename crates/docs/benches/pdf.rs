//! How long a letter takes to become a PDF: a typical one-page letter and a five-page one.
//! Compare with LibreOffice converting the same letter: bench/libreoffice.sh.

#![allow(
    clippy::expect_used,
    reason = "a benchmark that cannot render has nothing to measure"
)]

use criterion::{Criterion, criterion_group, criterion_main};
use heard_core::letter::{Block, Letter};
use heard_docs::{PdfEngine, PrintDate};

pub fn one_page_letter() -> Letter {
    Letter {
        sender: vec!["Sam Taylor".into(), "12 Station Road".into(), "Leeds LS1 4AB".into()],
        recipient: vec!["Dr A Okafor".into(), "Oncology Outpatients".into(), "St Mary's Hospital".into(), "Leeds LS2 9XX".into()],
        date: "24 November 2026".into(),
        references: vec![("Hospital number".into(), "RX4 123 456".into()), ("NHS number".into(), "485 777 3456".into())],
        subject: "Questions after my appointment on Thursday 3 December 2026".into(),
        salutation: "Dear Dr Okafor,".into(),
        blocks: vec![
            Block::Paragraph { text: "Thank you for seeing me on Thursday 3 December 2026. We ran out of time before I could ask all of my questions, so I am sending the rest here, as we agreed.".into() },
            Block::Bullets { items: vec![
                "What does stage 2 mean for my treatment?".into(),
                "How long will each round of treatment take?".into(),
                "Can I keep working while I am having treatment?".into(),
                "Who should I call if I feel unwell at night?".into(),
            ] },
            Block::Paragraph { text: "I would be grateful for a reply by email or by phone. If it is easier to talk, I am happy to come in for a short appointment.".into() },
            Block::Paragraph { text: "Thank you for your help.".into() },
        ],
        closing: "Yours sincerely,".into(),
        signature: "Sam Taylor".into(),
    }
}

fn five_page_letter() -> Letter {
    let mut letter = one_page_letter();
    let paragraph = "On the day of the appointment I arrived early and waited for over an hour. When I was seen, the conversation was short, and I did not feel I could ask about the side effects I had read about. I would like to understand what happened and what can be done differently next time. ";
    for _ in 0..24 {
        letter.blocks.push(Block::Paragraph {
            text: paragraph.repeat(2),
        });
    }
    letter
}

fn render(c: &mut Criterion) {
    let engine = PdfEngine::new();
    let date = PrintDate {
        year: 2026,
        month: 11,
        day: 24,
    };
    let one = one_page_letter();
    let five = five_page_letter();
    // Warm-up outside the timing: the first render loads fonts and builds Typst's caches, as
    // a running server would have done long before.
    let first = engine
        .render_letter(&one, "Sam Taylor", date)
        .expect("renders");
    let long = engine
        .render_letter(&five, "Sam Taylor", date)
        .expect("renders");
    let out = std::env::temp_dir();
    std::fs::write(out.join("heard-bench-one-page.pdf"), &first).expect("writes");
    std::fs::write(out.join("heard-bench-five-pages.pdf"), &long).expect("writes");
    eprintln!(
        "one-page letter: {} bytes; long letter: {} bytes (both written to {} for pdfinfo)",
        first.len(),
        long.len(),
        out.display()
    );
    // Typst memoises layout: rendering the very same letter again would measure its cache.
    // Each iteration changes the subject, so every render lays the letter out afresh.
    let fresh = |letter: &Letter, n: u64| {
        let mut letter = letter.clone();
        letter.subject = format!("{} ({n})", letter.subject);
        letter
    };
    let mut n = 0_u64;
    c.bench_function("letter_pdf_one_page", |b| {
        b.iter_batched(
            || {
                n += 1;
                fresh(&one, n)
            },
            |letter| {
                engine
                    .render_letter(&letter, "Sam Taylor", date)
                    .expect("renders")
            },
            criterion::BatchSize::SmallInput,
        )
    });
    c.bench_function("letter_pdf_five_pages", |b| {
        b.iter_batched(
            || {
                n += 1;
                fresh(&five, n)
            },
            |letter| {
                engine
                    .render_letter(&letter, "Sam Taylor", date)
                    .expect("renders")
            },
            criterion::BatchSize::SmallInput,
        )
    });
}

criterion_group!(benches, render);
criterion_main!(benches);
