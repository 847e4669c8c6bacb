//! CSRF, security headers, error pages, and what reaches the database and the logs.

use heard_store::both_engines;
use heard_store::testing::TestDatabase;
use reqwest::StatusCode;

use crate::helpers::{PASSWORD, csrf_in, logs, main_of, spawn_app};

both_engines!(a_post_without_a_valid_csrf_token_is_refused, csrf_story);
async fn csrf_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("kim").await;

    // No token at all.
    let response = browser.post_raw("/notes", &[("text", "forged")]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("This form could not be sent")
    );

    // A wrong token: refused, but what was typed is shown back to send again.
    let response = browser
        .post_raw(
            "/notes",
            &[
                ("csrf", &"0".repeat(64)),
                ("text", "typed before signing in again"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Check and send again")
    );
    assert!(
        browser
            .get_html("/dashboard")
            .await
            .contains("You have no notes yet.")
    );

    // Signing out needs the token too, so another site cannot sign someone out.
    assert_eq!(
        browser.post_raw("/sign-out", &[]).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(browser.get("/dashboard").await.status(), StatusCode::OK);

    // A signed-out form (sign in) needs the token from its cookie.
    let stranger = app.browser();
    stranger.get("/sign-in").await;
    let response = stranger
        .post_raw("/sign-in", &[("username", "kim"), ("password", PASSWORD)])
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    // The right token from another site is still refused.
    let page = browser.get_html("/dashboard").await;
    let response = browser
        .client
        .post(browser.url("/notes"))
        .header("sec-fetch-site", "cross-site")
        .form(&[
            ("csrf", csrf_in(&page).as_str()),
            ("text", "from elsewhere"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = browser
        .client
        .post(browser.url("/notes"))
        .header("origin", "https://evil.example")
        .form(&[
            ("csrf", csrf_in(&page).as_str()),
            ("text", "from elsewhere"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(
        browser
            .get_html("/dashboard")
            .await
            .contains("You have no notes yet.")
    );
    app.stop().await;
}

both_engines!(nothing_private_reaches_the_database_or_logs, canary_story);
async fn canary_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let canary = format!("canary-{}", uuid::Uuid::new_v4().simple());
    let password = format!("secret {canary} words");
    let browser = app.browser();
    assert_eq!(
        browser
            .register(&format!("owner{}", &canary[7..15]), &password)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let id = browser.add_note(&format!("My note {canary}")).await;
    assert!(
        browser
            .get_html(&format!("/notes/{id}/edit"))
            .await
            .contains(&canary)
    );

    // Another person asking for it gets a plain not-found.
    let other = app.signed_in("someone").await;
    let response = other.get(&format!("/notes/{id}/edit")).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(!response.text().await.unwrap().contains(&canary));
    app.stop().await;

    let stored = db.everything_stored().await;
    assert!(stored.len() > 1000);
    let found = stored.windows(canary.len()).any(|w| w == canary.as_bytes());
    assert!(
        !found,
        "the canary (in a note and a password) is readable in the database"
    );
    assert!(!logs().contains(&canary), "the canary reached the logs");
}

both_engines!(every_response_carries_security_headers, headers_story);
async fn headers_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("lee").await;
    let page = browser.get("/dashboard").await;
    let css_path = {
        let html = browser.get_html("/dashboard").await;
        let start = html.find("/assets/heard.").unwrap();
        html[start..start + html[start..].find('"').unwrap()].to_owned()
    };
    let asset = browser
        .client
        .get(browser.url(&css_path))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    let missing = browser.get("/no/such/page").await;
    for response in [&page, &asset, &missing] {
        let h = response.headers();
        let csp = h.get("content-security-policy").unwrap().to_str().unwrap();
        for part in [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(part), "{part} missing from {csp}");
        }
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
        assert_eq!(h.get("referrer-policy").unwrap(), "no-referrer");
    }
    assert_eq!(page.headers().get("cache-control").unwrap(), "no-store");
    assert_eq!(
        asset.headers().get("cache-control").unwrap(),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(asset.headers().get("content-encoding").unwrap(), "gzip");
    // No inline scripts or styles in the page itself.
    let html = browser.get_html("/dashboard").await;
    assert!(!html.contains("<script>") && !html.contains("<style") && !html.contains(" style=\""));
    assert!(!html.contains("onclick") && !html.contains("onload"));
    app.stop().await;
}

both_engines!(
    errors_are_friendly_and_say_nothing_internal,
    error_pages_story
);
async fn error_pages_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.browser();
    let response = browser.get("/no/such/page").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let page = response.text().await.unwrap();
    assert!(page.contains("Page not found") && page.contains("href=\"/\""));

    // A body axum cannot parse (a JSON body to a form route) gets our page, not its message.
    let signed_in = app.signed_in("quinn").await;
    let page = signed_in.get_html("/dashboard").await;
    let response = signed_in
        .client
        .post(signed_in.url("/notes"))
        .header("x-csrf-token", csrf_in(&page))
        .header("content-type", "application/json")
        .body("{\"text\": 5}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let page = response.text().await.unwrap();
    assert!(main_of(&page).contains("That could not be read"));
    for internal in [
        "Failed to",
        "deserialize",
        "Content-Type",
        "axum",
        "sqlx",
        "panicked",
    ] {
        assert!(
            !page.contains(internal),
            "{internal} leaked into an error page"
        );
    }

    // An unknown method on a known path is a not-found page.
    let response = browser
        .client
        .put(browser.url("/dashboard"))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_client_error());
    assert!(response.text().await.unwrap().contains("<main"));
    app.stop().await;
}

both_engines!(
    control_characters_are_taken_out_of_what_is_typed,
    control_characters_story
);
async fn control_characters_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("noor").await;
    // A NUL and an escape code go; a tab and line breaks stay.
    let id = browser
        .add_note("before\u{0}after\u{1b}\ttab\r\nline")
        .await;
    let page = browser.get_html(&format!("/notes/{id}/edit")).await;
    assert!(
        page.contains(">beforeafter\ttab\nline</textarea>"),
        "{}",
        main_of(&page)
    );
    // A question with a NUL used to make the consultation's sheet fail for ever.
    let (consultation, _) = crate::room::past_consultation(&browser).await;
    let questions = browser
        .get_html(&format!("/consultations/{consultation}/questions"))
        .await;
    let response = browser
        .post_raw(
            &format!("/consultations/{consultation}/questions"),
            &[
                ("csrf", &csrf_in(&questions)),
                ("id", &crate::helpers::hidden_value(&questions, "id")),
                ("text", "What happens\u{0} next?"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let pdf = browser
        .get(&format!("/consultations/{consultation}/sheet.pdf"))
        .await;
    assert_eq!(pdf.status(), StatusCode::OK);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    app.stop().await;
}

both_engines!(
    absolute_addresses_come_from_the_public_url,
    public_url_story
);
async fn public_url_story(db: &TestDatabase) {
    let feed_page = |browser: &crate::helpers::Browser, host: Option<&'static str>| {
        let mut request = browser.client.get(browser.url("/account/calendar"));
        if let Some(host) = host {
            request = request.header("host", host);
        }
        async move { request.send().await.unwrap().text().await.unwrap() }
    };
    // Without --public-url: a loopback address is trusted, any other Host is not.
    let app = spawn_app(db).await;
    let browser = app.signed_in("hana").await;
    browser
        .submit(
            "/account/calendar",
            "/account/calendar",
            &[("action", "create")],
        )
        .await;
    let page = feed_page(&browser, None).await;
    assert!(
        page.contains("value=\"http://127.0.0.1:"),
        "{}",
        main_of(&page)
    );
    let page = feed_page(&browser, Some("evil.example")).await;
    assert!(
        !page.contains("evil.example/calendar"),
        "{}",
        main_of(&page)
    );
    assert!(page.contains("has not been told the web address"));
    assert!(logs().contains("start Heard with --public-url"));
    app.stop().await;
    // With it, every absolute address starts with it, whatever Host says.
    let config = heard_web::WebConfig {
        public_url: Some("https://heard.example.org".parse().unwrap()),
        ..Default::default()
    };
    let app = crate::helpers::spawn_app_with(db, config).await;
    let browser = app.browser();
    assert_eq!(
        browser.sign_in("hana", PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    let page = feed_page(&browser, Some("evil.example")).await;
    assert!(
        page.contains("value=\"https://heard.example.org/calendar/"),
        "{}",
        main_of(&page)
    );
    app.stop().await;
}

both_engines!(an_untrusted_proxy_is_pointed_out, proxy_warning_story);
async fn proxy_warning_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let response = app
        .browser()
        .client
        .get(app.address.clone() + "/")
        .header("x-forwarded-for", "203.0.113.8")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(logs().contains("but --trust-proxy-headers is off"));
    app.stop().await;
}

both_engines!(include_subdomains_is_the_operators_choice, hsts_story);
async fn hsts_story(db: &TestDatabase) {
    for (include, expected) in [
        (false, "max-age=31536000"),
        (true, "max-age=31536000; includeSubDomains"),
    ] {
        let config = heard_web::WebConfig {
            secure_cookies: true,
            hsts_include_subdomains: include,
            ..Default::default()
        };
        let app = crate::helpers::spawn_app_with(db, config).await;
        let response = app.browser().get("/").await;
        assert_eq!(response.headers()["strict-transport-security"], expected);
        app.stop().await;
    }
}

both_engines!(experience_pages_log_no_user_ids, experience_logs_story);
async fn experience_logs_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let author = app.signed_in("kofi").await;
    let response = author
        .submit(
            "/experiences/new",
            "/experiences",
            &[
                ("title", "Logged nowhere"),
                ("body", "The clinic was kind to me."),
                ("share_anyway", "yes"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let mine = author.get_html("/experiences/mine").await;
    let action = mine
        .split("action=\"")
        .find(|rest| rest.starts_with("/experiences/") && rest.contains("/withdraw"))
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    assert_eq!(
        author
            .submit("/experiences/mine", &action, &[])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    app.stop().await;
    // Nothing logged while an experience page was served names a person.
    let logs = logs();
    let lines: Vec<&str> = logs
        .lines()
        .filter(|l| l.contains("route=\"/experiences") || l.contains("route=\"/moderation"))
        .collect();
    assert!(!lines.is_empty(), "the experience requests were logged");
    for line in lines {
        assert!(!line.contains("user.id"), "{line}");
    }
}

both_engines!(
    another_persons_ids_change_nothing_for_the_owner,
    id_squatting_story
);
/// Ids are chosen by the browser or made from another id (the reflection's from its
/// consultation's). Someone who learns the owner's ids (from a calendar file, say) and makes
/// records with them first must change nothing for the owner, and learn nothing either.
async fn id_squatting_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let owner = app.signed_in("oona").await;
    let squatter = app.signed_in("sam").await;
    let (consultation, questions) = crate::room::past_consultation(&owner).await;
    let note = owner.add_note("the owner’s note").await;

    // The squatter makes a consultation with the owner's id, and one with a fresh id: the same
    // answer either way, so nothing says whether the owner has that id.
    let make = |id: String| {
        let squatter = &squatter;
        async move {
            let form = squatter.get_html("/consultations/new").await;
            squatter
                .post_raw(
                    "/consultations",
                    &[
                        ("csrf", &csrf_in(&form)),
                        ("id", &id),
                        ("day", "1"),
                        ("month", "11"),
                        ("year", "2026"),
                        ("time", "10am"),
                        ("place", "hospital-or-clinic"),
                        ("role", "oncologist"),
                        ("kind", "test-results"),
                    ],
                )
                .await
        }
    };
    let taken = make(consultation.clone()).await;
    let fresh_id = uuid::Uuid::now_v7().to_string();
    let fresh = make(fresh_id.clone()).await;
    assert_eq!(taken.status(), StatusCode::SEE_OTHER);
    assert_eq!(taken.status(), fresh.status());
    assert_eq!(
        crate::helpers::location(&taken).replace(&consultation, "ID"),
        crate::helpers::location(&fresh).replace(&fresh_id, "ID")
    );
    // ...and reflects on it first, taking the reflection's derived id, and takes the note's id.
    let reflect = format!("/consultations/{consultation}/reflect/listened");
    assert_eq!(
        squatter
            .submit(&reflect, &reflect, &[("answer", "yes")])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    squatter
        .add_note_with_id(&note, "the squatter’s note")
        .await;

    // The owner's journeys work as before, with the owner's own records.
    assert_eq!(
        owner
            .submit(&reflect, &reflect, &[("answer", "no")])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let page = owner
        .get_html(&format!("/consultations/{consultation}/next"))
        .await;
    assert!(!page.contains("the squatter"));
    let summary = owner
        .get_html(&format!("/consultations/{consultation}"))
        .await;
    assert!(summary.contains("What did the scan show?"));
    assert_eq!(questions.len(), 2);
    let edit = owner.get_html(&format!("/notes/{note}/edit")).await;
    assert!(edit.contains(">the owner’s note</textarea>"));
    // The squatter sees only their own.
    let theirs = squatter.get_html(&format!("/notes/{note}/edit")).await;
    assert!(theirs.contains(">the squatter’s note</textarea>"));
    let theirs = squatter
        .get_html(&format!("/consultations/{consultation}"))
        .await;
    assert!(!theirs.contains("What did the scan show?"));
    app.stop().await;
}
