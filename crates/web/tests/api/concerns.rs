//! Concerns over HTTP: open one, build its timeline, watch the deadlines and the suggested next
//! step change, take away the case file and a deadline, subscribe to the calendar feed, and use
//! the directory.

use heard_store::both_engines;
use heard_store::testing::TestDatabase;
use jiff::SignedDuration;
use reqwest::StatusCode;

use crate::helpers::{Browser, csrf_in, hidden_value, input_value, location, main_of, spawn_app};

/// Opens a concern about care in an English hospital on 2 November 2026, in which the person
/// felt treated unfairly because of their age; returns its id.
async fn open_concern(browser: &Browser) -> String {
    open_concern_with(browser, true).await
}

async fn open_concern_with(browser: &Browser, unfair: bool) -> String {
    let mut fields: Vec<(&str, String)> = vec![
        ("id", uuid::Uuid::now_v7().to_string()),
        ("title", "Results given in the corridor".into()),
        ("nation", "england".into()),
        ("setting", "hospital".into()),
        ("happened_on_day", "2".into()),
        ("happened_on_month", "11".into()),
        ("happened_on_year", "2026".into()),
        (
            "what_happened",
            "The registrar told me my scan results in the corridor.".into(),
        ),
        (
            "effect",
            "I could not take anything in and cried on the bus home.".into(),
        ),
        ("wishes", "explanation".into()),
        ("wishes", "change".into()),
    ];
    if unfair {
        fields.push(("unfair", "yes".into()));
        fields.push(("characteristics", "age".into()));
    }
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = browser.submit("/concerns/new", "/concerns", &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let to = location(&response);
    assert!(to.starts_with("/concerns/"), "{to}");
    to.trim_start_matches("/concerns/").to_owned()
}

async fn add_event(browser: &Browser, concern: &str, fields: &[(&str, &str)]) {
    let id = uuid::Uuid::now_v7().to_string();
    let mut all = vec![("id", id.as_str())];
    all.extend_from_slice(fields);
    let response = browser
        .submit(
            &format!("/concerns/{concern}/events/new"),
            &format!("/concerns/{concern}/events"),
            &all,
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{fields:?}");
}

/// The "What to do next" section's first suggestion.
fn first_next_step(page: &str) -> String {
    let section = page
        .split("id=\"next-heading\"")
        .nth(1)
        .expect("a next-steps section");
    let title = section
        .split("<h3 class=\"heading-s\" translate=\"no\">")
        .nth(1)
        .expect("a suggestion");
    title.split("</h3>").next().unwrap().to_owned()
}

both_engines!(
    a_concern_is_opened_and_followed_to_its_deadlines,
    concern_story
);
async fn concern_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("amara").await;
    assert!(
        browser
            .get_html("/concerns")
            .await
            .contains("You have not raised a concern")
    );

    // Bad input is shown again with what was typed and a message by each field.
    let response = browser
        .submit(
            "/concerns/new",
            "/concerns",
            &[
                ("id", &uuid::Uuid::now_v7().to_string()),
                ("title", ""),
                ("what_happened", "Told in the corridor <b>loudly</b>"),
                ("happened_on_day", "31"),
                ("happened_on_month", "2"),
                ("happened_on_year", "2026"),
                ("nation", "england"),
                ("setting", "hospital"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Enter a short title"));
    assert!(page.contains("id=\"happened_on-error\""));
    assert!(page.contains("Told in the corridor &#60;b&#62;loudly&#60;/b&#62;"));
    assert!(!page.contains("<b>loudly</b>"));

    let id = open_concern_with(&browser, false).await;
    let page = browser.get_html(&format!("/concerns/{id}")).await;
    // Nothing done yet: start by talking to the team. The 12-month limit runs from 2 November.
    assert_eq!(
        first_next_step(&page),
        "Talk to the team that cares for you"
    );
    assert!(page.contains("By 2 November 2027"), "{}", main_of(&page));
    assert!(page.contains("Make your formal complaint"));
    assert!(page.contains("/letters/new?kind=letter-of-concern&#38;concern="));

    // The conversation did not put it right: PALS is next.
    add_event(
        &browser,
        &id,
        &[
            ("kind", "conversation-held"),
            ("on_day", "16"),
            ("on_month", "11"),
            ("on_year", "2026"),
            ("notes", "Spoke to the ward sister; she said it was busy."),
            ("outcome", "no"),
        ],
    )
    .await;
    let page = browser.get_html(&format!("/concerns/{id}")).await;
    assert_eq!(first_next_step(&page), "Ask PALS for help");
    assert!(page.contains("Spoke to the ward sister; she said it was busy."));

    // A formal complaint on Monday 23 November: they must acknowledge it within 3 working days.
    add_event(
        &browser,
        &id,
        &[
            ("kind", "complaint-made"),
            ("on_day", "23"),
            ("on_month", "11"),
            ("on_year", "2026"),
        ],
    )
    .await;
    let page = browser.get_html(&format!("/concerns/{id}")).await;
    assert!(page.contains("By 26 November 2026"), "{}", main_of(&page));
    assert!(page.contains("3 days left"), "{}", main_of(&page));
    // The dashboard keeps a copy of the open concerns: it must follow every change.
    let acknowledge = "Tell you they have your complaint";
    let dashboard = browser.get_html("/dashboard").await;
    assert!(dashboard.contains(acknowledge), "{}", main_of(&dashboard));
    assert!(dashboard.contains("26 November 2026"));

    // A week later and no acknowledgement: chase them.
    app.clock.advance(SignedDuration::from_hours(24 * 7));
    // A week away ends the session; signing in again is what a person would do.
    browser.sign_in("amara", crate::helpers::PASSWORD).await;
    let page = browser.get_html(&format!("/concerns/{id}")).await;
    assert_eq!(first_next_step(&page), "Chase them");
    assert!(page.contains("Passed 4 days ago"), "{}", main_of(&page));

    // The acknowledgement came: no more chasing.
    add_event(
        &browser,
        &id,
        &[
            ("kind", "acknowledgement-received"),
            ("on_day", "27"),
            ("on_month", "11"),
            ("on_year", "2026"),
        ],
    )
    .await;
    let page = browser.get_html(&format!("/concerns/{id}")).await;
    assert_ne!(first_next_step(&page), "Chase them");
    let dashboard = browser.get_html("/dashboard").await;
    assert!(!dashboard.contains(acknowledge), "{}", main_of(&dashboard));
    assert!(dashboard.contains("Send you their answer"));
    assert!(
        page.contains("Done late, on 27 November 2026"),
        "{}",
        main_of(&page)
    );

    // An event with a bad date is shown again, notes kept.
    let response = browser
        .submit(
            &format!("/concerns/{id}/events/new"),
            &format!("/concerns/{id}/events"),
            &[
                ("id", &uuid::Uuid::now_v7().to_string()),
                ("kind", "meeting-held"),
                ("on_day", "1"),
                ("on_month", "1"),
                ("on_year", "2030"),
                ("notes", "Meeting with the matron"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("The date must be today or in the past"));
    assert!(page.contains("Meeting with the matron"));

    // Edit and delete an event (deleting asks first).
    let page = browser.get_html(&format!("/concerns/{id}")).await;
    let event = page
        .split(&format!("/concerns/{id}/events/"))
        .filter_map(|s| s.split('"').next())
        .find(|s| s.len() == 36)
        .unwrap()
        .to_owned();
    let edit = browser
        .get_html(&format!("/concerns/{id}/events/{event}"))
        .await;
    assert!(edit.contains("Change this entry"));
    let confirm = browser
        .get_html(&format!("/concerns/{id}/events/{event}/delete"))
        .await;
    assert!(confirm.contains("Delete this entry?"));
    let response = browser
        .post_raw(
            &format!("/concerns/{id}/events/{event}/delete"),
            &[("csrf", &csrf_in(&confirm))],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = browser.get_html(&format!("/concerns/{id}")).await;
    assert!(!page.contains(&format!("/concerns/{id}/events/{event}\"")));

    // The case file as a PDF, and a deadline for the calendar with an alarm.
    let pdf = browser.get(&format!("/concerns/{id}/case-file.pdf")).await;
    assert_eq!(pdf.status(), StatusCode::OK);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF-"));
    let ics = browser
        .get(&format!(
            "/concerns/{id}/deadline.ics?step=formal-complaint&limit=answer-or-explain"
        ))
        .await;
    assert_eq!(ics.status(), StatusCode::OK);
    let ics = ics.text().await.unwrap();
    assert!(ics.contains("DTSTART;VALUE=DATE:20270523"), "{ics}");
    assert!(ics.contains("BEGIN:VALARM"));
    let missing = browser
        .get(&format!("/concerns/{id}/deadline.ics?step=nope&limit=nope"))
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);

    // The dashboard lists the next deadline.
    let dashboard = browser.get_html("/dashboard").await;
    assert!(dashboard.contains("Next deadlines"));
    assert!(dashboard.contains("Results given in the corridor"));

    // Someone else sees none of it.
    let other = app.signed_in("bola").await;
    for path in [
        format!("/concerns/{id}"),
        format!("/concerns/{id}/edit"),
        format!("/concerns/{id}/pathway"),
        format!("/concerns/{id}/case-file.pdf"),
        format!("/concerns/{id}/events/new"),
        format!("/concerns/{id}/delete"),
    ] {
        assert_eq!(
            other.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let response = other
        .submit(
            "/concerns",
            &format!("/concerns/{id}/events"),
            &[
                ("kind", "other"),
                ("on_day", "1"),
                ("on_month", "11"),
                ("on_year", "2026"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(!other.get_html("/concerns").await.contains("corridor"));

    // Changing the status closes it: no more suggestions.
    let edit = browser.get_html(&format!("/concerns/{id}/edit")).await;
    let response = browser
        .post_raw(
            &format!("/concerns/{id}/edit"),
            &[
                ("csrf", &csrf_in(&edit)),
                ("version", &hidden_value(&edit, "version")),
                ("title", &input_value(&edit, "title")),
                ("nation", "england"),
                ("setting", "hospital"),
                ("happened_on_day", "2"),
                ("happened_on_month", "11"),
                ("happened_on_year", "2026"),
                ("status", "resolved"),
                (
                    "outcome",
                    "They apologised and changed how results are given.",
                ),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = browser.get_html(&format!("/concerns/{id}")).await;
    assert!(page.contains("Nothing is suggested right now."));
    assert!(page.contains("They apologised and changed how results are given."));
    // Put right: its deadlines leave the dashboard.
    let dashboard = browser.get_html("/dashboard").await;
    assert!(
        !dashboard.contains("Next deadlines"),
        "{}",
        main_of(&dashboard)
    );
    app.stop().await;
}

both_engines!(a_letter_about_a_concern_joins_its_timeline, letter_story);
async fn letter_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("amara").await;
    let id = open_concern(&browser).await;
    let choose = browser
        .get_html(&format!("/letters/new?kind=formal-complaint&concern={id}"))
        .await;
    assert!(choose.contains(&format!("name=\"concern\" value=\"{id}\"")));
    let response = browser
        .post_raw(
            "/letters",
            &[
                ("csrf", &csrf_in(&choose)),
                ("id", &uuid::Uuid::now_v7().to_string()),
                ("kind", "formal-complaint"),
                ("concern", &id),
                ("nation", "england"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let letter = location(&response);
    let edit = browser.get_html(&letter).await;
    // The draft carries what the concern says.
    assert!(edit.contains("The registrar told me my scan results in the corridor."));
    assert!(edit.contains("cried on the bus home"));

    // Pick the recipient from the directory.
    let letter_id = letter.trim_start_matches("/letters/").to_owned();
    let directory = browser
        .get_html(&format!(
            "/directory?q=ombudsman&nation=scotland&letter={letter_id}"
        ))
        .await;
    assert!(directory.contains("Scottish Public Services Ombudsman"));
    assert!(!directory.contains("Parliamentary and Health Service Ombudsman"));
    let organisation = hidden_value(&directory, "organisation");
    let response = browser
        .post_raw(
            &format!("/letters/{letter_id}/recipient"),
            &[
                ("csrf", &csrf_in(&directory)),
                ("organisation", &organisation),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let edit = browser.get_html(&location(&response)).await;
    assert!(edit.contains("value=\"Scottish Public Services Ombudsman\""));

    // Before it is sent, the dashboard says the complaint is still to make.
    let dashboard = browser.get_html("/dashboard").await;
    assert!(
        dashboard.contains("Make your formal complaint"),
        "{}",
        main_of(&dashboard)
    );

    // Marked as sent, it is on the concern's timeline and counts as the complaint.
    let preview = browser
        .get_html(&format!("/letters/{letter_id}/preview"))
        .await;
    let response = browser
        .post_raw(
            &format!("/letters/{letter_id}/sent"),
            &[
                ("csrf", &csrf_in(&preview)),
                ("day", "20"),
                ("month", "11"),
                ("year", "2026"),
                ("by", "post"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = browser.get_html(&format!("/concerns/{id}")).await;
    assert!(
        page.contains("Letter sent: Formal complaint"),
        "{}",
        main_of(&page)
    );
    assert!(page.contains(&format!("/letters/{letter_id}/preview")));
    assert!(
        page.contains("Done on 20 November 2026"),
        "{}",
        main_of(&page)
    );
    // The dashboard follows the letter: now they must acknowledge it.
    let dashboard = browser.get_html("/dashboard").await;
    assert!(
        !dashboard.contains("Make your formal complaint"),
        "{}",
        main_of(&dashboard)
    );
    assert!(dashboard.contains("Tell you they have your complaint"));

    // The case file carries the letter as an appendix.
    let pdf = browser.get(&format!("/concerns/{id}/case-file.pdf")).await;
    let pdf = pdf.bytes().await.unwrap();
    if let Some(text) = crate::letters::pdf_text(&pdf) {
        assert!(text.contains("Appendix 1"), "{text}");
        assert!(
            text.contains("The registrar told me my scan results"),
            "{text}"
        );
    } else {
        eprintln!("pdftotext is not installed: the case file's text was not checked");
    }
    app.stop().await;
}

both_engines!(a_calendar_feed_is_refused_once_replaced, feed_story);
async fn feed_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("amara").await;
    let _ = open_concern(&browser).await;
    let settings = browser.get_html("/account/calendar").await;
    assert!(settings.contains("You do not have a calendar feed."));
    let response = browser
        .post_raw(
            "/account/calendar",
            &[("csrf", &csrf_in(&settings)), ("action", "create")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let settings = browser.get_html("/account/calendar").await;
    let address = input_value(&settings, "feed-address");
    let path = address
        .split_once("/calendar/")
        .map(|(_, t)| format!("/calendar/{t}"))
        .unwrap();

    // A calendar app has no session: the address is the key.
    let app_client = app.browser();
    let feed = app_client.get(&path).await;
    assert_eq!(feed.status(), StatusCode::OK);
    assert_eq!(feed.headers()["cache-control"], "no-store, private");
    let text = feed.text().await.unwrap();
    assert!(text.contains("SUMMARY:Heard: deadline"), "{text}");
    assert!(!text.contains("corridor"), "no health details by default");

    // Details on: the deadline says what it is.
    browser
        .post_raw(
            "/account/calendar",
            &[
                ("csrf", &csrf_in(&settings)),
                ("action", "details"),
                ("details", "on"),
            ],
        )
        .await;
    let text = app_client.get(&path).await.text().await.unwrap();
    assert!(text.contains("Make your formal complaint"), "{text}");

    // Replaced: the old address is refused, the new one works.
    browser
        .post_raw(
            "/account/calendar",
            &[("csrf", &csrf_in(&settings)), ("action", "replace")],
        )
        .await;
    assert_eq!(app_client.get(&path).await.status(), StatusCode::NOT_FOUND);
    let settings = browser.get_html("/account/calendar").await;
    let new_address = input_value(&settings, "feed-address");
    assert_ne!(new_address, address);
    let new_path = new_address
        .split_once("/calendar/")
        .map(|(_, t)| format!("/calendar/{t}"))
        .unwrap();
    assert_eq!(app_client.get(&new_path).await.status(), StatusCode::OK);

    // Turned off: refused.
    browser
        .post_raw(
            "/account/calendar",
            &[("csrf", &csrf_in(&settings)), ("action", "remove")],
        )
        .await;
    assert_eq!(
        app_client.get(&new_path).await.status(),
        StatusCode::NOT_FOUND
    );
    app.stop().await;
}

both_engines!(the_pathway_and_directory_are_shown, pathway_story);
async fn pathway_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("amara").await;
    let id = open_concern(&browser).await;
    let page = browser.get_html(&format!("/concerns/{id}/pathway")).await;
    for step in [
        "Talk to the team that cares for you",
        "Ask PALS for help",
        "Make a formal complaint",
        "Get free help from an NHS complaints advocate",
        "Share your experience with Healthwatch",
        "Ask the ombudsman to look at your complaint",
    ] {
        assert!(page.contains(step), "{step}");
    }
    assert!(page.contains("3 working days"));
    assert!(page.contains("Changing"), "the Healthwatch notice");
    // The urgent review comes first, above the numbered route; the other routes beside it come
    // after; neither is numbered.
    let (urgent, rest) = page.split_once("Step 1").expect("a numbered route");
    assert!(
        urgent.contains("Ask for an urgent review (Martha&#39;s Rule)"),
        "{urgent}"
    );
    let (route, beside) = rest.split_once("id=\"beside\"").expect("the other routes");
    assert!(!beside.contains("Step "), "{beside}");
    for other in [
        "duty of candour",
        "professional regulator",
        "Get advice about a claim for compensation",
    ] {
        assert!(beside.contains(other), "{other}");
        assert!(!route.contains(other), "{other} is not a stage");
    }
    assert!(
        beside.contains("https://www.avma.org.uk/"),
        "AvMA for a claim"
    );
    assert!(page.contains("https://www.ombudsman.org.uk/"));
    let all = browser.get_html("/directory").await;
    let wales = browser.get_html("/directory?nation=wales").await;
    assert!(
        all.matches("class=\"card organisation\"").count()
            > wales.matches("class=\"card organisation\"").count()
    );
    assert!(wales.contains("Public Services Ombudsman for Wales"));
    let none = browser.get_html("/directory?q=zzzzzz").await;
    assert!(none.contains("Nothing matches"));

    // Close to the 12-month limit there is a warning; past it, what can still be done.
    for (day, month, year, expected) in [
        ("1", "12", "2025", "This time limit is close."),
        ("1", "10", "2025", "you can still ask for it to be extended"),
    ] {
        let response = browser
            .submit(
                "/concerns/new",
                "/concerns",
                &[
                    ("id", &uuid::Uuid::now_v7().to_string()),
                    ("title", "An old problem"),
                    ("nation", "wales"),
                    ("setting", "gp"),
                    ("happened_on_day", day),
                    ("happened_on_month", month),
                    ("happened_on_year", year),
                ],
            )
            .await;
        let page = browser.get_html(&location(&response)).await;
        assert!(
            page.contains(expected),
            "{year}-{month}: {}",
            main_of(&page)
        );
    }

    // From an appointment's "what next": the concern starts linked to it, dated that day.
    let (consultation, _) = crate::room::past_consultation(&browser).await;
    let next = browser
        .get_html(&format!("/consultations/{consultation}/next"))
        .await;
    assert!(next.contains(&format!("/concerns/new?consultation={consultation}")));
    let form = browser
        .get_html(&format!("/concerns/new?consultation={consultation}"))
        .await;
    assert!(form.contains(&format!("value=\"{consultation}\" checked")));
    assert!(!input_value(&form, "happened_on_day").is_empty());
    // Someone else's appointment id links nothing.
    let other = app.signed_in("bola").await;
    let form = other
        .get_html(&format!("/concerns/new?consultation={consultation}"))
        .await;
    assert!(!form.contains(&consultation));
    app.stop().await;
}
