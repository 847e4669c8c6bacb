//! Where Heard sends people after signing in, and where it sends a form kept through sign-in:
//! only ever a path on this site.

use heard_store::both_engines;
use heard_store::testing::TestDatabase;
use reqwest::StatusCode;

use crate::helpers::{Browser, PASSWORD, csrf_in, hidden_value, location, spawn_app};

/// Values an attacker might put in `next`, raw and encoded: each must end on the dashboard.
fn hostile() -> Vec<String> {
    let mut values: Vec<String> = [
        "//evil.example",
        "///evil.example",
        "//evil.example/%2f..",
        "/\\evil.example",
        "/\\/evil.example",
        "\\\\evil.example",
        "/\\\\evil.example",
        "/\t/evil.example",
        "/%09/evil.example",
        "/\n/evil.example",
        "/%0a/evil.example",
        "/\r\n/evil.example",
        "/%0d%0aSet-Cookie:%20x=1",
        "/\u{0}/evil.example",
        "/%00/evil.example",
        "/ /evil.example",
        " //evil.example",
        "/\u{3000}/evil.example",
        "/%E3%80%80/evil.example",
        "/\u{2028}/evil.example",
        "/%2f%2fevil.example",
        "/%2F%2Fevil.example",
        "%2f%2fevil.example",
        "/%5cevil.example",
        "/.//evil.example",
        "/..//evil.example",
        "https://evil.example",
        "http:evil.example",
        "https:/evil.example",
        "@evil.example",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "dashboard",
        "//",
        "",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    values.push(format!("/{}", "a".repeat(3000)));
    values
}

/// Values that stay on this site however odd they look: followed as they resolve.
const SAFE: &[(&str, &str)] = &[
    ("/notes/1/edit?x=1", "/notes/1/edit?x=1"),
    ("/directory?q=st+mary%27s", "/directory?q=st+mary%27s"),
    (
        "/consultations/abc/room#question-2",
        "/consultations/abc/room",
    ),
    ("/@evil.example", "/@evil.example"),
    ("/javascript:alert(1)", "/javascript:alert(1)"),
    ("/notes/../dashboard", "/dashboard"),
];

async fn sign_in_with_next(app: &crate::helpers::TestApp, next: &str) -> String {
    let browser: Browser = app.browser();
    let page = browser.get_html("/sign-in").await;
    let response = browser
        .post_raw(
            "/sign-in",
            &[
                ("csrf", &csrf_in(&page)),
                ("username", "riley"),
                ("password", PASSWORD),
                ("next", next),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "next = {next:?}");
    location(&response)
}

both_engines!(signing_in_only_returns_to_this_site, redirect_story);
async fn redirect_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    app.signed_in("riley").await;
    let hostile = hostile();
    assert!(hostile.len() >= 30);
    for next in &hostile {
        assert_eq!(
            sign_in_with_next(&app, next).await,
            "/dashboard",
            "next = {next:?}"
        );
        // The sign-in page does not carry it into its form either.
        let url = format!(
            "/sign-in?{}",
            serde_urlencoded::to_string([("next", next)]).unwrap()
        );
        let page = app.browser().get_html(&url).await;
        assert_eq!(hidden_value(&page, "next"), "", "next = {next:?}");
    }
    for (next, followed) in SAFE {
        assert_eq!(
            sign_in_with_next(&app, next).await,
            *followed,
            "next = {next:?}"
        );
    }
    app.stop().await;
}

both_engines!(a_kept_form_goes_only_to_this_site, kept_form_story);
async fn kept_form_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    app.signed_in("sasha").await;
    // A form kept through sign-in with a path elsewhere is not offered again.
    for action in [
        "//evil.example/notes",
        "/\t/evil.example",
        "https://evil.example/notes",
    ] {
        let browser = app.browser();
        let page = browser.get_html("/sign-in").await;
        let response = browser
            .post_raw(
                "/sign-in",
                &[
                    ("csrf", &csrf_in(&page)),
                    ("username", "sasha"),
                    ("password", PASSWORD),
                    ("kept", "text=typed+before"),
                    ("kept_action", action),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{action:?}");
        assert_eq!(location(&response), "/dashboard");
    }
    // A path on this site is offered again, to be sent with this session's token...
    let browser = app.browser();
    let page = browser.get_html("/sign-in").await;
    let response = browser
        .post_raw(
            "/sign-in",
            &[
                ("csrf", &csrf_in(&page)),
                ("username", "sasha"),
                ("password", PASSWORD),
                ("kept", "text=typed+before"),
                ("kept_action", "/notes"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let resume = response.text().await.unwrap();
    assert!(resume.contains("action=\"/notes\"") && resume.contains("typed before"));
    // ...and the token is checked there like anywhere: without it, nothing is saved.
    let refused = browser
        .post_raw("/notes", &[("text", "typed before")])
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let sent = browser
        .post_raw(
            "/notes",
            &[("csrf", &csrf_in(&resume)), ("text", "typed before")],
        )
        .await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    assert!(browser.get_html("/notes").await.contains("typed before"));
    app.stop().await;
}
