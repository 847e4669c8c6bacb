//! Preparing for a consultation, over HTTP: the whole journey, bad input, conflicts, and
//! another person's consultation.

use heard_store::both_engines;
use heard_store::testing::TestDatabase;
use reqwest::StatusCode;

use crate::helpers::{Browser, csrf_in, hidden_value, location, main_of, spawn_app};

/// Adds a consultation through the form and returns its id.
async fn add_consultation(
    browser: &Browser,
    day: &str,
    month: &str,
    year: &str,
    time: &str,
) -> String {
    let form = browser.get_html("/consultations/new").await;
    let response = browser
        .post_raw(
            "/consultations",
            &[
                ("csrf", &csrf_in(&form)),
                ("version", "0"),
                ("id", &hidden_value(&form, "id")),
                ("day", day),
                ("month", month),
                ("year", year),
                ("time", time),
                ("place", "hospital-or-clinic"),
                ("place_name", "St Mary's Hospital, Outpatients"),
                ("role", "oncologist"),
                ("with_name", "Dr Okafor"),
                ("kind", "test-results"),
            ],
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "creating a consultation"
    );
    let to = location(&response);
    assert!(to.ends_with("/goal"), "{to}");
    to.trim_start_matches("/consultations/")
        .trim_end_matches("/goal")
        .to_owned()
}

/// Posts a step form as shown (with its version), plus these fields.
async fn save_step(
    browser: &Browser,
    page_path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let page = browser.get_html(page_path).await;
    let mut all = vec![
        ("csrf".to_owned(), csrf_in(&page)),
        ("version".to_owned(), hidden_value(&page, "version")),
    ];
    if page.contains("name=\"from\" value=\"summary\"") {
        all.push(("from".into(), "summary".into()));
    }
    all.extend(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    let path = page_path.split('?').next().unwrap();
    let pairs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    browser.post_raw(path, &pairs).await
}

async fn question_button(
    browser: &Browser,
    consultation: &str,
    question: &str,
    action: &str,
) -> reqwest::Response {
    let page = browser
        .get_html(&format!("/consultations/{consultation}/questions"))
        .await;
    browser
        .post_raw(
            &format!("/consultations/{consultation}/questions/{question}"),
            &[("csrf", &csrf_in(&page)), ("action", action)],
        )
        .await
}

/// The question ids on the questions page, in order.
fn question_ids(page: &str) -> Vec<String> {
    page.split("id=\"question-")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
        .collect()
}

both_engines!(
    a_consultation_is_prepared_from_start_to_sheet,
    journey_story
);
async fn journey_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("ama").await;
    let id = add_consultation(&browser, "3", "12", "2026", "2:30pm").await;

    // Goal: common answers and own words.
    let response = save_step(
        &browser,
        &format!("/consultations/{id}/goal"),
        &[
            ("goal", "understand-results"),
            ("goal", "know-what-happens-next"),
            ("own_words", "Can I travel in May?"),
        ],
    )
    .await;
    assert_eq!(
        location(&response),
        format!("/consultations/{id}/questions")
    );

    // Questions: two of my own and two from the bank.
    let page = browser
        .get_html(&format!("/consultations/{id}/questions"))
        .await;
    assert!(
        page.contains("There is often time for about 5 questions"),
        "a hint from the appointment kind"
    );
    for text in [
        "Is the scan result good news?",
        "Who do I call if I get a fever?",
    ] {
        let page = browser
            .get_html(&format!("/consultations/{id}/questions"))
            .await;
        let response = browser
            .post_raw(
                &format!("/consultations/{id}/questions"),
                &[
                    ("csrf", &csrf_in(&page)),
                    ("id", &hidden_value(&page, "id")),
                    ("text", text),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    let bank = browser
        .get_html(&format!(
            "/consultations/{id}/bank?topic=diagnosis-and-tests"
        ))
        .await;
    assert!(bank.contains("Diagnosis and tests") && bank.contains("Where this comes from"));
    // Glossary terms in the questions lead to their meaning.
    assert!(
        bank.contains("class=\"term\" href=\"/glossary#"),
        "no glossary link"
    );
    let bank_ids: Vec<String> = bank
        .split("name=\"bank_id\" value=\"")
        .skip(1)
        .map(|r| r[..r.find('"').unwrap()].to_owned())
        .take(2)
        .collect();
    for bank_id in &bank_ids {
        let response = browser
            .post_raw(
                &format!("/consultations/{id}/bank"),
                &[
                    ("csrf", &csrf_in(&bank)),
                    ("bank_id", bank_id),
                    ("topic", "diagnosis-and-tests"),
                    ("q", ""),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert!(location(&response).contains(&format!("#bank-{bank_id}")));
    }
    let bank = browser
        .get_html(&format!(
            "/consultations/{id}/bank?topic=diagnosis-and-tests"
        ))
        .await;
    assert_eq!(
        bank.matches(">Added</p>").count(),
        2,
        "added questions are shown as added"
    );
    // Search finds questions across topics.
    let found = browser
        .get_html(&format!("/consultations/{id}/bank?q=clinical+trial"))
        .await;
    assert!(
        found.contains("questions match &#34;clinical trial&#34;"),
        "{}",
        main_of(&found)
    );
    assert!(found.contains("Is there a clinical trial that might suit me?"));

    // Reorder and mark the three most important; they come first.
    let page = browser
        .get_html(&format!("/consultations/{id}/questions"))
        .await;
    let ids = question_ids(&page);
    assert_eq!(ids.len(), 4);
    question_button(&browser, &id, &ids[3], "important").await;
    question_button(&browser, &id, &ids[1], "important").await;
    question_button(&browser, &id, &ids[2], "up").await;
    let order = question_ids(
        &browser
            .get_html(&format!("/consultations/{id}/questions"))
            .await,
    );
    assert_eq!(
        order,
        [
            ids[3].clone(),
            ids[1].clone(),
            ids[2].clone(),
            ids[0].clone()
        ]
    );
    question_button(&browser, &id, &ids[0], "important").await;
    let response = question_button(&browser, &id, &ids[2], "important").await;
    assert!(location(&response).contains("done=question-three-important"));
    let page = browser.get_html(&location(&response)).await;
    assert!(page.contains("You have already marked 3 questions as most important."));
    assert!(page.contains("3 of 3 marked as most important"));

    // Edit one in my own words.
    let edit = browser
        .get_html(&format!("/consultations/{id}/questions/{}/edit", ids[0]))
        .await;
    let response = browser
        .post_raw(
            &format!("/consultations/{id}/questions/{}/edit", ids[0]),
            &[
                ("csrf", &csrf_in(&edit)),
                ("text", "Is the scan result good news for travelling?"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // Someone coming, and an interpreter.
    let response = save_step(
        &browser,
        &format!("/consultations/{id}/companion"),
        &[
            ("name", "Kofi"),
            ("relationship", "my brother"),
            ("roles", "take-notes"),
            ("roles", "speak-for-me"),
            ("speak_about", "how my nights have been"),
        ],
    )
    .await;
    assert_eq!(location(&response), format!("/consultations/{id}/access"));
    save_step(
        &browser,
        &format!("/consultations/{id}/access"),
        &[
            ("interpreter", "spoken"),
            ("language", "Twi"),
            ("needs", "hearing-loop"),
        ],
    )
    .await;
    let response = save_step(
        &browser,
        &format!("/consultations/{id}/talk"),
        &[
            ("say_first", "I have been worried since the scan."),
            ("notes", ""),
        ],
    )
    .await;
    assert_eq!(
        location(&response),
        format!("/consultations/{id}?done=saved")
    );
    save_step(
        &browser,
        &format!("/consultations/{id}/assumptions"),
        &[("good-outcome", "A clear plan")],
    )
    .await;

    // The summary shows every part with a change link.
    let summary = browser.get_html(&format!("/consultations/{id}")).await;
    for expected in [
        "Thursday 3 December 2026, 2:30pm",
        "Hospital or clinic: St Mary&#39;s Hospital, Outpatients",
        "Dr Okafor, Oncologist (cancer doctor)",
        "Test results",
        "Understand my test results",
        "Can I travel in May?",
        "Is the scan result good news for travelling?",
        "Kofi (my brother): Take notes, Speak for me about something, “how my nights have been”",
        "Interpreter: Twi",
        "A hearing loop",
        "The hospital or practice should arrange this.",
        "I have been worried since the scan.",
        "A clear plan",
    ] {
        assert!(
            summary.contains(expected) || summary.contains(&expected.replace('\'', "&#39;")),
            "summary lacks {expected}\n{}",
            main_of(&summary)
        );
    }
    assert!(summary.matches(">Change<").count() >= 10);

    // The printable sheet lists the questions in order, most important first.
    let sheet = browser
        .get_html(&format!("/consultations/{id}/sheet"))
        .await;
    let first = sheet
        .find("Is the scan result good news for travelling?")
        .unwrap();
    let last = sheet.find("Who do I call if I get a fever?").unwrap();
    assert!(first > 0 && last > 0);
    assert!(sheet.matches("class=\"answer-space\"").count() >= 4);

    // PDF and calendar file.
    let pdf = browser.get(&format!("/consultations/{id}/sheet.pdf")).await;
    assert_eq!(pdf.status(), StatusCode::OK);
    assert_eq!(
        pdf.headers().get("content-type").unwrap(),
        "application/pdf"
    );
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF-"));
    let ics = browser
        .get(&format!("/consultations/{id}/appointment.ics"))
        .await;
    assert_eq!(
        ics.headers().get("content-type").unwrap(),
        "text/calendar; charset=utf-8"
    );
    let ics = ics.text().await.unwrap();
    assert!(ics.contains(&format!("UID:{id}@heard")));
    assert!(ics.contains("DTSTART;TZID=Europe/London:20261203T143000"));
    assert!(ics.contains("TRIGGER:-PT1440M"));
    assert!(ics.contains("LOCATION:St Mary's Hospital\\, Outpatients"));
    let sequence = |ics: &str| {
        ics.lines()
            .find_map(|l| l.strip_prefix("SEQUENCE:"))
            .unwrap()
            .trim()
            .parse::<i64>()
            .unwrap()
    };
    let before = sequence(&ics);

    // Change the time: the calendar event keeps its UID and moves on.
    let response = save_step(
        &browser,
        &format!("/consultations/{id}/details?from=summary"),
        &[
            ("day", "3"),
            ("month", "12"),
            ("year", "2026"),
            ("time", "15:45"),
            ("place", "hospital-or-clinic"),
            ("place_name", "St Mary's Hospital, Outpatients"),
            ("role", "oncologist"),
            ("with_name", "Dr Okafor"),
            ("kind", "test-results"),
        ],
    )
    .await;
    assert_eq!(
        location(&response),
        format!("/consultations/{id}?done=saved")
    );
    let ics = browser
        .get(&format!("/consultations/{id}/appointment.ics"))
        .await
        .text()
        .await
        .unwrap();
    assert!(ics.contains(&format!("UID:{id}@heard")) && ics.contains("T154500"));
    assert!(sequence(&ics) > before);

    // Listed on the dashboard and the list page; then deleted after confirming.
    assert!(
        browser
            .get_html("/dashboard")
            .await
            .contains("Thursday 3 December 2026, 3:45pm")
    );
    assert!(
        browser
            .get_html("/consultations")
            .await
            .contains("4 questions")
    );
    let confirm = browser
        .get_html(&format!("/consultations/{id}/delete"))
        .await;
    assert!(confirm.contains("Delete this appointment?"));
    let response = browser
        .post_raw(
            &format!("/consultations/{id}/delete"),
            &[("csrf", &csrf_in(&confirm))],
        )
        .await;
    assert_eq!(location(&response), "/consultations?done=deleted");
    assert_eq!(
        browser.get(&format!("/consultations/{id}")).await.status(),
        StatusCode::NOT_FOUND
    );
    app.stop().await;
}

/// Sends the new-appointment form shown as `form`, with these fields.
async fn post_new(browser: &Browser, form: &str, fields: Vec<(&str, &str)>) -> reqwest::Response {
    let (csrf, id) = (csrf_in(form), hidden_value(form, "id"));
    let mut pairs = vec![("csrf", csrf.as_str()), ("id", id.as_str())];
    pairs.extend(fields);
    browser.post_raw("/consultations", &pairs).await
}

both_engines!(
    bad_dates_and_missing_choices_are_explained,
    validation_story
);
async fn validation_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("ama").await;
    let form = browser.get_html("/consultations/new").await;
    let post = |fields: Vec<(&'static str, &'static str)>| post_new(&browser, &form, fields);
    // 30 February: refused clearly, with what was typed kept.
    let response = post(vec![
        ("day", "30"),
        ("month", "2"),
        ("year", "2027"),
        ("time", "9am"),
        ("place_name", "Clinic <b>4</b>"),
    ])
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("href=\"#day\">That date does not exist. Check the day and month"));
    assert!(page.contains("Choose where the appointment is"));
    assert!(page.contains("Choose who the appointment is with"));
    assert!(page.contains("Choose what kind of appointment it is"));
    assert!(page.contains("value=\"30\"") && page.contains("value=\"9am\""));
    assert!(page.contains("Clinic &#60;b&#62;4&#60;/b&#62;") || page.contains("Clinic &lt;b&gt;4"));
    // A time the clocks skip.
    let response = post(vec![
        ("day", "29"),
        ("month", "3"),
        ("year", "2026"),
        ("time", "1:30am"),
        ("place", "phone"),
        ("role", "gp"),
        ("kind", "follow-up"),
    ])
    .await;
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("because the clocks go forward")
    );
    // Unreadable time and date.
    let page = post(vec![
        ("day", "x"),
        ("month", "y"),
        ("year", "z"),
        ("time", "teatime"),
    ])
    .await
    .text()
    .await
    .unwrap();
    assert!(
        page.contains("Enter the date as numbers") && page.contains("Enter the time like 2:30pm")
    );
    // Past appointments are fine.
    let response = post(vec![
        ("day", "1"),
        ("month", "6"),
        ("year", "2025"),
        ("time", "10:00"),
        ("place", "phone"),
        ("role", "gp"),
        ("kind", "follow-up"),
    ])
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // Sending the same form again does not add a second appointment.
    let response = post(vec![
        ("day", "1"),
        ("month", "6"),
        ("year", "2025"),
        ("time", "10:00"),
        ("place", "phone"),
        ("role", "gp"),
        ("kind", "follow-up"),
    ])
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let list = browser.get_html("/consultations").await;
    assert_eq!(list.matches("class=\"item\"").count(), 1);
    assert!(list.contains("Past appointments"));
    // A past appointment is not "coming up" on the dashboard.
    let dashboard = browser.get_html("/dashboard").await;
    assert!(dashboard.contains("You have no appointments coming up."));

    // A GP appointment sets expectations of about three questions.
    let id = location(&response)
        .trim_start_matches("/consultations/")
        .trim_end_matches("/goal")
        .to_owned();
    assert!(
        browser
            .get_html(&format!("/consultations/{id}/questions"))
            .await
            .contains("time for about 3 questions")
    );

    // Companion rules.
    let response = save_step(
        &browser,
        &format!("/consultations/{id}/companion"),
        &[("name", "Kofi"), ("roles", "speak-for-me")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Say what they may speak about") && page.contains("value=\"Kofi\""));
    // An interpreter needs a language.
    let response = save_step(
        &browser,
        &format!("/consultations/{id}/access"),
        &[("interpreter", "spoken"), ("language", " ")],
    )
    .await;
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Enter the language you need")
    );
    // An empty question is refused.
    let page = browser
        .get_html(&format!("/consultations/{id}/questions"))
        .await;
    let response = browser
        .post_raw(
            &format!("/consultations/{id}/questions"),
            &[
                ("csrf", &csrf_in(&page)),
                ("id", &hidden_value(&page, "id")),
                ("text", "  "),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Write your question")
    );
    app.stop().await;
}

async fn send_goal(b: &Browser, path: &str, form: &str, words: &str) -> reqwest::Response {
    let (csrf, version) = (csrf_in(form), hidden_value(form, "version"));
    b.post_raw(
        path,
        &[
            ("csrf", csrf.as_str()),
            ("version", version.as_str()),
            ("own_words", words),
        ],
    )
    .await
}

both_engines!(a_step_saved_on_two_devices_keeps_both, step_conflict_story);
async fn step_conflict_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let phone = app.signed_in("ama").await;
    let id = add_consultation(&phone, "3", "12", "2026", "14:30").await;
    let laptop = app.browser();
    laptop.sign_in("ama", crate::helpers::PASSWORD).await;
    let path = format!("/consultations/{id}/goal");
    let phone_form = phone.get_html(&path).await;
    let laptop_form = laptop.get_html(&path).await;
    assert_eq!(
        send_goal(&laptop, &path, &laptop_form, "From the laptop")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let response = send_goal(&phone, &path, &phone_form, "From the phone").await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("changed on another device") && page.contains(">From the phone</textarea>")
    );
    // Saving again from that page goes through.
    let response = send_goal(&phone, &path, &page, "From the phone").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        phone
            .get_html(&format!("/consultations/{id}"))
            .await
            .contains("From the phone")
    );
    app.stop().await;
}

both_engines!(
    another_persons_consultation_is_refused_everywhere,
    ownership_story
);
async fn ownership_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let owner = app.signed_in("owner").await;
    let id = add_consultation(&owner, "3", "12", "2026", "14:30").await;
    let page = owner
        .get_html(&format!("/consultations/{id}/questions"))
        .await;
    owner
        .post_raw(
            &format!("/consultations/{id}/questions"),
            &[
                ("csrf", &csrf_in(&page)),
                ("id", &hidden_value(&page, "id")),
                ("text", "Private question"),
            ],
        )
        .await;
    let question = question_ids(
        &owner
            .get_html(&format!("/consultations/{id}/questions"))
            .await,
    )[0]
    .clone();

    let other = app.signed_in("other").await;
    for path in [
        format!("/consultations/{id}"),
        format!("/consultations/{id}/details"),
        format!("/consultations/{id}/goal"),
        format!("/consultations/{id}/questions"),
        format!("/consultations/{id}/questions/{question}/edit"),
        format!("/consultations/{id}/bank"),
        format!("/consultations/{id}/companion"),
        format!("/consultations/{id}/access"),
        format!("/consultations/{id}/talk"),
        format!("/consultations/{id}/assumptions"),
        format!("/consultations/{id}/sheet"),
        format!("/consultations/{id}/sheet.pdf"),
        format!("/consultations/{id}/appointment.ics"),
        format!("/consultations/{id}/delete"),
    ] {
        let response = other.get(&path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "GET {path}");
        assert!(!response.text().await.unwrap().contains("Private question"));
    }
    for (path, fields) in [
        (
            format!("/consultations/{id}/details"),
            vec![
                ("version", "1"),
                ("day", "1"),
                ("month", "1"),
                ("year", "2027"),
                ("time", "9am"),
                ("place", "phone"),
                ("role", "gp"),
                ("kind", "other"),
            ],
        ),
        (
            format!("/consultations/{id}/goal"),
            vec![("version", "1"), ("own_words", "x")],
        ),
        (
            format!("/consultations/{id}/questions"),
            vec![("text", "x")],
        ),
        (
            format!("/consultations/{id}/questions/{question}"),
            vec![("action", "remove")],
        ),
        (
            format!("/consultations/{id}/questions/{question}/edit"),
            vec![("text", "x")],
        ),
        (
            format!("/consultations/{id}/bank"),
            vec![("bank_id", "dt-type")],
        ),
        (
            format!("/consultations/{id}/companion"),
            vec![("version", "1"), ("nobody", "1")],
        ),
        (
            format!("/consultations/{id}/access"),
            vec![("version", "1")],
        ),
        (format!("/consultations/{id}/talk"), vec![("version", "1")]),
        (
            format!("/consultations/{id}/assumptions"),
            vec![("version", "1")],
        ),
        (format!("/consultations/{id}/delete"), vec![]),
    ] {
        let response = other.submit("/dashboard", &path, &fields).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "POST {path}");
    }
    assert!(!other.get_html("/consultations").await.contains(&id));
    // Still intact for the owner.
    assert!(
        owner
            .get_html(&format!("/consultations/{id}/questions"))
            .await
            .contains("Private question")
    );
    app.stop().await;
}
