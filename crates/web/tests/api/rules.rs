//! The rules of 2026 over HTTP: a capped time limit in Scotland and Northern Ireland, the reply
//! date of a request for records as the organisation's answers move it, the time limit for a
//! claim where harm is recorded, Jess's Rule on a third GP visit, Martha's Rule one tap from the
//! front door, every date explained, and `/rules` listing every limit.

use heard_store::both_engines;
use heard_store::testing::TestDatabase;
use reqwest::StatusCode;

use crate::helpers::{Browser, csrf_in, hidden_value, location, main_of, spawn_app};

/// Opens a concern with these dates (day, month, year) and returns its case file's HTML.
async fn case_file(
    browser: &Browser,
    nation: &str,
    happened: (&str, &str, &str),
    aware: Option<(&str, &str, &str)>,
    harmed: bool,
) -> (String, String) {
    let id = uuid::Uuid::now_v7().to_string();
    let mut fields = vec![
        ("id", id.as_str()),
        ("title", "Scan results delayed"),
        ("nation", nation),
        ("setting", "hospital"),
        ("happened_on_day", happened.0),
        ("happened_on_month", happened.1),
        ("happened_on_year", happened.2),
    ];
    if let Some((d, m, y)) = aware {
        fields.extend([
            ("aware_on_day", d),
            ("aware_on_month", m),
            ("aware_on_year", y),
        ]);
    }
    if harmed {
        fields.push(("harmed", "yes"));
    }
    let response = browser.submit("/concerns/new", "/concerns", &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{nation}");
    let page = browser.get_html(&location(&response)).await;
    (id, page)
}

/// The text of the case file's deadline whose heading contains `what`.
fn deadline<'a>(page: &'a str, what: &str) -> &'a str {
    page.split("<li class=\"deadline")
        .skip(1)
        .find(|item| {
            item.split("</h3>")
                .next()
                .is_some_and(|heading| heading.contains(what))
        })
        .and_then(|item| item.split("id=\"timeline-section\"").next())
        .unwrap_or_else(|| panic!("no deadline for {what:?} in\n{}", main_of(page)))
}

both_engines!(a_concern_found_out_late_shows_the_capped_date, capped_story);
async fn capped_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("morag").await;

    // Scotland: it happened on 5 January 2026, found out on 10 September. Six months from
    // finding out is 10 March 2027, but no later than 12 months after it happened: 5 January.
    let (_, page) = case_file(
        &browser,
        "scotland",
        ("5", "1", "2026"),
        Some(("10", "9", "2026")),
        false,
    )
    .await;
    let complain = deadline(&page, "Make your");
    assert!(complain.contains("By 5 January 2027"), "{complain}");
    assert!(!complain.contains("By 10 March 2027"), "{complain}");
    // Explained, without scripts: the rule, the start, the count, the cap, the source.
    for line in [
        "How we worked this out",
        "the day you found out, which was later than the day it happened",
        "Wednesday 10 March 2027",
        "But it must be no later than 12 months after the day it happened",
        "So the date is Tuesday 5 January 2027",
        "Amendment Regulations 2016, regulation 2 (amends regulation 5, the period for raising a complaint), legislation.gov.uk, read on 29 November 2026",
    ] {
        assert!(complain.contains(line), "{line:?} missing from\n{complain}");
    }
    assert!(
        complain.contains("<details class=\"explain\">"),
        "{complain}"
    );

    // Found out soon after: the 6 months stand, and the explanation says the cap was not needed.
    let (_, page) = case_file(
        &browser,
        "scotland",
        ("5", "1", "2026"),
        Some(("2", "2", "2026")),
        false,
    )
    .await;
    let complain = deadline(&page, "Make your");
    assert!(complain.contains("By 2 August 2026"), "{complain}");
    assert!(
        complain.contains("The date above is earlier, so it stands"),
        "{complain}"
    );

    // Northern Ireland: the same cap.
    let (_, page) = case_file(
        &browser,
        "northern-ireland",
        ("2", "2", "2026"),
        Some(("1", "10", "2026")),
        false,
    )
    .await;
    let complain = deadline(&page, "Make your");
    assert!(complain.contains("By 2 February 2027"), "{complain}");
    assert!(complain.contains("no later than 12 months"), "{complain}");

    // England has no cap: 12 months from finding out.
    let (_, page) = case_file(
        &browser,
        "england",
        ("5", "1", "2026"),
        Some(("10", "9", "2026")),
        false,
    )
    .await;
    let complain = deadline(&page, "Make your");
    assert!(complain.contains("By 10 September 2027"), "{complain}");
    assert!(!complain.contains("no later than"), "{complain}");
}

both_engines!(harm_recorded_shows_the_clock_for_a_claim, claim_story);
async fn claim_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("sian").await;
    // Without harm recorded, nothing about claims.
    let (_, page) = case_file(&browser, "wales", ("4", "3", "2026"), None, false).await;
    assert!(
        !page.contains("claim for compensation"),
        "{}",
        main_of(&page)
    );

    // Recorded through the form's checkbox: 3 years from when they found out.
    let (_, page) = case_file(
        &browser,
        "wales",
        ("4", "3", "2026"),
        Some(("20", "4", "2026")),
        true,
    )
    .await;
    let main = main_of(&page);
    let claim = main
        .split("id=\"claim-heading\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("the claim section");
    assert!(claim.contains("Usually by 20 April 2029"), "{claim}");
    assert!(claim.contains("does not stop the clock"), "{claim}");
    assert!(claim.contains("not legal advice"), "{claim}");
    assert!(
        claim.contains("Limitation Act 1980 (section 11(4))"),
        "{claim}"
    );
    assert!(claim.contains("redress"), "the Welsh note: {claim}");
    assert!(
        claim.contains("href=\"/guidance/compensation-claims-and-time-limits\""),
        "{claim}"
    );
    assert!(
        main.contains("You think your care harmed you"),
        "the summary row"
    );

    // The PDF carries it too.
    let (id, _) = case_file(
        &browser,
        "wales",
        ("4", "3", "2026"),
        Some(("20", "4", "2026")),
        true,
    )
    .await;
    let pdf = browser.get(&format!("/concerns/{id}/case-file.pdf")).await;
    assert_eq!(pdf.status(), StatusCode::OK);
    let pdf = pdf.bytes().await.unwrap();
    match crate::letters::pdf_text(&pdf) {
        Some(text) => {
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains("Usually by 20 April 2029"), "{flat}");
            assert!(flat.contains("How we worked this out"), "{flat}");
            assert!(flat.contains("section 11(4)"), "{flat}");
        }
        None => eprintln!("pdftotext is not installed: the PDF's text was not checked"),
    }

    // Scotland's rule comes from its own law.
    let (_, page) = case_file(&browser, "scotland", ("4", "3", "2026"), None, true).await;
    assert!(
        page.contains("Prescription and Limitation (Scotland) Act 1973 (section 17(2))"),
        "{}",
        main_of(&page)
    );
    assert!(page.contains("Usually by 4 March 2029"));
}

/// Starts a request for records from a fresh consultation and marks it sent; returns its id.
async fn sent_request(browser: &Browser, by: &str, day: &str) -> String {
    let (consultation, _) = crate::room::past_consultation(browser).await;
    let id = crate::letters::start_letter(browser, "subject-access-request", &consultation).await;
    let response = browser
        .submit(
            &format!("/letters/{id}/preview"),
            &format!("/letters/{id}/sent"),
            &[("day", day), ("month", "11"), ("year", "2026"), ("by", by)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    id
}

/// The "When they must reply" section of the letter page.
async fn reply_section(browser: &Browser, id: &str) -> String {
    let page = browser.get_html(&format!("/letters/{id}/preview")).await;
    page.split("id=\"request-heading\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap_or_else(|| panic!("no reply section in\n{}", main_of(&page)))
        .to_owned()
}

async fn record(browser: &Browser, id: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    browser
        .submit(
            &format!("/letters/{id}/preview"),
            &format!("/letters/{id}/request"),
            fields,
        )
        .await
}

both_engines!(
    a_request_for_records_is_due_a_month_after_it_arrived,
    request_story
);
async fn request_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("olu").await;

    // Posted on Thursday 5 November: until the arrival is known, counted from posting.
    let id = sent_request(&browser, "post", "5").await;
    let section = reply_section(&browser, &id).await;
    assert!(!section.contains("Their reply is due by Saturday 5 December 2026."));
    assert!(
        section.contains("Their reply is due by Monday 7 December 2026"),
        "a Saturday moves to Monday: {section}"
    );
    assert!(section.contains("the day you posted it"), "{section}");
    assert!(
        section.contains("Saturday 5 December 2026: weekend"),
        "{section}"
    );

    // It arrived on Monday 9 November: a month later is Wednesday 9 December.
    let response = record(
        &browser,
        &id,
        &[
            ("received_day", "9"),
            ("received_month", "11"),
            ("received_year", "2026"),
            ("extension", "0"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let section = reply_section(&browser, &id).await;
    assert!(
        section.contains("Their reply is due by Wednesday 9 December 2026"),
        "{section}"
    );
    assert!(section.contains("the day it reached them"), "{section}");

    // They asked what exactly was wanted on 12 November: the clock stops.
    record(
        &browser,
        &id,
        &[
            ("received_day", "9"),
            ("received_month", "11"),
            ("received_year", "2026"),
            ("extension", "0"),
            ("asked_day", "12"),
            ("asked_month", "11"),
            ("asked_year", "2026"),
        ],
    )
    .await;
    let section = reply_section(&browser, &id).await;
    assert!(
        section.contains("The clock stopped on Thursday 12 November 2026"),
        "{section}"
    );

    // Answered on 18 November: 7 days do not count, 9 December becomes 16 December.
    let paused = [
        ("received_day", "9"),
        ("received_month", "11"),
        ("received_year", "2026"),
        ("asked_day", "12"),
        ("asked_month", "11"),
        ("asked_year", "2026"),
        ("answered_day", "18"),
        ("answered_month", "11"),
        ("answered_year", "2026"),
    ];
    let mut fields = paused.to_vec();
    fields.push(("extension", "0"));
    record(&browser, &id, &fields).await;
    let section = reply_section(&browser, &id).await;
    assert!(
        section.contains("Their reply is due by Wednesday 16 December 2026"),
        "{section}"
    );
    assert!(section.contains("Those 7 days do not count"), "{section}");

    // An extension of two months, told on 20 November (within the first month): 9 February
    // 2027, plus the 7 paused days: 16 February.
    let mut fields = paused.to_vec();
    fields.extend([
        ("extension", "2"),
        ("told_day", "20"),
        ("told_month", "11"),
        ("told_year", "2026"),
    ]);
    record(&browser, &id, &fields).await;
    let section = reply_section(&browser, &id).await;
    assert!(
        section.contains("Their reply is due by Tuesday 16 February 2027"),
        "{section}"
    );

    // An extension with no day it was told is refused next to the field, and what was typed
    // stays.
    let response = record(
        &browser,
        &id,
        &[
            ("received_day", "9"),
            ("received_month", "11"),
            ("received_year", "2026"),
            ("extension", "1"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Enter the day they told you they need more time"));
    assert!(
        page.contains("name=\"received_day\" type=\"text\" inputmode=\"numeric\" value=\"9\""),
        "{}",
        main_of(&page)
    );

    // Sent by email on Friday 20 November: it arrived that day; 20 December is a Sunday, so
    // Monday 21 December.
    let id = sent_request(&browser, "email", "20").await;
    let section = reply_section(&browser, &id).await;
    assert!(
        section.contains("Their reply is due by Monday 21 December 2026"),
        "{section}"
    );
    assert!(section.contains("by email, online or by hand"), "{section}");

    // Five weeks on: they said on 28 December they need two more months, after the first
    // month ended (21 December, from 20 November). It does not count, and the page says why.
    app.clock.advance(jiff::SignedDuration::from_hours(24 * 35));
    let browser = app.browser();
    browser.sign_in("olu", crate::helpers::PASSWORD).await;
    let response = record(
        &browser,
        &id,
        &[
            ("extension", "2"),
            ("told_day", "28"),
            ("told_month", "12"),
            ("told_year", "2026"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let section = reply_section(&browser, &id).await;
    assert!(
        section.contains("Their reply is due by Monday 21 December 2026"),
        "{section}"
    );
    assert!(
        section.contains("the time to say so ended on Sunday 20 December 2026"),
        "{section}"
    );
    // And it is overdue in the list of letters.
    let list = browser.get_html("/letters").await;
    assert!(list.contains("21 December 2026"), "{}", main_of(&list));
}

both_engines!(
    jess_rule_is_suggested_on_a_third_gp_visit,
    third_visit_story
);
async fn third_visit_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("jess").await;
    let mut ids = Vec::new();
    for day in ["2", "9", "16"] {
        let form = browser.get_html("/consultations/new").await;
        let response = browser
            .post_raw(
                "/consultations",
                &[
                    ("csrf", &csrf_in(&form)),
                    ("id", &hidden_value(&form, "id")),
                    ("day", day),
                    ("month", "11"),
                    ("year", "2026"),
                    ("time", "9am"),
                    ("place", "gp-practice"),
                    ("role", "gp"),
                    ("kind", "first-appointment"),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{day}");
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
        ids.push(id);
    }
    let second = browser
        .get_html(&format!("/consultations/{}", ids[1]))
        .await;
    assert!(!second.contains("Jess"), "only from the third visit");
    let third = browser
        .get_html(&format!("/consultations/{}", ids[2]))
        .await;
    assert!(
        third.contains("Your third visit about this"),
        "{}",
        main_of(&third)
    );
    assert!(third.contains("href=\"/guidance/asking-your-gp-to-think-again\""));

    // One tap adds the ready question and comes back; the suggestion then goes.
    let response = browser
        .post_raw(
            &format!("/consultations/{}/bank", ids[2]),
            &[
                ("csrf", &csrf_in(&third)),
                ("bank_id", "dt-third-visit-rethink"),
                ("from", "summary"),
            ],
        )
        .await;
    assert_eq!(
        location(&response),
        format!("/consultations/{}?done=saved", ids[2])
    );
    let third = browser
        .get_html(&format!("/consultations/{}", ids[2]))
        .await;
    assert!(
        third.contains("look at it again with fresh eyes"),
        "{}",
        main_of(&third)
    );
    assert!(!third.contains("Your third visit about this"));

    let guide = app
        .browser()
        .get_html("/guidance/asking-your-gp-to-think-again")
        .await;
    assert!(guide.contains("Jess"), "readable signed out");
}

both_engines!(
    the_urgent_route_and_the_rules_are_open_to_everyone,
    open_story
);
async fn open_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let visitor = app.browser();
    // Martha's Rule: one tap from the home page, signed out, and from the dashboard.
    let home = visitor.get_html("/").await;
    assert!(
        home.contains("href=\"/guidance/worried-in-hospital\""),
        "{home}"
    );
    let urgent = visitor.get_html("/guidance/worried-in-hospital").await;
    let main = main_of(&urgent);
    assert!(main.contains("Martha"), "{main}");
    assert!(!main.contains("<form"), "never behind a form");
    let member = app.signed_in("ana").await;
    let dashboard = member.get_html("/dashboard").await;
    assert!(dashboard.contains("href=\"/guidance/worried-in-hospital\""));

    // /rules: every limit by nation, with source, date and whether it is verified.
    let rules = visitor.get_html("/rules").await;
    let main = main_of(&rules);
    for nation in [
        "england",
        "wales",
        "scotland",
        "northern-ireland",
        "records",
    ] {
        assert!(main.contains(&format!("id=\"{nation}\"")), "{nation}");
    }
    assert!(main.contains("12 months"), "{main}");
    assert!(main.contains("no later than 12 months"), "the cap: {main}");
    assert!(main.contains("Checked against the law"));
    assert!(main.contains("Not confirmed: check with the organisation"));
    assert!(main.contains("read on 29 November 2026"));
    assert!(main.contains("Christmas Day"));
    assert!(main.contains("one calendar month from the day they received your request"));
    assert!(main.contains("A claim for compensation"));
    // Every limit in the content is on the page: each pathway's limits and claim, and the
    // reply to a request for records. Each has its own anchor.
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/pathways");
    let mut limits = 1;
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        limits += text.matches("[[steps.limits]]").count() + text.matches("\n[claim]").count();
    }
    let cards = main.matches("class=\"card rule\"").count();
    assert_eq!(cards, limits, "every limit listed");
    let mut ids: Vec<&str> = main
        .split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all, "an id is used twice");
    // Linked from the guidance index.
    let guidance = visitor.get_html("/guidance").await;
    assert!(guidance.contains("href=\"/rules\""));
}

/// The text of a formal complaint letter started from a concern.
async fn complaint_letter(browser: &Browser, concern: &str, nation: &str) -> String {
    let page = browser
        .get_html(&format!(
            "/letters/new?kind=formal-complaint&concern={concern}"
        ))
        .await;
    let response = browser
        .post_raw(
            "/letters",
            &[
                ("csrf", &csrf_in(&page)),
                ("id", &hidden_value(&page, "id")),
                ("kind", "formal-complaint"),
                ("concern", concern),
                ("nation", nation),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{nation}");
    let text = browser
        .get(&format!("{}/letter.txt", location(&response)))
        .await
        .text()
        .await
        .unwrap();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

both_engines!(
    a_complaint_letter_states_its_own_nations_rule,
    letter_rule_story
);
async fn letter_rule_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("eilidh").await;
    // Scotland, in time: 6 months, from the pathway; never England's 12 months, and no cap
    // conceded in the person's own letter.
    let (id, _) = case_file(&browser, "scotland", ("2", "11", "2026"), None, false).await;
    let letter = complaint_letter(&browser, &id, "scotland").await;
    assert!(
        letter.contains(
            "within the time limit, which is usually 6 months from when it happened, or from when I found out about it."
        ),
        "{letter}"
    );
    assert!(!letter.contains("12 months"), "{letter}");
    // England: 12 months.
    let (id, _) = case_file(&browser, "england", ("2", "11", "2026"), None, false).await;
    let letter = complaint_letter(&browser, &id, "england").await;
    assert!(
        letter.contains("usually 12 months from when it happened"),
        "{letter}"
    );
    // Scotland, late: the letter does not claim to be in time; it asks them to look anyway.
    let (id, _) = case_file(&browser, "scotland", ("2", "3", "2026"), None, false).await;
    let letter = complaint_letter(&browser, &id, "scotland").await;
    assert!(!letter.contains("within the time limit"), "{letter}");
    assert!(
        letter.contains("I know this may be later than the usual time limit, which is 6 months"),
        "{letter}"
    );
}
