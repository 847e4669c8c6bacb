//! Letters over HTTP: all eleven filled from what was recorded, edited, checked, taken away as
//! PDF, text and email, and marked as sent with a reply date.

use heard_store::both_engines;
use heard_store::testing::TestDatabase;
use reqwest::StatusCode;

use crate::helpers::{Browser, csrf_in, hidden_value, location, main_of, spawn_app};
use crate::room::{past_consultation, save};

/// A consultation with a lot recorded: answers, a question not answered, a next step, requests,
/// a decision, an interpreter, and a reflection saying the person was not listened to and felt
/// treated unfairly because of their race.
async fn recorded_consultation(browser: &Browser) -> String {
    let (id, questions) = past_consultation(browser).await;
    let access = browser
        .get_html(&format!("/consultations/{id}/access"))
        .await;
    browser
        .post_raw(
            &format!("/consultations/{id}/access"),
            &[
                ("csrf", &csrf_in(&access)),
                ("version", &hidden_value(&access, "version")),
                ("interpreter", "spoken"),
                ("language", "Twi"),
                ("needs", "hearing-loop"),
            ],
        )
        .await;
    let new = || uuid::Uuid::new_v4().to_string();
    save(
        browser,
        &id,
        &[
            ("id", &new()),
            ("on", "question"),
            ("question", &questions[0]),
            ("field", "status"),
            ("based_on", ""),
            ("value", "answered"),
        ],
    )
    .await;
    save(
        browser,
        &id,
        &[
            ("id", &new()),
            ("on", "question"),
            ("question", &questions[1]),
            ("field", "status"),
            ("based_on", ""),
            ("value", "not-answered"),
        ],
    )
    .await;
    save(
        browser,
        &id,
        &[
            ("id", &new()),
            ("on", "new-step"),
            ("what", "Repeat scan"),
            ("who", "the hospital"),
            ("by_when", "in about two weeks"),
        ],
    )
    .await;
    save(
        browser,
        &id,
        &[
            ("id", &new()),
            ("on", "decisions"),
            ("based_on", ""),
            ("value", "Wait and scan again"),
        ],
    )
    .await;
    save(
        browser,
        &id,
        &[
            ("id", &new()),
            ("on", "asked-for"),
            ("based_on", ""),
            ("value", "follow-up-call"),
        ],
    )
    .await;
    let reflect = |step: &'static str, fields: Vec<(&'static str, &'static str)>| {
        let path = format!("/consultations/{id}/reflect/{step}");
        async move { browser.submit(&path, &path, &fields).await }
    };
    reflect("listened", vec![("answer", "no")]).await;
    reflect(
        "unfair",
        vec![("unfair", "yes"), ("characteristics", "race")],
    )
    .await;
    id
}

/// Starts a letter of this kind from a consultation; returns its id.
pub async fn start_letter(browser: &Browser, kind: &str, consultation: &str) -> String {
    let page = browser
        .get_html(&format!(
            "/letters/new?kind={kind}&consultation={consultation}"
        ))
        .await;
    let response = browser
        .post_raw(
            "/letters",
            &[
                ("csrf", &csrf_in(&page)),
                ("id", &hidden_value(&page, "id")),
                ("kind", kind),
                ("consultation", consultation),
                ("nation", "england"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "starting {kind}");
    location(&response)
        .trim_start_matches("/letters/")
        .to_owned()
}

/// The letter's edit form, as the fields it would send.
fn form_fields(page: &str) -> Vec<(String, String)> {
    let mut out = vec![
        ("csrf".to_owned(), csrf_in(page)),
        ("version".to_owned(), hidden_value(page, "version")),
    ];
    for name in [
        "sender_name",
        "sender_email",
        "recipient_name",
        "recipient_email",
        "hospital_number",
        "nhs_number",
        "subject",
        "salutation",
        "closing",
    ] {
        out.push((name.into(), crate::helpers::input_value(page, name)));
    }
    for name in ["sender_address", "recipient_address", "body"] {
        let start = page.find(&format!("name=\"{name}\"")).unwrap();
        let open = start + page[start..].find('>').unwrap() + 1;
        let close = open + page[open..].find("</textarea>").unwrap();
        out.push((name.into(), crate::helpers::unescape(&page[open..close])));
    }
    out.push(("nation".into(), "england".into()));
    // Ticked on the page unless the person unticks it.
    out.push(("remember".into(), "1".into()));
    out
}

async fn save_letter(browser: &Browser, id: &str, change: &[(&str, &str)]) -> reqwest::Response {
    let page = browser.get_html(&format!("/letters/{id}")).await;
    let mut fields = form_fields(&page);
    for (name, value) in change {
        match fields.iter_mut().find(|(k, _)| k == name) {
            Some(field) => field.1 = (*value).to_owned(),
            None => fields.push(((*name).to_owned(), (*value).to_owned())),
        }
    }
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    browser.post_raw(&format!("/letters/{id}"), &pairs).await
}

both_engines!(
    all_eleven_letters_are_filled_from_what_was_recorded,
    eleven_letters_story
);
async fn eleven_letters_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("tara").await;
    let consultation = recorded_consultation(&browser).await;
    let expectations: [(&str, &[&str]); 11] = [
        (
            "follow-up-summary",
            &[
                "Wait and scan again",
                "Repeat scan (the hospital, in about two weeks)",
            ],
        ),
        ("remaining-questions", &["When do I start treatment?"]),
        ("follow-up-request", &["a phone call"]),
        (
            "interpreter-request",
            &["an interpreter for Twi", "A hearing loop"],
        ),
        (
            "letter-of-concern",
            &[
                "I did not feel listened to.",
                "because of race",
                "7 December 2026",
            ],
        ),
        ("pals", &["PALS"]),
        ("formal-complaint", &["12 months", "Equality Act 2010"]),
        (
            "subject-access-request",
            &["Data Protection Act 2018", "My test and scan results"],
        ),
        ("ombudsman", &["Parliamentary and Health Service Ombudsman"]),
        ("positive-feedback", &["Sunday 1 November 2026"]),
        ("healthwatch", &["Healthwatch"]),
    ];
    for (kind, expected) in expectations {
        let id = start_letter(&browser, kind, &consultation).await;
        let response = save_letter(
            &browser,
            &id,
            &[
                ("sender_name", "Tara Okonkwo"),
                ("nhs_number", "485 777 3456"),
            ],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{kind}: saving");
        let text = browser
            .get(&format!("/letters/{id}/letter.txt"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            !text.contains("{{") && !text.contains("}}"),
            "{kind}: a placeholder was left:\n{text}"
        );
        assert!(
            text.contains("NHS number: 485 777 3456") && text.trim_end().ends_with("Tara Okonkwo"),
            "{kind}:\n{text}"
        );
        // Lines are wrapped for plain text: compare with the wrapping undone.
        let unwrapped = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for e in expected {
            assert!(unwrapped.contains(e), "{kind}: {e:?} missing from\n{text}");
        }
        let pdf = browser.get(&format!("/letters/{id}/letter.pdf")).await;
        assert_eq!(
            pdf.headers().get("content-type").unwrap(),
            "application/pdf"
        );
        let pdf = pdf.bytes().await.unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "{kind}");
        if let Some(extracted) = pdf_text(&pdf) {
            let flat = extracted.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                flat.contains("Tara Okonkwo") && !flat.contains("{{"),
                "{kind}: {flat}"
            );
        }
    }
    assert_eq!(
        browser
            .get_html("/letters")
            .await
            .matches("class=\"item\"")
            .count(),
        11
    );
    app.stop().await;
}

pub fn pdf_text(pdf: &[u8]) -> Option<String> {
    std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .ok()?;
    let path = std::env::temp_dir().join(format!("heard-letter-{}.pdf", uuid::Uuid::new_v4()));
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    Some(String::from_utf8(out.stdout).unwrap())
}

both_engines!(
    a_letter_is_checked_sent_and_its_reply_awaited,
    send_flow_story
);
async fn send_flow_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("tara").await;
    let (consultation, _) = past_consultation(&browser).await;
    let id = start_letter(&browser, "remaining-questions", &consultation).await;

    // Validation: no name, no subject.
    let response = save_letter(&browser, &id, &[("sender_name", ""), ("subject", " ")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Enter your name, so they know who the letter is from")
            && page.contains("Enter a subject")
    );

    // The tone and plain-English checks advise, and never stop the save.
    let body = "You NEVER LISTEN!! You deliberately ignored me. Prior to the appointment I had utilised the leaflet.";
    let response = save_letter(
        &browser,
        &id,
        &[
            ("sender_name", "Tara Okonkwo"),
            ("sender_email", "tara@example.org"),
            ("recipient_email", "team@hospital.example"),
            ("body", body),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = browser.get_html(&format!("/letters/{id}")).await;
    for advice in [
        "can read as shouting",
        "Several exclamation marks",
        "says what someone meant",
        "\"prior to\": you could say \"before\"",
        "Reading ease:",
    ] {
        assert!(
            main_of(&page).contains(advice)
                || main_of(&page).contains(&advice.replace('"', "&#34;")),
            "{advice} missing"
        );
    }
    // Details are remembered for the next letter.
    let second = start_letter(&browser, "positive-feedback", &consultation).await;
    assert_eq!(
        crate::helpers::input_value(
            &browser.get_html(&format!("/letters/{second}")).await,
            "sender_name"
        ),
        "Tara Okonkwo"
    );

    // Preview, text, email draft.
    let preview = browser.get_html(&format!("/letters/{id}/preview")).await;
    assert!(
        preview.contains("Draft") && preview.contains("mailto:team%40hospital.example?subject=")
    );
    let eml = browser.get(&format!("/letters/{id}/letter.eml")).await;
    assert_eq!(eml.headers().get("content-type").unwrap(), "message/rfc822");
    let eml = eml.text().await.unwrap();
    assert!(
        eml.contains("From: Tara Okonkwo <tara@example.org>")
            && eml.contains("To: team@hospital.example")
            && eml.contains("X-Unsent: 1")
    );

    // Marking as sent: a bad date is refused; a good one sets the reply date (14 days).
    let response = browser
        .post_raw(
            &format!("/letters/{id}/sent"),
            &[
                ("csrf", &csrf_in(&preview)),
                ("day", "31"),
                ("month", "11"),
                ("year", "2026"),
                ("by", "email"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = browser
        .post_raw(
            &format!("/letters/{id}/sent"),
            &[
                ("csrf", &csrf_in(&preview)),
                ("day", "24"),
                ("month", "11"),
                ("year", "2026"),
                ("by", "email"),
            ],
        )
        .await;
    assert_eq!(
        location(&response),
        format!("/letters/{id}/preview?done=sent")
    );
    let page = browser.get_html(&location(&response)).await;
    assert!(
        page.contains("Marked as sent. A reply is due by 8 December 2026."),
        "{}",
        main_of(&page)
    );
    // It is on the consultation's page, with its dates.
    let summary = browser
        .get_html(&format!("/consultations/{consultation}"))
        .await;
    assert!(
        summary.contains("Sent 24 November 2026 · Reply due 8 December 2026"),
        "{}",
        main_of(&summary)
    );
    // Late replies show as overdue once the date passes; a reply closes it.
    app.clock.advance(jiff::SignedDuration::from_hours(24 * 16));
    browser.sign_in("tara", crate::helpers::PASSWORD).await;
    assert!(
        browser
            .get_html("/letters")
            .await
            .contains("Reply overdue since 8 December 2026")
    );
    let page = browser.get_html(&format!("/letters/{id}/preview")).await;
    browser
        .post_raw(
            &format!("/letters/{id}/replied"),
            &[("csrf", &csrf_in(&page))],
        )
        .await;
    assert!(
        browser
            .get_html("/letters")
            .await
            .contains("Reply received 9 December 2026")
    );
    app.stop().await;
}

both_engines!(another_persons_letter_is_refused, letter_ownership_story);
async fn letter_ownership_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let owner = app.signed_in("owner").await;
    let (consultation, _) = past_consultation(&owner).await;
    let id = start_letter(&owner, "pals", &consultation).await;
    let other = app.signed_in("other").await;
    for path in [
        "",
        "/preview",
        "/letter.pdf",
        "/letter.txt",
        "/letter.eml",
        "/delete",
    ] {
        assert_eq!(
            other.get(&format!("/letters/{id}{path}")).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    for (path, fields) in [
        (
            "",
            vec![
                ("version", "1"),
                ("sender_name", "x"),
                ("subject", "x"),
                ("body", "x"),
            ],
        ),
        (
            "/sent",
            vec![("day", "1"), ("month", "1"), ("year", "2027")],
        ),
        ("/replied", vec![]),
        ("/delete", vec![]),
    ] {
        let response = other
            .submit("/dashboard", &format!("/letters/{id}{path}"), &fields)
            .await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "POST {path}");
    }
    // Nor can a letter be started from someone else's consultation.
    let page = other.get_html("/letters/new").await;
    let response = other
        .post_raw(
            "/letters",
            &[
                ("csrf", &csrf_in(&page)),
                ("kind", "pals"),
                ("consultation", &consultation),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(!other.get_html("/letters").await.contains(&id));
    app.stop().await;
}
