//! A letter's other forms: plain text (to copy or print) and an email draft (`.eml`). The PDF
//! is in `pdf`; the page is a template in `web`. All are made from one `Letter`.

use heard_core::letter::{Block, Letter};

use crate::text::{WIDTH, wrap};

/// The letter as plain text, wrapped, with CRLF line endings.
pub fn to_text(letter: &Letter) -> String {
    let mut lines: Vec<String> = Vec::new();
    lines.extend(letter.sender.iter().cloned());
    if !letter.sender.is_empty() {
        lines.push(String::new());
    }
    lines.push(letter.date.clone());
    lines.push(String::new());
    if !letter.recipient.is_empty() {
        lines.extend(letter.recipient.iter().cloned());
        lines.push(String::new());
    }
    for (label, value) in &letter.references {
        lines.push(format!("{label}: {value}"));
    }
    if !letter.references.is_empty() {
        lines.push(String::new());
    }
    if !letter.subject.is_empty() {
        lines.extend(wrap(&letter.subject, WIDTH));
        lines.push(String::new());
    }
    if !letter.salutation.is_empty() {
        lines.push(letter.salutation.clone());
        lines.push(String::new());
    }
    lines.extend(body_lines(&letter.blocks));
    if !letter.closing.is_empty() {
        lines.push(letter.closing.clone());
        lines.push(String::new());
    }
    lines.push(letter.signature.clone());
    let mut out = lines.join("\r\n");
    out.push_str("\r\n");
    out
}

fn body_lines(blocks: &[Block]) -> Vec<String> {
    let mut lines = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph { text } => lines.extend(wrap(text, WIDTH)),
            Block::Bullets { items } => {
                for item in items {
                    for (i, line) in wrap(item, WIDTH - 2).into_iter().enumerate() {
                        lines.push(if i == 0 {
                            format!("- {line}")
                        } else {
                            format!("  {line}")
                        });
                    }
                }
            }
        }
        lines.push(String::new());
    }
    lines
}

/// Keeps header values to one line of printable text: nothing a person typed can add a header.
fn header_safe(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_owned()
}

/// An email address as typed, if it looks like one; otherwise nothing.
fn address(value: &str) -> Option<String> {
    let v = value.trim();
    let ok = v.len() <= 254
        && v.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
        })
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "@.!#$%&'*+/=?^_`{|}~-".contains(c));
    ok.then(|| v.to_owned())
}

/// RFC 2047 encoding for a header with non-ASCII text.
fn encoded_word(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    let mut out = String::from("=?UTF-8?Q?");
    for b in text.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'!' | b'*' | b'+' | b'-' | b'/' => {
                out.push(b as char)
            }
            b' ' => out.push('_'),
            _ => out.push_str(&format!("={b:02X}")),
        }
    }
    out.push_str("?=");
    out
}

/// Quoted-printable body (RFC 2045), lines at most 76 characters.
fn quoted_printable(text: &str) -> String {
    let mut out = String::new();
    for (n, line) in text.split("\r\n").enumerate() {
        if n > 0 {
            out.push_str("\r\n");
        }
        let mut width = 0;
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let last = i + 1 == bytes.len();
            let piece = match b {
                b'=' => "=3D".to_owned(),
                b' ' | b'\t' if last => format!("={b:02X}"),
                33..=126 | b' ' | b'\t' => (b as char).to_string(),
                _ => format!("={b:02X}"),
            };
            if width + piece.len() > 75 {
                out.push_str("=\r\n");
                width = 0;
            }
            width += piece.len();
            out.push_str(&piece);
        }
    }
    out
}

/// An email draft to open in a mail program. `X-Unsent` makes Outlook open it ready to send.
pub fn to_eml(letter: &Letter, from: &str, to: &str, date_rfc2822: &str) -> String {
    let mut headers = vec![format!("Date: {}", header_safe(date_rfc2822))];
    if let Some(from) = address(from) {
        let name = letter.signature.replace(['"', '\\'], "");
        headers.push(format!(
            "From: {} <{from}>",
            encoded_word(&header_safe(&name))
        ));
    }
    if let Some(to) = address(to) {
        headers.push(format!("To: {to}"));
    }
    headers.push(format!(
        "Subject: {}",
        encoded_word(&header_safe(&letter.subject))
    ));
    headers.push("MIME-Version: 1.0".into());
    headers.push("Content-Type: text/plain; charset=utf-8".into());
    headers.push("Content-Transfer-Encoding: quoted-printable".into());
    headers.push("X-Unsent: 1".into());
    // The body is the letter from the salutation on: the header already says who and what.
    let mut body: Vec<String> = Vec::new();
    if !letter.salutation.is_empty() {
        body.push(letter.salutation.clone());
        body.push(String::new());
    }
    body.extend(body_lines(&letter.blocks));
    for (label, value) in &letter.references {
        body.push(format!("{label}: {value}"));
    }
    if !letter.references.is_empty() {
        body.push(String::new());
    }
    body.push(letter.closing.clone());
    body.push(letter.signature.clone());
    format!(
        "{}\r\n\r\n{}\r\n",
        headers.join("\r\n"),
        quoted_printable(&body.join("\r\n"))
    )
}

/// The body of a `mailto:` link (the same words as the email draft).
pub fn mailto_body(letter: &Letter) -> String {
    let mut body: Vec<String> = vec![letter.salutation.clone(), String::new()];
    for block in &letter.blocks {
        match block {
            Block::Paragraph { text } => body.push(text.clone()),
            Block::Bullets { items } => body.extend(items.iter().map(|i| format!("- {i}"))),
        }
        body.push(String::new());
    }
    body.push(letter.closing.clone());
    body.push(letter.signature.clone());
    body.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter() -> Letter {
        Letter {
            sender: vec!["Sam Taylor".into(), "1 High Street".into()],
            recipient: vec!["Dr Okafor".into(), "St Mary's Hospital".into()],
            date: "24 November 2026".into(),
            references: vec![("NHS number".into(), "485 777 3456".into())],
            subject: "Questions after my appointment".into(),
            salutation: "Dear Dr Okafor,".into(),
            blocks: vec![
                Block::Paragraph {
                    text: "Thank you for seeing me.".into(),
                },
                Block::Bullets {
                    items: vec!["What does stage 2 mean?".into(), "Can I still work?".into()],
                },
            ],
            closing: "Yours sincerely,".into(),
            signature: "Sam Taylor".into(),
        }
    }

    #[test]
    fn plain_text_keeps_every_part_in_order() {
        let text = to_text(&letter());
        let order = [
            "Sam Taylor\r\n1 High Street",
            "24 November 2026",
            "Dr Okafor\r\nSt Mary's Hospital",
            "NHS number: 485 777 3456",
            "Questions after my appointment",
            "Dear Dr Okafor,",
            "Thank you for seeing me.",
            "- What does stage 2 mean?\r\n- Can I still work?",
            "Yours sincerely,",
        ];
        let mut at = 0;
        for part in order {
            let found = text[at..]
                .find(part)
                .unwrap_or_else(|| panic!("{part:?} missing or out of order in {text}"));
            at += found + part.len();
        }
        assert!(text.ends_with("Sam Taylor\r\n"));
    }

    #[test]
    fn the_email_draft_is_a_well_formed_message_that_cannot_gain_headers() {
        let mut l = letter();
        l.subject = "Café visit\r\nBcc: someone@evil.example".into();
        let eml = to_eml(
            &l,
            "sam@example.org",
            "team@hospital.nhs.uk\r\nBcc: x@evil.example",
            "Tue, 24 Nov 2026 10:00:00 +0000",
        );
        let (head, body) = eml.split_once("\r\n\r\n").unwrap();
        assert!(head.contains("From: Sam Taylor <sam@example.org>"));
        assert!(
            !head.contains("To:"),
            "a To with a line break in it is dropped, not passed on"
        );
        let subject = head.lines().find(|l| l.starts_with("Subject: ")).unwrap();
        assert!(
            subject.starts_with("Subject: =?UTF-8?Q?Caf=C3=A9_visitBcc=3A_someone=40evil"),
            "{subject}"
        );
        assert!(subject.ends_with("?="));
        assert!(!head.lines().any(|l| l.starts_with("Bcc:")));
        assert!(
            head.contains("Content-Transfer-Encoding: quoted-printable")
                && head.contains("X-Unsent: 1")
        );
        assert!(body.contains("Dear Dr Okafor,"));
        assert!(body.contains("NHS number: 485 777 3456"));
        for line in body.split("\r\n") {
            assert!(line.len() <= 76, "{line}");
        }
    }

    #[test]
    fn quoted_printable_encodes_what_it_must() {
        assert_eq!(quoted_printable("a=b"), "a=3Db");
        assert_eq!(quoted_printable("café"), "caf=C3=A9");
        assert_eq!(quoted_printable("ends with space "), "ends with space=20");
        let long = "x".repeat(100);
        assert!(quoted_printable(&long).contains("=\r\n"));
    }
}
