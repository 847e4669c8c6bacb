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
