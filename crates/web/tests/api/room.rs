//! In the room and afterwards, over HTTP: saving answers and notes on their own, retries that
//! never duplicate, two devices that never overwrite each other, the reflection, and what to
//! do next.

use heard_store::both_engines;
use heard_store::testing::TestDatabase;
use reqwest::StatusCode;

use crate::helpers::{Browser, csrf_in, hidden_value, location, main_of, spawn_app};

/// A consultation on 1 November 2026 (three weeks before the test clock) with two questions.
pub async fn past_consultation(browser: &Browser) -> (String, Vec<String>) {
    let form = browser.get_html("/consultations/new").await;
    let response = browser
        .post_raw(
            "/consultations",
            &[
                ("csrf", &csrf_in(&form)),
                ("id", &hidden_value(&form, "id")),
                ("day", "1"),
                ("month", "11"),
                ("year", "2026"),
                ("time", "10am"),
                ("place", "hospital-or-clinic"),
                ("role", "oncologist"),
                ("kind", "test-results"),
            ],
        )
        .await;
    let id = location(&response).split('/').nth(2).unwrap().to_owned();
    let goal = browser.get_html(&format!("/consultations/{id}/goal")).await;
    browser
        .post_raw(
            &format!("/consultations/{id}/goal"),
            &[
                ("csrf", &csrf_in(&goal)),
                ("version", &hidden_value(&goal, "version")),
                ("goal", "understand-results"),
            ],
        )
        .await;
    for text in ["What did the scan show?", "When do I start treatment?"] {
        let page = browser
            .get_html(&format!("/consultations/{id}/questions"))
            .await;
        browser
            .post_raw(
                &format!("/consultations/{id}/questions"),
                &[
                    ("csrf", &csrf_in(&page)),
                    ("id", &hidden_value(&page, "id")),
                    ("text", text),
                ],
            )
            .await;
    }
    let page = browser
        .get_html(&format!("/consultations/{id}/questions"))
        .await;
    let questions = page
        .split("id=\"question-")
        .skip(1)
        .map(|r| r[..36].to_owned())
        .collect();
    (id, questions)
}

/// Saves one room entry as the script does (JSON back), returning the response body.
pub async fn save(browser: &Browser, id: &str, fields: &[(&str, &str)]) -> serde_json::Value {
    let page = browser.get_html(&format!("/consultations/{id}/room")).await;
    let mut all = vec![("csrf", csrf_in(&page))];
    all.extend(fields.iter().map(|(k, v)| (*k, (*v).to_owned())));
    let pairs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = browser
        .client
        .post(browser.url(&format!("/consultations/{id}/room")))
        .header("sec-fetch-site", "same-origin")
        .header("accept", "application/json")
        .form(&pairs)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "saving {fields:?}");
    assert!(response.headers().contains_key("x-idle-seconds"));
    serde_json::from_str(&response.text().await.unwrap()).unwrap()
}

both_engines!(the_room_saves_each_answer_and_note_on_its_own, room_story);
async fn room_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("nia").await;
    let (id, questions) = past_consultation(&browser).await;
    let page = browser.get_html(&format!("/consultations/{id}/room")).await;
    assert!(
        page.contains("Understand my test results"),
        "the goal is at the top"
    );
    assert!(
        page.find("What did the scan show?").unwrap()
            < page.find("When do I start treatment?").unwrap()
    );

    // Without scripts: a small form with its own button.
    let response = browser
        .post_raw(
            &format!("/consultations/{id}/room"),
            &[
                ("csrf", &csrf_in(&page)),
                ("id", &hidden_value(&page, "id")),
                ("on", "question"),
                ("question", &questions[0]),
                ("field", "status"),
                ("based_on", ""),
                ("value", "answered"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&response),
        format!("/consultations/{id}/room?saved=1#question-{}", questions[0])
    );
    let page = browser.get_html(&format!("/consultations/{id}/room")).await;
    assert!(page.contains(&format!(
        "id=\"status-answered-{}\" name=\"value\" value=\"answered\" checked",
        questions[0]
    )));

    // With the script: the same entry sent three times (a retry on a bad connection) is stored
    // once, and the answer can then be changed from that version.
    let device_id = uuid::Uuid::new_v4().to_string();
    let fields = [
        ("id", device_id.as_str()),
        ("on", "question"),
        ("question", &questions[0]),
        ("field", "answer"),
        ("based_on", ""),
        ("value", "A small shadow, probably nothing"),
    ];
    let mut heads = String::new();
    for _ in 0..3 {
        let saved = save(&browser, &id, &fields).await;
        assert_eq!(saved["status"], "saved");
        assert_eq!(saved["conflict"], false);
        heads = saved["based_on"].as_str().unwrap().to_owned();
    }
    assert_eq!(heads, device_id, "one entry, so one head");
    let next_id = uuid::Uuid::new_v4().to_string();
    let saved = save(
        &browser,
        &id,
        &[
            ("id", &next_id),
            ("on", "question"),
            ("question", &questions[0]),
            ("field", "answer"),
            ("based_on", &heads),
            ("value", "A small shadow: another scan in 3 months"),
        ],
    )
    .await;
    assert_eq!(saved["based_on"], next_id.as_str());

    // Not understood, a next step, what was asked for, decisions and notes.
    save(
        &browser,
        &id,
        &[
            ("id", &uuid::Uuid::new_v4().to_string()),
            ("on", "question"),
            ("question", &questions[1]),
            ("field", "not-understood"),
            ("based_on", ""),
            ("value", "yes"),
        ],
    )
    .await;
    save(
        &browser,
        &id,
        &[
            ("id", &uuid::Uuid::new_v4().to_string()),
            ("on", "question"),
            ("question", &questions[1]),
            ("field", "status"),
            ("based_on", ""),
            ("value", "not-answered"),
        ],
    )
    .await;
    let step = uuid::Uuid::new_v4().to_string();
    for _ in 0..2 {
        save(
            &browser,
            &id,
            &[
                ("id", &step),
                ("on", "new-step"),
                ("what", "Repeat scan"),
                ("who", "The hospital"),
                ("by_when", "in about two weeks"),
            ],
        )
        .await;
    }
    save(
        &browser,
        &id,
        &[
            ("id", &uuid::Uuid::new_v4().to_string()),
            ("on", "asked-for"),
            ("based_on", ""),
            ("value", "follow-up-call"),
            ("value", "email-remaining-questions"),
        ],
    )
    .await;
    save(
        &browser,
        &id,
        &[
            ("id", &uuid::Uuid::new_v4().to_string()),
            ("on", "decisions"),
            ("based_on", ""),
            ("value", "Wait and scan again"),
        ],
    )
    .await;
    let page = browser.get_html(&format!("/consultations/{id}/room")).await;
    let main = main_of(&page);
    assert!(main.contains("A small shadow: another scan in 3 months"));
    assert!(
        !main.contains("probably nothing"),
        "the older answer is no longer shown"
    );
    assert!(main.contains("You did not understand this answer."));
    assert!(main.contains("Could you draw it"));
    assert_eq!(
        main.matches("Repeat scan").count(),
        1,
        "a step sent twice is one step"
    );
    assert!(main.contains("id=\"asked-call\" name=\"value\" value=\"follow-up-call\" checked"));
    assert!(main.contains("Wait and scan again"));

    // Bad input: an unknown slot, a question from elsewhere, no device id.
    for fields in [
        vec![
            ("id", uuid::Uuid::new_v4().to_string()),
            ("on", "nonsense".into()),
        ],
        vec![
            ("id", uuid::Uuid::new_v4().to_string()),
            ("on", "question".into()),
            ("question", uuid::Uuid::new_v4().to_string()),
            ("field", "answer".into()),
        ],
        vec![("on", "notes".to_owned()), ("value", "no id".to_owned())],
    ] {
        let mut all = vec![("csrf", csrf_in(&page))];
        all.extend(fields.iter().map(|(k, v)| (*k, v.clone())));
        let pairs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = browser
            .post_raw(&format!("/consultations/{id}/room"), &pairs)
            .await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{fields:?}");
    }

    // What to do next follows from what was recorded.
    let next = browser.get_html(&format!("/consultations/{id}/next")).await;
    let next = main_of(&next);
    assert!(
        next.contains("1 of your questions was not answered."),
        "{next}"
    );
    assert!(next.contains("Ask for a follow-up appointment or call"));
    assert!(next.contains("You asked for a follow-up appointment or call."));
    assert!(
        next.contains("1 next step is past its date."),
        "two weeks after 1 November has passed"
    );
    assert!(next.contains("You have not yet recorded how the appointment went."));
    app.stop().await;
}

both_engines!(
    two_devices_never_overwrite_each_other_in_the_room,
    room_conflict_story
);
async fn room_conflict_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let phone = app.signed_in("nia").await;
    let (id, _) = past_consultation(&phone).await;
    let laptop = app.browser();
    laptop.sign_in("nia", crate::helpers::PASSWORD).await;
    let first = uuid::Uuid::new_v4().to_string();
    save(
        &phone,
        &id,
        &[
            ("id", &first),
            ("on", "notes"),
            ("based_on", ""),
            ("value", "Start"),
        ],
    )
    .await;
    // Both devices had "Start" and change it at once.
    let from_phone = save(
        &phone,
        &id,
        &[
            ("id", &uuid::Uuid::new_v4().to_string()),
            ("on", "notes"),
            ("based_on", &first),
            ("value", "Typed on the phone"),
        ],
    )
    .await;
    assert_eq!(from_phone["conflict"], false);
    let from_laptop = save(
        &laptop,
        &id,
        &[
            ("id", &uuid::Uuid::new_v4().to_string()),
            ("on", "notes"),
            ("based_on", &first),
            ("value", "Typed on the laptop"),
        ],
    )
    .await;
    assert_eq!(from_laptop["conflict"], true);
    let page = phone.get_html(&format!("/consultations/{id}/room")).await;
    assert!(page.contains("One thing was saved differently on two devices."));
    assert!(page.contains("Typed on the phone") && page.contains("Typed on the laptop"));
    // Saving on top of both settles it.
    let heads = hidden_value(
        &page[page
            .find("id=\"notes-text\"")
            .map_or(0, |i| i.saturating_sub(1200))..],
        "based_on",
    );
    assert_eq!(
        heads.split_whitespace().count(),
        2,
        "the form is based on both versions"
    );
    let settled = save(
        &phone,
        &id,
        &[
            ("id", &uuid::Uuid::new_v4().to_string()),
            ("on", "notes"),
            ("based_on", &heads),
            ("value", "Typed on the phone and the laptop"),
        ],
    )
    .await;
    assert_eq!(settled["conflict"], false);
    let page = phone.get_html(&format!("/consultations/{id}/room")).await;
    assert!(!page.contains("saved differently on two devices"));
    app.stop().await;
}

both_engines!(the_reflection_goes_one_question_a_page, reflection_story);
async fn reflection_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("nia").await;
    let (id, _) = past_consultation(&browser).await;
    let start = browser.get(&format!("/consultations/{id}/reflect")).await;
    assert_eq!(
        location(&start),
        format!("/consultations/{id}/reflect/understood")
    );
    let page = browser
        .get_html(&format!("/consultations/{id}/reflect/understood"))
        .await;
    assert!(
        page.contains("Did you understand what you were told?") && page.contains("Question 1 of 8")
    );
    // No answer: a clear error; "skip" moves on without one.
    let response = browser
        .submit(
            &format!("/consultations/{id}/reflect/understood"),
            &format!("/consultations/{id}/reflect/understood"),
            &[],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Choose an answer, or skip this question")
    );
    let response = browser
        .submit(
            &format!("/consultations/{id}/reflect/understood"),
            &format!("/consultations/{id}/reflect/understood"),
            &[("skip", "1")],
        )
        .await;
    assert_eq!(
        location(&response),
        format!("/consultations/{id}/reflect/listened")
    );
    for step in [
        "understood",
        "listened",
        "questions-answered",
        "worries",
        "communication",
        "goal",
    ] {
        let response = browser
            .submit(
                &format!("/consultations/{id}/reflect/{step}"),
                &format!("/consultations/{id}/reflect/{step}"),
                &[("answer", "yes")],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{step}");
    }
    let goal = browser
        .get_html(&format!("/consultations/{id}/reflect/goal"))
        .await;
    assert!(goal.contains("You wanted:") && goal.contains("Understand my test results"));
    browser
        .submit(
            &format!("/consultations/{id}/reflect/unfair"),
            &format!("/consultations/{id}/reflect/unfair"),
            &[("unfair", "no")],
        )
        .await;
    let response = browser
        .submit(
            &format!("/consultations/{id}/reflect/anything-else"),
            &format!("/consultations/{id}/reflect/anything-else"),
            &[("text", "The nurse drew a diagram")],
        )
        .await;
    assert_eq!(location(&response), format!("/consultations/{id}/next"));
    // Everything went well: the first suggestion is to say so.
    let next = browser.get_html(&format!("/consultations/{id}/next")).await;
    let first = next.find("class=\"suggestion\"").unwrap();
    assert!(
        next[first..]
            .starts_with("class=\"suggestion\">\n    <h2 class=\"heading-s\">Say thank you"),
        "{}",
        &next[first..first + 200]
    );
    assert!(!next.contains("Write to the professional or team about your concern"));
    // The dashboard shows it as done.
    assert!(
        browser
            .get_html("/dashboard")
            .await
            .contains("How it went: recorded")
    );

    // Feeling treated unfairly changes everything.
    browser
        .submit(
            &format!("/consultations/{id}/reflect/unfair"),
            &format!("/consultations/{id}/reflect/unfair"),
            &[
                ("unfair", "yes"),
                ("characteristics", "race"),
                ("characteristics", "age"),
                ("text", "Spoken over"),
            ],
        )
        .await;
    let page = browser
        .get_html(&format!("/consultations/{id}/reflect/unfair"))
        .await;
    assert!(
        page.contains("id=\"characteristic-race\" name=\"characteristics\" value=\"race\" checked")
    );
    let next = browser.get_html(&format!("/consultations/{id}/next")).await;
    assert!(
        next.find("Write to the professional or team about your concern")
            .unwrap()
            < next.find("Contact PALS").unwrap()
    );
    assert!(next.contains("mention the Equality Act 2010"));
    assert!(!next.contains("Say thank you"));
    app.stop().await;
}

both_engines!(another_persons_room_is_refused, room_ownership_story);
async fn room_ownership_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let owner = app.signed_in("owner").await;
    let (id, questions) = past_consultation(&owner).await;
    let other = app.signed_in("other").await;
    for path in [
        format!("/consultations/{id}/room"),
        format!("/consultations/{id}/reflect"),
        format!("/consultations/{id}/reflect/understood"),
        format!("/consultations/{id}/next"),
    ] {
        assert_eq!(
            other.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let post = other
        .submit(
            "/dashboard",
            &format!("/consultations/{id}/room"),
            &[
                ("id", &uuid::Uuid::new_v4().to_string()),
                ("on", "question"),
                ("question", &questions[0]),
                ("field", "answer"),
                ("value", "x"),
            ],
        )
        .await;
    assert_eq!(post.status(), StatusCode::NOT_FOUND);
    let post = other
        .submit(
            "/dashboard",
            &format!("/consultations/{id}/reflect/understood"),
            &[("answer", "no")],
        )
        .await;
    assert_eq!(post.status(), StatusCode::NOT_FOUND);
    app.stop().await;
}
